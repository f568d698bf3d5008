//! The route table's rows: each route with who may call it. The router is built from the table, so no route can
//! exist without a declared rule, and the role x route test reads the same table.

use crate::AppState;
use axum::routing::MethodRouter;

/// Who may call a route, as the route table declares it. The handler enforces it through `domain::auth`;
/// the role x route test checks that each route answers as declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in person (their own account).
    SignedIn,
    /// Admins only.
    Admin,
    /// The actor's editors (path `{slug}`) and admins.
    ActorEditor,
    /// The infrastructure's managers (path `{slug}`) and admins.
    Manager,
    /// The real-estate owner's people (path `{slug}`) and admins.
    PremisesOwner,
    /// The reporters of the measure's responsible actor (path `{measure}`) and admins.
    MeasureReporter,
    /// Editors of any actor, and admins (writing news and events; the actor is checked by the handler).
    AnyEditor,
    /// The lead of the area's working group and admins: the area of a `{slug}` path under `/strategy/`, or of
    /// the measure or indicator of an `{id}` path.
    PlanWriter,
    /// Researchers with the health data role, and admins.
    Researcher,
}

/// What a route's rule is asked about: the objects named in its path.
#[derive(Debug, Clone, Copy, Default)]
pub struct RouteObject<'a> {
    /// The actor or infrastructure of a `{slug}` path.
    pub actor: Option<&'a domain::Slug>,
    /// The responsible actor of a `{measure}` path's measure.
    pub responsible: Option<&'a domain::Slug>,
    /// The focus area of the path: its `{slug}`, or the area of its measure or indicator.
    pub area: Option<&'a domain::Slug>,
}

impl Rule {
    /// The rule as the policy states it: the action each rule stands for, asked of `domain::auth::decide`.
    /// The handlers ask the same policy with the same actions; the role x route test expects each route to
    /// answer as this says.
    pub fn decide(
        self,
        principal: Option<&domain::Principal>,
        object: RouteObject<'_>,
    ) -> domain::Decision {
        use domain::{Action, Decision, auth::decide};
        let with = |f: &dyn Fn(&domain::Slug) -> Decision, slug: Option<&domain::Slug>| {
            slug.map_or(Decision::Forbidden, f)
        };
        match self {
            Rule::Public => decide(principal, &Action::ReadPublic),
            Rule::SignedIn => decide(principal, &Action::UseOwnAccount),
            Rule::Admin => decide(principal, &Action::ManageUsers),
            Rule::ActorEditor => with(&|s| decide(principal, &Action::EditActor(s)), object.actor),
            Rule::Manager => with(
                &|s| decide(principal, &Action::ManageServices(s)),
                object.actor,
            ),
            Rule::PremisesOwner => with(
                &|s| decide(principal, &Action::ManagePremises(s)),
                object.actor,
            ),
            Rule::MeasureReporter => with(
                &|s| decide(principal, &Action::ReportMeasure(s)),
                object.responsible,
            ),
            Rule::AnyEditor => decide(principal, &Action::PublishNews),
            Rule::PlanWriter => with(&|s| decide(principal, &Action::WritePlan(s)), object.area),
            Rule::Researcher => decide(principal, &Action::AskHealthData),
        }
    }
}

/// One row of the route table.
#[derive(Debug, Clone, Copy)]
pub struct RouteSpec {
    /// HTTP method.
    pub method: &'static str,
    /// Path template.
    pub path: &'static str,
    /// Who may call it.
    pub rule: Rule,
}

pub fn spec(method: &'static str, path: &'static str, rule: Rule) -> RouteSpec {
    RouteSpec { method, path, rule }
}

/// A feature's routes: each with its rule and its handlers.
pub type Routes = Vec<(RouteSpec, MethodRouter<AppState>)>;
