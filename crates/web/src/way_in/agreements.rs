//! Agreements people can use: a template document (an NDA, a service agreement) shown as a formatted page, and
//! downloaded as Word or PDF — blank from the catalogue, or filled in with a request's parties, service, title and
//! dates for the request's two sides.

use super::requests::side_on;
use crate::AppState;
use crate::kit::caller::Caller;
use crate::kit::error::WebError;
use crate::kit::page::{Layout, Nav, lang, render};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};
use domain::{Lang, Slug};
use i18n::Tr;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// A file asked for: the document's name and Word or PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Docx,
    Pdf,
}

/// `nda.docx` → (nda, Word); anything else is not found.
fn file_of(file: &str) -> Result<(Slug, Format), WebError> {
    let (name, ext) = file.rsplit_once('.').ok_or(WebError::NotFound)?;
    let format = match ext {
        "docx" => Format::Docx,
        "pdf" => Format::Pdf,
        _ => return Err(WebError::NotFound),
    };
    Ok((Slug::parse(name).map_err(|_| WebError::NotFound)?, format))
}

/// Markdown as HTML a page can hold: raw HTML in the text is shown as text, links keep only web and mail
/// addresses, and headings start below the page's own `h1`.
pub(crate) fn markdown_html(markdown: &str) -> String {
    let mut link_depth = 0usize;
    let events = Parser::new_ext(markdown, Options::ENABLE_TABLES).filter_map(|e| match e {
        Event::Html(h) | Event::InlineHtml(h) => Some(Event::Text(h)),
        Event::Start(Tag::Link { dest_url, .. })
            if !(dest_url.starts_with("https://")
                || dest_url.starts_with("http://")
                || dest_url.starts_with("mailto:")) =>
        {
            link_depth += 1;
            None
        }
        Event::End(TagEnd::Link) if link_depth > 0 => {
            link_depth -= 1;
            None
        }
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Some(Event::Start(Tag::Heading {
            level: deeper(level),
            id,
            classes,
            attrs,
        })),
        Event::End(TagEnd::Heading(level)) => Some(Event::End(TagEnd::Heading(deeper(level)))),
        other => Some(other),
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

fn deeper(level: pulldown_cmark::HeadingLevel) -> pulldown_cmark::HeadingLevel {
    use pulldown_cmark::HeadingLevel as H;
    match level {
        H::H1 => H::H2,
        H::H2 => H::H3,
        H::H3 => H::H4,
        H::H4 => H::H5,
        _ => H::H6,
    }
}

/// `/{lang}/checklists/documents/{name}`.
#[derive(Template)]
#[template(path = "way_in/document.html")]
pub struct DocumentPage {
    /// Frame.
    pub layout: Layout,
    /// The document as HTML (made by [`markdown_html`], which lets no markup of the text through).
    pub html: String,
    /// The language of the document when it is not the page's (`sv` on an English page without a translation).
    pub body_lang: Option<&'static str>,
    /// Downloads: (href, text).
    pub downloads: Vec<(String, String)>,
}

fn respond_file(bytes: Vec<u8>, format: Format, name: &str) -> Response {
    let (mime, ext) = match format {
        Format::Docx => (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        ),
        Format::Pdf => ("application/pdf", "pdf"),
    };
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}.{ext}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

async fn render_file(
    title: String,
    lang: Lang,
    markdown: String,
    format: Format,
) -> Result<Vec<u8>, WebError> {
    // Typesetting is CPU work: off the async runtime.
    tokio::task::spawn_blocking(move || match format {
        Format::Docx => app::agreements::docx(&title, lang, &markdown)
            .map_err(|e| WebError::Internal(format!("docx: {e}"))),
        Format::Pdf => app::agreements::pdf(&title, lang, &markdown)
            .map_err(|e| WebError::Internal(format!("pdf: {e}"))),
    })
    .await
    .map_err(|e| WebError::Internal(format!("typesetting: {e}")))?
}

/// A template document as a page (`nda`) or blank as Word or PDF (`nda.docx`, `nda.pdf`).
pub(crate) async fn document(
    State(state): State<AppState>,
    Path((code, file)): Path<(String, String)>,
    caller: Caller,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let t = Tr::new(lang);
    let (name, format) = match Slug::parse(&file) {
        Ok(name) => (name, None),
        Err(_) => {
            let (name, format) = file_of(&file)?;
            (name, Some(format))
        }
    };
    let doc = state
        .store()
        .template_document(&name)
        .await?
        .ok_or(WebError::NotFound)?;
    let (text, written) = match doc.body.get(lang) {
        s if !s.trim().is_empty() => (s.to_owned(), lang),
        _ => (doc.body.get(lang.other()).to_owned(), lang.other()),
    };
    let blank = app::agreements::fill(&text, written, &app::agreements::Facts::default());
    let title = Tr::new(written).t(&format!("document-{name}"));
    if let Some(format) = format {
        let bytes = render_file(title, written, blank, format).await?;
        return Ok(respond_file(bytes, format, name.as_str()));
    }
    let mut layout = Layout::new(
        lang,
        &t.t(&format!("document-{name}")),
        &format!("checklists/documents/{name}"),
        Nav::WayIn,
        None,
    );
    layout.set_caller(&caller);
    let c = lang.code();
    Ok(Html(render(&DocumentPage {
        layout,
        html: markdown_html(&blank),
        body_lang: (written != lang).then_some(written.code()),
        downloads: vec![
            (
                format!("/{c}/checklists/documents/{name}.docx"),
                t.t("agreement-word"),
            ),
            (
                format!("/{c}/checklists/documents/{name}.pdf"),
                t.t("agreement-pdf"),
            ),
        ],
    })?)
    .into_response())
}

/// The language a request is written in: the language of its need when that can be told, else the page's.
fn request_lang(need: &str, page: Lang) -> Lang {
    i18n::identify(need).unwrap_or(page)
}

/// A template document of a request's checklist, filled in for the request, as Word or PDF: for its two sides
/// (and the office).
pub(crate) async fn filled(
    State(state): State<AppState>,
    Path((code, id, file)): Path<(String, String, String)>,
    caller: Caller,
) -> Result<Response, WebError> {
    let page_lang = lang(&code)?;
    let id = crate::kit::params::path_id(&id)?;
    side_on(&state, &caller, id).await?;
    let (name, format) = file_of(&file)?;
    let store = state.store();
    let d = store.request(id).await?.ok_or(WebError::NotFound)?;
    if !d
        .items
        .iter()
        .any(|i| i.document.as_deref() == Some(name.as_str()))
    {
        return Err(WebError::NotFound);
    }
    let doc = store
        .template_document(&name)
        .await?
        .ok_or(WebError::NotFound)?;
    let lang = request_lang(&d.need, page_lang);
    let t = Tr::new(lang);
    let provider = store.actor(&d.summary.provider.0).await?;
    let company = store.actor(&d.summary.company.0).await?;
    let services: Vec<String> = d
        .services
        .iter()
        .map(|(_, n)| n.get(lang).to_owned())
        .collect();
    let facts = app::agreements::Facts {
        provider: Some(d.summary.provider.1.get(lang).to_owned()),
        provider_org_number: provider.as_ref().and_then(|a| a.org_number.clone()),
        ownership: d
            .owner_form
            .map(|o| t.t(&format!("ownership-{o}")).to_lowercase()),
        company: Some(d.summary.company.1.get(lang).to_owned()),
        company_org_number: company.as_ref().and_then(|a| a.org_number.clone()),
        service: (!services.is_empty()).then(|| services.join(", ")),
        title: Some(d.summary.title.clone()),
        start: d.desired_start,
    };
    let markdown = app::agreements::fill(doc.body.get(lang), lang, &facts);
    let title = t.t2(
        "agreement-filled-title",
        ("document", &t.t(&format!("document-{name}"))),
        ("request", &d.summary.title),
    );
    let bytes = render_file(title, lang, markdown, format).await?;
    Ok(respond_file(
        bytes,
        format,
        &format!("{}-request-{id}", name.as_str()),
    ))
}
