//! The atlas: the network of actors and relations with metrics and a stable layout computed on the server once
//! per version of the data, served as JSON for the WebGL graph, as GraphML for Gephi, and as the accessible
//! table on the atlas page.

use crate::AppState;
use crate::error::WebError;
use domain::graph::{self, Graph};
use domain::{ActorKind, Lang, OwnershipForm, RelationKind, Slug};
use serde::Serialize;
use std::fmt::Write as _;
use std::sync::Arc;
use store::{ActorFilter, GraphData};

/// Force iterations of the layout.
const LAYOUT_ITERATIONS: usize = 150;
/// Above this many actors betweenness is estimated from this many sources (exact below).
const BETWEENNESS_SOURCES: usize = 256;

/// The network with its metrics and layout, for one version of the data.
#[derive(Debug)]
pub struct GraphSnapshot {
    /// The data version it was computed from.
    pub version: String,
    /// Actors and relations.
    pub data: GraphData,
    /// Layout position per node, in [-1000, 1000].
    pub positions: Vec<(f32, f32)>,
    /// Distinct neighbours per node.
    pub degree: Vec<u32>,
    /// Betweenness per node, normalised to [0, 1].
    pub betweenness: Vec<f64>,
    /// Community per node (0 is the largest).
    pub community: Vec<u32>,
    /// Relations (edge indexes) touching each node, either direction.
    pub incident: Vec<Vec<usize>>,
    /// The whole network's JSON, made on first request.
    pub full_json: std::sync::OnceLock<axum::body::Bytes>,
}

impl GraphSnapshot {
    /// Computes metrics and layout (CPU-bound: call it off the async runtime for large networks).
    pub fn compute(version: String, data: GraphData) -> GraphSnapshot {
        let n = data.nodes.len();
        let pairs: Vec<(usize, usize)> = data.edges.iter().map(|e| (e.from, e.to)).collect();
        let g = Graph::new(n, &pairs);
        let community = graph::communities(&g);
        let betweenness = graph::betweenness(&g, BETWEENNESS_SOURCES);
        let positions = graph::layout(&g, &community, LAYOUT_ITERATIONS);
        let degree = (0..n)
            .map(|v| u32::try_from(g.degree(v)).unwrap_or(u32::MAX))
            .collect();
        let incident = incident(&data);
        GraphSnapshot {
            version,
            data,
            positions,
            degree,
            betweenness,
            community,
            incident,
            full_json: std::sync::OnceLock::new(),
        }
    }

    /// Whether `data` has the same actors (in the same order) and the same relations as this snapshot, so that
    /// its layout and metrics still hold (names, kinds, campuses or tags may differ).
    pub fn same_structure(&self, data: &GraphData) -> bool {
        let edges = |d: &GraphData| {
            let mut v: Vec<(usize, usize, &'static str)> = d
                .edges
                .iter()
                .map(|e| (e.from, e.to, e.kind.as_str()))
                .collect();
            v.sort_unstable();
            v
        };
        self.data.nodes.len() == data.nodes.len()
            && self.data.edges.len() == data.edges.len()
            && self
                .data
                .nodes
                .iter()
                .zip(&data.nodes)
                .all(|(a, b)| a.slug == b.slug)
            && edges(&self.data) == edges(data)
    }

    /// This snapshot's layout and metrics with new data of the same structure (see [`Self::same_structure`]).
    pub fn with_data(&self, version: String, data: GraphData) -> GraphSnapshot {
        let incident = incident(&data);
        GraphSnapshot {
            version,
            data,
            positions: self.positions.clone(),
            degree: self.degree.clone(),
            betweenness: self.betweenness.clone(),
            community: self.community.clone(),
            incident,
            full_json: std::sync::OnceLock::new(),
        }
    }

    /// Whether node `i` passes `filter` (kind, ownership, campus, tag; the text filter is not used here).
    pub fn matches(&self, i: usize, filter: &ActorFilter) -> bool {
        let Some(node) = self.data.nodes.get(i) else {
            return false;
        };
        filter.kind.is_none_or(|k| node.kind == k)
            && filter.ownership.is_none_or(|o| node.ownership == Some(o))
            && filter
                .campus
                .as_ref()
                .is_none_or(|c| node.campuses.contains(c))
            && filter.tag.as_ref().is_none_or(|t| node.tags.contains(t))
            && filter.area.as_ref().is_none_or(|a| node.areas.contains(a))
    }

    /// The nodes passing `filter`, and the relations between them.
    pub fn select(&self, filter: &ActorFilter) -> (Vec<usize>, Vec<usize>) {
        let keep: Vec<bool> = (0..self.data.nodes.len())
            .map(|i| self.matches(i, filter))
            .collect();
        let nodes = (0..keep.len()).filter(|&i| keep[i]).collect();
        let edges = self
            .data
            .edges
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                keep.get(e.from).copied().unwrap_or(false)
                    && keep.get(e.to).copied().unwrap_or(false)
            })
            .map(|(i, _)| i)
            .collect();
        (nodes, edges)
    }
}

/// The relations touching each node.
fn incident(data: &GraphData) -> Vec<Vec<usize>> {
    let mut incident = vec![Vec::new(); data.nodes.len()];
    for (i, e) in data.edges.iter().enumerate() {
        if let Some(list) = incident.get_mut(e.from) {
            list.push(i);
        }
        if e.to != e.from
            && let Some(list) = incident.get_mut(e.to)
        {
            list.push(i);
        }
    }
    incident
}

impl AppState {
    /// The current network snapshot, recomputed when the data has changed since the last one. Readers share the
    /// cached snapshot without waiting; one computation runs at a time and concurrent callers wait for it.
    ///
    /// Under a stream of writes each request would see a newer version than the snapshot and read the network
    /// again, one after the other. So reads are grouped: a snapshot whose data was read after this call began is
    /// at least as fresh as the version this call saw, and is served as it is.
    pub async fn graph(&self) -> Result<Arc<GraphSnapshot>, WebError> {
        use std::sync::atomic::Ordering::SeqCst;
        let (started, finished) = self.graph_reads();
        let ticket = started.load(SeqCst) + 1;
        let version = self.store().graph_version().await?;
        let current = |state: &AppState| {
            state
                .graph_cache()
                .read()
                .ok()
                .and_then(|c| c.as_ref().filter(|s| s.version == version).cloned())
        };
        if let Some(s) = current(self) {
            return Ok(s);
        }
        // One computation at a time; whoever waited finds the fresh snapshot.
        let _computing = self.graph_compute().lock().await;
        if let Some(s) = current(self) {
            return Ok(s);
        }
        if finished.load(SeqCst) >= ticket
            && let Some(s) = self.graph_cache().read().ok().and_then(|c| c.clone())
        {
            return Ok(s);
        }
        let generation = started.fetch_add(1, SeqCst) + 1;
        // The stamp is read again before the data, so the snapshot never claims a newer version than its data.
        let version = self.store().graph_version().await?;
        let data = self.store().graph_data().await?;
        // An edit that changes no actor or relation (a description, a name) keeps the layout and the metrics.
        let previous = self.graph_cache().read().ok().and_then(|c| c.clone());
        if let Some(prev) = previous.filter(|p| p.same_structure(&data)) {
            let snapshot = Arc::new(prev.with_data(version, data));
            if let Ok(mut cache) = self.graph_cache().write() {
                *cache = Some(snapshot.clone());
            }
            finished.store(generation, SeqCst);
            return Ok(snapshot);
        }
        let started = std::time::Instant::now();
        let snapshot = tokio::task::spawn_blocking(move || GraphSnapshot::compute(version, data))
            .await
            .map_err(|e| WebError::Internal(format!("graph computation: {e}")))?;
        tracing::info!(
            nodes = snapshot.data.nodes.len(),
            edges = snapshot.data.edges.len(),
            ms = started.elapsed().as_millis() as u64,
            "computed the atlas layout and metrics"
        );
        let snapshot = Arc::new(snapshot);
        if let Ok(mut cache) = self.graph_cache().write() {
            *cache = Some(snapshot.clone());
        }
        finished.store(generation, SeqCst);
        Ok(snapshot)
    }
}

/// The colour of each kind of actor: distinct hues, each with at least 3:1 contrast on white (WCAG 1.4.11).
pub fn kind_color(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::University => "#1f5fa8",
        ActorKind::Hospital => "#b3261e",
        ActorKind::CompanySme => "#2e7d32",
        ActorKind::CompanyLarge => "#1b4d1e",
        ActorKind::Infrastructure => "#6a1b9a",
        ActorKind::Incubator => "#b35300",
        ActorKind::Funder => "#7a6200",
        ActorKind::PublicAuthority => "#37474f",
        ActorKind::Foundation => "#ad1457",
        ActorKind::PatientOrganisation => "#00695c",
        ActorKind::RealEstate => "#5d4037",
        ActorKind::Project => "#0268a8",
    }
}

/// The colour of each kind of relation (lines only; the panel and the table name the kind in words).
pub fn relation_color(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::PartOf => "#64748b",
        RelationKind::LocatedAt => "#a1887f",
        RelationKind::Hosts => "#9575cd",
        RelationKind::CollaboratesWith => "#26a69a",
        RelationKind::Funds => "#c99700",
        RelationKind::SpinOffOf => "#e57373",
        RelationKind::MemberOf => "#7986cb",
        RelationKind::PartnerInProject => "#66bb6a",
        RelationKind::Owns => "#8d6e63",
        RelationKind::Runs => "#4fc3f7",
    }
}

// ---------------------------------------------------------------------------------------------------------
// JSON

/// A text in both languages.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Bilingual {
    /// Swedish.
    pub sv: String,
    /// English.
    pub en: String,
}

impl Bilingual {
    fn of(f: impl Fn(Lang) -> String) -> Bilingual {
        Bilingual {
            sv: f(Lang::Sv),
            en: f(Lang::En),
        }
    }
}

/// An actor in the graph.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct GraphNodeJson {
    /// The actor's slug.
    pub id: String,
    /// Its name.
    pub label: Bilingual,
    /// Kind of organisation.
    pub kind: String,
    /// Ownership form, when known.
    pub ownership: Option<String>,
    /// Campus slugs.
    pub campuses: Vec<String>,
    /// Competence tag slugs.
    pub tags: Vec<String>,
    /// Layout position (stable for the same data), in [-1000, 1000].
    pub x: f32,
    /// Layout position.
    pub y: f32,
    /// Number of distinct actors it is related to (in the whole network).
    pub degree: u32,
    /// Betweenness centrality in the whole network, normalised to [0, 1].
    pub betweenness: f64,
    /// Community (cluster) number; 0 is the largest.
    pub community: u32,
    /// The actor's page in each language.
    pub href: Bilingual,
}

/// A relation in the graph.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct GraphEdgeJson {
    /// The actor it is read from.
    pub source: String,
    /// The actor it points to.
    pub target: String,
    /// The type of relation.
    pub kind: String,
}

/// An entry of a legend.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct LegendJson {
    /// The value.
    pub id: String,
    /// Its label.
    pub label: Bilingual,
    /// Its colour, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
}

/// Counts of the whole network (before filtering).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct GraphTotals {
    /// Actors.
    pub nodes: usize,
    /// Relations.
    pub edges: usize,
}

/// The network (or the part the filters select) with everything needed to draw it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct GraphJson {
    /// Actors.
    pub nodes: Vec<GraphNodeJson>,
    /// Relations between them.
    pub edges: Vec<GraphEdgeJson>,
    /// The kinds of actor, with colours.
    pub kinds: Vec<LegendJson>,
    /// The kinds of relation, with colours.
    pub relation_kinds: Vec<LegendJson>,
    /// Ownership forms.
    pub ownerships: Vec<LegendJson>,
    /// Campuses.
    pub campuses: Vec<LegendJson>,
    /// Size of the whole network.
    pub total: GraphTotals,
}

/// Builds the JSON for the nodes and edges `filter` selects.
pub fn graph_json(
    s: &GraphSnapshot,
    filter: &ActorFilter,
    campuses: &[store::CampusSummary],
) -> GraphJson {
    let (nodes, edges) = s.select(filter);
    let tr = |l: Lang| crate::i18n::Tr::new(l);
    GraphJson {
        nodes: nodes
            .iter()
            .filter_map(|&i| {
                let n = s.data.nodes.get(i)?;
                let (x, y) = s.positions.get(i).copied().unwrap_or_default();
                Some(GraphNodeJson {
                    id: n.slug.to_string(),
                    label: Bilingual {
                        sv: n.name.get(Lang::Sv).to_owned(),
                        en: n.name.get(Lang::En).to_owned(),
                    },
                    kind: n.kind.as_str().to_owned(),
                    ownership: n.ownership.map(|o| o.as_str().to_owned()),
                    campuses: n.campuses.iter().map(ToString::to_string).collect(),
                    tags: n.tags.iter().map(ToString::to_string).collect(),
                    x,
                    y,
                    degree: s.degree.get(i).copied().unwrap_or(0),
                    betweenness: s.betweenness.get(i).copied().unwrap_or(0.0),
                    community: s.community.get(i).copied().unwrap_or(0),
                    href: Bilingual::of(|l| format!("/{}/actors/{}", l.code(), n.slug)),
                })
            })
            .collect(),
        edges: edges
            .iter()
            .filter_map(|&i| {
                let e = s.data.edges.get(i)?;
                Some(GraphEdgeJson {
                    source: s.data.nodes.get(e.from)?.slug.to_string(),
                    target: s.data.nodes.get(e.to)?.slug.to_string(),
                    kind: e.kind.as_str().to_owned(),
                })
            })
            .collect(),
        kinds: ActorKind::ALL
            .iter()
            .map(|k| LegendJson {
                id: k.as_str().to_owned(),
                label: Bilingual::of(|l| tr(l).t(&format!("kind-{k}"))),
                color: Some(kind_color(*k).to_owned()),
            })
            .collect(),
        relation_kinds: RelationKind::ALL
            .iter()
            .map(|k| LegendJson {
                id: k.as_str().to_owned(),
                label: Bilingual::of(|l| tr(l).t(&format!("relation-{k}-out"))),
                color: Some(relation_color(*k).to_owned()),
            })
            .collect(),
        ownerships: OwnershipForm::ALL
            .iter()
            .map(|o| LegendJson {
                id: o.as_str().to_owned(),
                label: Bilingual::of(|l| tr(l).t(&format!("ownership-{o}"))),
                color: None,
            })
            .collect(),
        campuses: campuses
            .iter()
            .map(|c| LegendJson {
                id: c.campus.slug.to_string(),
                label: Bilingual {
                    sv: c.campus.name.get(Lang::Sv).to_owned(),
                    en: c.campus.name.get(Lang::En).to_owned(),
                },
                color: None,
            })
            .collect(),
        total: GraphTotals {
            nodes: s.data.nodes.len(),
            edges: s.data.edges.len(),
        },
    }
}

// ---------------------------------------------------------------------------------------------------------
// GraphML

fn xml_escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids are dropped rather than written.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
}

/// The whole network as GraphML (opens in Gephi, yEd, networkx): directed edges typed by `kind`, node
/// attributes for names, kind, ownership, campuses, tags, metrics and the layout position.
pub fn graphml(s: &GraphSnapshot) -> String {
    let mut out = String::with_capacity(256 + s.data.nodes.len() * 400 + s.data.edges.len() * 90);
    out.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    for (id, name, ty) in [
        ("label", "label", "string"),
        ("name_sv", "name_sv", "string"),
        ("name_en", "name_en", "string"),
        ("kind", "kind", "string"),
        ("ownership", "ownership", "string"),
        ("campuses", "campuses", "string"),
        ("tags", "tags", "string"),
        ("degree", "degree", "int"),
        ("betweenness", "betweenness", "double"),
        ("community", "community", "int"),
        ("x", "x", "float"),
        ("y", "y", "float"),
    ] {
        let _ = writeln!(
            out,
            "  <key id=\"{id}\" for=\"node\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
        );
    }
    out.push_str("  <key id=\"rel\" for=\"edge\" attr.name=\"kind\" attr.type=\"string\"/>\n");
    out.push_str("  <graph id=\"samverkan\" edgedefault=\"directed\">\n");
    let data = |out: &mut String, key: &str, value: &str| {
        let _ = write!(out, "      <data key=\"{key}\">");
        xml_escape(value, out);
        out.push_str("</data>\n");
    };
    for (i, n) in s.data.nodes.iter().enumerate() {
        out.push_str("    <node id=\"");
        xml_escape(n.slug.as_str(), &mut out);
        out.push_str("\">\n");
        data(&mut out, "label", n.name.get(Lang::En));
        data(&mut out, "name_sv", n.name.get(Lang::Sv));
        data(&mut out, "name_en", n.name.get(Lang::En));
        data(&mut out, "kind", n.kind.as_str());
        if let Some(o) = n.ownership {
            data(&mut out, "ownership", o.as_str());
        }
        let join = |v: &[Slug]| v.iter().map(Slug::as_str).collect::<Vec<_>>().join(";");
        data(&mut out, "campuses", &join(&n.campuses));
        data(&mut out, "tags", &join(&n.tags));
        data(
            &mut out,
            "degree",
            &s.degree.get(i).copied().unwrap_or(0).to_string(),
        );
        data(
            &mut out,
            "betweenness",
            &format!("{:.6}", s.betweenness.get(i).copied().unwrap_or(0.0)),
        );
        data(
            &mut out,
            "community",
            &s.community.get(i).copied().unwrap_or(0).to_string(),
        );
        let (x, y) = s.positions.get(i).copied().unwrap_or_default();
        data(&mut out, "x", &format!("{x:.2}"));
        data(&mut out, "y", &format!("{y:.2}"));
        out.push_str("    </node>\n");
    }
    for (i, e) in s.data.edges.iter().enumerate() {
        let (Some(from), Some(to)) = (s.data.nodes.get(e.from), s.data.nodes.get(e.to)) else {
            continue;
        };
        let _ = write!(out, "    <edge id=\"e{i}\" source=\"");
        xml_escape(from.slug.as_str(), &mut out);
        out.push_str("\" target=\"");
        xml_escape(to.slug.as_str(), &mut out);
        out.push_str("\">\n");
        data(&mut out, "rel", e.kind.as_str());
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::LangText;
    use store::{GraphEdge, GraphNode};

    fn node(slug: &str, name: &str, kind: ActorKind, campus: Option<&str>) -> GraphNode {
        GraphNode {
            slug: Slug::parse(slug).expect("slug"),
            name: LangText::new(name, name),
            kind,
            ownership: None,
            campuses: campus
                .map(|c| vec![Slug::parse(c).expect("slug")])
                .unwrap_or_default(),
            tags: vec![],
            areas: vec![],
        }
    }

    fn sample() -> GraphSnapshot {
        let data = GraphData {
            nodes: vec![
                node("a", "A & <B>", ActorKind::University, Some("solna")),
                node("b", "B", ActorKind::Hospital, Some("solna")),
                node("c", "C", ActorKind::Infrastructure, Some("flemingsberg")),
            ],
            edges: vec![
                GraphEdge {
                    from: 0,
                    to: 1,
                    kind: RelationKind::CollaboratesWith,
                },
                GraphEdge {
                    from: 2,
                    to: 1,
                    kind: RelationKind::PartOf,
                },
            ],
        };
        GraphSnapshot::compute("v1".into(), data)
    }

    #[test]
    fn filters_keep_only_matching_actors_and_the_relations_between_them() {
        let s = sample();
        let solna = ActorFilter {
            campus: Some(Slug::parse("solna").expect("slug")),
            ..ActorFilter::default()
        };
        let (nodes, edges) = s.select(&solna);
        assert_eq!(nodes, vec![0, 1]);
        assert_eq!(
            edges,
            vec![0],
            "the relation to Flemingsberg's C is left out"
        );
        assert_eq!(s.degree, vec![1, 2, 1]);
        assert_eq!(
            s.betweenness.get(1).copied(),
            Some(1.0),
            "B bridges A and C"
        );
    }

    #[test]
    fn a_renamed_actor_keeps_the_layout_but_a_new_relation_does_not() {
        let s = sample();
        let mut renamed = s.data.clone();
        renamed.nodes[0].name = LangText::new("Nytt namn", "New name");
        renamed.edges.reverse();
        assert!(
            s.same_structure(&renamed),
            "a name and the order of relations are not structure"
        );
        let kept = s.with_data("v2".into(), renamed);
        assert_eq!(kept.positions, s.positions);
        assert_eq!(kept.data.nodes[0].name.en, "New name");
        let mut linked = s.data.clone();
        linked.edges.push(GraphEdge {
            from: 0,
            to: 2,
            kind: RelationKind::Funds,
        });
        assert!(!s.same_structure(&linked));
    }

    #[test]
    fn graphml_escapes_names_and_lists_every_node_and_edge() {
        let xml = graphml(&sample());
        assert!(xml.contains("A &amp; &lt;B&gt;"));
        assert!(!xml.contains("<B>"));
        assert_eq!(xml.matches("<node ").count(), 3);
        assert_eq!(xml.matches("<edge ").count(), 2);
        assert!(xml.contains("<data key=\"rel\">part_of</data>"));
    }
}
