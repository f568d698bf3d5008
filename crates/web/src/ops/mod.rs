//! Operations endpoints: liveness, readiness and metrics, and the middleware that counts requests.

pub(crate) mod metrics;

use crate::AppState;
use crate::kit::error::WebError;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;

/// The process is up.
pub(crate) async fn healthz() -> &'static str {
    "ok"
}

/// The database answers; the server can take traffic.
pub(crate) async fn readyz(State(state): State<AppState>) -> Result<&'static str, WebError> {
    state
        .store()
        .ping()
        .await
        .map_err(|e| WebError::Unavailable(e.to_string()))?;
    if state.search_state().index().cursor().is_none() {
        return Err(WebError::Unavailable(
            "the search index is being built".into(),
        ));
    }
    Ok("ready")
}

/// Prometheus metrics.
pub(crate) async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        state.metrics().render(state.uptime_seconds()),
    )
}

/// The operations endpoints' routes.
pub(crate) fn routes() -> crate::kit::routes::Routes {
    use crate::kit::routes::{Rule::Public, spec};
    use axum::routing::get;
    vec![
        (
            spec("GET", "/static/{file}", Public),
            get(crate::kit::assets::serve),
        ),
        (spec("GET", "/healthz", Public), get(healthz)),
        (spec("GET", "/readyz", Public), get(readyz)),
        (spec("GET", "/metrics", Public), get(metrics)),
    ]
}
