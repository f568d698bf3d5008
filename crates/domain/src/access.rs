//! Access requests: a company's request to an infrastructure, the state machine it moves through
//! (draft -> submitted -> preparation -> development -> execution -> completed, or declined / withdrawn), and the
//! legal checklist generated for it from the infrastructure owner's ownership form.
//!
//! The rules here are the only place that decides which move is legal; the store and the web layer ask them and
//! show their reasons.

use crate::{IsoDate, LangText, OwnershipForm, Slug, WebUrl};
use serde::Serialize;

vocabulary! {
    /// Where an access request is.
    RequestStatus {
        /// Being written by the company; only the company sees it.
        Draft = "draft",
        /// Sent; waiting for the infrastructure to take it up.
        Submitted = "submitted",
        /// Förberedelse: the parties clarify the need, confidentiality and terms.
        Preparation = "preparation",
        /// Utveckling: scope, plan and agreement are worked out.
        Development = "development",
        /// Utförande: the work is done under the agreement.
        Execution = "execution",
        /// Done.
        Completed = "completed",
        /// The infrastructure said no.
        Declined = "declined",
        /// The company took it back.
        Withdrawn = "withdrawn",
    }
}

vocabulary! {
    /// A stage that carries a checklist.
    Stage {
        /// Förberedelse.
        Preparation = "preparation",
        /// Utveckling.
        Development = "development",
        /// Utförande.
        Execution = "execution",
    }
}

vocabulary! {
    /// Who checks off a checklist item.
    Party {
        /// The company that asks.
        Company = "company",
        /// The infrastructure that answers.
        Infrastructure = "infrastructure",
    }
}

vocabulary! {
    /// The owner forms a checklist item can apply to: every ownership form, and `unknown` for infrastructures
    /// whose owner form is not recorded.
    OwnerClass {
        /// A state agency.
        StateAgency = "state_agency",
        /// A region.
        Region = "region",
        /// A municipality.
        Municipality = "municipality",
        /// A state-owned company.
        StateOwnedCompany = "state_owned_company",
        /// A region- or municipality-owned company.
        RegionOwnedCompany = "region_owned_company",
        /// Privately owned.
        Private = "private",
        /// A foundation.
        Foundation = "foundation",
        /// Not recorded.
        Unknown = "unknown",
    }
}

vocabulary! {
    /// A move of an access request.
    Transition {
        /// The company sends its draft.
        Submit = "submit",
        /// The infrastructure takes the request up; preparation starts.
        Accept = "accept",
        /// The infrastructure moves the request to the next stage (or completes it from execution).
        Advance = "advance",
        /// The infrastructure says no, with a reason.
        Decline = "decline",
        /// The company takes the request back.
        Withdraw = "withdraw",
    }
}

impl OwnerClass {
    /// The class of an infrastructure with ownership form `owner`.
    pub fn of(owner: Option<OwnershipForm>) -> OwnerClass {
        match owner {
            None => OwnerClass::Unknown,
            Some(o) => OwnerClass::parse(o.as_str()).unwrap_or(OwnerClass::Unknown),
        }
    }
}

impl Stage {
    /// The status a request has while in this stage.
    pub fn status(self) -> RequestStatus {
        match self {
            Stage::Preparation => RequestStatus::Preparation,
            Stage::Development => RequestStatus::Development,
            Stage::Execution => RequestStatus::Execution,
        }
    }
}

impl RequestStatus {
    /// The checklist stage this status is, if it is one.
    pub fn stage(self) -> Option<Stage> {
        match self {
            RequestStatus::Preparation => Some(Stage::Preparation),
            RequestStatus::Development => Some(Stage::Development),
            RequestStatus::Execution => Some(Stage::Execution),
            _ => None,
        }
    }

    /// True once nothing more can happen to the request.
    pub fn is_closed(self) -> bool {
        matches!(
            self,
            RequestStatus::Completed | RequestStatus::Declined | RequestStatus::Withdrawn
        )
    }

    /// Position in the forward path (draft 0 ... completed 5); closed-early states have none.
    fn rank(self) -> Option<u8> {
        match self {
            RequestStatus::Draft => Some(0),
            RequestStatus::Submitted => Some(1),
            RequestStatus::Preparation => Some(2),
            RequestStatus::Development => Some(3),
            RequestStatus::Execution => Some(4),
            RequestStatus::Completed => Some(5),
            RequestStatus::Declined | RequestStatus::Withdrawn => None,
        }
    }
}

/// Which side of a request someone acts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Side {
    /// A member of the requesting company.
    Company,
    /// A manager of the infrastructure.
    Infrastructure,
    /// The programme office (admin), which may act for the infrastructure and waive items.
    Office,
}

impl Side {
    /// The side `person` acts for on a request from `company` to `provider`: a manager of the provider acts
    /// for the infrastructure, a member of the company for the company, an admin for the office; anyone else
    /// has no side (and may not see the request).
    pub fn of(person: &crate::Principal, company: &Slug, provider: &Slug) -> Option<Side> {
        use crate::Role;
        if person.holds(Role::Manager, provider) {
            Some(Side::Infrastructure)
        } else if person.holds(Role::Company, company) {
            Some(Side::Company)
        } else if person.is_admin() {
            Some(Side::Office)
        } else {
            None
        }
    }
}

/// A checklist rule template: an item that requests get in one stage when the infrastructure's owner is of one
/// of the listed forms. Kept as data, bilingual, dated and sourced; guidance, not legal advice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChecklistTemplate {
    /// Stable key.
    pub key: Slug,
    /// The stage it belongs to.
    pub stage: Stage,
    /// The owner forms it applies to.
    pub owners: Vec<OwnerClass>,
    /// Who checks it off.
    pub party: Party,
    /// Whether the stage cannot be left before it is checked or waived.
    pub required: bool,
    /// Short title.
    pub title: LangText,
    /// Practical guidance.
    pub guidance: LangText,
    /// The rule it rests on.
    pub source: String,
    /// Where to read the rule.
    pub source_url: Option<WebUrl>,
    /// When the text was last reviewed.
    pub reviewed: IsoDate,
    /// A template document to use, by name.
    pub document: Option<Slug>,
}

impl ChecklistTemplate {
    /// True when a request to an infrastructure with ownership form `owner` gets this item.
    pub fn applies_to(&self, owner: Option<OwnershipForm>) -> bool {
        self.owners.contains(&OwnerClass::of(owner))
    }
}

/// The items a request to an infrastructure with ownership form `owner` gets, in stage order.
pub fn checklist_for(
    templates: &[ChecklistTemplate],
    owner: Option<OwnershipForm>,
) -> Vec<&ChecklistTemplate> {
    let mut items: Vec<&ChecklistTemplate> =
        templates.iter().filter(|t| t.applies_to(owner)).collect();
    items.sort_by_key(|t| t.stage);
    items
}

/// The state of one checklist item of a request, as far as the rules need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemState {
    /// Its stage.
    pub stage: Stage,
    /// Whether it blocks leaving the stage.
    pub required: bool,
    /// Who checks it off.
    pub party: Party,
    /// Checked off by its party.
    pub checked: bool,
    /// Waived by the office with a reason.
    pub waived: bool,
}

impl ItemState {
    /// Checked or waived.
    pub fn is_resolved(&self) -> bool {
        self.checked || self.waived
    }
}

/// Why a move or a checklist change was refused. Each case is a reason a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccessError {
    /// The move does not exist from the request's status.
    #[error("a request that is {from} cannot be moved by {transition}")]
    NotFrom {
        /// Where the request is.
        from: RequestStatus,
        /// The refused move.
        transition: Transition,
    },
    /// The move belongs to the other side.
    #[error("{transition} is for the {owner} side")]
    WrongSide {
        /// The refused move.
        transition: Transition,
        /// Who may make it.
        owner: Party,
    },
    /// Required items of the stage are still open.
    #[error("{open} required item(s) of {stage} are neither checked nor waived")]
    ChecklistOpen {
        /// The stage being left.
        stage: Stage,
        /// How many required items are open.
        open: usize,
    },
    /// Declining needs a reason the company can read.
    #[error("a reason is required")]
    ReasonRequired,
    /// The item belongs to the other party.
    #[error("this item is checked off by the {0} side")]
    NotYourItem(Party),
    /// The item's stage is over (or the request is closed, or still a draft).
    #[error("the checklist of {0} can no longer be changed")]
    ItemFrozen(Stage),
    /// Only the office waives items.
    #[error("only the programme office waives items")]
    OnlyOfficeWaives,
    /// Only the office forwards a request, and only before an infrastructure has taken it up.
    #[error("a request that is {0} cannot be forwarded")]
    NotForwardable(RequestStatus),
    /// Only the programme office forwards requests.
    #[error("only the programme office forwards requests")]
    OnlyOfficeForwards,
}

/// Whether `side` may forward a request that is `status` to another infrastructure: the programme office, while
/// the request is sent and no infrastructure has taken it up (after that the parties have begun on the
/// checklist the owner's rules made, and the right way is to decline it with a reason).
pub fn may_forward(side: Side, status: RequestStatus) -> Result<(), AccessError> {
    if side != Side::Office {
        return Err(AccessError::OnlyOfficeForwards);
    }
    if status != RequestStatus::Submitted {
        return Err(AccessError::NotForwardable(status));
    }
    Ok(())
}

/// Who makes a move.
fn mover(t: Transition) -> Party {
    match t {
        Transition::Submit | Transition::Withdraw => Party::Company,
        Transition::Accept | Transition::Advance | Transition::Decline => Party::Infrastructure,
    }
}

fn side_is(side: Side, party: Party) -> bool {
    match side {
        Side::Company => party == Party::Company,
        Side::Infrastructure => party == Party::Infrastructure,
        // The office may act for the infrastructure; it never speaks for the company.
        Side::Office => party == Party::Infrastructure,
    }
}

/// Where `transition` leads from `from`, or `None` when the move does not exist there.
pub fn target(from: RequestStatus, transition: Transition) -> Option<RequestStatus> {
    use RequestStatus as S;
    match (transition, from) {
        (Transition::Submit, S::Draft) => Some(S::Submitted),
        (Transition::Accept, S::Submitted) => Some(S::Preparation),
        (Transition::Advance, S::Preparation) => Some(S::Development),
        (Transition::Advance, S::Development) => Some(S::Execution),
        (Transition::Advance, S::Execution) => Some(S::Completed),
        (Transition::Decline, S::Submitted | S::Preparation | S::Development) => Some(S::Declined),
        // Once execution has started an agreement binds both parties; it ends by completion, not withdrawal.
        (Transition::Withdraw, S::Draft | S::Submitted | S::Preparation | S::Development) => {
            Some(S::Withdrawn)
        }
        _ => None,
    }
}

/// Decides a move: the new status, or the reason it is refused. Leaving a stage by `advance` needs every
/// required item of that stage checked or waived; declining needs a reason.
pub fn decide_transition(
    from: RequestStatus,
    transition: Transition,
    side: Side,
    items: &[ItemState],
    reason: Option<&str>,
) -> Result<RequestStatus, AccessError> {
    let to = target(from, transition).ok_or(AccessError::NotFrom { from, transition })?;
    let owner = mover(transition);
    if !side_is(side, owner) {
        return Err(AccessError::WrongSide { transition, owner });
    }
    if transition == Transition::Advance
        && let Some(stage) = from.stage()
    {
        let open = items
            .iter()
            .filter(|i| i.stage == stage && i.required && !i.is_resolved())
            .count();
        if open > 0 {
            return Err(AccessError::ChecklistOpen { stage, open });
        }
    }
    if transition == Transition::Decline && reason.is_none_or(|r| r.trim().is_empty()) {
        return Err(AccessError::ReasonRequired);
    }
    Ok(to)
}

/// The moves `side` may try from `from` (for buttons); the checklist may still refuse `advance`.
pub fn moves_for(from: RequestStatus, side: Side) -> Vec<Transition> {
    Transition::ALL
        .iter()
        .copied()
        .filter(|t| target(from, *t).is_some() && side_is(side, mover(*t)))
        .collect()
}

/// Whether items of `stage` may still change while the request is `status`: from submission until the stage is
/// left. A stage's checklist is frozen once the request has moved past it or closed.
pub fn stage_open(status: RequestStatus, stage: Stage) -> bool {
    match (status.rank(), stage.status().rank()) {
        (Some(now), Some(of_stage)) => (1..=4).contains(&now) && now <= of_stage,
        _ => false,
    }
}

/// Decides whether `side` may check or uncheck an item.
pub fn may_check(status: RequestStatus, item: &ItemState, side: Side) -> Result<(), AccessError> {
    if !stage_open(status, item.stage) {
        return Err(AccessError::ItemFrozen(item.stage));
    }
    let ok = match side {
        Side::Company => item.party == Party::Company,
        Side::Infrastructure => item.party == Party::Infrastructure,
        Side::Office => false,
    };
    if ok {
        Ok(())
    } else {
        Err(AccessError::NotYourItem(item.party))
    }
}

/// Decides whether `side` may waive an item (the office only, with a reason, while the stage is open).
pub fn may_waive(
    status: RequestStatus,
    item: &ItemState,
    side: Side,
    reason: &str,
) -> Result<(), AccessError> {
    if side != Side::Office {
        return Err(AccessError::OnlyOfficeWaives);
    }
    if !stage_open(status, item.stage) {
        return Err(AccessError::ItemFrozen(item.stage));
    }
    if reason.trim().is_empty() {
        return Err(AccessError::ReasonRequired);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn item(stage: Stage, party: Party, required: bool) -> ItemState {
        ItemState {
            stage,
            required,
            party,
            checked: false,
            waived: false,
        }
    }

    #[test]
    fn the_happy_path_and_its_gates() {
        use RequestStatus as S;
        let mut items = vec![
            item(Stage::Preparation, Party::Company, true),
            item(Stage::Preparation, Party::Infrastructure, false),
        ];
        let s = decide_transition(S::Draft, Transition::Submit, Side::Company, &items, None);
        assert_eq!(s, Ok(S::Submitted));
        assert_eq!(
            decide_transition(
                S::Submitted,
                Transition::Accept,
                Side::Company,
                &items,
                None
            ),
            Err(AccessError::WrongSide {
                transition: Transition::Accept,
                owner: Party::Infrastructure
            })
        );
        let s = decide_transition(
            S::Submitted,
            Transition::Accept,
            Side::Infrastructure,
            &items,
            None,
        );
        assert_eq!(s, Ok(S::Preparation));
        assert_eq!(
            decide_transition(
                S::Preparation,
                Transition::Advance,
                Side::Infrastructure,
                &items,
                None
            ),
            Err(AccessError::ChecklistOpen {
                stage: Stage::Preparation,
                open: 1
            })
        );
        assert_eq!(
            may_check(S::Preparation, &items[0], Side::Infrastructure),
            Err(AccessError::NotYourItem(Party::Company))
        );
        assert_eq!(may_check(S::Preparation, &items[0], Side::Company), Ok(()));
        items[0].checked = true;
        assert_eq!(
            decide_transition(
                S::Preparation,
                Transition::Advance,
                Side::Office,
                &items,
                None
            ),
            Ok(S::Development)
        );
        assert_eq!(
            may_check(S::Development, &items[0], Side::Company),
            Err(AccessError::ItemFrozen(Stage::Preparation)),
            "a left stage is frozen"
        );
        assert_eq!(
            decide_transition(
                S::Execution,
                Transition::Withdraw,
                Side::Company,
                &items,
                None
            ),
            Err(AccessError::NotFrom {
                from: S::Execution,
                transition: Transition::Withdraw
            })
        );
        assert_eq!(
            decide_transition(
                S::Development,
                Transition::Decline,
                Side::Infrastructure,
                &items,
                Some("  ")
            ),
            Err(AccessError::ReasonRequired)
        );
        assert_eq!(
            may_waive(S::Preparation, &items[1], Side::Infrastructure, "x"),
            Err(AccessError::OnlyOfficeWaives)
        );
        assert_eq!(
            may_waive(S::Preparation, &items[1], Side::Office, ""),
            Err(AccessError::ReasonRequired)
        );
        assert_eq!(
            moves_for(S::Draft, Side::Company),
            vec![Transition::Submit, Transition::Withdraw]
        );
        assert!(moves_for(S::Completed, Side::Office).is_empty());
    }

    #[test]
    fn items_follow_the_owner_form() {
        let t = |key: &str, owners: Vec<OwnerClass>| ChecklistTemplate {
            key: Slug::parse(key).expect("slug"),
            stage: Stage::Preparation,
            owners,
            party: Party::Company,
            required: true,
            title: LangText::new("t", "t"),
            guidance: LangText::new("g", "g"),
            source: "s".into(),
            source_url: None,
            reviewed: IsoDate::parse("2026-11-23").expect("date"),
            document: None,
        };
        let templates = vec![
            t("municipal-law", vec![OwnerClass::Region]),
            t(
                "nda",
                vec![OwnerClass::StateOwnedCompany, OwnerClass::Unknown],
            ),
        ];
        let keys = |o| {
            checklist_for(&templates, o)
                .iter()
                .map(|t| t.key.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(keys(Some(OwnershipForm::Region)), vec!["municipal-law"]);
        assert_eq!(keys(Some(OwnershipForm::StateOwnedCompany)), vec!["nda"]);
        assert_eq!(keys(None), vec!["nda"]);
        assert!(keys(Some(OwnershipForm::Private)).is_empty());
    }

    #[derive(Debug, Clone)]
    enum Step {
        Move(Transition, u8),
        Check(usize, u8),
        Waive(usize),
    }

    fn side(n: u8) -> Side {
        [Side::Company, Side::Infrastructure, Side::Office][usize::from(n % 3)]
    }

    fn steps() -> impl Strategy<Value = Vec<Step>> {
        prop::collection::vec(
            prop_oneof![
                (prop::sample::select(Transition::ALL.to_vec()), 0u8..3)
                    .prop_map(|(t, s)| Step::Move(t, s)),
                (0usize..8, 0u8..3).prop_map(|(i, s)| Step::Check(i, s)),
                (0usize..8).prop_map(Step::Waive),
            ],
            0..60,
        )
    }

    fn checklist() -> impl Strategy<Value = Vec<ItemState>> {
        prop::collection::vec(
            (
                prop::sample::select(Stage::ALL.to_vec()),
                prop::sample::select(Party::ALL.to_vec()),
                any::<bool>(),
            )
                .prop_map(|(stage, party, required)| item(stage, party, required)),
            0..8,
        )
    }

    proptest! {
        /// Whatever anyone tries in whatever order, a request only reaches execution (and completion) with
        /// every required item of preparation and development checked by its party or waived by the office,
        /// and only the infrastructure side (or the office) ever moves it forward from submitted.
        #[test]
        fn no_path_reaches_execution_with_open_required_items(mut items in checklist(), steps in steps()) {
            let mut status = RequestStatus::Draft;
            for step in steps {
                match step {
                    Step::Move(t, s) => {
                        let before = status;
                        if let Ok(next) = decide_transition(status, t, side(s), &items, Some("reason")) {
                            prop_assert_eq!(target(before, t), Some(next));
                            if before != RequestStatus::Draft && !matches!(t, Transition::Withdraw) {
                                prop_assert!(side(s) != Side::Company);
                            }
                            status = next;
                        }
                    }
                    Step::Check(i, s) => {
                        if let Some(it) = items.get_mut(i)
                            && may_check(status, it, side(s)).is_ok()
                        {
                            it.checked = !it.checked;
                        }
                    }
                    Step::Waive(i) => {
                        if let Some(it) = items.get_mut(i)
                            && may_waive(status, it, Side::Office, "agreed").is_ok()
                        {
                            it.waived = true;
                        }
                    }
                }
                if matches!(status, RequestStatus::Execution | RequestStatus::Completed) {
                    for it in &items {
                        if it.required && it.stage != Stage::Execution {
                            prop_assert!(it.is_resolved(), "{:?} open at {}", it, status);
                        }
                    }
                }
                if status == RequestStatus::Completed {
                    for it in items.iter().filter(|i| i.required) {
                        prop_assert!(it.is_resolved());
                    }
                }
            }
        }

        /// Closed requests never move again.
        #[test]
        fn closed_is_final(t in prop::sample::select(Transition::ALL.to_vec()), s in 0u8..3,
                           from in prop::sample::select(vec![RequestStatus::Completed, RequestStatus::Declined, RequestStatus::Withdrawn])) {
            prop_assert!(decide_transition(from, t, side(s), &[], Some("r")).is_err());
        }
    }

    #[test]
    fn only_the_office_forwards_and_only_a_sent_request() {
        for status in RequestStatus::ALL {
            for side in [Side::Company, Side::Infrastructure, Side::Office] {
                let allowed = may_forward(side, *status).is_ok();
                assert_eq!(
                    allowed,
                    side == Side::Office && *status == RequestStatus::Submitted,
                    "{side:?} {status}"
                );
            }
        }
    }
}
