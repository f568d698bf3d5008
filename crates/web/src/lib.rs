//! Samverkan's HTTP surface: server-rendered pages in Swedish and English, the JSON API with its OpenAPI
//! document, static assets and the operations endpoints. Only this crate knows HTTP and HTML.

pub mod accounts;
pub mod atlas;
pub mod follow_up;
pub mod health_data;
pub mod kit;
pub mod meeting_places;
mod ops;
pub mod search;
pub mod site;
pub mod way_in;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, Request, header};
use axum::middleware;

use std::sync::Arc;
use std::time::Instant;
use store::Store;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use kit::api::BearerAuth;
pub use kit::caller::{AuthSettings, SESSION_COOKIE};
pub use kit::routes::{RouteObject, RouteSpec, Rule};
pub use ops::metrics::Metrics;

/// What every handler can reach: the store and the request metrics.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

struct Inner {
    store: Store,
    auth: AuthSettings,
    oidc: Option<accounts::oidc::Oidc>,
    graph: app::graph::GraphCache,
    search: Arc<app::search::SearchState>,
    metrics: Metrics,
    started: Instant,
    health: std::sync::OnceLock<app::health::HealthData>,
    answers: kit::cache::AnswerCache,
    visitor_key: tokio::sync::OnceCell<Vec<u8>>,
    campus_names: kit::cache::PerVersion<[Vec<domain::Campus>; 2]>,
    tag_names: kit::cache::PerVersion<Vec<domain::Tag>>,
}

impl AppState {
    /// Builds the state around an open, migrated store.
    pub fn new(store: Store, auth: AuthSettings) -> AppState {
        AppState::with_oidc(store, auth, None)
    }

    /// Builds the state with single sign-on through an OpenID Connect provider and a search index in memory.
    pub fn with_oidc(
        store: Store,
        auth: AuthSettings,
        oidc: Option<accounts::oidc::Oidc>,
    ) -> AppState {
        let search = app::search::SearchState::open(None).unwrap_or_else(|e| {
            // An index in memory needs no file; failing to make one is a bug, not a condition to handle.
            panic!("creating the in-memory search index: {e}")
        });
        AppState::build(store, auth, oidc, search)
    }

    /// Builds the state around `search` (an index on disk under the data folder, for `serve`).
    pub fn build(
        store: Store,
        auth: AuthSettings,
        oidc: Option<accounts::oidc::Oidc>,
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
            health: std::sync::OnceLock::new(),
            answers: kit::cache::AnswerCache::default(),
            visitor_key: tokio::sync::OnceCell::new(),
            campus_names: kit::cache::PerVersion::default(),
            tag_names: kit::cache::PerVersion::default(),
        }))
    }

    /// The search index and its sync state.
    pub fn search_state(&self) -> &Arc<app::search::SearchState> {
        &self.0.search
    }

    /// The health data the server answers cohort questions from; set once, when the server starts (the pages
    /// say "unavailable" until then).
    pub fn set_health(&self, data: app::health::HealthData) {
        let _ = self.0.health.set(data);
    }

    /// The health data, when loaded.
    pub fn health(&self) -> Option<&app::health::HealthData> {
        self.0.health.get()
    }

    /// Session and login settings.
    pub fn auth(&self) -> &AuthSettings {
        &self.0.auth
    }

    /// The single sign-on provider, when one is configured.
    pub fn oidc(&self) -> Option<&accounts::oidc::Oidc> {
        self.0.oidc.as_ref()
    }

    /// The repository.
    pub fn store(&self) -> &Store {
        &self.0.store
    }

    /// The current atlas snapshot, recomputed when the data has changed (see `app::graph::GraphCache`).
    pub async fn graph(&self) -> Result<Arc<app::graph::GraphSnapshot>, kit::error::WebError> {
        Ok(self.0.graph.get(&self.0.store).await?)
    }

    /// Applies the changes other requests or servers have written to the search index.
    pub async fn sync_search(&self) -> Result<usize, kit::error::WebError> {
        Ok(self.0.search.sync(&self.0.store).await?)
    }

    /// Rebuilds the whole search index from the database.
    pub async fn rebuild_search(&self) -> Result<usize, kit::error::WebError> {
        Ok(self.0.search.rebuild(&self.0.store).await?)
    }

    /// The anonymous visitors' answers kept per data version (`kit::cache`).
    pub fn answers(&self) -> &kit::cache::AnswerCache {
        &self.0.answers
    }

    /// The key visitor tokens are signed with, shared by every server of the site (read once).
    pub(crate) async fn visitor_key(&self) -> Result<&[u8], kit::error::WebError> {
        let key = self
            .0
            .visitor_key
            .get_or_try_init(|| self.0.store.site_secret("visitor"))
            .await?;
        Ok(key)
    }

    /// The campuses in `lang`'s order of names, read once per data version.
    pub(crate) async fn campus_names(
        &self,
        lang: domain::Lang,
    ) -> Result<Vec<domain::Campus>, kit::error::WebError> {
        let store = &self.0.store;
        let both = self
            .0
            .campus_names
            .get(&self.0.answers, async {
                Ok::<_, store::StoreError>([
                    store.campus_names(domain::Lang::Sv).await?,
                    store.campus_names(domain::Lang::En).await?,
                ])
            })
            .await?;
        Ok(both[usize::from(lang == domain::Lang::En)].clone())
    }

    /// Every tag, read once per data version.
    pub(crate) async fn tag_names(&self) -> Result<Arc<Vec<domain::Tag>>, kit::error::WebError> {
        let store = &self.0.store;
        Ok(self
            .0
            .tag_names
            .get(&self.0.answers, store.tag_names())
            .await?)
    }

    /// Starts following the database's data version (writes by other servers and by background work), which
    /// keeps the cache of answers right; the task runs until aborted.
    pub fn follow_data(&self) -> tokio::task::JoinHandle<()> {
        kit::cache::follow(self.clone())
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

/// Every route of the application with its rule: each feature's table, one after the other. The router is built
/// from this list, so no route can exist without a declared rule.
fn route_table() -> kit::routes::Routes {
    [
        site::routes(),
        atlas::routes(),
        way_in::routes(),
        follow_up::routes(),
        meeting_places::routes(),
        search::routes(),
        health_data::routes(),
        accounts::routes(),
        ops::routes(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The API's OpenAPI document: what it is, its tags and the bearer-token scheme; each feature adds its paths.
#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "Samverkan API",
        version = "1",
        description = "Open data on the Stockholm region's life-science ecosystem: actors, relations, campuses, \
                       infrastructures, services and premises; access requests for their parties. \
                       Texts come in Swedish (`sv`) and English (`en`). Errors are JSON objects with a stable `code`; \
                       their `message` follows `Accept-Language` (sv or en, default en).",
        license(name = "EUPL-1.2")
    ),
    modifiers(&BearerAuth),
    tags(
        (name = "atlas", description = "Actors, relations and campuses"),
        (name = "strategy", description = "The regional strategy: focus areas, measures, indicators and the yearly follow-up"),
        (name = "search", description = "Search and need matching in Swedish and English"),
        (name = "way-in", description = "Infrastructures, services, premises and access requests"),
        (name = "meeting-places", description = "Events, meeting places and news"),
        (name = "account", description = "The caller's own account"),
        (name = "health-data", description = "Cohort questions on health data in the OMOP common data model; every figure passes disclosure control")
    )
)]
struct ApiDoc;

/// The whole OpenAPI document, with every feature's paths.
pub fn openapi() -> utoipa::openapi::OpenApi {
    use utoipa::OpenApi;
    let mut doc = ApiDoc::openapi();
    for part in [
        atlas::Api::openapi(),
        way_in::Api::openapi(),
        follow_up::Api::openapi(),
        meeting_places::Api::openapi(),
        search::Api::openapi(),
        health_data::Api::openapi(),
        accounts::Api::openapi(),
    ] {
        doc.merge(part);
    }
    doc
}

/// The declared rule of every route, including the API documentation routes added by Swagger UI.
pub fn route_specs() -> Vec<RouteSpec> {
    use kit::routes::spec;
    let mut specs: Vec<RouteSpec> = route_table().into_iter().map(|(s, _)| s).collect();
    specs.push(spec("GET", "/api/v1/openapi.json", Rule::Public));
    specs.push(spec("GET", "/api/v1/docs/", Rule::Public));
    specs
}

/// The largest request body accepted (forms and JSON).
pub const BODY_LIMIT: usize = 256 * 1024;

/// The whole application: every route, the error renderer, metrics, logging and the security headers.
pub fn router(state: AppState) -> Router {
    kit::page::set_public_origin(&state.auth().base_url);
    let mut app: Router<AppState> = Router::new();
    for (spec, method_router) in route_table() {
        app = app.route(spec.path, method_router);
    }
    let app = app
        .merge(kit::api::docs(openapi()))
        .fallback(|| async { kit::error::WebError::NotFound });
    let hsts = state.auth().secure_cookies;
    let app = app
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn(kit::page::render_errors))
        // Outside the error renderer, so that error pages show who is signed in too.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            kit::page::page_frame,
        ))
        // gzip for clients that ask (pages, JSON, the graph bundle), outside the error renderer so that an error
        // page is compressed like any other body, never labelled as compressed when it is not.
        .layer(tower_http::compression::CompressionLayer::new())
        // Outside the compression, so a kept answer is kept compressed (per Accept-Encoding).
        .layer(middleware::from_fn_with_state(
            state.clone(),
            kit::cache::middleware,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            search::sync_after_writes,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            ops::metrics::track,
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

/// Only the operations endpoints (`/healthz`, `/readyz`, `/metrics`), for a server that does background work
/// only (`serve --role worker`); anything else is 404.
pub fn operations_router(state: AppState) -> Router {
    let mut app: Router<AppState> = Router::new();
    for (spec, method_router) in ops::routes() {
        app = app.route(spec.path, method_router);
    }
    app.fallback(|| async { kit::error::WebError::NotFound })
        .layer(middleware::from_fn(kit::page::render_errors))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            ops::metrics::track,
        ))
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
