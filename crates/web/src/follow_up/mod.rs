//! The strategy and its follow-up: focus areas, action plans with measures and indicators, working groups,
//! the yearly cycle of reports and review, the yearly report as a page, a file, JSON and a PDF.

pub(crate) mod api;
pub mod cycles;
pub(crate) mod plan_import;
pub(crate) mod planning;
pub(crate) mod plans;
pub(crate) mod strategy;

use crate::kit::routes::{Routes, Rule::*, spec};
use axum::routing::{get, post};

/// The follow-up's part of the API document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    api::strategy,
    api::focus_areas,
    api::measures,
    api::indicators,
    api::follow_ups,
    api::follow_up,
    api::follow_up_pdf,
    api::follow_up_docx,
    api::follow_up_xlsx,
    api::follow_up_measures_csv,
    api::follow_up_indicators_csv,
    api::follow_up_values_csv,
    plan_import::export
))]
pub(crate) struct Api;

/// The follow-up's routes.
pub(crate) fn routes() -> Routes {
    use cycles as fu;
    vec![
        (
            spec("GET", "/{lang}/strategy", Public),
            get(strategy::overview),
        ),
        (
            spec("GET", "/{lang}/strategy/actors", Public),
            get(strategy::who),
        ),
        (
            spec("GET", "/{lang}/strategy/import", Admin),
            get(plan_import::form),
        ),
        (
            spec("POST", "/{lang}/strategy/import", Admin),
            post(plan_import::upload).layer(axum::extract::DefaultBodyLimit::max(
                plan_import::MAX_UPLOAD,
            )),
        ),
        (
            spec("GET", "/api/v1/strategy/plan.xlsx", Public),
            get(plan_import::export),
        ),
        (
            spec("GET", "/{lang}/strategy/{slug}", Public),
            get(strategy::area),
        ),
        (
            spec("GET", "/{lang}/measures/{id}", Public),
            get(strategy::measure),
        ),
        (
            spec("GET", "/{lang}/measures/{id}/edit", MeasureReporter),
            get(strategy::edit_measure_page),
        ),
        (
            spec("POST", "/{lang}/measures/{id}/edit", MeasureReporter),
            post(strategy::save_measure),
        ),
        (
            spec("GET", "/{lang}/indicators/{id}", Public),
            get(strategy::indicator),
        ),
        (
            spec("GET", "/{lang}/indicators/{id}/edit", PlanWriter),
            get(planning::edit_indicator_page),
        ),
        (
            spec("POST", "/{lang}/indicators/{id}/edit", PlanWriter),
            post(planning::save_indicator),
        ),
        (
            spec("GET", "/{lang}/measures/{id}/plan", PlanWriter),
            get(planning::plan_measure_page),
        ),
        (
            spec("POST", "/{lang}/measures/{id}/plan", PlanWriter),
            post(planning::save_measure_plan),
        ),
        (
            spec("GET", "/{lang}/measures/{id}/delete", PlanWriter),
            get(planning::delete_measure_page),
        ),
        (
            spec("POST", "/{lang}/measures/{id}/delete", PlanWriter),
            post(planning::delete_measure),
        ),
        (
            spec("GET", "/{lang}/indicators/{id}/delete", PlanWriter),
            get(planning::delete_indicator_page),
        ),
        (
            spec("POST", "/{lang}/indicators/{id}/delete", PlanWriter),
            post(planning::delete_indicator),
        ),
        (
            spec("GET", "/{lang}/strategy/{slug}/edit", PlanWriter),
            get(planning::edit_area_page),
        ),
        (
            spec("POST", "/{lang}/strategy/{slug}/edit", PlanWriter),
            post(planning::save_area),
        ),
        (
            spec("GET", "/{lang}/strategy/{slug}/measures/new", PlanWriter),
            get(planning::new_measure_page),
        ),
        (
            spec("POST", "/{lang}/strategy/{slug}/measures/new", PlanWriter),
            post(planning::create_measure),
        ),
        (
            spec("GET", "/{lang}/strategy/{slug}/indicators/new", PlanWriter),
            get(planning::new_indicator_page),
        ),
        (
            spec("POST", "/{lang}/strategy/{slug}/indicators/new", PlanWriter),
            post(planning::create_indicator),
        ),
        (
            spec("GET", "/{lang}/strategy/{slug}/versions", Public),
            get(planning::versions),
        ),
        (
            spec("POST", "/{lang}/strategy/{slug}/versions", PlanWriter),
            post(planning::record_version),
        ),
        (
            spec("GET", "/{lang}/strategy/{slug}/versions/{n}", Public),
            get(planning::version),
        ),
        (
            spec("GET", "/{lang}/follow-up/{year}/assessments/{slug}", Admin),
            get(planning::assessment_page),
        ),
        (
            spec("POST", "/{lang}/follow-up/{year}/assessments/{slug}", Admin),
            post(planning::save_assessment),
        ),
        (
            spec("GET", "/{lang}/follow-up/{year}/foreword", Admin),
            get(planning::foreword_page),
        ),
        (
            spec("POST", "/{lang}/follow-up/{year}/foreword", Admin),
            post(planning::save_foreword),
        ),
        (
            spec("GET", "/{lang}/strategy/{slug}/working-group", Admin),
            get(plans::group),
        ),
        (
            spec("POST", "/{lang}/strategy/{slug}/working-group", Admin),
            post(plans::add_member),
        ),
        (
            spec(
                "POST",
                "/{lang}/strategy/{slug}/working-group/remove",
                Admin,
            ),
            post(plans::remove_member),
        ),
        (spec("GET", "/{lang}/follow-up", Public), get(fu::index)),
        (spec("POST", "/{lang}/follow-up", Admin), post(fu::open)),
        (
            spec("GET", "/{lang}/follow-up/{year}", Public),
            get(fu::report),
        ),
        (
            spec("GET", "/{lang}/follow-up/{year}/reports", SignedIn),
            get(fu::reports),
        ),
        (
            spec("POST", "/{lang}/follow-up/{year}/close", Admin),
            post(fu::close),
        ),
        (
            spec(
                "GET",
                "/{lang}/follow-up/{year}/reports/{measure}",
                MeasureReporter,
            ),
            get(fu::measure_report),
        ),
        (
            spec(
                "POST",
                "/{lang}/follow-up/{year}/reports/{measure}",
                MeasureReporter,
            ),
            post(fu::write_report),
        ),
        (
            spec(
                "POST",
                "/{lang}/follow-up/{year}/reports/{measure}/review",
                Admin,
            ),
            post(fu::review),
        ),
        (
            spec(
                "POST",
                "/{lang}/follow-up/{year}/reports/{measure}/revise",
                Admin,
            ),
            post(fu::revise),
        ),
        (spec("GET", "/api/v1/strategy", Public), get(api::strategy)),
        (
            spec("GET", "/api/v1/focus-areas", Public),
            get(api::focus_areas),
        ),
        (spec("GET", "/api/v1/measures", Public), get(api::measures)),
        (
            spec("GET", "/api/v1/indicators", Public),
            get(api::indicators),
        ),
        (
            spec("GET", "/api/v1/follow-ups", Public),
            get(api::follow_ups),
        ),
        (
            spec("GET", "/api/v1/follow-ups/{year}", Public),
            get(api::follow_up),
        ),
        (
            spec("GET", "/api/v1/follow-ups/{year}/report.pdf", Public),
            get(api::follow_up_pdf),
        ),
        (
            spec("GET", "/api/v1/follow-ups/{year}/report.docx", Public),
            get(api::follow_up_docx),
        ),
        (
            spec("GET", "/api/v1/follow-ups/{year}/tables.xlsx", Public),
            get(api::follow_up_xlsx),
        ),
        (
            spec("GET", "/api/v1/follow-ups/{year}/measures.csv", Public),
            get(api::follow_up_measures_csv),
        ),
        (
            spec("GET", "/api/v1/follow-ups/{year}/indicators.csv", Public),
            get(api::follow_up_indicators_csv),
        ),
        (
            spec("GET", "/api/v1/follow-ups/{year}/values.csv", Public),
            get(api::follow_up_values_csv),
        ),
    ]
}
