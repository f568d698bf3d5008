//! Writing events and news. Events are created and changed by the editors of their organiser (and admins):
//! `/{lang}/events/new`, `/{lang}/events/{slug}/edit`. News items by admins and editors: `/{lang}/news/new`,
//! `/{lang}/news/{slug}/edit`; an editor's item concerns one of their own actors, and editors change the items
//! that concern their actors — and set or remove the item's image on its edit page (a separate multipart form:
//! the file checked, scaled and written anew by `app::photos`, published only with an alternative text in both
//! languages). Every save is audited; bad input is named field by field and saves nothing.

use crate::AppState;
use crate::kit::caller::Caller;
use crate::kit::error::WebError;
use crate::kit::forms::{Choice, Field, FieldKind, FormData, FormView, Section};
use crate::kit::page::{FormPage, ensure_session, respond};
use crate::kit::page::{Layout, Link, Nav, lang, render};
use crate::kit::params::Params;
use crate::kit::text::Text;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::events::{Event, NewsItem, Place, When, parse_when};
use domain::{Action, IsoDate, Lang, LangText, Slug, WebUrl};
use i18n::Tr;
use store::{EventRow, NewsRow};

const MAX_TITLE: usize = 200;
const MAX_TEXT: usize = 5_000;
const MAX_LOCATION: usize = 300;
/// The largest image upload body (one image and its texts).
pub(crate) use crate::kit::photos::MAX_BODY as MAX_IMAGE_BODY;
use crate::kit::photos::{AltProblem, MAX_ALT};

/// The actors the caller may act for: every actor for admins, else those they edit. (slug, name) by name.
async fn own_actors(
    state: &AppState,
    caller: &Caller,
    lang: Lang,
) -> Result<Vec<(String, String)>, WebError> {
    caller.principal.as_ref().ok_or(WebError::Unauthorized)?;
    Ok(state
        .store()
        .actor_names(lang)
        .await?
        .into_iter()
        .filter(|(s, _)| caller.may(&Action::ManageEvent(std::slice::from_ref(s))))
        .map(|(s, n)| (s.to_string(), n.get(lang).to_owned()))
        .collect())
}

fn choices(options: &[(String, String)], chosen: &[String]) -> Vec<Choice> {
    options
        .iter()
        .map(|(v, l)| Choice {
            value: v.clone(),
            label: l.clone(),
            selected: chosen.contains(v),
        })
        .collect()
}

fn with_empty(t: Tr, key: &str, options: &[(String, String)], chosen: &str) -> Vec<Choice> {
    let mut out = vec![Choice {
        value: String::new(),
        label: t.t(key),
        selected: chosen.is_empty(),
    }];
    out.extend(choices(options, &[chosen.to_owned()]));
    out
}

/// Bilingual text fields, one section per language.
fn lang_sections(
    t: Tr,
    fields: &[(&str, &str, FieldKind, usize, bool)],
    value: &dyn Fn(&str) -> String,
) -> Vec<Section> {
    [("sv", "edit-swedish"), ("en", "edit-english")]
        .iter()
        .map(|(l, legend)| Section {
            legend: Some(t.t(legend)),
            fields: fields
                .iter()
                .map(|(name, label, kind, max, required)| {
                    let name = format!("{name}_{l}");
                    let label = t.t1(&format!("label-{l}"), "label", t.t(label));
                    let f = Field::new(kind.clone(), &name, label)
                        .value(value(&name))
                        .lang(if *l == "sv" { "sv" } else { "en" })
                        .maxlength(*max);
                    if *required { f.required() } else { f }
                })
                .collect(),
        })
        .collect()
}

fn read_text(
    t: Tr,
    f: &FormData,
    name: &str,
    max: usize,
    required: bool,
    errs: &mut Vec<(String, String)>,
) -> LangText {
    let mut one = |n: String| {
        let v = f.value(&n);
        if required && v.is_empty() {
            errs.push((n, t.t("field-required")));
        } else if v.chars().count() > max {
            errs.push((n, t.t1("field-too-long", "max", max)));
        }
        v
    };
    LangText::new(one(format!("{name}_sv")), one(format!("{name}_en")))
}

// ---------------------------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------------------------

/// The form's values as text, from an event or from what was typed.
fn event_values(e: Option<&Event>) -> Vec<(String, String)> {
    let Some(e) = e else {
        return Vec::new();
    };
    let (start_day, start_time, end_day, end_time) = match e.when {
        When::AllDay { first, last } => (
            first.to_string(),
            String::new(),
            if first == last {
                String::new()
            } else {
                last.to_string()
            },
            String::new(),
        ),
        When::Timed { start, end } => (
            start.date.to_string(),
            start.clock(),
            if start.date == end.date {
                String::new()
            } else {
                end.date.to_string()
            },
            end.clock(),
        ),
    };
    let location = e.location.clone().unwrap_or_default();
    vec![
        ("title_sv".into(), e.title.sv.clone()),
        ("title_en".into(), e.title.en.clone()),
        ("description_sv".into(), e.description.sv.clone()),
        ("description_en".into(), e.description.en.clone()),
        ("location_sv".into(), location.sv),
        ("location_en".into(), location.en),
        ("start_day".into(), start_day),
        ("start_time".into(), start_time),
        ("end_day".into(), end_day),
        ("end_time".into(), end_time),
        (
            "place".into(),
            e.place.as_ref().map(Place::code).unwrap_or_default(),
        ),
        (
            "organiser".into(),
            e.organisers
                .first()
                .map(ToString::to_string)
                .unwrap_or_default(),
        ),
        (
            "registration".into(),
            e.registration
                .as_ref()
                .map(|u| u.as_str().to_owned())
                .unwrap_or_default(),
        ),
    ]
}

/// Where an event can be: online, a meeting place, a campus. (code, label).
async fn place_choices(state: &AppState, lang: Lang) -> Result<Vec<(String, String)>, WebError> {
    let t = Tr::new(lang);
    let store = state.store();
    let mut places = vec![("online".to_owned(), t.t("event-online"))];
    for m in store.meeting_places().await? {
        places.push((
            format!("meeting-place:{}", m.place.slug),
            m.place.name.get(lang).to_owned(),
        ));
    }
    for c in store.campuses(lang).await? {
        places.push((
            format!("campus:{}", c.campus.slug),
            format!("{} ({})", c.campus.name.get(lang), t.t("event-campus")),
        ));
    }
    Ok(places)
}

async fn event_form(
    state: &AppState,
    caller: &Caller,
    lang: Lang,
    csrf: String,
    existing: Option<&EventRow>,
    typed: Option<&FormData>,
) -> Result<FormView, WebError> {
    let t = Tr::new(lang);
    let store = state.store();
    let stored = event_values(existing.map(|r| &r.event));
    let value = |name: &str| match typed {
        Some(f) => f.value(name),
        None => stored
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default(),
    };
    let places = place_choices(state, lang).await?;
    let organisers = own_actors(state, caller, lang).await?;
    let tags = super::posts::tag_choices(state, lang).await?;
    let areas: Vec<(String, String)> = store
        .focus_areas()
        .await?
        .into_iter()
        .map(|a| (a.slug.to_string(), a.name.get(lang).to_owned()))
        .collect();
    let (chosen_tags, chosen_areas) = match (typed, existing) {
        (Some(f), _) => (f.all("tags"), f.all("areas")),
        (None, Some(r)) => (
            r.event.tags.iter().map(ToString::to_string).collect(),
            r.event
                .focus_areas
                .iter()
                .map(ToString::to_string)
                .collect(),
        ),
        (None, None) => (Vec::new(), Vec::new()),
    };
    let text = |name: &str, label: &str, hint: Option<&str>| {
        let f = Field::new(FieldKind::Text, name, t.t(label)).value(value(name));
        match hint {
            Some(h) => f.hint(t.t(h)),
            None => f,
        }
    };
    let mut sections = lang_sections(
        t,
        &[
            (
                "title",
                "event-field-title",
                FieldKind::Text,
                MAX_TITLE,
                true,
            ),
            (
                "description",
                "event-field-description",
                FieldKind::Textarea,
                MAX_TEXT,
                true,
            ),
            (
                "location",
                "event-field-location",
                FieldKind::Text,
                MAX_LOCATION,
                false,
            ),
        ],
        &value,
    );
    sections.insert(
        0,
        Section {
            legend: Some(t.t("event-field-when")),
            fields: vec![
                text("start_day", "event-field-start-day", Some("event-day-hint")).required(),
                text(
                    "start_time",
                    "event-field-start-time",
                    Some("event-time-hint"),
                ),
                text("end_day", "event-field-end-day", Some("event-end-day-hint")),
                text("end_time", "event-field-end-time", Some("event-time-hint")),
            ],
        },
    );
    sections.push(Section {
        legend: None,
        fields: vec![
            Field::new(FieldKind::Select, "organiser", t.t("event-field-organiser"))
                .required()
                .choices(with_empty(
                    t,
                    "event-choose-organiser",
                    &organisers,
                    &value("organiser"),
                )),
            Field::new(FieldKind::Select, "place", t.t("event-field-place")).choices(with_empty(
                t,
                "event-no-place",
                &places,
                &value("place"),
            )),
            Field::new(
                FieldKind::Url,
                "registration",
                t.t("event-field-registration"),
            )
            .value(value("registration"))
            .hint(t.t("event-registration-hint")),
            Field::new(FieldKind::Checkboxes, "areas", t.t("strategy-areas"))
                .choices(choices(&areas, &chosen_areas)),
            Field::new(FieldKind::Checkboxes, "tags", t.t("post-tags"))
                .choices(choices(&tags, &chosen_tags)),
        ],
    });
    Ok(FormView {
        intro: vec![t.t("event-form-intro")],
        action: match existing {
            Some(r) => format!("/{}/events/{}/edit", lang.code(), r.event.slug),
            None => format!("/{}/events", lang.code()),
        },
        csrf,
        sections,
        submit: t.t("event-save"),
        links: vec![Link {
            href: match existing {
                Some(r) => format!("/{}/events/{}", lang.code(), r.event.slug),
                None => format!("/{}/events", lang.code()),
            },
            text: t.t("form-cancel"),
        }],
        form_error: None,
        notice: None,
    })
}

/// Reads the event form: the event (slug left for the store) or every problem with its field.
fn read_event(
    t: Tr,
    f: &FormData,
    allowed_organisers: &[(String, String)],
    places: &[(String, String)],
    keep_organisers: &[Slug],
) -> Result<Event, Vec<(String, String)>> {
    let mut errs = Vec::new();
    let title = read_text(t, f, "title", MAX_TITLE, true, &mut errs);
    let description = read_text(t, f, "description", MAX_TEXT, true, &mut errs);
    let location = read_text(t, f, "location", MAX_LOCATION, false, &mut errs);
    let (start_day, start_time, end_day, end_time) = (
        f.value("start_day"),
        f.value("start_time"),
        f.value("end_day"),
        f.value("end_time"),
    );
    let when = if start_day.is_empty() {
        errs.push(("start_day".into(), t.t("field-required")));
        None
    } else if IsoDate::parse(&start_day).is_err() {
        errs.push(("start_day".into(), t.t("event-error-day")));
        None
    } else if !end_day.is_empty() && IsoDate::parse(&end_day).is_err() {
        errs.push(("end_day".into(), t.t("event-error-day")));
        None
    } else if start_time.is_empty() != end_time.is_empty() {
        let missing = if start_time.is_empty() {
            "start_time"
        } else {
            "end_time"
        };
        errs.push((missing.into(), t.t("event-error-both-times")));
        None
    } else {
        let last = if end_day.is_empty() {
            start_day.clone()
        } else {
            end_day
        };
        let (start, end) = if start_time.is_empty() {
            (start_day, last)
        } else {
            (
                format!("{start_day}T{start_time}"),
                format!("{last}T{end_time}"),
            )
        };
        match parse_when(&start, Some(&end)) {
            Ok(w) => Some(w),
            Err(e) => {
                let (field, key) = if e.contains("before") {
                    ("end_day", "event-error-order")
                } else {
                    ("start_time", "event-error-time")
                };
                errs.push((field.into(), t.t(key)));
                None
            }
        }
    };
    let organiser = f.value("organiser");
    if !allowed_organisers.iter().any(|(s, _)| *s == organiser) {
        errs.push(("organiser".into(), t.t("field-choose")));
    }
    let place = match f.value("place").as_str() {
        "" => None,
        p => match Place::parse(p).filter(|_| places.iter().any(|(code, _)| code == p)) {
            Some(p) => Some(p),
            None => {
                errs.push(("place".into(), t.t("field-choose")));
                None
            }
        },
    };
    let registration = match f.value("registration").as_str() {
        "" => None,
        u => match WebUrl::parse(u) {
            Ok(u) => Some(u),
            Err(_) => {
                errs.push(("registration".into(), t.t("event-error-url")));
                None
            }
        },
    };
    let mut slugs = |name: &str| -> Vec<Slug> {
        let sent = f.all(name);
        let parsed: Vec<Slug> = sent.iter().filter_map(|s| Slug::parse(s).ok()).collect();
        if parsed.len() != sent.len() {
            errs.push((name.to_owned(), t.t("field-unknown-choice")));
        }
        parsed
    };
    let tags = slugs("tags");
    let focus_areas = slugs("areas");
    match (when, Slug::parse(&organiser)) {
        (Some(when), Ok(main)) if errs.is_empty() => {
            let mut organisers = vec![main.clone()];
            organisers.extend(keep_organisers.iter().filter(|s| **s != main).cloned());
            Ok(Event {
                slug: main,
                title,
                description,
                when,
                place,
                location: (!location.sv.is_empty() || !location.en.is_empty()).then_some(location),
                organisers,
                tags,
                focus_areas,
                registration,
                source: None,
            })
        }
        _ => Err(errs),
    }
}

fn event_page(
    lang: Lang,
    caller: &Caller,
    existing: Option<&EventRow>,
    form: FormView,
) -> FormPage {
    let t = Tr::new(lang);
    let (title, path) = match existing {
        Some(r) => (
            t.t1(
                "event-edit-title",
                "event",
                r.event.title.get(lang).to_owned(),
            ),
            format!("events/{}/edit", r.event.slug),
        ),
        None => (t.t("event-new-title"), "events/new".to_owned()),
    };
    let mut layout = Layout::new(lang, &title, &path, Nav::Events, None);
    layout.set_caller(caller);
    FormPage { layout, form }
}

/// The event the caller may change: they edit one of its organisers (or are an admin).
async fn editable_event(
    state: &AppState,
    caller: &Caller,
    raw: &str,
) -> Result<EventRow, WebError> {
    caller.require(&Action::UseOwnAccount)?;
    let slug = Slug::parse(raw).map_err(|_| WebError::NotFound)?;
    let row = state
        .store()
        .event(&slug)
        .await?
        .ok_or(WebError::NotFound)?;
    if may_manage_event(caller, &row) {
        Ok(row)
    } else {
        Err(WebError::Forbidden)
    }
}

/// True when the caller edits one of the event's organisers, or is an admin.
pub(crate) fn may_manage_event(caller: &Caller, row: &EventRow) -> bool {
    caller.may(&Action::ManageEvent(&row.event.organisers))
}

/// The new-event form (editors and admins).
pub(crate) async fn new_event_page(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::PublishNews)?;
    let (csrf, cookie) = ensure_session(&state, &caller).await?;
    let form = event_form(&state, &caller, lang, csrf, None, None).await?;
    Ok(respond(
        StatusCode::OK,
        render(&event_page(lang, &caller, None, form))?,
        cookie,
    ))
}

/// The edit form of an event.
pub(crate) async fn edit_event_page(
    State(state): State<AppState>,
    Path((code, slug)): Path<(String, String)>,
    caller: Caller,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let row = editable_event(&state, &caller, &slug).await?;
    let (csrf, cookie) = ensure_session(&state, &caller).await?;
    let form = event_form(&state, &caller, lang, csrf, Some(&row), None).await?;
    Ok(respond(
        StatusCode::OK,
        render(&event_page(lang, &caller, Some(&row), form))?,
        cookie,
    ))
}

async fn save_event_form(
    state: &AppState,
    caller: &Caller,
    lang: Lang,
    existing: Option<&EventRow>,
    f: &FormData,
) -> Result<Response, WebError> {
    caller.check_csrf(Some(&f.value("csrf")))?;
    let user = caller.user_id().ok_or(WebError::Unauthorized)?;
    let t = Tr::new(lang);
    let allowed = own_actors(state, caller, lang).await?;
    // The form shows the first organiser; co-organisers already stored stay.
    let keep: Vec<Slug> = existing
        .map(|r| r.event.organisers.iter().skip(1).cloned().collect())
        .unwrap_or_default();
    let places = place_choices(state, lang).await?;
    match read_event(t, f, &allowed, &places, &keep) {
        Ok(mut event) => {
            if let Some(r) = existing {
                event.source = r.event.source.clone();
            }
            let slug = state
                .store()
                .save_event(existing.map(|r| &r.event.slug), event, user)
                .await?;
            Ok(Redirect::to(&format!("/{}/events/{slug}?saved=1", lang.code())).into_response())
        }
        Err(errs) => {
            let csrf = caller.csrf().unwrap_or_default().to_owned();
            let mut view = event_form(state, caller, lang, csrf, existing, Some(f)).await?;
            for (field, msg) in errs {
                view.set_error(&field, msg);
            }
            Ok(respond(
                StatusCode::UNPROCESSABLE_ENTITY,
                render(&event_page(lang, caller, existing, view))?,
                None,
            ))
        }
    }
}

/// Creates an event.
pub(crate) async fn create_event(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
    f: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::PublishNews)?;
    save_event_form(&state, &caller, lang, None, &f).await
}

/// Saves the edit form of an event.
pub(crate) async fn update_event(
    State(state): State<AppState>,
    Path((code, slug)): Path<(String, String)>,
    caller: Caller,
    f: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let row = editable_event(&state, &caller, &slug).await?;
    save_event_form(&state, &caller, lang, Some(&row), &f).await
}

// ---------------------------------------------------------------------------------------------------------------
// News
// ---------------------------------------------------------------------------------------------------------------

async fn news_form(
    state: &AppState,
    caller: &Caller,
    lang: Lang,
    csrf: String,
    existing: Option<&NewsRow>,
    typed: Option<&FormData>,
) -> Result<FormView, WebError> {
    let t = Tr::new(lang);
    let stored: Vec<(String, String)> = match existing {
        Some(r) => {
            let n = &r.item;
            vec![
                ("title_sv".into(), n.title.sv.clone()),
                ("title_en".into(), n.title.en.clone()),
                ("summary_sv".into(), n.summary.sv.clone()),
                ("summary_en".into(), n.summary.en.clone()),
                ("body_sv".into(), n.body.sv.clone()),
                ("body_en".into(), n.body.en.clone()),
                (
                    "published".into(),
                    n.published.map(|d| d.to_string()).unwrap_or_default(),
                ),
                (
                    "actor".into(),
                    n.actors
                        .first()
                        .map(ToString::to_string)
                        .unwrap_or_default(),
                ),
            ]
        }
        None => vec![("published".into(), store::today().to_string())],
    };
    let value = |name: &str| match typed {
        Some(f) => f.value(name),
        None => stored
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default(),
    };
    let actors = own_actors(state, caller, lang).await?;
    let mut sections = lang_sections(
        t,
        &[
            (
                "title",
                "news-field-title",
                FieldKind::Text,
                MAX_TITLE,
                true,
            ),
            (
                "summary",
                "news-field-summary",
                FieldKind::Textarea,
                500,
                true,
            ),
            (
                "body",
                "news-field-body",
                FieldKind::Textarea,
                MAX_TEXT,
                false,
            ),
        ],
        &value,
    );
    sections.insert(
        0,
        Section {
            legend: None,
            fields: vec![
                Field::new(FieldKind::Text, "published", t.t("news-field-published"))
                    .value(value("published"))
                    .hint(t.t("news-published-hint")),
                Field::new(FieldKind::Select, "actor", t.t("news-field-actor"))
                    .choices(with_empty(t, "news-no-actor", &actors, &value("actor"))),
            ],
        },
    );
    Ok(FormView {
        intro: vec![t.t("news-form-intro")],
        action: match existing {
            Some(r) => format!("/{}/news/{}/edit", lang.code(), r.item.slug),
            None => format!("/{}/news", lang.code()),
        },
        csrf,
        sections,
        submit: t.t("news-save"),
        links: vec![Link {
            href: match existing {
                Some(r) => format!("/{}/news/{}", lang.code(), r.item.slug),
                None => format!("/{}/news", lang.code()),
            },
            text: t.t("form-cancel"),
        }],
        form_error: None,
        notice: None,
    })
}

fn read_news(
    t: Tr,
    f: &FormData,
    caller: &Caller,
    allowed: &[(String, String)],
    keep: &[Slug],
) -> Result<NewsItem, Vec<(String, String)>> {
    let mut errs = Vec::new();
    let title = read_text(t, f, "title", MAX_TITLE, true, &mut errs);
    let summary = read_text(t, f, "summary", 500, true, &mut errs);
    let body = read_text(t, f, "body", MAX_TEXT, false, &mut errs);
    // Left empty when the date is not known: an undated item is listed after the dated ones.
    let published = match f.value("published").as_str() {
        "" => Ok(None),
        d => IsoDate::parse(d).map(Some),
    };
    if published.is_err() {
        errs.push(("published".into(), t.t("event-error-day")));
    }
    let actor = f.value("actor");
    let actor = if actor.is_empty() && caller.may(&Action::EditNews(&[])) {
        None
    } else if allowed.iter().any(|(s, _)| *s == actor) {
        Slug::parse(&actor).ok()
    } else {
        errs.push(("actor".into(), t.t("news-error-actor")));
        None
    };
    match published {
        Ok(published) if errs.is_empty() => {
            let mut actors: Vec<Slug> = actor.into_iter().collect();
            for k in keep {
                if !actors.contains(k) {
                    actors.push(k.clone());
                }
            }
            Ok(NewsItem {
                slug: Slug::parse("item").map_err(|_| errs.clone())?,
                published,
                title,
                summary,
                body,
                actors,
                source: None,
            })
        }
        _ => Err(errs),
    }
}

/// The news form's page; on an item's edit page also its image, the form that sets it and the one that removes it.
#[derive(Template)]
#[template(path = "meeting_places/news-edit.html")]
pub struct NewsEditPage {
    /// Frame.
    pub layout: Layout,
    /// The item's form.
    pub form: FormView,
    /// The item's page (none for a new item).
    pub public_href: Option<String>,
    /// Its image: (src, alt, width, height).
    pub image: Option<(String, Text, u32, u32)>,
    /// Where an image is set (none for a new item: it is added once the item is saved).
    pub image_action: Option<String>,
    /// Where the image is removed, when there is one.
    pub remove_action: Option<String>,
    /// A message about the image: (ok, text).
    pub image_flash: Option<(bool, String)>,
    /// CSRF token.
    pub csrf: String,
}

fn news_page(
    lang: Lang,
    caller: &Caller,
    existing: Option<&NewsRow>,
    form: FormView,
    image_flash: Option<(bool, String)>,
) -> NewsEditPage {
    let t = Tr::new(lang);
    let c = lang.code();
    let (title, path) = match existing {
        Some(r) => (
            t.t1("news-edit-title", "item", r.item.title.get(lang).to_owned()),
            format!("news/{}/edit", r.item.slug),
        ),
        None => (t.t("news-new-title"), "news/new".to_owned()),
    };
    let mut layout = Layout::new(lang, &title, &path, Nav::Events, None);
    layout.set_caller(caller);
    let base = existing.map(|r| format!("/{c}/news/{}", r.item.slug));
    NewsEditPage {
        layout,
        public_href: base.clone(),
        image: existing.and_then(|r| r.image.as_ref()).map(|i| {
            (
                super::events::image_src(i.id),
                Text::of(&i.alt, lang),
                i.width,
                i.height,
            )
        }),
        image_action: base.as_ref().map(|b| format!("{b}/image")),
        remove_action: existing
            .filter(|r| r.image.is_some())
            .and(base.as_ref())
            .map(|b| format!("{b}/image/delete")),
        image_flash,
        csrf: form.csrf.clone(),
        form,
    }
}

/// True when the caller may change a news item: admins, and editors of an actor it concerns.
pub(crate) fn may_edit_news(caller: &Caller, row: &NewsRow) -> bool {
    caller.may(&Action::EditNews(&row.item.actors))
}

async fn editable_news(state: &AppState, caller: &Caller, raw: &str) -> Result<NewsRow, WebError> {
    caller.require(&Action::PublishNews)?;
    let slug = Slug::parse(raw).map_err(|_| WebError::NotFound)?;
    let row = state
        .store()
        .news_item(&slug)
        .await?
        .ok_or(WebError::NotFound)?;
    if may_edit_news(caller, &row) {
        Ok(row)
    } else {
        Err(WebError::Forbidden)
    }
}

/// The new-news form.
pub(crate) async fn new_news_page(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::PublishNews)?;
    let (csrf, cookie) = ensure_session(&state, &caller).await?;
    let form = news_form(&state, &caller, lang, csrf, None, None).await?;
    Ok(respond(
        StatusCode::OK,
        render(&news_page(lang, &caller, None, form, None))?,
        cookie,
    ))
}

/// The edit form of a news item, with its image.
pub(crate) async fn edit_news_page(
    State(state): State<AppState>,
    Path((code, slug)): Path<(String, String)>,
    caller: Caller,
    params: Params,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let t = Tr::new(lang);
    let row = editable_news(&state, &caller, &slug).await?;
    let (csrf, cookie) = ensure_session(&state, &caller).await?;
    let form = news_form(&state, &caller, lang, csrf, Some(&row), None).await?;
    let flash = match params.get("done").unwrap_or_default() {
        "image" => Some((true, t.t("news-image-added"))),
        "image-removed" => Some((true, t.t("news-image-removed"))),
        _ => None,
    };
    Ok(respond(
        StatusCode::OK,
        render(&news_page(lang, &caller, Some(&row), form, flash))?,
        cookie,
    ))
}

async fn save_news_form(
    state: &AppState,
    caller: &Caller,
    lang: Lang,
    existing: Option<&NewsRow>,
    f: &FormData,
) -> Result<Response, WebError> {
    caller.check_csrf(Some(&f.value("csrf")))?;
    let user = caller.user_id().ok_or(WebError::Unauthorized)?;
    let t = Tr::new(lang);
    let allowed = own_actors(state, caller, lang).await?;
    // The form shows the first actor; the others it concerns stay.
    let keep: Vec<Slug> = existing
        .map(|r| r.item.actors.iter().skip(1).cloned().collect())
        .unwrap_or_default();
    match read_news(t, f, caller, &allowed, &keep) {
        Ok(mut item) => {
            if let Some(r) = existing {
                item.source = r.item.source.clone();
            }
            let slug = state
                .store()
                .save_news(existing.map(|r| &r.item.slug), item, user)
                .await?;
            Ok(Redirect::to(&format!("/{}/news/{slug}?saved=1", lang.code())).into_response())
        }
        Err(errs) => {
            let csrf = caller.csrf().unwrap_or_default().to_owned();
            let mut view = news_form(state, caller, lang, csrf, existing, Some(f)).await?;
            for (field, msg) in errs {
                view.set_error(&field, msg);
            }
            Ok(respond(
                StatusCode::UNPROCESSABLE_ENTITY,
                render(&news_page(lang, caller, existing, view, None))?,
                None,
            ))
        }
    }
}

/// Creates a news item.
pub(crate) async fn create_news(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
    f: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::PublishNews)?;
    save_news_form(&state, &caller, lang, None, &f).await
}

/// Saves the edit form of a news item.
pub(crate) async fn update_news(
    State(state): State<AppState>,
    Path((code, slug)): Path<(String, String)>,
    caller: Caller,
    f: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let row = editable_news(&state, &caller, &slug).await?;
    save_news_form(&state, &caller, lang, Some(&row), &f).await
}

/// Sets the image of a news item (`file`, with `alt_sv` and `alt_en`, both required), replacing the one it had.
pub(crate) async fn add_news_image(
    State(state): State<AppState>,
    Path((code, slug)): Path<(String, String)>,
    caller: Caller,
    request: axum::extract::Request,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    // Who may upload is decided, and the item found, before the body is read.
    let row = editable_news(&state, &caller, &slug).await?;
    let upload = crate::kit::photos::PhotoUpload::read(request).await?;
    caller.check_csrf(upload.csrf.as_deref())?;
    let t = Tr::new(lang);
    let user = caller.user_id().ok_or(WebError::Unauthorized)?;
    let refuse = async |message: String| -> Result<Response, WebError> {
        let csrf = caller.csrf().unwrap_or_default().to_owned();
        let form = news_form(&state, &caller, lang, csrf, Some(&row), None).await?;
        Ok(respond(
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&news_page(
                lang,
                &caller,
                Some(&row),
                form,
                Some((false, message)),
            ))?,
            None,
        ))
    };
    let alt = match upload.alt() {
        Ok(alt) => alt,
        Err(AltProblem::Missing) => return refuse(t.t("news-image-error-alt")).await,
        Err(AltProblem::TooLong) => return refuse(t.t1("field-too-long", "max", MAX_ALT)).await,
    };
    let bytes = upload.file;
    let image = match tokio::task::spawn_blocking(move || app::photos::prepare(&bytes))
        .await
        .map_err(|e| WebError::Internal(format!("news image: {e}")))?
    {
        Ok(p) => p,
        Err(e) => return refuse(t.t(e.key())).await,
    };
    state
        .store()
        .set_news_image(
            &row.item.slug,
            &image.jpeg,
            (image.width, image.height),
            &alt,
            user,
        )
        .await?;
    Ok(Redirect::to(&format!(
        "/{}/news/{}/edit?done=image#image",
        lang.code(),
        row.item.slug
    ))
    .into_response())
}

/// Removes the image of a news item.
pub(crate) async fn remove_news_image(
    State(state): State<AppState>,
    Path((code, slug)): Path<(String, String)>,
    caller: Caller,
    form: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let row = editable_news(&state, &caller, &slug).await?;
    caller.check_csrf(Some(&form.value("csrf")))?;
    let user = caller.user_id().ok_or(WebError::Unauthorized)?;
    state
        .store()
        .remove_news_image(&row.item.slug, user)
        .await?;
    Ok(Redirect::to(&format!(
        "/{}/news/{}/edit?done=image-removed#image",
        lang.code(),
        row.item.slug
    ))
    .into_response())
}
