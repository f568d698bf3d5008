//! Matchmaking at an event, `/{lang}/events/{slug}/matchmaking`: the organiser's editors (and admins) add meeting
//! slots; signed-in members register with a short profile, see the other participants and ask them for a 1:1
//! meeting; the invitee accepts by picking a slot free for both (or declines); the requester may withdraw. Each
//! participant's agenda is on the page and as `.ics`. Profiles are seen by participants and organisers only.

use super::editing::may_manage_event;
use crate::AppState;
use crate::kit::caller::Caller;
use crate::kit::error::WebError;
use crate::kit::forms::FormData;
use crate::kit::page::{Layout, Nav, lang, render};
use crate::kit::page::{ensure_session, respond};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::events::{CalendarEntry, Event, When, calendar};
use domain::matchmaking::{Answer, RequestState, Slot};
use domain::{Action, Lang, Slug};
use i18n::Tr;
use store::{EventRow, MatchFail, Matchmaking};

/// A slot as listed.
pub struct SlotLine {
    /// Its id (for the organiser's remove button).
    pub id: i64,
    /// When, in words.
    pub when: String,
    /// How many meetings are booked in it.
    pub meetings: usize,
}

/// Another participant.
pub struct PersonView {
    /// Participant id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Organisation.
    pub organisation: String,
    /// Profile.
    pub profile: String,
    /// Why no request can be sent now (an open request, a meeting booked), if so.
    pub note: Option<String>,
}

/// A request as one side sees it.
pub struct RequestView {
    /// Id.
    pub id: i64,
    /// The other person.
    pub name: String,
    /// Their organisation.
    pub organisation: String,
    /// The message.
    pub message: String,
    /// State label.
    pub state: String,
    /// Still open.
    pub pending: bool,
    /// Slots free for both: (id, when).
    pub free: Vec<(i64, String)>,
}

/// One meeting on the agenda.
pub struct AgendaLine {
    /// When.
    pub when: String,
    /// Machine-readable start.
    pub datetime: String,
    /// With whom, in words.
    pub with: String,
}

/// The matchmaking page.
#[derive(Template)]
#[template(path = "meeting_places/matchmaking.html")]
pub struct MatchPage {
    /// Frame.
    pub layout: Layout,
    /// The event: (link, title).
    pub event: (String, String),
    /// Base of this page's form actions.
    pub base: String,
    /// The event is over.
    pub closed: bool,
    /// Signed in.
    pub signed_in: bool,
    /// May add slots.
    pub organiser: bool,
    /// The CSRF token for the forms.
    pub csrf: String,
    /// Slots.
    pub slots: Vec<SlotLine>,
    /// Registered.
    pub registered: bool,
    /// The registration form's values: organisation, profile.
    pub profile: (String, String),
    /// How many are registered.
    pub count: usize,
    /// Everyone else, for participants and organisers.
    pub others: Vec<PersonView>,
    /// Requests to me.
    pub incoming: Vec<RequestView>,
    /// Requests I sent.
    pub outgoing: Vec<RequestView>,
    /// My meetings in time order.
    pub agenda: Vec<AgendaLine>,
    /// The agenda as iCalendar.
    pub agenda_href: String,
    /// The slot form's typed values: day, start, end.
    pub slot_typed: (String, String, String),
    /// A refusal to show at the top.
    pub error: Option<String>,
    /// A confirmation to show at the top.
    pub notice: Option<String>,
}

fn slot_text(s: &Slot) -> String {
    format!("{} {}–{}", s.start.date, s.start.clock(), s.end.clock())
}

async fn find_event(state: &AppState, raw: &str) -> Result<(EventRow, Matchmaking), WebError> {
    let slug = Slug::parse(raw).map_err(|_| WebError::NotFound)?;
    let row = state
        .store()
        .event(&slug)
        .await?
        .ok_or(WebError::NotFound)?;
    let mm = state
        .store()
        .matchmaking(&slug)
        .await?
        .ok_or(WebError::NotFound)?;
    Ok((row, mm))
}

/// What the page shows for this caller; `typed` keeps what a refused form held.
fn build(
    lang: Lang,
    caller: &Caller,
    row: &EventRow,
    mm: &Matchmaking,
    csrf: String,
    typed: Option<&FormData>,
) -> MatchPage {
    let t = Tr::new(lang);
    let now = store::now_millis();
    let user = caller.user_id();
    let me = user.and_then(|u| mm.participant_of(u));
    let organiser = may_manage_event(caller, row);
    let typed_value = |name: &str| typed.map(|f| f.value(name)).unwrap_or_default();
    let profile = match (typed, me) {
        (Some(f), _) if !f.value("organisation").is_empty() || !f.value("profile").is_empty() => {
            (f.value("organisation"), f.value("profile"))
        }
        (_, Some(p)) => (p.organisation.clone(), p.profile.clone()),
        _ => (String::new(), String::new()),
    };
    let person = |id: i64| mm.participant(id);
    let state_label = |s: RequestState| t.t(&format!("mm-state-{s}"));
    let mut incoming = Vec::new();
    let mut outgoing = Vec::new();
    let mut agenda = Vec::new();
    if let Some(me) = me {
        for r in &mm.requests {
            let (other, mine) = if r.invitee == me.id {
                (r.requester, false)
            } else if r.requester == me.id {
                (r.invitee, true)
            } else {
                continue;
            };
            let Some(o) = person(other) else { continue };
            if let (RequestState::Accepted, Some(slot)) = (r.state, r.slot.and_then(|s| mm.slot(s)))
            {
                agenda.push((
                    slot.slot.start,
                    AgendaLine {
                        when: slot_text(&slot.slot),
                        datetime: slot.slot.start.to_string(),
                        with: t.t2(
                            "mm-meeting-with",
                            ("name", &o.name),
                            ("organisation", &o.organisation),
                        ),
                    },
                ));
            }
            let view = RequestView {
                id: r.id,
                name: o.name.clone(),
                organisation: o.organisation.clone(),
                message: r.message.clone(),
                state: match (r.state, r.slot.and_then(|s| mm.slot(s))) {
                    (RequestState::Accepted, Some(s)) => {
                        format!("{} ({})", state_label(r.state), slot_text(&s.slot))
                    }
                    (s, _) => state_label(s),
                },
                pending: r.state == RequestState::Pending,
                free: if mine || r.state != RequestState::Pending {
                    Vec::new()
                } else {
                    mm.free_for_both(me.id, other, now)
                        .into_iter()
                        .map(|s| (s.id, slot_text(&s.slot)))
                        .collect()
                },
            };
            if mine {
                outgoing.push(view);
            } else {
                incoming.push(view);
            }
        }
    }
    agenda.sort_by_key(|(start, _)| *start);
    let others = if me.is_some() || organiser {
        mm.participants
            .iter()
            .filter(|p| Some(p.user_id) != user)
            .map(|p| {
                let between = me.and_then(|me| {
                    mm.requests.iter().find(|r| {
                        matches!(r.state, RequestState::Pending | RequestState::Accepted)
                            && ((r.requester == me.id && r.invitee == p.id)
                                || (r.requester == p.id && r.invitee == me.id))
                    })
                });
                PersonView {
                    id: p.id,
                    name: p.name.clone(),
                    organisation: p.organisation.clone(),
                    profile: p.profile.clone(),
                    note: match (me, between) {
                        (None, _) => Some(t.t("mm-register-to-request")),
                        (Some(_), Some(r)) => Some(state_label(r.state)),
                        (Some(_), None) => None,
                    },
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let title = t.t1("mm-title", "event", row.event.title.get(lang).to_owned());
    let mut layout = Layout::new(
        lang,
        &title,
        &format!("events/{}/matchmaking", row.event.slug),
        Nav::Events,
        None,
    );
    layout.set_caller(caller);
    MatchPage {
        layout,
        event: (
            format!("/{}/events/{}", lang.code(), row.event.slug),
            row.event.title.get(lang).to_owned(),
        ),
        base: format!("/{}/events/{}/matchmaking", lang.code(), row.event.slug),
        closed: row.event.when.end_utc() <= now,
        signed_in: user.is_some(),
        organiser,
        csrf,
        slots: mm
            .slots
            .iter()
            .map(|s| SlotLine {
                id: s.id,
                when: slot_text(&s.slot),
                meetings: mm.bookings.iter().filter(|(slot, _)| *slot == s.id).count() / 2,
            })
            .collect(),
        registered: me.is_some(),
        profile,
        count: mm.participants.len(),
        others,
        incoming,
        outgoing,
        agenda: agenda.into_iter().map(|(_, a)| a).collect(),
        agenda_href: format!("/{}/events/{}/agenda.ics", lang.code(), row.event.slug),
        slot_typed: (typed_value("day"), typed_value("start"), typed_value("end")),
        error: None,
        notice: None,
    }
}

/// The matchmaking page.
pub(crate) async fn page(
    State(state): State<AppState>,
    Path((code, slug)): Path<(String, String)>,
    caller: Caller,
    params: crate::kit::params::Params,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let (row, mm) = find_event(&state, &slug).await?;
    let (csrf, cookie) = if caller.user_id().is_some() {
        ensure_session(&state, &caller).await?
    } else {
        (String::new(), None)
    };
    let mut page = build(lang, &caller, &row, &mm, csrf, None);
    let t = Tr::new(lang);
    page.notice = params
        .vocabulary(
            "done",
            &[
                "registered",
                "slot",
                "slot-removed",
                "requested",
                "accepted",
                "declined",
                "cancelled",
            ],
            |s| s,
        )
        .ok()
        .flatten()
        .map(|d| t.t(&format!("mm-done-{d}")));
    Ok(respond(StatusCode::OK, render(&page)?, cookie))
}

/// Turns a refusal into the page with its message (422), or passes other errors on.
async fn refused(
    state: &AppState,
    lang: Lang,
    caller: &Caller,
    slug: &str,
    f: &FormData,
    fail: MatchFail,
) -> Result<Response, WebError> {
    let e = match fail {
        MatchFail::Rule(e) => e,
        MatchFail::Store(e) => return Err(e.into()),
    };
    let (row, mm) = find_event(state, slug).await?;
    let mut page = build(
        lang,
        caller,
        &row,
        &mm,
        caller.csrf().unwrap_or_default().to_owned(),
        Some(f),
    );
    page.error = Some(Tr::new(lang).t(&format!("mm-error-{e}")));
    Ok(respond(
        StatusCode::UNPROCESSABLE_ENTITY,
        render(&page)?,
        None,
    ))
}

fn done(lang: Lang, slug: &Slug, what: &str) -> Response {
    Redirect::to(&format!(
        "/{}/events/{slug}/matchmaking?done={what}",
        lang.code()
    ))
    .into_response()
}

async fn start(
    state: &AppState,
    caller: &Caller,
    raw: &str,
    f: &FormData,
) -> Result<(Slug, i64), WebError> {
    caller.require(&Action::UseOwnAccount)?;
    caller.check_csrf(Some(&f.value("csrf")))?;
    let slug = Slug::parse(raw).map_err(|_| WebError::NotFound)?;
    state
        .store()
        .matchmaking(&slug)
        .await?
        .ok_or(WebError::NotFound)?;
    Ok((slug, caller.user_id().ok_or(WebError::Unauthorized)?))
}

/// [`start`] for a step only the event's organisers (and admins) take.
async fn start_as_organiser(
    state: &AppState,
    caller: &Caller,
    raw: &str,
    f: &FormData,
) -> Result<(Slug, i64), WebError> {
    let started = start(state, caller, raw, f).await?;
    let (row, _) = find_event(state, raw).await?;
    if !may_manage_event(caller, &row) {
        return Err(WebError::Forbidden);
    }
    Ok(started)
}

/// Registers the caller (or updates their profile).
pub(crate) async fn register(
    State(state): State<AppState>,
    Path((code, raw)): Path<(String, String)>,
    caller: Caller,
    f: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let (slug, user) = start(&state, &caller, &raw, &f).await?;
    match state
        .store()
        .register_participant(&slug, user, &f.value("organisation"), &f.value("profile"))
        .await
    {
        Ok(_) => Ok(done(lang, &slug, "registered")),
        Err(e) => refused(&state, lang, &caller, &raw, &f, e).await,
    }
}

/// The organiser adds a slot.
pub(crate) async fn add_slot(
    State(state): State<AppState>,
    Path((code, raw)): Path<(String, String)>,
    caller: Caller,
    f: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let (slug, user) = start_as_organiser(&state, &caller, &raw, &f).await?;
    let result = match Slot::parse(&f.value("day"), &f.value("start"), &f.value("end")) {
        Ok(slot) => state.store().add_slot(&slug, slot, user).await,
        Err(e) => Err(MatchFail::Rule(e)),
    };
    match result {
        Ok(_) => Ok(done(lang, &slug, "slot")),
        Err(e) => refused(&state, lang, &caller, &raw, &f, e).await,
    }
}

/// The organiser removes a slot in which no meeting is booked.
pub(crate) async fn remove_slot(
    State(state): State<AppState>,
    Path((code, raw, id)): Path<(String, String, i64)>,
    caller: Caller,
    f: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let (slug, user) = start_as_organiser(&state, &caller, &raw, &f).await?;
    match state.store().remove_slot(&slug, id, user).await {
        Ok(true) => Ok(done(lang, &slug, "slot-removed")),
        Ok(false) => Err(WebError::NotFound),
        Err(e) => refused(&state, lang, &caller, &raw, &f, e).await,
    }
}

/// Asks another participant for a meeting; they are told by e-mail.
pub(crate) async fn request(
    State(state): State<AppState>,
    Path((code, raw)): Path<(String, String)>,
    caller: Caller,
    f: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let (slug, user) = start(&state, &caller, &raw, &f).await?;
    let invitee = crate::kit::params::path_id(&f.value("invitee"))?;
    let (row, _) = find_event(&state, &raw).await?;
    let base = state.auth().base_url.trim_end_matches('/').to_owned();
    let link = |l: &str| format!("{base}/{l}/events/{slug}/matchmaking");
    let title = row.event.title.clone();
    let message = f.value("message");
    let result = state
        .store()
        .request_meeting(&slug, user, invitee, &message, |name| {
            let (sv, en) = (Tr::new(Lang::Sv), Tr::new(Lang::En));
            let subject = format!(
                "{} / {}",
                sv.t1("mm-mail-subject", "event", title.sv.clone()),
                en.t1("mm-mail-subject", "event", title.en.clone())
            );
            let body = format!(
                "{}\n{}\n\n{}\n\n---\n\n{}\n{}\n",
                sv.t2("mm-mail-body", ("name", name), ("event", &title.sv)),
                link("sv"),
                message,
                en.t2("mm-mail-body", ("name", name), ("event", &title.en)),
                link("en"),
            );
            (subject, body)
        })
        .await;
    match result {
        Ok(_) => Ok(done(lang, &slug, "requested")),
        Err(e) => refused(&state, lang, &caller, &raw, &f, e).await,
    }
}

/// Accepts (with a slot), declines or withdraws a request.
pub(crate) async fn answer(
    State(state): State<AppState>,
    Path((code, raw, id)): Path<(String, String, String)>,
    caller: Caller,
    f: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let (slug, user) = start(&state, &caller, &raw, &f).await?;
    let id = crate::kit::params::path_id(&id)?;
    let answer = match f.value("answer").as_str() {
        "accept" => Answer::Accept,
        "decline" => Answer::Decline,
        "withdraw" => Answer::Withdraw,
        _ => {
            return Err(WebError::BadBody(
                "answer must be accept, decline or withdraw".into(),
            ));
        }
    };
    let slot = match f.value("slot").as_str() {
        "" => None,
        s => Some(crate::kit::params::path_id(s)?),
    };
    let (row, _) = find_event(&state, &raw).await?;
    let base = state.auth().base_url.trim_end_matches('/').to_owned();
    let link = |l: &str| format!("{base}/{l}/events/{slug}/matchmaking");
    let title = row.event.title.clone();
    let result = state
        .store()
        .answer_meeting(&slug, user, id, answer, slot, |n| {
            let what = n.to.as_str();
            let text = |t: &Tr| match &n.slot {
                Some(s) => t.t2(
                    &format!("mm-mail-answer-{what}"),
                    ("name", &n.by),
                    ("when", &slot_text(s)),
                ),
                None => t.t1(&format!("mm-mail-answer-{what}"), "name", &n.by),
            };
            let (sv, en) = (Tr::new(Lang::Sv), Tr::new(Lang::En));
            let key = format!("mm-mail-answer-subject-{what}");
            let subject = format!(
                "{} / {}",
                sv.t1(&key, "event", title.sv.clone()),
                en.t1(&key, "event", title.en.clone())
            );
            let body = format!(
                "{}\n{}\n\n---\n\n{}\n{}\n",
                text(&sv),
                link("sv"),
                text(&en),
                link("en"),
            );
            (subject, body)
        })
        .await;
    match result {
        Ok(to) => Ok(done(lang, &slug, to.as_str())),
        Err(e) => refused(&state, lang, &caller, &raw, &f, e).await,
    }
}

/// The caller's meetings at the event as iCalendar.
pub(crate) async fn agenda_ics(
    State(state): State<AppState>,
    Path((code, raw)): Path<(String, String)>,
    caller: Caller,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::UseOwnAccount)?;
    let t = Tr::new(lang);
    let (row, mm) = find_event(&state, &raw).await?;
    let user = caller.user_id().ok_or(WebError::Unauthorized)?;
    let me = mm.participant_of(user).ok_or(WebError::NotFound)?;
    let base = state.auth().base_url.trim_end_matches('/').to_owned();
    let url = format!(
        "{base}/{}/events/{}/matchmaking",
        lang.code(),
        row.event.slug
    );
    let mut meetings: Vec<(Event, String, String)> = Vec::new();
    for r in &mm.requests {
        if r.state != RequestState::Accepted || (r.requester != me.id && r.invitee != me.id) {
            continue;
        }
        let other = if r.requester == me.id {
            r.invitee
        } else {
            r.requester
        };
        let (Some(o), Some(slot)) = (mm.participant(other), r.slot.and_then(|s| mm.slot(s))) else {
            continue;
        };
        let title = t.t2(
            "mm-meeting-with",
            ("name", &o.name),
            ("organisation", &o.organisation),
        );
        let mut e = row.event.clone();
        e.slug = Slug::parse(&format!("{}-meeting-{}", row.event.slug, r.id))
            .map_err(|_| WebError::NotFound)?;
        e.when = When::Timed {
            start: slot.slot.start,
            end: slot.slot.end,
        };
        meetings.push((e, title, r.message.clone()));
    }
    let location = row.event.title.get(lang).to_owned();
    let now = store::now_millis();
    let entries: Vec<CalendarEntry<'_>> = meetings
        .iter()
        .map(|(e, title, message)| CalendarEntry {
            event: e,
            title,
            description: message,
            location: Some(&location),
            url: &url,
            stamp: now,
        })
        .collect();
    let host = url::Url::parse(&base)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| "samverkan".into());
    let body = calendar(
        &t.t1("mm-agenda-title", "event", location.clone()),
        &host,
        &entries,
    );
    let mut res = (
        [(header::CONTENT_TYPE, "text/calendar; charset=utf-8")],
        body,
    )
        .into_response();
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"{}-agenda.ics\"",
        row.event.slug
    )) {
        res.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    Ok(res)
}
