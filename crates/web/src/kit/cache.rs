//! The public answer cache: what an anonymous visitor is answered to a GET — a page, an API list, a feed — kept in
//! memory for the data version it was made from, with an `ETag` so a browser that has it gets `304 Not Modified`.
//!
//! Freshness. The data version is a number this server moves forward (1) after every request that may have
//! written and did — its write moved the audit log's stamp — before that request's answer leaves (so the writer's
//! next request sees its change), and (2) whenever
//! the database's stamp — the audit log's entries, which every write adds to in its own transaction — changes,
//! read by [`follow`] every half second and at once when PostgreSQL notifies a write (so another server's write is
//! seen within that). Either way the search index catches up before the version moves ([`catch_up`]). An answer
//! is made after
//! the version it is filed under was read, so it is never older than that version; a version change empties the
//! cache. Answers that depend on the clock (an event passing from upcoming to past) are kept at most a minute.
//!
//! What is kept: the answer to a GET without a session cookie or an `Authorization` header, with status 200, no
//! `Set-Cookie` and no `Cache-Control: no-store` or `private` — the same bytes every anonymous visitor would get.
//! Signed-in people always get a page made for them. The operations endpoints and the static assets (served
//! from the binary with their own validators) are left out. Size-bounded: at most [`BUDGET`] bytes of answers,
//! the least useful dropped first (S3-FIFO, by quick_cache). A request with `Cache-Control: no-cache` (a hard
//! reload) is answered anew.

use crate::AppState;
use crate::kit::caller::{SESSION_COOKIE, cookie, is_visitor_token};
use crate::kit::error::WebError;
use crate::kit::header_items;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// The most bytes of answers kept (bodies, their keys and headers).
pub const BUDGET: u64 = 48 * 1024 * 1024;
/// The largest single answer kept.
const LARGEST: usize = 4 * 1024 * 1024;
/// How long an answer is kept at most, for what depends on the clock rather than on the data.
const MAX_AGE: Duration = Duration::from_secs(60);
/// How often [`follow`] reads the database's stamp.
pub const FOLLOW_EVERY: Duration = Duration::from_millis(500);
/// Every how many ticks of [`follow`] the search index catches up even when the stamp did not move (two seconds).
const SEARCH_FALLBACK_TICKS: u32 = 4;
/// How far below the largest audit id the stamp's count starts (see `Store::data_stamp`).
const STAMP_WINDOW: i64 = 10_000;
/// The response headers a kept answer carries over (the outer layers add the security headers again).
const KEPT_HEADERS: [HeaderName; 5] = [
    header::CONTENT_TYPE,
    header::CONTENT_ENCODING,
    header::CONTENT_DISPOSITION,
    header::CONTENT_LANGUAGE,
    header::VARY,
];

struct Entry {
    version: u64,
    made: Instant,
    /// A mark that answers to this key are not kept (they set a cookie, are too large...): later requests are
    /// made at once instead of waiting for one another.
    pass: bool,
    etag: HeaderValue,
    headers: Vec<(HeaderName, HeaderValue)>,
    body: Bytes,
}

impl Entry {
    fn pass(version: u64) -> Entry {
        Entry {
            version,
            made: Instant::now(),
            pass: true,
            etag: HeaderValue::from_static("\"\""),
            headers: Vec::new(),
            body: Bytes::new(),
        }
    }
}

#[derive(Clone)]
struct Weigher;

impl quick_cache::Weighter<String, Arc<Entry>> for Weigher {
    fn weight(&self, key: &String, entry: &Arc<Entry>) -> u64 {
        (key.len() + entry.body.len() + 256) as u64
    }
}

/// The cache and the data version it follows; one per server.
pub struct AnswerCache {
    entries: quick_cache::sync::Cache<String, Arc<Entry>, Weigher>,
    version: AtomicU64,
    /// The last stamp read: (floor, entries above it, largest id). Held for a whole round of [`catch_up`].
    stamp: tokio::sync::Mutex<Option<(i64, i64, i64)>>,
    hits: AtomicU64,
    misses: AtomicU64,
}

impl Default for AnswerCache {
    fn default() -> Self {
        AnswerCache {
            // The estimate of items only sizes the tables; the weight bounds the cache.
            entries: quick_cache::sync::Cache::with_weighter(4096, BUDGET, Weigher),
            version: AtomicU64::new(0),
            stamp: tokio::sync::Mutex::new(None),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
        }
    }
}

impl AnswerCache {
    /// The current data version.
    pub fn version(&self) -> u64 {
        self.version.load(Ordering::Acquire)
    }

    /// Moves the version forward and forgets every answer: something may have changed.
    pub fn invalidate(&self) {
        self.version.fetch_add(1, Ordering::AcqRel);
        self.entries.clear();
    }

    /// Reads the database's stamp into `stamp`; whether it moved since the last reading (or this is the first,
    /// since answers may have been kept before it).
    async fn read_stamp(
        stamp: &mut Option<(i64, i64, i64)>,
        store: &store::Store,
    ) -> Result<bool, store::StoreError> {
        let prev = *stamp;
        let floor = prev.map_or(0, |s| s.0);
        let (n, last) = store.data_stamp(floor).await?;
        let mut next = (floor, n, last);
        let mut moved = prev != Some(next);
        if last - floor > 2 * STAMP_WINDOW {
            // The floor follows the largest id at a distance, so the count stays an index range scan. A write
            // that commits between the two reads would be hidden in the new baseline: invalidate anyway.
            let floor = last - STAMP_WINDOW;
            let (n, last) = store.data_stamp(floor).await?;
            next = (floor, n, last);
            moved = true;
        }
        *stamp = Some(next);
        Ok(moved)
    }

    /// (hits, misses) since the start, for /metrics.
    pub fn counts(&self) -> (u64, u64) {
        (
            self.hits.load(Ordering::Relaxed),
            self.misses.load(Ordering::Relaxed),
        )
    }
}

/// A value read from the database and kept for one data version (a read model): a page that needs it on every
/// visit (the campuses' names in a form) reads it once per version instead of once per request. Read after the
/// version, so never older than it, like the answers.
pub struct PerVersion<T>(std::sync::Mutex<Option<(u64, Arc<T>)>>);

impl<T> Default for PerVersion<T> {
    fn default() -> Self {
        PerVersion(std::sync::Mutex::new(None))
    }
}

impl<T> PerVersion<T> {
    /// The value for the current version, loaded with `load` when there is none yet.
    pub async fn get<E, F>(&self, cache: &AnswerCache, load: F) -> Result<Arc<T>, E>
    where
        F: std::future::Future<Output = Result<T, E>>,
    {
        let lock = || {
            self.0
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        let version = cache.version();
        if let Some((v, value)) = &*lock()
            && *v == version
        {
            return Ok(value.clone());
        }
        let value = Arc::new(load.await?);
        if cache.version() == version {
            *lock() = Some((version, value.clone()));
        }
        Ok(value)
    }
}

/// One round of following the data: reads the database's stamp and, when it moved, brings the search index up to
/// date and only then moves the version (emptying the cache), so that an answer made under the new version comes
/// from an index holding every write the stamp counts (a search answered between the two would otherwise be kept
/// under the new version without the write). One round at a time on a server: a writing request's round waits
/// for the follower's, so it never finds the stamp read but the cache not yet emptied.
pub(crate) async fn catch_up(state: &AppState) -> Result<bool, WebError> {
    let cache = state.answers();
    let mut stamp = cache.stamp.lock().await;
    let moved = AnswerCache::read_stamp(&mut stamp, state.store()).await?;
    if moved {
        let synced = state.sync_search().await;
        cache.invalidate();
        synced?;
    }
    Ok(moved)
}

/// Follows the data written by other servers (and by background work on this one): reads the database's stamp
/// every [`FOLLOW_EVERY`], and at once when PostgreSQL notifies a write; when it moved, the search index catches up
/// and then the cache is emptied ([`catch_up`]); the index also catches up every two seconds, as a fallback. The
/// one follower a server runs; runs until aborted.
pub fn follow(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut notices = match state.store().change_listener().await {
            Ok(l) => l,
            Err(e) => {
                tracing::warn!(error = %e, "listening for other servers' writes failed; polling only");
                store::ChangeListener::none()
            }
        };
        let mut tick = tokio::time::interval(FOLLOW_EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut ticks: u32 = 0;
        loop {
            ticks = ticks.wrapping_add(1);
            tokio::select! {
                _ = tick.tick() => {}
                heard = notices.next() => {
                    if let Err(e) = heard {
                        tracing::warn!(error = %e, "the notice of other servers' writes failed; polling only");
                        notices = store::ChangeListener::none();
                    }
                }
            }
            let moved = match catch_up(&state).await {
                Ok(moved) => moved,
                Err(e) => {
                    tracing::warn!(error = %e, "following the data failed");
                    false
                }
            };
            // The search index also catches up every [`SEARCH_FALLBACK_TICKS`] ticks whatever the stamp says (its
            // change log is its own truth).
            if !moved
                && ticks.is_multiple_of(SEARCH_FALLBACK_TICKS)
                && let Err(e) = state.sync_search().await
            {
                tracing::warn!(error = %e, "search index catch-up failed");
            }
        }
    })
}

/// Whether a request may be answered from the cache, and under which key.
fn key_of(req: &Request) -> Option<String> {
    if req.method() != Method::GET {
        return None;
    }
    let headers = req.headers();
    if headers.contains_key(header::AUTHORIZATION) || has_session(headers) {
        return None;
    }
    let path = req.uri().path();
    if path.starts_with("/static/") || matches!(path, "/healthz" | "/readyz" | "/metrics") {
        return None;
    }
    let encoding = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let uri = req
        .uri()
        .path_and_query()
        .map_or(path, |p| p.as_str())
        .to_owned();
    Some(format!("{encoding}\n{uri}"))
}

/// Whether the request carries a session, as the caller extractor reads it. A visitor token (a signed-out visitor
/// who opened a form) is none: such a visitor sees what every visitor sees.
fn has_session(headers: &HeaderMap) -> bool {
    cookie(headers, SESSION_COOKIE).is_some_and(|value| !is_visitor_token(&value))
}

/// Whether an answer is the same for every anonymous visitor and may be kept.
fn keepable(res: &Response) -> bool {
    if res.status() != StatusCode::OK || res.headers().contains_key(header::SET_COOKIE) {
        return false;
    }
    !header_items(res.headers(), header::CACHE_CONTROL)
        .any(|d| d.starts_with("no-store") || d.starts_with("private"))
}

fn etag_of(body: &[u8]) -> HeaderValue {
    let digest = Sha256::digest(body);
    let hex: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
    HeaderValue::from_str(&format!("\"{hex}\"")).unwrap_or(HeaderValue::from_static("\"\""))
}

fn matches_etag(headers: &HeaderMap, etag: &HeaderValue) -> bool {
    let Ok(tag) = etag.to_str() else {
        return false;
    };
    header_items(headers, header::IF_NONE_MATCH)
        .map(|t| t.trim_start_matches("W/"))
        .any(|t| t == tag || t == "*")
}

/// `no-cache`: a browser may keep the answer but asks again (with `If-None-Match`) before using it.
const REVALIDATE: HeaderValue = HeaderValue::from_static("no-cache");

fn answer(entry: &Entry, req_headers: &HeaderMap) -> Response {
    if matches_etag(req_headers, &entry.etag) {
        let mut res = StatusCode::NOT_MODIFIED.into_response();
        res.headers_mut().insert(header::ETAG, entry.etag.clone());
        res.headers_mut().insert(header::CACHE_CONTROL, REVALIDATE);
        return res;
    }
    let mut res = Response::new(Body::from(entry.body.clone()));
    let headers = res.headers_mut();
    for (name, value) in &entry.headers {
        headers.append(name.clone(), value.clone());
    }
    headers.insert(header::ETAG, entry.etag.clone());
    headers.insert(header::CACHE_CONTROL, REVALIDATE);
    res
}

/// The middleware: answers from the cache when it can, keeps what it may, and after a request that may have
/// written moves the data version forward before the answer leaves.
pub(crate) async fn middleware(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    let cache = state.answers();
    let Some(key) = key_of(&req) else {
        let writes = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
        let res = next.run(req).await;
        // A request that may have written compares the data stamp before its answer leaves: every write adds to
        // the audit log, so a request that wrote nothing (a match, a cohort question, a refused form) keeps the
        // cache. When the stamp cannot be read, forgetting everything is the safe answer.
        if writes && catch_up(&state).await.is_err() {
            cache.invalidate();
        }
        return res;
    };
    let version = cache.version();
    // `Cache-Control: no-cache` from the client (a hard reload) asks for an answer made now: past the cache, the
    // new answer kept. It matters only for a write the follower has not seen yet (within half a second).
    let fresh = header_items(req.headers(), header::CACHE_CONTROL).any(|d| d == "no-cache");
    let current = |e: &Entry| e.version == version && e.made.elapsed() < MAX_AGE;
    // One request makes a missing answer while the others asking for it at the same time wait for it (after a
    // write empties the cache, 200 visitors of one page cost one page, not 200); a kept answer is used only if
    // it was made under this request's version.
    let guard = if fresh {
        None
    } else {
        match cache.entries.get_value_or_guard_async(&key).await {
            Ok(entry) if current(&entry) => {
                if entry.pass {
                    // Known not to be kept (it sets a cookie, say): made for this request, no waiting.
                    cache.misses.fetch_add(1, Ordering::Relaxed);
                    return next.run(req).await;
                }
                cache.hits.fetch_add(1, Ordering::Relaxed);
                return answer(&entry, req.headers());
            }
            Ok(_) => None,
            Err(guard) => Some(guard),
        }
    };
    cache.misses.fetch_add(1, Ordering::Relaxed);
    let req_headers = req.headers().clone();
    let res = next.run(req).await;
    let keep = |entry: Entry| {
        if cache.version() != version {
            return; // made under a version that has passed; the waiters make their own
        }
        let entry = Arc::new(entry);
        match guard {
            Some(g) => {
                let _ = g.insert(entry);
            }
            None => cache.entries.insert(key, entry),
        }
    };
    if !keepable(&res) {
        keep(Entry::pass(version));
        return res;
    }
    let (parts, body) = res.into_parts();
    let body = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(b) => b,
        Err(e) => {
            tracing::error!(error = %e, "reading an answer to keep it failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let entry = Entry {
        version,
        made: Instant::now(),
        pass: false,
        etag: etag_of(&body),
        headers: KEPT_HEADERS
            .iter()
            .flat_map(|name| {
                parts
                    .headers
                    .get_all(name)
                    .iter()
                    .map(move |v| (name.clone(), v.clone()))
            })
            .collect(),
        body,
    };
    let res = answer(&entry, &req_headers);
    if entry.body.len() <= LARGEST {
        keep(entry);
    } else {
        keep(Entry::pass(version));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::Request as HttpRequest;

    fn get(uri: &str, headers: &[(&str, &str)]) -> Request {
        let mut b = HttpRequest::builder().method(Method::GET).uri(uri);
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        b.body(Body::empty()).expect("valid in the test")
    }

    #[test]
    fn only_anonymous_reads_of_pages_are_kept() {
        assert!(key_of(&get("/sv/actors/vecura", &[])).is_some());
        assert!(key_of(&get("/sv/actors", &[("cookie", "lang=sv")])).is_some());
        assert!(key_of(&get("/sv/actors", &[("cookie", "a=b; svk_session=x")])).is_none());
        assert!(key_of(&get("/sv/actors", &[("cookie", "svk_session=v1.1.ab.cd")])).is_some());
        assert!(key_of(&get("/api/v1/actors", &[("authorization", "Bearer x")])).is_none());
        for ops in ["/healthz", "/readyz", "/metrics", "/static/style.css"] {
            assert!(key_of(&get(ops, &[])).is_none(), "{ops}");
        }
        let post = HttpRequest::builder()
            .method(Method::POST)
            .uri("/sv/actors")
            .body(Body::empty())
            .expect("valid in the test");
        assert!(key_of(&post).is_none());
    }

    #[test]
    fn the_key_tells_queries_and_encodings_apart() {
        let a = key_of(&get("/sv/actors?page=2", &[])).expect("valid in the test");
        let b = key_of(&get("/sv/actors?page=3", &[])).expect("valid in the test");
        let c = key_of(&get("/sv/actors?page=2", &[("accept-encoding", "gzip")]))
            .expect("valid in the test");
        assert_ne!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn answers_that_set_cookies_or_forbid_storing_are_not_kept() {
        let ok = Response::new(Body::empty());
        assert!(keepable(&ok));
        let mut cookie = Response::new(Body::empty());
        cookie
            .headers_mut()
            .insert(header::SET_COOKIE, HeaderValue::from_static("a=b"));
        assert!(!keepable(&cookie));
        let mut private = Response::new(Body::empty());
        private
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        assert!(!keepable(&private));
        let mut missing = Response::new(Body::empty());
        *missing.status_mut() = StatusCode::NOT_FOUND;
        assert!(!keepable(&missing));
    }

    #[test]
    fn if_none_match_accepts_lists_weak_tags_and_star() {
        let tag = HeaderValue::from_static("\"abc\"");
        let mut h = HeaderMap::new();
        h.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_static("\"x\", W/\"abc\""),
        );
        assert!(matches_etag(&h, &tag));
        h.insert(header::IF_NONE_MATCH, HeaderValue::from_static("\"x\""));
        assert!(!matches_etag(&h, &tag));
        h.insert(header::IF_NONE_MATCH, HeaderValue::from_static("*"));
        assert!(matches_etag(&h, &tag));
    }
}
