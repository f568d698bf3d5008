//! The atlas: the ecosystem's actors, their relations and campuses — the lists and pages, the network drawn with
//! WebGL and its accessible table, the editors' forms, the office's import, and the open data API and exports.

pub(crate) mod actors;
pub(crate) mod api;
pub(crate) mod data;
pub(crate) mod edit;
pub(crate) mod filters;
pub(crate) mod graph;
pub(crate) mod import;
pub(crate) mod views;

use crate::kit::routes::{Routes, Rule::*, spec};
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, patch, post};

/// The atlas's part of the API document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    api::list_actors,
    api::get_actor,
    api::patch_actor,
    api::list_relations,
    api::list_campuses,
    api::graph,
    api::export_graphml,
    api::export_actors_csv,
    api::export_relations_csv,
    api::export_json
))]
pub(crate) struct Api;

/// The atlas's routes.
pub(crate) fn routes() -> Routes {
    vec![
        (spec("GET", "/{lang}/actors", Public), get(actors::actors)),
        (
            spec("GET", "/{lang}/actors/{slug}", Public),
            get(actors::actor),
        ),
        (
            spec("GET", "/{lang}/actors/{slug}/edit", ActorEditor),
            get(edit::edit_page),
        ),
        (
            spec("POST", "/{lang}/actors/{slug}/edit", ActorEditor),
            post(edit::edit),
        ),
        (
            spec("GET", "/{lang}/actors/{slug}/history", ActorEditor),
            get(edit::history),
        ),
        (
            spec("POST", "/{lang}/actors/{slug}/contacts/{n}/erase", Admin),
            post(edit::erase_contact),
        ),
        (spec("GET", "/{lang}/atlas", Public), get(graph::page)),
        (
            spec("GET", "/{lang}/campuses", Public),
            get(actors::campuses),
        ),
        (
            spec("GET", "/{lang}/campuses/{slug}", Public),
            get(actors::campus),
        ),
        (
            spec("GET", "/{lang}/admin/import", Admin),
            get(import::form),
        ),
        (
            spec("POST", "/{lang}/admin/import", Admin),
            post(import::upload).layer(DefaultBodyLimit::max(import::MAX_UPLOAD)),
        ),
        (spec("GET", "/api/v1/actors", Public), get(api::list_actors)),
        (
            spec("GET", "/api/v1/actors/{slug}", Public),
            get(api::get_actor),
        ),
        (
            spec("PATCH", "/api/v1/actors/{slug}", ActorEditor),
            patch(api::patch_actor),
        ),
        (
            spec("GET", "/api/v1/relations", Public),
            get(api::list_relations),
        ),
        (
            spec("GET", "/api/v1/campuses", Public),
            get(api::list_campuses),
        ),
        (spec("GET", "/api/v1/graph", Public), get(api::graph)),
        (
            spec("GET", "/api/v1/export/graph.graphml", Public),
            get(api::export_graphml),
        ),
        (
            spec("GET", "/api/v1/export/actors.csv", Public),
            get(api::export_actors_csv),
        ),
        (
            spec("GET", "/api/v1/export/relations.csv", Public),
            get(api::export_relations_csv),
        ),
        (
            spec("GET", "/api/v1/export/atlas.json", Public),
            get(api::export_json),
        ),
    ]
}
