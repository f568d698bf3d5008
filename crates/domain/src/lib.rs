//! Samverkan's domain: the ecosystem's vocabulary as types that can only be built valid.
//!
//! This crate does no I/O: no database, no HTTP, no files, no async. The other crates depend on it, never
//! the other way round.

pub mod actor;
pub mod collate;
pub mod dataset;
pub mod lang;
pub mod paging;
pub mod values;

pub use actor::{
    Actor, ActorKind, Campus, ContactPerson, OwnershipForm, Relation, RelationKind, Tag,
};
pub use lang::{Lang, LangText};
pub use paging::PageRequest;
pub use values::{Coordinates, Email, Slug, ValueError, WebUrl};
