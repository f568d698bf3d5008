//! Search in the web layer: keeping the index in step with the database through the change log (after every
//! write, before the response returns, and by polling for other servers' writes), the search page with facets,
//! completion for the search box, the match page that turns a need into the right doors, and their JSON API.

use crate::AppState;
use crate::kit::caller::Caller;
use crate::kit::error::{WebError, api_lang};
use crate::kit::page::{Layout, Nav, lang, render};
use crate::kit::params::Params;
use crate::kit::text::{LangAttr, Text};
use askama::Template;
use axum::Json;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{Html, Response};
use domain::catalogue::{Term, Terms};
use domain::search::DocKind;
use domain::{Lang, OwnershipForm, Slug};
use i18n::Tr;
use search::SearchQuery;
use serde::Serialize;
use std::collections::HashMap;
use utoipa::{IntoParams, ToSchema};

/// After every request that may have written (anything but GET and HEAD, answered with success or a redirect),
/// the index catches up before the response leaves, so what was saved is searchable at once.
pub(crate) async fn sync_after_writes(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    let writes = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let res = next.run(req).await;
    // A refused request (4xx) changed nothing, and a failed one (5xx) was rolled back.
    let saved = res.status().is_success() || res.status().is_redirection();
    if writes
        && saved
        && let Err(e) = state.sync_search().await
    {
        tracing::error!(error = %e, "search index catch-up failed");
    }
    res
}

// ----- The search page -----

/// The longest accepted query.
pub const MAX_QUERY: usize = 500;

/// One facet value as a link.
pub struct FacetLink {
    /// Label.
    pub label: String,
    /// Count.
    pub count: u64,
    /// The search with this value set (or cleared when selected).
    pub href: String,
    /// Whether it is the current filter.
    pub selected: bool,
}

/// One facet group.
pub struct FacetGroup {
    /// Heading.
    pub title: String,
    /// Values.
    pub values: Vec<FacetLink>,
}

/// One hit as shown.
pub struct HitView {
    /// Title.
    pub title: Text,
    /// Link.
    pub href: String,
    /// Kind label.
    pub kind: String,
    /// Escaped snippet with `<mark>`.
    pub snippet_html: String,
    /// The snippet's language, when it is not the page's.
    pub snippet_lang: LangAttr,
}

/// `/{lang}/search`.
#[derive(Template)]
#[template(path = "search/search.html")]
pub struct SearchPage {
    /// Frame.
    pub layout: Layout,
    /// The query.
    pub q: String,
    /// A message instead of results (empty, too short, no words).
    pub note: Option<String>,
    /// Summary.
    pub summary: String,
    /// Hits.
    pub hits: Vec<HitView>,
    /// Facets.
    pub facets: Vec<FacetGroup>,
    /// Previous and next page links.
    pub prev: Option<String>,
    /// Next page.
    pub next: Option<String>,
}

/// The page of a hit.
pub(crate) fn hit_href(lang: Lang, kind: DocKind, slug: &Slug) -> String {
    let l = lang.code();
    match kind {
        DocKind::Actor | DocKind::Infrastructure => format!("/{l}/actors/{slug}"),
        DocKind::Service => format!("/{l}/services/{slug}"),
        DocKind::Premises => format!("/{l}/premises#premises-{slug}"),
        DocKind::FocusArea => format!("/{l}/strategy/{slug}"),
        DocKind::Measure => format!(
            "/{l}/measures/{}",
            slug.as_str().trim_start_matches("measure-")
        ),
        DocKind::Event => format!("/{l}/events/{slug}"),
        DocKind::MeetingPlace => format!("/{l}/meeting-places#{slug}"),
        DocKind::News => format!("/{l}/news/{slug}"),
        DocKind::HealthSource => format!("/{l}/health-data/sources/{slug}"),
    }
}

struct Filters {
    q: String,
    kind: Option<DocKind>,
    campus: Option<Slug>,
    ownership: Option<OwnershipForm>,
    tag: Option<Slug>,
    page: u32,
}

fn read_filters(params: &Params) -> Result<Filters, WebError> {
    Ok(Filters {
        q: params.text("q", MAX_QUERY)?.unwrap_or_default(),
        kind: params.vocabulary("type", DocKind::ALL, DocKind::as_str)?,
        campus: params.slug("campus")?,
        ownership: params.vocabulary("ownership", OwnershipForm::ALL, OwnershipForm::as_str)?,
        tag: params.slug("tag")?,
        page: params.number("page", 1, 1000)?.unwrap_or(1),
    })
}

fn query_of(f: &Filters, lang: Lang, per_page: u32) -> SearchQuery {
    SearchQuery {
        text: f.q.clone(),
        lang: Some(lang),
        kinds: f.kind.into_iter().collect(),
        campus: f.campus.clone(),
        ownership: f.ownership.map(|o| o.as_str().to_owned()),
        tag: f.tag.clone(),
        offset: ((f.page - 1) * per_page) as usize,
        limit: per_page as usize,
    }
}

fn url(lang: Lang, f: &Filters, change: (&str, Option<String>), page: u32) -> String {
    let mut parts = vec![format!("q={}", urlencode(&f.q))];
    let mut set = |name: &str, value: Option<String>| {
        let v = if change.0 == name {
            change.1.clone()
        } else {
            value
        };
        if let Some(v) = v {
            parts.push(format!("{name}={}", urlencode(&v)));
        }
    };
    set("type", f.kind.map(|k| k.as_str().to_owned()));
    set("campus", f.campus.as_ref().map(ToString::to_string));
    set("ownership", f.ownership.map(|o| o.as_str().to_owned()));
    set("tag", f.tag.as_ref().map(ToString::to_string));
    if page > 1 {
        parts.push(format!("page={page}"));
    }
    format!("/{}/search?{}", lang.code(), parts.join("&"))
}

fn urlencode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Why a query gives no search: empty, one letter, or no word at all.
fn note(t: Tr, q: &str) -> Option<String> {
    let words = search::terms::words(q);
    if q.trim().is_empty() {
        Some(t.t("search-empty"))
    } else if words.is_empty() {
        Some(t.t("search-no-words"))
    } else if words.iter().all(|w| w.chars().count() < 2) {
        Some(t.t("search-too-short"))
    } else {
        None
    }
}

/// The search page.
pub(crate) async fn page(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
    params: Params,
) -> Result<Html<String>, WebError> {
    let lang = lang(&code)?;
    let t = Tr::new(lang);
    let f = read_filters(&params)?;
    // The same search in the other language keeps the query and filters.
    let here = url(lang, &f, ("", None), f.page);
    let path = here
        .trim_start_matches(&format!("/{}/", lang.code()))
        .to_owned();
    let mut layout = Layout::new(lang, &t.t("search-title"), &path, Nav::Search, None);
    layout.set_caller(&caller);
    let note = note(t, &f.q);
    if note.is_some() {
        return render(&SearchPage {
            layout,
            q: f.q,
            note,
            summary: String::new(),
            hits: vec![],
            facets: vec![],
            prev: None,
            next: None,
        });
    }
    let per_page = 10;
    let index = state.search_state().index().clone();
    let query = query_of(&f, lang, per_page);
    let results = app::search::blocking(move || index.search(&query)).await?;
    let campuses = state.store().campuses(lang).await?;
    let tags = state.store().tags(lang).await?;
    let label = |facet: &str, value: &str| -> String {
        match facet {
            "kind" => t.t(&format!("doc-kind-{value}")),
            "campus" => campuses
                .iter()
                .find(|c| c.campus.slug.as_str() == value)
                .map_or_else(|| value.to_owned(), |c| c.campus.name.get(lang).to_owned()),
            "ownership" => t.t(&format!("ownership-{value}")),
            _ => tags
                .iter()
                .find(|x| x.tag.slug.as_str() == value)
                .map_or_else(|| value.to_owned(), |x| x.tag.label.get(lang).to_owned()),
        }
    };
    let mut facets = Vec::new();
    for (facet, param, title) in [
        ("kind", "type", "search-facet-type"),
        ("campus", "campus", "filter-campus"),
        ("ownership", "ownership", "filter-ownership"),
        ("tag", "tag", "filter-tag"),
    ] {
        let current = match param {
            "type" => f.kind.map(|k| k.as_str().to_owned()),
            "campus" => f.campus.as_ref().map(ToString::to_string),
            "ownership" => f.ownership.map(|o| o.as_str().to_owned()),
            _ => f.tag.as_ref().map(ToString::to_string),
        };
        let mut values: Vec<FacetLink> = results
            .facets
            .iter()
            .filter(|x| x.0 == facet)
            .map(|x| {
                let selected = current.as_deref() == Some(x.1.as_str());
                FacetLink {
                    label: label(facet, &x.1),
                    count: x.2,
                    href: url(lang, &f, (param, (!selected).then(|| x.1.clone())), 1),
                    selected,
                }
            })
            .collect();
        values.sort_by(|a, b| b.count.cmp(&a.count).then(a.label.cmp(&b.label)));
        values.truncate(12);
        if !values.is_empty() {
            facets.push(FacetGroup {
                title: t.t(title),
                values,
            });
        }
    }
    let hits = results
        .hits
        .iter()
        .map(|h| HitView {
            title: Text::written(h.title.as_str(), h.title_lang, lang),
            href: hit_href(lang, h.kind, &h.slug),
            kind: t.t(&format!("doc-kind-{}", h.kind)),
            snippet_html: h.snippet_html.clone(),
            snippet_lang: LangAttr::of(h.snippet_lang, lang),
        })
        .collect();
    let pages = results.total.div_ceil(per_page as usize).max(1) as u32;
    render(&SearchPage {
        layout,
        summary: t.n("search-count", "count", results.total as u64),
        prev: (f.page > 1).then(|| url(lang, &f, ("", None), f.page - 1)),
        next: (f.page < pages).then(|| url(lang, &f, ("", None), f.page + 1)),
        q: f.q,
        note: None,
        hits,
        facets,
    })
}

// ----- The match page -----

/// One matched door.
pub struct MatchView {
    /// Title.
    pub title: Text,
    /// Link to its page.
    pub href: String,
    /// Kind label.
    pub kind: String,
    /// Why it matched.
    pub reasons: Vec<String>,
    /// Where to request access, if it takes requests.
    pub request_href: Option<String>,
    /// Escaped snippet.
    pub snippet_html: String,
    /// The snippet's language, when it is not the page's.
    pub snippet_lang: LangAttr,
}

/// `/{lang}/match`.
#[derive(Template)]
#[template(path = "search/match.html")]
pub struct MatchPage {
    /// Frame.
    pub layout: Layout,
    /// The need.
    pub need: String,
    /// The terms' fields, as set in the form.
    pub terms: crate::kit::terms::TermChoices,
    /// Whether a term is set in the form (the terms' section is then open).
    pub terms_set: bool,
    /// The terms read from the need itself, in words.
    pub read: Option<String>,
    /// A message instead of results.
    pub note: Option<String>,
    /// Results that stand on the need.
    pub items: Vec<MatchView>,
    /// Results that stand on too little of it to be offered as doors, shown apart.
    pub weak: Vec<MatchView>,
    /// Companies whose competences fit: partners rather than doors.
    pub companies: Vec<MatchView>,
    /// Open partner posts that fit (for signed-in people, who may read posts): (link, title, reasons).
    pub posts: Vec<(String, Text, String)>,
    /// Whether a need was given.
    pub asked: bool,
    /// "Help me find the right door": the request form to the programme office with the need filled in.
    pub office_href: Option<String>,
}

/// The longest accepted need.
pub const MAX_NEED: usize = 2000;

async fn matches(state: &AppState, need: &str, lang: Lang) -> Result<Vec<search::Match>, WebError> {
    let campuses = state.store().campuses(lang).await?;
    let mut names: HashMap<String, Slug> = HashMap::new();
    for c in &campuses {
        let slug = c.campus.slug.clone();
        names.insert(c.campus.slug.to_string(), slug.clone());
        for n in [&c.campus.name.sv, &c.campus.name.en] {
            for w in search::terms::words(n) {
                if w.len() >= 4 && w != "campus" {
                    names.insert(w, slug.clone());
                }
            }
        }
    }
    let index = state.search_state().index().clone();
    let need = need.to_owned();
    Ok(app::search::blocking(move || index.match_need(&need, lang, &names, 10)).await?)
}

/// The services and infrastructures that do not meet `terms`, with the terms each misses: a service by its own
/// offer, an infrastructure when none of its services meets them (by the terms its closest service misses).
async fn unmet_terms(
    state: &AppState,
    terms: &Terms,
    lang: Lang,
) -> Result<HashMap<(DocKind, Slug), Vec<Term>>, WebError> {
    let mut out = HashMap::new();
    if terms.is_empty() {
        return Ok(out);
    }
    let services = state
        .store()
        .services(&store::CatalogueFilter::default(), lang)
        .await?;
    let mut best: HashMap<Slug, Vec<Term>> = HashMap::new();
    for r in &services {
        let missed = terms.unmet(r.service.pricing, &r.service.offer);
        let infra = best
            .entry(r.service.infrastructure.clone())
            .or_insert_with(|| Term::ALL.to_vec());
        if missed.len() < infra.len() {
            infra.clone_from(&missed);
        }
        if !missed.is_empty() {
            out.insert((DocKind::Service, r.service.slug.clone()), missed);
        }
    }
    for (infra, missed) in best {
        if !missed.is_empty() {
            out.insert((DocKind::Infrastructure, infra), missed);
        }
    }
    Ok(out)
}

fn reasons(t: Tr, m: &search::Match, campus_name: &dyn Fn(&Slug) -> String) -> Vec<String> {
    let mut out = Vec::new();
    if !m.words.is_empty() {
        out.push(t.t1("match-reason-words", "words", m.words.join(", ")));
    }
    if let Some(c) = &m.campus {
        out.push(t.t1("match-reason-campus", "campus", campus_name(c)));
    }
    if m.space {
        out.push(t.t("match-reason-space"));
    }
    out
}

/// The programme office's actor: a need that fits no door well goes to it as a request, which lands in its inbox.
pub const OFFICE_ACTOR: &str = "programkontoret-life-science";

/// The query string that carries the need into the request form.
fn need_query(need: &str) -> String {
    serde_urlencoded::to_string([("need", need)]).unwrap_or_default()
}

fn request_href(lang: Lang, kind: DocKind, slug: &Slug, need: &str) -> Option<String> {
    let l = lang.code();
    let n = need_query(need);
    match kind {
        DocKind::Service => Some(format!("/{l}/requests/new?service={slug}&{n}")),
        DocKind::Premises => Some(format!("/{l}/requests/new?premises={slug}&{n}")),
        DocKind::Infrastructure => Some(format!("/{l}/requests/new?provider={slug}&{n}")),
        DocKind::Actor
        | DocKind::FocusArea
        | DocKind::Measure
        | DocKind::Event
        | DocKind::MeetingPlace
        | DocKind::News
        | DocKind::HealthSource => None,
    }
}

/// The match page: a need in plain words, and the doors that fit it with the reasons why.
pub(crate) async fn match_page(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
    params: Params,
) -> Result<Html<String>, WebError> {
    let lang = lang(&code)?;
    let t = Tr::new(lang);
    let need = params.text("need", MAX_NEED)?.unwrap_or_default();
    let mut layout = Layout::new(
        lang,
        &t.t("match-title"),
        "match",
        Nav::WayIn,
        Some(t.t("match-lead")),
    );
    layout.set_caller(&caller);
    let asked = !need.is_empty();
    // The terms: the form's fields, and what the need itself says ("TRL 4", "within 4 weeks") where a field is
    // empty. The words that named a term are not matched (they say nothing about what the work is).
    let set = crate::kit::terms::terms(&params)?;
    let read = search::need_terms::read_terms(&need);
    let terms = set.or(read.terms);
    let read_terms = read.terms.not_in(set);
    let about = read.rest;
    let note = if !asked {
        None
    } else if !terms.is_empty() && search::terms::words(&about).is_empty() {
        Some(t.t("match-terms-only"))
    } else {
        note(t, &about)
    };
    let mut items = Vec::new();
    let mut weak = Vec::new();
    let mut companies = Vec::new();
    let mut posts = Vec::new();
    let content = search::content_words(&about);
    if asked && note.is_none() {
        let unmet = unmet_terms(&state, &terms, lang).await?;
        let campuses = state.store().campuses(lang).await?;
        let campus_name = |s: &Slug| {
            campuses
                .iter()
                .find(|c| &c.campus.slug == s)
                .map_or_else(|| s.to_string(), |c| c.campus.name.get(lang).to_owned())
        };
        for m in matches(&state, &about, lang).await? {
            let company = if m.hit.kind == DocKind::Actor {
                state.store().actor(&m.hit.slug).await?.is_some_and(|a| {
                    matches!(
                        a.kind,
                        domain::ActorKind::CompanySme | domain::ActorKind::CompanyLarge
                    )
                })
            } else {
                false
            };
            let mut reasons = reasons(t, &m, &campus_name);
            // A service, or an infrastructure none of whose services meets the terms, is less likely.
            let misses = unmet.get(&(m.hit.kind, m.hit.slug.clone()));
            match misses {
                Some(missed) => reasons.push(
                    t.t1(
                        "match-reason-unmet",
                        "terms",
                        missed
                            .iter()
                            .map(|x| t.t(&format!("term-{x}")))
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                ),
                None if !terms.is_empty()
                    && matches!(m.hit.kind, DocKind::Service | DocKind::Infrastructure) =>
                {
                    reasons.push(t.t("match-reason-terms"));
                }
                None => {}
            }
            let view = MatchView {
                title: Text::written(m.hit.title.as_str(), m.hit.title_lang, lang),
                href: hit_href(lang, m.hit.kind, &m.hit.slug),
                kind: t.t(&format!("doc-kind-{}", m.hit.kind)),
                reasons,
                request_href: request_href(lang, m.hit.kind, &m.hit.slug, &need),
                snippet_html: m.hit.snippet_html.clone(),
                snippet_lang: LangAttr::of(m.hit.snippet_lang, lang),
            };
            if company {
                if search::is_good_match(&m, &content) {
                    companies.push(view);
                }
            } else if misses.is_none() && search::is_good_match(&m, &content) {
                items.push(view);
            } else {
                weak.push(view);
            }
        }
        // Partner posts are for signed-in people; those open today whose text stands on the need.
        if caller.principal.is_some() && !content.is_empty() {
            let open = state.store().posts(Some(store::today())).await?;
            let index = state.search_state().index().clone();
            let texts: Vec<(i64, String, String)> = open
                .iter()
                .map(|p| (p.id, p.title.clone(), format!("{}\n{}", p.title, p.body)))
                .collect();
            let need_for_posts = about.clone();
            let scored = app::search::blocking(move || {
                Ok(texts
                    .into_iter()
                    .map(|(id, title, text)| {
                        (id, title, index.matched_words(&need_for_posts, &text))
                    })
                    .collect::<Vec<_>>())
            })
            .await?;
            let mut scored: Vec<_> = scored
                .into_iter()
                .filter(|(_, _, words)| {
                    words.len() >= 2 || (!words.is_empty() && words.len() * 3 >= content.len())
                })
                .collect();
            scored.sort_by(|a, b| b.2.len().cmp(&a.2.len()).then(b.0.cmp(&a.0)));
            posts = scored
                .into_iter()
                .take(5)
                .map(|(id, title, words)| {
                    (
                        format!("/{}/posts/{id}", lang.code()),
                        Text::identified(title, lang),
                        t.t1("match-reason-words", "words", words.join(", ")),
                    )
                })
                .collect();
        }
    }
    // Knowing when it does not know: no door stands on the need, so it says so and offers the office.
    let none = asked && note.is_none() && items.is_empty();
    let office_href = (asked && note.is_none()).then(|| {
        format!(
            "/{}/requests/new?provider={OFFICE_ACTOR}&{}",
            lang.code(),
            need_query(&need)
        )
    });
    render(&MatchPage {
        layout,
        need,
        terms: crate::kit::terms::term_choices(t, &set),
        read: (!read_terms.is_empty()).then(|| crate::kit::terms::terms_text(t, &read_terms)),
        terms_set: !set.is_empty(),
        note: if none { Some(t.t("match-none")) } else { note },
        items,
        weak,
        companies,
        posts,
        asked,
        office_href,
    })
}

// ----- The API -----

/// Search parameters.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct SearchParams {
    /// The text (at most 500 characters).
    #[param(schema_with = crate::kit::openapi::text_500)]
    q: Option<String>,
    /// sv or en: the language of titles and snippets (default: `Accept-Language`).
    #[param(schema_with = crate::kit::openapi::lang)]
    lang: Option<String>,
    /// Only this kind of document.
    #[param(rename = "type", schema_with = crate::kit::openapi::doc_kind)]
    kind: Option<String>,
    /// Only on this campus (slug).
    #[param(schema_with = crate::kit::openapi::slug)]
    campus: Option<String>,
    /// Only with this ownership form.
    #[param(schema_with = crate::kit::openapi::ownership)]
    ownership: Option<String>,
    /// Only with this competence tag (slug).
    #[param(schema_with = crate::kit::openapi::slug)]
    tag: Option<String>,
    /// Page number, from 1.
    #[param(minimum = 1, maximum = 1000)]
    page: Option<u32>,
}

/// A search hit.
#[derive(Serialize, ToSchema)]
pub struct SearchHit {
    /// infrastructure, service, premises or actor.
    #[serde(rename = "type")]
    pub kind: String,
    /// Slug.
    pub slug: String,
    /// Title in the asked language.
    pub title: String,
    /// A fragment with matched words in `<mark>`; everything else HTML-escaped.
    pub snippet_html: String,
    /// Its page.
    pub url: String,
}

/// A facet value with its count.
#[derive(Serialize, ToSchema)]
pub struct FacetCount {
    /// The facet: type, campus, ownership or tag.
    pub facet: String,
    /// The value.
    pub value: String,
    /// How many matches have it.
    pub count: u64,
}

/// Search results.
#[derive(Serialize, ToSchema)]
pub struct SearchResponse {
    /// All matches.
    pub total: usize,
    /// Page number.
    pub page: u32,
    /// Hits on this page (10 per page).
    pub items: Vec<SearchHit>,
    /// Counts per type, campus, ownership form and tag among all matches.
    pub facets: Vec<FacetCount>,
}

fn lang_param(params: &Params, headers: &HeaderMap) -> Result<Lang, WebError> {
    Ok(params
        .vocabulary("lang", &Lang::ALL, Lang::code)?
        .unwrap_or_else(|| api_lang(headers)))
}

/// Search actors, infrastructures, services and premises in Swedish or English.
#[utoipa::path(
    get, path = "/api/v1/search", tag = "search", params(SearchParams),
    responses(
        (status = 200, description = "Results (none for an empty, one-letter or wordless query)", body = SearchResponse),
        (status = 400, description = "A parameter has a bad value", body = crate::kit::api::ErrorBody),
    )
)]
pub(crate) async fn api_search(
    State(state): State<AppState>,
    headers: HeaderMap,
    params: Params,
) -> Result<Json<SearchResponse>, WebError> {
    let lang = lang_param(&params, &headers)?;
    let f = read_filters(&params)?;
    let page = f.page;
    if note(Tr::new(lang), &f.q).is_some() {
        return Ok(Json(SearchResponse {
            total: 0,
            page,
            items: vec![],
            facets: vec![],
        }));
    }
    let index = state.search_state().index().clone();
    let query = query_of(&f, lang, 10);
    let r = app::search::blocking(move || index.search(&query)).await?;
    Ok(Json(SearchResponse {
        total: r.total,
        page,
        items: r
            .hits
            .iter()
            .map(|h| SearchHit {
                kind: h.kind.as_str().into(),
                slug: h.slug.to_string(),
                title: h.title.clone(),
                snippet_html: h.snippet_html.clone(),
                url: hit_href(lang, h.kind, &h.slug),
            })
            .collect(),
        facets: r
            .facets
            .into_iter()
            .map(|(facet, value, count)| FacetCount {
                facet: if facet == "kind" {
                    "type".into()
                } else {
                    facet
                },
                value,
                count,
            })
            .collect(),
    }))
}

/// Completion parameters.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct SuggestParams {
    /// What has been typed so far.
    #[param(schema_with = crate::kit::openapi::text_200)]
    q: Option<String>,
    /// sv or en.
    #[param(schema_with = crate::kit::openapi::lang)]
    lang: Option<String>,
}

/// A completion.
#[derive(Serialize, ToSchema)]
pub struct Suggestion {
    /// The title.
    pub title: String,
    /// infrastructure, service, premises or actor.
    #[serde(rename = "type")]
    pub kind: String,
    /// Its page.
    pub url: String,
}

/// Titles that start with what has been typed, for the search box.
#[utoipa::path(
    get, path = "/api/v1/suggest", tag = "search", params(SuggestParams),
    responses(
        (status = 200, description = "Up to 8 titles", body = [Suggestion]),
        (status = 400, description = "A parameter has a bad value", body = crate::kit::api::ErrorBody),
    )
)]
pub(crate) async fn api_suggest(
    State(state): State<AppState>,
    headers: HeaderMap,
    params: Params,
) -> Result<Json<Vec<Suggestion>>, WebError> {
    let lang = lang_param(&params, &headers)?;
    let q = params.text("q", 200)?.unwrap_or_default();
    let index = state.search_state().index().clone();
    let hits = app::search::blocking(move || index.suggest(&q, lang, 8)).await?;
    Ok(Json(
        hits.iter()
            .map(|h| Suggestion {
                title: h.title.clone(),
                kind: h.kind.as_str().into(),
                url: hit_href(lang, h.kind, &h.slug),
            })
            .collect(),
    ))
}

/// A matched door.
#[derive(Serialize, ToSchema)]
pub struct MatchItem {
    /// infrastructure, service, premises or actor.
    #[serde(rename = "type")]
    pub kind: String,
    /// Slug.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Its page.
    pub url: String,
    /// Where to request access (services, infrastructures, premises).
    pub request_url: Option<String>,
    /// The words of the need found in it.
    pub matched_words: Vec<String>,
    /// The campus of the need it is on.
    pub campus: Option<String>,
    /// Whether it answers a need for space.
    pub space: bool,
    /// Ranking score (higher is better).
    pub score: f32,
    /// The terms it does not meet (`pricing`, `lead`, `trl`, `price`): a service by its own offer, an
    /// infrastructure when none of its services meets them. Empty when it meets them or no term is set.
    pub unmet_terms: Vec<String>,
}

/// The terms applied: those in the request, and those read from the need where the request sets none.
#[derive(Serialize, ToSchema)]
pub struct MatchTerms {
    /// Price model.
    pub pricing: Option<String>,
    /// The longest lead time, in weeks.
    pub lead: Option<u16>,
    /// The readiness level to serve.
    pub trl: Option<u8>,
    /// The highest starting price in SEK.
    pub price: Option<u64>,
}

/// A need matched against the catalogue.
#[derive(Serialize, ToSchema)]
pub struct MatchResponse {
    /// Best first: those that meet the terms, then those that do not.
    pub items: Vec<MatchItem>,
    /// The terms applied.
    pub terms: MatchTerms,
}

/// A need to match.
#[derive(serde::Deserialize, ToSchema)]
#[allow(dead_code)]
pub struct MatchRequest {
    /// The need in plain words, in Swedish or English (at most 2,000 characters).
    #[schema(schema_with = crate::kit::openapi::need_2000)]
    pub need: String,
    /// sv or en: the language of the answer (default: `Accept-Language`).
    #[schema(schema_with = crate::kit::openapi::lang)]
    pub lang: Option<String>,
    /// Only services with this price model (also read from the need: "free of charge", "hourly rate").
    #[schema(schema_with = crate::kit::openapi::pricing)]
    pub pricing: Option<String>,
    /// A lead time of at most this many weeks (also read from the need: "within 4 weeks").
    #[schema(schema_with = crate::kit::openapi::lead_weeks)]
    pub lead: Option<u16>,
    /// This technology readiness level served, 1–9 (also read from the need: "TRL 4").
    #[schema(schema_with = crate::kit::openapi::trl_level)]
    pub trl: Option<u8>,
    /// An indicative price in SEK starting at or below this (also read from the need: "under 50 000 kr").
    #[schema(schema_with = crate::kit::openapi::price_sek)]
    pub price: Option<u64>,
}

/// The terms in a match request's JSON, each refused with its field named when it is not a valid value.
fn json_terms(json: &serde_json::Value, t: Tr) -> Result<Terms, Vec<(String, String)>> {
    let mut errors = Vec::new();
    let mut number = |name: &str, max: u64| -> Option<u64> {
        let v = json.get(name).filter(|v| !v.is_null())?;
        match v.as_u64().filter(|n| (1..=max).contains(n)) {
            Some(n) => Some(n),
            None => {
                errors.push((name.to_owned(), t.t1("premises-error-number", "max", max)));
                None
            }
        }
    };
    let lead = number("lead", u64::from(domain::catalogue::MAX_LEAD_TIME_WEEKS));
    let trl = number("trl", 9);
    let price = number("price", 1_000_000_000);
    let pricing = match json.get("pricing").filter(|v| !v.is_null()) {
        None => None,
        Some(v) => {
            let parsed = v.as_str().and_then(domain::catalogue::PricingModel::parse);
            if parsed.is_none() {
                errors.push(("pricing".into(), t.t("field-choose")));
            }
            parsed
        }
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Terms {
        pricing,
        max_lead_weeks: lead.and_then(|w| u16::try_from(w).ok()),
        trl: trl.and_then(|l| u8::try_from(l).ok()),
        max_price_sek: price,
    })
}

/// Match a plain-language need — `{"need": "...", "lang": "en"}` — against infrastructures, services, premises
/// and actors; each result says why it matched.
#[utoipa::path(
    post, path = "/api/v1/match", tag = "search",
    request_body(content = MatchRequest, description = "The need", content_type = "application/json"),
    responses(
        (status = 200, description = "Ranked doors", body = MatchResponse),
        (status = 400, description = "The body is not JSON", body = crate::kit::api::ErrorBody),
        (status = 422, description = "The need is missing or too long", body = crate::kit::api::ErrorBody),
    )
)]
pub(crate) async fn api_match(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<axum::response::Response, WebError> {
    use axum::response::IntoResponse;
    let json = crate::kit::json::body(&body)?;
    let lang = json
        .get("lang")
        .and_then(serde_json::Value::as_str)
        .and_then(Lang::parse)
        .unwrap_or_else(|| api_lang(&headers));
    let t = Tr::new(lang);
    let need = json
        .get("need")
        .and_then(serde_json::Value::as_str)
        .unwrap_or_default()
        .trim()
        .to_owned();
    if need.is_empty() || need.contains('\0') {
        return Ok(crate::kit::api::refused(vec![(
            "need".into(),
            t.t("field-required"),
        )]));
    }
    if need.chars().count() > MAX_NEED {
        return Ok(crate::kit::api::refused(vec![(
            "need".into(),
            t.t1("field-too-long", "max", MAX_NEED),
        )]));
    }
    let set = match json_terms(&json, t) {
        Ok(set) => set,
        Err(errors) => return Ok(crate::kit::api::refused(errors)),
    };
    let read = search::need_terms::read_terms(&need);
    let terms = set.or(read.terms);
    let found = if note(t, &read.rest).is_some() {
        vec![]
    } else {
        matches(&state, &read.rest, lang).await?
    };
    let unmet = unmet_terms(&state, &terms, lang).await?;
    let mut items: Vec<MatchItem> = found
        .iter()
        .map(|m| MatchItem {
            kind: m.hit.kind.as_str().into(),
            slug: m.hit.slug.to_string(),
            title: m.hit.title.clone(),
            url: hit_href(lang, m.hit.kind, &m.hit.slug),
            request_url: request_href(lang, m.hit.kind, &m.hit.slug, &need),
            matched_words: m.words.clone(),
            campus: m.campus.as_ref().map(ToString::to_string),
            space: m.space,
            score: m.hit.score,
            unmet_terms: unmet
                .get(&(m.hit.kind, m.hit.slug.clone()))
                .map(|x| x.iter().map(|t| t.as_str().to_owned()).collect())
                .unwrap_or_default(),
        })
        .collect();
    // Those that meet the terms first, each group in the ranking's order.
    items.sort_by_key(|i| !i.unmet_terms.is_empty());
    Ok(Json(MatchResponse {
        items,
        terms: MatchTerms {
            pricing: terms.pricing.map(|p| p.as_str().to_owned()),
            lead: terms.max_lead_weeks,
            trl: terms.trl,
            price: terms.max_price_sek,
        },
    })
    .into_response())
}

/// Search's part of the API document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(api_search, api_suggest, api_match))]
pub(crate) struct Api;

/// Search's routes.
pub(crate) fn routes() -> crate::kit::routes::Routes {
    use crate::kit::routes::{Rule::Public, spec};
    use axum::routing::{get, post};
    vec![
        (spec("GET", "/{lang}/search", Public), get(page)),
        (spec("GET", "/{lang}/match", Public), get(match_page)),
        (spec("GET", "/api/v1/search", Public), get(api_search)),
        (spec("GET", "/api/v1/suggest", Public), get(api_suggest)),
        (spec("POST", "/api/v1/match", Public), post(api_match)),
    ]
}
