//! Loading a validated data set into an empty database, all or nothing.

use crate::actor_rows::{insert_links, insert_relation};
use crate::{Store, StoreError, now_millis};
use domain::collate::sort_key;
use domain::dataset::Dataset;
use domain::{Lang, Slug};
use std::collections::HashMap;

/// What a seed wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SeedReport {
    /// Campuses written.
    pub campuses: usize,
    /// Tags written.
    pub tags: usize,
    /// Actors written.
    pub actors: usize,
    /// Relations written.
    pub relations: usize,
}

fn id_of(map: &HashMap<Slug, i64>, slug: &Slug) -> Result<i64, StoreError> {
    map.get(slug)
        .copied()
        .ok_or_else(|| StoreError::Corrupt(format!("unknown reference {slug}")))
}

impl Store {
    /// Writes the whole data set in one transaction: either all of it is stored or none of it.
    ///
    /// The data set is already validated, so a failure here means the database refused (for example a slug
    /// that already exists); the transaction is then rolled back.
    pub async fn seed(&self, data: &Dataset) -> Result<SeedReport, StoreError> {
        let mut tx = self.write_tx().await?;
        let now = now_millis();

        let mut campus_ids = HashMap::new();
        for c in &data.campuses {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO campuses (slug, name_sv, name_en, sort_sv, sort_en, municipality, description_sv, \
                 description_en, lat, lon) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
            )
            .bind(c.slug.as_str())
            .bind(&c.name.sv)
            .bind(&c.name.en)
            .bind(sort_key(Lang::Sv, &c.name.sv))
            .bind(sort_key(Lang::En, &c.name.en))
            .bind(c.municipality.as_deref())
            .bind(&c.description.sv)
            .bind(&c.description.en)
            .bind(c.coordinates.map(|p| p.lat()))
            .bind(c.coordinates.map(|p| p.lon()))
            .fetch_one(&mut *tx)
            .await?;
            campus_ids.insert(c.slug.clone(), id);
        }

        let mut tag_ids = HashMap::new();
        for t in &data.tags {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO tags (slug, label_sv, label_en, sort_sv, sort_en) VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(t.slug.as_str())
            .bind(&t.label.sv)
            .bind(&t.label.en)
            .bind(sort_key(Lang::Sv, &t.label.sv))
            .bind(sort_key(Lang::En, &t.label.en))
            .fetch_one(&mut *tx)
            .await?;
            tag_ids.insert(t.slug.clone(), id);
        }

        let mut actor_ids = HashMap::new();
        for a in &data.actors {
            let id = crate::import::write_actor(&mut tx, None, a, now).await?;
            actor_ids.insert(a.slug.clone(), id);
            let campuses = a
                .campuses
                .iter()
                .map(|c| id_of(&campus_ids, c))
                .collect::<Result<Vec<_>, _>>()?;
            let tags = a
                .tags
                .iter()
                .map(|t| id_of(&tag_ids, t))
                .collect::<Result<Vec<_>, _>>()?;
            insert_links(&mut tx, id, &campuses, &tags, &a.contacts).await?;
        }

        for r in &data.relations {
            insert_relation(
                &mut tx,
                id_of(&actor_ids, &r.from)?,
                r,
                id_of(&actor_ids, &r.to)?,
            )
            .await?;
        }

        let report = SeedReport {
            campuses: data.campuses.len(),
            tags: data.tags.len(),
            actors: data.actors.len(),
            relations: data.relations.len(),
        };
        let changes = [domain::audit::Change {
            path: String::new(),
            before: serde_json::Value::Null,
            after: serde_json::json!({
                "campuses": report.campuses, "tags": report.tags, "actors": report.actors, "relations": report.relations
            }),
        }];
        crate::audit::record(
            &mut tx,
            crate::AuditRecord {
                user_id: None,
                object_type: "dataset",
                object_key: "built-in",
                action: "seed",
                changes: &changes,
                personal: &[],
            },
        )
        .await?;
        tx.commit().await?;
        Ok(report)
    }
}
