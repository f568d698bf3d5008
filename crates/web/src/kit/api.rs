//! What every part of the JSON API shares: the error body (rendered by `kit::error::render_errors`), texts in
//! both languages, the bearer-token scheme in the document, and the Swagger UI that shows it.

use crate::AppState;
use crate::kit::error::WebError;
use axum::Router;
use domain::LangText;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_swagger_ui::SwaggerUi;

/// A text in both languages.
#[derive(Serialize, ToSchema)]
pub struct Text {
    /// Swedish.
    pub sv: String,
    /// English.
    pub en: String,
}

impl From<&LangText> for Text {
    fn from(t: &LangText) -> Self {
        Text {
            sv: t.sv.clone(),
            en: t.en.clone(),
        }
    }
}

/// An error.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

/// What went wrong.
#[derive(Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable code: not_found, bad_parameter, internal, unavailable.
    pub code: String,
    /// A message for people, in the language of `Accept-Language`.
    pub message: String,
    /// The query parameter or field at fault, when one is (the first, when several are).
    pub parameter: Option<String>,
    /// Each refused field with its message (empty unless the request had fields refused).
    pub fields: Vec<FieldError>,
}

/// One refused field.
#[derive(Serialize, ToSchema)]
pub struct FieldError {
    /// The field (`name.sv`, `website`, `relations[0].to`).
    pub field: String,
    /// Why, in the language of `Accept-Language`.
    pub message: String,
}

/// The path of the first string in `v` that holds a NUL character (which no text field may hold).
pub(crate) fn nul_in(v: &serde_json::Value, path: &str) -> Option<String> {
    match v {
        serde_json::Value::String(s) if s.contains('\0') => Some(path.to_owned()),
        serde_json::Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, x)| nul_in(x, &format!("{path}[{i}]"))),
        serde_json::Value::Object(map) => map.iter().find_map(|(k, x)| {
            let p = if path.is_empty() {
                k.clone()
            } else {
                format!("{path}.{k}")
            };
            nul_in(x, &p)
        }),
        _ => None,
    }
}

/// The 422 answer listing refused fields (rendered, like every error, by `render_errors`).
pub(crate) fn refused(fields: Vec<(String, String)>) -> axum::response::Response {
    use axum::response::IntoResponse;
    WebError::Fields(fields).into_response()
}

/// Declares the bearer-token scheme (tokens are created on the account page or with `samverkan token create`).
pub struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(utoipa::openapi::security::ApiKey::Cookie(
                utoipa::openapi::security::ApiKeyValue::new(crate::kit::caller::SESSION_COOKIE),
            )),
        );
    }
}

/// The OpenAPI document and the interactive docs (Swagger UI, vendored in the binary: no CDN).
pub(crate) fn docs(doc: utoipa::openapi::OpenApi) -> Router<AppState> {
    Router::new().merge(SwaggerUi::new("/api/v1/docs").url("/api/v1/openapi.json", doc))
}
