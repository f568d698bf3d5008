//! What the search index holds: one document per actor, infrastructure, service and premises, built from the
//! database and searched in Swedish and English.

use crate::{LangText, Slug};

vocabulary! {
    /// The kind of a searchable document.
    DocKind {
        /// A research infrastructure or testbed (an actor of kind infrastructure).
        Infrastructure = "infrastructure",
        /// A service, testbed or trial unit an infrastructure offers.
        Service = "service",
        /// Premises for companies.
        Premises = "premises",
        /// Any other actor of the ecosystem.
        Actor = "actor",
        /// A focus area of the strategy.
        FocusArea = "focus_area",
        /// A measure of an action plan (its slug is `measure-{id}`).
        Measure = "measure",
        /// An event.
        Event = "event",
        /// A meeting place.
        MeetingPlace = "meeting_place",
        /// A news item.
        News = "news",
        /// A health-data source of the catalogue.
        HealthSource = "health_source",
    }
}

/// The table a database row of this kind lives in, as the change log names it.
impl DocKind {
    /// The change-log source of this kind: `actor` rows make actor and infrastructure documents.
    pub fn source(self) -> &'static str {
        match self {
            DocKind::Infrastructure | DocKind::Actor => "actor",
            DocKind::Service => "service",
            DocKind::Premises => "premises",
            DocKind::FocusArea => "focus_area",
            DocKind::Measure => "measure",
            DocKind::Event => "event",
            DocKind::MeetingPlace => "meeting_place",
            DocKind::News => "news",
            DocKind::HealthSource => "health_source",
        }
    }
}

/// One searchable document.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchDoc {
    /// Its kind.
    pub kind: DocKind,
    /// The database row it comes from (actors, services or premises), with `kind.source()`.
    pub row_id: i64,
    /// The object's slug.
    pub slug: Slug,
    /// Name or title.
    pub title: LangText,
    /// Descriptions and other text.
    pub body: LangText,
    /// Labels of its competence tags, both languages.
    pub tag_labels: LangText,
    /// Competence tags.
    pub tags: Vec<Slug>,
    /// Campuses it is on.
    pub campuses: Vec<Slug>,
    /// Ownership form (of the actor, or of the infrastructure or owner for services and premises).
    pub ownership: Option<String>,
    /// For services, the infrastructure; for premises, the owner.
    pub parent: Option<Slug>,
}
