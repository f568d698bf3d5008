//! The actor filters shared by the actor list, the atlas page and the API: reading them from the query string, and
//! the choices the filter forms offer.

use crate::kit::error::WebError;
use crate::kit::labels::{kind_label, ownership_label};
use crate::kit::params::Params;
use domain::{ActorKind, Lang, OwnershipForm};
use i18n::Tr;
use store::{ActorFilter, CampusSummary, TagCount};

/// Filters of the actor list, read from the query string.
pub(crate) fn actor_filter(params: &Params) -> Result<ActorFilter, WebError> {
    Ok(ActorFilter {
        kind: params.vocabulary("kind", ActorKind::ALL, ActorKind::as_str)?,
        campus: params.slug("campus")?,
        ownership: params.vocabulary("ownership", OwnershipForm::ALL, OwnershipForm::as_str)?,
        tag: params.slug("tag")?,
        area: params.slug("area")?,
        text: params.text("q", 200)?,
    })
}

/// One option of a filter drop-down.
pub struct FilterOption {
    /// The value sent.
    pub value: String,
    /// The text shown.
    pub label: String,
    /// Whether it is the current choice.
    pub selected: bool,
}

/// The choices of the actor filters (kind, campus, ownership, tag), with the current ones marked: the actor list
/// and the atlas offer the same.
pub struct FilterChoices {
    /// Kind options.
    pub kinds: Vec<FilterOption>,
    /// Campus options.
    pub campuses: Vec<FilterOption>,
    /// Ownership options.
    pub ownerships: Vec<FilterOption>,
    /// Tag options (tags that some actor carries).
    pub tags: Vec<FilterOption>,
    /// Focus-area options (filled by [`FilterChoices::with_areas`]).
    pub areas: Vec<FilterOption>,
}

impl FilterChoices {
    /// The choices, with `filter`'s values selected.
    pub fn new(
        lang: Lang,
        filter: &ActorFilter,
        campuses: &[CampusSummary],
        tags: &[TagCount],
    ) -> FilterChoices {
        let t = Tr::new(lang);
        FilterChoices {
            kinds: ActorKind::ALL
                .iter()
                .map(|k| FilterOption {
                    value: k.as_str().into(),
                    label: kind_label(t, *k),
                    selected: filter.kind == Some(*k),
                })
                .collect(),
            campuses: campuses
                .iter()
                .map(|c| FilterOption {
                    value: c.campus.slug.to_string(),
                    label: c.campus.name.get(lang).to_owned(),
                    selected: filter.campus.as_ref() == Some(&c.campus.slug),
                })
                .collect(),
            ownerships: OwnershipForm::ALL
                .iter()
                .map(|o| FilterOption {
                    value: o.as_str().into(),
                    label: ownership_label(t, *o),
                    selected: filter.ownership == Some(*o),
                })
                .collect(),
            tags: tags
                .iter()
                .filter(|tg| tg.actor_count > 0)
                .map(|tg| FilterOption {
                    value: tg.tag.slug.to_string(),
                    label: tg.tag.label.get(lang).to_owned(),
                    selected: filter.tag.as_ref() == Some(&tg.tag.slug),
                })
                .collect(),
            areas: Vec::new(),
        }
    }

    /// Adds the strategy's focus areas as choices.
    pub fn with_areas(
        mut self,
        lang: Lang,
        filter: &ActorFilter,
        areas: &[domain::strategy::FocusArea],
    ) -> FilterChoices {
        self.areas = areas
            .iter()
            .map(|a| FilterOption {
                value: a.slug.to_string(),
                label: a.name.get(lang).to_owned(),
                selected: filter.area.as_ref() == Some(&a.slug),
            })
            .collect();
        self
    }
}
