//! Meeting places in pages: `/{lang}/events` (upcoming and past, filtered by campus, tag, focus area and organiser),
//! `/{lang}/events/{slug}` (+ `.ics`), `/{lang}/meeting-places`, `/{lang}/news`, each news item's page
//! `/{lang}/news/{slug}` with its image (`/news/images/{id}`) and the Atom feed `/{lang}/news.atom`; the iCalendar
//! feed `/api/v1/events.ics` and `/api/v1/events`.

use crate::AppState;
use crate::kit::caller::Caller;
use crate::kit::error::WebError;
use crate::kit::page::{Layout, Nav, lang, render};
use crate::kit::params::Params;
use crate::kit::text::Text;
use askama::Template;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};
use domain::events::{CalendarEntry, Place, When, calendar};
use domain::{Lang, Slug};
use i18n::Tr;
use serde::Serialize;
use store::{EventFilter, EventRow, NewsRow};

/// A day in words: "26 June 2021", "26 juni 2021".
pub fn long_date(t: Tr, d: domain::IsoDate) -> String {
    t.t2(
        "date-long",
        ("day", &d.day().to_string()),
        (
            "month",
            &format!("{} {}", t.t(&format!("month-{}", d.month())), d.year()),
        ),
    )
}

/// How an event's time reads on a page: "2 July 2024, 10:00–11:30" or "25–28 June 2024".
pub fn when_text(t: Tr, w: &When) -> String {
    let day = |d: domain::IsoDate| long_date(t, d);
    match w {
        When::AllDay { first, last } if first == last => day(*first),
        When::AllDay { first, last } => format!("{} – {}", day(*first), day(*last)),
        When::Timed { start, end } if start.date == end.date => {
            format!("{}, {}–{}", day(start.date), start.clock(), end.clock())
        }
        When::Timed { start, end } => format!(
            "{} {} – {} {}",
            day(start.date),
            start.clock(),
            day(end.date),
            end.clock()
        ),
    }
}

/// An event in a list or on its page.
pub struct EventView {
    /// Link.
    pub href: String,
    /// Title.
    pub title: Text,
    /// When, in words.
    pub when: String,
    /// Machine-readable start for `<time datetime>`.
    pub datetime: String,
    /// Where, in words.
    pub place: Option<String>,
    /// Organisers: (link, name).
    pub organisers: Vec<(String, String)>,
    /// Description.
    pub description: Text,
    /// Registration link.
    pub registration: Option<String>,
    /// The .ics download.
    pub ics_href: String,
    /// Where the fact comes from.
    pub source: Option<Text>,
}

fn place_text(lang: Lang, t: Tr, r: &EventRow) -> Option<String> {
    let named = r.place_name.as_ref().map(|n| n.get(lang).to_owned());
    let words = r.event.location.as_ref().map(|l| l.get(lang).to_owned());
    match (&r.event.place, named, words) {
        (Some(Place::Online), _, w) => Some(w.unwrap_or_else(|| t.t("event-online"))),
        (_, Some(n), Some(w)) => Some(format!("{n}, {w}")),
        (_, Some(n), None) => Some(n),
        (_, None, w) => w,
    }
}

fn view(lang: Lang, t: Tr, r: &EventRow) -> EventView {
    let e = &r.event;
    let code = lang.code();
    EventView {
        href: format!("/{code}/events/{}", e.slug),
        title: Text::of(&e.title, lang),
        when: when_text(t, &e.when),
        datetime: match e.when {
            When::AllDay { first, .. } => first.to_string(),
            When::Timed { start, .. } => start.to_string(),
        },
        place: place_text(lang, t, r),
        organisers: r
            .organiser_names
            .iter()
            .map(|(s, n)| (format!("/{code}/actors/{s}"), n.get(lang).to_owned()))
            .collect(),
        description: Text::of(&e.description, lang),
        registration: e.registration.as_ref().map(|u| u.as_str().to_owned()),
        ics_href: format!("/{code}/events/{}.ics", e.slug),
        source: e.source.as_deref().map(|s| Text::identified(s, lang)),
    }
}

/// `/{lang}/events`.
#[derive(Template)]
#[template(path = "meeting_places/events.html")]
pub struct EventsPage {
    /// Frame.
    pub layout: Layout,
    /// Upcoming events.
    pub upcoming: Vec<EventView>,
    /// Past events.
    pub past: Vec<EventView>,
    /// Campus choices: (slug, name, selected).
    pub campuses: Vec<(String, String, bool)>,
    /// Focus-area choices: (slug, name, selected).
    pub areas: Vec<(String, String, bool)>,
    /// Topic choices: (slug, name, selected).
    pub tags: Vec<(String, String, bool)>,
    /// Whether a filter is set.
    pub filtered: bool,
    /// The calendar feed.
    pub feed_href: String,
    /// The caller may create events.
    pub may_create: bool,
}

fn filter_from(params: &Params) -> Result<EventFilter, WebError> {
    Ok(EventFilter {
        campus: params.slug("campus")?,
        tag: params.slug("tag")?,
        area: params.slug("area")?,
        organiser: params.slug("organiser")?,
    })
}

/// Upcoming and past events.
pub(crate) async fn list(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
    params: Params,
) -> Result<Html<String>, WebError> {
    let lang = lang(&code)?;
    let t = Tr::new(lang);
    let filter = filter_from(&params)?;
    let store = state.store();
    // One read; upcoming soonest first, past latest first.
    let now = store::now_millis();
    let (upcoming, mut past): (Vec<EventRow>, Vec<EventRow>) = store
        .events(&filter)
        .await?
        .into_iter()
        .partition(|r| !r.event.when.is_past(now));
    past.reverse();
    let campuses = store
        .campuses(lang)
        .await?
        .into_iter()
        .map(|c| {
            let selected = filter.campus.as_ref() == Some(&c.campus.slug);
            (
                c.campus.slug.to_string(),
                c.campus.name.get(lang).to_owned(),
                selected,
            )
        })
        .collect();
    let areas = store
        .focus_areas()
        .await?
        .into_iter()
        .map(|a| {
            let selected = filter.area.as_ref() == Some(&a.slug);
            (a.slug.to_string(), a.name.get(lang).to_owned(), selected)
        })
        .collect();
    let tags = super::posts::tag_choices(&state, lang)
        .await?
        .into_iter()
        .map(|(v, l)| {
            let selected = filter.tag.as_ref().is_some_and(|tg| tg.as_str() == v);
            (v, l, selected)
        })
        .collect();
    let mut layout = Layout::new(
        lang,
        &t.t("events-title"),
        "events",
        Nav::Events,
        Some(t.t("events-lead")),
    );
    layout.set_caller(&caller);
    render(&EventsPage {
        layout,
        upcoming: upcoming.iter().map(|r| view(lang, t, r)).collect(),
        past: past.iter().map(|r| view(lang, t, r)).collect(),
        campuses,
        areas,
        tags,
        filtered: filter.campus.is_some()
            || filter.tag.is_some()
            || filter.area.is_some()
            || filter.organiser.is_some(),
        feed_href: "/api/v1/events.ics".into(),
        may_create: caller.require(&domain::Action::PublishNews).is_ok(),
    })
}

/// `/{lang}/events/{slug}`.
#[derive(Template)]
#[template(path = "meeting_places/event.html")]
pub struct EventPage {
    /// Frame.
    pub layout: Layout,
    /// The event.
    pub e: EventView,
    /// Over already.
    pub past: bool,
    /// Focus areas: (link, name).
    pub areas: Vec<(String, String)>,
    /// Meeting place or campus page.
    pub place_href: Option<String>,
    /// The edit form, for the organisers' editors.
    pub edit_href: Option<String>,
    /// The matchmaking page, when it has slots or the caller may add them.
    pub matchmaking_href: Option<String>,
    /// Just saved.
    pub saved: bool,
}

async fn find(state: &AppState, raw: &str) -> Result<EventRow, WebError> {
    let slug = Slug::parse(raw).map_err(|_| WebError::NotFound)?;
    state.store().event(&slug).await?.ok_or(WebError::NotFound)
}

fn ics_response(body: String, file: Option<&str>) -> Response {
    let mut res = (
        [(header::CONTENT_TYPE, "text/calendar; charset=utf-8")],
        body,
    )
        .into_response();
    if let Some(f) = file
        && let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{f}.ics\""))
    {
        res.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

fn entries<'a>(
    lang: Lang,
    t: Tr,
    base: &str,
    rows: &'a [EventRow],
    texts: &'a mut Vec<(String, String, Option<String>)>,
) -> Vec<CalendarEntry<'a>> {
    *texts = rows
        .iter()
        .map(|r| {
            let url = format!("{}/{}/events/{}", base, lang.code(), r.event.slug);
            (
                url,
                r.event.description.get(lang).to_owned(),
                place_text(lang, t, r),
            )
        })
        .collect();
    rows.iter()
        .zip(texts.iter())
        .map(|(r, (url, description, location))| CalendarEntry {
            event: &r.event,
            title: r.event.title.get(lang),
            description,
            location: location.as_deref(),
            url,
            stamp: r.updated_at,
        })
        .collect()
}

fn host_of(base: &str) -> String {
    url::Url::parse(base)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| "samverkan".into())
}

/// One event, or its `.ics` when the slug ends in `.ics`.
pub(crate) async fn detail(
    State(state): State<AppState>,
    Path((code, raw)): Path<(String, String)>,
    caller: Caller,
    params: Params,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let t = Tr::new(lang);
    if let Some(slug) = raw.strip_suffix(".ics") {
        let row = find(&state, slug).await?;
        let base = state.auth().base_url.trim_end_matches('/').to_owned();
        let rows = [row];
        let mut texts = Vec::new();
        let list = entries(lang, t, &base, &rows, &mut texts);
        let body = calendar(rows[0].event.title.get(lang), &host_of(&base), &list);
        return Ok(ics_response(body, Some(slug)));
    }
    let row = find(&state, &raw).await?;
    let areas = state
        .store()
        .focus_areas()
        .await?
        .into_iter()
        .filter(|a| row.event.focus_areas.contains(&a.slug))
        .map(|a| {
            (
                format!("/{}/strategy/{}", lang.code(), a.slug),
                a.name.get(lang).to_owned(),
            )
        })
        .collect();
    let place_href = match &row.event.place {
        Some(Place::Campus(c)) => Some(format!("/{}/campuses/{c}", lang.code())),
        Some(Place::MeetingPlace(_)) => Some(format!("/{}/meeting-places", lang.code())),
        _ => None,
    };
    let past = row.event.when.is_past(store::now_millis());
    let manage = super::editing::may_manage_event(&caller, &row);
    let has_slots = state
        .store()
        .matchmaking(&row.event.slug)
        .await?
        .is_some_and(|m| !m.slots.is_empty());
    let e = view(lang, t, &row);
    let mut layout = Layout::new(
        lang,
        e.title.plain(),
        &format!("events/{}", row.event.slug),
        Nav::Events,
        Some(e.description.plain().to_owned()),
    );
    layout.set_title_lang(&e.title);
    layout.set_caller(&caller);
    Ok(render(&EventPage {
        layout,
        e,
        past,
        areas,
        place_href,
        edit_href: manage.then(|| format!("/{}/events/{}/edit", lang.code(), row.event.slug)),
        matchmaking_href: (has_slots || (manage && !past))
            .then(|| format!("/{}/events/{}/matchmaking", lang.code(), row.event.slug)),
        saved: params.get("saved") == Some("1"),
    })?
    .into_response())
}

/// The calendar feed's options.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct FeedQuery {
    /// sv (default) or en.
    #[param(schema_with = crate::kit::openapi::lang)]
    lang: Option<String>,
}

/// The calendar of every event (`?lang=sv|en`, Swedish by default).
#[utoipa::path(
    get, path = "/api/v1/events.ics", tag = "meeting-places",
    params(FeedQuery),
    responses(
        (status = 200, description = "iCalendar (RFC 5545)", content_type = "text/calendar", body = String),
        (status = 400, description = "A parameter has a bad value", body = crate::kit::api::ErrorBody),
    )
)]
pub(crate) async fn feed(
    State(state): State<AppState>,
    params: Params,
) -> Result<Response, WebError> {
    let lang = params
        .vocabulary("lang", &Lang::ALL, Lang::code)?
        .unwrap_or(Lang::Sv);
    let t = Tr::new(lang);
    let rows = state.store().events(&EventFilter::default()).await?;
    let base = state.auth().base_url.trim_end_matches('/').to_owned();
    let mut texts = Vec::new();
    let list = entries(lang, t, &base, &rows, &mut texts);
    Ok(ics_response(
        calendar(&t.t("events-calendar-name"), &host_of(&base), &list),
        None,
    ))
}

/// An event as data.
#[derive(Serialize, utoipa::ToSchema)]
pub struct EventOut {
    /// Slug.
    pub slug: String,
    /// Title.
    pub title: crate::kit::api::Text,
    /// Description.
    pub description: crate::kit::api::Text,
    /// Start in Stockholm time (`YYYY-MM-DD` for all-day events, else `YYYY-MM-DDTHH:MM`).
    pub start: String,
    /// End in Stockholm time (the last day for all-day events).
    pub end: String,
    /// The whole day(s).
    pub all_day: bool,
    /// Start as an RFC 3339 moment in UTC.
    pub starts_at: String,
    /// Over already.
    pub past: bool,
    /// `meeting-place:<slug>`, `campus:<slug>` or `online`.
    pub place: Option<String>,
    /// Organising actors (slugs).
    pub organisers: Vec<String>,
    /// Topic tags (slugs).
    pub tags: Vec<String>,
    /// Focus areas (slugs).
    pub focus_areas: Vec<String>,
    /// Where to register.
    pub registration_url: Option<String>,
}

fn rfc3339(ms: i64) -> String {
    let d = domain::IsoDate::from_unix_millis(ms);
    let s = ms.rem_euclid(86_400_000) / 1000;
    format!("{d}T{:02}:{:02}:{:02}Z", s / 3600, s / 60 % 60, s % 60)
}

/// Events, soonest first.
#[utoipa::path(
    get, path = "/api/v1/events", tag = "meeting-places",
    responses(
        (status = 200, description = "Events", body = [EventOut]),
    )
)]
pub(crate) async fn api_list(
    State(state): State<AppState>,
) -> Result<Json<Vec<EventOut>>, WebError> {
    let now = store::now_millis();
    let rows = state.store().events(&EventFilter::default()).await?;
    Ok(Json(
        rows.iter()
            .map(|r| {
                let e = &r.event;
                let (start, end, all_day) = match e.when {
                    When::AllDay { first, last } => (first.to_string(), last.to_string(), true),
                    When::Timed { start, end } => (start.to_string(), end.to_string(), false),
                };
                EventOut {
                    slug: e.slug.to_string(),
                    title: (&e.title).into(),
                    description: (&e.description).into(),
                    start,
                    end,
                    all_day,
                    starts_at: rfc3339(e.when.start_utc()),
                    past: e.when.is_past(now),
                    place: e.place.as_ref().map(Place::code),
                    organisers: e.organisers.iter().map(ToString::to_string).collect(),
                    tags: e.tags.iter().map(ToString::to_string).collect(),
                    focus_areas: e.focus_areas.iter().map(ToString::to_string).collect(),
                    registration_url: e.registration.as_ref().map(|u| u.as_str().to_owned()),
                }
            })
            .collect(),
    ))
}

/// `/{lang}/meeting-places`.
#[derive(Template)]
#[template(path = "meeting_places/meeting-places.html")]
pub struct PlacesPage {
    /// Frame.
    pub layout: Layout,
    /// Places: (id, name, description, campus (link, name), owner (link, name), capacity, offers).
    pub places: Vec<PlaceView>,
}

/// A meeting place on the page.
pub struct PlaceView {
    /// Anchor id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: Text,
    /// Campus: (link, name).
    pub campus: Option<(String, String)>,
    /// Owner: (link, name).
    pub owner: Option<(String, String)>,
    /// Capacity.
    pub capacity: Option<u32>,
    /// What it offers.
    pub offers: Vec<String>,
    /// Its events: (link, title, when).
    pub events: Vec<(String, String, String)>,
}

/// The meeting places.
pub(crate) async fn places(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
) -> Result<Html<String>, WebError> {
    let lang = lang(&code)?;
    let t = Tr::new(lang);
    let c = lang.code();
    let store = state.store();
    let events = store.events(&EventFilter::default()).await?;
    let places = store
        .meeting_places()
        .await?
        .into_iter()
        .map(|m| PlaceView {
            id: m.place.slug.to_string(),
            name: m.place.name.get(lang).to_owned(),
            description: Text::of(&m.place.description, lang),
            campus: m
                .place
                .campus
                .as_ref()
                .zip(m.campus_name.as_ref())
                .map(|(s, n)| (format!("/{c}/campuses/{s}"), n.get(lang).to_owned())),
            owner: m
                .place
                .owner
                .as_ref()
                .zip(m.owner_name.as_ref())
                .map(|(s, n)| (format!("/{c}/actors/{s}"), n.get(lang).to_owned())),
            capacity: m.place.capacity,
            offers: m
                .place
                .offers
                .iter()
                .map(|o| o.get(lang).to_owned())
                .collect(),
            events: events
                .iter()
                .filter(|e| e.event.place == Some(Place::MeetingPlace(m.place.slug.clone())))
                .map(|e| {
                    (
                        format!("/{c}/events/{}", e.event.slug),
                        e.event.title.get(lang).to_owned(),
                        when_text(t, &e.event.when),
                    )
                })
                .collect(),
        })
        .collect();
    let mut layout = Layout::new(
        lang,
        &t.t("places-title"),
        "meeting-places",
        Nav::Events,
        Some(t.t("places-lead")),
    );
    layout.set_caller(&caller);
    render(&PlacesPage { layout, places })
}

/// A news item in the list or on its page.
pub struct NewsView {
    /// Anchor id in the list.
    pub id: String,
    /// Its page.
    pub href: String,
    /// Title.
    pub title: Text,
    /// The day for `<time datetime>`; none when the item is undated.
    pub datetime: Option<String>,
    /// The day in words, or that it is not known.
    pub date: String,
    /// Summary.
    pub summary: Text,
    /// Body paragraphs.
    pub body: Vec<Text>,
    /// Actors: (link, name).
    pub actors: Vec<(String, String)>,
    /// Its image: (src, alt, width, height).
    pub image: Option<(String, Text, u32, u32)>,
    /// Where the facts come from.
    pub source: Option<Text>,
    /// The edit form, for those who may change it.
    pub edit_href: Option<String>,
}

/// The address of a news image.
pub(crate) fn image_src(id: i64) -> String {
    format!("/news/images/{id}.jpg")
}

pub(crate) fn news_view(lang: Lang, n: &NewsRow) -> NewsView {
    let t = Tr::new(lang);
    NewsView {
        id: n.item.slug.to_string(),
        href: format!("/{}/news/{}", lang.code(), n.item.slug),
        title: Text::of(&n.item.title, lang),
        datetime: n.item.published.map(|d| d.to_string()),
        date: match n.item.published {
            Some(d) => long_date(t, d),
            None => t.t("news-undated"),
        },
        summary: Text::of(&n.item.summary, lang),
        body: Text::of(&n.item.body, lang).paragraphs(),
        actors: n
            .actor_names
            .iter()
            .map(|(s, a)| {
                (
                    format!("/{}/actors/{s}", lang.code()),
                    a.get(lang).to_owned(),
                )
            })
            .collect(),
        image: n
            .image
            .as_ref()
            .map(|i| (image_src(i.id), Text::of(&i.alt, lang), i.width, i.height)),
        source: n.item.source.as_deref().map(|s| Text::identified(s, lang)),
        edit_href: None,
    }
}

/// `/{lang}/news`.
#[derive(Template)]
#[template(path = "meeting_places/news.html")]
pub struct NewsPage {
    /// Frame.
    pub layout: Layout,
    /// Items, newest first.
    pub items: Vec<NewsView>,
    /// The Atom feed.
    pub feed_href: String,
    /// The caller may write news.
    pub may_create: bool,
    /// The actor the list is about, when filtered: (name, link to all news).
    pub about: Option<(String, String)>,
    /// Paging.
    pub pagination: Option<crate::kit::page::Pagination>,
}

/// The news.
pub(crate) async fn news(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
    params: Params,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let t = Tr::new(lang);
    let page = params.page(20)?;
    let actor = params.slug("actor")?;
    let about = match &actor {
        Some(a) => Some((
            state
                .store()
                .actor(a)
                .await?
                .ok_or(WebError::NotFound)?
                .name
                .get(lang)
                .to_owned(),
            format!("/{}/news", lang.code()),
        )),
        None => None,
    };
    let list = state.store().news_page(actor.as_ref(), page).await?;
    let pagination = crate::kit::page::Pagination::new(t, page, list.total, |p| {
        let mut q: Vec<(&str, String)> = vec![("page", p.page().to_string())];
        if let Some(a) = &actor {
            q.push(("actor", a.to_string()));
        }
        format!(
            "/{}/news?{}",
            lang.code(),
            serde_urlencoded::to_string(q).unwrap_or_default()
        )
    });
    let items = list
        .items
        .iter()
        .map(|n| {
            let mut v = news_view(lang, n);
            if super::editing::may_edit_news(&caller, n) {
                v.edit_href = Some(format!("/{}/news/{}/edit", lang.code(), n.item.slug));
            }
            v
        })
        .collect();
    let mut layout = Layout::new(
        lang,
        &t.t("news-title"),
        "news",
        Nav::Events,
        Some(t.t("news-lead")),
    );
    layout.set_caller(&caller);
    Ok(render(&NewsPage {
        layout,
        items,
        feed_href: format!("/{}/news.atom", lang.code()),
        may_create: caller.require(&domain::Action::PublishNews).is_ok(),
        about,
        pagination,
    })?
    .into_response())
}

/// `/{lang}/news/{slug}`.
#[derive(Template)]
#[template(path = "meeting_places/news-item.html")]
pub struct NewsItemPage {
    /// Frame.
    pub layout: Layout,
    /// The item.
    pub n: NewsView,
    /// Just saved.
    pub saved: bool,
}

/// One news item.
pub(crate) async fn news_item(
    State(state): State<AppState>,
    Path((code, raw)): Path<(String, String)>,
    caller: Caller,
    params: Params,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let slug = Slug::parse(&raw).map_err(|_| WebError::NotFound)?;
    let row = state
        .store()
        .news_item(&slug)
        .await?
        .ok_or(WebError::NotFound)?;
    let mut n = news_view(lang, &row);
    if super::editing::may_edit_news(&caller, &row) {
        n.edit_href = Some(format!("/{}/news/{}/edit", lang.code(), row.item.slug));
    }
    let mut layout = Layout::new(
        lang,
        n.title.plain(),
        &format!("news/{}", row.item.slug),
        Nav::Events,
        Some(n.summary.plain().to_owned()),
    );
    layout.set_title_lang(&n.title);
    layout.set_caller(&caller);
    Ok(render(&NewsItemPage {
        layout,
        n,
        saved: params.get("saved") == Some("1"),
    })?
    .into_response())
}

/// A news item's image, as the JPEG it was made into (`/news/images/{id}`, `.jpg` optional).
pub(crate) async fn news_image(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = crate::kit::params::path_id(id.trim_end_matches(".jpg"))?;
    let bytes = state
        .store()
        .news_image(id)
        .await?
        .ok_or(WebError::NotFound)?;
    Ok(crate::kit::photos::jpeg(bytes))
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The Atom feed (RFC 4287) of the news in one language.
pub(crate) async fn atom(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let t = Tr::new(lang);
    let base = state.auth().base_url.trim_end_matches('/').to_owned();
    let items = state.store().news(50).await?;
    let c = lang.code();
    let updated = items.iter().map(|n| n.updated_at).max().unwrap_or(0);
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{c}\">\n"
    ));
    out.push_str(&format!("  <id>{}/{c}/news</id>\n", xml(&base)));
    out.push_str(&format!(
        "  <title>{}</title>\n",
        xml(&t.t("news-feed-title"))
    ));
    out.push_str(&format!("  <updated>{}</updated>\n", rfc3339(updated)));
    out.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        xml(&t.t("report-publisher"))
    ));
    out.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}/{c}/news.atom\"/>\n",
        xml(&base)
    ));
    out.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}/{c}/news\"/>\n",
        xml(&base)
    ));
    for n in &items {
        let link = format!("{}/{c}/news/{}", base, n.item.slug);
        out.push_str("  <entry>\n");
        out.push_str(&format!(
            "    <id>{}/news/{}</id>\n",
            xml(&base),
            n.item.slug
        ));
        out.push_str(&format!(
            "    <title>{}</title>\n",
            xml(n.item.title.get(lang))
        ));
        out.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            xml(&link)
        ));
        // An undated item has no <published> (it is optional in RFC 4287); <updated> is when it was written here.
        if let Some(d) = n.item.published {
            out.push_str(&format!("    <published>{d}T00:00:00Z</published>\n"));
        }
        let dated = n
            .item
            .published
            .map_or(0, |d| d.days_since_epoch() * 86_400_000);
        out.push_str(&format!(
            "    <updated>{}</updated>\n",
            rfc3339(n.updated_at.max(dated))
        ));
        out.push_str(&format!(
            "    <summary>{}</summary>\n",
            xml(n.item.summary.get(lang))
        ));
        let body = n.item.body.get(lang);
        if !body.is_empty() {
            out.push_str(&format!(
                "    <content type=\"text\">{}</content>\n",
                xml(body)
            ));
        }
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    Ok((
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        out,
    )
        .into_response())
}
