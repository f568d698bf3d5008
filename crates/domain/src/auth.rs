//! Who may do what: roles scoped to actors, the signed-in principal, and the one authorisation policy that
//! every handler asks.

use crate::Slug;
use serde::Serialize;

vocabulary! {
    /// A role, held for one actor (company, manager, editor, reporter) or for everything (admin).
    Role {
        /// A member of a company: describes needs and sends access requests.
        Company = "company",
        /// Staff of a research infrastructure: publishes services and answers access requests.
        Manager = "manager",
        /// Representative of an actor: keeps its profile, contacts and relations up to date.
        Editor = "editor",
        /// Responsible for measures in an action plan: reports in the yearly follow-up.
        Reporter = "reporter",
        /// A real-estate owner (Locum, Akademiska Hus): publishes and keeps its premises listings.
        Owner = "owner",
        /// A researcher at a university or the region: asks the health data cohort questions within a privacy
        /// budget that an admin gives.
        Researcher = "researcher",
        /// Staff of a body that decides on access to health data (Centrum för hälsodata), held for that body:
        /// reviews the data-permit applications for the sources it holds and decides them.
        DataAccess = "data_access",
        /// The programme office: may do everything.
        Admin = "admin",
    }
}

/// One role held by a person, scoped to an actor unless it is admin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Grant {
    /// The role.
    pub role: Role,
    /// The actor the role is held for; `None` only for admin.
    pub actor: Option<Slug>,
}

vocabulary! {
    /// What an API token may do.
    TokenScope {
        /// Read what the person may read; no change of any kind.
        Read = "read",
        /// Read and change what the person may change.
        Write = "write",
    }
}

/// How the person proved who they are on this request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credential {
    /// A browser session after signing in (password or single sign-on).
    Session,
    /// An API token with its scope.
    Token(TokenScope),
}

/// A signed-in person with their roles. Who may do what is never asked of a principal directly: every
/// decision goes through [`decide`] (or, for lists, [`request_scope`]), so the role queries are private here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    user_id: i64,
    grants: Vec<Grant>,
    credential: Credential,
    /// The focus areas whose working group the person leads.
    leads: Vec<Slug>,
}

impl Principal {
    /// A person with `grants`, signed in with `credential`.
    pub fn new(user_id: i64, grants: Vec<Grant>, credential: Credential) -> Principal {
        Principal {
            user_id,
            grants,
            credential,
            leads: Vec::new(),
        }
    }

    /// The same person, leading the working groups of `areas`.
    pub fn leading(mut self, areas: Vec<Slug>) -> Principal {
        self.leads = areas;
        self
    }

    /// The user's id.
    pub fn user_id(&self) -> i64 {
        self.user_id
    }

    /// The roles held, to show the person their own account (not to decide anything: use [`decide`]).
    pub fn grants(&self) -> &[Grant] {
        &self.grants
    }

    /// How the person signed in.
    pub fn credential(&self) -> Credential {
        self.credential
    }

    pub(crate) fn is_admin(&self) -> bool {
        self.grants.iter().any(|g| g.role == Role::Admin)
    }

    pub(crate) fn holds(&self, role: Role, actor: &Slug) -> bool {
        self.grants
            .iter()
            .any(|g| g.role == role && g.actor.as_ref() == Some(actor))
    }

    pub(crate) fn holds_any(&self, role: Role) -> bool {
        self.grants.iter().any(|g| g.role == role)
    }

    fn actors_as(&self, role: Role) -> Vec<Slug> {
        self.grants
            .iter()
            .filter(|g| g.role == role)
            .filter_map(|g| g.actor.clone())
            .collect()
    }
}

/// The data-permit applications a person may list: every one (admins), their own, and those asking for sources
/// of the bodies they hold the data-access role for. Each one in it is one [`Action::ViewHealthApplication`]
/// allows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApplicationScope {
    /// Every application.
    pub all: bool,
    /// The person's own (the applicant's user id).
    pub applicant: i64,
    /// Holders whose sources' applications the person reviews (submitted ones only).
    pub holders: Vec<Slug>,
}

/// The scope of the applications `p` may list.
pub fn application_scope(p: &Principal) -> ApplicationScope {
    ApplicationScope {
        all: p.is_admin(),
        applicant: p.user_id,
        holders: p.actors_as(Role::DataAccess),
    }
}

/// The access requests a person may list: all submitted ones (the office), their companies' (drafts included)
/// and their infrastructures' (submitted ones).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestScope {
    /// Every submitted request.
    pub all: bool,
    /// Companies the person sends requests for.
    pub companies: Vec<Slug>,
    /// Infrastructures whose requests the person answers.
    pub providers: Vec<Slug>,
}

/// The scope of the requests `p` may list; each request in it is also one [`Action::ViewRequest`] allows.
pub fn request_scope(p: &Principal) -> RequestScope {
    RequestScope {
        all: decide(Some(p), &Action::ViewRequestFigures) == Decision::Allow,
        companies: p.actors_as(Role::Company),
        providers: p.actors_as(Role::Manager),
    }
}

/// Something a caller wants to do, with the object it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action<'a> {
    /// Read public pages and open data.
    ReadPublic,
    /// Use one's own account: see it, and act as oneself on the platform.
    UseOwnAccount,
    /// Manage what proves who one is, or takes everything one has: create API tokens, change the password,
    /// download one's data, erase the account. A browser session only: a token cannot mint tokens or take
    /// over the account it belongs to.
    ManageCredentials,
    /// Any change at all (a form post or an API write). Refused to read-only tokens.
    ChangeData,
    /// Change an actor's profile, contacts and relations.
    EditActor(&'a Slug),
    /// Change what an actor is (its kind and ownership form), which decides the legal path into it.
    ClassifyActor(&'a Slug),
    /// See the change history of an actor.
    ViewActorHistory(&'a Slug),
    /// Browse the whole audit log.
    ViewAuditLog,
    /// Invite people and give them roles.
    ManageUsers,
    /// Publish and edit the services of an infrastructure (its managers).
    ManageServices(&'a Slug),
    /// Send access requests on behalf of a company (its members).
    RequestAccess(&'a Slug),
    /// See an access request: its company's members and its provider's managers.
    ViewRequest {
        /// The requesting company.
        company: &'a Slug,
        /// The infrastructure asked.
        provider: &'a Slug,
    },
    /// Edit the legal checklist templates (the programme office).
    ManageChecklists,
    /// See the programme office's figures on access requests.
    ViewRequestFigures,
    /// Run the yearly follow-up: open and close cycles, review reports, revise a closed cycle, see the internal
    /// report (the programme office).
    RunFollowUp,
    /// Report on, and edit, a measure whose responsible actor is the given one (its reporters).
    ReportMeasure(&'a Slug),
    /// Edit the strategy's indicators and the action plans' working groups (the programme office).
    ManageStrategy,
    /// Write an area's action plan — its texts, measures, milestones and indicators: the programme office, and
    /// the lead of the area's working group.
    WritePlan(&'a Slug),
    /// Write news items (admins and the editors of any actor).
    PublishNews,
    /// Change a news item about these actors: admins, and the editors of one of them. A news item about no
    /// actor is the office's.
    EditNews(&'a [Slug]),
    /// Take part in the yearly follow-up: see the measures one reports on (admins and reporters of any actor).
    TakePartInFollowUp,
    /// Publish, edit and end the premises listings of a real-estate owner (its owners' people).
    ManagePremises(&'a Slug),
    /// Register a company that is not in the atlas, and become its member and editor (anyone signed in).
    RegisterCompany,
    /// Review the companies that registered themselves: approve, merge or reject them (the programme office).
    ReviewCompanies,
    /// Ask the health data cohort questions, within one's privacy budget (researchers).
    AskHealthData,
    /// Give researchers their privacy budgets (the programme office).
    ManageHealthBudgets,
    /// Apply for a data permit (researchers).
    ApplyForHealthData,
    /// See a data-permit application: its applicant, and the data-access staff of a holder of a source it asks
    /// for.
    ViewHealthApplication {
        /// The applicant's user id.
        applicant: i64,
        /// The holders of the sources asked for.
        holders: &'a [Slug],
    },
    /// Review and decide a data-permit application asking for sources of these holders (their data-access
    /// staff).
    ReviewHealthApplication(&'a [Slug]),
    /// Create and change an event organised by these actors (the editors of one of them), and run its
    /// matchmaking. An event with no organiser left is the office's.
    ManageEvent(&'a [Slug]),
}

/// The policy's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Go ahead.
    Allow,
    /// Sign in first (HTTP 401, or a redirect to the login page).
    SignInRequired,
    /// Signed in, but not allowed (HTTP 403).
    Forbidden,
}

/// The authorisation policy. `principal` is `None` for a visitor who is not signed in.
pub fn decide(principal: Option<&Principal>, action: &Action<'_>) -> Decision {
    if matches!(action, Action::ReadPublic) {
        return Decision::Allow;
    }
    let Some(p) = principal else {
        return Decision::SignInRequired;
    };
    // What a token may do is limited before any role is asked: not even an admin's token manages credentials.
    match (p.credential, action) {
        (Credential::Token(_), Action::ManageCredentials)
        | (Credential::Token(TokenScope::Read), Action::ChangeData) => return Decision::Forbidden,
        _ => {}
    }
    // Deciding data permits is the data-access body's own: the programme office does not review or decide them,
    // whatever else it may do.
    if let Action::ReviewHealthApplication(holders) = action {
        return if holders.iter().any(|h| p.holds(Role::DataAccess, h)) {
            Decision::Allow
        } else {
            Decision::Forbidden
        };
    }
    let allowed = p.is_admin()
        || match action {
            Action::ReadPublic
            | Action::UseOwnAccount
            | Action::ManageCredentials
            | Action::ChangeData
            | Action::RegisterCompany => true,
            Action::EditActor(actor) | Action::ViewActorHistory(actor) => {
                p.holds(Role::Editor, actor)
            }
            Action::ManageServices(infrastructure) => p.holds(Role::Manager, infrastructure),
            Action::ManagePremises(owner) => p.holds(Role::Owner, owner),
            Action::AskHealthData | Action::ApplyForHealthData => p.holds_any(Role::Researcher),
            Action::ViewHealthApplication { applicant, holders } => {
                p.user_id == *applicant || holders.iter().any(|h| p.holds(Role::DataAccess, h))
            }
            Action::ReviewHealthApplication(_) => false,
            Action::RequestAccess(company) => p.holds(Role::Company, company),
            Action::ReportMeasure(responsible) => p.holds(Role::Reporter, responsible),
            Action::WritePlan(area) => p.leads.contains(area),
            Action::PublishNews => p.holds_any(Role::Editor),
            Action::EditNews(about) => about.iter().any(|a| p.holds(Role::Editor, a)),
            Action::TakePartInFollowUp => p.holds_any(Role::Reporter),
            Action::ManageEvent(organisers) => organisers.iter().any(|o| p.holds(Role::Editor, o)),
            Action::ViewRequest { company, provider } => {
                p.holds(Role::Company, company) || p.holds(Role::Manager, provider)
            }
            Action::ClassifyActor(_)
            | Action::ViewAuditLog
            | Action::ManageUsers
            | Action::ManageChecklists
            | Action::ViewRequestFigures
            | Action::ReviewCompanies
            | Action::ManageHealthBudgets
            | Action::RunFollowUp
            | Action::ManageStrategy => false,
        };
    if allowed {
        Decision::Allow
    } else {
        Decision::Forbidden
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn slug(s: &str) -> Slug {
        Slug::parse(s).expect("slug")
    }

    fn person(grants: &[(Role, Option<&str>)]) -> Principal {
        Principal {
            user_id: 1,
            credential: Credential::Session,
            leads: Vec::new(),
            grants: grants
                .iter()
                .map(|(r, a)| Grant {
                    role: *r,
                    actor: a.map(slug),
                })
                .collect(),
        }
    }

    #[test]
    fn editors_edit_their_own_actor_only() {
        let vecura = slug("vecura");
        let ana = slug("ana-futura");
        let editor = person(&[(Role::Editor, Some("vecura"))]);
        assert_eq!(
            decide(Some(&editor), &Action::EditActor(&vecura)),
            Decision::Allow
        );
        assert_eq!(
            decide(Some(&editor), &Action::EditActor(&ana)),
            Decision::Forbidden
        );
        assert_eq!(
            decide(None, &Action::EditActor(&vecura)),
            Decision::SignInRequired
        );
        let manager = person(&[(Role::Manager, Some("vecura"))]);
        assert_eq!(
            decide(Some(&manager), &Action::EditActor(&vecura)),
            Decision::Forbidden
        );
        let admin = person(&[(Role::Admin, None)]);
        assert_eq!(
            decide(Some(&admin), &Action::EditActor(&ana)),
            Decision::Allow
        );
        assert_eq!(decide(Some(&admin), &Action::ViewAuditLog), Decision::Allow);
        assert_eq!(
            decide(Some(&editor), &Action::ViewAuditLog),
            Decision::Forbidden
        );
    }

    fn any_role() -> impl Strategy<Value = Role> {
        prop::sample::select(Role::ALL.to_vec())
    }

    proptest! {
        #[test]
        fn nobody_but_admin_or_the_actors_editor_may_edit(
            roles in prop::collection::vec((any_role(), prop::sample::select(vec!["vecura", "ana-futura", "kth"])), 0..4)
        ) {
            let p = person(&roles.iter().map(|(r, a)| (*r, Some(*a))).collect::<Vec<_>>());
            let target = slug("vecura");
            let allowed = decide(Some(&p), &Action::EditActor(&target)) == Decision::Allow;
            let expected = roles.iter().any(|(r, a)| *r == Role::Admin || (*r == Role::Editor && *a == "vecura"));
            prop_assert_eq!(allowed, expected);
        }

        #[test]
        fn a_request_is_seen_by_its_company_its_providers_managers_and_admins_only(
            roles in prop::collection::vec((any_role(), prop::sample::select(vec!["biolamina", "vecura", "ana-futura"])), 0..4)
        ) {
            let p = person(&roles.iter().map(|(r, a)| (*r, Some(*a))).collect::<Vec<_>>());
            let (company, provider) = (slug("biolamina"), slug("vecura"));
            let allowed = decide(Some(&p), &Action::ViewRequest { company: &company, provider: &provider }) == Decision::Allow;
            let expected = roles.iter().any(|(r, a)| *r == Role::Admin
                || (*r == Role::Company && *a == "biolamina")
                || (*r == Role::Manager && *a == "vecura"));
            prop_assert_eq!(allowed, expected);
        }

        #[test]
        fn a_measure_is_reported_by_its_responsible_actors_reporters_and_admins_only(
            roles in prop::collection::vec((any_role(), prop::sample::select(vec!["kth", "vecura", "region-stockholm"])), 0..4)
        ) {
            let p = person(&roles.iter().map(|(r, a)| (*r, Some(*a))).collect::<Vec<_>>());
            let responsible = slug("region-stockholm");
            let allowed = decide(Some(&p), &Action::ReportMeasure(&responsible)) == Decision::Allow;
            let expected = roles.iter().any(|(r, a)| *r == Role::Admin || (*r == Role::Reporter && *a == "region-stockholm"));
            prop_assert_eq!(allowed, expected);
            let office = decide(Some(&p), &Action::RunFollowUp) == Decision::Allow;
            prop_assert_eq!(office, roles.iter().any(|(r, _)| *r == Role::Admin));
            let strategy = decide(Some(&p), &Action::ManageStrategy) == Decision::Allow;
            prop_assert_eq!(strategy, roles.iter().any(|(r, _)| *r == Role::Admin));
        }

        #[test]
        fn news_is_written_by_admins_and_editors_and_events_by_their_organisers_editors(
            roles in prop::collection::vec((any_role(), prop::sample::select(vec!["kth", "a-working-lab", "region-stockholm"])), 0..4)
        ) {
            let p = person(&roles.iter().map(|(r, a)| (*r, Some(*a))).collect::<Vec<_>>());
            let news = decide(Some(&p), &Action::PublishNews) == Decision::Allow;
            prop_assert_eq!(news, roles.iter().any(|(r, _)| matches!(r, Role::Admin | Role::Editor)));
            let organiser = [slug("a-working-lab")];
            let event = decide(Some(&p), &Action::ManageEvent(&organiser)) == Decision::Allow;
            let expected = roles.iter().any(|(r, a)| *r == Role::Admin || (*r == Role::Editor && *a == "a-working-lab"));
            prop_assert_eq!(event, expected);
            prop_assert_eq!(decide(None, &Action::PublishNews), Decision::SignInRequired);
        }

        #[test]
        fn a_token_never_manages_credentials_and_a_read_token_never_changes_anything(
            roles in prop::collection::vec((any_role(), prop::sample::select(vec!["kth", "vecura"])), 0..4),
            scope in prop::sample::select(TokenScope::ALL.to_vec()),
        ) {
            let mut p = person(&roles.iter().map(|(r, a)| (*r, Some(*a))).collect::<Vec<_>>());
            prop_assert_eq!(decide(Some(&p), &Action::ManageCredentials), Decision::Allow);
            prop_assert_eq!(decide(Some(&p), &Action::ChangeData), Decision::Allow);
            p.credential = Credential::Token(scope);
            prop_assert_eq!(decide(Some(&p), &Action::ManageCredentials), Decision::Forbidden);
            let change = decide(Some(&p), &Action::ChangeData);
            prop_assert_eq!(change == Decision::Allow, scope == TokenScope::Write);
            // Reading is what the roles allow, whatever the credential.
            let vecura = slug("vecura");
            let session = Principal { credential: Credential::Session, ..p.clone() };
            let with_session = decide(Some(&session), &Action::ViewActorHistory(&vecura));
            prop_assert_eq!(decide(Some(&p), &Action::ViewActorHistory(&vecura)), with_session);
        }

        #[test]
        fn news_is_changed_by_the_editors_of_an_actor_it_concerns_and_news_about_no_actor_by_the_office(
            roles in prop::collection::vec((any_role(), prop::sample::select(vec!["kth", "a-working-lab", "vecura"])), 0..4)
        ) {
            let p = person(&roles.iter().map(|(r, a)| (*r, Some(*a))).collect::<Vec<_>>());
            let about = [slug("a-working-lab"), slug("kth")];
            let allowed = decide(Some(&p), &Action::EditNews(&about)) == Decision::Allow;
            let expected = roles.iter().any(|(r, a)| *r == Role::Admin || (*r == Role::Editor && (*a == "kth" || *a == "a-working-lab")));
            prop_assert_eq!(allowed, expected);
            let nobody = decide(Some(&p), &Action::EditNews(&[])) == Decision::Allow;
            prop_assert_eq!(nobody, roles.iter().any(|(r, _)| *r == Role::Admin));
            let part = decide(Some(&p), &Action::TakePartInFollowUp) == Decision::Allow;
            prop_assert_eq!(part, roles.iter().any(|(r, _)| matches!(r, Role::Admin | Role::Reporter)));
        }

        #[test]
        fn the_request_scope_is_the_companies_and_infrastructures_held_and_all_for_the_office(
            roles in prop::collection::vec((any_role(), prop::sample::select(vec!["biolamina", "vecura"])), 0..4)
        ) {
            let p = person(&roles.iter().map(|(r, a)| (*r, Some(*a))).collect::<Vec<_>>());
            let scope = request_scope(&p);
            prop_assert_eq!(scope.all, roles.iter().any(|(r, _)| *r == Role::Admin));
            for c in &scope.companies {
                let view = decide(Some(&p), &Action::ViewRequest { company: c, provider: &slug("kth") });
                prop_assert_eq!(view, Decision::Allow);
            }
            for pr in &scope.providers {
                let view = decide(Some(&p), &Action::ViewRequest { company: &slug("kth"), provider: pr });
                prop_assert_eq!(view, Decision::Allow);
            }
        }

        #[test]
        fn public_reading_is_always_allowed(roles in prop::collection::vec(any_role(), 0..3)) {
            let p = person(&roles.iter().map(|r| (*r, None)).collect::<Vec<_>>());
            prop_assert_eq!(decide(Some(&p), &Action::ReadPublic), Decision::Allow);
            prop_assert_eq!(decide(None, &Action::ReadPublic), Decision::Allow);
        }
    }

    #[test]
    fn data_permits_are_seen_by_their_applicant_and_decided_by_the_holders_staff_only() {
        let holders = [slug("centrum-for-halsodata")];
        let staff = person(&[(Role::DataAccess, Some("centrum-for-halsodata"))]);
        let other_staff = person(&[(Role::DataAccess, Some("pku-biobanken"))]);
        let admin = person(&[(Role::Admin, None)]);
        let researcher = person(&[(Role::Researcher, Some("karolinska-institutet"))]);
        let review = Action::ReviewHealthApplication(&holders);
        assert_eq!(decide(Some(&staff), &review), Decision::Allow);
        assert_eq!(decide(Some(&other_staff), &review), Decision::Forbidden);
        assert_eq!(decide(Some(&admin), &review), Decision::Forbidden);
        assert_eq!(decide(Some(&researcher), &review), Decision::Forbidden);
        assert_eq!(decide(None, &review), Decision::SignInRequired);
        let view = |applicant| Action::ViewHealthApplication {
            applicant,
            holders: &holders,
        };
        assert_eq!(decide(Some(&researcher), &view(1)), Decision::Allow);
        assert_eq!(decide(Some(&researcher), &view(2)), Decision::Forbidden);
        assert_eq!(decide(Some(&staff), &view(2)), Decision::Allow);
        assert_eq!(decide(Some(&other_staff), &view(2)), Decision::Forbidden);
        assert_eq!(decide(Some(&admin), &view(2)), Decision::Allow);
        assert_eq!(
            decide(Some(&researcher), &Action::ApplyForHealthData),
            Decision::Allow
        );
        assert_eq!(
            decide(Some(&staff), &Action::ApplyForHealthData),
            Decision::Forbidden
        );
    }
}
