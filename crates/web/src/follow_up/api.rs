//! The strategy as open data: the strategy with its focus areas, measures and indicators (with yearly values and
//! their status against the target).

use crate::AppState;
use crate::kit::api::{ErrorBody, Text};
use crate::kit::caller::Caller;
use crate::kit::error::WebError;
use crate::kit::params::Params;
use app::report::ReportModel;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use domain::Lang;
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};

/// A focus area.
#[derive(Serialize, ToSchema)]
pub struct AreaOut {
    /// Slug.
    pub slug: String,
    /// Name.
    pub name: Text,
    /// Nuläge.
    pub current_state: Text,
    /// Regionala styrkor.
    pub strengths: Text,
    /// Önskat läge.
    pub desired_state: Text,
    /// Utvecklingsbehov.
    pub development_needs: Text,
    /// Competence tags (slugs).
    pub tags: Vec<String>,
    /// Actors tied to the area (slugs).
    pub actors: Vec<String>,
}

/// The strategy.
#[derive(Serialize, ToSchema)]
pub struct StrategyOut {
    /// Name.
    pub title: Text,
    /// Vision.
    pub vision: Text,
    /// Period, when stated.
    pub period: Option<String>,
    /// What it is and how it is followed up.
    pub summary: Text,
    /// The focus areas in order.
    pub areas: Vec<AreaOut>,
}

/// A measure.
#[derive(Serialize, ToSchema)]
pub struct MeasureOut {
    /// Id.
    pub id: i64,
    /// Area slug.
    pub area: String,
    /// Code in the plan.
    pub code: String,
    /// Example data, not the region's decided plan.
    pub example: bool,
    /// Title.
    pub title: Text,
    /// Description.
    pub description: Text,
    /// Responsible actor (slug).
    pub responsible: String,
    /// Contributing actors (slugs).
    pub contributors: Vec<String>,
    /// Start (YYYY-MM-DD).
    pub start: Option<String>,
    /// End (YYYY-MM-DD).
    pub end: Option<String>,
    /// planned, ongoing, done, delayed, stalled or cancelled.
    pub status: String,
}

/// A yearly value.
#[derive(Serialize, ToSchema)]
pub struct ValueOut {
    /// Year.
    pub year: i32,
    /// Value.
    pub value: f64,
}

/// One yearly value with its comment and where it came from.
#[derive(Serialize, ToSchema)]
pub struct YearlyValueOut {
    /// Year.
    pub year: i32,
    /// Value.
    pub value: f64,
    /// The reporter's comment.
    pub comment: Option<String>,
    /// data_set (loaded with the strategy), reported (accepted in the follow-up), counted (by the platform).
    pub origin: String,
    /// Who reported it, when reported by a person whose account still exists.
    pub reported_by: Option<String>,
}

/// An indicator.
#[derive(Serialize, ToSchema)]
pub struct IndicatorOut {
    /// Id.
    pub id: i64,
    /// Area slug.
    pub area: String,
    /// Code.
    pub code: String,
    /// Example data.
    pub example: bool,
    /// Name.
    pub name: Text,
    /// Unit.
    pub unit: Text,
    /// higher or lower (which is better).
    pub direction: String,
    /// Baseline.
    pub baseline: ValueOut,
    /// Target.
    pub target: ValueOut,
    /// Data source.
    pub source: Text,
    /// Counted by the platform itself: the name of the count.
    pub automatic: Option<String>,
    /// Codes of the measures it follows.
    pub measures: Vec<String>,
    /// Yearly values.
    pub values: Vec<YearlyValueOut>,
    /// on_track, at_risk, off_track or unknown (see the strategy pages for the rule).
    pub status: String,
}

fn area_out(a: &domain::strategy::FocusArea) -> AreaOut {
    AreaOut {
        slug: a.slug.to_string(),
        name: (&a.name).into(),
        current_state: (&a.current_state).into(),
        strengths: (&a.strengths).into(),
        desired_state: (&a.desired_state).into(),
        development_needs: (&a.development_needs).into(),
        tags: a.tags.iter().map(ToString::to_string).collect(),
        actors: a.actors.iter().map(ToString::to_string).collect(),
    }
}

/// The strategy with its focus areas.
#[utoipa::path(
    get, path = "/api/v1/strategy", tag = "strategy",
    responses(
        (status = 200, description = "The strategy", body = StrategyOut),
        (status = 404, description = "No strategy is loaded", body = ErrorBody),
    )
)]
pub(crate) async fn strategy(State(state): State<AppState>) -> Result<Json<StrategyOut>, WebError> {
    let s = state.store().strategy().await?.ok_or(WebError::NotFound)?;
    let areas = state.store().focus_areas().await?;
    Ok(Json(StrategyOut {
        title: (&s.title).into(),
        vision: (&s.vision).into(),
        period: s.period,
        summary: (&s.summary).into(),
        areas: areas.iter().map(area_out).collect(),
    }))
}

/// The focus areas in order.
#[utoipa::path(
    get, path = "/api/v1/focus-areas", tag = "strategy",
    responses((status = 200, description = "Focus areas", body = [AreaOut]))
)]
pub(crate) async fn focus_areas(
    State(state): State<AppState>,
) -> Result<Json<Vec<AreaOut>>, WebError> {
    Ok(Json(
        state
            .store()
            .focus_areas()
            .await?
            .iter()
            .map(area_out)
            .collect(),
    ))
}

/// Area filter.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct AreaQuery {
    /// Only this focus area (slug).
    #[param(schema_with = crate::kit::openapi::slug)]
    area: Option<String>,
}

/// Measures of the action plans.
#[utoipa::path(
    get, path = "/api/v1/measures", tag = "strategy", params(AreaQuery),
    responses(
        (status = 200, description = "Measures", body = [MeasureOut]),
        (status = 400, description = "A parameter has a bad value", body = ErrorBody),
    )
)]
pub(crate) async fn measures(
    State(state): State<AppState>,
    params: Params,
) -> Result<Json<Vec<MeasureOut>>, WebError> {
    let area = params.slug("area")?;
    let rows = state.store().measures(area.as_ref()).await?;
    Ok(Json(
        rows.iter()
            .map(|r| {
                let m = &r.measure;
                MeasureOut {
                    id: r.id,
                    area: m.area.to_string(),
                    code: m.code.clone(),
                    example: m.example,
                    title: (&m.title).into(),
                    description: (&m.description).into(),
                    responsible: m.responsible.to_string(),
                    contributors: m.contributors.iter().map(ToString::to_string).collect(),
                    start: m.start.map(|d| d.to_string()),
                    end: m.end.map(|d| d.to_string()),
                    status: m.status.as_str().into(),
                }
            })
            .collect(),
    ))
}

/// Indicators with their yearly values and status.
#[utoipa::path(
    get, path = "/api/v1/indicators", tag = "strategy", params(AreaQuery),
    responses(
        (status = 200, description = "Indicators", body = [IndicatorOut]),
        (status = 400, description = "A parameter has a bad value", body = ErrorBody),
    )
)]
pub(crate) async fn indicators(
    State(state): State<AppState>,
    params: Params,
) -> Result<Json<Vec<IndicatorOut>>, WebError> {
    let area = params.slug("area")?;
    let rows = state.store().indicators(area.as_ref()).await?;
    Ok(Json(
        rows.iter()
            .map(|r| {
                let i = &r.indicator;
                IndicatorOut {
                    id: r.id,
                    area: i.area.to_string(),
                    code: i.code.clone(),
                    example: i.example,
                    name: (&i.name).into(),
                    unit: (&i.unit).into(),
                    direction: i.direction.as_str().into(),
                    baseline: ValueOut {
                        year: i.baseline.year,
                        value: i.baseline.value,
                    },
                    target: ValueOut {
                        year: i.target.year,
                        value: i.target.value,
                    },
                    source: (&i.source).into(),
                    automatic: i.auto.map(|a| a.as_str().to_owned()),
                    measures: i.measures.clone(),
                    values: i
                        .values
                        .iter()
                        .zip(&r.notes)
                        .map(|(v, n)| YearlyValueOut {
                            year: v.year,
                            value: v.value,
                            comment: n.comment.clone(),
                            origin: match n.origin {
                                store::ValueOrigin::DataSet => "data_set",
                                store::ValueOrigin::Counted => "counted",
                                store::ValueOrigin::Reporter(_) | store::ValueOrigin::Erased => {
                                    "reported"
                                }
                            }
                            .to_owned(),
                            reported_by: match &n.origin {
                                store::ValueOrigin::Reporter(name) => Some(name.clone()),
                                _ => None,
                            },
                        })
                        .collect(),
                    status: i.status(&i.values).as_str().into(),
                }
            })
            .collect(),
    ))
}

/// A yearly follow-up cycle.
#[derive(Serialize, ToSchema)]
pub struct CycleOut {
    /// The year reported on.
    pub year: i32,
    /// open or closed.
    pub state: String,
    /// The last day to send reports (YYYY-MM-DD).
    pub deadline: String,
    /// The built-in example year, not the region's follow-up.
    pub example: bool,
}

/// The yearly cycles, newest first.
#[utoipa::path(
    get, path = "/api/v1/follow-ups", tag = "strategy",
    responses((status = 200, description = "Follow-up cycles", body = [CycleOut]))
)]
pub(crate) async fn follow_ups(
    State(state): State<AppState>,
) -> Result<Json<Vec<CycleOut>>, WebError> {
    Ok(Json(
        state
            .store()
            .cycles()
            .await?
            .iter()
            .map(|c| CycleOut {
                year: c.cycle.year,
                state: c.cycle.state.as_str().into(),
                deadline: c.cycle.deadline.to_string(),
                example: c.example,
            })
            .collect(),
    ))
}

/// Report options.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct ReportQuery {
    /// sv (default) or en.
    #[param(schema_with = crate::kit::openapi::lang)]
    lang: Option<String>,
    /// public (default) or internal (the programme office only).
    #[param(schema_with = crate::kit::openapi::report_version)]
    version: Option<String>,
}

async fn report_model(
    state: &AppState,
    caller: &Caller,
    year: &str,
    params: &Params,
) -> Result<ReportModel, WebError> {
    let year = super::cycles::year_of(year)?;
    let lang = params
        .vocabulary("lang", &Lang::ALL, Lang::code)?
        .unwrap_or(Lang::Sv);
    let version = super::cycles::version_of(caller, params)?;
    app::report::build(state.store(), year, lang, version)
        .await?
        .ok_or(WebError::NotFound)
}

/// The yearly report of a cycle as data: summary, areas with measures, narratives and indicators, changes since
/// the previous year, revisions.
#[utoipa::path(
    get, path = "/api/v1/follow-ups/{year}", tag = "strategy", params(("year" = i32, Path, description = "The year"), ReportQuery),
    responses(
        (status = 200, description = "The report", body = ReportModel),
        (status = 400, description = "A parameter has a bad value", body = ErrorBody),
        (status = 401, description = "The internal version needs a signed-in caller", body = ErrorBody),
        (status = 403, description = "The internal version is for the programme office", body = ErrorBody),
        (status = 404, description = "No cycle for that year", body = ErrorBody),
    )
)]
pub(crate) async fn follow_up(
    State(state): State<AppState>,
    Path(year): Path<String>,
    caller: Caller,
    params: Params,
) -> Result<Json<ReportModel>, WebError> {
    Ok(Json(report_model(&state, &caller, &year, &params).await?))
}

/// The yearly report as a PDF (fonts embedded), in Swedish or English.
#[utoipa::path(
    get, path = "/api/v1/follow-ups/{year}/report.pdf", tag = "strategy", params(("year" = i32, Path, description = "The year"), ReportQuery),
    responses(
        (status = 200, description = "The report", content_type = "application/pdf", body = Vec<u8>),
        (status = 400, description = "A parameter has a bad value", body = ErrorBody),
        (status = 401, description = "The internal version needs a signed-in caller", body = ErrorBody),
        (status = 403, description = "The internal version is for the programme office", body = ErrorBody),
        (status = 404, description = "No cycle for that year", body = ErrorBody),
    )
)]
pub(crate) async fn follow_up_pdf(
    State(state): State<AppState>,
    Path(year): Path<String>,
    caller: Caller,
    params: Params,
) -> Result<Response, WebError> {
    let model = report_model(&state, &caller, &year, &params).await?;
    let name = format!("follow-up-{}-{}.pdf", model.year, model.lang);
    let internal = model.internal;
    let pdf = tokio::task::spawn_blocking(move || app::report::pdf(&model))
        .await
        .map_err(|e| WebError::Internal(e.to_string()))??;
    Ok(file("application/pdf", "inline", &name, internal, pdf))
}

/// A file of the report: its type, how the browser should show it, its name; never cached when internal.
fn file(
    content_type: &str,
    disposition: &str,
    name: &str,
    internal: bool,
    body: impl IntoResponse,
) -> Response {
    let mut res = (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("{disposition}; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response();
    if internal {
        res.headers_mut().insert(
            header::CACHE_CONTROL,
            axum::http::HeaderValue::from_static("private, no-store"),
        );
    }
    res
}

/// The yearly report as a Word document for the office to edit before print: the same parts as the PDF, with
/// Word headings, table header rows and the language of every part marked.
#[utoipa::path(
    get, path = "/api/v1/follow-ups/{year}/report.docx", tag = "strategy", params(("year" = i32, Path, description = "The year"), ReportQuery),
    responses(
        (status = 200, description = "The report", content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", body = Vec<u8>),
        (status = 400, description = "A parameter has a bad value", body = ErrorBody),
        (status = 401, description = "The internal version needs a signed-in caller", body = ErrorBody),
        (status = 403, description = "The internal version is for the programme office", body = ErrorBody),
        (status = 404, description = "No cycle for that year", body = ErrorBody),
    )
)]
pub(crate) async fn follow_up_docx(
    State(state): State<AppState>,
    Path(year): Path<String>,
    caller: Caller,
    params: Params,
) -> Result<Response, WebError> {
    let model = report_model(&state, &caller, &year, &params).await?;
    let name = format!("follow-up-{}-{}.docx", model.year, model.lang);
    let created = format!("{}T00:00:00Z", store::today());
    let docx = app::report_files::docx(&model, &created)?;
    Ok(file(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "attachment",
        &name,
        model.internal,
        docx,
    ))
}

/// The report's tables — measures, indicators and indicator values — as an Excel workbook, one sheet each.
#[utoipa::path(
    get, path = "/api/v1/follow-ups/{year}/tables.xlsx", tag = "strategy", params(("year" = i32, Path, description = "The year"), ReportQuery),
    responses(
        (status = 200, description = "The tables", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>),
        (status = 400, description = "A parameter has a bad value", body = ErrorBody),
        (status = 401, description = "The internal version needs a signed-in caller", body = ErrorBody),
        (status = 403, description = "The internal version is for the programme office", body = ErrorBody),
        (status = 404, description = "No cycle for that year", body = ErrorBody),
    )
)]
pub(crate) async fn follow_up_xlsx(
    State(state): State<AppState>,
    Path(year): Path<String>,
    caller: Caller,
    params: Params,
) -> Result<Response, WebError> {
    let model = report_model(&state, &caller, &year, &params).await?;
    let name = format!("follow-up-{}-{}.xlsx", model.year, model.lang);
    let xlsx = app::report_files::xlsx(&model)?;
    Ok(file(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "attachment",
        &name,
        model.internal,
        xlsx,
    ))
}

async fn follow_up_csv(
    state: &AppState,
    caller: &Caller,
    year: &str,
    params: &Params,
    table: app::report_files::Table,
) -> Result<Response, WebError> {
    let model = report_model(state, caller, year, params).await?;
    let name = format!(
        "follow-up-{}-{}-{}.csv",
        model.year,
        table.as_str(),
        model.lang
    );
    let csv = app::report_files::csv(&model, table);
    Ok(file(
        "text/csv; charset=utf-8",
        "attachment",
        &name,
        model.internal,
        csv,
    ))
}

/// The report's measures as CSV: area, code, title, responsible actor, status (and where the report stands, in
/// the internal version).
#[utoipa::path(
    get, path = "/api/v1/follow-ups/{year}/measures.csv", tag = "strategy", params(("year" = i32, Path, description = "The year"), ReportQuery),
    responses(
        (status = 200, description = "The table", content_type = "text/csv", body = String),
        (status = 400, description = "A parameter has a bad value", body = ErrorBody),
        (status = 401, description = "The internal version needs a signed-in caller", body = ErrorBody),
        (status = 403, description = "The internal version is for the programme office", body = ErrorBody),
        (status = 404, description = "No cycle for that year", body = ErrorBody),
    )
)]
pub(crate) async fn follow_up_measures_csv(
    State(state): State<AppState>,
    Path(year): Path<String>,
    caller: Caller,
    params: Params,
) -> Result<Response, WebError> {
    follow_up_csv(
        &state,
        &caller,
        &year,
        &params,
        app::report_files::Table::Measures,
    )
    .await
}

/// The report's indicators as CSV: area, code, name, unit, status, baseline and target with their years, and
/// whether the platform counts it.
#[utoipa::path(
    get, path = "/api/v1/follow-ups/{year}/indicators.csv", tag = "strategy", params(("year" = i32, Path, description = "The year"), ReportQuery),
    responses(
        (status = 200, description = "The table", content_type = "text/csv", body = String),
        (status = 400, description = "A parameter has a bad value", body = ErrorBody),
        (status = 401, description = "The internal version needs a signed-in caller", body = ErrorBody),
        (status = 403, description = "The internal version is for the programme office", body = ErrorBody),
        (status = 404, description = "No cycle for that year", body = ErrorBody),
    )
)]
pub(crate) async fn follow_up_indicators_csv(
    State(state): State<AppState>,
    Path(year): Path<String>,
    caller: Caller,
    params: Params,
) -> Result<Response, WebError> {
    follow_up_csv(
        &state,
        &caller,
        &year,
        &params,
        app::report_files::Table::Indicators,
    )
    .await
}

/// The report's indicator values as CSV: area, indicator code, year, value.
#[utoipa::path(
    get, path = "/api/v1/follow-ups/{year}/values.csv", tag = "strategy", params(("year" = i32, Path, description = "The year"), ReportQuery),
    responses(
        (status = 200, description = "The table", content_type = "text/csv", body = String),
        (status = 400, description = "A parameter has a bad value", body = ErrorBody),
        (status = 401, description = "The internal version needs a signed-in caller", body = ErrorBody),
        (status = 403, description = "The internal version is for the programme office", body = ErrorBody),
        (status = 404, description = "No cycle for that year", body = ErrorBody),
    )
)]
pub(crate) async fn follow_up_values_csv(
    State(state): State<AppState>,
    Path(year): Path<String>,
    caller: Caller,
    params: Params,
) -> Result<Response, WebError> {
    follow_up_csv(
        &state,
        &caller,
        &year,
        &params,
        app::report_files::Table::Values,
    )
    .await
}
