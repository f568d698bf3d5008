//! Samverkan's use cases, between the store and the ways in (web pages, the JSON API, the command line).
//!
//! A write that a page and the API both offer is one function here, called by both: it validates, asks the
//! policy, writes through the store, and returns what was done — decided under the store's lock, never
//! guessed before it. The search index kept in step with the database, the atlas snapshot and the yearly
//! report's model live here too, so the command line needs no web server to use them. Nothing here knows
//! HTTP or HTML.

pub mod actors;
pub mod agreements;
pub mod catalogue;
pub mod chart;
pub mod graph;
pub mod health;
pub mod photos;
pub mod plan_import;
pub mod plans;
pub mod report;
pub mod report_files;
pub mod requests;
pub mod search;

/// What a use case can fail with, besides the answers it gives on purpose.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The store refused or failed (its cases say which: not found, conflict, a constraint...).
    #[error(transparent)]
    Store(#[from] store::StoreError),
    /// The search index failed.
    #[error("search index: {0}")]
    Search(#[from] ::search::SearchError),
    /// A task on another thread failed (a panic, a typesetting error).
    #[error("{0}")]
    Task(String),
}
