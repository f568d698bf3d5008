//! Photos people upload with their descriptions (premises, news items): the multipart form read in one place —
//! the file, the CSRF token and the alternative text in both languages — and the JPEG served with the headers
//! every published photo gets.

use crate::kit::error::WebError;
use axum::extract::Multipart;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::LangText;

/// The longest alternative text, in characters.
pub const MAX_ALT: usize = 300;

/// The largest photo upload body (one photo and its texts).
pub const MAX_BODY: usize = app::photos::MAX_BYTES + 64 * 1024;

/// A photo form as sent: `file`, `csrf`, `alt_sv` and `alt_en`.
#[derive(Debug, Default)]
pub struct PhotoUpload {
    /// The CSRF token.
    pub csrf: Option<String>,
    /// The file's bytes (empty when none was chosen).
    pub file: axum::body::Bytes,
    /// The description in Swedish, cleaned.
    pub alt_sv: String,
    /// The description in English, cleaned.
    pub alt_en: String,
}

impl PhotoUpload {
    /// Reads the multipart body; a file over the route's body limit is `TooLarge`.
    pub async fn read(request: axum::extract::Request) -> Result<PhotoUpload, WebError> {
        use axum::extract::FromRequest;
        let mut multipart = Multipart::from_request(request, &())
            .await
            .map_err(|e| WebError::BadBody(e.body_text()))?;
        let mut out = PhotoUpload::default();
        while let Some(field) = multipart
            .next_field()
            .await
            .map_err(|e| WebError::BadBody(e.to_string()))?
        {
            let name = field.name().unwrap_or_default().to_owned();
            if name == "file" {
                out.file = field.bytes().await.map_err(|e| {
                    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                        WebError::TooLarge
                    } else {
                        WebError::BadBody(e.to_string())
                    }
                })?;
                continue;
            }
            if !matches!(name.as_str(), "csrf" | "alt_sv" | "alt_en") {
                continue;
            }
            let text = field
                .text()
                .await
                .map_err(|e| WebError::BadBody(e.to_string()))?;
            match name.as_str() {
                "csrf" => out.csrf = Some(text),
                "alt_sv" => out.alt_sv = domain::text::clean_text(&text).trim().to_owned(),
                _ => out.alt_en = domain::text::clean_text(&text).trim().to_owned(),
            }
        }
        Ok(out)
    }

    /// The alternative text in both languages, or what is wrong with it: a photo is published only with a
    /// description in each language.
    pub fn alt(&self) -> Result<LangText, AltProblem> {
        if self.alt_sv.is_empty() || self.alt_en.is_empty() {
            return Err(AltProblem::Missing);
        }
        if self.alt_sv.chars().count() > MAX_ALT || self.alt_en.chars().count() > MAX_ALT {
            return Err(AltProblem::TooLong);
        }
        Ok(LangText::new(self.alt_sv.clone(), self.alt_en.clone()))
    }
}

/// What is wrong with a photo's alternative text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AltProblem {
    /// One language (or both) has none.
    Missing,
    /// Longer than [`MAX_ALT`] characters.
    TooLong,
}

/// A published photo's JPEG: cached for a day (a new photo gets a new id, so an address always names the same
/// bytes) and sandboxed.
pub fn jpeg(bytes: Vec<u8>) -> Response {
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg"));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=86400"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    res
}
