//! The programme office's view of the access requests (`/{lang}/admin/requests`): its inbox of requests sent to an
//! infrastructure with no manager, the requests still unanswered with the working days each has waited (flagged
//! past the answer time), and the figures of a chosen period, which also download as CSV.

use crate::AppState;
use crate::kit::caller::Caller;
use crate::kit::error::WebError;
use crate::kit::page::{Layout, Nav, date, lang, render};
use crate::kit::params::Params;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::{Action, IsoDate, Lang};
use i18n::Tr;
use store::{Period, RequestSummary};

/// A request in one of the office's lists.
pub struct OfficeRow {
    /// Link to the request.
    pub href: String,
    /// Title (as the company wrote it).
    pub title: String,
    /// The infrastructure.
    pub provider: String,
    /// The company.
    pub company: String,
    /// When it was sent.
    pub sent: String,
    /// Working days waited, as text.
    pub waited: String,
    /// Past the answer time.
    pub overdue: bool,
}

/// `/{lang}/admin/requests`.
#[derive(Template)]
#[template(path = "way_in/request-figures.html")]
pub struct FiguresPage {
    /// Frame.
    pub layout: Layout,
    /// The period's dates as typed: (from, to).
    pub period: (String, String),
    /// What is wrong with the period, if anything.
    pub period_error: Option<String>,
    /// The period in words ("all requests" or "sent 2026-01-01 – 2026-06-30").
    pub period_text: String,
    /// The CSV of the period.
    pub csv_href: String,
    /// Requests waiting for the office to forward them.
    pub inbox: Vec<OfficeRow>,
    /// Requests no infrastructure has answered yet, oldest first.
    pub unanswered: Vec<OfficeRow>,
    /// How many of them are overdue, in words.
    pub overdue_text: String,
    /// The answer time in working days.
    pub answer_days: u32,
    /// Open requests: (provider, stage, count).
    pub open: Vec<(String, String, i64)>,
    /// First response: (provider, median, answered, waiting).
    pub first_response: Vec<(String, String, usize, usize)>,
    /// Time in stage: (stage, median days, count).
    pub time_in_stage: Vec<(String, String, usize)>,
    /// Outcomes: (label, count, share).
    pub outcomes: Vec<(String, i64, String)>,
    /// Per year: (year, from small companies, all).
    pub per_year: Vec<(i32, i64, i64)>,
}

/// The start of `day` in Stockholm, in Unix ms.
fn stockholm_midnight(day: IsoDate) -> i64 {
    let utc = day.days_since_epoch() * 86_400_000;
    // The offset at local midnight is the one in force two hours before the UTC midnight of the same date.
    utc - domain::events::stockholm_offset(utc - 7_200_000) * 60_000
}

/// The period from `?from=` and `?to=` (both `YYYY-MM-DD`, Stockholm dates, `to` inclusive), or the message
/// saying what is wrong.
fn period_of(t: Tr, params: &Params) -> (Period, (String, String), Option<String>) {
    let from = params.get("from").unwrap_or_default().trim().to_owned();
    let to = params.get("to").unwrap_or_default().trim().to_owned();
    let parse = |s: &str| (!s.is_empty()).then(|| IsoDate::parse(s));
    let (f, u) = (parse(&from), parse(&to));
    let error = match (&f, &u) {
        (Some(Err(_)), _) => Some(t.t1("figures-error-date", "field", t.t("figures-from"))),
        (_, Some(Err(_))) => Some(t.t1("figures-error-date", "field", t.t("figures-to"))),
        (Some(Ok(a)), Some(Ok(b))) if b < a => Some(t.t("figures-error-order")),
        _ => None,
    };
    if error.is_some() {
        return (Period::default(), (from, to), error);
    }
    let period = Period {
        from: f.and_then(Result::ok).map(stockholm_midnight),
        until: u
            .and_then(Result::ok)
            .map(|d| stockholm_midnight(domain::calendar::add_days(d, 1))),
    };
    (period, (from, to), None)
}

fn office_row(lang: Lang, r: &RequestSummary, waited: Option<(u32, bool)>) -> OfficeRow {
    OfficeRow {
        href: format!("/{}/requests/{}", lang.code(), r.id),
        title: r.title.clone(),
        provider: r.provider.1.get(lang).to_owned(),
        company: r.company.1.get(lang).to_owned(),
        sent: r.submitted_at.map(date).unwrap_or_default(),
        waited: waited
            .map(|(d, _)| {
                i18n::translate(
                    lang,
                    "figures-working-days",
                    &[("days", i18n::FluentValue::from(u64::from(d)))],
                )
            })
            .unwrap_or_default(),
        overdue: waited.is_some_and(|(_, o)| o),
    }
}

/// The programme office's inbox, unanswered requests and figures on access requests.
pub(crate) async fn figures(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
    params: Params,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::ViewRequestFigures)?;
    let t = Tr::new(lang);
    let (period, typed, period_error) = period_of(t, &params);
    let s = state.store().request_stats(period).await?;
    let answer_days = state.auth().answer_days;
    let waiting =
        app::requests::unanswered(state.store(), store::now_millis(), answer_days).await?;
    let inbox = state.store().office_inbox().await?;
    let closed = s.outcomes.0 + s.outcomes.1 + s.outcomes.2;
    let share = |n: i64| {
        if closed == 0 {
            "–".to_owned()
        } else {
            format!("{:.0} %", n as f64 * 100.0 / closed as f64)
        }
    };
    let mut layout = Layout::new(
        lang,
        &t.t("figures-title"),
        "admin/requests",
        Nav::WayIn,
        None,
    );
    layout.set_caller(&caller);
    let period_text = match (&typed, period_error.is_some()) {
        ((f, u), false) if !f.is_empty() || !u.is_empty() => t.t2(
            "figures-period-text",
            ("from", if f.is_empty() { "…" } else { f }),
            ("to", if u.is_empty() { "…" } else { u }),
        ),
        _ => t.t("figures-period-all"),
    };
    let mut csv_href = format!("/{}/admin/requests.csv", lang.code());
    if period_error.is_none() && (!typed.0.is_empty() || !typed.1.is_empty()) {
        // Both are empty or a date that parsed: nothing in them needs encoding.
        csv_href.push_str(&format!("?from={}&to={}", typed.0, typed.1));
    }
    let page = FiguresPage {
        period: typed,
        period_text,
        csv_href,
        inbox: inbox.iter().map(|r| office_row(lang, r, None)).collect(),
        overdue_text: t.n(
            "figures-overdue-count",
            "count",
            waiting.iter().filter(|w| w.overdue).count() as u64,
        ),
        unanswered: waiting
            .iter()
            .map(|w| office_row(lang, &w.request, Some((w.working_days, w.overdue))))
            .collect(),
        answer_days,
        open: s
            .open
            .iter()
            .map(|(_, n, st, c)| (n.get(lang).to_owned(), t.t(&format!("status-{st}")), *c))
            .collect(),
        first_response: s
            .first_response
            .iter()
            .map(|(_, n, m, a, w)| {
                (
                    n.get(lang).to_owned(),
                    m.map_or_else(
                        || "–".to_owned(),
                        |h| t.t1("figures-hours", "hours", i18n::fixed(h, 1, lang)),
                    ),
                    *a,
                    *w,
                )
            })
            .collect(),
        time_in_stage: s
            .time_in_stage
            .iter()
            .map(|(st, d, n)| {
                (
                    t.t(&format!("status-{st}")),
                    t.t1("figures-days", "days", i18n::fixed(*d, 1, lang)),
                    *n,
                )
            })
            .collect(),
        outcomes: vec![
            (t.t("status-completed"), s.outcomes.0, share(s.outcomes.0)),
            (t.t("status-declined"), s.outcomes.1, share(s.outcomes.1)),
            (t.t("status-withdrawn"), s.outcomes.2, share(s.outcomes.2)),
        ],
        per_year: s.per_year,
        period_error: period_error.clone(),
        layout,
    };
    let status = if period_error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let mut res = (status, render(&page)?).into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

/// The requests sent in a period as CSV, one row each, for the office's own spreadsheets: who asked whom, the
/// status, when it was sent, first answered and closed, and the working days to the first answer (or waited so
/// far). Titles and needs stay out: they are the company's words, not the office's figures.
pub(crate) async fn figures_csv(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
    params: Params,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::ViewRequestFigures)?;
    let t = Tr::new(lang);
    let (period, _, error) = period_of(t, &params);
    if let Some(message) = error {
        return Err(WebError::Invalid {
            field: "from".into(),
            message,
        });
    }
    let rows = state.store().requests_sent(period).await?;
    let now = store::now_millis();
    let answer_days = state.auth().answer_days;
    let header = [
        "id",
        "company",
        "company_name",
        "provider",
        "provider_name",
        "status",
        "sent",
        "first_answer",
        "closed",
        "working_days_to_answer",
        "overdue",
        "to_office",
    ];
    let mut out = domain::interchange::csv_line(&header);
    for r in &rows {
        let sent = r.submitted_at.unwrap_or(now);
        let answered = r.first_response_at;
        let (days, overdue) = app::requests::waited(r, now, answer_days);
        let closed = if r.status.is_closed() {
            date(r.updated_at)
        } else {
            String::new()
        };
        out.push_str(&domain::interchange::csv_line(&[
            r.id.to_string(),
            r.company.0.as_str().to_owned(),
            r.company.1.get(lang).to_owned(),
            r.provider.0.as_str().to_owned(),
            r.provider.1.get(lang).to_owned(),
            r.status.as_str().to_owned(),
            date(sent),
            answered.map(date).unwrap_or_default(),
            closed,
            days.to_string(),
            if overdue { "yes" } else { "no" }.to_owned(),
            if r.to_office { "yes" } else { "no" }.to_owned(),
        ]));
    }
    let mut res = out.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"access-requests.csv\""),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}
