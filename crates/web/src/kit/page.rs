//! The page frame every feature renders into: the frame of a request (where it is, who is signed in, set once
//! by a middleware), the layout built from it (title, the language switch, the menu, the sign-in state), and the
//! shared page kinds — a form, a message, an error.

use crate::AppState;
use crate::kit::assets;
use crate::kit::caller::{Caller, session_cookie};
use crate::kit::error::{ErrorMarker, WebError, api_lang, path_lang};
use crate::kit::forms::FormView;
use crate::kit::text::{LangAttr, Text};
use askama::Template;
use axum::body::Body;
use axum::extract::{FromRequestParts, Request};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use domain::{Lang, PageRequest};
use i18n::Tr;
use std::sync::Arc;

/// Parses the language prefix of a page URL; anything but `sv` and `en` is a 404.
pub(crate) fn lang(code: &str) -> Result<Lang, WebError> {
    Lang::parse(code).ok_or(WebError::NotFound)
}

pub(crate) fn render(t: &impl Template) -> Result<Html<String>, WebError> {
    t.render()
        .map(Html)
        .map_err(|e| WebError::Internal(format!("template: {e}")))
}

tokio::task_local! {
    /// The frame of the page request being answered (see [`page_frame`]).
    static FRAME: RequestFrame;
}

/// What every page of one request shares, whatever builds it: where the request is (so the language switch
/// leads to the same page with the same query) and who is signed in (so the header says so). Set by the
/// [`page_frame`] middleware for the whole request, error pages included, and read by [`Layout::new`].
#[derive(Debug, Clone, Default)]
struct RequestFrame {
    /// The path after `/{lang}/`.
    path: String,
    /// The query string, when there is one.
    query: Option<String>,
    /// The signed-in person's name.
    account: Option<String>,
    /// Their session's CSRF token (for the sign-out button).
    csrf: String,
}

/// Middleware: for a page request (`/sv/...`, `/en/...`), resolves the caller once (the handler's own `Caller`
/// then comes from the same cache) and runs the rest of the request inside its frame.
pub(crate) async fn page_frame(
    axum::extract::State(state): axum::extract::State<AppState>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let path = req.uri().path().trim_start_matches('/');
    let (code, rest) = path.split_once('/').unwrap_or((path, ""));
    let Some(lang) = Lang::parse(code) else {
        return next.run(req).await;
    };
    let rest = rest.to_owned();
    let query = req.uri().query().map(str::to_owned);
    let (mut parts, body) = req.into_parts();
    // A caller that cannot be resolved (a broken session, the database away) is answered by the handler's own
    // extractor; the frame then shows nobody signed in.
    let caller = Caller::from_request_parts(&mut parts, &state)
        .await
        .unwrap_or_default();
    let frame = RequestFrame {
        path: rest,
        query,
        account: account_name(&caller),
        csrf: caller.csrf().unwrap_or_default().to_owned(),
    };
    let res = FRAME
        .scope(
            frame,
            next.run(axum::extract::Request::from_parts(parts, body)),
        )
        .await;
    mark_form_errors(res, lang).await
}

/// The mark of a page that tells of an error (a refused form, a failed import): the summary every such template
/// draws.
const ERROR_SUMMARY: &str = r#"class="error-summary" role="alert""#;

/// A page that shows an error summary says so in its title ("Fel: …", the first thing a screen reader reads)
/// and moves focus to the summary (`autofocus`, which needs no script), whichever feature drew it.
async fn mark_form_errors(res: Response, lang: Lang) -> Response {
    let is_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 16 * 1024 * 1024).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let Ok(html) = std::str::from_utf8(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    let Some(marked) = mark_error_page(html, &Tr::new(lang).t("title-error-prefix")) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(marked))
}

/// The page with its title prefixed and focus on its first error summary; `None` when it shows none. The prefix
/// is our own translation, plain text without markup.
fn mark_error_page(html: &str, prefix: &str) -> Option<String> {
    let at = html.find(ERROR_SUMMARY)?;
    let tag_end = at + html[at..].find('>')?;
    let focusable = if html[at..tag_end].contains("tabindex") {
        " autofocus"
    } else {
        r#" tabindex="-1" autofocus"#
    };
    let mut out = String::with_capacity(html.len() + 64);
    let title = html
        .find("<title>")
        .map(|i| i + "<title>".len())
        .filter(|&i| i < at);
    match title {
        Some(i) => {
            out.push_str(&html[..i]);
            out.push_str(prefix);
            out.push(' ');
            out.push_str(&html[i..at + ERROR_SUMMARY.len()]);
        }
        None => out.push_str(&html[..at + ERROR_SUMMARY.len()]),
    }
    out.push_str(focusable);
    out.push_str(&html[at + ERROR_SUMMARY.len()..]);
    Some(out)
}

fn account_name(caller: &Caller) -> Option<String> {
    caller.user.as_ref().map(|u| {
        if u.display_name.is_empty() {
            u.email.clone()
        } else {
            u.display_name.clone()
        }
    })
}

/// Sections of the main navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    /// The home page.
    Home,
    /// The actor list and pages.
    Actors,
    /// The campus list and pages.
    Campuses,
    /// The atlas.
    Atlas,
    /// The way in: infrastructures, services, premises, requests.
    WayIn,
    /// The strategy and its follow-up.
    Strategy,
    /// Events, meeting places and news.
    Events,
    /// The signed-in person's access requests.
    Requests,
    /// The search results (no menu item: the search box is on every page's home).
    Search,
    /// No section (error pages).
    None,
}

static PUBLIC_ORIGIN: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Sets the public address pages use for absolute links (`hreflang` alternates); the first server's wins.
pub fn set_public_origin(base_url: &str) {
    let _ = PUBLIC_ORIGIN.set(base_url.trim_end_matches('/').to_owned());
}

fn public_origin() -> &'static str {
    PUBLIC_ORIGIN.get().map_or("", String::as_str)
}

/// What the shared page frame needs: language, title, the link to the same page in the other language.
pub struct Layout {
    /// The language code for `<html lang>`.
    pub lang: &'static str,
    /// The translator.
    pub t: Tr,
    /// The page title (without the site name).
    pub title: String,
    /// The title's language when it is not the page's (a post written in Swedish on an English page); set with
    /// [`Layout::set_title_lang`], rendered on the `<h1>`.
    pub title_lang: LangAttr,
    /// The meta description.
    pub description: String,
    /// The same page in the other language.
    pub other_href: String,
    /// This page's absolute address (for `hreflang` alternates).
    pub self_url: String,
    /// The other language's page, absolute.
    pub other_url: String,
    /// The other language's code.
    pub other_code: &'static str,
    /// The other language's name, in that language.
    pub other_name: &'static str,
    /// The section to mark as current.
    pub nav: Nav,
    /// The stylesheet URL with its fingerprint.
    pub css: String,
    /// The shared script's URL with its fingerprint (`kit.js`: refinements every page can do without).
    pub script: String,
    /// The icon URL with its fingerprint.
    pub icon: String,
    /// The signed-in person's name, when someone is signed in.
    pub account: Option<String>,
    /// The CSRF token for the sign-out button.
    pub csrf: String,
}

impl Layout {
    /// A frame for a page at `/{lang}/{path}` (`path` without the leading slash).
    pub fn new(
        lang: Lang,
        title: &str,
        path: &str,
        nav: Nav,
        description: Option<String>,
    ) -> Layout {
        let t = Tr::new(lang);
        let other = lang.other();
        let frame = FRAME.try_with(Clone::clone).unwrap_or_default();
        // The page shown at the request's own address keeps its query in the other language's link.
        let other_href = match &frame.query {
            Some(q) if frame.path == path => format!("/{}/{path}?{q}", other.code()),
            _ => format!("/{}/{}", other.code(), path),
        };
        Layout {
            lang: lang.code(),
            t,
            title: title.to_owned(),
            title_lang: LangAttr::of(lang, lang),
            description: description.unwrap_or_else(|| t.t("site-description")),
            other_href,
            self_url: format!("{}/{}/{}", public_origin(), lang.code(), path),
            other_url: format!("{}/{}/{}", public_origin(), other.code(), path),
            other_code: other.code(),
            other_name: match other {
                Lang::Sv => "Svenska",
                Lang::En => "English",
            },
            nav,
            css: assets::url("style.css"),
            script: assets::url("kit.js"),
            icon: assets::url("favicon.svg"),
            account: frame.account,
            csrf: frame.csrf,
        }
    }

    /// Marks the title as written in the language of `title` (the same text), when that is not the page's.
    pub fn set_title_lang(&mut self, title: &Text) {
        self.title_lang = title.lang_attr();
    }

    /// Shows the caller's sign-in state in the header.
    pub fn set_caller(&mut self, caller: &Caller) {
        self.account = account_name(caller);
        self.csrf = caller.csrf().unwrap_or_default().to_owned();
    }

    /// True when `section` is the current navigation section.
    pub fn nav_is(&self, section: &str) -> bool {
        matches!(
            (self.nav, section),
            (Nav::Home, "home")
                | (Nav::Actors, "actors")
                | (Nav::Campuses, "campuses")
                | (Nav::Atlas, "atlas")
                | (Nav::WayIn, "wayin")
                | (Nav::Strategy, "strategy")
                | (Nav::Events, "events")
                | (Nav::Requests, "requests")
        )
    }

    /// The fingerprinted URL of a static asset.
    pub fn asset(&self, name: &str) -> String {
        assets::url(name)
    }

    /// A link to `/{lang}/{path}`.
    pub fn href(&self, path: &str) -> String {
        format!("/{}/{}", self.lang, path)
    }
}

pub use crate::kit::urls::Link;

/// Paging links.
pub struct Pagination {
    /// "Page 2 of 3".
    pub label: String,
    /// The previous page, if any.
    pub prev: Option<String>,
    /// The next page, if any.
    pub next: Option<String>,
}

impl Pagination {
    pub(crate) fn new(
        t: Tr,
        page: PageRequest,
        total: u64,
        url: impl Fn(PageRequest) -> String,
    ) -> Option<Pagination> {
        let pages = page.page_count(total);
        if pages <= 1 && page.page() == 1 {
            return None;
        }
        let at = |n: u32| PageRequest::new(n, page.per_page()).ok().map(&url);
        Some(Pagination {
            label: t.t2(
                "page-of",
                ("page", &page.page().to_string()),
                ("pages", &pages.to_string()),
            ),
            prev: if page.page() > 1 {
                at(page.page().min(pages + 1) - 1)
            } else {
                None
            },
            next: if page.page() < pages {
                at(page.page() + 1)
            } else {
                None
            },
        })
    }
}

/// The actor list.
/// A page with a form.
#[derive(Template)]
#[template(path = "kit/form.html")]
pub struct FormPage {
    /// The frame.
    pub layout: Layout,
    /// The form.
    pub form: FormView,
}

/// A page with a message.
#[derive(Template)]
#[template(path = "kit/message.html")]
pub struct MessagePage {
    /// The frame.
    pub layout: Layout,
    /// Paragraphs.
    pub paragraphs: Vec<String>,
    /// Links onwards.
    pub links: Vec<Link>,
}

/// A session for this caller (creating a visitor session when there is none), and the cookie to set if new.
pub(crate) async fn ensure_session(
    state: &AppState,
    caller: &Caller,
) -> Result<(String, Option<String>), WebError> {
    if let Some(csrf) = caller.csrf() {
        return Ok((csrf.to_owned(), None));
    }
    // A signed visitor token, not a database row: a visit to a form writes nothing.
    let (token, session) =
        crate::kit::caller::mint_visitor(state.visitor_key().await?, store::now_millis());
    Ok((
        session.csrf_token,
        Some(session_cookie(state.auth(), &token)),
    ))
}

/// A page that may carry a form: `no-store` when it is made for someone — it starts a session (`cookie`) or the
/// caller has one (their CSRF token, their name) — so that no browser or proxy keeps it; a visitor's page
/// without either is the same for everyone and may be kept like any public page.
pub(crate) fn respond(
    status: StatusCode,
    html: axum::response::Html<String>,
    cookie: Option<String>,
) -> Response {
    let personal = cookie.is_some() || FRAME.try_with(|f| !f.csrf.is_empty()).unwrap_or(true);
    let mut res = (status, html).into_response();
    if let Some(c) = cookie
        && let Ok(v) = HeaderValue::from_str(&c)
    {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    if personal {
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

pub(crate) fn message(
    lang: Lang,
    caller: &Caller,
    title: &str,
    paragraphs: Vec<String>,
    links: Vec<Link>,
) -> MessagePage {
    let mut layout = Layout::new(lang, title, "", Nav::None, None);
    layout.set_caller(caller);
    MessagePage {
        layout,
        paragraphs,
        links,
    }
}

/// A message page as a response (not cached).
pub(crate) fn message_response(
    lang: Lang,
    caller: &Caller,
    status: StatusCode,
    title: &str,
    paragraphs: Vec<String>,
    links: Vec<Link>,
) -> Response {
    match render(&message(lang, caller, title, paragraphs, links)) {
        Ok(html) => respond(status, html, None),
        Err(e) => e.into_response(),
    }
}

pub(crate) fn form_page(
    lang: Lang,
    caller: &Caller,
    title: &str,
    path: &str,
    form: FormView,
) -> FormPage {
    let mut layout = Layout::new(lang, title, path, Nav::None, None);
    layout.set_caller(caller);
    FormPage { layout, form }
}

/// The date (UTC) of a moment given in Unix milliseconds, as YYYY-MM-DD.
pub(crate) fn date(ms: i64) -> String {
    domain::IsoDate::from_unix_millis(ms).to_string()
}

// ----------------------------------------------------------------------------------------------------------
// Errors

/// An error page (404, 400, 500).
#[derive(Template)]
#[template(path = "kit/error.html")]
pub struct ErrorPage {
    /// The frame.
    pub layout: Layout,
    /// What went wrong, for the user.
    pub message: String,
    /// The HTTP status.
    pub status: u16,
}

/// The error page for `error`, in `lang`. Falls back to plain text if the template itself fails.
pub(crate) fn render_error_page(lang: Lang, error: &WebError) -> String {
    let page = ErrorPage {
        layout: Layout::new(lang, &error.title(lang), "", Nav::None, None),
        message: error.message(lang),
        status: error.status().as_u16(),
    };
    page.render().unwrap_or_else(|_| error.message(lang))
}

// ----------------------------------------------------------------------------------------------------------
// Rendering errors

fn is_plain_text(res: &Response) -> bool {
    res.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/plain"))
}

/// Renders a handler's `WebError` (or a bare 404/405 from the router) as a page or an API body.
pub(crate) async fn render_errors(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let api = path.starts_with("/api/");
    let lang = if api {
        api_lang(req.headers())
    } else {
        path_lang(&path)
    };
    let method_is_get = req.method() == axum::http::Method::GET;
    let path_and_query = req
        .uri()
        .path_and_query()
        .map_or_else(|| path.clone(), |p| p.as_str().to_owned());
    let res = next.run(req).await;
    let error = match res.extensions().get::<ErrorMarker>() {
        Some(ErrorMarker(e)) => Arc::clone(e),
        None if res.status() == StatusCode::NOT_FOUND
            && res.headers().get(header::CONTENT_TYPE).is_none() =>
        {
            Arc::new(WebError::NotFound)
        }
        None if res.status() == StatusCode::PAYLOAD_TOO_LARGE => Arc::new(WebError::TooLarge),
        // An API client learns which methods a path has (405 with Allow); a page visitor just gets "not found".
        None if res.status() == StatusCode::METHOD_NOT_ALLOWED && api => {
            let allow = res.headers().get(header::ALLOW).cloned();
            let body = serde_json::json!({"error": {
                "code": "method_not_allowed",
                "message": WebError::MethodNotAllowed.message(lang),
                "parameter": null,
                "fields": [],
            }});
            let mut out = (StatusCode::METHOD_NOT_ALLOWED, axum::Json(body)).into_response();
            if let Some(allow) = allow {
                out.headers_mut().insert(header::ALLOW, allow);
            }
            return out;
        }
        None if res.status() == StatusCode::METHOD_NOT_ALLOWED => Arc::new(WebError::NotFound),
        // Any other refusal that an extractor wrote as plain text (a path segment that is not UTF-8, a broken
        // multipart body, a missing content type) is rendered like the handlers' own errors.
        None if res.status().is_client_error() && is_plain_text(&res) => {
            Arc::new(if res.status() == StatusCode::UNSUPPORTED_MEDIA_TYPE {
                WebError::UnsupportedMediaType
            } else {
                WebError::BadBody(format!("refused by an extractor ({})", res.status()))
            })
        }
        None => return res,
    };
    match error.as_ref() {
        WebError::Internal(cause) | WebError::Unavailable(cause) => {
            tracing::error!(%path, cause = %cause, "request failed");
        }
        _ => {}
    }
    if matches!(error.as_ref(), WebError::Unauthorized) && !api && method_is_get {
        let next =
            serde_urlencoded::to_string([("next", path_and_query.as_str())]).unwrap_or_default();
        return axum::response::Redirect::to(&format!("/{}/login?{next}", lang.code()))
            .into_response();
    }
    if matches!(error.as_ref(), WebError::Forbidden) {
        tracing::warn!(%path, "forbidden request refused");
    }
    let status = error.status();
    let mut out = if api {
        let body = serde_json::json!({
            "error": {
                "code": error.code(),
                "message": error.message(lang),
                "parameter": error.param(),
                "fields": error.fields(lang).into_iter()
                    .map(|(field, message)| serde_json::json!({"field": field, "message": message}))
                    .collect::<Vec<_>>(),
            }
        });
        (status, axum::Json(body)).into_response()
    } else {
        let html = render_error_page(lang, &error);
        (
            status,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            Body::from(html),
        )
            .into_response()
    };
    // Headers that describe the replaced body (its type, length and encoding) stay behind; the rest (Allow,
    // Set-Cookie, caching) carries over.
    for (name, value) in res.headers() {
        if ![
            header::CONTENT_TYPE,
            header::CONTENT_LENGTH,
            header::CONTENT_ENCODING,
            header::TRANSFER_ENCODING,
            header::ETAG,
            header::LAST_MODIFIED,
        ]
        .contains(name)
        {
            out.headers_mut().insert(name.clone(), value.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_500_page_is_translated_and_hides_the_cause() {
        let err = WebError::Internal("connection refused at 10.0.0.1".into());
        let sv = render_error_page(Lang::Sv, &err);
        assert!(
            sv.contains("<html lang=\"sv\">")
                && sv.contains("Något gick fel")
                && sv.contains("Felkod 500")
        );
        let en = render_error_page(Lang::En, &err);
        assert!(en.contains("Something went wrong") && en.contains("Nothing was changed"));
        assert!(
            !sv.contains("10.0.0.1") && !en.contains("10.0.0.1"),
            "internal causes are never shown"
        );
    }

    #[test]
    fn an_error_summary_names_the_error_in_the_title_and_takes_focus() {
        let page = r#"<html><head><title>Ny aktör – Samverkan</title></head><body><div class="error-summary" role="alert" aria-labelledby="x"><h2>Fel</h2></div><div class="error-summary" role="alert"></div></body></html>"#;
        let marked = mark_error_page(page, "Fel:").expect("the page shows an error");
        assert!(marked.contains("<title>Fel: Ny aktör – Samverkan</title>"));
        assert_eq!(
            marked.matches("autofocus").count(),
            1,
            "only the first summary takes focus"
        );
        assert!(marked.contains(r#"role="alert" tabindex="-1" autofocus aria-labelledby="x">"#));
        let focusable = page.replacen(r#"role="alert""#, r#"role="alert" tabindex="-1""#, 1);
        let marked = mark_error_page(&focusable, "Error:").expect("the page shows an error");
        assert_eq!(
            marked.matches("tabindex").count(),
            1,
            "an existing tabindex is kept, not doubled"
        );
        assert!(mark_error_page("<title>Aktörer</title><p>ok</p>", "Fel:").is_none());
    }
}
