//! The way in's JSON API: infrastructures, services and premises (open data), and access requests under the same
//! policy as the pages — visible only to the company, the infrastructure's managers and admins.

use super::catalogue::catalogue_filter;
use super::requests::{side_on, visibility};
use crate::AppState;
use crate::kit::api::{ErrorBody, Text, nul_in};
use crate::kit::caller::Caller;
use crate::kit::error::{WebError, api_lang};
use crate::kit::params::Params;
use app::requests::RequestInput;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::access::{RequestStatus, Side};
use domain::catalogue::PremisesUse;
use domain::{Action, Lang};
use i18n::Tr;
use serde::Serialize;
use store::{RequestDetail, ServiceRow};
use utoipa::{IntoParams, ToSchema};

/// Catalogue filters.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct CatalogueQuery {
    /// Only services of this area.
    #[param(schema_with = crate::kit::openapi::category)]
    category: Option<String>,
    /// Only infrastructures on this campus (slug).
    #[param(schema_with = crate::kit::openapi::slug)]
    campus: Option<String>,
    /// Only infrastructures with this ownership form.
    #[param(schema_with = crate::kit::openapi::ownership)]
    ownership: Option<String>,
    /// `1` for services that welcome small companies only.
    #[param(schema_with = crate::kit::openapi::sme_flag)]
    sme: Option<String>,
    /// Only services with this price model.
    #[param(schema_with = crate::kit::openapi::pricing)]
    pricing: Option<String>,
    /// Only services that state a lead time of at most this many weeks.
    #[param(schema_with = crate::kit::openapi::lead_weeks)]
    lead: Option<u16>,
    /// Only services that serve this technology readiness level (1–9).
    #[param(schema_with = crate::kit::openapi::trl_level)]
    trl: Option<u8>,
    /// Only services whose indicative price in SEK starts at or below this amount.
    #[param(schema_with = crate::kit::openapi::price_sek)]
    price: Option<u64>,
}

/// An indicative price range.
#[derive(Serialize, ToSchema)]
pub struct PriceItem {
    /// From, in whole units of the currency (per hour for an hourly price).
    pub low: u64,
    /// To.
    pub high: u64,
    /// ISO 4217 code.
    #[schema(example = "SEK")]
    pub currency: String,
}

/// The technology readiness levels served.
#[derive(Serialize, ToSchema)]
pub struct TrlItem {
    /// Lowest level, 1–9.
    pub low: u8,
    /// Highest level, 1–9.
    pub high: u8,
}

/// A service.
#[derive(Serialize, ToSchema)]
pub struct ServiceItem {
    /// Stable identifier.
    #[schema(example = "vecura-gmp-cell-therapy")]
    pub slug: String,
    /// The infrastructure that offers it (actor slug).
    #[schema(example = "vecura")]
    pub infrastructure: String,
    /// The infrastructure's name.
    pub infrastructure_name: Text,
    /// The infrastructure's ownership form, which decides the legal path.
    pub ownership: Option<String>,
    /// service, testbed or trial_unit.
    pub kind: String,
    /// manufacturing, clinical_trials, laboratory, analysis, data, premises, expertise or community.
    pub category: String,
    /// Name.
    pub name: Text,
    /// Description.
    pub description: Text,
    /// Access conditions.
    pub access: Text,
    /// free, fixed_price, hourly or quote; none when not stated.
    pub pricing: Option<String>,
    /// Indicative price range, when stated.
    pub price: Option<PriceItem>,
    /// Typical lead time in weeks, when stated.
    pub lead_time_weeks: Option<u16>,
    /// Technology readiness levels served, when stated.
    pub trl: Option<TrlItem>,
    /// Equipment and methods, one per line.
    pub equipment: Option<Text>,
    /// Documents a company should prepare, one per line.
    pub documents: Option<Text>,
    /// When its manager last saw it was current (YYYY-MM-DD).
    pub reviewed: String,
    /// Typical lead time.
    pub lead_time: Option<Text>,
    /// Capacity note.
    pub capacity: Option<Text>,
    /// A web page or e-mail address.
    pub contact: Option<String>,
    /// Whether small companies are especially welcome.
    pub sme_welcome: bool,
    /// Competence tags (slugs).
    pub tags: Vec<String>,
    /// Campuses of the infrastructure (slugs).
    pub campuses: Vec<String>,
    /// The page in each language.
    pub html_sv: String,
    /// The page in each language.
    pub html_en: String,
}

impl From<&ServiceRow> for ServiceItem {
    fn from(v: &ServiceRow) -> Self {
        let s = &v.service;
        ServiceItem {
            slug: s.slug.to_string(),
            infrastructure: s.infrastructure.to_string(),
            infrastructure_name: (&v.infrastructure_name).into(),
            ownership: v.ownership.map(|o| o.as_str().to_owned()),
            kind: s.kind.as_str().into(),
            category: s.category.as_str().into(),
            name: (&s.name).into(),
            description: (&s.description).into(),
            access: (&s.access).into(),
            pricing: s.pricing.map(|p| p.as_str().to_owned()),
            price: s.offer.price.map(|p| PriceItem {
                low: p.low,
                high: p.high,
                currency: p.currency.as_str().to_owned(),
            }),
            lead_time_weeks: s.offer.lead_time_weeks,
            trl: s.offer.trl.map(|r| TrlItem {
                low: r.low(),
                high: r.high(),
            }),
            equipment: s.offer.equipment.as_ref().map(Into::into),
            documents: s.offer.documents.as_ref().map(Into::into),
            reviewed: crate::kit::page::date(v.reviewed_at),
            lead_time: s.lead_time.as_ref().map(Into::into),
            capacity: s.capacity.as_ref().map(Into::into),
            contact: s.contact.as_ref().map(|c| c.as_str().to_owned()),
            sme_welcome: s.sme_welcome,
            tags: s.tags.iter().map(ToString::to_string).collect(),
            campuses: v.campuses.iter().map(ToString::to_string).collect(),
            html_sv: format!("/sv/services/{}", s.slug),
            html_en: format!("/en/services/{}", s.slug),
        }
    }
}

/// Services.
#[derive(Serialize, ToSchema)]
pub struct ServiceList {
    /// The services.
    pub items: Vec<ServiceItem>,
}

/// An infrastructure with its services.
#[derive(Serialize, ToSchema)]
pub struct InfrastructureItem {
    /// Actor slug.
    pub slug: String,
    /// Name.
    pub name: Text,
    /// Ownership form.
    pub ownership: Option<String>,
    /// Campuses (slugs).
    pub campuses: Vec<String>,
    /// Its services (slugs).
    pub services: Vec<String>,
}

/// Infrastructures.
#[derive(Serialize, ToSchema)]
pub struct InfrastructureList {
    /// The infrastructures.
    pub items: Vec<InfrastructureItem>,
}

/// List infrastructures and the services they offer.
#[utoipa::path(
    get, path = "/api/v1/infrastructures", tag = "way-in", params(CatalogueQuery),
    responses(
        (status = 200, description = "Infrastructures", body = InfrastructureList),
        (status = 400, description = "A filter has a bad value", body = ErrorBody),
    )
)]
pub(crate) async fn list_infrastructures(
    State(state): State<AppState>,
    params: Params,
) -> Result<Json<InfrastructureList>, WebError> {
    let filter = catalogue_filter(&params)?;
    let list = state.store().providers(&filter, Lang::Sv).await?;
    Ok(Json(InfrastructureList {
        items: list
            .iter()
            .map(|p| InfrastructureItem {
                slug: p.slug.to_string(),
                name: (&p.name).into(),
                ownership: p.ownership.map(|o| o.as_str().to_owned()),
                campuses: p.campuses.iter().map(ToString::to_string).collect(),
                services: p.services.iter().map(|(s, _)| s.to_string()).collect(),
            })
            .collect(),
    }))
}

/// List services.
#[utoipa::path(
    get, path = "/api/v1/services", tag = "way-in", params(CatalogueQuery),
    responses(
        (status = 200, description = "Services", body = ServiceList),
        (status = 400, description = "A filter has a bad value", body = ErrorBody),
    )
)]
pub(crate) async fn list_services(
    State(state): State<AppState>,
    params: Params,
) -> Result<Json<ServiceList>, WebError> {
    let filter = catalogue_filter(&params)?;
    let list = state.store().services(&filter, Lang::Sv).await?;
    Ok(Json(ServiceList {
        items: list.iter().map(Into::into).collect(),
    }))
}

/// One service.
#[utoipa::path(
    get, path = "/api/v1/services/{slug}", tag = "way-in",
    params(("slug" = String, Path, description = "The service's slug", example = "vecura-gmp-cell-therapy")),
    responses(
        (status = 200, description = "The service", body = ServiceItem),
        (status = 404, description = "No such service", body = ErrorBody),
    )
)]
pub(crate) async fn get_service(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Json<ServiceItem>, WebError> {
    let slug = domain::Slug::parse(&slug).map_err(|_| WebError::NotFound)?;
    let v = state
        .store()
        .service(&slug)
        .await?
        .ok_or(WebError::NotFound)?;
    Ok(Json((&v).into()))
}

/// Premises filters.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct PremisesQuery {
    /// Only premises on this campus (slug).
    #[param(schema_with = crate::kit::openapi::slug)]
    campus: Option<String>,
    /// What the premises are for.
    #[param(rename = "use", schema_with = crate::kit::openapi::premises_use)]
    usage: Option<String>,
}

/// Premises.
#[derive(Serialize, ToSchema)]
pub struct PremisesItem {
    /// Stable identifier.
    pub slug: String,
    /// Owner (actor slug).
    pub owner: String,
    /// Campus (slug).
    pub campus: String,
    /// lab, office, lab_and_office or other.
    #[serde(rename = "use")]
    pub usage: String,
    /// Name.
    pub name: Text,
    /// Description.
    pub description: Text,
    /// Floor area in m², when stated.
    pub area_m2: Option<u32>,
    /// Available from (YYYY-MM-DD), when stated.
    pub available_from: Option<String>,
    /// A web page or e-mail address.
    pub contact: Option<String>,
}

/// Premises.
#[derive(Serialize, ToSchema)]
pub struct PremisesList {
    /// The premises.
    pub items: Vec<PremisesItem>,
}

/// List premises for companies.
#[utoipa::path(
    get, path = "/api/v1/premises", tag = "way-in", params(PremisesQuery),
    responses(
        (status = 200, description = "Premises", body = PremisesList),
        (status = 400, description = "A filter has a bad value", body = ErrorBody),
    )
)]
pub(crate) async fn list_premises(
    State(state): State<AppState>,
    params: Params,
) -> Result<Json<PremisesList>, WebError> {
    let campus = params.slug("campus")?;
    let usage = params.vocabulary("use", PremisesUse::ALL, PremisesUse::as_str)?;
    let list = state
        .store()
        .premises_list(campus.as_ref(), usage, Lang::Sv)
        .await?;
    Ok(Json(PremisesList {
        items: list
            .iter()
            .map(|v| {
                let p = &v.premises;
                PremisesItem {
                    slug: p.slug.to_string(),
                    owner: p.owner.to_string(),
                    campus: p.campus.to_string(),
                    usage: p.usage.as_str().into(),
                    name: (&p.name).into(),
                    description: (&p.description).into(),
                    area_m2: p.area_m2,
                    available_from: p.available_from.map(|d| d.to_string()),
                    contact: p.contact.as_ref().map(|c| c.as_str().to_owned()),
                }
            })
            .collect(),
    }))
}

/// An access request in a list.
#[derive(Serialize, ToSchema)]
pub struct RequestItem {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Requesting company (actor slug).
    pub company: String,
    /// Infrastructure asked (actor slug).
    pub provider: String,
    /// draft, submitted, preparation, development, execution, completed, declined or withdrawn.
    pub status: String,
    /// Last change (Unix milliseconds).
    pub updated_at: i64,
}

/// Access requests.
#[derive(Serialize, ToSchema)]
pub struct RequestList {
    /// The requests the caller may see, newest change first.
    pub items: Vec<RequestItem>,
}

/// A checklist item.
#[derive(Serialize, ToSchema)]
pub struct ChecklistItemOut {
    /// Id.
    pub id: i64,
    /// The rule template it came from.
    pub key: String,
    /// preparation, development or execution.
    pub stage: String,
    /// company or infrastructure: who checks it off.
    pub party: String,
    /// Whether the stage cannot be left before it is checked or waived.
    pub required: bool,
    /// Title.
    pub title: Text,
    /// Guidance (not legal advice).
    pub guidance: Text,
    /// The rule it rests on.
    pub source: String,
    /// Checked off.
    pub checked: bool,
    /// Waived by the office.
    pub waived: bool,
}

/// A status change.
#[derive(Serialize, ToSchema)]
pub struct RequestHistoryEntry {
    /// From (none when created).
    pub from: Option<String>,
    /// To.
    pub to: String,
    /// Reason given.
    pub reason: Option<String>,
    /// When (Unix milliseconds).
    pub at: i64,
}

/// A message.
#[derive(Serialize, ToSchema)]
pub struct MessageOut {
    /// company or infrastructure.
    pub side: String,
    /// An internal note of the infrastructure (never sent to the company).
    pub internal: bool,
    /// Text.
    pub body: String,
    /// When (Unix milliseconds).
    pub at: i64,
}

/// One access request.
#[derive(Serialize, ToSchema)]
pub struct RequestOut {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Requesting company.
    pub company: String,
    /// Infrastructure asked.
    pub provider: String,
    /// Status.
    pub status: String,
    /// The need.
    pub need: String,
    /// Desired start (YYYY-MM-DD).
    pub desired_start: Option<String>,
    /// Confidentiality needs.
    pub confidentiality: String,
    /// Chosen services (slugs).
    pub services: Vec<String>,
    /// The moves the caller may try now.
    pub moves: Vec<String>,
    /// The checklist.
    pub checklist: Vec<ChecklistItemOut>,
    /// Status history.
    pub history: Vec<RequestHistoryEntry>,
    /// The conversation (internal notes only for the infrastructure side).
    pub messages: Vec<MessageOut>,
}

fn request_out(d: &RequestDetail, side: Side) -> RequestOut {
    RequestOut {
        id: d.summary.id,
        title: d.summary.title.clone(),
        company: d.summary.company.0.to_string(),
        provider: d.summary.provider.0.to_string(),
        status: d.summary.status.as_str().into(),
        need: d.need.clone(),
        desired_start: d.desired_start.map(|s| s.to_string()),
        confidentiality: d.confidentiality.clone(),
        services: d.services.iter().map(|(s, _)| s.to_string()).collect(),
        moves: domain::access::moves_for(d.summary.status, side)
            .iter()
            .map(|m| m.as_str().to_owned())
            .collect(),
        checklist: d
            .items
            .iter()
            .map(|i| ChecklistItemOut {
                id: i.id,
                key: i.key.clone(),
                stage: i.stage.as_str().into(),
                party: i.party.as_str().into(),
                required: i.required,
                title: (&i.title).into(),
                guidance: (&i.guidance).into(),
                source: i.source.clone(),
                checked: i.checked.is_some(),
                waived: i.waived.is_some(),
            })
            .collect(),
        history: d
            .events
            .iter()
            .map(|e| RequestHistoryEntry {
                from: e.from.map(|f| f.as_str().to_owned()),
                to: e.to.as_str().into(),
                reason: e.reason.clone(),
                at: e.at,
            })
            .collect(),
        messages: d
            .messages
            .iter()
            .filter(|m| side != Side::Company || !m.internal)
            .map(|m| MessageOut {
                side: m.side.as_str().into(),
                internal: m.internal,
                body: m.body.clone(),
                at: m.at,
            })
            .collect(),
    }
}

/// Status filter.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct StatusQuery {
    /// Only requests with this status.
    #[param(schema_with = crate::kit::openapi::request_status)]
    status: Option<String>,
}

/// The access requests the caller may see: their company's, their infrastructure's (not drafts), or all sent
/// ones for admins.
#[utoipa::path(
    get, path = "/api/v1/access-requests", tag = "way-in", params(StatusQuery),
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "Requests", body = RequestList),
        (status = 400, description = "A filter has a bad value", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
pub(crate) async fn list_requests(
    State(state): State<AppState>,
    caller: Caller,
    params: Params,
) -> Result<Json<RequestList>, WebError> {
    caller.require(&Action::UseOwnAccount)?;
    let p = caller.principal.as_ref().ok_or(WebError::Unauthorized)?;
    let status = params.vocabulary("status", RequestStatus::ALL, RequestStatus::as_str)?;
    let list = state.store().requests(&visibility(p), status).await?;
    Ok(Json(RequestList {
        items: list
            .into_iter()
            .map(|r| RequestItem {
                id: r.id,
                title: r.title,
                company: r.company.0.to_string(),
                provider: r.provider.0.to_string(),
                status: r.status.as_str().into(),
                updated_at: r.updated_at,
            })
            .collect(),
    }))
}

fn json_body(t: Tr, body: &[u8]) -> Result<serde_json::Value, WebError> {
    let json = crate::kit::json::object_body(body)?;
    if let Some(field) = nul_in(&json, "") {
        return Err(WebError::Fields(vec![(
            field,
            t.t("api-control-character"),
        )]));
    }
    Ok(json)
}

/// Send (or save as a draft with `"draft": true`) an access request for a company the caller is a member of.
/// Body: `company`, `provider` (actor slugs), `services` (slugs of the provider's services), `premises`
/// (optional slug), `title`, `need`, `desired_start` (YYYY-MM-DD, optional), `confidentiality`, `draft`. With a
/// session cookie, send the CSRF token in `X-CSRF-Token`.
#[utoipa::path(
    post, path = "/api/v1/access-requests", tag = "way-in",
    request_body(content = NewAccessRequest, description = "The request", content_type = "application/json"),
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 201, description = "Created", body = RequestOut),
        (status = 400, description = "The body is not a JSON object", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a member of that company, or the CSRF token is missing", body = ErrorBody),
        (status = 422, description = "A field was refused; nothing was created", body = ErrorBody),
    )
)]
pub(crate) async fn create_request(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    caller.require(&Action::UseOwnAccount)?;
    caller.check_csrf(headers.get("x-csrf-token").and_then(|v| v.to_str().ok()))?;
    let t = Tr::new(api_lang(&headers));
    let json = json_body(t, &body)?;
    let text = |k: &str| -> String {
        json.get(k)
            .and_then(serde_json::Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let input = RequestInput {
        company: text("company"),
        provider: text("provider"),
        premises: text("premises"),
        // A value that is not a string is no service's name: it is refused like an unknown one.
        services: json
            .get("services")
            .and_then(serde_json::Value::as_array)
            .map(|a| {
                a.iter()
                    .map(|v| v.as_str().unwrap_or_default().to_owned())
                    .collect()
            })
            .unwrap_or_default(),
        title: text("title"),
        need: text("need"),
        desired_start: text("desired_start"),
        confidentiality: text("confidentiality"),
    };
    let draft = json.get("draft").and_then(serde_json::Value::as_bool) == Some(true);
    let p = caller.principal.as_ref().ok_or(WebError::Unauthorized)?;
    let id =
        app::requests::send_request(state.store(), &state.auth().base_url, t, p, &input, draft)
            .await?;
    let d = state.store().request(id).await?.ok_or(WebError::NotFound)?;
    Ok((StatusCode::CREATED, Json(request_out(&d, Side::Company))).into_response())
}

/// One access request, for its company, the infrastructure's managers and admins.
#[utoipa::path(
    get, path = "/api/v1/access-requests/{id}", tag = "way-in",
    params(("id" = i64, Path, description = "The request's id")),
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "The request", body = RequestOut),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such request, or not one the caller may see", body = ErrorBody),
    )
)]
pub(crate) async fn get_request(
    State(state): State<AppState>,
    Path(id): Path<String>,
    caller: Caller,
) -> Result<Json<RequestOut>, WebError> {
    caller.require(&Action::UseOwnAccount)?;
    let id = crate::kit::params::path_id(&id)?;
    let (side, ..) = side_on(&state, &caller, id).await?;
    let d = state.store().request(id).await?.ok_or(WebError::NotFound)?;
    Ok(Json(request_out(&d, side)))
}

/// A new access request.
#[derive(serde::Deserialize, ToSchema)]
#[allow(dead_code)]
pub struct NewAccessRequest {
    /// The requesting company (slug); the caller must be one of its members.
    #[schema(schema_with = crate::kit::openapi::slug)]
    pub company: String,
    /// The infrastructure asked (slug).
    #[schema(schema_with = crate::kit::openapi::slug)]
    pub provider: String,
    /// Services of the infrastructure (slugs); a service named twice counts once.
    #[schema(schema_with = crate::kit::openapi::slug_list)]
    pub services: Option<Vec<String>>,
    /// Premises of the infrastructure (slug).
    #[schema(schema_with = crate::kit::openapi::slug)]
    pub premises: Option<String>,
    /// A short title.
    #[schema(schema_with = crate::kit::openapi::title_200)]
    pub title: String,
    /// What the company needs.
    #[schema(schema_with = crate::kit::openapi::need_2000)]
    pub need: String,
    /// When the company would like to start.
    #[schema(schema_with = crate::kit::openapi::date)]
    pub desired_start: Option<String>,
    /// What the company will share that is confidential.
    #[schema(schema_with = crate::kit::openapi::optional_2000)]
    pub confidentiality: Option<String>,
    /// `true` saves a draft instead of sending.
    pub draft: Option<bool>,
}

/// A move of an access request.
#[derive(serde::Deserialize, ToSchema)]
#[allow(dead_code)]
pub struct MoveRequest {
    /// The move.
    #[serde(rename = "move")]
    #[schema(schema_with = crate::kit::openapi::request_move)]
    pub step: String,
    /// Why (needed to decline).
    #[schema(schema_with = crate::kit::openapi::optional_10000)]
    pub reason: Option<String>,
}

/// Move a request: `{"move": "submit" | "accept" | "advance" | "decline" | "withdraw", "reason": "..."}`.
/// Refused moves answer 409 with the reason and change nothing.
#[utoipa::path(
    post, path = "/api/v1/access-requests/{id}/transition", tag = "way-in",
    params(("id" = i64, Path, description = "The request's id")),
    request_body(content = MoveRequest, description = "The move", content_type = "application/json"),
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "The request after the move", body = RequestOut),
        (status = 400, description = "The body is not a JSON object", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "The CSRF token is missing", body = ErrorBody),
        (status = 404, description = "No such request, or not one the caller may see", body = ErrorBody),
        (status = 409, description = "The rules refuse the move (wrong side, open checklist items, no reason...)", body = ErrorBody),
        (status = 422, description = "Unknown move", body = ErrorBody),
    )
)]
pub(crate) async fn transition(
    State(state): State<AppState>,
    Path(id): Path<String>,
    caller: Caller,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    caller.require(&Action::UseOwnAccount)?;
    let id = crate::kit::params::path_id(&id)?;
    let (side, ..) = side_on(&state, &caller, id).await?;
    caller.check_csrf(headers.get("x-csrf-token").and_then(|v| v.to_str().ok()))?;
    let t = Tr::new(api_lang(&headers));
    let json = json_body(t, &body)?;
    let text = |k: &str| {
        json.get(k)
            .and_then(serde_json::Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let user = caller.user_id().ok_or(WebError::Unauthorized)?;
    app::requests::move_request(
        state.store(),
        &state.auth().base_url,
        t,
        app::requests::MoveAsked {
            user,
            id,
            side,
            step: &text("move"),
            reason: &text("reason"),
        },
    )
    .await?;
    let d = state.store().request(id).await?.ok_or(WebError::NotFound)?;
    Ok(Json(request_out(&d, side)).into_response())
}
