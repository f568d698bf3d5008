//! Data-permit applications for health data: what an application holds (the fields the European Health Data
//! Space regulation, EU 2025/327, art. 67 names, and the Swedish parts — ethics approval, legal basis under GDPR
//! arts. 6 and 9, the secrecy assessment), its sections as the data-access staff review them one by one, the
//! state machine of its statuses, and the statutory clock that pauses while a clarification is asked for.

use crate::IsoDate;
use serde::Serialize;

vocabulary! {
    /// What the data is for: the purposes art. 53(1) of the regulation permits.
    Purpose {
        /// Public interest in public and occupational health (art. 53(1)(a)).
        PublicHealth = "public_health",
        /// Policy-making and regulation in the health and care sectors (b).
        Policy = "policy",
        /// Statistics (c).
        Statistics = "statistics",
        /// Education or teaching in the health or care sectors (d).
        Education = "education",
        /// Scientific research in the health or care sectors (e).
        Research = "research",
        /// Improving the delivery of care and treatment (f).
        CareImprovement = "care_improvement",
    }
}

vocabulary! {
    /// The form of the data asked for.
    DataForm {
        /// Anonymised: no person can be identified.
        Anonymised = "anonymised",
        /// Pseudonymised: needs a justification of why anonymised data does not suffice.
        Pseudonymised = "pseudonymised",
    }
}

vocabulary! {
    /// The legal basis for processing under GDPR art. 6(1).
    Article6 {
        /// (a) consent.
        Consent = "a",
        /// (c) a legal obligation.
        LegalObligation = "c",
        /// (e) a task in the public interest or the exercise of official authority.
        PublicTask = "e",
        /// (f) legitimate interests (not for public authorities in their tasks).
        LegitimateInterest = "f",
    }
}

vocabulary! {
    /// The exception under GDPR art. 9(2) that allows processing health data.
    Article9 {
        /// (a) explicit consent.
        ExplicitConsent = "a",
        /// (g) substantial public interest.
        PublicInterest = "g",
        /// (h) health or social care.
        Care = "h",
        /// (i) public interest in public health.
        PublicHealth = "i",
        /// (j) scientific research or statistics.
        Research = "j",
    }
}

vocabulary! {
    /// The kinds of records a permit covers (the variables a project's cohort questions may use).
    Variable {
        /// Diagnoses (ICD-10).
        Conditions = "conditions",
        /// Drugs (ATC).
        Drugs = "drugs",
        /// Procedures (KVÅ).
        Procedures = "procedures",
        /// Measurements and lab values.
        Measurements = "measurements",
    }
}

vocabulary! {
    /// Where an application stands.
    Status {
        /// Being written by the applicant.
        Draft = "draft",
        /// Sent; waiting for the data-access staff.
        Submitted = "submitted",
        /// Being reviewed.
        InReview = "in_review",
        /// The staff asked the applicant to clarify; the clock is paused.
        ClarificationRequested = "clarification_requested",
        /// A permit was granted.
        Approved = "approved",
        /// A permit was granted with conditions.
        ApprovedWithConditions = "approved_with_conditions",
        /// Refused.
        Refused = "refused",
        /// Withdrawn by the applicant.
        Withdrawn = "withdrawn",
        /// A permit whose period has ended.
        Expired = "expired",
    }
}

impl Status {
    /// Whether the application is closed: no move leaves it (an approval still expires).
    pub fn is_closed(self) -> bool {
        matches!(
            self,
            Status::Approved
                | Status::ApprovedWithConditions
                | Status::Refused
                | Status::Withdrawn
                | Status::Expired
        )
    }

    /// Whether a permit was granted (and may have expired since).
    pub fn granted(self) -> bool {
        matches!(
            self,
            Status::Approved | Status::ApprovedWithConditions | Status::Expired
        )
    }
}

vocabulary! {
    /// A section of an application, as it is reviewed.
    Section {
        /// Purpose and its description.
        Purpose = "purpose",
        /// The sources, data and variables.
        Data = "data",
        /// Anonymised or pseudonymised, and why.
        Form = "form",
        /// Safeguards against misuse and re-identification.
        Safeguards = "safeguards",
        /// The period of the permit.
        Period = "period",
        /// The processing environment and tools.
        Environment = "environment",
        /// The ethics approval.
        Ethics = "ethics",
        /// The legal basis under GDPR arts. 6 and 9.
        LegalBasis = "legal_basis",
        /// The secrecy assessment.
        Secrecy = "secrecy",
    }
}

vocabulary! {
    /// A reviewer's verdict on a section.
    Verdict {
        /// The section is complete and acceptable.
        Accepted = "accepted",
        /// The applicant must clarify the section.
        NeedsClarification = "needs_clarification",
    }
}

vocabulary! {
    /// A move of an application.
    Move {
        /// The applicant sends the draft.
        Submit = "submit",
        /// The staff start reviewing.
        Take = "take",
        /// The staff ask for a clarification (a note says what).
        Clarify = "clarify",
        /// The applicant answers the clarification; the review goes on.
        Respond = "respond",
        /// The staff grant the permit.
        Approve = "approve",
        /// The staff grant the permit with conditions.
        ApproveWithConditions = "approve_with_conditions",
        /// The staff refuse, with reasons.
        Refuse = "refuse",
        /// The applicant withdraws.
        Withdraw = "withdraw",
    }
}

/// Who makes a move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Side {
    /// The researcher who applies.
    Applicant,
    /// The data-access staff.
    Staff,
}

impl Move {
    /// Who may make this move.
    pub fn side(self) -> Side {
        match self {
            Move::Submit | Move::Respond | Move::Withdraw => Side::Applicant,
            _ => Side::Staff,
        }
    }

    /// The status this move leads to from `from`, if it may be made there.
    pub fn target(self, from: Status) -> Option<Status> {
        use Status as S;
        match (self, from) {
            (Move::Submit, S::Draft) => Some(S::Submitted),
            (Move::Take, S::Submitted) => Some(S::InReview),
            (Move::Clarify, S::InReview) => Some(S::ClarificationRequested),
            (Move::Respond, S::ClarificationRequested) => Some(S::InReview),
            (Move::Approve, S::InReview) => Some(S::Approved),
            (Move::ApproveWithConditions, S::InReview) => Some(S::ApprovedWithConditions),
            (Move::Refuse, S::InReview) => Some(S::Refused),
            (Move::Withdraw, S::Draft | S::Submitted | S::InReview | S::ClarificationRequested) => {
                Some(S::Withdrawn)
            }
            _ => None,
        }
    }
}

/// Why a move is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoveError {
    /// The move cannot be made from this status.
    #[error("{0} cannot be done to an application that is {1}")]
    NotFrom(Move, Status),
    /// The other side makes this move.
    #[error("{0} is the {1:?}'s move")]
    WrongSide(Move, Side),
    /// A note, reason or conditions are needed.
    #[error("{0} needs a text")]
    TextRequired(Move),
    /// Sections are not yet accepted.
    #[error("{0} sections are not accepted")]
    SectionsOpen(usize),
    /// The application is incomplete: the named fields.
    #[error("the application is incomplete: {0:?}")]
    Incomplete(Vec<&'static str>),
    /// A permit needs its privacy budget set in the decision.
    #[error("a permit needs a privacy budget")]
    BudgetRequired,
}

/// Decides a move: the new status or why not. A clarification, conditions and a refusal need a text; a permit
/// needs every section accepted and a privacy budget above zero (`budget_milli`); a submission needs a complete
/// application.
pub fn decide(
    from: Status,
    m: Move,
    side: Side,
    text: &str,
    open_sections: usize,
    missing: &[&'static str],
    budget_milli: u64,
) -> Result<Status, MoveError> {
    let to = m.target(from).ok_or(MoveError::NotFrom(m, from))?;
    if m.side() != side {
        return Err(MoveError::WrongSide(m, m.side()));
    }
    if matches!(
        m,
        Move::Clarify | Move::Respond | Move::ApproveWithConditions | Move::Refuse
    ) && text.trim().is_empty()
    {
        return Err(MoveError::TextRequired(m));
    }
    if matches!(m, Move::Approve | Move::ApproveWithConditions) && open_sections > 0 {
        return Err(MoveError::SectionsOpen(open_sections));
    }
    if matches!(m, Move::Approve | Move::ApproveWithConditions) && budget_milli == 0 {
        return Err(MoveError::BudgetRequired);
    }
    if m == Move::Submit && !missing.is_empty() {
        return Err(MoveError::Incomplete(missing.to_vec()));
    }
    Ok(to)
}

/// The moves `side` may try from `from` (for buttons).
pub fn moves_for(from: Status, side: Side) -> Vec<Move> {
    Move::ALL
        .iter()
        .copied()
        .filter(|m| m.side() == side && m.target(from).is_some())
        .collect()
}

/// The status as it stands on `today`: a granted permit whose period has ended is expired.
pub fn effective(status: Status, permit_until: Option<IsoDate>, today: IsoDate) -> Status {
    match (status, permit_until) {
        (Status::Approved | Status::ApprovedWithConditions, Some(end)) if today > end => {
            Status::Expired
        }
        _ => status,
    }
}

/// What an application holds as the applicant wrote it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Application {
    /// A short title.
    pub title: String,
    /// The sources asked for (slugs of the catalogue).
    pub sources: Vec<crate::Slug>,
    /// The purpose.
    pub purpose: Option<Purpose>,
    /// The purpose in the applicant's words.
    pub purpose_text: String,
    /// The data and variables, in words.
    pub data: String,
    /// The kinds of records asked for.
    pub variables: Vec<Variable>,
    /// The first year of data asked for.
    pub data_from: Option<i32>,
    /// The last year of data asked for.
    pub data_to: Option<i32>,
    /// Anonymised or pseudonymised.
    pub form: Option<DataForm>,
    /// Why pseudonymised data is needed.
    pub justification: String,
    /// Safeguards.
    pub safeguards: String,
    /// The permit's first day.
    pub period_from: Option<IsoDate>,
    /// The permit's last day.
    pub period_to: Option<IsoDate>,
    /// The processing environment.
    pub environment: String,
    /// The tools.
    pub tools: String,
    /// Etikprövningsmyndigheten's reference (Dnr YYYY-NNNNN-NN).
    pub ethics_ref: String,
    /// GDPR art. 6(1).
    pub article6: Option<Article6>,
    /// GDPR art. 9(2).
    pub article9: Option<Article9>,
    /// The secrecy assessment.
    pub secrecy: String,
}

/// The longest free text of a field.
pub const MAX_TEXT: usize = 10_000;

/// Whether `s` is an ethics approval reference as Etikprövningsmyndigheten writes it: `2024-01234-01`.
pub fn is_ethics_ref(s: &str) -> bool {
    let parts: Vec<&str> = s.trim().split('-').collect();
    parts.len() == 3
        && [4, 5, 2]
            .iter()
            .zip(&parts)
            .all(|(n, p)| p.len() == *n && p.bytes().all(|b| b.is_ascii_digit()))
}

impl Application {
    /// The fields a submission still lacks, by form field name.
    pub fn missing(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        let empty = |s: &str| s.trim().is_empty();
        if empty(&self.title) {
            out.push("title");
        }
        if self.sources.is_empty() {
            out.push("sources");
        }
        if self.purpose.is_none() {
            out.push("purpose");
        }
        if empty(&self.purpose_text) {
            out.push("purpose_text");
        }
        if empty(&self.data) {
            out.push("data");
        }
        if self.variables.is_empty() {
            out.push("variables");
        }
        if self.data_from.is_none() {
            out.push("data_from");
        }
        if self.data_to.is_none() {
            out.push("data_to");
        }
        if self.form.is_none() {
            out.push("form");
        }
        if self.form == Some(DataForm::Pseudonymised) && empty(&self.justification) {
            out.push("justification");
        }
        if empty(&self.safeguards) {
            out.push("safeguards");
        }
        if self.period_from.is_none() {
            out.push("period_from");
        }
        if self.period_to.is_none() {
            out.push("period_to");
        }
        if empty(&self.environment) {
            out.push("environment");
        }
        if empty(&self.tools) {
            out.push("tools");
        }
        if !is_ethics_ref(&self.ethics_ref) {
            out.push("ethics_ref");
        }
        if self.article6.is_none() {
            out.push("article6");
        }
        if self.article9.is_none() {
            out.push("article9");
        }
        if empty(&self.secrecy) {
            out.push("secrecy");
        }
        out
    }
}

/// A project's scope: what its permit lets its cohort questions use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    /// The sources.
    pub sources: Vec<crate::Slug>,
    /// The kinds of records.
    pub variables: Vec<Variable>,
    /// The years of data (index events), inclusive.
    pub years: (i32, i32),
    /// The permit's days, inclusive.
    pub valid: (IsoDate, IsoDate),
}

/// Why a question falls outside a project's scope.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScopeRule {
    /// The permit is not in force on this day.
    #[error("the permit is in force from {0} to {1}")]
    NotInForce(IsoDate, IsoDate),
    /// The population asked is not a source of the permit.
    #[error("the permit does not cover the source {0}")]
    Source(String),
    /// A criterion uses a kind of record the permit does not cover.
    #[error("the permit does not cover {0}")]
    Variable(Variable),
    /// The question's period is not within the permit's years (or not set).
    #[error("the permit covers index events from {0} to {1}")]
    Years(i32, i32),
}

impl Scope {
    /// Whether a question on `source`, using `variables`, with index events from `from` to `to` (days as
    /// dates), asked on `today`, is within the scope; the first rule it breaks otherwise.
    pub fn check(
        &self,
        today: IsoDate,
        source: &crate::Slug,
        variables: &[Variable],
        from: Option<IsoDate>,
        to: Option<IsoDate>,
    ) -> Result<(), ScopeRule> {
        if today < self.valid.0 || today > self.valid.1 {
            return Err(ScopeRule::NotInForce(self.valid.0, self.valid.1));
        }
        if !self.sources.contains(source) {
            return Err(ScopeRule::Source(source.to_string()));
        }
        if let Some(v) = variables.iter().find(|v| !self.variables.contains(v)) {
            return Err(ScopeRule::Variable(*v));
        }
        let (a, b) = self.years;
        match (from, to) {
            (Some(f), Some(t)) if f.year() >= a && t.year() <= b => Ok(()),
            _ => Err(ScopeRule::Years(a, b)),
        }
    }
}

/// The statutory clock: days counted from submission to decision (or to `now`), without the days a
/// clarification was pending.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Clock {
    /// Whole days counted so far.
    pub days_used: i64,
    /// Days the period allows.
    pub days_allowed: i64,
    /// Whether it is paused now.
    pub paused: bool,
}

const MS_PER_DAY: i64 = 86_400_000;

/// The clock of an application submitted at `submitted_ms`: `paused_ms` pauses already ended, `paused_since`
/// a pause going on, `stopped_ms` the decision (or withdrawal) that stopped it.
pub fn clock(
    submitted_ms: i64,
    paused_ms: i64,
    paused_since: Option<i64>,
    stopped_ms: Option<i64>,
    now_ms: i64,
    days_allowed: i64,
) -> Clock {
    let end = stopped_ms.unwrap_or(now_ms);
    let pausing = paused_since.map_or(0, |p| (end - p).max(0));
    let ran = (end - submitted_ms - paused_ms - pausing).max(0);
    Clock {
        days_used: ran / MS_PER_DAY,
        days_allowed,
        paused: paused_since.is_some() && stopped_ms.is_none(),
    }
}

vocabulary! {
    /// Where a request to release an output stands.
    OutputStatus {
        /// Asked for; the reviewers vote.
        Requested = "requested",
        /// Both reviewers approved: released with the project.
        Released = "released",
        /// A reviewer did not approve: returned to the researcher with the notes.
        Returned = "returned",
    }
}

vocabulary! {
    /// A reviewer's vote on an output.
    Vote {
        /// Release it.
        Approve = "approve",
        /// Do not release it.
        Reject = "reject",
    }
}

/// How many independent votes decide an output.
pub const VOTES_NEEDED: usize = 2;

/// Why a vote is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VoteError {
    /// The output is decided already.
    #[error("the output is decided already")]
    Decided,
    /// The author of an output does not review it.
    #[error("the author does not review their own output")]
    Author,
    /// Each reviewer votes once.
    #[error("you have voted on this output")]
    Twice,
}

/// Decides a vote by `reviewer` on an output by `author` that is `status` with the votes `cast` so far (reviewer
/// ids): refused, or the status after it — released when every vote approves, returned when one rejects, still
/// requested while votes are missing.
pub fn decide_vote(
    status: OutputStatus,
    author: i64,
    reviewer: i64,
    cast: &[(i64, Vote)],
    vote: Vote,
) -> Result<OutputStatus, VoteError> {
    if status != OutputStatus::Requested {
        return Err(VoteError::Decided);
    }
    if reviewer == author {
        return Err(VoteError::Author);
    }
    if cast.iter().any(|(r, _)| *r == reviewer) {
        return Err(VoteError::Twice);
    }
    let votes: Vec<Vote> = cast.iter().map(|(_, v)| *v).chain([vote]).collect();
    Ok(if votes.len() < VOTES_NEEDED {
        OutputStatus::Requested
    } else if votes.iter().all(|v| *v == Vote::Approve) {
        OutputStatus::Released
    } else {
        OutputStatus::Returned
    })
}

/// Whether `viewer` sees the votes of an output: its own vote always; the others' once every vote is in, so
/// that neither reviewer is swayed by the other.
pub fn sees_vote(status: OutputStatus, viewer: i64, voter: i64) -> bool {
    viewer == voter || status != OutputStatus::Requested
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn any_status() -> impl Strategy<Value = Status> {
        prop::sample::select(Status::ALL.to_vec())
    }
    fn any_move() -> impl Strategy<Value = Move> {
        prop::sample::select(Move::ALL.to_vec())
    }

    proptest! {
        /// A move succeeds only from a status it leaves, by its own side, never out of a closed application,
        /// and a permit only with every section accepted.
        #[test]
        fn moves_keep_the_rules(from in any_status(), m in any_move(), staff in any::<bool>(),
                                text in "[a-z ]{0,5}", open in 0usize..3, incomplete in any::<bool>(),
                                budget in 0u64..3) {
            let side = if staff { Side::Staff } else { Side::Applicant };
            let missing: Vec<&'static str> = if incomplete { vec!["title"] } else { vec![] };
            match decide(from, m, side, &text, open, &missing, budget) {
                Ok(to) => {
                    prop_assert!(!from.is_closed());
                    prop_assert_eq!(Some(to), m.target(from));
                    prop_assert_eq!(m.side(), side);
                    if to.granted() { prop_assert_eq!(open, 0); prop_assert!(budget > 0); }
                    if m == Move::Submit { prop_assert!(!incomplete); }
                    if matches!(m, Move::Refuse | Move::Clarify) { prop_assert!(!text.trim().is_empty()); }
                }
                Err(_) => prop_assert!(m.target(from).is_none() || m.side() != side || text.trim().is_empty()
                    || open > 0 || incomplete || budget == 0),
            }
        }

        /// The clock never counts a paused day and never runs backwards.
        #[test]
        fn the_clock_skips_pauses(submitted in 0i64..1_000_000_000, run in 0i64..1_000_000_000,
                                  paused in 0i64..1_000_000_000, more in 0i64..1_000_000_000) {
            let now = submitted + run + paused;
            let c = clock(submitted, paused, None, None, now, 90);
            prop_assert_eq!(c.days_used, run / MS_PER_DAY);
            let later = clock(submitted, paused, Some(now), None, now + more, 90);
            prop_assert_eq!(later.days_used, c.days_used);
            prop_assert!(later.paused);
        }
    }

    proptest! {
        /// An output is released only by two approving votes of two reviewers who are not its author; no one
        /// votes twice or after the decision; a vote stays hidden from the other reviewer until both are in.
        #[test]
        fn outputs_need_two_independent_approvals(votes in proptest::collection::vec((1i64..5, any::<bool>()), 0..6)) {
            let author = 1;
            let mut status = OutputStatus::Requested;
            let mut cast: Vec<(i64, Vote)> = Vec::new();
            for (reviewer, yes) in votes {
                let v = if yes { Vote::Approve } else { Vote::Reject };
                match decide_vote(status, author, reviewer, &cast, v) {
                    Ok(next) => {
                        prop_assert!(reviewer != author);
                        prop_assert!(!cast.iter().any(|(r, _)| *r == reviewer));
                        cast.push((reviewer, v));
                        status = next;
                    }
                    Err(_) => prop_assert!(reviewer == author || status != OutputStatus::Requested
                        || cast.iter().any(|(r, _)| *r == reviewer)),
                }
            }
            if status == OutputStatus::Released {
                prop_assert_eq!(cast.len(), VOTES_NEEDED);
                prop_assert!(cast.iter().all(|(_, v)| *v == Vote::Approve));
            }
            prop_assert!(cast.len() <= VOTES_NEEDED);
            if cast.len() == 1 {
                prop_assert!(!sees_vote(status, 99, cast[0].0));
            }
        }
    }

    #[test]
    fn the_scope_names_the_first_rule_broken() {
        let d = |y, m, day| IsoDate::new(y, m, day).expect("date");
        let synth = crate::Slug::parse("syntetisk-befolkning").expect("slug");
        let scope = Scope {
            sources: vec![synth.clone()],
            variables: vec![Variable::Conditions],
            years: (2010, 2020),
            valid: (d(2026, 1, 1), d(2026, 12, 31)),
        };
        let today = d(2026, 6, 1);
        let inside = (Some(d(2012, 1, 1)), Some(d(2019, 12, 31)));
        assert_eq!(
            scope.check(today, &synth, &[Variable::Conditions], inside.0, inside.1),
            Ok(())
        );
        assert_eq!(
            scope.check(
                d(2027, 1, 1),
                &synth,
                &[Variable::Conditions],
                inside.0,
                inside.1
            ),
            Err(ScopeRule::NotInForce(d(2026, 1, 1), d(2026, 12, 31)))
        );
        let other = crate::Slug::parse("pku-biobanken").expect("slug");
        assert!(matches!(
            scope.check(today, &other, &[], inside.0, inside.1),
            Err(ScopeRule::Source(_))
        ));
        assert_eq!(
            scope.check(today, &synth, &[Variable::Drugs], inside.0, inside.1),
            Err(ScopeRule::Variable(Variable::Drugs))
        );
        assert_eq!(
            scope.check(today, &synth, &[Variable::Conditions], None, inside.1),
            Err(ScopeRule::Years(2010, 2020))
        );
        assert_eq!(
            scope.check(
                today,
                &synth,
                &[Variable::Conditions],
                inside.0,
                Some(d(2021, 1, 1))
            ),
            Err(ScopeRule::Years(2010, 2020))
        );
    }

    #[test]
    fn ethics_references_and_missing_fields() {
        assert!(is_ethics_ref("2024-01234-01"));
        assert!(!is_ethics_ref("2024-1234-01"));
        assert!(!is_ethics_ref("Dnr 2024-01234-01"));
        let blank = Application::default();
        assert!(blank.missing().contains(&"ethics_ref"));
        let pseudo = Application {
            form: Some(DataForm::Pseudonymised),
            ..Application::default()
        };
        assert!(pseudo.missing().contains(&"justification"));
        let expiry = IsoDate::new(2026, 6, 30).expect("date");
        assert_eq!(
            effective(
                Status::Approved,
                Some(expiry),
                IsoDate::new(2026, 7, 1).expect("d")
            ),
            Status::Expired
        );
        assert_eq!(
            effective(Status::Approved, Some(expiry), expiry),
            Status::Approved
        );
    }
}
