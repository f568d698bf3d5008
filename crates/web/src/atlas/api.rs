//! The JSON API under `/api/v1`, described by an OpenAPI 3.1 document generated from this code.

use super::filters::actor_filter;
use crate::AppState;
use crate::kit::api::nul_in;
use crate::kit::api::{ErrorBody, Text, refused};
use crate::kit::error::WebError;
use crate::kit::params::Params;
use axum::extract::{Path, State};

use axum::Json;
use domain::{Actor, Campus, Lang, PageRequest, Slug};
use serde::Serialize;
use store::{ActorSummary, RelationRow};
use utoipa::{IntoParams, ToSchema};

/// Links to the same object elsewhere.
#[derive(Serialize, ToSchema)]
pub struct Links {
    /// This object in the API.
    #[serde(rename = "self")]
    pub this: String,
    /// The Swedish page.
    pub html_sv: String,
    /// The English page.
    pub html_en: String,
}

fn links(kind: &str, slug: &Slug) -> Links {
    Links {
        this: format!("/api/v1/{kind}/{slug}"),
        html_sv: format!("/sv/{kind}/{slug}"),
        html_en: format!("/en/{kind}/{slug}"),
    }
}

/// An actor in a list.
#[derive(Serialize, ToSchema)]
pub struct ActorItem {
    /// Stable identifier.
    #[schema(example = "vecura")]
    pub slug: String,
    /// Name.
    pub name: Text,
    /// Abbreviation.
    pub short_name: Option<String>,
    /// Kind: university, hospital, company_sme, company_large, infrastructure, incubator, funder,
    /// public_authority, foundation, patient_organisation, real_estate or project.
    #[schema(example = "infrastructure")]
    pub kind: String,
    /// Ownership form, when known: state_agency, region, municipality, state_owned_company,
    /// region_owned_company, private or foundation.
    pub ownership: Option<String>,
    /// Description.
    pub description: Text,
    /// Campus slugs.
    pub campuses: Vec<String>,
    /// Competence tag slugs.
    pub tags: Vec<String>,
    /// Links.
    pub links: Links,
}

impl From<&ActorSummary> for ActorItem {
    fn from(a: &ActorSummary) -> Self {
        ActorItem {
            slug: a.slug.to_string(),
            name: (&a.name).into(),
            short_name: a.short_name.clone(),
            kind: a.kind.as_str().into(),
            ownership: a.ownership.map(|o| o.as_str().into()),
            description: (&a.description).into(),
            campuses: a.campuses.iter().map(ToString::to_string).collect(),
            tags: a.tags.iter().map(ToString::to_string).collect(),
            links: links("actors", &a.slug),
        }
    }
}

/// A page of actors.
#[derive(Serialize, ToSchema)]
pub struct ActorPage {
    /// The actors on this page.
    pub items: Vec<ActorItem>,
    /// How many actors match in all.
    pub total: u64,
    /// This page's number (from 1).
    pub page: u32,
    /// Items per page.
    pub per_page: u32,
    /// How many pages there are.
    pub pages: u32,
}

/// A point in WGS 84 degrees.
#[derive(Serialize, ToSchema)]
pub struct Point {
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
}

/// A contact person.
#[derive(Serialize, ToSchema)]
pub struct Contact {
    /// Full name.
    pub name: String,
    /// Role.
    pub role: Text,
    /// E-mail, when published.
    pub email: Option<String>,
}

/// A relation seen from an actor.
#[derive(Serialize, ToSchema)]
pub struct RelationItem {
    /// The actor the relation is read from.
    pub from: String,
    /// part_of, located_at, hosts, collaborates_with, funds, spin_off_of, member_of, partner_in_project, owns or runs.
    pub kind: String,
    /// The actor the relation points to.
    pub to: String,
    /// Name of `from`.
    pub from_name: Text,
    /// Name of `to`.
    pub to_name: Text,
    /// First year, when known.
    pub since: Option<i32>,
    /// Last year, when the relation has ended.
    pub until: Option<i32>,
    /// Where the fact comes from.
    pub source: Option<String>,
}

impl From<&RelationRow> for RelationItem {
    fn from(r: &RelationRow) -> Self {
        RelationItem {
            from: r.from.to_string(),
            kind: r.kind.as_str().into(),
            to: r.to.to_string(),
            from_name: (&r.from_name).into(),
            to_name: (&r.to_name).into(),
            since: r.since,
            until: r.until,
            source: r.source.clone(),
        }
    }
}

/// One actor's whole profile with its relations both ways.
#[derive(Serialize, ToSchema)]
pub struct ActorDetail {
    /// Stable identifier.
    pub slug: String,
    /// Name.
    pub name: Text,
    /// Abbreviation.
    pub short_name: Option<String>,
    /// Kind.
    pub kind: String,
    /// Ownership form, when known.
    pub ownership: Option<String>,
    /// Description.
    pub description: Text,
    /// Official web site.
    pub website: Option<String>,
    /// Swedish organisation number, when known.
    pub org_number: Option<String>,
    /// Street address, when known.
    pub address: Option<String>,
    /// Location, when known.
    pub coordinates: Option<Point>,
    /// Campus slugs.
    pub campuses: Vec<String>,
    /// Competence tag slugs.
    pub tags: Vec<String>,
    /// Contact persons.
    pub contacts: Vec<Contact>,
    /// Relations starting or ending at this actor.
    pub relations: Vec<RelationItem>,
    /// Links.
    pub links: Links,
}

impl ActorDetail {
    fn new(a: &Actor, relations: &[RelationRow]) -> ActorDetail {
        ActorDetail {
            slug: a.slug.to_string(),
            name: (&a.name).into(),
            short_name: a.short_name.clone(),
            kind: a.kind.as_str().into(),
            ownership: a.ownership.map(|o| o.as_str().into()),
            description: (&a.description).into(),
            website: a.website.as_ref().map(|w| w.as_str().into()),
            org_number: a.org_number.clone(),
            address: a.address.clone(),
            coordinates: a.coordinates.map(|c| Point {
                lat: c.lat(),
                lon: c.lon(),
            }),
            campuses: a.campuses.iter().map(ToString::to_string).collect(),
            tags: a.tags.iter().map(ToString::to_string).collect(),
            contacts: a
                .contacts
                .iter()
                .map(|c| Contact {
                    name: c.name.clone(),
                    role: (&c.role).into(),
                    email: c.email.as_ref().map(|e| e.as_str().into()),
                })
                .collect(),
            relations: relations.iter().map(Into::into).collect(),
            links: links("actors", &a.slug),
        }
    }
}

/// A page of relations.
#[derive(Serialize, ToSchema)]
pub struct RelationPage {
    /// The relations on this page.
    pub items: Vec<RelationItem>,
    /// How many relations there are in all.
    pub total: u64,
    /// This page's number (from 1).
    pub page: u32,
    /// Items per page.
    pub per_page: u32,
    /// How many pages there are.
    pub pages: u32,
}

/// A campus.
#[derive(Serialize, ToSchema)]
pub struct CampusItem {
    /// Stable identifier.
    #[schema(example = "flemingsberg")]
    pub slug: String,
    /// Name.
    pub name: Text,
    /// Municipality, when known.
    pub municipality: Option<String>,
    /// Description.
    pub description: Text,
    /// Central point, when known.
    pub coordinates: Option<Point>,
    /// How many actors are on it.
    pub actor_count: u64,
    /// Links.
    pub links: Links,
}

impl CampusItem {
    fn new(c: &Campus, actor_count: u64) -> CampusItem {
        CampusItem {
            slug: c.slug.to_string(),
            name: (&c.name).into(),
            municipality: c.municipality.clone(),
            description: (&c.description).into(),
            coordinates: c.coordinates.map(|p| Point {
                lat: p.lat(),
                lon: p.lon(),
            }),
            actor_count,
            links: links("campuses", &c.slug),
        }
    }
}

/// All campuses.
#[derive(Serialize, ToSchema)]
pub struct CampusList {
    /// The campuses, by Swedish name.
    pub items: Vec<CampusItem>,
    /// How many campuses there are.
    pub total: u64,
}

/// Paging parameters.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct PageQuery {
    /// Page number, from 1 (default 1).
    #[param(minimum = 1, maximum = 1000000)]
    page: Option<u32>,
    /// Items per page, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    per_page: Option<u32>,
}

/// Filters of the actor list.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct ActorQuery {
    /// Text contained in the name (either language) or abbreviation.
    #[param(schema_with = crate::kit::openapi::text_200)]
    q: Option<String>,
    /// Only this kind.
    #[param(schema_with = crate::kit::openapi::actor_kind)]
    kind: Option<String>,
    /// Only actors on this campus (slug).
    #[param(schema_with = crate::kit::openapi::slug)]
    campus: Option<String>,
    /// Only this ownership form.
    #[param(schema_with = crate::kit::openapi::ownership)]
    ownership: Option<String>,
    /// Only actors with this competence tag (slug).
    #[param(schema_with = crate::kit::openapi::slug)]
    tag: Option<String>,
    /// Only actors taking part in this focus area of the strategy (slug), e.g. `halsodata`.
    #[param(schema_with = crate::kit::openapi::slug)]
    area: Option<String>,
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct GraphQuery {
    /// Only actors on this campus (slug), e.g. `flemingsberg`.
    #[param(schema_with = crate::kit::openapi::slug)]
    campus: Option<String>,
    /// Only this kind.
    #[param(schema_with = crate::kit::openapi::actor_kind)]
    kind: Option<String>,
    /// Only this ownership form.
    #[param(schema_with = crate::kit::openapi::ownership)]
    ownership: Option<String>,
    /// Only actors with this competence tag (slug).
    #[param(schema_with = crate::kit::openapi::slug)]
    tag: Option<String>,
    /// Only actors taking part in this focus area of the strategy (slug), e.g. `halsodata`.
    #[param(schema_with = crate::kit::openapi::slug)]
    area: Option<String>,
}

/// The network of actors and relations for drawing: positions from a stable server-side layout, degree,
/// betweenness and community of each actor (computed on the whole network), legends with colours. Filters keep
/// the matching actors and the relations among them.
#[utoipa::path(
    get, path = "/api/v1/graph", tag = "atlas",
    params(GraphQuery),
    responses(
        (status = 200, description = "The network", body = super::data::GraphJson),
        (status = 400, description = "A parameter has a bad value", body = ErrorBody),
    )
)]
pub(crate) async fn graph(
    State(state): State<AppState>,
    params: Params,
) -> Result<axum::response::Response, WebError> {
    use axum::response::IntoResponse;
    let mut filter = actor_filter(&params)?;
    filter.text = None;
    let snapshot = state.graph().await?;
    let campuses = state.store().campuses(Lang::Sv).await?;
    let json = |filter: &store::ActorFilter| {
        serde_json::to_vec(&super::data::graph_json(&snapshot, filter, &campuses))
            .map_err(|e| WebError::Internal(format!("graph JSON: {e}")))
    };
    // The whole network is serialised once per snapshot and served from memory after that.
    let body = if filter == store::ActorFilter::default() {
        match snapshot.full_json.get() {
            Some(bytes) => bytes.clone(),
            None => {
                let bytes = axum::body::Bytes::from(json(&filter)?);
                let _ = snapshot.full_json.set(bytes.clone());
                bytes
            }
        }
    } else {
        axum::body::Bytes::from(json(&filter)?)
    };
    Ok((
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response())
}

/// The whole network as GraphML (directed, relation type in the `kind` edge attribute; node attributes for
/// names, kind, ownership, campuses, tags, degree, betweenness, community and layout position). Opens in Gephi.
#[utoipa::path(
    get, path = "/api/v1/export/graph.graphml", tag = "atlas",
    responses((status = 200, description = "GraphML", content_type = "application/graphml+xml", body = String))
)]
pub(crate) async fn export_graphml(
    State(state): State<AppState>,
) -> Result<axum::response::Response, WebError> {
    let snapshot = state.graph().await?;
    Ok(download(
        "application/graphml+xml; charset=utf-8",
        "samverkan.graphml",
        super::data::graphml(&snapshot),
    ))
}

/// A file to download: its type, the name it is saved under, and the body.
fn download(content_type: &'static str, filename: &str, body: String) -> axum::response::Response {
    use axum::http::{HeaderValue, header};
    use axum::response::IntoResponse;
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\""))
        .unwrap_or(HeaderValue::from_static("attachment"));
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response()
}

/// Every actor as CSV (the import format, docs/import-format.md): slug, org_number, names, kind, ownership,
/// descriptions, website, address, coordinates, campuses and tags (`;`-separated). Contact persons are left out.
#[utoipa::path(
    get, path = "/api/v1/export/actors.csv", tag = "atlas",
    responses((status = 200, description = "CSV with a header row", content_type = "text/csv", body = String))
)]
pub(crate) async fn export_actors_csv(
    State(state): State<AppState>,
) -> Result<axum::response::Response, WebError> {
    let (actors, _) = state.store().export_records().await?;
    Ok(download(
        "text/csv; charset=utf-8",
        "actors.csv",
        domain::interchange::actors_csv(&actors),
    ))
}

/// Every relation as CSV: from, kind, to, since, until, source.
#[utoipa::path(
    get, path = "/api/v1/export/relations.csv", tag = "atlas",
    responses((status = 200, description = "CSV with a header row", content_type = "text/csv", body = String))
)]
pub(crate) async fn export_relations_csv(
    State(state): State<AppState>,
) -> Result<axum::response::Response, WebError> {
    let (_, relations) = state.store().export_records().await?;
    Ok(download(
        "text/csv; charset=utf-8",
        "relations.csv",
        domain::interchange::relations_csv(&relations),
    ))
}

/// Actors and relations as one JSON document in the import format (`{"actors": [...], "relations": [...]}`).
#[utoipa::path(
    get, path = "/api/v1/export/atlas.json", tag = "atlas",
    responses((status = 200, description = "The import/export document", content_type = "application/json", body = Object))
)]
pub(crate) async fn export_json(
    State(state): State<AppState>,
) -> Result<axum::response::Response, WebError> {
    let (actors, relations) = state.store().export_records().await?;
    Ok(download(
        "application/json",
        "samverkan-atlas.json",
        domain::interchange::to_json(&actors, &relations).to_string(),
    ))
}

/// List actors, ordered by Swedish name, with filters and paging.
#[utoipa::path(
    get, path = "/api/v1/actors", tag = "atlas",
    params(ActorQuery, PageQuery),
    responses(
        (status = 200, description = "A page of actors", body = ActorPage),
        (status = 400, description = "A parameter has a bad value", body = ErrorBody),
    )
)]
pub(crate) async fn list_actors(
    State(state): State<AppState>,
    params: Params,
) -> Result<Json<ActorPage>, WebError> {
    let filter = actor_filter(&params)?;
    let page = params.page(PageRequest::DEFAULT_PER_PAGE)?;
    let list = state.store().list_actors(&filter, Lang::Sv, page).await?;
    Ok(Json(ActorPage {
        items: list.items.iter().map(Into::into).collect(),
        total: list.total,
        page: page.page(),
        per_page: page.per_page(),
        pages: page.page_count(list.total),
    }))
}

/// One actor's profile with its contacts and relations both ways.
#[utoipa::path(
    get, path = "/api/v1/actors/{slug}", tag = "atlas",
    params(("slug" = String, Path, description = "The actor's slug", example = "vecura")),
    responses(
        (status = 200, description = "The actor", body = ActorDetail),
        (status = 404, description = "No actor has this slug", body = ErrorBody),
    )
)]
pub(crate) async fn get_actor(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Json<ActorDetail>, WebError> {
    let slug = Slug::parse(&slug).map_err(|_| WebError::NotFound)?;
    let actor = state
        .store()
        .actor(&slug)
        .await?
        .ok_or(WebError::NotFound)?;
    let relations = state.store().relations_of(&slug, Lang::Sv).await?;
    Ok(Json(ActorDetail::new(&actor, &relations)))
}

/// List all relations, ordered by the Swedish name of their `from` actor, with paging.
#[utoipa::path(
    get, path = "/api/v1/relations", tag = "atlas",
    params(PageQuery),
    responses(
        (status = 200, description = "A page of relations", body = RelationPage),
        (status = 400, description = "A parameter has a bad value", body = ErrorBody),
    )
)]
pub(crate) async fn list_relations(
    State(state): State<AppState>,
    params: Params,
) -> Result<Json<RelationPage>, WebError> {
    let page = params.page(PageRequest::MAX_PER_PAGE)?;
    let list = state.store().list_relations(Lang::Sv, page).await?;
    Ok(Json(RelationPage {
        items: list.items.iter().map(Into::into).collect(),
        total: list.total,
        page: page.page(),
        per_page: page.per_page(),
        pages: page.page_count(list.total),
    }))
}

/// List every campus with its number of actors.
#[utoipa::path(
    get, path = "/api/v1/campuses", tag = "atlas",
    responses((status = 200, description = "All campuses", body = CampusList))
)]
pub(crate) async fn list_campuses(
    State(state): State<AppState>,
) -> Result<Json<CampusList>, WebError> {
    let campuses = state.store().campuses(Lang::Sv).await?;
    Ok(Json(CampusList {
        total: campuses.len() as u64,
        items: campuses
            .iter()
            .map(|c| CampusItem::new(&c.campus, c.actor_count))
            .collect(),
    }))
}

fn text_pair(v: &serde_json::Value) -> Option<(String, String)> {
    Some((
        v.get("sv")?.as_str()?.to_owned(),
        v.get("en")?.as_str()?.to_owned(),
    ))
}

fn string_list(v: &serde_json::Value) -> Option<Vec<String>> {
    v.as_array()?
        .iter()
        .map(|x| x.as_str().map(str::to_owned))
        .collect()
}

/// A name or description in both languages.
#[derive(serde::Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct NamePair {
    /// Swedish.
    #[schema(schema_with = crate::kit::openapi::name_300)]
    pub sv: String,
    /// English.
    #[schema(schema_with = crate::kit::openapi::name_300)]
    pub en: String,
}

/// A description in both languages.
#[derive(serde::Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct DescriptionPair {
    /// Swedish.
    #[schema(schema_with = crate::kit::openapi::description_5000)]
    pub sv: String,
    /// English.
    #[schema(schema_with = crate::kit::openapi::description_5000)]
    pub en: String,
}

/// A contact person as sent in a change.
#[derive(serde::Deserialize, ToSchema)]
#[allow(dead_code)]
pub struct ContactPatch {
    /// The name.
    #[schema(schema_with = crate::kit::openapi::name_300)]
    pub name: String,
    /// The role in both languages.
    pub role: Option<OptionalPair>,
    /// An e-mail address.
    #[schema(format = Email, max_length = 254)]
    pub email: Option<String>,
}

/// Optional short texts in both languages.
#[derive(serde::Deserialize, ToSchema)]
#[allow(dead_code)]
pub struct OptionalPair {
    /// Swedish.
    #[schema(schema_with = crate::kit::openapi::optional_300)]
    pub sv: Option<String>,
    /// English.
    #[schema(schema_with = crate::kit::openapi::optional_300)]
    pub en: Option<String>,
}

/// An outgoing relation as sent in a change (incoming ones, with another `from`, are ignored).
#[derive(serde::Deserialize, ToSchema)]
#[allow(dead_code)]
pub struct RelationPatch {
    /// The relation's kind.
    #[schema(schema_with = crate::kit::openapi::relation_kind)]
    pub kind: String,
    /// The other actor (slug).
    #[schema(schema_with = crate::kit::openapi::slug)]
    pub to: String,
    /// The first year.
    #[schema(minimum = 1000, maximum = 2200)]
    pub since: Option<i32>,
    /// The last year.
    #[schema(minimum = 1000, maximum = 2200)]
    pub until: Option<i32>,
    /// Where the relation is stated.
    #[schema(schema_with = crate::kit::openapi::optional_300)]
    pub source: Option<String>,
}

/// The fields of an actor that a change may set; each is optional and replaces the whole value.
#[derive(serde::Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct ActorPatch {
    /// The name in both languages.
    pub name: Option<NamePair>,
    /// The description in both languages.
    pub description: Option<DescriptionPair>,
    /// An abbreviation.
    #[schema(schema_with = crate::kit::openapi::optional_300)]
    pub short_name: Option<String>,
    /// The kind (admins only may change it).
    #[schema(schema_with = crate::kit::openapi::actor_kind)]
    pub kind: Option<String>,
    /// The ownership form (admins only may change it).
    #[schema(schema_with = crate::kit::openapi::ownership)]
    pub ownership: Option<String>,
    /// The website (http or https).
    #[schema(schema_with = crate::kit::openapi::web_url)]
    pub website: Option<String>,
    /// The Swedish organisation number, NNNNNN-NNNN with a valid check digit.
    #[schema(schema_with = crate::kit::openapi::org_number)]
    pub org_number: Option<String>,
    /// The street address.
    #[schema(schema_with = crate::kit::openapi::optional_300)]
    pub address: Option<String>,
    /// Campuses (slugs of existing campuses).
    #[schema(schema_with = crate::kit::openapi::slug_list)]
    pub campuses: Option<Vec<String>>,
    /// Competence tags (slugs of existing tags).
    #[schema(schema_with = crate::kit::openapi::slug_list)]
    pub tags: Option<Vec<String>>,
    /// The contact persons.
    pub contacts: Option<Vec<ContactPatch>>,
    /// The outgoing relations.
    pub relations: Option<Vec<RelationPatch>>,
}

/// Applies the fields present in `body` (the representation `GET` returns) over `input`; a refusal names the
/// field and the message key.
fn merge_body(
    input: &mut app::actors::ActorInput,
    body: &serde_json::Value,
    slug: &Slug,
) -> Result<(), (String, String)> {
    let bad = |f: &str| (f.to_owned(), "api-wrong-type".to_owned());
    let obj = body.as_object().ok_or_else(|| bad("body"))?;
    if let Some(path) = nul_in(body, "") {
        return Err((path, "api-control-character".to_owned()));
    }
    let opt_str = |v: &serde_json::Value, f: &str| -> Result<String, (String, String)> {
        if v.is_null() {
            Ok(String::new())
        } else {
            v.as_str().map(str::to_owned).ok_or_else(|| bad(f))
        }
    };
    for (k, v) in obj {
        match k.as_str() {
            "name" => input.name = text_pair(v).ok_or_else(|| bad("name"))?,
            "description" => input.description = text_pair(v).ok_or_else(|| bad("description"))?,
            "short_name" => input.short_name = opt_str(v, "short_name")?,
            "kind" => input.kind = opt_str(v, "kind")?,
            "ownership" => input.ownership = opt_str(v, "ownership")?,
            "website" => input.website = opt_str(v, "website")?,
            "org_number" => input.org_number = opt_str(v, "org_number")?,
            "address" => input.address = opt_str(v, "address")?,
            "campuses" => input.campuses = string_list(v).ok_or_else(|| bad("campuses"))?,
            "tags" => input.tags = string_list(v).ok_or_else(|| bad("tags"))?,
            "contacts" => {
                let list = v.as_array().ok_or_else(|| bad("contacts"))?;
                input.contacts = list
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let f = format!("contacts[{i}]");
                        let s = |x: &serde_json::Value| opt_str(x, &f);
                        let role = c.get("role").cloned().unwrap_or(serde_json::Value::Null);
                        Ok((
                            s(c.get("name").unwrap_or(&serde_json::Value::Null))?,
                            s(role.get("sv").unwrap_or(&serde_json::Value::Null))?,
                            s(role.get("en").unwrap_or(&serde_json::Value::Null))?,
                            s(c.get("email").unwrap_or(&serde_json::Value::Null))?,
                        ))
                    })
                    .collect::<Result<_, (String, String)>>()?;
            }
            "relations" => {
                let list = v.as_array().ok_or_else(|| bad("relations"))?;
                let mut out = Vec::new();
                for (i, r) in list.iter().enumerate() {
                    let f = format!("relations[{i}]");
                    let s = |x: Option<&serde_json::Value>| {
                        opt_str(x.unwrap_or(&serde_json::Value::Null), &f)
                    };
                    // Incoming relations belong to the other actor; they are shown by GET and ignored here.
                    let from = s(r.get("from"))?;
                    if !from.is_empty() && from != slug.as_str() {
                        continue;
                    }
                    let year = |x: Option<&serde_json::Value>| match x {
                        None | Some(serde_json::Value::Null) => Ok(String::new()),
                        Some(serde_json::Value::Number(n)) => Ok(n.to_string()),
                        _ => Err(bad(&f)),
                    };
                    out.push((
                        s(r.get("kind"))?,
                        s(r.get("to"))?,
                        year(r.get("since"))?,
                        year(r.get("until"))?,
                        s(r.get("source"))?,
                    ));
                }
                input.relations = out;
            }
            // Read-only parts of the representation are accepted and ignored.
            "slug" | "links" | "coordinates" => {}
            other => return Err((other.to_owned(), "api-unknown-field".to_owned())),
        }
    }
    Ok(())
}

/// Change an actor's profile. Accepts the representation `GET` returns (any subset of its fields); only the
/// actor's editors and admins may, and only admins may change `kind` and `ownership`. With a session cookie,
/// send the session's CSRF token in `X-CSRF-Token`; with a bearer token, none is needed.
#[utoipa::path(
    patch, path = "/api/v1/actors/{slug}", tag = "atlas",
    params(("slug" = String, Path, description = "The actor's slug", example = "vecura")),
    request_body(content = ActorPatch, description = "Fields of the actor representation to change", content_type = "application/json"),
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "The actor after the change", body = ActorDetail),
        (status = 400, description = "The body is not JSON", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not allowed to edit this actor, or the CSRF token is missing", body = ErrorBody),
        (status = 404, description = "No actor has this slug", body = ErrorBody),
        (status = 413, description = "The body is larger than 256 KiB", body = ErrorBody),
        (status = 422, description = "A field was refused; nothing was changed", body = ErrorBody),
    )
)]
pub(crate) async fn patch_actor(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    caller: crate::kit::caller::Caller,
    headers: axum::http::HeaderMap,
    body: axum::body::Bytes,
) -> Result<axum::response::Response, WebError> {
    use axum::response::IntoResponse;
    let slug = Slug::parse(&slug).map_err(|_| WebError::NotFound)?;
    let actor = state
        .store()
        .actor(&slug)
        .await?
        .ok_or(WebError::NotFound)?;
    if let Err(e) = caller.require(&domain::Action::EditActor(&slug)) {
        return Err(super::edit::refuse(&state, &caller, "actor", slug.as_str(), e).await);
    }
    caller.check_csrf(headers.get("x-csrf-token").and_then(|v| v.to_str().ok()))?;
    let lang = crate::kit::error::api_lang(&headers);
    let t = i18n::Tr::new(lang);
    let json = crate::kit::json::body(&body)?;
    let relations = state.store().relations_of(&slug, Lang::Sv).await?;
    let mut input = app::actors::ActorInput::from_actor(&actor, &relations);
    if let Err((field, key)) = merge_body(&mut input, &json, &slug) {
        return Ok(refused(vec![(field, t.t(&key))]));
    }
    let fields = match app::actors::update(
        state.store(),
        t,
        caller.principal.as_ref(),
        &actor,
        &input,
    )
    .await
    {
        Ok(()) => {
            let actor = state
                .store()
                .actor(&slug)
                .await?
                .ok_or(WebError::NotFound)?;
            let relations = state.store().relations_of(&slug, Lang::Sv).await?;
            return Ok(Json(ActorDetail::new(&actor, &relations)).into_response());
        }
        Err(app::actors::ActorFail::Fields(fields)) => fields,
        Err(app::actors::ActorFail::Forbidden) => return Err(WebError::Forbidden),
        Err(app::actors::ActorFail::Store(e)) => return Err(e.into()),
    };
    Ok(refused(fields))
}
