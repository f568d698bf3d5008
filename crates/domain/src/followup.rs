//! The yearly follow-up (uppföljning): the programme office opens year Y with a deadline, the responsible actors'
//! reporters report on their measures (status, narrative, indicator values, evidence links), the office accepts or
//! returns each report with a comment, and closing the cycle freezes it. Corrections after closing are revisions
//! with a reason. This module holds the rules; the store applies them inside a transaction.

use crate::IsoDate;
use crate::WebUrl;
use crate::strategy::MeasureStatus;
use serde::Serialize;

vocabulary! {
    /// Where a yearly cycle stands.
    CycleState {
        /// Reporters report, the office reviews.
        Open = "open",
        /// Frozen; only revisions with a reason.
        Closed = "closed",
    }
}

vocabulary! {
    /// Where one measure's report stands in a cycle.
    ReportState {
        /// Saved by the reporter, not yet sent.
        Draft = "draft",
        /// Sent to the office for review.
        Submitted = "submitted",
        /// Sent back by the office with a comment.
        Returned = "returned",
        /// Accepted by the office: its status and values are the year's official ones.
        Accepted = "accepted",
    }
}

vocabulary! {
    /// What someone does to a report.
    ReportMove {
        /// Keep what is written without sending it.
        Save = "save",
        /// Send it to the office.
        Submit = "submit",
        /// The office accepts it.
        Accept = "accept",
        /// The office sends it back with a comment.
        Return = "return",
    }
}

/// Who acts on a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Party {
    /// A reporter of the measure's responsible actor.
    Reporter,
    /// The programme office.
    Office,
}

/// Longest narrative, in characters.
pub const MAX_NARRATIVE: usize = 10_000;
/// Longest comment (on a value, a return or a revision), in characters.
pub const MAX_COMMENT: usize = 1_000;
/// Most evidence links per report.
pub const MAX_EVIDENCE: usize = 10;
/// Days before the deadline at which reporters with unsent reports are reminded, earliest first.
pub const REMINDER_DAYS: [i64; 2] = [14, 3];
/// Years a cycle may be opened for.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// Why the follow-up rules said no. Each has a message key `followup-error-{name}` in the translations.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FollowUpError {
    /// The year is outside 2000–2100.
    #[error("the year is out of range")]
    YearOutOfRange,
    /// A cycle for that year exists already.
    #[error("a cycle for that year exists")]
    CycleExists,
    /// Another cycle is open.
    #[error("another cycle is open")]
    AnotherOpen,
    /// The deadline has passed already.
    #[error("the deadline is in the past")]
    DeadlinePassed,
    /// The cycle is closed: only revisions with a reason.
    #[error("the cycle is closed")]
    Closed,
    /// The move does not exist from where the report is.
    #[error("not possible from here")]
    NotFromHere,
    /// The move belongs to the office.
    #[error("for the programme office")]
    OfficeOnly,
    /// A return needs a comment.
    #[error("a return needs a comment")]
    CommentRequired,
    /// A report is sent with a narrative.
    #[error("a narrative is required")]
    NarrativeRequired,
    /// Text too long.
    #[error("too long")]
    TooLong,
    /// A value is not a finite number.
    #[error("not a number")]
    NotANumber,
    /// An evidence link is not an http(s) address.
    #[error("not a web address")]
    BadLink,
    /// Too many evidence links.
    #[error("too many links")]
    TooManyLinks,
    /// A revision needs a reason.
    #[error("a revision needs a reason")]
    ReasonRequired,
    /// A revision must change something.
    #[error("nothing changed")]
    NothingChanged,
    /// Revisions are for closed cycles; an open one is edited.
    #[error("the cycle is still open")]
    StillOpen,
}

impl FollowUpError {
    /// The name used in message keys.
    pub fn key(&self) -> &'static str {
        match self {
            FollowUpError::YearOutOfRange => "year",
            FollowUpError::CycleExists => "exists",
            FollowUpError::AnotherOpen => "another-open",
            FollowUpError::DeadlinePassed => "deadline",
            FollowUpError::Closed => "closed",
            FollowUpError::NotFromHere => "not-from-here",
            FollowUpError::OfficeOnly => "office-only",
            FollowUpError::CommentRequired => "comment",
            FollowUpError::NarrativeRequired => "narrative",
            FollowUpError::TooLong => "too-long",
            FollowUpError::NotANumber => "number",
            FollowUpError::BadLink => "link",
            FollowUpError::TooManyLinks => "links",
            FollowUpError::ReasonRequired => "reason",
            FollowUpError::NothingChanged => "unchanged",
            FollowUpError::StillOpen => "still-open",
        }
    }
}

/// A yearly cycle.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cycle {
    /// The year reported on.
    pub year: i32,
    /// The last day to send reports.
    pub deadline: IsoDate,
    /// Open or closed.
    pub state: CycleState,
}

/// Checks that the office may open `year` with `deadline` on `today`, given the cycles that exist.
pub fn may_open(
    year: i32,
    deadline: IsoDate,
    today: IsoDate,
    existing: &[Cycle],
) -> Result<(), FollowUpError> {
    if !YEARS.contains(&year) {
        return Err(FollowUpError::YearOutOfRange);
    }
    if existing.iter().any(|c| c.year == year) {
        return Err(FollowUpError::CycleExists);
    }
    if existing.iter().any(|c| c.state == CycleState::Open) {
        return Err(FollowUpError::AnotherOpen);
    }
    if deadline < today {
        return Err(FollowUpError::DeadlinePassed);
    }
    Ok(())
}

/// Where a report goes when `party` makes `mv` on a report that is `from` (`None`: nothing saved yet) in a cycle
/// that is `cycle`. A submitted report waits for the office; an accepted one is final for the cycle.
pub fn decide(
    cycle: CycleState,
    from: Option<ReportState>,
    mv: ReportMove,
    party: Party,
) -> Result<ReportState, FollowUpError> {
    use ReportMove as M;
    use ReportState as S;
    if cycle == CycleState::Closed {
        return Err(FollowUpError::Closed);
    }
    if matches!(mv, M::Accept | M::Return) && party != Party::Office {
        return Err(FollowUpError::OfficeOnly);
    }
    match (mv, from) {
        (M::Save, None | Some(S::Draft)) => Ok(S::Draft),
        (M::Save, Some(S::Returned)) => Ok(S::Returned),
        (M::Submit, None | Some(S::Draft | S::Returned)) => Ok(S::Submitted),
        (M::Accept | M::Return, Some(S::Submitted)) => Ok(match mv {
            M::Accept => S::Accepted,
            _ => S::Returned,
        }),
        _ => Err(FollowUpError::NotFromHere),
    }
}

/// A value reported for one indicator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportedValue {
    /// The indicator's id.
    pub indicator: i64,
    /// The value for the year.
    pub value: f64,
    /// A comment on it.
    pub comment: String,
}

/// What a reporter writes for one measure in one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportContent {
    /// The measure's status at the end of the year.
    pub status: MeasureStatus,
    /// What was done and what comes next (in Swedish, or in the language the reporter wrote it in).
    pub narrative: String,
    /// The same in English, when the reporter wrote it (empty otherwise).
    pub narrative_en: String,
    /// Indicator values for the year.
    pub values: Vec<ReportedValue>,
    /// Links to evidence.
    pub evidence: Vec<WebUrl>,
}

fn too_long(s: &str, max: usize) -> bool {
    s.chars().count() > max
}

impl ReportContent {
    /// Checks the content for `mv`: lengths, numbers and links always; a narrative when it is sent.
    pub fn check(&self, mv: ReportMove) -> Result<(), FollowUpError> {
        if too_long(&self.narrative, MAX_NARRATIVE) || too_long(&self.narrative_en, MAX_NARRATIVE) {
            return Err(FollowUpError::TooLong);
        }
        if mv == ReportMove::Submit && self.narrative.trim().is_empty() {
            return Err(FollowUpError::NarrativeRequired);
        }
        for v in &self.values {
            if !v.value.is_finite() {
                return Err(FollowUpError::NotANumber);
            }
            if too_long(&v.comment, MAX_COMMENT) {
                return Err(FollowUpError::TooLong);
            }
        }
        if self.evidence.len() > MAX_EVIDENCE {
            return Err(FollowUpError::TooManyLinks);
        }
        Ok(())
    }
}

/// Parses evidence links, one per line; blank lines are skipped.
pub fn parse_links(text: &str) -> Result<Vec<WebUrl>, FollowUpError> {
    let links = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| WebUrl::parse(l).map_err(|_| FollowUpError::BadLink))
        .collect::<Result<Vec<_>, _>>()?;
    if links.len() > MAX_EVIDENCE {
        return Err(FollowUpError::TooManyLinks);
    }
    Ok(links)
}

/// Parses a number as people write it: `12`, `12.5`, `12,5` (Swedish decimal comma), `1 200` (space groups).
pub fn parse_number(text: &str) -> Result<f64, FollowUpError> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .map(|c| if c == ',' { '.' } else { c })
        .map(|c| if c == '\u{2212}' { '-' } else { c })
        .collect();
    if cleaned.is_empty()
        || !cleaned
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
    {
        return Err(FollowUpError::NotANumber);
    }
    cleaned
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or(FollowUpError::NotANumber)
}

/// Checks a revision of a closed cycle: the cycle is closed, a reason is given, and something changes.
pub fn may_revise(
    cycle: CycleState,
    reason: &str,
    before: &str,
    after: &str,
) -> Result<(), FollowUpError> {
    if cycle == CycleState::Open {
        return Err(FollowUpError::StillOpen);
    }
    if reason.trim().is_empty() {
        return Err(FollowUpError::ReasonRequired);
    }
    if too_long(reason, MAX_COMMENT) || too_long(after, MAX_NARRATIVE) {
        return Err(FollowUpError::TooLong);
    }
    if before == after {
        return Err(FollowUpError::NothingChanged);
    }
    Ok(())
}

/// Which reminder (days before the deadline, from [`REMINDER_DAYS`]) is due on `today` for a report not yet sent,
/// if any: the latest stage whose day has come, as long as the deadline has not passed. A reminder stage already
/// sent is skipped by the caller, so a server that was down on the day still sends the latest one once.
pub fn reminder_due(deadline: IsoDate, today: IsoDate) -> Option<i64> {
    let left = deadline.days_since_epoch() - today.days_since_epoch();
    if left < 0 {
        return None;
    }
    REMINDER_DAYS.iter().copied().filter(|d| left <= *d).min()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(s: &str) -> IsoDate {
        IsoDate::parse(s).expect("date")
    }

    fn state() -> impl Strategy<Value = Option<ReportState>> {
        prop_oneof![
            Just(None),
            proptest::sample::select(ReportState::ALL).prop_map(Some)
        ]
    }

    #[test]
    fn the_normal_path_with_one_return() {
        let open = CycleState::Open;
        let s = decide(open, None, ReportMove::Save, Party::Reporter).expect("save");
        let s = decide(open, Some(s), ReportMove::Submit, Party::Reporter).expect("submit");
        let s = decide(open, Some(s), ReportMove::Return, Party::Office).expect("return");
        assert_eq!(s, ReportState::Returned);
        let s = decide(open, Some(s), ReportMove::Save, Party::Reporter).expect("edit");
        assert_eq!(s, ReportState::Returned);
        let s = decide(open, Some(s), ReportMove::Submit, Party::Reporter).expect("resubmit");
        let s = decide(open, Some(s), ReportMove::Accept, Party::Office).expect("accept");
        assert_eq!(s, ReportState::Accepted);
    }

    proptest! {
        #[test]
        fn a_closed_cycle_refuses_every_move(from in state(), mv in proptest::sample::select(ReportMove::ALL),
                                             office in any::<bool>()) {
            let party = if office { Party::Office } else { Party::Reporter };
            prop_assert_eq!(decide(CycleState::Closed, from, mv, party), Err(FollowUpError::Closed));
        }

        #[test]
        fn only_the_office_accepts_or_returns_and_only_what_was_sent(from in state(),
                                                                     mv in proptest::sample::select(ReportMove::ALL),
                                                                     office in any::<bool>()) {
            let party = if office { Party::Office } else { Party::Reporter };
            let to = decide(CycleState::Open, from, mv, party);
            if matches!(to, Ok(ReportState::Accepted | ReportState::Returned)) && mv != ReportMove::Save {
                prop_assert_eq!(party, Party::Office);
                prop_assert_eq!(from, Some(ReportState::Submitted));
            }
            // Nothing changes an accepted report, and nobody edits a report the office is reviewing.
            if matches!(from, Some(ReportState::Accepted)) || (from == Some(ReportState::Submitted) && matches!(mv, ReportMove::Save | ReportMove::Submit)) {
                prop_assert!(to.is_err());
            }
        }

        #[test]
        fn numbers_parse_in_both_ways_of_writing(whole in -1_000_000i64..1_000_000, frac in 0u32..100) {
            let v = format!("{whole}.{frac:02}");
            let sv = v.replace('.', ",");
            prop_assert_eq!(parse_number(&v), parse_number(&sv));
            prop_assert!((parse_number(&v).expect("number") - v.parse::<f64>().expect("f64")).abs() < 1e-9);
        }

        #[test]
        fn number_parsing_never_panics_and_refuses_non_numbers(s in "\\PC{0,20}") {
            if let Ok(v) = parse_number(&s) {
                prop_assert!(v.is_finite());
            }
        }

        #[test]
        fn reminders_come_only_in_the_last_fourteen_days(offset in -30i64..60) {
            let deadline = date("2027-02-15");
            let today = IsoDate::from_unix_millis((deadline.days_since_epoch() - offset) * 86_400_000);
            let due = reminder_due(deadline, today);
            if !(0..=14).contains(&offset) {
                prop_assert_eq!(due, None);
            } else {
                prop_assert_eq!(due, Some(if offset <= 3 { 3 } else { 14 }));
            }
        }
    }

    #[test]
    fn opening_checks_year_duplicates_open_cycles_and_deadline() {
        let today = date("2026-11-23");
        let existing = vec![Cycle {
            year: 2025,
            deadline: date("2026-02-01"),
            state: CycleState::Closed,
        }];
        assert_eq!(may_open(2026, date("2027-02-01"), today, &existing), Ok(()));
        assert_eq!(
            may_open(2025, date("2027-02-01"), today, &existing),
            Err(FollowUpError::CycleExists)
        );
        assert_eq!(
            may_open(2026, date("2026-11-22"), today, &existing),
            Err(FollowUpError::DeadlinePassed)
        );
        assert_eq!(
            may_open(1999, date("2027-02-01"), today, &existing),
            Err(FollowUpError::YearOutOfRange)
        );
        let open = vec![Cycle {
            year: 2025,
            deadline: date("2027-02-01"),
            state: CycleState::Open,
        }];
        assert_eq!(
            may_open(2026, date("2027-02-01"), today, &open),
            Err(FollowUpError::AnotherOpen)
        );
    }

    #[test]
    fn sending_needs_a_narrative_and_checks_links_and_numbers() {
        let mut c = ReportContent {
            status: MeasureStatus::Ongoing,
            narrative: "  ".into(),
            narrative_en: String::new(),
            values: vec![],
            evidence: vec![],
        };
        assert_eq!(c.check(ReportMove::Save), Ok(()));
        assert_eq!(
            c.check(ReportMove::Submit),
            Err(FollowUpError::NarrativeRequired)
        );
        c.narrative = "Done.".into();
        assert_eq!(c.check(ReportMove::Submit), Ok(()));
        assert_eq!(
            parse_links("https://example.org/a\n\njavascript:alert(1)"),
            Err(FollowUpError::BadLink)
        );
        assert_eq!(
            parse_links("https://example.org/a\n").map(|l| l.len()),
            Ok(1)
        );
        assert_eq!(parse_number("1 200,5"), Ok(1200.5));
        assert_eq!(parse_number("12 st"), Err(FollowUpError::NotANumber));
        assert_eq!(parse_number(""), Err(FollowUpError::NotANumber));
    }

    #[test]
    fn revisions_need_a_closed_cycle_a_reason_and_a_change() {
        assert_eq!(
            may_revise(CycleState::Open, "typo", "1", "2"),
            Err(FollowUpError::StillOpen)
        );
        assert_eq!(
            may_revise(CycleState::Closed, " ", "1", "2"),
            Err(FollowUpError::ReasonRequired)
        );
        assert_eq!(
            may_revise(CycleState::Closed, "typo", "1", "1"),
            Err(FollowUpError::NothingChanged)
        );
        assert_eq!(may_revise(CycleState::Closed, "typo", "1", "2"), Ok(()));
    }
}

/// The built-in example follow-up year (`follow_up.toml`): a closed cycle with reports on the example measures,
/// the office's foreword and assessments — example data, shown as such, so that a fresh site has a whole year to
/// show.
#[derive(Debug, Clone, PartialEq)]
pub struct ExampleFollowUp {
    /// The year.
    pub year: i32,
    /// The deadline it had.
    pub deadline: IsoDate,
    /// The office's foreword.
    pub foreword: crate::LangText,
    /// The office's assessments: (area, went well, behind, changes).
    pub assessments: Vec<(
        crate::Slug,
        crate::LangText,
        crate::LangText,
        crate::LangText,
    )>,
    /// Accepted reports: (measure code, status, narrative).
    pub reports: Vec<(String, MeasureStatus, crate::LangText)>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ExampleFile {
    year: i32,
    deadline: String,
    foreword_sv: String,
    foreword_en: String,
    #[serde(default)]
    assessment: Vec<ExampleAssessmentRow>,
    #[serde(default)]
    report: Vec<ExampleReportRow>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ExampleAssessmentRow {
    area: String,
    went_well_sv: String,
    went_well_en: String,
    behind_sv: String,
    behind_en: String,
    changes_sv: String,
    changes_en: String,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ExampleReportRow {
    measure: String,
    status: String,
    narrative_sv: String,
    narrative_en: String,
}

impl ExampleFollowUp {
    /// Parses `follow_up.toml` against the strategy: reports only on the strategy's example measures (never on
    /// the region's own), areas that exist, each measure once; the foreword and assessments in both languages or
    /// neither, a report's narrative in Swedish and, when the reporter wrote one, in English.
    pub fn parse(
        text: &str,
        strategy: &crate::strategy::StrategyData,
    ) -> Result<ExampleFollowUp, Vec<crate::dataset::DatasetProblem>> {
        let f = "follow_up.toml";
        let mut p = crate::dataset::Problems(Vec::new());
        let Some(file): Option<ExampleFile> = crate::dataset::parse_file(f, text, &mut p) else {
            return Err(p.0);
        };
        if !YEARS.contains(&file.year) {
            p.add(
                f,
                "year",
                format!("{} is not a year between 2000 and 2100", file.year),
            );
        }
        let deadline = IsoDate::parse(&file.deadline).unwrap_or_else(|_| {
            p.add(
                f,
                "deadline",
                format!("{:?} is not a date (YYYY-MM-DD)", file.deadline),
            );
            IsoDate::from_unix_millis(0)
        });
        let pair = |p: &mut crate::dataset::Problems, rec: &str, sv: String, en: String| {
            if sv.trim().is_empty() != en.trim().is_empty() {
                p.add(f, rec, "write both languages or neither");
            }
            crate::LangText::new(sv, en)
        };
        let foreword = pair(&mut p, "foreword", file.foreword_sv, file.foreword_en);
        let mut assessments: Vec<(
            crate::Slug,
            crate::LangText,
            crate::LangText,
            crate::LangText,
        )> = Vec::new();
        for a in file.assessment {
            let rec = format!("assessment {}", a.area);
            let Some(area) = strategy.areas.iter().find(|x| x.slug.as_str() == a.area) else {
                p.add(f, &rec, format!("unknown focus area {:?}", a.area));
                continue;
            };
            if assessments.iter().any(|(s, ..)| s == &area.slug) {
                p.add(f, &rec, "the area is assessed twice");
            }
            assessments.push((
                area.slug.clone(),
                pair(&mut p, &rec, a.went_well_sv, a.went_well_en),
                pair(&mut p, &rec, a.behind_sv, a.behind_en),
                pair(&mut p, &rec, a.changes_sv, a.changes_en),
            ));
        }
        let mut reports: Vec<(String, MeasureStatus, crate::LangText)> = Vec::new();
        for r in file.report {
            let rec = format!("report {}", r.measure);
            match strategy.measures.iter().find(|m| m.code == r.measure) {
                None => p.add(f, &rec, format!("unknown measure {:?}", r.measure)),
                Some(m) if !m.example => p.add(
                    f,
                    &rec,
                    "only example measures get example reports; this is one of the region's own",
                ),
                Some(_) => {}
            }
            if reports.iter().any(|(code, ..)| *code == r.measure) {
                p.add(f, &rec, "the measure is reported twice");
            }
            let Some(status) = MeasureStatus::parse(&r.status) else {
                p.add(f, &rec, format!("unknown status {:?}", r.status));
                continue;
            };
            if r.narrative_sv.trim().is_empty() {
                p.add(f, &rec, "a report needs its narrative");
            }
            // As in the product, the English narrative is the reporter's choice.
            reports.push((
                r.measure,
                status,
                crate::LangText::new(r.narrative_sv, r.narrative_en),
            ));
        }
        if p.0.is_empty() {
            Ok(ExampleFollowUp {
                year: file.year,
                deadline,
                foreword,
                assessments,
                reports,
            })
        } else {
            Err(p.0)
        }
    }
}
