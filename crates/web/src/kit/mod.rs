//! The shared kit every feature builds on. It imports no feature.

pub mod json;
pub mod openapi;
mod script_json;
mod translations;
mod urls;

pub use script_json::ScriptJson;
pub use urls::local_path;
