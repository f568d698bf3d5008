//! The one web error type: each case maps to a status, a stable code and a translated message.
//!
//! Handlers return `WebError`; its response carries the error as an extension, and the `render_errors`
//! middleware turns it into an HTML page (in the language of the URL) or an API JSON body (in the language of
//! `Accept-Language`). Internal causes are logged once, there, and never shown. The middleware lives in
//! `kit::page`, beside the error page it renders.

use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::Lang;
use i18n::FluentValue;
use i18n::translate;
use std::sync::Arc;

/// Why a query parameter was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamProblem {
    /// Not a whole number.
    NotANumber,
    /// A number outside the accepted range.
    OutOfRange {
        /// Smallest accepted value.
        min: u64,
        /// Largest accepted value.
        max: u64,
    },
    /// A value outside a closed vocabulary.
    UnknownValue {
        /// The accepted values.
        allowed: Vec<&'static str>,
    },
    /// Not a valid slug.
    BadSlug,
    /// Longer than allowed.
    TooLong {
        /// The longest accepted length in characters.
        max: usize,
    },
    /// The query string itself could not be decoded.
    Malformed,
}

/// Everything a request can fail with.
#[derive(Debug, Clone, thiserror::Error)]
pub enum WebError {
    /// No such page or object.
    #[error("not found")]
    NotFound,
    /// A query parameter had a bad value.
    #[error("bad parameter {param}: {problem:?}")]
    BadParam {
        /// The parameter's name as the client sent it.
        param: String,
        /// What is wrong with it.
        problem: ParamProblem,
    },
    /// The request needs a signed-in caller.
    #[error("sign in required")]
    Unauthorized,
    /// The caller may not do this.
    #[error("forbidden")]
    Forbidden,
    /// A form or cookie-authenticated API write came without the right CSRF token.
    #[error("missing or wrong CSRF token")]
    Csrf,
    /// The request body could not be read as the expected format.
    #[error("bad request body: {0}")]
    BadBody(String),
    /// The request body is larger than accepted.
    #[error("request body too large")]
    TooLarge,
    /// The body came in a format this endpoint does not read (a JSON endpoint sent a form).
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// The path exists but not with this method (API paths; pages answer 404).
    #[error("method not allowed")]
    MethodNotAllowed,
    /// A submitted value was refused; the field names what.
    #[error("invalid field {field}: {message}")]
    Invalid {
        /// The field at fault (`name.sv`, `website`, `relations[2].to`).
        field: String,
        /// The message, already translated.
        message: String,
    },
    /// What was sent exists already or collides with what exists (a duplicate).
    #[error("conflict")]
    Conflict {
        /// The field at fault, when known.
        field: Option<String>,
    },
    /// What was sent refers to something that does not exist, or breaks a rule of the data.
    #[error("refused by the data's rules")]
    Refused,
    /// A field named something that does not exist (a tag, an area, a service that is not offered).
    #[error("unknown choice in {field}")]
    UnknownChoice {
        /// The field at fault.
        field: String,
    },
    /// Fields of a submitted body were refused; each with its message, already translated.
    #[error("fields refused: {0:?}")]
    Fields(Vec<(String, String)>),
    /// The rules refuse what was asked (a move the request's state does not allow); the message is translated.
    #[error("refused by a rule: {0}")]
    Rule(String),
    /// The database or another internal part failed; the cause is logged, not shown.
    #[error("internal error: {0}")]
    Internal(String),
    /// A dependency the request needs (the database) is not available.
    #[error("service unavailable: {0}")]
    Unavailable(String),
}

impl From<app::AppError> for WebError {
    fn from(e: app::AppError) -> Self {
        match e {
            app::AppError::Store(e) => e.into(),
            other => WebError::Internal(other.to_string()),
        }
    }
}

impl From<app::requests::RequestFail> for WebError {
    fn from(e: app::requests::RequestFail) -> Self {
        use app::requests::{Refusal, RequestFail};
        match e {
            RequestFail::Refused(Refusal::Fields(list)) => WebError::Fields(list),
            RequestFail::Refused(Refusal::Forbidden) => WebError::Forbidden,
            RequestFail::Refused(Refusal::Rule(message)) => WebError::Rule(message),
            RequestFail::Refused(Refusal::NotFound) => WebError::NotFound,
            RequestFail::Store(e) => e.into(),
        }
    }
}

impl From<store::StoreError> for WebError {
    /// Errors mapped once: what the store says happened decides the answer. A missing object is 404, a value
    /// that is taken is 409, a write the database's rules refused is 422 — input that got past validation is
    /// still the user's mistake, never a 500. Only a failing database is an internal error.
    fn from(e: store::StoreError) -> Self {
        use store::{ConstraintKind, StoreError};
        match e {
            StoreError::NotFound(_) => WebError::NotFound,
            StoreError::UnknownReference(field) => WebError::UnknownChoice {
                field: field.to_owned(),
            },
            StoreError::Conflict(field) => WebError::Conflict {
                field: Some(field.to_owned()),
            },
            StoreError::Constraint { kind, detail } => {
                tracing::warn!(%detail, ?kind, "a database rule refused a write that validation let through");
                match kind {
                    ConstraintKind::Unique => WebError::Conflict { field: None },
                    ConstraintKind::Reference | ConstraintKind::Check => WebError::Refused,
                }
            }
            other => WebError::Internal(other.to_string()),
        }
    }
}

impl WebError {
    /// The HTTP status for this error.
    pub fn status(&self) -> StatusCode {
        match self {
            WebError::NotFound => StatusCode::NOT_FOUND,
            WebError::BadParam { .. } | WebError::BadBody(_) => StatusCode::BAD_REQUEST,
            WebError::Unauthorized => StatusCode::UNAUTHORIZED,
            WebError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            WebError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            WebError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            WebError::Forbidden | WebError::Csrf => StatusCode::FORBIDDEN,
            WebError::Invalid { .. } | WebError::Refused | WebError::UnknownChoice { .. } => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            WebError::Conflict { .. } | WebError::Rule(_) => StatusCode::CONFLICT,
            WebError::Fields(_) => StatusCode::UNPROCESSABLE_ENTITY,
            WebError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            WebError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// The stable, machine-readable code for API clients.
    pub fn code(&self) -> &'static str {
        match self {
            WebError::NotFound => "not_found",
            WebError::BadParam { .. } => "bad_parameter",
            WebError::BadBody(_) => "bad_body",
            WebError::Unauthorized => "unauthorized",
            WebError::TooLarge => "too_large",
            WebError::UnsupportedMediaType => "unsupported_media_type",
            WebError::MethodNotAllowed => "method_not_allowed",
            WebError::Forbidden => "forbidden",
            WebError::Csrf => "csrf",
            WebError::Invalid { .. } | WebError::Refused | WebError::UnknownChoice { .. } => {
                "invalid"
            }
            WebError::Conflict { .. } => "conflict",
            WebError::Rule(_) => "refused",
            WebError::Fields(_) => "invalid",
            WebError::Internal(_) => "internal",
            WebError::Unavailable(_) => "unavailable",
        }
    }

    /// A short heading for the error page.
    pub fn title(&self, lang: Lang) -> String {
        let key = match self {
            WebError::NotFound => "error-not-found-title",
            WebError::BadParam { .. }
            | WebError::BadBody(_)
            | WebError::Invalid { .. }
            | WebError::Conflict { .. }
            | WebError::Rule(_)
            | WebError::Fields(_)
            | WebError::Refused
            | WebError::UnknownChoice { .. }
            | WebError::TooLarge
            | WebError::UnsupportedMediaType
            | WebError::MethodNotAllowed => "error-bad-request-title",
            WebError::Unauthorized => "error-unauthorized-title",
            WebError::Forbidden => "error-forbidden-title",
            WebError::Csrf => "error-csrf-title",
            WebError::Internal(_) => "error-internal-title",
            WebError::Unavailable(_) => "error-unavailable-title",
        };
        translate(lang, key, &[])
    }

    /// The message shown to the user, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            WebError::NotFound => translate(lang, "error-not-found", &[]),
            WebError::Unauthorized => translate(lang, "error-unauthorized", &[]),
            WebError::Forbidden => translate(lang, "error-forbidden", &[]),
            WebError::Csrf => translate(lang, "error-csrf", &[]),
            WebError::BadBody(_) => translate(lang, "error-bad-body", &[]),
            WebError::TooLarge => translate(lang, "error-too-large", &[]),
            WebError::UnsupportedMediaType => translate(lang, "error-unsupported-media-type", &[]),
            WebError::MethodNotAllowed => translate(lang, "error-method-not-allowed", &[]),
            WebError::Invalid { field, message } => translate(
                lang,
                "error-invalid-field",
                &[
                    ("field", FluentValue::from(field.as_str())),
                    ("message", FluentValue::from(message.as_str())),
                ],
            ),
            WebError::Conflict { .. } => translate(lang, "error-conflict", &[]),
            WebError::Rule(message) => message.clone(),
            WebError::Fields(_) => translate(lang, "form-error-summary", &[]),
            WebError::Refused => translate(lang, "error-refused", &[]),
            WebError::UnknownChoice { field } => {
                let key = format!("field-name-{field}");
                let name = i18n::try_translate(lang, &key).unwrap_or_else(|| field.clone());
                translate(
                    lang,
                    "error-unknown-choice",
                    &[("field", FluentValue::from(name))],
                )
            }
            WebError::Internal(_) => translate(lang, "error-internal", &[]),
            WebError::Unavailable(_) => translate(lang, "error-unavailable", &[]),
            WebError::BadParam { param, problem } => {
                let p = ("param", FluentValue::from(param.as_str()));
                match problem {
                    ParamProblem::NotANumber => translate(lang, "error-param-number", &[p]),
                    ParamProblem::OutOfRange { min, max } => translate(
                        lang,
                        "error-param-range",
                        &[
                            p,
                            ("min", FluentValue::from(min.to_string())),
                            ("max", FluentValue::from(max.to_string())),
                        ],
                    ),
                    ParamProblem::UnknownValue { allowed } => translate(
                        lang,
                        "error-param-unknown",
                        &[p, ("allowed", FluentValue::from(allowed.join(", ")))],
                    ),
                    ParamProblem::BadSlug => translate(lang, "error-param-slug", &[p]),
                    ParamProblem::TooLong { max } => translate(
                        lang,
                        "error-param-too-long",
                        &[p, ("max", FluentValue::from(max.to_string()))],
                    ),
                    ParamProblem::Malformed => translate(lang, "error-param-malformed", &[]),
                }
            }
        }
    }

    /// The fields at fault with their messages in `lang`: the refused fields of a body, or the one field of
    /// a field error; empty for other errors.
    pub fn fields(&self, lang: Lang) -> Vec<(String, String)> {
        match self {
            WebError::Fields(fields) => fields.clone(),
            WebError::Invalid { field, message } => vec![(field.clone(), message.clone())],
            WebError::UnknownChoice { field } => {
                vec![(field.clone(), translate(lang, "field-unknown-choice", &[]))]
            }
            _ => Vec::new(),
        }
    }

    /// The parameter at fault, when there is one.
    pub fn param(&self) -> Option<&str> {
        match self {
            WebError::BadParam { param, .. } => Some(param),
            WebError::Invalid { field, .. } => Some(field),
            WebError::Conflict { field } => field.as_deref(),
            WebError::UnknownChoice { field } => Some(field),
            WebError::Fields(fields) => fields.first().map(|(f, _)| f.as_str()),
            _ => None,
        }
    }
}

/// The error travelling from a handler to `render_errors`.
#[derive(Debug, Clone)]
pub(crate) struct ErrorMarker(pub Arc<WebError>);

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let mut res = self.status().into_response();
        res.extensions_mut().insert(ErrorMarker(Arc::new(self)));
        res
    }
}

/// The language for an API message: the first of `sv`/`en` named in `Accept-Language`, else English.
pub(crate) fn api_lang(headers: &HeaderMap) -> Lang {
    let Some(value) = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
    else {
        return Lang::En;
    };
    for part in value.split(',') {
        let tag = part
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        let primary = tag.split('-').next().unwrap_or_default();
        if let Some(lang) = Lang::parse(primary) {
            return lang;
        }
    }
    Lang::En
}

/// The language of a page URL (`/en/...`), Swedish when the prefix is missing or unknown.
pub(crate) fn path_lang(path: &str) -> Lang {
    path.trim_start_matches('/')
        .split('/')
        .next()
        .and_then(Lang::parse)
        .unwrap_or_default()
}
