//! The home page, the language roots and the privacy notice.

use crate::AppState;
use crate::kit::actors_url;
use crate::kit::caller::Caller;
use crate::kit::error::WebError;
use crate::kit::labels::kinds_label;
use crate::kit::page::{Layout, MessagePage, Nav, lang, render};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use domain::{ActorKind, Lang};
use i18n::Tr;
use store::{ActorFilter, CampusSummary};

/// `/sv` and `/en` lead to the home page with its trailing slash.
pub(crate) async fn lang_root(Path(code): Path<String>) -> Result<Redirect, WebError> {
    let lang = lang(&code)?;
    Ok(Redirect::permanent(&format!("/{}/", lang.code())))
}

/// The home page: what Samverkan is, the search box and the ways in.
pub(crate) async fn home(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Html<String>, WebError> {
    let lang = lang(&code)?;
    let store = state.store();
    let campuses = store.campuses(lang).await?;
    let kinds = store.kind_counts().await?;
    let actor_total: u64 = kinds.iter().map(|(_, n)| n).sum();
    let relation_total = store.relation_count().await?;
    let mut page = HomePage::build(lang, campuses, kinds, actor_total, relation_total);
    page.news = store
        .news(3)
        .await?
        .iter()
        .map(|n| {
            (
                format!("/{}/news/{}", lang.code(), n.item.slug),
                n.item.title.get(lang).to_owned(),
                n.item.published.map(|d| d.to_string()).unwrap_or_default(),
            )
        })
        .collect();
    render(&page)
}

/// A count with a label and a link.
pub struct CountLink {
    /// Where it goes.
    pub href: String,
    /// What it is.
    pub label: String,
    /// How many.
    pub count: u64,
}

/// The home page.
#[derive(Template)]
#[template(path = "site/home.html")]
pub struct HomePage {
    /// The frame.
    pub layout: Layout,
    /// Campuses with actor counts.
    pub campuses: Vec<CountLink>,
    /// Kinds with actor counts.
    pub kinds: Vec<CountLink>,
    /// "42 actors, 45 relations, 4 campuses".
    pub stats: Vec<String>,
    /// The latest news: (link, title, date; empty when undated).
    pub news: Vec<(String, String, String)>,
}

impl HomePage {
    /// Builds the home page view.
    pub fn build(
        lang: Lang,
        campuses: Vec<CampusSummary>,
        kinds: Vec<(ActorKind, u64)>,
        actor_total: u64,
        relation_total: u64,
    ) -> HomePage {
        let layout = Layout::new(lang, &Tr::new(lang).t("home-title"), "", Nav::Home, None);
        let t = layout.t;
        let stats = vec![
            t.n("stat-actors", "count", actor_total),
            t.n("stat-relations", "count", relation_total),
            t.n("stat-campuses", "count", campuses.len() as u64),
        ];
        HomePage {
            campuses: campuses
                .into_iter()
                .map(|c| CountLink {
                    href: format!("/{}/campuses/{}", lang.code(), c.campus.slug),
                    label: c.campus.name.get(lang).to_owned(),
                    count: c.actor_count,
                })
                .collect(),
            kinds: kinds
                .into_iter()
                .map(|(k, n)| CountLink {
                    href: actors_url(
                        lang,
                        &ActorFilter {
                            kind: Some(k),
                            ..ActorFilter::default()
                        },
                        None,
                    ),
                    label: kinds_label(t, k),
                    count: n,
                })
                .collect(),
            stats,
            news: Vec::new(),
            layout,
        }
    }
}

/// The privacy notice.
pub(crate) async fn privacy(
    Path(code): Path<String>,
    caller: Caller,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let t = Tr::new(lang);
    let mut layout = Layout::new(lang, &t.t("privacy-title"), "privacy", Nav::None, None);
    layout.set_caller(&caller);
    let paragraphs = (1..=8).map(|i| t.t(&format!("privacy-p{i}"))).collect();
    Ok(render(&MessagePage {
        layout,
        paragraphs,
        links: vec![],
    })?
    .into_response())
}
