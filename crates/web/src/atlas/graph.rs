//! `/{lang}/atlas`: the WebGL graph (drawn by `static/atlas.js` from `/api/v1/graph`) with, on the same page, its
//! accessible alternative: a server-rendered, sortable, filterable and paged table of actors and their
//! relations that works without JavaScript.

use super::data::GraphSnapshot;
use super::filters::FilterChoices;
use super::filters::actor_filter;
use crate::AppState;
use crate::kit::assets;
use crate::kit::caller::Caller;
use crate::kit::error::WebError;
use crate::kit::page::{Layout, Nav, Pagination, lang, render};
use crate::kit::params::Params;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Html;
use domain::collate::sort_key;
use domain::{ActorKind, Lang, RelationKind};
use i18n::Tr;
use store::{ActorFilter, CampusSummary};

/// Rows per page of the table.
const TABLE_PER_PAGE: u32 = 50;
/// Relations listed per actor in the table (the rest are on the actor's page).
const RELATIONS_PER_ROW: usize = 6;

/// A legend entry.
pub struct LegendItem {
    /// The label.
    pub label: String,
    /// The CSS class that gives its colour (`kind-university`, `rel-part_of`).
    pub class: String,
}

/// A relation in a table row.
pub struct RowRelation {
    /// "is part of", "has as a part"...
    pub label: String,
    /// The other actor's name.
    pub other: String,
    /// The other actor's page.
    pub href: String,
}

/// A row of the table.
pub struct AtlasRow {
    /// The actor's page.
    pub href: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: String,
    /// Ownership form.
    pub ownership: String,
    /// Campuses.
    pub campuses: String,
    /// Connections.
    pub degree: u32,
    /// Betweenness, formatted.
    pub betweenness: String,
    /// Cluster number (1-based).
    pub community: u32,
    /// Some of its relations.
    pub relations: Vec<RowRelation>,
    /// How many more relations there are.
    pub more: u64,
}

/// A sortable column header.
pub struct SortHeader {
    /// Column title.
    pub label: String,
    /// The URL that sorts by it (toggling the direction when it is the current column).
    pub href: String,
    /// `ascending`, `descending` or empty, for `aria-sort`.
    pub aria_sort: &'static str,
}

/// The graph drawn in the browser, with its legend and texts: on the atlas page and on campus pages.
pub struct GraphEmbed {
    /// The graph JSON URL with the filters.
    pub graph_url: String,
    /// The selected actor, if any.
    pub selected: String,
    /// The kinds shown, with colours.
    pub legend_kinds: Vec<LegendItem>,
    /// The relation kinds shown, with colours.
    pub legend_relations: Vec<LegendItem>,
    /// Texts for the script, as JSON (in a non-executed `application/json` block).
    pub i18n_json: crate::kit::ScriptJson,
    /// The vendored sigma.js + graphology bundle.
    pub vendor_js: String,
    /// The atlas script.
    pub atlas_js: String,
    /// The atlas stylesheet.
    pub atlas_css: String,
}

impl GraphEmbed {
    /// The graph of the actors `filter` selects (the text filter does not apply to the graph).
    pub fn new(
        t: Tr,
        s: &GraphSnapshot,
        filter: &ActorFilter,
        selected: Option<String>,
    ) -> GraphEmbed {
        let graph_filter = ActorFilter {
            text: None,
            ..filter.clone()
        };
        let (nodes, edges) = s.select(&graph_filter);
        let kinds: Vec<ActorKind> = ActorKind::ALL
            .iter()
            .copied()
            .filter(|k| {
                nodes
                    .iter()
                    .any(|&i| s.data.nodes.get(i).is_some_and(|n| n.kind == *k))
            })
            .collect();
        let relations: Vec<RelationKind> = RelationKind::ALL
            .iter()
            .copied()
            .filter(|k| {
                edges
                    .iter()
                    .any(|&i| s.data.edges.get(i).is_some_and(|e| e.kind == *k))
            })
            .collect();
        let q = atlas_query(&graph_filter, false, None, None);
        GraphEmbed {
            graph_url: if q.is_empty() {
                "/api/v1/graph".to_owned()
            } else {
                format!(
                    "/api/v1/graph?{}",
                    serde_urlencoded::to_string(&q).unwrap_or_default()
                )
            },
            selected: selected.unwrap_or_default(),
            legend_kinds: kinds
                .iter()
                .map(|k| LegendItem {
                    label: t.t(&format!("kind-{k}")),
                    class: format!("kind-{k}"),
                })
                .collect(),
            legend_relations: relations
                .iter()
                .map(|k| LegendItem {
                    label: t.t(&format!("relation-{k}-out")),
                    class: format!("rel-{k}"),
                })
                .collect(),
            i18n_json: script_texts(t),
            vendor_js: assets::url("sigma-graphology.min.js"),
            atlas_js: assets::url("atlas.js"),
            atlas_css: assets::url("atlas.css"),
        }
    }
}

/// The atlas page.
#[derive(Template)]
#[template(path = "atlas/atlas.html")]
pub struct AtlasPage {
    /// The frame.
    pub layout: Layout,
    /// Filter choices.
    pub choices: FilterChoices,
    /// Size by degree (false) or betweenness (true).
    pub size_betweenness: bool,
    /// The search text.
    pub q: String,
    /// Names for the search box's suggestions.
    pub names: Vec<String>,
    /// The graph and its legend.
    pub embed: GraphEmbed,
    /// "42 actors, 45 relations".
    pub summary: String,
    /// Column headers.
    pub headers: Vec<SortHeader>,
    /// The rows of this page.
    pub rows: Vec<AtlasRow>,
    /// Paging of the table.
    pub pagination: Option<Pagination>,
    /// Whether a filter is set.
    pub filtered: bool,
}

/// How the table is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SortBy {
    Name,
    Kind,
    Degree,
    Betweenness,
    Community,
}

impl SortBy {
    const ALL: [SortBy; 5] = [
        SortBy::Name,
        SortBy::Kind,
        SortBy::Degree,
        SortBy::Betweenness,
        SortBy::Community,
    ];

    fn as_str(self) -> &'static str {
        match self {
            SortBy::Name => "name",
            SortBy::Kind => "kind",
            SortBy::Degree => "degree",
            SortBy::Betweenness => "betweenness",
            SortBy::Community => "community",
        }
    }

    /// Numbers start with the largest first; texts from A.
    fn default_descending(self) -> bool {
        matches!(self, SortBy::Degree | SortBy::Betweenness)
    }
}

fn atlas_query(
    filter: &ActorFilter,
    size_betweenness: bool,
    sort: Option<(SortBy, bool)>,
    page: Option<u32>,
) -> Vec<(&'static str, String)> {
    let mut q: Vec<(&'static str, String)> = Vec::new();
    if let Some(c) = &filter.campus {
        q.push(("campus", c.to_string()));
    }
    if let Some(k) = filter.kind {
        q.push(("kind", k.as_str().to_owned()));
    }
    if let Some(o) = filter.ownership {
        q.push(("ownership", o.as_str().to_owned()));
    }
    if let Some(t) = &filter.tag {
        q.push(("tag", t.to_string()));
    }
    if let Some(a) = &filter.area {
        q.push(("area", a.to_string()));
    }
    if let Some(text) = &filter.text {
        q.push(("q", text.clone()));
    }
    if size_betweenness {
        q.push(("size", "betweenness".to_owned()));
    }
    if let Some((by, desc)) = sort {
        q.push(("sort", by.as_str().to_owned()));
        q.push(("dir", if desc { "desc" } else { "asc" }.to_owned()));
    }
    if let Some(p) = page.filter(|p| *p > 1) {
        q.push(("page", p.to_string()));
    }
    q
}

fn url(lang: Lang, q: &[(&str, String)]) -> String {
    if q.is_empty() {
        format!("/{}/atlas", lang.code())
    } else {
        format!(
            "/{}/atlas?{}",
            lang.code(),
            serde_urlencoded::to_string(q).unwrap_or_default()
        )
    }
}

/// The atlas page.
pub(crate) async fn page(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
    params: Params,
) -> Result<Html<String>, WebError> {
    let lang = lang(&code)?;
    let t = Tr::new(lang);
    let filter = actor_filter(&params)?;
    const SIZES: [&str; 2] = ["degree", "betweenness"];
    const DIRECTIONS: [&str; 2] = ["asc", "desc"];
    let size_betweenness = params.vocabulary("size", &SIZES, |s| s)? == Some("betweenness");
    let sort_by = params
        .vocabulary("sort", &SortBy::ALL, SortBy::as_str)?
        .unwrap_or(SortBy::Name);
    let descending = match params.vocabulary("dir", &DIRECTIONS, |s| s)? {
        None => sort_by.default_descending(),
        Some(d) => d == "desc",
    };
    let page = params.page(TABLE_PER_PAGE)?;
    let selected = params.slug("selected")?;
    let snapshot = state.graph().await?;
    let store = state.store();
    let campuses = store.campuses(lang).await?;
    let tags = store.tags(lang).await?;

    let mut rows_idx: Vec<usize> = snapshot.select(&filter).0;
    if let Some(text) = &filter.text {
        let needle = sort_key(lang, text);
        rows_idx.retain(|&i| {
            snapshot.data.nodes.get(i).is_some_and(|n| {
                sort_key(lang, n.name.get(lang)).contains(&needle)
                    || sort_key(lang, n.name.get(lang.other())).contains(&needle)
            })
        });
    }
    sort_rows(&snapshot, &mut rows_idx, lang, t, sort_by, descending);
    let total = rows_idx.len() as u64;
    let start = usize::try_from(page.offset()).unwrap_or(usize::MAX);
    let rows = rows_idx
        .iter()
        .skip(start)
        .take(page.per_page() as usize)
        .map(|&i| row(&snapshot, i, lang, t, &campuses))
        .collect();

    let this = atlas_query(&filter, size_betweenness, None, None);
    let path = url(lang, &this);
    let mut layout = Layout::new(
        lang,
        &t.t("atlas-title"),
        path.trim_start_matches(&format!("/{}/", lang.code())),
        Nav::Atlas,
        Some(t.t("atlas-lead")),
    );
    layout.set_caller(&caller);
    let headers = SortBy::ALL
        .into_iter()
        .map(|by| {
            let current = by == sort_by;
            let next_desc = if current {
                !descending
            } else {
                by.default_descending()
            };
            SortHeader {
                label: t.t(&format!("atlas-col-{}", by.as_str())),
                href: url(
                    lang,
                    &atlas_query(&filter, size_betweenness, Some((by, next_desc)), None),
                ),
                aria_sort: match (current, descending) {
                    (false, _) => "",
                    (true, false) => "ascending",
                    (true, true) => "descending",
                },
            }
        })
        .collect();
    let mut names: Vec<String> = snapshot
        .data
        .nodes
        .iter()
        .map(|n| n.name.get(lang).to_owned())
        .collect();
    names.sort_by_key(|n| sort_key(lang, n));
    names.truncate(2000);
    let filtered = filter != ActorFilter::default();
    let view = AtlasPage {
        choices: FilterChoices::new(lang, &filter, &campuses, &tags).with_areas(
            lang,
            &filter,
            &store.focus_areas().await?,
        ),
        size_betweenness,
        q: filter.text.clone().unwrap_or_default(),
        names,
        embed: GraphEmbed::new(t, &snapshot, &filter, selected.map(|s| s.to_string())),
        summary: t.n2(
            "atlas-summary",
            ("actors", total),
            ("relations", relations_among(&snapshot, &rows_idx)),
        ),
        headers,
        rows,
        pagination: Pagination::new(t, page, total, |p| {
            url(
                lang,
                &atlas_query(
                    &filter,
                    size_betweenness,
                    params.get("sort").map(|_| (sort_by, descending)),
                    Some(p.page()),
                ),
            )
        }),
        filtered,
        layout,
    };
    render(&view)
}

/// The number of relations whose both ends are among `rows`.
fn relations_among(s: &GraphSnapshot, rows: &[usize]) -> u64 {
    let mut keep = vec![false; s.data.nodes.len()];
    for &i in rows {
        if let Some(k) = keep.get_mut(i) {
            *k = true;
        }
    }
    s.data
        .edges
        .iter()
        .filter(|e| {
            keep.get(e.from).copied().unwrap_or(false) && keep.get(e.to).copied().unwrap_or(false)
        })
        .count() as u64
}

fn sort_rows(
    s: &GraphSnapshot,
    rows: &mut [usize],
    lang: Lang,
    t: Tr,
    by: SortBy,
    descending: bool,
) {
    let name = |i: usize| {
        s.data
            .nodes
            .get(i)
            .map(|n| sort_key(lang, n.name.get(lang)))
            .unwrap_or_default()
    };
    let mut keyed: Vec<(String, f64, usize)> = rows
        .iter()
        .map(|&i| {
            let node = s.data.nodes.get(i);
            let (text, number) = match by {
                SortBy::Name => (String::new(), 0.0),
                SortBy::Kind => (
                    node.map(|n| sort_key(lang, &t.t(&format!("kind-{}", n.kind))))
                        .unwrap_or_default(),
                    0.0,
                ),
                SortBy::Degree => (
                    String::new(),
                    f64::from(s.degree.get(i).copied().unwrap_or(0)),
                ),
                SortBy::Betweenness => {
                    (String::new(), s.betweenness.get(i).copied().unwrap_or(0.0))
                }
                SortBy::Community => (
                    String::new(),
                    f64::from(s.community.get(i).copied().unwrap_or(0)),
                ),
            };
            (format!("{text}\u{0}{}", name(i)), number, i)
        })
        .collect();
    keyed.sort_by(|a, b| {
        let primary = if matches!(by, SortBy::Name | SortBy::Kind) {
            std::cmp::Ordering::Equal
        } else {
            a.1.total_cmp(&b.1)
        };
        let primary = if descending {
            primary.reverse()
        } else {
            primary
        };
        let text = a.0.cmp(&b.0);
        let text = if descending && matches!(by, SortBy::Name | SortBy::Kind) {
            text.reverse()
        } else {
            text
        };
        primary.then(text)
    });
    for (slot, (_, _, i)) in rows.iter_mut().zip(keyed) {
        *slot = i;
    }
}

fn row(s: &GraphSnapshot, i: usize, lang: Lang, t: Tr, campuses: &[CampusSummary]) -> AtlasRow {
    let Some(node) = s.data.nodes.get(i) else {
        return AtlasRow {
            href: String::new(),
            name: String::new(),
            kind: String::new(),
            ownership: String::new(),
            campuses: String::new(),
            degree: 0,
            betweenness: String::new(),
            community: 0,
            relations: vec![],
            more: 0,
        };
    };
    let incident = s.incident.get(i).map(Vec::as_slice).unwrap_or_default();
    let relations = incident
        .iter()
        .take(RELATIONS_PER_ROW)
        .filter_map(|&e| {
            let edge = s.data.edges.get(e)?;
            let (dir, other) = if edge.from == i {
                ("out", edge.to)
            } else {
                ("in", edge.from)
            };
            let other = s.data.nodes.get(other)?;
            Some(RowRelation {
                label: t.t(&format!("relation-{}-{dir}", edge.kind)),
                other: other.name.get(lang).to_owned(),
                href: format!("/{}/actors/{}", lang.code(), other.slug),
            })
        })
        .collect();
    AtlasRow {
        href: format!("/{}/actors/{}", lang.code(), node.slug),
        name: node.name.get(lang).to_owned(),
        kind: t.t(&format!("kind-{}", node.kind)),
        ownership: node
            .ownership
            .map(|o| t.t(&format!("ownership-{o}")))
            .unwrap_or_default(),
        campuses: node
            .campuses
            .iter()
            .map(|c| {
                campuses
                    .iter()
                    .find(|x| &x.campus.slug == c)
                    .map_or_else(|| c.to_string(), |x| x.campus.name.get(lang).to_owned())
            })
            .collect::<Vec<_>>()
            .join(", "),
        degree: s.degree.get(i).copied().unwrap_or(0),
        betweenness: i18n::fixed(s.betweenness.get(i).copied().unwrap_or(0.0), 2, lang),
        community: s.community.get(i).copied().unwrap_or(0) + 1,
        relations,
        more: incident.len().saturating_sub(RELATIONS_PER_ROW) as u64,
    }
}

/// The texts `atlas.js` needs, in the page language, as JSON.
fn script_texts(t: Tr) -> crate::kit::ScriptJson {
    let keys = [
        ("showing", "atlas-js-showing"),
        ("noMatch", "atlas-js-no-match"),
        ("selected", "atlas-js-selected"),
        ("close", "atlas-js-close"),
        ("openActor", "atlas-js-open-actor"),
        ("degree", "atlas-col-degree"),
        ("betweenness", "atlas-col-betweenness"),
        ("community", "atlas-col-community"),
        ("kind", "atlas-col-kind"),
        ("ownership", "atlas-col-ownership"),
        ("campuses", "atlas-col-campuses"),
        ("relations", "atlas-col-relations"),
        ("webglMissing", "atlas-js-webgl-missing"),
        ("loading", "atlas-js-loading"),
        ("loadFailed", "atlas-js-load-failed"),
        ("noRelations", "atlas-js-no-relations"),
        ("tableStale", "atlas-js-table-stale"),
    ];
    // Placeholders stay as `{name}` for the script to fill in.
    let text = |key: &str| match key {
        "atlas-js-showing" => t.t2(key, ("nodes", "{nodes}"), ("edges", "{edges}")),
        "atlas-js-selected" => t.t2(key, ("name", "{name}"), ("count", "{count}")),
        "atlas-js-table-stale" => t.t1(key, "apply", t.t("filter-apply")),
        _ => t.t(key),
    };
    let map: serde_json::Map<String, serde_json::Value> = keys
        .iter()
        .map(|(k, key)| ((*k).to_owned(), serde_json::Value::String(text(key))))
        .collect();
    crate::kit::ScriptJson::new(&map)
}
