//! Static assets compiled into the binary (no CDN): served with a content hash for long-lived caching.

use crate::kit::error::WebError;
use axum::extract::Path;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};

struct Asset {
    name: &'static str,
    content_type: &'static str,
    body: &'static [u8],
}

const ASSETS: &[Asset] = &[
    Asset {
        name: "style.css",
        content_type: "text/css; charset=utf-8",
        body: include_bytes!("../../static/style.css"),
    },
    Asset {
        name: "favicon.svg",
        content_type: "image/svg+xml",
        body: include_bytes!("../../static/favicon.svg"),
    },
    Asset {
        name: "kit.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_bytes!("../../static/kit.js"),
    },
    Asset {
        name: "atlas.css",
        content_type: "text/css; charset=utf-8",
        body: include_bytes!("../../static/atlas.css"),
    },
    Asset {
        name: "atlas.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_bytes!("../../static/atlas.js"),
    },
    Asset {
        name: "search.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_bytes!("../../static/search.js"),
    },
    Asset {
        // sigma.js and graphology (MIT), bundled by scripts/build-atlas-vendor; licences in static/vendor/.
        name: "sigma-graphology.min.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_bytes!("../../static/vendor/sigma-graphology.min.js"),
    },
];

/// A short, stable fingerprint of an asset's content (FNV-1a), used as a cache-busting query and ETag.
fn fingerprint(body: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in body {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:012x}", h & 0xffff_ffff_ffff)
}

/// Each asset's fingerprint, computed once.
fn fingerprints() -> &'static [String] {
    static PRINTS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    PRINTS.get_or_init(|| ASSETS.iter().map(|a| fingerprint(a.body)).collect())
}

/// The URL of an asset with its fingerprint, for templates.
pub(crate) fn url(name: &str) -> String {
    match ASSETS.iter().position(|a| a.name == name) {
        Some(i) => format!(
            "/static/{name}?v={}",
            fingerprints().get(i).map_or("", String::as_str)
        ),
        None => format!("/static/{name}"),
    }
}

pub(crate) async fn serve(
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let i = ASSETS
        .iter()
        .position(|a| a.name == file)
        .ok_or(WebError::NotFound)?;
    let asset = &ASSETS[i];
    let etag = format!("\"{}\"", fingerprints().get(i).map_or("", String::as_str));
    let cache = (header::CACHE_CONTROL, "public, max-age=31536000, immutable");
    if headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        == Some(etag.as_str())
    {
        return Ok((
            StatusCode::NOT_MODIFIED,
            [(header::ETAG, etag.clone())],
            [cache],
        )
            .into_response());
    }
    Ok((
        [(header::CONTENT_TYPE, asset.content_type), cache],
        [(header::ETAG, etag)],
        asset.body,
    )
        .into_response())
}
