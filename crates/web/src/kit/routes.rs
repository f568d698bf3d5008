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
    /// The reporters of the measure's responsible actor (path `{measure}`) and admins.
    MeasureReporter,
    /// Editors of any actor, and admins (writing news and events; the actor is checked by the handler).
    AnyEditor,
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
