//! Importing actors and relations read by `domain::interchange`: upsert by a stable key (organisation number
//! when known, else slug), every reference checked against the platform, all in one transaction — a dry run is
//! the same transaction rolled back — and every created or changed actor audited.

use crate::audit::{AuditRecord, record};
use crate::edit::state;
use crate::rows::get;
use crate::{Store, StoreError, now_millis};
use domain::audit::{Change, diff};
use domain::collate::sort_key;
use domain::interchange::{ImportRows, Location, Problem, ProblemKind};
use domain::{Actor, Lang};
use serde_json::json;
use sqlx::AnyConnection;
use std::collections::{HashMap, HashSet};

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Actors created.
    pub actors_created: usize,
    /// Actors changed.
    pub actors_updated: usize,
    /// Actors in the file that were already as the file says.
    pub actors_unchanged: usize,
    /// Relations created.
    pub relations_created: usize,
    /// Relations whose years or source changed.
    pub relations_updated: usize,
    /// Relations already as the file says.
    pub relations_unchanged: usize,
    /// True when nothing was written.
    pub dry_run: bool,
}

async fn slug_ids(
    conn: &mut AnyConnection,
    table: &str,
) -> Result<HashMap<String, i64>, StoreError> {
    let rows = sqlx::query(&format!("SELECT id, slug FROM {table}"))
        .fetch_all(&mut *conn)
        .await?;
    rows.iter()
        .map(|r| Ok((get::<String>(r, "slug")?, get::<i64>(r, "id")?)))
        .collect()
}

fn problem(at: &Location, column: &str, kind: ProblemKind) -> Problem {
    Problem {
        at: at.clone(),
        column: Some(column.to_owned()),
        kind,
    }
}

impl Store {
    /// Imports `rows`: checks every reference, then creates or updates actors and relations in one transaction.
    /// Returns the problems instead (and writes nothing) when a reference is wrong. With `dry_run` the
    /// transaction is rolled back after counting. `progress` is called with the number of records written.
    pub async fn import(
        &self,
        rows: &ImportRows,
        dry_run: bool,
        user_id: Option<i64>,
        progress: &mut (dyn FnMut(usize) + Send),
    ) -> Result<Result<ImportReport, Vec<Problem>>, StoreError> {
        let mut tx = self.write_tx().await?;
        let campuses = slug_ids(&mut tx, "campuses").await?;
        let tags = slug_ids(&mut tx, "tags").await?;
        let mut actors = slug_ids(&mut tx, "actors").await?;
        let org_rows =
            sqlx::query("SELECT slug, org_number FROM actors WHERE org_number IS NOT NULL")
                .fetch_all(&mut *tx)
                .await?;
        let mut org_owner: HashMap<String, String> = HashMap::new();
        for r in &org_rows {
            org_owner.insert(get(r, "org_number")?, get(r, "slug")?);
        }

        // Check every reference before writing anything.
        let mut problems = Vec::new();
        let in_file: HashSet<&str> = rows.actors.iter().map(|a| a.item.slug.as_str()).collect();
        for a in &rows.actors {
            for c in &a.item.campuses {
                if !campuses.contains_key(c.as_str()) {
                    problems.push(problem(
                        &a.at,
                        "campuses",
                        ProblemKind::UnknownCampus(c.to_string()),
                    ));
                }
            }
            for t in &a.item.tags {
                if !tags.contains_key(t.as_str()) {
                    problems.push(problem(
                        &a.at,
                        "tags",
                        ProblemKind::UnknownTag(t.to_string()),
                    ));
                }
            }
            if let Some(org) = &a.item.org_number
                && let Some(owner) = org_owner.get(org)
                && owner != a.item.slug.as_str()
            {
                problems.push(problem(
                    &a.at,
                    "org_number",
                    ProblemKind::OrgNumberConflict {
                        org_number: org.clone(),
                        owner: owner.clone(),
                    },
                ));
            }
        }
        for r in &rows.relations {
            for (col, s) in [("from", &r.item.from), ("to", &r.item.to)] {
                if !in_file.contains(s.as_str()) && !actors.contains_key(s.as_str()) {
                    problems.push(problem(
                        &r.at,
                        col,
                        ProblemKind::UnknownActor(s.to_string()),
                    ));
                }
            }
        }
        if !problems.is_empty() {
            tx.rollback().await?;
            return Ok(Err(problems));
        }

        let mut report = ImportReport {
            dry_run,
            ..ImportReport::default()
        };
        let now = now_millis();
        let mut done = 0usize;
        for a in &rows.actors {
            let actor = &a.item;
            let campus_ids: Vec<i64> = actor
                .campuses
                .iter()
                .filter_map(|c| campuses.get(c.as_str()).copied())
                .collect();
            let tag_ids: Vec<i64> = actor
                .tags
                .iter()
                .filter_map(|t| tags.get(t.as_str()).copied())
                .collect();
            match actors.get(actor.slug.as_str()).copied() {
                Some(id) => {
                    let before = state(&mut tx, id).await?;
                    let coords = sqlx::query("SELECT lat, lon FROM actors WHERE id = $1")
                        .bind(id)
                        .fetch_one(&mut *tx)
                        .await?;
                    let coords_before = json!([
                        get::<Option<f64>>(&coords, "lat")?,
                        get::<Option<f64>>(&coords, "lon")?
                    ]);
                    let coords_after = json!([
                        actor.coordinates.map(|c| c.lat()),
                        actor.coordinates.map(|c| c.lon())
                    ]);
                    write_actor(&mut tx, Some(id), actor, now).await?;
                    replace_links(&mut tx, id, &campus_ids, &tag_ids).await?;
                    let after = state(&mut tx, id).await?;
                    let mut changes = diff(&before, &after);
                    if coords_before != coords_after {
                        changes.push(Change {
                            path: "coordinates".into(),
                            before: coords_before,
                            after: coords_after,
                        });
                    }
                    if changes.is_empty() {
                        report.actors_unchanged += 1;
                    } else {
                        audit_actor(
                            &mut tx,
                            user_id,
                            actor.slug.as_str(),
                            "import_update",
                            &changes,
                        )
                        .await?;
                        report.actors_updated += 1;
                    }
                }
                None => {
                    let id = write_actor(&mut tx, None, actor, now).await?;
                    replace_links(&mut tx, id, &campus_ids, &tag_ids).await?;
                    // The record as written (cheaper than reading it back for thousands of new actors).
                    let after = json!({
                        "name": actor.name, "short_name": actor.short_name, "kind": actor.kind.as_str(),
                        "ownership": actor.ownership.map(|o| o.as_str()), "description": actor.description,
                        "website": actor.website.as_ref().map(|w| w.as_str()), "org_number": actor.org_number,
                        "address": actor.address, "campuses": actor.campuses, "tags": actor.tags,
                    });
                    let changes = diff(&serde_json::Value::Null, &after);
                    audit_actor(
                        &mut tx,
                        user_id,
                        actor.slug.as_str(),
                        "import_create",
                        &changes,
                    )
                    .await?;
                    actors.insert(actor.slug.to_string(), id);
                    report.actors_created += 1;
                }
            }
            done += 1;
            if done.is_multiple_of(200) {
                progress(done);
            }
        }
        for r in &rows.relations {
            let rel = &r.item;
            let (Some(&from), Some(&to)) =
                (actors.get(rel.from.as_str()), actors.get(rel.to.as_str()))
            else {
                return Err(StoreError::Corrupt(
                    "a checked relation end disappeared".into(),
                ));
            };
            let existing = sqlx::query(
                "SELECT id, since_year, until_year, source FROM relations WHERE from_actor_id = $1 AND kind = $2 AND to_actor_id = $3",
            )
            .bind(from)
            .bind(rel.kind.as_str())
            .bind(to)
            .fetch_optional(&mut *tx)
            .await?;
            let after = json!({"since": rel.since, "until": rel.until, "source": rel.source});
            let key = format!("relations.{}.{}", rel.kind.as_str(), rel.to);
            match existing {
                Some(row) => {
                    let before = json!({
                        "since": get::<Option<i64>>(&row, "since_year")?,
                        "until": get::<Option<i64>>(&row, "until_year")?,
                        "source": get::<Option<String>>(&row, "source")?,
                    });
                    if before == after {
                        report.relations_unchanged += 1;
                    } else {
                        sqlx::query("UPDATE relations SET since_year = $1, until_year = $2, source = $3 WHERE id = $4")
                            .bind(rel.since.map(i64::from))
                            .bind(rel.until.map(i64::from))
                            .bind(rel.source.as_deref())
                            .bind(get::<i64>(&row, "id")?)
                            .execute(&mut *tx)
                            .await?;
                        let changes = [Change {
                            path: key,
                            before,
                            after,
                        }];
                        audit_actor(
                            &mut tx,
                            user_id,
                            rel.from.as_str(),
                            "import_update",
                            &changes,
                        )
                        .await?;
                        report.relations_updated += 1;
                    }
                }
                None => {
                    crate::actor_rows::insert_relation(&mut tx, from, rel, to).await?;
                    let changes = [Change {
                        path: key,
                        before: serde_json::Value::Null,
                        after,
                    }];
                    audit_actor(
                        &mut tx,
                        user_id,
                        rel.from.as_str(),
                        "import_create",
                        &changes,
                    )
                    .await?;
                    report.relations_created += 1;
                }
            }
            done += 1;
            if done.is_multiple_of(200) {
                progress(done);
            }
        }
        progress(done);
        let summary = [Change {
            path: String::new(),
            before: serde_json::Value::Null,
            after: json!({
                "actors_created": report.actors_created, "actors_updated": report.actors_updated,
                "relations_created": report.relations_created, "relations_updated": report.relations_updated,
            }),
        }];
        record(
            &mut tx,
            AuditRecord {
                user_id,
                object_type: "dataset",
                object_key: "import",
                action: "import",
                changes: &summary,
                personal: &[],
            },
        )
        .await?;
        if dry_run {
            tx.rollback().await?;
        } else {
            tx.commit().await?;
        }
        Ok(Ok(report))
    }
}

/// Inserts (`id` None) or updates an actor's own columns; returns its id.
pub(crate) async fn write_actor(
    conn: &mut AnyConnection,
    id: Option<i64>,
    a: &Actor,
    now: i64,
) -> Result<i64, StoreError> {
    let sql = match id {
        None => {
            "INSERT INTO actors (slug, org_number, name_sv, name_en, sort_sv, sort_en, short_name, kind, \
             ownership, description_sv, description_en, website, address, lat, lon, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16) RETURNING id"
        }
        Some(_) => {
            "UPDATE actors SET slug = $1, org_number = $2, name_sv = $3, name_en = $4, sort_sv = $5, sort_en = $6, \
             short_name = $7, kind = $8, ownership = $9, description_sv = $10, description_en = $11, website = $12, \
             address = $13, lat = $14, lon = $15, updated_at = $16 WHERE id = $17 RETURNING id"
        }
    };
    let q = sqlx::query_scalar(sql)
        .bind(a.slug.as_str())
        .bind(a.org_number.as_deref())
        .bind(&a.name.sv)
        .bind(&a.name.en)
        .bind(sort_key(Lang::Sv, &a.name.sv))
        .bind(sort_key(Lang::En, &a.name.en))
        .bind(a.short_name.as_deref())
        .bind(a.kind.as_str())
        .bind(a.ownership.map(|o| o.as_str()))
        .bind(&a.description.sv)
        .bind(&a.description.en)
        .bind(a.website.as_ref().map(|w| w.as_str()))
        .bind(a.address.as_deref())
        .bind(a.coordinates.map(|p| p.lat()))
        .bind(a.coordinates.map(|p| p.lon()))
        .bind(now);
    let q = match id {
        Some(id) => q.bind(id),
        None => q,
    };
    Ok(q.fetch_one(&mut *conn).await?)
}

async fn replace_links(
    conn: &mut AnyConnection,
    id: i64,
    campuses: &[i64],
    tags: &[i64],
) -> Result<(), StoreError> {
    for table in ["actor_campuses", "actor_tags"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE actor_id = $1"))
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    crate::actor_rows::insert_links(conn, id, campuses, tags, &[]).await
}

async fn audit_actor(
    conn: &mut AnyConnection,
    user_id: Option<i64>,
    slug: &str,
    action: &str,
    changes: &[Change],
) -> Result<(), StoreError> {
    record(
        conn,
        AuditRecord {
            user_id,
            object_type: "actor",
            object_key: slug,
            action,
            changes,
            personal: &[],
        },
    )
    .await
}

impl Store {
    /// Every actor (without contact persons) and every relation, ordered by slug: what an export holds.
    pub async fn export_records(&self) -> Result<(Vec<Actor>, Vec<domain::Relation>), StoreError> {
        use crate::rows::{opt_text, slug};
        let rows = sqlx::query("SELECT * FROM actors ORDER BY slug")
            .fetch_all(self.pool())
            .await?;
        let mut index: HashMap<i64, usize> = HashMap::with_capacity(rows.len());
        let mut actors = Vec::with_capacity(rows.len());
        for row in &rows {
            index.insert(get(row, "id")?, actors.len());
            actors.push(crate::actors::actor_from_row(row)?);
        }
        for (link, column, table) in [
            ("actor_campuses", "campus_id", "campuses"),
            ("actor_tags", "tag_id", "tags"),
        ] {
            let rows = sqlx::query(&format!(
                "SELECT l.actor_id, x.slug FROM {link} l JOIN {table} x ON x.id = l.{column} ORDER BY x.slug"
            ))
            .fetch_all(self.pool())
            .await?;
            for row in &rows {
                if let Some(&i) = index.get(&get::<i64>(row, "actor_id")?)
                    && let Some(a) = actors.get_mut(i)
                {
                    let s = slug(row, "slug")?;
                    if table == "campuses" {
                        a.campuses.push(s);
                    } else {
                        a.tags.push(s);
                    }
                }
            }
        }
        let rows = sqlx::query(
            "SELECT f.slug AS from_slug, r.kind, t.slug AS to_slug, r.since_year, r.until_year, r.source \
             FROM relations r JOIN actors f ON f.id = r.from_actor_id JOIN actors t ON t.id = r.to_actor_id \
             ORDER BY f.slug, r.kind, t.slug",
        )
        .fetch_all(self.pool())
        .await?;
        let mut relations = Vec::with_capacity(rows.len());
        for row in &rows {
            let k: String = get(row, "kind")?;
            let year = |c: &str| -> Result<Option<i32>, StoreError> {
                get::<Option<i64>>(row, c)?
                    .map(|y| i32::try_from(y).map_err(|_| StoreError::Corrupt("year".into())))
                    .transpose()
            };
            relations.push(domain::Relation {
                from: slug(row, "from_slug")?,
                kind: domain::RelationKind::parse(&k)
                    .ok_or_else(|| StoreError::Corrupt(format!("unknown relation kind {k:?}")))?,
                to: slug(row, "to_slug")?,
                since: year("since_year")?,
                until: year("until_year")?,
                source: opt_text(row, "source")?,
            });
        }
        Ok((actors, relations))
    }
}
