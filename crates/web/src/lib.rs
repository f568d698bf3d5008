//! Samverkan's HTTP surface: server-rendered pages in Swedish and English, the JSON API with its OpenAPI
//! document, static assets and the operations endpoints. Only this crate knows HTTP and HTML.

pub mod api;
mod assets;
pub mod error;
pub mod i18n;
mod metrics;
mod ops;
pub mod pages;
pub mod params;

use axum::Router;
use axum::http::{HeaderValue, Request, header};
use axum::middleware;
use axum::response::Redirect;
use axum::routing::get;
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
    metrics: Metrics,
    started: Instant,
}

impl AppState {
    /// Builds the state around an open, migrated store.
    pub fn new(store: Store) -> AppState {
        AppState(Arc::new(Inner {
            store,
            metrics: Metrics::default(),
            started: Instant::now(),
        }))
    }

    /// The repository.
    pub fn store(&self) -> &Store {
        &self.0.store
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

/// The whole application: every route, the error renderer, metrics, logging and the baseline security headers.
pub fn router(state: AppState) -> Router {
    let app = Router::new()
        .route("/", get(|| async { Redirect::to("/sv/") }))
        .route("/{lang}", get(pages::lang_root))
        .route("/{lang}/", get(pages::home))
        .route("/{lang}/actors", get(pages::actors))
        .route("/{lang}/actors/{slug}", get(pages::actor))
        .route("/{lang}/campuses", get(pages::campuses))
        .route("/{lang}/campuses/{slug}", get(pages::campus))
        .route("/static/{file}", get(assets::serve))
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        .route("/metrics", get(ops::metrics))
        .merge(api::router())
        .fallback(|| async { error::WebError::NotFound });

    app.layer(middleware::from_fn(error::render_errors))
        .layer(middleware::from_fn_with_state(state.clone(), metrics::track))
        .layer(SetResponseHeaderLayer::if_not_present(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP)))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request<_>| {
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
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}
