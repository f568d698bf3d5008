//! The atlas as data: the network snapshot (from `app::graph`) as the JSON the WebGL graph draws, with colours
//! for each kind of actor and relation.

use domain::{ActorKind, Lang, OwnershipForm, RelationKind};
use serde::Serialize;
use store::ActorFilter;

pub use app::graph::{GraphSnapshot, graphml};

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
    let tr = |l: Lang| i18n::Tr::new(l);
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
