//! `/{lang}/strategy/import`: the office moves an action plan kept in a spreadsheet into Samverkan, first as a
//! check (dry run) that says row by row what would happen or every problem, then for real; and
//! `/api/v1/strategy/plan.xlsx`, the plans in the same layout (to edit and import again, or as a template).

use crate::AppState;
use crate::kit::caller::Caller;
use crate::kit::error::WebError;
use crate::kit::page::{Layout, Nav, lang, render};
use app::plan_import::PlanImportFail;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::{Action, Lang};
use i18n::Tr;

/// The largest file the page takes.
pub const MAX_UPLOAD: usize = 20 * 1024 * 1024;

/// The import page: the form and, after an upload, its outcome.
#[derive(Template)]
#[template(path = "follow_up/plan-import.html")]
pub struct PlanImportPage {
    /// Frame.
    pub layout: Layout,
    /// CSRF token.
    pub csrf: String,
    /// Whether "only check" is ticked.
    pub dry_run: bool,
    /// After an upload: (it worked, the sentence, the lines).
    pub outcome: Option<(bool, String, Vec<String>)>,
}

fn page(
    lang: Lang,
    caller: &Caller,
    dry_run: bool,
    outcome: Option<(bool, String, Vec<String>)>,
) -> PlanImportPage {
    let t = Tr::new(lang);
    let mut layout = Layout::new(
        lang,
        &t.t("plan-import-title"),
        "strategy/import",
        Nav::Strategy,
        None,
    );
    layout.set_caller(caller);
    PlanImportPage {
        csrf: caller.csrf().unwrap_or_default().to_owned(),
        layout,
        dry_run,
        outcome,
    }
}

/// The upload form.
pub(crate) async fn form(Path(code): Path<String>, caller: Caller) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::ManageUsers)?;
    Ok(render(&page(lang, &caller, true, None))?.into_response())
}

/// Receives the file, checks it and imports it unless "only check" is ticked.
pub(crate) async fn upload(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
    request: axum::extract::Request,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::ManageUsers)?;
    let t = Tr::new(lang);
    let upload = crate::kit::forms::Upload::read(request).await?;
    let dry_run = upload.dry_run;
    caller.check_csrf(upload.csrf.as_deref())?;
    let Some(bytes) = upload.file else {
        let outcome = (false, t.t("import-no-file"), Vec::new());
        return Ok((
            StatusCode::BAD_REQUEST,
            render(&page(lang, &caller, dry_run, Some(outcome)))?,
        )
            .into_response());
    };
    let (status, outcome) = match app::plan_import::import(
        state.store(),
        lang,
        caller.principal.as_ref(),
        &bytes,
        dry_run,
    )
    .await
    {
        Ok(r) => {
            let mut lines = vec![
                t.n2(
                    "plan-import-counts-measures",
                    ("created", r.measures_created as u64),
                    ("updated", r.measures_updated as u64),
                ),
                t.n2(
                    "plan-import-counts-indicators",
                    ("created", r.indicators_created as u64),
                    ("updated", r.indicators_updated as u64),
                ),
            ];
            lines.extend(r.lines);
            (
                StatusCode::OK,
                (
                    true,
                    t.t(if dry_run {
                        "plan-import-checked"
                    } else {
                        "plan-import-done"
                    }),
                    lines,
                ),
            )
        }
        Err(PlanImportFail::Problems(problems)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            (
                false,
                t.n("plan-import-problems", "count", problems.len() as u64),
                problems,
            ),
        ),
        Err(PlanImportFail::Forbidden) => return Err(WebError::Forbidden),
        Err(PlanImportFail::Store(e)) => return Err(e.into()),
    };
    Ok((
        status,
        render(&page(lang, &caller, dry_run, Some(outcome)))?,
    )
        .into_response())
}

/// The workbook's options.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct ExportQuery {
    /// sv (default) or en: the workbook's title.
    #[param(schema_with = crate::kit::openapi::lang)]
    lang: Option<String>,
}

/// The action plans — measures and indicators — as a workbook in the layout the import reads.
#[utoipa::path(
    get, path = "/api/v1/strategy/plan.xlsx", tag = "strategy",
    params(ExportQuery),
    responses(
        (status = 200, description = "The plans", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>),
        (status = 400, description = "A parameter has a bad value", body = crate::kit::api::ErrorBody),
    )
)]
pub(crate) async fn export(
    State(state): State<AppState>,
    params: crate::kit::params::Params,
) -> Result<Response, WebError> {
    let lang = params
        .vocabulary("lang", &Lang::ALL, Lang::code)?
        .unwrap_or(Lang::Sv);
    let bytes = app::plan_import::export(state.store(), lang).await?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"action-plans.xlsx\"".to_owned(),
            ),
        ],
        bytes,
    )
        .into_response())
}
