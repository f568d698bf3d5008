//! The shared kit every feature builds on. It imports no feature.

pub mod api;
mod architecture;
pub mod assets;
pub mod audit;
pub mod cache;
pub mod caller;
pub mod error;
pub mod forms;
pub mod json;
pub mod labels;
pub mod openapi;
pub mod page;
pub mod params;
pub mod photos;
pub mod routes;
mod script_json;
pub mod terms;
pub mod text;
mod translations;
mod urls;

pub use script_json::ScriptJson;

/// The comma-separated items of every `name` header (`Accept-Encoding`, `Cache-Control`, `If-None-Match`),
/// trimmed; values that are not text are skipped.
pub(crate) fn header_items(
    headers: &axum::http::HeaderMap,
    name: axum::http::HeaderName,
) -> impl Iterator<Item = &str> {
    headers
        .get_all(name)
        .into_iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
}
pub use urls::{actors_url, local_path};
