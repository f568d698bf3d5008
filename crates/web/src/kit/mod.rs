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
pub use urls::{actors_url, local_path};
