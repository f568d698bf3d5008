//! People and their accounts: signing up, in and out (and single sign-on), links by e-mail, the account page
//! with API tokens, data export and erasure, invitations and the audit log for the office.

pub(crate) mod account;
pub(crate) mod api;
pub(crate) mod audit;
pub(crate) mod company;
pub mod oidc;
pub(crate) mod people;

use crate::kit::routes::{Routes, Rule::*, spec};
use axum::routing::{get, post};

/// The accounts' part of the API document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(api::me))]
pub(crate) struct Api;

/// The accounts' routes.
pub(crate) fn routes() -> Routes {
    use account as acc;
    vec![
        (spec("GET", "/{lang}/login", Public), get(acc::login_page)),
        (spec("POST", "/{lang}/login", Public), post(acc::login)),
        (spec("GET", "/{lang}/login/sso", Public), get(oidc::start)),
        (
            spec("GET", oidc::CALLBACK_PATH, Public),
            get(oidc::callback),
        ),
        (spec("POST", "/{lang}/logout", Public), post(acc::logout)),
        (spec("GET", "/{lang}/signup", Public), get(acc::signup_page)),
        (spec("POST", "/{lang}/signup", Public), post(acc::signup)),
        (
            spec("GET", "/{lang}/companies/register", SignedIn),
            get(company::register_page),
        ),
        (
            spec("POST", "/{lang}/companies/register", SignedIn),
            post(company::register),
        ),
        (
            spec("GET", "/{lang}/admin/people", Admin),
            get(people::list),
        ),
        (
            spec("GET", "/{lang}/admin/people/{id}", Admin),
            get(people::show),
        ),
        (
            spec("POST", "/{lang}/admin/people/{id}/{action}", Admin),
            post(people::change),
        ),
        (
            spec("GET", "/{lang}/admin/companies", Admin),
            get(company::review_queue),
        ),
        (
            spec("POST", "/{lang}/admin/companies/{slug}", Admin),
            post(company::review),
        ),
        (spec("GET", "/{lang}/verify", Public), get(acc::verify_page)),
        (spec("POST", "/{lang}/verify", Public), post(acc::verify)),
        (
            spec("GET", "/{lang}/password/forgot", Public),
            get(acc::forgot_page),
        ),
        (
            spec("POST", "/{lang}/password/forgot", Public),
            post(acc::forgot),
        ),
        (
            spec("GET", "/{lang}/password/reset", Public),
            get(acc::reset_page),
        ),
        (
            spec("POST", "/{lang}/password/reset", Public),
            post(acc::reset),
        ),
        (
            spec("GET", "/{lang}/invitation", Public),
            get(acc::invitation_page),
        ),
        (
            spec("POST", "/{lang}/invitation", Public),
            post(acc::invitation),
        ),
        (spec("GET", "/{lang}/account", SignedIn), get(acc::account)),
        (
            spec("POST", "/{lang}/account/tokens", SignedIn),
            post(acc::create_token),
        ),
        (
            spec("POST", "/{lang}/account/tokens/{id}/revoke", SignedIn),
            post(acc::revoke_token),
        ),
        (
            spec("GET", "/{lang}/account/export", SignedIn),
            get(acc::export),
        ),
        (
            spec("POST", "/{lang}/account/erase", SignedIn),
            post(acc::erase),
        ),
        (
            spec("GET", "/{lang}/admin/audit", Admin),
            get(audit::audit_log),
        ),
        (
            spec("GET", "/{lang}/admin/invite", Admin),
            get(acc::invite_page),
        ),
        (
            spec("POST", "/{lang}/admin/invite", Admin),
            post(acc::invite),
        ),
        (spec("GET", "/api/v1/me", SignedIn), get(api::me)),
    ]
}
