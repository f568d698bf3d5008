//! Server-rendered pages. Handlers fetch from the store and build view structs made for their template;
//! templates never see database rows.

pub mod accessibility;
pub mod account;
pub mod atlas;
pub mod edit;
pub mod events;
pub mod followup;
pub mod happenings_edit;
pub mod import;
pub mod matchmaking;
pub mod plans;
pub mod posts;
pub mod requests;
pub mod strategy;
mod views;
pub mod way_in;

use crate::AppState;
use crate::auth::Caller;
use crate::error::WebError;
use crate::params::Params;
pub(crate) use account::actor_choices as account_actor_choices;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{Html, Redirect};
use domain::{ActorKind, Lang, OwnershipForm, Slug};
use store::ActorFilter;
pub use views::*;

/// Parses the language prefix of a page URL; anything but `sv` and `en` is a 404.
pub(crate) fn lang(code: &str) -> Result<Lang, WebError> {
    Lang::parse(code).ok_or(WebError::NotFound)
}

pub(crate) fn render(t: &impl Template) -> Result<Html<String>, WebError> {
    t.render()
        .map(Html)
        .map_err(|e| WebError::Internal(format!("template: {e}")))
}

/// `/sv` and `/en` lead to the home page with its trailing slash.
pub(crate) async fn lang_root(Path(code): Path<String>) -> Result<Redirect, WebError> {
    let lang = lang(&code)?;
    Ok(Redirect::permanent(&format!("/{}/", lang.code())))
}

/// The home page: what Samverkan is, the search box and the ways in.
pub(crate) async fn home(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Html<String>, WebError> {
    let lang = lang(&code)?;
    let store = state.store();
    let campuses = store.campuses(lang).await?;
    let kinds = store.kind_counts().await?;
    let actor_total: u64 = kinds.iter().map(|(_, n)| n).sum();
    let relation_total = store.relation_count().await?;
    let mut page = HomePage::build(lang, campuses, kinds, actor_total, relation_total);
    page.news = store
        .news(3)
        .await?
        .iter()
        .map(|n| {
            (
                format!("/{}/news#{}", lang.code(), n.item.slug),
                n.item.title.get(lang).to_owned(),
                n.item.published.to_string(),
            )
        })
        .collect();
    render(&page)
}

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
    let campuses = store.campuses(lang).await?;
    let tags = store.tags(lang).await?;
    let mut page = ActorPage::build(lang, actor, relations, &campuses, &tags);
    page.layout.set_caller(&caller);
    page.can_edit = caller.require(&domain::Action::EditActor(&slug)).is_ok();
    page.can_erase_contacts = caller.require(&domain::Action::ManageUsers).is_ok();
    page.saved = params.get("saved").is_some();
    let c = lang.code();
    let mut events = store
        .events(&store::EventFilter {
            organiser: Some(slug.clone()),
            ..Default::default()
        })
        .await?;
    events.reverse();
    page.events = events
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
    page.news = store
        .news(200)
        .await?
        .iter()
        .filter(|n| n.item.actors.contains(&slug))
        .map(|n| Link {
            href: format!("/{c}/news#{}", n.item.slug),
            text: format!("{} ({})", n.item.title.get(lang), n.item.published),
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
    render(&page)
}

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
    let mut page = CampusPage::build(lang, campus, actors);
    page.embed = Some(atlas::GraphEmbed::new(
        i18n::Tr::new(lang),
        &snapshot,
        &filter,
        None,
    ));
    page.layout.set_caller(&caller);
    render(&page)
}

/// The error page for `error`, in `lang`. Falls back to plain text if the template itself fails.
pub(crate) fn render_error_page(lang: Lang, error: &WebError) -> String {
    let page = ErrorPage {
        layout: Layout::new(lang, &error.title(lang), "", Nav::None, None),
        message: error.message(lang),
        status: error.status().as_u16(),
    };
    page.render().unwrap_or_else(|_| error.message(lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_500_page_is_translated_and_hides_the_cause() {
        let err = WebError::Internal("connection refused at 10.0.0.1".into());
        let sv = render_error_page(Lang::Sv, &err);
        assert!(
            sv.contains("<html lang=\"sv\">")
                && sv.contains("Något gick fel")
                && sv.contains("Felkod 500")
        );
        let en = render_error_page(Lang::En, &err);
        assert!(en.contains("Something went wrong") && en.contains("Nothing was changed"));
        assert!(
            !sv.contains("10.0.0.1") && !en.contains("10.0.0.1"),
            "internal causes are never shown"
        );
    }
}
