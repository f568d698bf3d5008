//! The way in: the catalogue of infrastructures, services and premises, the managers' service forms, access
//! requests with their legal checklists, conversations and files, and the office's figures and templates.

pub(crate) mod agreements;
pub(crate) mod api;
pub(crate) mod catalogue;
pub(crate) mod listings;
pub(crate) mod offer;
pub(crate) mod office;
pub(crate) mod requests;

use crate::kit::routes::{Routes, Rule::*, spec};
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

/// The way in's part of the API document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    api::list_infrastructures,
    api::list_services,
    api::get_service,
    api::list_premises,
    api::list_requests,
    api::create_request,
    api::get_request,
    api::transition
))]
pub(crate) struct Api;

/// The way in's routes.
pub(crate) fn routes() -> Routes {
    use catalogue as cat;
    use requests as req;
    vec![
        (
            spec("GET", "/{lang}/infrastructures", Public),
            get(cat::infrastructures),
        ),
        (
            spec(
                "GET",
                "/{lang}/infrastructures/{slug}/services/new",
                Manager,
            ),
            get(cat::new_service_page),
        ),
        (
            spec(
                "POST",
                "/{lang}/infrastructures/{slug}/services/new",
                Manager,
            ),
            post(cat::create_service),
        ),
        (
            spec(
                "GET",
                "/{lang}/infrastructures/{slug}/services/{service}/edit",
                Manager,
            ),
            get(cat::edit_service_page),
        ),
        (
            spec(
                "POST",
                "/{lang}/infrastructures/{slug}/services/{service}/edit",
                Manager,
            ),
            post(cat::update_service),
        ),
        (
            spec(
                "POST",
                "/{lang}/infrastructures/{slug}/services/{service}/reviewed",
                Manager,
            ),
            post(cat::mark_reviewed),
        ),
        (
            spec("GET", "/{lang}/services/{slug}", Public),
            get(cat::service),
        ),
        (spec("GET", "/{lang}/premises", Public), get(cat::premises)),
        (
            spec("GET", "/{lang}/premises/{slug}", Public),
            get(listings::one),
        ),
        (
            spec("GET", "/premises/photos/{id}", Public),
            get(listings::photo),
        ),
        (
            spec("GET", "/{lang}/owners/{slug}/premises/new", PremisesOwner),
            get(listings::new_page),
        ),
        (
            spec("POST", "/{lang}/owners/{slug}/premises/new", PremisesOwner),
            post(listings::create),
        ),
        (
            spec(
                "GET",
                "/{lang}/owners/{slug}/premises/{premises}/edit",
                PremisesOwner,
            ),
            get(listings::edit_page_handler),
        ),
        (
            spec(
                "POST",
                "/{lang}/owners/{slug}/premises/{premises}/edit",
                PremisesOwner,
            ),
            post(listings::update),
        ),
        (
            spec(
                "POST",
                "/{lang}/owners/{slug}/premises/{premises}/end",
                PremisesOwner,
            ),
            post(listings::end),
        ),
        (
            spec(
                "POST",
                "/{lang}/owners/{slug}/premises/{premises}/photos",
                PremisesOwner,
            ),
            post(listings::add_photo).layer(DefaultBodyLimit::max(listings::MAX_PHOTO_BODY)),
        ),
        (
            spec(
                "POST",
                "/{lang}/owners/{slug}/premises/{premises}/photos/{n}/delete",
                PremisesOwner,
            ),
            post(listings::remove_photo),
        ),
        (
            spec("GET", "/{lang}/checklists/documents/{slug}", Public),
            get(agreements::document),
        ),
        (spec("GET", "/{lang}/requests", SignedIn), get(req::list)),
        (
            spec("POST", "/{lang}/requests", SignedIn),
            post(req::create),
        ),
        (
            spec("GET", "/{lang}/requests/new", SignedIn),
            get(req::new_page_handler),
        ),
        (
            spec("GET", "/{lang}/requests/{id}", SignedIn),
            get(req::detail),
        ),
        (
            spec("POST", "/{lang}/requests/{id}/transition", SignedIn),
            post(req::transition),
        ),
        (
            spec("POST", "/{lang}/requests/{id}/forward", SignedIn),
            post(req::forward),
        ),
        (
            spec("POST", "/{lang}/requests/{id}/items/{item}", SignedIn),
            post(req::item),
        ),
        (
            spec("POST", "/{lang}/requests/{id}/messages", SignedIn),
            post(req::message),
        ),
        (
            spec("POST", "/{lang}/requests/{id}/attachments", SignedIn),
            post(req::upload).layer(DefaultBodyLimit::max(req::MAX_UPLOAD)),
        ),
        (
            spec("GET", "/{lang}/requests/{id}/documents/{file}", SignedIn),
            get(agreements::filled),
        ),
        (
            spec("GET", "/{lang}/requests/{id}/attachments/{file}", SignedIn),
            get(req::download),
        ),
        (
            spec("GET", "/{lang}/admin/requests", Admin),
            get(office::figures),
        ),
        (
            spec("GET", "/{lang}/admin/requests.csv", Admin),
            get(office::figures_csv),
        ),
        (
            spec("GET", "/{lang}/admin/checklists", Admin),
            get(req::checklists),
        ),
        (
            spec("GET", "/{lang}/admin/checklists/{key}", Admin),
            get(req::template_edit_page),
        ),
        (
            spec("POST", "/{lang}/admin/checklists/{key}", Admin),
            post(req::template_save),
        ),
        (
            spec("GET", "/api/v1/infrastructures", Public),
            get(api::list_infrastructures),
        ),
        (
            spec("GET", "/api/v1/services", Public),
            get(api::list_services),
        ),
        (
            spec("GET", "/api/v1/services/{slug}", Public),
            get(api::get_service),
        ),
        (
            spec("GET", "/api/v1/premises", Public),
            get(api::list_premises),
        ),
        (
            spec("GET", "/api/v1/access-requests", SignedIn),
            get(api::list_requests),
        ),
        (
            spec("POST", "/api/v1/access-requests", SignedIn),
            post(api::create_request),
        ),
        (
            spec("GET", "/api/v1/access-requests/{id}", SignedIn),
            get(api::get_request),
        ),
        (
            spec("POST", "/api/v1/access-requests/{id}/transition", SignedIn),
            post(api::transition),
        ),
    ]
}
