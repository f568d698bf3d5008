//! Samverkan's HTTP surface: server-rendered pages in Swedish and English, the JSON API with its OpenAPI
//! document, static assets and the operations endpoints. Only this crate knows HTTP and HTML.

pub mod api;
mod api_strategy;
mod api_way_in;
mod assets;
pub mod atlas;
pub mod auth;
pub mod error;
pub mod forms;
pub mod kit;
mod metrics;
pub mod oidc;
mod ops;
pub mod pages;
pub mod params;
pub mod search;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, Request, header};
use axum::middleware;
use axum::response::Redirect;
use axum::routing::{MethodRouter, get, post};
use std::sync::Arc;
use std::time::Instant;
use store::Store;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

pub use metrics::Metrics;

/// What every handler can reach: the store and the request metrics.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

struct Inner {
    store: Store,
    auth: auth::AuthSettings,
    oidc: Option<oidc::Oidc>,
    graph: app::graph::GraphCache,
    search: Arc<app::search::SearchState>,
    metrics: Metrics,
    started: Instant,
}

impl AppState {
    /// Builds the state around an open, migrated store.
    pub fn new(store: Store, auth: auth::AuthSettings) -> AppState {
        AppState::with_oidc(store, auth, None)
    }

    /// Builds the state with single sign-on through an OpenID Connect provider and a search index in memory.
    pub fn with_oidc(store: Store, auth: auth::AuthSettings, oidc: Option<oidc::Oidc>) -> AppState {
        let search = app::search::SearchState::open(None).unwrap_or_else(|e| {
            // An index in memory needs no file; failing to make one is a bug, not a condition to handle.
            panic!("creating the in-memory search index: {e}")
        });
        AppState::build(store, auth, oidc, search)
    }

    /// Builds the state around `search` (an index on disk under the data folder, for `serve`).
    pub fn build(
        store: Store,
        auth: auth::AuthSettings,
        oidc: Option<oidc::Oidc>,
        search: app::search::SearchState,
    ) -> AppState {
        AppState(Arc::new(Inner {
            store,
            auth,
            oidc,
            graph: app::graph::GraphCache::default(),
            search: Arc::new(search),
            metrics: Metrics::default(),
            started: Instant::now(),
        }))
    }

    /// The search index and its sync state.
    pub fn search_state(&self) -> &Arc<app::search::SearchState> {
        &self.0.search
    }

    /// Session and login settings.
    pub fn auth(&self) -> &auth::AuthSettings {
        &self.0.auth
    }

    /// The single sign-on provider, when one is configured.
    pub fn oidc(&self) -> Option<&oidc::Oidc> {
        self.0.oidc.as_ref()
    }

    /// The repository.
    pub fn store(&self) -> &Store {
        &self.0.store
    }

    /// The current atlas snapshot, recomputed when the data has changed (see `app::graph::GraphCache`).
    pub async fn graph(&self) -> Result<Arc<atlas::GraphSnapshot>, error::WebError> {
        Ok(self.0.graph.get(&self.0.store).await?)
    }

    /// Applies the changes other requests or servers have written to the search index.
    pub async fn sync_search(&self) -> Result<usize, error::WebError> {
        Ok(self.0.search.sync(&self.0.store).await?)
    }

    /// Rebuilds the whole search index from the database.
    pub async fn rebuild_search(&self) -> Result<usize, error::WebError> {
        Ok(self.0.search.rebuild(&self.0.store).await?)
    }

    pub(crate) fn metrics(&self) -> &Metrics {
        &self.0.metrics
    }

    pub(crate) fn uptime_seconds(&self) -> u64 {
        self.0.started.elapsed().as_secs()
    }
}

/// The Content-Security-Policy: everything from this origin only, no inline scripts.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
                   frame-ancestors 'none'";

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

fn spec(method: &'static str, path: &'static str, rule: Rule) -> RouteSpec {
    RouteSpec { method, path, rule }
}

/// Every route of the application with its rule. The router is built from this table, so no route can exist
/// without a declared policy.
fn route_table() -> Vec<(RouteSpec, MethodRouter<AppState>)> {
    use Rule::{ActorEditor, Admin, AnyEditor, Manager, MeasureReporter, Public, SignedIn};
    use pages::followup as fu;
    use pages::{account as acc, edit, requests as req, way_in};
    vec![
        (
            spec("GET", "/", Public),
            get(|| async { Redirect::to("/sv/") }),
        ),
        (spec("GET", "/{lang}", Public), get(pages::lang_root)),
        (spec("GET", "/{lang}/", Public), get(pages::home)),
        (spec("GET", "/{lang}/actors", Public), get(pages::actors)),
        (
            spec("GET", "/{lang}/actors/{slug}", Public),
            get(pages::actor),
        ),
        (
            spec("GET", "/{lang}/actors/{slug}/edit", ActorEditor),
            get(edit::edit_page),
        ),
        (
            spec("POST", "/{lang}/actors/{slug}/edit", ActorEditor),
            post(edit::edit),
        ),
        (
            spec("GET", "/{lang}/actors/{slug}/history", ActorEditor),
            get(edit::history),
        ),
        (
            spec("POST", "/{lang}/actors/{slug}/contacts/{n}/erase", Admin),
            post(edit::erase_contact),
        ),
        (
            spec("GET", "/{lang}/atlas", Public),
            get(pages::atlas::page),
        ),
        (
            spec("GET", "/{lang}/campuses", Public),
            get(pages::campuses),
        ),
        (
            spec("GET", "/{lang}/campuses/{slug}", Public),
            get(pages::campus),
        ),
        (
            spec("GET", "/{lang}/infrastructures", Public),
            get(way_in::infrastructures),
        ),
        (
            spec(
                "GET",
                "/{lang}/infrastructures/{slug}/services/new",
                Manager,
            ),
            get(way_in::new_service_page),
        ),
        (
            spec(
                "POST",
                "/{lang}/infrastructures/{slug}/services/new",
                Manager,
            ),
            post(way_in::create_service),
        ),
        (
            spec(
                "GET",
                "/{lang}/infrastructures/{slug}/services/{service}/edit",
                Manager,
            ),
            get(way_in::edit_service_page),
        ),
        (
            spec(
                "POST",
                "/{lang}/infrastructures/{slug}/services/{service}/edit",
                Manager,
            ),
            post(way_in::update_service),
        ),
        (
            spec("GET", "/{lang}/services/{slug}", Public),
            get(way_in::service),
        ),
        (
            spec("GET", "/{lang}/premises", Public),
            get(way_in::premises),
        ),
        (
            spec("GET", "/{lang}/checklists/documents/{slug}", Public),
            get(way_in::document),
        ),
        (spec("GET", "/{lang}/requests", SignedIn), get(req::list)),
        (
            spec("POST", "/{lang}/requests", SignedIn),
            post(req::create),
        ),
        (
            spec("GET", "/{lang}/requests/new", SignedIn),
            get(req::new_page_handler),
        ),
        (
            spec("GET", "/{lang}/requests/{id}", SignedIn),
            get(req::detail),
        ),
        (
            spec("POST", "/{lang}/requests/{id}/transition", SignedIn),
            post(req::transition),
        ),
        (
            spec("POST", "/{lang}/requests/{id}/items/{item}", SignedIn),
            post(req::item),
        ),
        (
            spec("POST", "/{lang}/requests/{id}/messages", SignedIn),
            post(req::message),
        ),
        (
            spec("POST", "/{lang}/requests/{id}/attachments", SignedIn),
            post(req::upload).layer(DefaultBodyLimit::max(req::MAX_UPLOAD)),
        ),
        (
            spec("GET", "/{lang}/requests/{id}/attachments/{file}", SignedIn),
            get(req::download),
        ),
        (
            spec("GET", "/{lang}/admin/requests", Admin),
            get(req::figures),
        ),
        (
            spec("GET", "/{lang}/admin/checklists", Admin),
            get(req::checklists),
        ),
        (
            spec("GET", "/{lang}/admin/checklists/{key}", Admin),
            get(req::template_edit_page),
        ),
        (
            spec("POST", "/{lang}/admin/checklists/{key}", Admin),
            post(req::template_save),
        ),
        (
            spec("GET", "/{lang}/strategy", Public),
            get(pages::strategy::overview),
        ),
        (
            spec("GET", "/{lang}/strategy/{slug}", Public),
            get(pages::strategy::area),
        ),
        (
            spec("GET", "/{lang}/measures/{id}", Public),
            get(pages::strategy::measure),
        ),
        (
            spec("GET", "/{lang}/measures/{id}/edit", MeasureReporter),
            get(pages::strategy::edit_measure_page),
        ),
        (
            spec("POST", "/{lang}/measures/{id}/edit", MeasureReporter),
            post(pages::strategy::save_measure),
        ),
        (
            spec("GET", "/{lang}/indicators/{id}", Public),
            get(pages::strategy::indicator),
        ),
        (
            spec("GET", "/{lang}/indicators/{id}/edit", Admin),
            get(pages::plans::edit_indicator_page),
        ),
        (
            spec("POST", "/{lang}/indicators/{id}/edit", Admin),
            post(pages::plans::save_indicator),
        ),
        (
            spec("GET", "/{lang}/strategy/{slug}/working-group", Admin),
            get(pages::plans::group),
        ),
        (
            spec("POST", "/{lang}/strategy/{slug}/working-group", Admin),
            post(pages::plans::add_member),
        ),
        (
            spec(
                "POST",
                "/{lang}/strategy/{slug}/working-group/remove",
                Admin,
            ),
            post(pages::plans::remove_member),
        ),
        (
            spec("GET", "/{lang}/posts", SignedIn),
            get(pages::posts::list),
        ),
        (
            spec("POST", "/{lang}/posts", SignedIn),
            post(pages::posts::create),
        ),
        (
            spec("GET", "/{lang}/posts/new", SignedIn),
            get(pages::posts::new_page),
        ),
        (
            spec("GET", "/{lang}/posts/{id}", SignedIn),
            get(pages::posts::detail),
        ),
        (
            spec("POST", "/{lang}/posts/{id}/interest", SignedIn),
            post(pages::posts::interest),
        ),
        (
            spec("POST", "/{lang}/posts/{id}/close", SignedIn),
            post(pages::posts::close),
        ),
        (
            spec("GET", "/{lang}/conversations/{id}", SignedIn),
            get(pages::posts::conversation),
        ),
        (
            spec("POST", "/{lang}/conversations/{id}", SignedIn),
            post(pages::posts::reply),
        ),
        (
            spec("GET", "/{lang}/events", Public),
            get(pages::events::list),
        ),
        (
            spec("GET", "/{lang}/events/{slug}", Public),
            get(pages::events::detail),
        ),
        (
            spec("GET", "/{lang}/events/new", AnyEditor),
            get(pages::happenings_edit::new_event_page),
        ),
        (
            spec("POST", "/{lang}/events", AnyEditor),
            post(pages::happenings_edit::create_event),
        ),
        (
            spec("GET", "/{lang}/events/{slug}/edit", SignedIn),
            get(pages::happenings_edit::edit_event_page),
        ),
        (
            spec("POST", "/{lang}/events/{slug}/edit", SignedIn),
            post(pages::happenings_edit::update_event),
        ),
        (
            spec("GET", "/{lang}/news/new", AnyEditor),
            get(pages::happenings_edit::new_news_page),
        ),
        (
            spec("POST", "/{lang}/news", AnyEditor),
            post(pages::happenings_edit::create_news),
        ),
        (
            spec("GET", "/{lang}/news/{slug}/edit", AnyEditor),
            get(pages::happenings_edit::edit_news_page),
        ),
        (
            spec("POST", "/{lang}/news/{slug}/edit", AnyEditor),
            post(pages::happenings_edit::update_news),
        ),
        (
            spec("GET", "/{lang}/events/{slug}/matchmaking", Public),
            get(pages::matchmaking::page),
        ),
        (
            spec(
                "POST",
                "/{lang}/events/{slug}/matchmaking/register",
                SignedIn,
            ),
            post(pages::matchmaking::register),
        ),
        (
            spec("POST", "/{lang}/events/{slug}/matchmaking/slots", SignedIn),
            post(pages::matchmaking::add_slot),
        ),
        (
            spec(
                "POST",
                "/{lang}/events/{slug}/matchmaking/slots/{id}/remove",
                SignedIn,
            ),
            post(pages::matchmaking::remove_slot),
        ),
        (
            spec(
                "POST",
                "/{lang}/events/{slug}/matchmaking/requests",
                SignedIn,
            ),
            post(pages::matchmaking::request),
        ),
        (
            spec(
                "POST",
                "/{lang}/events/{slug}/matchmaking/requests/{id}",
                SignedIn,
            ),
            post(pages::matchmaking::answer),
        ),
        (
            spec("GET", "/{lang}/events/{slug}/agenda.ics", SignedIn),
            get(pages::matchmaking::agenda_ics),
        ),
        (
            spec("GET", "/{lang}/meeting-places", Public),
            get(pages::events::places),
        ),
        (
            spec("GET", "/{lang}/news", Public),
            get(pages::events::news),
        ),
        (
            spec("GET", "/{lang}/news.atom", Public),
            get(pages::events::atom),
        ),
        (
            spec("GET", "/api/v1/events", Public),
            get(pages::events::api_list),
        ),
        (
            spec("GET", "/api/v1/events.ics", Public),
            get(pages::events::feed),
        ),
        (spec("GET", "/{lang}/follow-up", Public), get(fu::index)),
        (spec("POST", "/{lang}/follow-up", Admin), post(fu::open)),
        (
            spec("GET", "/{lang}/follow-up/{year}", Public),
            get(fu::report),
        ),
        (
            spec("GET", "/{lang}/follow-up/{year}/reports", SignedIn),
            get(fu::reports),
        ),
        (
            spec("POST", "/{lang}/follow-up/{year}/close", Admin),
            post(fu::close),
        ),
        (
            spec(
                "GET",
                "/{lang}/follow-up/{year}/reports/{measure}",
                MeasureReporter,
            ),
            get(fu::measure_report),
        ),
        (
            spec(
                "POST",
                "/{lang}/follow-up/{year}/reports/{measure}",
                MeasureReporter,
            ),
            post(fu::write_report),
        ),
        (
            spec(
                "POST",
                "/{lang}/follow-up/{year}/reports/{measure}/review",
                Admin,
            ),
            post(fu::review),
        ),
        (
            spec(
                "POST",
                "/{lang}/follow-up/{year}/reports/{measure}/revise",
                Admin,
            ),
            post(fu::revise),
        ),
        (spec("GET", "/{lang}/search", Public), get(search::page)),
        (
            spec("GET", "/{lang}/match", Public),
            get(search::match_page),
        ),
        (
            spec("GET", "/api/v1/search", Public),
            get(search::api_search),
        ),
        (
            spec("GET", "/api/v1/suggest", Public),
            get(search::api_suggest),
        ),
        (
            spec("POST", "/api/v1/match", Public),
            post(search::api_match),
        ),
        (spec("GET", "/{lang}/privacy", Public), get(edit::privacy)),
        (
            spec("GET", "/{lang}/accessibility", Public),
            get(pages::accessibility::page),
        ),
        (
            spec("POST", "/{lang}/accessibility/report", Public),
            post(pages::accessibility::report),
        ),
        (
            spec("GET", "/{lang}/admin/accessibility-reports", Admin),
            get(pages::accessibility::reports),
        ),
        (spec("GET", "/{lang}/login", Public), get(acc::login_page)),
        (spec("POST", "/{lang}/login", Public), post(acc::login)),
        (spec("GET", "/{lang}/login/sso", Public), get(oidc::start)),
        (
            spec("GET", oidc::CALLBACK_PATH, Public),
            get(oidc::callback),
        ),
        (spec("POST", "/{lang}/logout", Public), post(acc::logout)),
        (spec("GET", "/{lang}/signup", Public), get(acc::signup_page)),
        (spec("POST", "/{lang}/signup", Public), post(acc::signup)),
        (spec("GET", "/{lang}/verify", Public), get(acc::verify_page)),
        (spec("POST", "/{lang}/verify", Public), post(acc::verify)),
        (
            spec("GET", "/{lang}/password/forgot", Public),
            get(acc::forgot_page),
        ),
        (
            spec("POST", "/{lang}/password/forgot", Public),
            post(acc::forgot),
        ),
        (
            spec("GET", "/{lang}/password/reset", Public),
            get(acc::reset_page),
        ),
        (
            spec("POST", "/{lang}/password/reset", Public),
            post(acc::reset),
        ),
        (
            spec("GET", "/{lang}/invitation", Public),
            get(acc::invitation_page),
        ),
        (
            spec("POST", "/{lang}/invitation", Public),
            post(acc::invitation),
        ),
        (spec("GET", "/{lang}/account", SignedIn), get(acc::account)),
        (
            spec("POST", "/{lang}/account/tokens", SignedIn),
            post(acc::create_token),
        ),
        (
            spec("POST", "/{lang}/account/tokens/{id}/revoke", SignedIn),
            post(acc::revoke_token),
        ),
        (
            spec("GET", "/{lang}/account/export", SignedIn),
            get(acc::export),
        ),
        (
            spec("POST", "/{lang}/account/erase", SignedIn),
            post(acc::erase),
        ),
        (
            spec("GET", "/{lang}/admin/import", Admin),
            get(pages::import::form),
        ),
        (
            spec("POST", "/{lang}/admin/import", Admin),
            post(pages::import::upload).layer(DefaultBodyLimit::max(pages::import::MAX_UPLOAD)),
        ),
        (
            spec("GET", "/{lang}/admin/audit", Admin),
            get(edit::audit_log),
        ),
        (
            spec("GET", "/{lang}/admin/invite", Admin),
            get(acc::invite_page),
        ),
        (
            spec("POST", "/{lang}/admin/invite", Admin),
            post(acc::invite),
        ),
        (spec("GET", "/static/{file}", Public), get(assets::serve)),
        (spec("GET", "/healthz", Public), get(ops::healthz)),
        (spec("GET", "/readyz", Public), get(ops::readyz)),
        (spec("GET", "/metrics", Public), get(ops::metrics)),
    ]
    .into_iter()
    .chain(api::route_table())
    .chain(api_way_in::route_table())
    .chain(api_strategy::route_table())
    .collect()
}

/// The declared rule of every route, including the API documentation routes added by Swagger UI.
pub fn route_specs() -> Vec<RouteSpec> {
    let mut specs: Vec<RouteSpec> = route_table().into_iter().map(|(s, _)| s).collect();
    specs.push(spec("GET", "/api/v1/openapi.json", Rule::Public));
    specs.push(spec("GET", "/api/v1/docs/", Rule::Public));
    specs
}

/// The largest request body accepted (forms and JSON).
pub const BODY_LIMIT: usize = 256 * 1024;

/// The whole application: every route, the error renderer, metrics, logging and the security headers.
pub fn router(state: AppState) -> Router {
    pages::set_public_origin(&state.auth().base_url);
    let mut app: Router<AppState> = Router::new();
    for (spec, method_router) in route_table() {
        app = app.route(spec.path, method_router);
    }
    let app = app
        .merge(api::docs())
        .fallback(|| async { error::WebError::NotFound });
    let hsts = state.auth().secure_cookies;
    let app = app
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn(error::render_errors))
        // gzip for clients that ask (pages, JSON, the graph bundle), outside the error renderer so that an error
        // page is compressed like any other body, never labelled as compressed when it is not.
        .layer(tower_http::compression::CompressionLayer::new())
        .layer(middleware::from_fn_with_state(
            state.clone(),
            search::sync_after_writes,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            metrics::track,
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ));
    let app = if hsts {
        app.layer(SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        ))
    } else {
        app
    };
    app.layer(TraceLayer::new_for_http().make_span_with(|req: &Request<_>| {
        tracing::info_span!("request", method = %req.method(), path = %req.uri().path())
    }))
    .with_state(state)
}

/// Serves `app` on `listener` until `shutdown` resolves, then lets requests in flight finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // The peer address reaches handlers as `ConnectInfo`: sign-in throttling is per client address.
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
