//! Meeting places: events with their calendar feeds, meeting places, news with its feed and a page for each item
//! (with an optional image), the editors' event and news forms, partner posts with their private conversations,
//! and matchmaking at an event.

pub(crate) mod editing;
pub(crate) mod events;
pub(crate) mod matchmaking;
pub(crate) mod posts;

use crate::kit::routes::{Routes, Rule::*, spec};
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

/// The meeting places' part of the API document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(events::api_list, events::feed))]
pub(crate) struct Api;

/// The meeting places' routes.
pub(crate) fn routes() -> Routes {
    use matchmaking as mm;
    vec![
        (spec("GET", "/{lang}/posts", SignedIn), get(posts::list)),
        (spec("POST", "/{lang}/posts", SignedIn), post(posts::create)),
        (
            spec("GET", "/{lang}/posts/new", SignedIn),
            get(posts::new_page),
        ),
        (
            spec("GET", "/{lang}/posts/{id}", SignedIn),
            get(posts::detail),
        ),
        (
            spec("POST", "/{lang}/posts/{id}/interest", SignedIn),
            post(posts::interest),
        ),
        (
            spec("POST", "/{lang}/posts/{id}/close", SignedIn),
            post(posts::close),
        ),
        (
            spec("GET", "/{lang}/conversations/{id}", SignedIn),
            get(posts::conversation),
        ),
        (
            spec("POST", "/{lang}/conversations/{id}", SignedIn),
            post(posts::reply),
        ),
        (spec("GET", "/{lang}/events", Public), get(events::list)),
        (
            spec("GET", "/{lang}/events/{slug}", Public),
            get(events::detail),
        ),
        (
            spec("GET", "/{lang}/events/new", AnyEditor),
            get(editing::new_event_page),
        ),
        (
            spec("POST", "/{lang}/events", AnyEditor),
            post(editing::create_event),
        ),
        (
            spec("GET", "/{lang}/events/{slug}/edit", SignedIn),
            get(editing::edit_event_page),
        ),
        (
            spec("POST", "/{lang}/events/{slug}/edit", SignedIn),
            post(editing::update_event),
        ),
        (
            spec("GET", "/{lang}/news/new", AnyEditor),
            get(editing::new_news_page),
        ),
        (
            spec("POST", "/{lang}/news", AnyEditor),
            post(editing::create_news),
        ),
        (
            spec("GET", "/{lang}/news/{slug}", Public),
            get(events::news_item),
        ),
        (
            spec("GET", "/{lang}/news/{slug}/edit", AnyEditor),
            get(editing::edit_news_page),
        ),
        (
            spec("POST", "/{lang}/news/{slug}/edit", AnyEditor),
            post(editing::update_news),
        ),
        (
            spec("POST", "/{lang}/news/{slug}/image", AnyEditor),
            post(editing::add_news_image).layer(DefaultBodyLimit::max(editing::MAX_IMAGE_BODY)),
        ),
        (
            spec("POST", "/{lang}/news/{slug}/image/delete", AnyEditor),
            post(editing::remove_news_image),
        ),
        (
            spec("GET", "/news/images/{id}", Public),
            get(events::news_image),
        ),
        (
            spec("GET", "/{lang}/events/{slug}/matchmaking", Public),
            get(mm::page),
        ),
        (
            spec(
                "POST",
                "/{lang}/events/{slug}/matchmaking/register",
                SignedIn,
            ),
            post(mm::register),
        ),
        (
            spec("POST", "/{lang}/events/{slug}/matchmaking/slots", SignedIn),
            post(mm::add_slot),
        ),
        (
            spec(
                "POST",
                "/{lang}/events/{slug}/matchmaking/slots/{id}/remove",
                SignedIn,
            ),
            post(mm::remove_slot),
        ),
        (
            spec(
                "POST",
                "/{lang}/events/{slug}/matchmaking/requests",
                SignedIn,
            ),
            post(mm::request),
        ),
        (
            spec(
                "POST",
                "/{lang}/events/{slug}/matchmaking/requests/{id}",
                SignedIn,
            ),
            post(mm::answer),
        ),
        (
            spec("GET", "/{lang}/events/{slug}/agenda.ics", SignedIn),
            get(mm::agenda_ics),
        ),
        (
            spec("GET", "/{lang}/meeting-places", Public),
            get(events::places),
        ),
        (spec("GET", "/{lang}/news", Public), get(events::news)),
        (spec("GET", "/{lang}/news.atom", Public), get(events::atom)),
        (spec("GET", "/api/v1/events", Public), get(events::api_list)),
        (spec("GET", "/api/v1/events.ics", Public), get(events::feed)),
    ]
}
