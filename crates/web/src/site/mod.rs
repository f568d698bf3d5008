//! The site's own pages: the home page, the privacy notice and the accessibility statement with its report form.

pub(crate) mod accessibility;
pub(crate) mod home;

use crate::kit::routes::{Routes, Rule::*, spec};
use axum::response::Redirect;
use axum::routing::{get, post};

/// The site's routes.
pub(crate) fn routes() -> Routes {
    vec![
        (
            spec("GET", "/", Public),
            get(|| async { Redirect::to("/sv/") }),
        ),
        (spec("GET", "/{lang}", Public), get(home::lang_root)),
        (spec("GET", "/{lang}/", Public), get(home::home)),
        (spec("GET", "/{lang}/privacy", Public), get(home::privacy)),
        (
            spec("GET", "/{lang}/accessibility", Public),
            get(accessibility::page),
        ),
        (
            spec("POST", "/{lang}/accessibility/report", Public),
            post(accessibility::report),
        ),
        (
            spec("GET", "/{lang}/admin/accessibility-reports", Admin),
            get(accessibility::reports),
        ),
    ]
}
