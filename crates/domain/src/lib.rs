//! Samverkan's domain: the ecosystem's vocabulary as types that can only be built valid.
//!
//! This crate does no I/O: no database, no HTTP, no files, no async. The other crates depend on it, never
//! the other way round.

#[macro_use]
mod macros;

pub mod access;
pub mod actor;
pub mod attachment;
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod catalogue;
pub mod collate;
pub mod dataset;
pub mod events;
pub mod followup;
pub mod graph;
pub mod interchange;
pub mod lang;
pub mod matchmaking;
pub mod paging;
pub mod password;
pub mod permits;
pub mod plan;
pub mod posts;
pub mod search;
pub mod sources;
pub mod strategy;
pub mod text;
pub mod values;

pub use actor::{
    Actor, ActorKind, Campus, ContactPerson, OwnershipForm, Relation, RelationKind, SizeClass, Tag,
};
pub use auth::{
    Action, ApplicationScope, Credential, Decision, Grant, Principal, RequestScope, Role,
    TokenScope, application_scope, request_scope,
};
pub use lang::{Lang, LangText};
pub use paging::PageRequest;
pub use values::{Coordinates, Email, IsoDate, OrgNumber, Slug, ValueError, WebUrl};
