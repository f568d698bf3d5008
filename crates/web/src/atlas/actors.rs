//! The actor list and the actor and campus pages.

use super::filters::actor_filter;
use super::views::*;
use crate::AppState;
use crate::kit::caller::Caller;
use crate::kit::error::WebError;
use crate::kit::page::{Link, lang, render};
use crate::kit::params::Params;
use axum::extract::{Path, State};
use axum::response::Html;
use domain::Slug;
use store::ActorFilter;

/// The actor list with filters and paging.
pub(crate) async fn actors(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
    params: Params,
) -> Result<Html<String>, WebError> {
    let lang = lang(&code)?;
    let filter = actor_filter(&params)?;
    let page = params.page(20)?;
    let store = state.store();
    let list = store.list_actors(&filter, lang, page).await?;
    let campuses = store.campuses(lang).await?;
    let tags = store.tags(lang).await?;
    let mut view = ActorListPage::build(lang, &filter, page, list, &campuses, &tags);
    view.choices = view
        .choices
        .with_areas(lang, &filter, &store.focus_areas().await?);
    view.layout.set_caller(&caller);
    render(&view)
}

/// One actor's page.
pub(crate) async fn actor(
    State(state): State<AppState>,
    Path((code, slug)): Path<(String, String)>,
    caller: Caller,
    params: Params,
) -> Result<Html<String>, WebError> {
    let lang = lang(&code)?;
    let slug = Slug::parse(&slug).map_err(|_| WebError::NotFound)?;
    let store = state.store();
    let actor = store.actor(&slug).await?.ok_or(WebError::NotFound)?;
    let relations = store.relations_of(&slug, lang).await?;
    // Only the names (the counts of actors per campus and tag are for the list's filters).
    let campuses = state.campus_names(lang).await?;
    let tags = state.tag_names().await?;
    let mut page = ActorPage::build(lang, actor, relations, &campuses, &tags);
    page.layout.set_caller(&caller);
    page.can_edit = caller.require(&domain::Action::EditActor(&slug)).is_ok();
    page.can_erase_contacts = caller.require(&domain::Action::ManageUsers).is_ok();
    page.saved = params.get("saved").is_some();
    page.unreviewed = store.is_unreviewed(&slug).await?;
    let c = lang.code();
    // The latest of each, with a link to all of them where there are more.
    let first = domain::PageRequest::new(1, ACTOR_PAGE_ITEMS).map_err(|_| WebError::NotFound)?;
    let events = store.events_organised_by(&slug, first).await?;
    if events.total > events.items.len() as u64 {
        page.all_events = Some(Link {
            href: format!("/{c}/events?organiser={slug}"),
            text: page.layout.t.n("actor-all-events", "count", events.total),
        });
    }
    page.events = events
        .items
        .iter()
        .map(|e| Link {
            href: format!("/{c}/events/{}", e.event.slug),
            text: format!(
                "{} ({})",
                e.event.title.get(lang),
                domain::events::LocalTime::from_utc(e.event.when.start_utc()).date
            ),
        })
        .collect();
    let news = store.news_page(Some(&slug), first).await?;
    if news.total > news.items.len() as u64 {
        page.all_news = Some(Link {
            href: format!("/{c}/news?actor={slug}"),
            text: page.layout.t.n("actor-all-news", "count", news.total),
        });
    }
    page.news = news
        .items
        .iter()
        .map(|n| Link {
            href: format!("/{c}/news/{}", n.item.slug),
            text: match n.item.published {
                Some(d) => format!("{} ({d})", n.item.title.get(lang)),
                None => n.item.title.get(lang).to_owned(),
            },
        })
        .collect();
    page.places = store
        .meeting_places()
        .await?
        .iter()
        .filter(|m| m.place.owner.as_ref() == Some(&slug))
        .map(|m| Link {
            href: format!("/{c}/meeting-places#{}", m.place.slug),
            text: m.place.name.get(lang).to_owned(),
        })
        .collect();
    let measures = store.measures(None).await?;
    let plain: Vec<domain::strategy::Measure> =
        measures.iter().map(|m| m.measure.clone()).collect();
    if let Some(areas) = domain::strategy::who_does_what(&plain).remove(&slug) {
        let all_areas = store.focus_areas().await?;
        let t = page.layout.t;
        for area in &all_areas {
            let Some(list) = areas.get(&area.slug) else {
                continue;
            };
            let items = list
                .iter()
                .map(|(i, part)| {
                    let row = &measures[*i];
                    (
                        Link {
                            href: format!("/{c}/measures/{}", row.id),
                            text: format!("{} {}", row.measure.code, row.measure.title.get(lang)),
                        },
                        t.t(&format!("who-part-{part}")),
                    )
                })
                .collect();
            page.strategy.push((
                Link {
                    href: format!("/{c}/strategy/{}", area.slug),
                    text: area.name.get(lang).to_owned(),
                },
                items,
            ));
        }
    }
    render(&page)
}

/// How many of an actor's events and news items its page lists (the latest); a link leads to the rest.
const ACTOR_PAGE_ITEMS: u32 = 10;

/// The list of campuses.
pub(crate) async fn campuses(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
) -> Result<Html<String>, WebError> {
    let lang = lang(&code)?;
    let campuses = state.store().campuses(lang).await?;
    let mut page = CampusListPage::build(lang, campuses);
    page.layout.set_caller(&caller);
    render(&page)
}

/// One campus with the actors on it.
pub(crate) async fn campus(
    State(state): State<AppState>,
    Path((code, slug)): Path<(String, String)>,
    caller: Caller,
) -> Result<Html<String>, WebError> {
    let lang = lang(&code)?;
    let slug = Slug::parse(&slug).map_err(|_| WebError::NotFound)?;
    let store = state.store();
    let campus = store.campus(&slug).await?.ok_or(WebError::NotFound)?;
    let actors = store.actors_on_campus(&slug, lang).await?;
    let filter = ActorFilter {
        campus: Some(slug.clone()),
        ..ActorFilter::default()
    };
    let snapshot = state.graph().await?;
    let premises = store.premises_list(Some(&slug), None, lang).await?;
    let mut page = CampusPage::build(lang, campus, actors);
    page.premises = premises
        .iter()
        .map(|p| Link {
            href: format!("/{}/premises/{}", lang.code(), p.premises.slug),
            text: p.premises.name.get(lang).to_owned(),
        })
        .collect();
    page.embed = Some(super::graph::GraphEmbed::new(
        i18n::Tr::new(lang),
        &snapshot,
        &filter,
        None,
    ));
    page.layout.set_caller(&caller);
    render(&page)
}
