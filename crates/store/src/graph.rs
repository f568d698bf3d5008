//! The whole network for the atlas: every actor with what the filters need, and every relation, read in four
//! queries whatever the size; plus a cheap version stamp that changes whenever the network may have changed.

use crate::actors::{kind, ownership};
use crate::rows::{get, lang_text, slug};
use crate::{Store, StoreError};
use domain::{ActorKind, LangText, OwnershipForm, RelationKind, Slug};
use std::collections::HashMap;

/// An actor as a node of the network.
#[derive(Debug, Clone, PartialEq)]
pub struct GraphNode {
    /// Stable identifier.
    pub slug: Slug,
    /// Name in both languages.
    pub name: LangText,
    /// Kind of organisation.
    pub kind: ActorKind,
    /// Ownership form, when known.
    pub ownership: Option<OwnershipForm>,
    /// Campuses.
    pub campuses: Vec<Slug>,
    /// Competence tags.
    pub tags: Vec<Slug>,
    /// Focus areas of the strategy it takes part in (named for the area, or in one of its measures).
    pub areas: Vec<Slug>,
}

/// A relation between two nodes (indexes into [`GraphData::nodes`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GraphEdge {
    /// The node the relation is read from.
    pub from: usize,
    /// The node it points to.
    pub to: usize,
    /// Its type.
    pub kind: RelationKind,
}

/// The whole network.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GraphData {
    /// Every actor, in id order (stable between reads).
    pub nodes: Vec<GraphNode>,
    /// Every relation, in id order.
    pub edges: Vec<GraphEdge>,
}

impl Store {
    /// A stamp that differs whenever actors, relations or the actors' part in the strategy's focus areas may
    /// have changed (counts, the newest change time and the newest relation id). Cheap: aggregates over
    /// indexed columns and small tables.
    pub async fn graph_version(&self) -> Result<String, StoreError> {
        let row = sqlx::query(
            "SELECT (SELECT COUNT(*) FROM actors) AS actors, \
             (SELECT COALESCE(MAX(updated_at), 0) FROM actors) AS updated, \
             (SELECT COUNT(*) FROM relations) AS relations, \
             (SELECT COALESCE(MAX(id), 0) FROM relations) AS last_relation, \
             (SELECT COUNT(*) FROM focus_area_actors) + (SELECT COUNT(*) FROM measure_contributors) \
               + (SELECT COUNT(*) FROM measures) AS part, \
             (SELECT COALESCE(MAX(updated_at), 0) FROM measures) AS measure_updated",
        )
        .fetch_one(self.pool())
        .await?;
        Ok(format!(
            "{}-{}-{}-{}-{}-{}",
            get::<i64>(&row, "actors")?,
            get::<i64>(&row, "updated")?,
            get::<i64>(&row, "relations")?,
            get::<i64>(&row, "last_relation")?,
            get::<i64>(&row, "part")?,
            get::<i64>(&row, "measure_updated")?
        ))
    }

    /// Every actor and relation.
    pub async fn graph_data(&self) -> Result<GraphData, StoreError> {
        let rows = sqlx::query(
            "SELECT id, slug, name_sv, name_en, kind, ownership FROM actors ORDER BY id",
        )
        .fetch_all(self.pool())
        .await?;
        let mut index: HashMap<i64, usize> = HashMap::with_capacity(rows.len());
        let mut nodes = Vec::with_capacity(rows.len());
        for row in &rows {
            index.insert(get(row, "id")?, nodes.len());
            nodes.push(GraphNode {
                slug: slug(row, "slug")?,
                name: lang_text(row, "name")?,
                kind: kind(row)?,
                ownership: ownership(row)?,
                campuses: Vec::new(),
                tags: Vec::new(),
                areas: Vec::new(),
            });
        }
        for (link, column, table) in [
            ("actor_campuses", "campus_id", "campuses"),
            ("actor_tags", "tag_id", "tags"),
        ] {
            let rows = sqlx::query(&format!(
                "SELECT l.actor_id, x.slug FROM {link} l JOIN {table} x ON x.id = l.{column} \
                 ORDER BY x.sort_sv, x.slug"
            ))
            .fetch_all(self.pool())
            .await?;
            for row in &rows {
                if let Some(&i) = index.get(&get::<i64>(row, "actor_id")?)
                    && let Some(node) = nodes.get_mut(i)
                {
                    let s = slug(row, "slug")?;
                    if table == "campuses" {
                        node.campuses.push(s);
                    } else {
                        node.tags.push(s);
                    }
                }
            }
        }
        let rows = sqlx::query(
            "SELECT fa.actor_id, f.slug, f.position FROM focus_area_actors fa JOIN focus_areas f ON f.id = fa.area_id \
             UNION SELECT m.responsible_id, f.slug, f.position FROM measures m JOIN focus_areas f ON f.id = m.area_id \
             UNION SELECT mc.actor_id, f.slug, f.position FROM measure_contributors mc \
             JOIN measures m ON m.id = mc.measure_id JOIN focus_areas f ON f.id = m.area_id \
             ORDER BY 3, 2",
        )
        .fetch_all(self.pool())
        .await?;
        for row in &rows {
            if let Some(&i) = index.get(&get::<i64>(row, "actor_id")?)
                && let Some(node) = nodes.get_mut(i)
            {
                let s = slug(row, "slug")?;
                if !node.areas.contains(&s) {
                    node.areas.push(s);
                }
            }
        }
        let rows =
            sqlx::query("SELECT from_actor_id, kind, to_actor_id FROM relations ORDER BY id")
                .fetch_all(self.pool())
                .await?;
        let mut edges = Vec::with_capacity(rows.len());
        for row in &rows {
            let text: String = get(row, "kind")?;
            let kind = RelationKind::parse(&text)
                .ok_or_else(|| StoreError::Corrupt(format!("unknown relation kind {text:?}")))?;
            let (Some(&from), Some(&to)) = (
                index.get(&get::<i64>(row, "from_actor_id")?),
                index.get(&get::<i64>(row, "to_actor_id")?),
            ) else {
                return Err(StoreError::Corrupt(
                    "a relation names a missing actor".into(),
                ));
            };
            edges.push(GraphEdge { from, to, kind });
        }
        Ok(GraphData { nodes, edges })
    }
}
