//! The yearly follow-up in pages: `/{lang}/follow-up` (the cycles; the office opens one), `/{lang}/follow-up/{year}`
//! (the report, public or — for the office — internal), `/{lang}/follow-up/{year}/reports` ("my measures to report";
//! the office sees all and closes the cycle), and `/{lang}/follow-up/{year}/reports/{measure}` (the report form, the
//! office's review, and revisions once the cycle is closed).

use crate::AppState;
use crate::kit::caller::Caller;
use crate::kit::error::WebError;
use crate::kit::forms::{Choice, FormData};
use crate::kit::page::{Layout, Nav, lang, render};
use crate::kit::page::{ensure_session, respond};
use crate::kit::params::Params;
use app::report::{ReportModel, Version, build};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::followup::{
    self, CycleState, FollowUpError, Party, ReportContent, ReportMove, ReportState, ReportedValue,
};
use domain::strategy::MeasureStatus;
use domain::{Action, IsoDate, Lang};
use i18n::Tr;
use store::{CycleRow, FollowUpFail, IndicatorRow, MeasureRow, ReportRow, Revision};

/// A follow-up year from the path; any other text is not found.
pub(crate) fn year_of(raw: &str) -> Result<i32, WebError> {
    raw.parse::<i32>()
        .ok()
        .filter(|y| followup::YEARS.contains(y))
        .ok_or(WebError::NotFound)
}

/// The translated message for a refused follow-up write, or the error to pass on.
pub(crate) fn refusal(t: Tr, e: FollowUpFail) -> Result<String, WebError> {
    match e {
        FollowUpFail::Rule(r) => Ok(t.t(&format!("followup-error-{}", r.key()))),
        FollowUpFail::Store(e) => Err(e.into()),
    }
}

fn flash(t: Tr, params: &Params) -> Option<String> {
    params
        .get("done")
        .filter(|d| d.len() < 20 && d.chars().all(|c| c.is_ascii_lowercase()))
        .map(|d| t.t(&format!("followup-done-{d}")))
}

/// Whether the caller reports for anything or is the office.
fn takes_part(caller: &Caller) -> bool {
    caller.may(&Action::TakePartInFollowUp)
}

fn is_office(caller: &Caller) -> bool {
    caller.may(&Action::RunFollowUp)
}

/// A cycle in the list.
pub struct CycleView {
    /// Year.
    pub year: i32,
    /// "Open" / "Closed".
    pub state: String,
    /// Deadline.
    pub deadline: String,
    /// Link to the report.
    pub report_href: String,
    /// Link to the reports to write (for reporters and the office).
    pub work_href: Option<String>,
}

/// `/{lang}/follow-up`.
#[derive(Template)]
#[template(path = "follow_up/follow-up.html")]
pub struct IndexPage {
    /// Frame.
    pub layout: Layout,
    /// Cycles, newest first.
    pub cycles: Vec<CycleView>,
    /// The office's form: (csrf, year, deadline) when shown.
    pub open_form: Option<(String, String, String)>,
    /// A refusal of the form: (field, message).
    pub error: Option<(String, String)>,
    /// A confirmation.
    pub notice: Option<String>,
}

async fn index_page(
    state: &AppState,
    lang: Lang,
    caller: &Caller,
    status: StatusCode,
    form: Option<(String, String)>,
    error: Option<(String, String)>,
    notice: Option<String>,
) -> Result<Response, WebError> {
    let t = Tr::new(lang);
    let code = lang.code();
    let cycles = state.store().cycles().await?;
    let part = takes_part(caller);
    let views = cycles
        .iter()
        .map(|c| CycleView {
            year: c.cycle.year,
            state: if c.example {
                format!(
                    "{} ({})",
                    t.t(&format!("followup-state-{}", c.cycle.state)),
                    t.t("example-badge")
                )
            } else {
                t.t(&format!("followup-state-{}", c.cycle.state))
            },
            deadline: c.cycle.deadline.to_string(),
            report_href: format!("/{code}/follow-up/{}", c.cycle.year),
            work_href: part.then(|| format!("/{code}/follow-up/{}/reports", c.cycle.year)),
        })
        .collect();
    let (open_form, cookie) = if is_office(caller) {
        let (csrf, cookie) = ensure_session(state, caller).await?;
        let next = cycles
            .first()
            .map_or(store::today().year() - 1, |c| c.cycle.year + 1);
        // The usual deadline is the end of February after the year; never propose a day already past.
        let proposed = IsoDate::parse(&format!("{}-02-28", next + 1))
            .ok()
            .filter(|d| *d >= store::today())
            .unwrap_or_else(|| {
                IsoDate::from_unix_millis((store::today().days_since_epoch() + 60) * 86_400_000)
            });
        let (year, deadline) = form.unwrap_or_else(|| (next.to_string(), proposed.to_string()));
        (Some((csrf, year, deadline)), cookie)
    } else {
        (None, None)
    };
    let mut layout = Layout::new(
        lang,
        &t.t("followup-title"),
        "follow-up",
        Nav::Strategy,
        Some(t.t("followup-lead")),
    );
    layout.set_caller(caller);
    Ok(respond(
        status,
        render(&IndexPage {
            layout,
            cycles: views,
            open_form,
            error,
            notice,
        })?,
        cookie,
    ))
}

/// The list of cycles.
pub(crate) async fn index(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
    params: Params,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let notice = flash(Tr::new(lang), &params);
    index_page(&state, lang, &caller, StatusCode::OK, None, None, notice).await
}

/// The office opens a cycle.
pub(crate) async fn open(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
    form: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::RunFollowUp)?;
    caller.check_csrf(Some(&form.value("csrf")))?;
    let t = Tr::new(lang);
    let (year_raw, deadline_raw) = (form.value("year"), form.value("deadline"));
    let kept = Some((year_raw.clone(), deadline_raw.clone()));
    let refuse = |field: &str, msg: String| {
        index_page(
            &state,
            lang,
            &caller,
            StatusCode::UNPROCESSABLE_ENTITY,
            kept.clone(),
            Some((field.to_owned(), msg)),
            None,
        )
    };
    let Ok(year) = year_raw.parse::<i32>() else {
        return refuse("year", t.t("followup-error-year")).await;
    };
    let Ok(deadline) = IsoDate::parse(&deadline_raw) else {
        return refuse("deadline", t.t("followup-error-date")).await;
    };
    let user = caller.user_id().ok_or(WebError::Unauthorized)?;
    match state
        .store()
        .open_cycle(year, deadline, store::today(), user)
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!(
            "/{}/follow-up/{year}/reports?done=opened",
            lang.code()
        ))
        .into_response()),
        Err(e) => {
            let field = match &e {
                FollowUpFail::Rule(FollowUpError::DeadlinePassed) => "deadline",
                _ => "year",
            };
            let msg = refusal(t, e)?;
            refuse(field, msg).await
        }
    }
}

/// `/{lang}/follow-up/{year}`.
#[derive(Template)]
#[template(path = "follow_up/follow-up-report.html")]
pub struct ReportPage {
    /// Frame.
    pub layout: Layout,
    /// The report.
    pub r: ReportModel,
    /// Where the report's files are (`/api/v1/follow-ups/2026/`), and their query (`?lang=sv&version=public`).
    pub files: (String, String),
    /// The JSON.
    pub json_href: String,
    /// The other version (the office only): (link, text).
    pub other_version_href: Option<(String, String)>,
    /// The reports to write or review.
    pub work_href: Option<String>,
}

/// Reads `?version=internal` (the office only).
pub(crate) fn version_of(caller: &Caller, params: &Params) -> Result<Version, WebError> {
    if params.vocabulary("version", &["public", "internal"], |v| v)? == Some("internal") {
        caller.require(&Action::RunFollowUp)?;
        return Ok(Version::Internal);
    }
    Ok(Version::Public)
}

/// The yearly report.
pub(crate) async fn report(
    State(state): State<AppState>,
    Path((code, year)): Path<(String, String)>,
    caller: Caller,
    params: Params,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let year = year_of(&year)?;
    let version = version_of(&caller, &params)?;
    let t = Tr::new(lang);
    let model = build(state.store(), year, lang, version)
        .await?
        .ok_or(WebError::NotFound)?;
    let v = if version == Version::Internal {
        "internal"
    } else {
        "public"
    };
    let mut layout = Layout::new(
        lang,
        &model.title,
        &format!("follow-up/{year}"),
        Nav::Strategy,
        Some(model.summary_text.clone()),
    );
    layout.set_caller(&caller);
    let other_version_href = is_office(&caller).then(|| {
        if version == Version::Internal {
            (
                format!("/{}/follow-up/{year}", lang.code()),
                t.t("report-show-public"),
            )
        } else {
            (
                format!("/{}/follow-up/{year}?version=internal", lang.code()),
                t.t("report-show-internal"),
            )
        }
    });
    Ok(render(&ReportPage {
        layout,
        files: (
            format!("/api/v1/follow-ups/{year}/"),
            format!("?lang={}&version={v}", lang.code()),
        ),
        json_href: format!("/api/v1/follow-ups/{year}?lang={}&version={v}", lang.code()),
        other_version_href,
        work_href: takes_part(&caller)
            .then(|| format!("/{}/follow-up/{year}/reports", lang.code())),
        r: model,
    })?
    .into_response())
}

/// A measure in the list of reports.
pub struct ReportLine {
    /// Code and title.
    pub title: String,
    /// Responsible actor.
    pub responsible: String,
    /// Where the report stands.
    pub state: String,
    /// CSS class of the state.
    pub class: &'static str,
    /// Link to the form.
    pub href: String,
}

/// `/{lang}/follow-up/{year}/reports`.
#[derive(Template)]
#[template(path = "follow_up/follow-up-reports.html")]
pub struct ReportsPage {
    /// Frame.
    pub layout: Layout,
    /// The year.
    pub year: i32,
    /// Deadline.
    pub deadline: String,
    /// Open.
    pub open: bool,
    /// The measures.
    pub lines: Vec<ReportLine>,
    /// The office's close form: csrf.
    pub close_csrf: Option<String>,
    /// A confirmation or refusal: (ok, text).
    pub flash: Option<(bool, String)>,
    /// Link to the report.
    pub report_href: String,
    /// Where the close form posts.
    pub close_action: String,
}

fn state_class(s: Option<ReportState>) -> &'static str {
    match s {
        Some(ReportState::Accepted) => "status-on-track",
        Some(ReportState::Submitted) => "status-unknown",
        Some(ReportState::Returned) => "status-off-track",
        _ => "status-at-risk",
    }
}

async fn reports_page(
    state: &AppState,
    lang: Lang,
    caller: &Caller,
    year: i32,
    status: StatusCode,
    flash: Option<(bool, String)>,
) -> Result<Response, WebError> {
    let t = Tr::new(lang);
    let user = caller.user_id().ok_or(WebError::Unauthorized)?;
    let store = state.store();
    let cycle = store.cycle(year).await?.ok_or(WebError::NotFound)?;
    let mine = store.reportable_measures(user).await?;
    let reports = store.measure_reports(year).await?;
    let lines = store
        .measures(None)
        .await?
        .into_iter()
        .filter(|m| mine.contains(&m.id))
        .map(|m| {
            let s = reports
                .iter()
                .find(|r| r.measure_id == m.id)
                .map(|r| r.state);
            ReportLine {
                title: format!("{} {}", m.measure.code, m.measure.title.get(lang)),
                responsible: m.responsible_name.get(lang).to_owned(),
                state: s.map_or_else(
                    || t.t("report-state-missing"),
                    |s| t.t(&format!("report-state-{s}")),
                ),
                class: state_class(s),
                href: format!("/{}/follow-up/{year}/reports/{}", lang.code(), m.id),
            }
        })
        .collect();
    let open = cycle.cycle.state == CycleState::Open;
    let (close_csrf, cookie) = if is_office(caller) && open {
        let (csrf, cookie) = ensure_session(state, caller).await?;
        (Some(csrf), cookie)
    } else {
        (None, None)
    };
    let mut layout = Layout::new(
        lang,
        &t.t1("followup-reports-title", "year", year),
        &format!("follow-up/{year}/reports"),
        Nav::Strategy,
        None,
    );
    layout.set_caller(caller);
    Ok(respond(
        status,
        render(&ReportsPage {
            layout,
            year,
            deadline: cycle.cycle.deadline.to_string(),
            open,
            lines,
            close_csrf,
            flash,
            report_href: format!("/{}/follow-up/{year}", lang.code()),
            close_action: format!("/{}/follow-up/{year}/close", lang.code()),
        })?,
        cookie,
    ))
}

/// My measures to report (the office: all).
pub(crate) async fn reports(
    State(state): State<AppState>,
    Path((code, year)): Path<(String, String)>,
    caller: Caller,
    params: Params,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::UseOwnAccount)?;
    let year = year_of(&year)?;
    let notice = flash(Tr::new(lang), &params).map(|n| (true, n));
    reports_page(&state, lang, &caller, year, StatusCode::OK, notice).await
}

/// The office closes the cycle.
pub(crate) async fn close(
    State(state): State<AppState>,
    Path((code, year)): Path<(String, String)>,
    caller: Caller,
    form: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::RunFollowUp)?;
    caller.check_csrf(Some(&form.value("csrf")))?;
    let year = year_of(&year)?;
    let t = Tr::new(lang);
    if form.value("confirm") != "yes" {
        let msg = t.t("followup-error-confirm");
        return reports_page(
            &state,
            lang,
            &caller,
            year,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some((false, msg)),
        )
        .await;
    }
    let user = caller.user_id().ok_or(WebError::Unauthorized)?;
    match state.store().close_cycle(year, user).await {
        Ok(()) => Ok(Redirect::to(&format!(
            "/{}/follow-up/{year}/reports?done=closed",
            lang.code()
        ))
        .into_response()),
        Err(e) => {
            let msg = refusal(t, e)?;
            reports_page(
                &state,
                lang,
                &caller,
                year,
                StatusCode::CONFLICT,
                Some((false, msg)),
            )
            .await
        }
    }
}

/// An indicator value field in the report form.
pub struct ValueField {
    /// The indicator id.
    pub id: i64,
    /// Code, name.
    pub label: String,
    /// Unit.
    pub unit: String,
    /// What is written.
    pub value: String,
    /// Its comment.
    pub comment: String,
    /// A problem with it.
    pub error: Option<String>,
    /// A problem with its comment.
    pub comment_error: Option<String>,
    /// A problem with the corrected value.
    pub revise_value_error: Option<String>,
    /// A problem with the correction's reason.
    pub revise_reason_error: Option<String>,
    /// The value accepted last year, for reference.
    pub previous: Option<String>,
}

/// A step of the report's history.
pub struct HistoryLine {
    /// When.
    pub at: String,
    /// What.
    pub what: String,
    /// Who.
    pub who: String,
    /// The office's comment.
    pub comment: Option<String>,
}

/// `/{lang}/follow-up/{year}/reports/{measure}`.
#[derive(Template)]
#[template(path = "follow_up/follow-up-measure.html")]
pub struct MeasureReportPage {
    /// Frame.
    pub layout: Layout,
    /// Year.
    pub year: i32,
    /// Deadline.
    pub deadline: String,
    /// Link to the measure.
    pub measure_href: String,
    /// Responsible.
    pub responsible: String,
    /// Where the report stands.
    pub state: String,
    /// The office's return comment.
    pub review_comment: Option<String>,
    /// The form may be edited.
    pub editable: bool,
    /// The office may accept or return it.
    pub reviewable: bool,
    /// The office may revise it (closed cycle, a report exists).
    pub revisable: bool,
    /// The cycle is closed.
    pub closed: bool,
    /// CSRF token.
    pub csrf: String,
    /// Form address.
    pub action: String,
    /// Status choices.
    pub statuses: Vec<Choice>,
    /// Narrative.
    pub narrative: String,
    /// The narrative in English.
    pub narrative_en: String,
    /// Evidence links, one per line.
    pub evidence: String,
    /// Indicator values.
    pub values: Vec<ValueField>,
    /// Problems: (field id, message).
    pub errors: Vec<(String, String)>,
    /// A confirmation or refusal: (ok, text).
    pub flash: Option<(bool, String)>,
    /// History.
    pub history: Vec<HistoryLine>,
    /// Link back to the list.
    pub back_href: String,
}

impl MeasureReportPage {
    /// The problem with the field `name`, if any.
    pub fn err(&self, name: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| f == name)
            .map(|(_, m)| m.as_str())
    }
}

/// What the form holds: status, narrative, evidence, values (id, value, comment).
struct Draft {
    status: String,
    narrative: String,
    narrative_en: String,
    evidence: String,
    values: Vec<(i64, String, String)>,
}

impl Draft {
    fn from_report(
        r: Option<&ReportRow>,
        m: &MeasureRow,
        followed: &[IndicatorRow],
        lang: Lang,
    ) -> Draft {
        Draft {
            status: r.map_or(m.measure.status, |r| r.content.status).to_string(),
            narrative: r.map(|r| r.content.narrative.clone()).unwrap_or_default(),
            narrative_en: r
                .map(|r| r.content.narrative_en.clone())
                .unwrap_or_default(),
            evidence: r
                .map(|r| {
                    r.content
                        .evidence
                        .iter()
                        .map(|e| e.as_str().to_owned())
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .unwrap_or_default(),
            values: followed
                .iter()
                .map(|i| {
                    let v = r.and_then(|r| r.content.values.iter().find(|v| v.indicator == i.id));
                    (
                        i.id,
                        v.map(|v| app::chart::number(v.value, lang))
                            .unwrap_or_default(),
                        v.map(|v| v.comment.clone()).unwrap_or_default(),
                    )
                })
                .collect(),
        }
    }

    fn from_form(f: &FormData, followed: &[IndicatorRow]) -> Draft {
        Draft {
            status: f.value("status"),
            narrative: f.raw("narrative").trim().to_owned(),
            narrative_en: f.raw("narrative_en").trim().to_owned(),
            evidence: f.value("evidence"),
            values: followed
                .iter()
                .map(|i| {
                    (
                        i.id,
                        f.value(&format!("value-{}", i.id)),
                        f.value(&format!("comment-{}", i.id)),
                    )
                })
                .collect(),
        }
    }

    /// The content, or every problem with the field it belongs to.
    fn content(&self, t: Tr) -> Result<ReportContent, Vec<(String, String)>> {
        let mut errs = Vec::new();
        let status = MeasureStatus::parse(&self.status);
        if status.is_none() {
            errs.push(("status".to_owned(), t.t("field-choose")));
        }
        for (field, text) in [
            ("narrative", &self.narrative),
            ("narrative_en", &self.narrative_en),
        ] {
            if text.chars().count() > followup::MAX_NARRATIVE {
                errs.push((
                    field.to_owned(),
                    t.t1("field-too-long", "max", followup::MAX_NARRATIVE),
                ));
            }
        }
        let evidence = match followup::parse_links(&self.evidence) {
            Ok(l) => l,
            Err(e) => {
                errs.push((
                    "evidence".to_owned(),
                    t.t(&format!("followup-error-{}", e.key())),
                ));
                Vec::new()
            }
        };
        let mut values = Vec::new();
        for (id, v, c) in &self.values {
            if c.chars().count() > followup::MAX_COMMENT {
                errs.push((
                    format!("comment-{id}"),
                    t.t1("field-too-long", "max", followup::MAX_COMMENT),
                ));
            }
            if v.is_empty() {
                if !c.is_empty() {
                    errs.push((
                        format!("value-{id}"),
                        t.t("followup-error-value-for-comment"),
                    ));
                }
                continue;
            }
            match followup::parse_number(v) {
                Ok(value) => values.push(ReportedValue {
                    indicator: *id,
                    value,
                    comment: c.clone(),
                }),
                Err(_) => errs.push((format!("value-{id}"), t.t("followup-error-number"))),
            }
        }
        match status {
            Some(status) if errs.is_empty() => Ok(ReportContent {
                status,
                narrative: self.narrative.clone(),
                narrative_en: self.narrative_en.clone(),
                values,
                evidence,
            }),
            _ => Err(errs),
        }
    }
}

struct Context {
    cycle: CycleRow,
    measure: MeasureRow,
    followed: Vec<IndicatorRow>,
    report: Option<ReportRow>,
    party: Party,
}

/// Loads what a report page needs and checks that the caller may report on the measure.
async fn context(
    state: &AppState,
    caller: &Caller,
    year: &str,
    measure: &str,
) -> Result<Context, WebError> {
    caller.require(&Action::UseOwnAccount)?;
    let year = year_of(year)?;
    let id = crate::kit::params::path_id(measure)?;
    let store = state.store();
    let measure = store
        .measures(None)
        .await?
        .into_iter()
        .find(|m| m.id == id)
        .ok_or(WebError::NotFound)?;
    caller.require(&Action::ReportMeasure(&measure.measure.responsible))?;
    let cycle = store.cycle(year).await?.ok_or(WebError::NotFound)?;
    let followed = store
        .indicators(Some(&measure.measure.area))
        .await?
        .into_iter()
        .filter(|i| {
            i.indicator.auto.is_none() && i.indicator.measures.contains(&measure.measure.code)
        })
        .collect();
    let report = store.measure_report(year, id).await?;
    Ok(Context {
        cycle,
        measure,
        followed,
        report,
        party: if is_office(caller) {
            Party::Office
        } else {
            Party::Reporter
        },
    })
}

#[allow(clippy::too_many_arguments)]
async fn show(
    state: &AppState,
    lang: Lang,
    caller: &Caller,
    cx: &Context,
    draft: Option<Draft>,
    errors: Vec<(String, String)>,
    flash: Option<(bool, String)>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let t = Tr::new(lang);
    let year = cx.cycle.cycle.year;
    let id = cx.measure.id;
    let open = cx.cycle.cycle.state == CycleState::Open;
    let current = cx.report.as_ref().map(|r| r.state);
    let editable =
        open && followup::decide(CycleState::Open, current, ReportMove::Save, cx.party).is_ok();
    let reviewable = open && cx.party == Party::Office && current == Some(ReportState::Submitted);
    let revisable = !open && cx.party == Party::Office && cx.report.is_some();
    let draft = draft
        .unwrap_or_else(|| Draft::from_report(cx.report.as_ref(), &cx.measure, &cx.followed, lang));
    let previous = state.store().measure_report(year - 1, id).await?;
    let values = cx
        .followed
        .iter()
        .map(|i| {
            let (v, c) = draft
                .values
                .iter()
                .find(|(x, ..)| *x == i.id)
                .map(|(_, v, c)| (v.clone(), c.clone()))
                .unwrap_or_default();
            let field = format!("value-{}", i.id);
            ValueField {
                id: i.id,
                label: format!("{} {}", i.indicator.code, i.indicator.name.get(lang)),
                unit: i.indicator.unit.get(lang).to_owned(),
                value: v,
                comment: c,
                error: errors
                    .iter()
                    .find(|(f, _)| *f == field)
                    .map(|(_, m)| m.clone()),
                comment_error: errors
                    .iter()
                    .find(|(f, _)| *f == format!("comment-{}", i.id))
                    .map(|(_, m)| m.clone()),
                revise_value_error: errors
                    .iter()
                    .find(|(f, _)| *f == format!("revise-value-{}", i.id))
                    .map(|(_, m)| m.clone()),
                revise_reason_error: errors
                    .iter()
                    .find(|(f, _)| *f == format!("revise-value-{}-reason", i.id))
                    .map(|(_, m)| m.clone()),
                previous: i
                    .indicator
                    .values
                    .iter()
                    .find(|v| v.year == year - 1)
                    .map(|v| app::chart::number(v.value, lang))
                    .or_else(|| {
                        previous.as_ref().and_then(|p| {
                            p.content
                                .values
                                .iter()
                                .find(|v| v.indicator == i.id)
                                .map(|v| app::chart::number(v.value, lang))
                        })
                    }),
            }
        })
        .collect();
    let history = state
        .store()
        .report_events(year, id)
        .await?
        .into_iter()
        .map(|e| HistoryLine {
            at: IsoDate::from_unix_millis(e.at).to_string(),
            what: t.t(&format!("followup-event-{}", e.action)),
            who: e.user_email.unwrap_or_default(),
            comment: e.comment,
        })
        .collect();
    let (csrf, cookie) = ensure_session(state, caller).await?;
    let title = format!(
        "{} {}",
        cx.measure.measure.code,
        cx.measure.measure.title.get(lang)
    );
    let mut layout = Layout::new(
        lang,
        &t.t2(
            "followup-measure-title",
            ("year", &year.to_string()),
            ("measure", &title),
        ),
        &format!("follow-up/{year}/reports/{id}"),
        Nav::Strategy,
        None,
    );
    layout.set_caller(caller);
    let statuses = MeasureStatus::ALL
        .iter()
        .map(|s| Choice {
            value: s.as_str().to_owned(),
            label: t.t(&format!("measure-status-{s}")),
            selected: draft.status == s.as_str(),
        })
        .collect();
    Ok(respond(
        status,
        render(&MeasureReportPage {
            layout,
            year,
            deadline: cx.cycle.cycle.deadline.to_string(),
            measure_href: format!("/{}/measures/{id}", lang.code()),
            responsible: cx.measure.responsible_name.get(lang).to_owned(),
            state: current.map_or_else(
                || t.t("report-state-missing"),
                |s| t.t(&format!("report-state-{s}")),
            ),
            review_comment: cx
                .report
                .as_ref()
                .filter(|r| r.state == ReportState::Returned)
                .and_then(|r| r.review_comment.clone()),
            editable,
            reviewable,
            revisable,
            closed: !open,
            csrf,
            action: format!("/{}/follow-up/{year}/reports/{id}", lang.code()),
            statuses,
            narrative: draft.narrative,
            narrative_en: draft.narrative_en,
            evidence: draft.evidence,
            values,
            errors,
            flash,
            history,
            back_href: format!("/{}/follow-up/{year}/reports", lang.code()),
        })?,
        cookie,
    ))
}

/// The report form of one measure.
pub(crate) async fn measure_report(
    State(state): State<AppState>,
    Path((code, year, measure)): Path<(String, String, String)>,
    caller: Caller,
    params: Params,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let cx = context(&state, &caller, &year, &measure).await?;
    let notice = flash(Tr::new(lang), &params).map(|n| (true, n));
    show(
        &state,
        lang,
        &caller,
        &cx,
        None,
        Vec::new(),
        notice,
        StatusCode::OK,
    )
    .await
}

fn done(lang: Lang, year: i32, id: i64, what: &str) -> Response {
    Redirect::to(&format!(
        "/{}/follow-up/{year}/reports/{id}?done={what}",
        lang.code()
    ))
    .into_response()
}

/// Saves or sends a report (`action` = save or submit).
pub(crate) async fn write_report(
    State(state): State<AppState>,
    Path((code, year, measure)): Path<(String, String, String)>,
    caller: Caller,
    form: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let cx = context(&state, &caller, &year, &measure).await?;
    caller.check_csrf(Some(&form.value("csrf")))?;
    let t = Tr::new(lang);
    let mv = match form.value("action").as_str() {
        "save" => ReportMove::Save,
        "submit" => ReportMove::Submit,
        _ => return Err(WebError::BadBody("action".into())),
    };
    let draft = Draft::from_form(&form, &cx.followed);
    let content = match draft.content(t) {
        Ok(c) => c,
        Err(errs) => {
            return show(
                &state,
                lang,
                &caller,
                &cx,
                Some(draft),
                errs,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let user = caller.user_id().ok_or(WebError::Unauthorized)?;
    let (year, id) = (cx.cycle.cycle.year, cx.measure.id);
    match state
        .store()
        .write_report(year, id, user, cx.party, mv, &content)
        .await
    {
        Ok(_) => Ok(done(
            lang,
            year,
            id,
            if mv == ReportMove::Submit {
                "submitted"
            } else {
                "saved"
            },
        )),
        Err(e) => {
            let field = match &e {
                FollowUpFail::Rule(FollowUpError::NarrativeRequired | FollowUpError::TooLong) => {
                    Some("narrative")
                }
                _ => None,
            };
            let msg = refusal(t, e)?;
            match field {
                Some(f) => {
                    show(
                        &state,
                        lang,
                        &caller,
                        &cx,
                        Some(draft),
                        vec![(f.to_owned(), msg)],
                        None,
                        StatusCode::UNPROCESSABLE_ENTITY,
                    )
                    .await
                }
                None => {
                    show(
                        &state,
                        lang,
                        &caller,
                        &cx,
                        Some(draft),
                        Vec::new(),
                        Some((false, msg)),
                        StatusCode::CONFLICT,
                    )
                    .await
                }
            }
        }
    }
}

/// The office accepts or returns a sent report (`move` = accept or return, `comment`).
pub(crate) async fn review(
    State(state): State<AppState>,
    Path((code, year, measure)): Path<(String, String, String)>,
    caller: Caller,
    form: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::RunFollowUp)?;
    let cx = context(&state, &caller, &year, &measure).await?;
    caller.check_csrf(Some(&form.value("csrf")))?;
    let t = Tr::new(lang);
    let mv = match form.value("move").as_str() {
        "accept" => ReportMove::Accept,
        "return" => ReportMove::Return,
        _ => return Err(WebError::BadBody("move".into())),
    };
    let user = caller.user_id().ok_or(WebError::Unauthorized)?;
    let (year, id) = (cx.cycle.cycle.year, cx.measure.id);
    match state
        .store()
        .review_report(year, id, user, mv, &form.raw("comment"))
        .await
    {
        Ok(_) => Ok(done(
            lang,
            year,
            id,
            if mv == ReportMove::Accept {
                "accepted"
            } else {
                "returned"
            },
        )),
        Err(e) => {
            let field = matches!(
                e,
                FollowUpFail::Rule(FollowUpError::CommentRequired | FollowUpError::TooLong)
            );
            let msg = refusal(t, e)?;
            let (errors, flash) = if field {
                (vec![("comment".to_owned(), msg)], None)
            } else {
                (Vec::new(), Some((false, msg)))
            };
            show(
                &state,
                lang,
                &caller,
                &cx,
                None,
                errors,
                flash,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

/// The office corrects a closed cycle's report with a reason (`field` = status, narrative or value-{indicator}).
pub(crate) async fn revise(
    State(state): State<AppState>,
    Path((code, year, measure)): Path<(String, String, String)>,
    caller: Caller,
    form: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::RunFollowUp)?;
    let cx = context(&state, &caller, &year, &measure).await?;
    caller.check_csrf(Some(&form.value("csrf")))?;
    let t = Tr::new(lang);
    let field = form.value("field");
    let revision = if field == "status" {
        MeasureStatus::parse(&form.value("status"))
            .map(Revision::Status)
            .ok_or_else(|| t.t("field-choose"))
    } else if field == "narrative" {
        Ok(Revision::Narrative(form.raw("narrative").trim().to_owned()))
    } else if let Some(ind) = field
        .strip_prefix("value-")
        .and_then(|i| i.parse::<i64>().ok())
    {
        followup::parse_number(&form.value("value"))
            .map(|value| Revision::Value {
                indicator: ind,
                value,
            })
            .map_err(|_| t.t("followup-error-number"))
    } else {
        return Err(WebError::BadBody("field".into()));
    };
    // A value that is not a number belongs to the value's field; every other refusal to the reason's.
    let (value_id, reason_id) = (format!("revise-{field}"), format!("revise-{field}-reason"));
    let revision = match revision {
        Ok(r) => r,
        Err(msg) => {
            let at = if field == "status" {
                reason_id
            } else {
                value_id
            };
            return show(
                &state,
                lang,
                &caller,
                &cx,
                None,
                vec![(at, msg)],
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let user = caller.user_id().ok_or(WebError::Unauthorized)?;
    let (year, id) = (cx.cycle.cycle.year, cx.measure.id);
    match state
        .store()
        .revise_report(year, id, user, &revision, &form.raw("reason"))
        .await
    {
        Ok(()) => Ok(done(lang, year, id, "revised")),
        Err(e) => {
            let msg = refusal(t, e)?;
            show(
                &state,
                lang,
                &caller,
                &cx,
                None,
                vec![(reason_id, msg)],
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

/// The report as a standalone HTML file (styles inline, no scripts), as `samverkan report --format html` writes it.
#[derive(Template)]
#[template(path = "follow_up/follow-up-document.html")]
pub struct ReportDocument<'a> {
    /// The report.
    pub r: &'a app::report::ReportModel,
    /// Translator.
    pub t: Tr,
}

/// Renders the standalone HTML file.
pub fn standalone_html(model: &app::report::ReportModel) -> Result<String, WebError> {
    let t = Tr::new(Lang::parse(model.lang).unwrap_or(Lang::Sv));
    ReportDocument { r: model, t }
        .render()
        .map_err(|e| WebError::Internal(e.to_string()))
}
