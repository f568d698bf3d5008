//! Static assets compiled into the binary (no CDN): served with a content hash for long-lived caching.

use crate::kit::error::WebError;
use axum::extract::Path;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::io::Write;

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

/// Each asset compressed with gzip at the best level, made once (not per request), or `None` when compressing
/// does not make it smaller.
fn gzipped() -> &'static [Option<Vec<u8>>] {
    static GZIPPED: std::sync::OnceLock<Vec<Option<Vec<u8>>>> = std::sync::OnceLock::new();
    GZIPPED.get_or_init(|| {
        ASSETS
            .iter()
            .map(|a| {
                let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
                e.write_all(a.body).ok()?;
                e.finish().ok().filter(|gz| gz.len() < a.body.len())
            })
            .collect()
    })
}

/// Whether the client takes gzip (`Accept-Encoding: gzip`, not with `q=0`).
fn accepts_gzip(headers: &HeaderMap) -> bool {
    crate::kit::header_items(headers, header::ACCEPT_ENCODING).any(|coding| {
        let mut parts = coding.split(';').map(str::trim);
        let name = parts.next().unwrap_or("");
        let refused = parts.any(|p| {
            p.strip_prefix("q=")
                .and_then(|q| q.parse::<f32>().ok())
                .is_some_and(|q| q == 0.0)
        });
        (name.eq_ignore_ascii_case("gzip") || name == "*") && !refused
    })
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
    let print = fingerprints().get(i).map_or("", String::as_str);
    // Each representation has its own tag; the gzip one is sent as it was compressed at the first request.
    let gz = gzipped()
        .get(i)
        .and_then(Option::as_deref)
        .filter(|_| accepts_gzip(&headers));
    let etag = match gz {
        Some(_) => format!("\"{print}-gz\""),
        None => format!("\"{print}\""),
    };
    let common = [
        (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        (header::VARY, "Accept-Encoding"),
    ];
    if headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        == Some(etag.as_str())
    {
        return Ok((StatusCode::NOT_MODIFIED, [(header::ETAG, etag)], common).into_response());
    }
    let mut res = (
        [(header::CONTENT_TYPE, asset.content_type)],
        common,
        [(header::ETAG, etag)],
        gz.unwrap_or(asset.body),
    )
        .into_response();
    if gz.is_some() {
        res.headers_mut().insert(
            header::CONTENT_ENCODING,
            axum::http::HeaderValue::from_static("gzip"),
        );
    }
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;
    use std::io::Read;

    fn with(encoding: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(encoding).expect("valid in the test"),
        );
        h
    }

    #[test]
    fn gzip_is_sent_to_those_who_take_it() {
        assert!(accepts_gzip(&with("gzip, deflate, br")));
        assert!(accepts_gzip(&with("br;q=1.0, gzip;q=0.8")));
        assert!(accepts_gzip(&with("*")));
        assert!(!accepts_gzip(&with("gzip;q=0, br")));
        assert!(!accepts_gzip(&with("br")));
        assert!(!accepts_gzip(&HeaderMap::new()));
    }

    #[test]
    fn every_compressed_asset_is_its_original() {
        for (asset, gz) in ASSETS.iter().zip(gzipped()) {
            if let Some(gz) = gz {
                let mut out = Vec::new();
                flate2::read::GzDecoder::new(gz.as_slice())
                    .read_to_end(&mut out)
                    .expect("valid in the test");
                assert_eq!(out, asset.body, "{}", asset.name);
            }
        }
        let css = ASSETS
            .iter()
            .position(|a| a.name == "style.css")
            .expect("valid in the test");
        assert!(
            gzipped()[css].is_some(),
            "the style sheet is worth compressing"
        );
    }
}
