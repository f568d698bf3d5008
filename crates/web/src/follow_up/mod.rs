//! The strategy and its follow-up: focus areas, action plans with measures and indicators, working groups,
//! the yearly cycle of reports and review, the yearly report as a page, a file, JSON and a PDF.

pub(crate) mod api;
pub mod cycles;
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
    api::follow_up_pdf
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
            spec("GET", "/{lang}/indicators/{id}/edit", Admin),
            get(plans::edit_indicator_page),
        ),
        (
            spec("POST", "/{lang}/indicators/{id}/edit", Admin),
            post(plans::save_indicator),
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
    ]
}
