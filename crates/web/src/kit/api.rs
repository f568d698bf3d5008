//! What every part of the JSON API shares: the error body (rendered by `kit::error::render_errors`), texts in
//! both languages, the bearer-token scheme in the document, and the Swagger UI that shows it.

use crate::AppState;
use crate::kit::error::WebError;
use axum::Router;
use domain::LangText;
use serde::Serialize;
use utoipa::ToSchema;

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

/// The interactive docs' own page. Swagger UI's files (vendored in the binary) are served as they are; this page
/// replaces its `index.html` to give the page a title and a main landmark, and to add a stylesheet and a script
/// that make Swagger UI meet WCAG 2.1 AA where it does not by itself (contrast, names of its fields, keyboard
/// access to scrolling code). The page is in English, like the API's descriptions.
const DOCS_INDEX: &str = r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API documentation – Samverkan</title>
<link rel="stylesheet" href="./swagger-ui.css">
<link rel="stylesheet" href="./index.css">
<link rel="stylesheet" href="./samverkan.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
</head>
<body>
<a class="samverkan-skip" href="#main">Skip to the API documentation</a>
<header class="samverkan-header">
<p><a href="/">Samverkan</a> · <a href="/en/accessibility">Accessibility statement</a> · <a href="/api/v1/openapi.json">OpenAPI document (JSON)</a></p>
</header>
<main id="main" tabindex="-1">
<h1 class="samverkan-title">API documentation</h1>
<div id="swagger-ui"><p>The interactive documentation needs JavaScript. The same information is in the <a href="/api/v1/openapi.json">OpenAPI document</a>.</p></div>
</main>
<script src="./swagger-ui-bundle.js"></script>
<script src="./swagger-ui-standalone-preset.js"></script>
<script src="./swagger-initializer.js"></script>
<script src="./samverkan.js"></script>
</body>
</html>
"##;

/// The stylesheet laid over Swagger UI's own.
const DOCS_CSS: &str = include_str!("../../static/api-docs.css");
/// The script that names Swagger UI's unnamed fields and lets the keyboard reach what scrolls.
const DOCS_JS: &str = include_str!("../../static/api-docs.js");

/// The OpenAPI document and the interactive docs (Swagger UI, vendored in the binary: no CDN).
pub(crate) fn docs(doc: utoipa::openapi::OpenApi) -> Router<AppState> {
    use axum::http::header::CONTENT_TYPE;
    use axum::response::{IntoResponse, Redirect};
    use axum::routing::get;
    use std::sync::Arc;
    use utoipa_swagger_ui::Config;
    // Without the search bar of the standalone layout (an unlabelled field that only loads other documents),
    // without deep links (a link inside each operation's button, which WCAG 4.1.2 forbids), and without syntax
    // highlighting (its colours on the dark code background are below 4.5:1).
    let config = Arc::new(
        Config::new(["/api/v1/openapi.json"])
            .use_base_layout()
            .deep_linking(false)
            .with_syntax_highlight(false),
    );
    let json: Arc<str> = serde_json::to_string(&doc)
        .unwrap_or_else(|_| "{}".to_owned())
        .into();
    let file = move |tail: &str| -> axum::response::Response {
        match tail {
            "" | "index.html" => {
                ([(CONTENT_TYPE, "text/html; charset=utf-8")], DOCS_INDEX).into_response()
            }
            "samverkan.css" => {
                ([(CONTENT_TYPE, "text/css; charset=utf-8")], DOCS_CSS).into_response()
            }
            "samverkan.js" => {
                ([(CONTENT_TYPE, "text/javascript; charset=utf-8")], DOCS_JS).into_response()
            }
            _ => match utoipa_swagger_ui::serve(tail, config.clone()) {
                Ok(Some(f)) => ([(CONTENT_TYPE, f.content_type)], f.bytes).into_response(),
                Ok(None) => WebError::NotFound.into_response(),
                Err(e) => {
                    tracing::error!(error = %e, "Swagger UI file {tail}");
                    axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response()
                }
            },
        }
    };
    let index = file.clone();
    Router::new()
        .route(
            "/api/v1/openapi.json",
            get(move || {
                let json = json.clone();
                async move { ([(CONTENT_TYPE, "application/json")], json.to_string()) }
            }),
        )
        .route(
            "/api/v1/docs",
            get(|| async { Redirect::to("/api/v1/docs/") }),
        )
        .route("/api/v1/docs/", get(move || async move { index("") }))
        .route(
            "/api/v1/docs/{*tail}",
            get(move |axum::extract::Path(tail): axum::extract::Path<String>| async move {
                file(&tail)
            }),
        )
}
