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
        {
            let mut text = state.metrics().render(state.uptime_seconds());
            let (hits, misses) = state.answers().counts();
            text.push_str(&format!(
                "# HELP samverkan_answer_cache_total Anonymous GET requests answered from the cache of answers \
                 (hit) or made anew (miss).\n# TYPE samverkan_answer_cache_total counter\n\
                 samverkan_answer_cache_total{{result=\"hit\"}} {hits}\n\
                 samverkan_answer_cache_total{{result=\"miss\"}} {misses}\n"
            ));
            text
        },
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
