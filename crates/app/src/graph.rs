//! The network of actors and relations with its metrics (degree, betweenness, communities) and a stable layout,
//! computed once per version of the data and shared by every reader; and the network as GraphML.

use crate::AppError;
use domain::graph::{self, Graph};
use domain::{Lang, Slug};
use std::fmt::Write as _;
use std::sync::Arc;
use store::{ActorFilter, GraphData, Store};

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
    pub full_json: std::sync::OnceLock<bytes::Bytes>,
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

/// The current snapshot, shared by every request of this server, and what groups the reads that renew it.
#[derive(Default)]
pub struct GraphCache {
    current: std::sync::RwLock<Option<Arc<GraphSnapshot>>>,
    compute: tokio::sync::Mutex<()>,
    /// Snapshot reads from the database started, and the last one finished.
    reads: (std::sync::atomic::AtomicU64, std::sync::atomic::AtomicU64),
}

impl GraphCache {
    /// The current network snapshot, recomputed when the data has changed since the last one. Readers share the
    /// cached snapshot without waiting; one computation runs at a time and concurrent callers wait for it.
    ///
    /// Under a stream of writes each request would see a newer version than the snapshot and read the network
    /// again, one after the other. So reads are grouped: a snapshot whose data was read after this call began is
    /// at least as fresh as the version this call saw, and is served as it is.
    pub async fn get(&self, store: &Store) -> Result<Arc<GraphSnapshot>, AppError> {
        use std::sync::atomic::Ordering::SeqCst;
        let (started, finished) = &self.reads;
        let ticket = started.load(SeqCst) + 1;
        let version = store.graph_version().await?;
        let current = |cache: &GraphCache| {
            cache
                .current
                .read()
                .ok()
                .and_then(|c| c.as_ref().filter(|s| s.version == version).cloned())
        };
        if let Some(s) = current(self) {
            return Ok(s);
        }
        // One computation at a time; whoever waited finds the fresh snapshot.
        let _computing = self.compute.lock().await;
        if let Some(s) = current(self) {
            return Ok(s);
        }
        if finished.load(SeqCst) >= ticket
            && let Some(s) = self.current.read().ok().and_then(|c| c.clone())
        {
            return Ok(s);
        }
        let generation = started.fetch_add(1, SeqCst) + 1;
        // The stamp is read again before the data, so the snapshot never claims a newer version than its data.
        let version = store.graph_version().await?;
        let data = store.graph_data().await?;
        // An edit that changes no actor or relation (a description, a name) keeps the layout and the metrics.
        let previous = self.current.read().ok().and_then(|c| c.clone());
        if let Some(prev) = previous.filter(|p| p.same_structure(&data)) {
            let snapshot = Arc::new(prev.with_data(version, data));
            if let Ok(mut cache) = self.current.write() {
                *cache = Some(snapshot.clone());
            }
            finished.store(generation, SeqCst);
            return Ok(snapshot);
        }
        let started = std::time::Instant::now();
        let snapshot = tokio::task::spawn_blocking(move || GraphSnapshot::compute(version, data))
            .await
            .map_err(|e| AppError::Task(format!("graph computation: {e}")))?;
        tracing::info!(
            nodes = snapshot.data.nodes.len(),
            edges = snapshot.data.edges.len(),
            ms = started.elapsed().as_millis() as u64,
            "computed the atlas layout and metrics"
        );
        let snapshot = Arc::new(snapshot);
        if let Ok(mut cache) = self.current.write() {
            *cache = Some(snapshot.clone());
        }
        finished.store(generation, SeqCst);
        Ok(snapshot)
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
    use domain::{ActorKind, LangText, RelationKind};
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
