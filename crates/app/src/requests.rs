//! Access requests: the writes that the request pages and the JSON API both offer — sending a request and moving
//! it to its next stage — each one function, with one set of limits, and the e-mail to the other side composed
//! from what the store decided under the request's lock.

use domain::access::{AccessError, Side, Transition};
use domain::{Action, Decision, IsoDate, Lang, Principal, Slug};
use i18n::Tr;
use store::{Audience, Moved, NewRequest, Notice, RequestError, RequestRule, Store, StoreError};

/// The longest title of a request, in characters.
pub const MAX_TITLE: usize = 200;
/// The longest need or confidentiality note, in characters.
pub const MAX_NEED: usize = 10_000;
/// The longest reason for a move (declining, withdrawing), in characters.
pub const MAX_REASON: usize = 10_000;

/// Why a request write was refused: what the person can read and act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Fields refused, each with its message in the caller's language.
    Fields(Vec<(String, String)>),
    /// The policy does not let this person do it.
    Forbidden,
    /// The request's rules refuse it now (a move from the wrong stage, open checklist items); translated.
    Rule(String),
    /// No such request (or none this person may see).
    NotFound,
}

/// A request write's failure: a refusal, or the store failing.
#[derive(Debug, thiserror::Error)]
pub enum RequestFail {
    /// Refused, with the reason to show.
    #[error("refused: {0:?}")]
    Refused(Refusal),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn fields(list: Vec<(String, String)>) -> RequestFail {
    RequestFail::Refused(Refusal::Fields(list))
}

/// A request as typed into the form or sent to the API, before it is checked.
#[derive(Debug, Clone, Default)]
pub struct RequestInput {
    /// The requesting company's slug.
    pub company: String,
    /// The infrastructure's slug.
    pub provider: String,
    /// Premises' slug, or empty.
    pub premises: String,
    /// The services' slugs (a service named twice counts once).
    pub services: Vec<String>,
    /// Title.
    pub title: String,
    /// The need.
    pub need: String,
    /// `YYYY-MM-DD`, or empty.
    pub desired_start: String,
    /// What must stay confidential.
    pub confidentiality: String,
}

/// Checks a request as typed; every problem with its field, in `t`'s language.
pub fn check_request(t: Tr, input: &RequestInput) -> Result<NewRequest, Vec<(String, String)>> {
    let mut errs = Vec::new();
    let mut text = |name: &str, value: &str, max: usize, required: bool| {
        let v = value.trim();
        if required && v.is_empty() {
            errs.push((name.to_owned(), t.t("field-required")));
        } else if v.chars().count() > max {
            errs.push((name.to_owned(), t.t1("field-too-long", "max", max)));
        }
        v.to_owned()
    };
    let title = text("title", &input.title, MAX_TITLE, true);
    let need = text("need", &input.need, MAX_NEED, true);
    let confidentiality = text("confidentiality", &input.confidentiality, MAX_NEED, false);
    let start = input.desired_start.trim();
    let desired_start = if start.is_empty() {
        None
    } else {
        match IsoDate::parse(start) {
            Ok(d) => Some(d),
            Err(_) => {
                errs.push(("desired_start".into(), t.t("request-error-date")));
                None
            }
        }
    };
    let company = Slug::parse(input.company.trim());
    if company.is_err() {
        errs.push(("company".into(), t.t("field-choose")));
    }
    let provider = Slug::parse(input.provider.trim());
    if provider.is_err() {
        errs.push(("provider".into(), t.t("field-choose")));
    }
    let mut services: Vec<Slug> = Vec::new();
    let mut unknown = false;
    for s in &input.services {
        match Slug::parse(s.trim()) {
            Ok(s) if services.contains(&s) => {}
            Ok(s) => services.push(s),
            Err(_) => unknown = true,
        }
    }
    if unknown {
        errs.push(("services".into(), t.t("field-unknown-choice")));
    }
    let premises = match input.premises.trim() {
        "" => None,
        p => match Slug::parse(p) {
            Ok(p) => Some(p),
            Err(_) => {
                errs.push(("premises".into(), t.t("field-unknown-choice")));
                None
            }
        },
    };
    match (company, provider) {
        (Ok(company), Ok(provider)) if errs.is_empty() => Ok(NewRequest {
            company,
            provider,
            premises,
            services,
            title,
            need,
            desired_start,
            confidentiality,
        }),
        _ => Err(errs),
    }
}

/// Saves a request as a draft, or sends it: checked, allowed by the policy for its company, and sent with the
/// e-mail to the infrastructure's managers in the same transaction. Returns the request's id.
pub async fn send_request(
    store: &Store,
    base_url: &str,
    t: Tr,
    principal: &Principal,
    input: &RequestInput,
    draft: bool,
) -> Result<i64, RequestFail> {
    let new = check_request(t, input).map_err(fields)?;
    if domain::auth::decide(Some(principal), &Action::RequestAccess(&new.company))
        != Decision::Allow
    {
        return Err(RequestFail::Refused(Refusal::Forbidden));
    }
    let base = base_url.to_owned();
    let notice_for = move |m: &Moved| move_notice(&base, m, Side::Company);
    match store
        .create_request(principal.user_id(), &new, (!draft).then_some(&notice_for))
        .await
    {
        Ok(id) => Ok(id),
        Err(e) => Err(refusal(t, e)),
    }
}

/// A move as asked for: who, on which request, for which side, the move's name (submit, accept, advance,
/// decline, withdraw) and a reason where the rules ask for one.
#[derive(Debug, Clone, Copy)]
pub struct MoveAsked<'a> {
    /// The person moving it.
    pub user: i64,
    /// The request.
    pub id: i64,
    /// The side they act for.
    pub side: Side,
    /// The move's name, as sent.
    pub step: &'a str,
    /// The reason, as sent (may be empty).
    pub reason: &'a str,
}

/// Moves a request; the e-mail to the other side says the status the store decided.
pub async fn move_request(
    store: &Store,
    base_url: &str,
    t: Tr,
    asked: MoveAsked<'_>,
) -> Result<Moved, RequestFail> {
    let Some(step) = Transition::parse(asked.step.trim()) else {
        return Err(fields(vec![("move".into(), t.t("field-choose"))]));
    };
    let reason = asked.reason.trim();
    if reason.chars().count() > MAX_REASON {
        return Err(fields(vec![(
            "reason".into(),
            t.t1("field-too-long", "max", MAX_REASON),
        )]));
    }
    let base = base_url.to_owned();
    let side = asked.side;
    let notice_for = move |m: &Moved| move_notice(&base, m, side);
    store
        .transition(
            asked.id,
            asked.user,
            side,
            step,
            (!reason.is_empty()).then_some(reason),
            Some(&notice_for),
        )
        .await
        .map_err(|e| refusal(t, e))
}

/// A store refusal of a request write, as something to show; a failing store stays an error.
pub fn refusal(t: Tr, e: RequestError) -> RequestFail {
    match e {
        RequestError::Rule(RequestRule::Access(a)) => {
            RequestFail::Refused(Refusal::Rule(access_message(t, &a)))
        }
        RequestError::Rule(RequestRule::Changed) => {
            RequestFail::Refused(Refusal::Rule(t.t("request-error-changed")))
        }
        RequestError::Rule(RequestRule::TooManyFiles) => {
            RequestFail::Refused(Refusal::Rule(t.t("attach-error-TooMany")))
        }
        RequestError::Rule(RequestRule::SameProvider) => {
            fields(vec![("to".into(), t.t("request-error-forward-same"))])
        }
        RequestError::Store(StoreError::UnknownReference(field)) => fields(vec![(
            match field {
                "service" => "services".to_owned(),
                other => other.to_owned(),
            },
            t.t("field-choose"),
        )]),
        RequestError::Store(StoreError::NotFound(_)) => RequestFail::Refused(Refusal::NotFound),
        RequestError::Store(e) => RequestFail::Store(e),
    }
}

/// A translated reason for a refused move or checklist change.
pub fn access_message(t: Tr, e: &AccessError) -> String {
    match e {
        AccessError::NotFrom { from, transition } => t.t2(
            "request-error-not-from",
            ("status", &t.t(&format!("status-word-{from}"))),
            ("move", &t.t(&format!("move-{transition}"))),
        ),
        AccessError::WrongSide { owner, .. } => t.t(&format!("request-error-side-{owner}")),
        // The count goes in as a number so that Fluent picks the plural form.
        AccessError::ChecklistOpen { stage, open } => i18n::translate(
            t.lang,
            "request-error-checklist",
            &[
                ("count", i18n::FluentValue::from(*open as u64)),
                (
                    "stage",
                    i18n::FluentValue::from(t.t(&format!("status-word-{stage}"))),
                ),
            ],
        ),
        AccessError::ReasonRequired => t.t("request-error-reason"),
        AccessError::NotYourItem(p) => t.t(&format!("request-error-item-{p}")),
        AccessError::ItemFrozen(stage) => t.t1(
            "request-error-frozen",
            "stage",
            t.t(&format!("status-word-{stage}")),
        ),
        AccessError::OnlyOfficeWaives => t.t("request-error-waive"),
        AccessError::NotForwardable(status) => t.t1(
            "request-error-forward-status",
            "status",
            t.t(&format!("status-word-{status}")),
        ),
        AccessError::OnlyOfficeForwards => t.t("request-error-forward-office"),
    }
}

/// The e-mail for a move, to the other side than `side`, in both languages, saying the status the move led to.
pub fn move_notice(base: &str, moved: &Moved, side: Side) -> Notice {
    let sv = Tr::new(Lang::Sv);
    let en = Tr::new(Lang::En);
    let audience = if side == Side::Company {
        Audience::ProviderManagers
    } else {
        Audience::CompanyMembers
    };
    let line = |t: Tr, l: &str| {
        t.t2(
            "mail-request-moved",
            ("title", &moved.title),
            ("status", &t.t(&format!("status-word-{}", moved.to))),
        ) + &format!(
            "\n{}/{l}/requests/{}\n",
            base.trim_end_matches('/'),
            moved.id
        )
    };
    Notice {
        audience,
        subject: format!(
            "{} / {}",
            sv.t1("mail-request-subject", "title", &moved.title),
            en.t1("mail-request-subject", "title", &moved.title)
        ),
        body: format!("{}\n{}", line(sv, "sv"), line(en, "en")),
    }
}

/// The longest reason for a forward, in characters.
pub const MAX_FORWARD_REASON: usize = 2_000;

/// Forwards a sent request to another infrastructure (the programme office): the new infrastructure's managers
/// (or, when it has none either, the office again) and the company are told by e-mail, in both languages.
pub async fn forward_request(
    store: &Store,
    base_url: &str,
    t: Tr,
    asked: MoveAsked<'_>,
    to: &str,
) -> Result<store::Forwarded, RequestFail> {
    let Ok(to) = Slug::parse(to.trim()) else {
        return Err(fields(vec![("to".into(), t.t("field-choose"))]));
    };
    let reason = asked.reason.trim();
    if reason.chars().count() > MAX_FORWARD_REASON {
        return Err(fields(vec![(
            "reason".into(),
            t.t1("field-too-long", "max", MAX_FORWARD_REASON),
        )]));
    }
    let Some(target) = store.actor(&to).await? else {
        return Err(fields(vec![("to".into(), t.t("field-choose"))]));
    };
    let base = base_url.trim_end_matches('/').to_owned();
    let name = target.name.clone();
    let to_provider =
        |m: &Moved| forward_notice(&base, m, "mail-request-forwarded-provider", &name);
    let to_company = |m: &Moved| Notice {
        audience: Audience::CompanyMembers,
        ..forward_notice(&base, m, "mail-request-forwarded-company", &name)
    };
    store
        .forward_request(
            asked.id,
            asked.user,
            asked.side,
            &to,
            (!reason.is_empty()).then_some(reason),
            store::ForwardNotices {
                provider: &to_provider,
                company: &to_company,
            },
        )
        .await
        .map_err(|e| refusal(t, e))
}

fn forward_notice(base: &str, moved: &Moved, key: &str, to: &domain::LangText) -> Notice {
    let line = |l: Lang| {
        let t = Tr::new(l);
        t.t2(key, ("title", &moved.title), ("to", to.get(l)))
            + &format!("\n{base}/{}/requests/{}\n", l.code(), moved.id)
    };
    let subject = |l: Lang| Tr::new(l).t1("mail-request-subject", "title", &moved.title);
    Notice {
        audience: Audience::ProviderManagers,
        subject: format!("{} / {}", subject(Lang::Sv), subject(Lang::En)),
        body: format!("{}\n{}", line(Lang::Sv), line(Lang::En)),
    }
}

/// The date in Stockholm at `utc_ms`.
pub fn stockholm_date(utc_ms: i64) -> IsoDate {
    IsoDate::from_unix_millis(utc_ms + domain::events::stockholm_offset(utc_ms) * 60_000)
}

/// An open request no infrastructure has answered, with the working days it has waited.
#[derive(Debug, Clone)]
pub struct Waiting {
    /// The request.
    pub request: store::RequestSummary,
    /// Working days since it was sent (Swedish holidays and weekends left out).
    pub working_days: u32,
    /// Whether it has waited longer than the answer time.
    pub overdue: bool,
}

/// The unanswered requests at `now`, with how long each has waited and whether it is past `answer_days`
/// working days.
pub async fn unanswered(
    store: &Store,
    now: i64,
    answer_days: u32,
) -> Result<Vec<Waiting>, StoreError> {
    Ok(store
        .unanswered_requests()
        .await?
        .into_iter()
        .map(|request| {
            let (working_days, overdue) = waited(&request, now, answer_days);
            Waiting {
                request,
                working_days,
                overdue,
            }
        })
        .collect())
}

/// The Swedish working days a request waited for its first answer (until now while it has none), and whether it
/// is overdue: open, unanswered and past `answer_days`.
pub fn waited(request: &store::RequestSummary, now: i64, answer_days: u32) -> (u32, bool) {
    let sent = stockholm_date(request.submitted_at.unwrap_or(now));
    let until = stockholm_date(request.first_response_at.unwrap_or(now));
    let days = domain::calendar::working_days_between(sent, until);
    let overdue = request.first_response_at.is_none() && request.is_open() && days > answer_days;
    (days, overdue)
}

/// Queues the daily e-mail to the programme office listing the overdue requests, once per Stockholm day (and
/// not at all when none is overdue). Returns how many e-mails were queued.
pub async fn send_overdue_digest(
    store: &Store,
    base_url: &str,
    now: i64,
    answer_days: u32,
) -> Result<usize, StoreError> {
    let today = stockholm_date(now);
    if !domain::calendar::is_working_day(today) {
        return Ok(0);
    }
    let overdue: Vec<Waiting> = unanswered(store, now, answer_days)
        .await?
        .into_iter()
        .filter(|w| w.overdue)
        .collect();
    if overdue.is_empty()
        || !store
            .claim_daily_mail("overdue-requests", &today.to_string())
            .await?
    {
        return Ok(0);
    }
    let base = base_url.trim_end_matches('/');
    let part = |l: Lang| {
        let t = Tr::new(l);
        let mut text = i18n::translate(
            l,
            "mail-overdue-intro",
            &[
                ("count", i18n::FluentValue::from(overdue.len() as u64)),
                ("days", i18n::FluentValue::from(u64::from(answer_days))),
            ],
        );
        text.push('\n');
        for w in &overdue {
            text.push_str(&t.t2(
                "mail-overdue-line",
                ("title", &w.request.title),
                ("provider", w.request.provider.1.get(l)),
            ));
            text.push_str(&format!(
                " ({})\n{base}/{}/requests/{}\n",
                t.t1("mail-overdue-days", "days", w.working_days),
                l.code(),
                w.request.id
            ));
        }
        text.push_str(&format!("{base}/{}/admin/requests#overdue\n", l.code()));
        text
    };
    let subject = format!(
        "{} / {}",
        Tr::new(Lang::Sv).t("mail-overdue-subject"),
        Tr::new(Lang::En).t("mail-overdue-subject")
    );
    let body = format!("{}\n{}", part(Lang::Sv), part(Lang::En));
    let to = store.office_addresses().await?;
    for address in &to {
        store.queue_mail(address, &subject, &body).await?;
    }
    Ok(to.len())
}
