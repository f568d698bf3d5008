//! What the search index is built from: its documents, read from the database in a few queries, and the change
//! log that database triggers fill on every write of a searchable row.

use crate::rows::{Sql, get, lang_text, opt_text, slug};
use crate::{Store, StoreError};
use domain::search::{DocKind, SearchDoc};
use domain::{LangText, Slug};
use std::collections::HashMap;

/// Every kind of row the search index is built from, as the change log names them.
pub const SEARCH_SOURCES: [&str; 9] = [
    "actor",
    "service",
    "premises",
    "focus_area",
    "measure",
    "event",
    "meeting_place",
    "news",
    "health_source",
];

/// One entry of the change log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchChange {
    /// Its id (increasing).
    pub id: i64,
    /// `actor`, `service`, `premises`, or `all`.
    pub source: String,
    /// The row that changed.
    pub row_id: i64,
}

fn join(labels: &[(String, String)]) -> LangText {
    LangText::new(
        labels
            .iter()
            .map(|l| l.0.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        labels
            .iter()
            .map(|l| l.1.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    )
}

type Links = HashMap<i64, Vec<(Slug, String, String)>>;

impl Store {
    /// The newest change id (0 when the log is empty).
    pub async fn last_search_change(&self) -> Result<i64, StoreError> {
        let max: Option<i64> = sqlx::query_scalar("SELECT MAX(id) FROM search_changes")
            .fetch_one(self.pool())
            .await?;
        Ok(max.unwrap_or(0))
    }

    /// The oldest change id still in the log (purging removes old ones), if any.
    pub async fn first_search_change(&self) -> Result<Option<i64>, StoreError> {
        Ok(sqlx::query_scalar("SELECT MIN(id) FROM search_changes")
            .fetch_one(self.pool())
            .await?)
    }

    /// Up to `limit` changes after `after`, oldest first.
    pub async fn search_changes_after(
        &self,
        after: i64,
        limit: i64,
    ) -> Result<Vec<SearchChange>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, source, row_id FROM search_changes WHERE id > $1 ORDER BY id LIMIT $2",
        )
        .bind(after)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(SearchChange {
                    id: get(r, "id")?,
                    source: get(r, "source")?,
                    row_id: get(r, "row_id")?,
                })
            })
            .collect()
    }

    async fn links(&self, sql: &str, ids: Option<&[i64]>) -> Result<Links, StoreError> {
        let mut q = Sql::new(sql);
        if let Some(ids) = ids {
            q.push(" WHERE x.owner_id IN (").bind_ints(ids).push(")");
        }
        let rows = q.query().fetch_all(self.pool()).await?;
        let mut out: Links = HashMap::new();
        for r in &rows {
            out.entry(get(r, "owner_id")?).or_default().push((
                slug(r, "slug")?,
                get(r, "sv")?,
                get(r, "en")?,
            ));
        }
        Ok(out)
    }

    /// The search documents of `source` rows `ids` (`None`: every row). Rows that no longer exist are simply
    /// absent, which tells the index to drop them.
    pub async fn search_docs(
        &self,
        source: &str,
        ids: Option<&[i64]>,
    ) -> Result<Vec<SearchDoc>, StoreError> {
        if ids.is_some_and(<[i64]>::is_empty) {
            return Ok(Vec::new());
        }
        let filter = |sql: &mut Sql, column: &str| {
            if let Some(ids) = ids {
                sql.push(&format!(" WHERE {column} IN ("))
                    .bind_ints(ids)
                    .push(")");
            }
        };
        let actor_tags = "SELECT x.owner_id, t.slug, t.label_sv AS sv, t.label_en AS en FROM \
             (SELECT actor_id AS owner_id, tag_id FROM actor_tags) x JOIN tags t ON t.id = x.tag_id";
        let actor_campuses = "SELECT x.owner_id, c.slug, c.name_sv AS sv, c.name_en AS en FROM \
             (SELECT actor_id AS owner_id, campus_id FROM actor_campuses) x JOIN campuses c ON c.id = x.campus_id";
        let mut out = Vec::new();
        match source {
            "actor" => {
                let mut sql = Sql::new(
                    "SELECT id, slug, name_sv, name_en, short_name, kind, ownership, description_sv, description_en \
                     FROM actors",
                );
                filter(&mut sql, "id");
                let rows = sql.query().fetch_all(self.pool()).await?;
                let tags = self.links(actor_tags, ids).await?;
                let campuses = self.links(actor_campuses, ids).await?;
                for r in &rows {
                    let id: i64 = get(r, "id")?;
                    let mut title = lang_text(r, "name")?;
                    if let Some(short) = opt_text(r, "short_name")? {
                        title.sv = format!("{} ({short})", title.sv);
                        title.en = format!("{} ({short})", title.en);
                    }
                    let kind: String = get(r, "kind")?;
                    let tag_list = tags.get(&id).cloned().unwrap_or_default();
                    out.push(SearchDoc {
                        kind: if kind == "infrastructure" {
                            DocKind::Infrastructure
                        } else {
                            DocKind::Actor
                        },
                        row_id: id,
                        slug: slug(r, "slug")?,
                        title,
                        body: lang_text(r, "description")?,
                        tag_labels: join(
                            &tag_list
                                .iter()
                                .map(|t| (t.1.clone(), t.2.clone()))
                                .collect::<Vec<_>>(),
                        ),
                        tags: tag_list.into_iter().map(|t| t.0).collect(),
                        campuses: campuses
                            .get(&id)
                            .map(|c| c.iter().map(|x| x.0.clone()).collect())
                            .unwrap_or_default(),
                        ownership: opt_text(r, "ownership")?,
                        parent: None,
                    });
                }
            }
            "service" => {
                let mut sql = Sql::new(
                    "SELECT s.id, s.slug, s.name_sv, s.name_en, s.description_sv, s.description_en, s.access_sv, \
                     s.access_en, s.lead_time_sv, s.lead_time_en, s.equipment_sv, s.equipment_en, s.documents_sv, s.documents_en, \
                     a.id AS infra_id, a.slug AS infra, \
                     a.name_sv AS infra_sv, a.name_en AS infra_en, a.ownership FROM services s \
                     JOIN actors a ON a.id = s.infrastructure_id",
                );
                filter(&mut sql, "s.id");
                let rows = sql.query().fetch_all(self.pool()).await?;
                let tags = self
                    .links(
                        "SELECT x.owner_id, t.slug, t.label_sv AS sv, t.label_en AS en FROM \
                         (SELECT service_id AS owner_id, tag_id FROM service_tags) x JOIN tags t ON t.id = x.tag_id",
                        ids,
                    )
                    .await?;
                let campuses = self.links(actor_campuses, None).await?;
                for r in &rows {
                    let id: i64 = get(r, "id")?;
                    let infra_id: i64 = get(r, "infra_id")?;
                    let desc = lang_text(r, "description")?;
                    let access = lang_text(r, "access")?;
                    let infra = lang_text(r, "infra")?;
                    let lead_sv = opt_text(r, "lead_time_sv")?.unwrap_or_default();
                    let lead_en = opt_text(r, "lead_time_en")?.unwrap_or_default();
                    // Equipment and methods are what a need most often names ("flow cytometry", "GMP").
                    let kit_sv = opt_text(r, "equipment_sv")?.unwrap_or_default();
                    let kit_en = opt_text(r, "equipment_en")?.unwrap_or_default();
                    // The documents to prepare name what the work needs ("material transfer agreement", "protocol").
                    let docs_sv = opt_text(r, "documents_sv")?.unwrap_or_default();
                    let docs_en = opt_text(r, "documents_en")?.unwrap_or_default();
                    let tag_list = tags.get(&id).cloned().unwrap_or_default();
                    out.push(SearchDoc {
                        kind: DocKind::Service,
                        row_id: id,
                        slug: slug(r, "slug")?,
                        title: lang_text(r, "name")?,
                        body: LangText::new(
                            format!(
                                "{} {}\n{}\n{lead_sv}\n{kit_sv}\n{docs_sv}",
                                infra.sv, desc.sv, access.sv
                            ),
                            format!(
                                "{} {}\n{}\n{lead_en}\n{kit_en}\n{docs_en}",
                                infra.en, desc.en, access.en
                            ),
                        ),
                        tag_labels: join(
                            &tag_list
                                .iter()
                                .map(|t| (t.1.clone(), t.2.clone()))
                                .collect::<Vec<_>>(),
                        ),
                        tags: tag_list.into_iter().map(|t| t.0).collect(),
                        campuses: campuses
                            .get(&infra_id)
                            .map(|c| c.iter().map(|x| x.0.clone()).collect())
                            .unwrap_or_default(),
                        ownership: opt_text(r, "ownership")?,
                        parent: Some(slug(r, "infra")?),
                    });
                }
            }
            "premises" => {
                let mut sql = Sql::new(
                    "SELECT p.id, p.slug, p.name_sv, p.name_en, p.description_sv, p.description_en, \
                     a.slug AS owner, a.name_sv AS owner_sv, a.name_en AS owner_en, a.ownership, \
                     c.slug AS campus, c.name_sv AS campus_sv, c.name_en AS campus_en \
                     FROM (SELECT * FROM premises WHERE ended_at IS NULL) p \
                     JOIN actors a ON a.id = p.owner_id JOIN campuses c ON c.id = p.campus_id",
                );
                filter(&mut sql, "p.id");
                let rows = sql.query().fetch_all(self.pool()).await?;
                let tags = self
                    .links(
                        "SELECT x.owner_id, t.slug, t.label_sv AS sv, t.label_en AS en FROM \
                         (SELECT premises_id AS owner_id, tag_id FROM premises_tags) x JOIN tags t ON t.id = x.tag_id",
                        ids,
                    )
                    .await?;
                for r in &rows {
                    let id: i64 = get(r, "id")?;
                    let desc = lang_text(r, "description")?;
                    let owner = lang_text(r, "owner")?;
                    let campus = lang_text(r, "campus")?;
                    let tag_list = tags.get(&id).cloned().unwrap_or_default();
                    out.push(SearchDoc {
                        kind: DocKind::Premises,
                        row_id: id,
                        slug: slug(r, "slug")?,
                        title: lang_text(r, "name")?,
                        body: LangText::new(
                            format!("{}\n{} {}", desc.sv, owner.sv, campus.sv),
                            format!("{}\n{} {}", desc.en, owner.en, campus.en),
                        ),
                        tag_labels: join(
                            &tag_list
                                .iter()
                                .map(|t| (t.1.clone(), t.2.clone()))
                                .collect::<Vec<_>>(),
                        ),
                        tags: tag_list.into_iter().map(|t| t.0).collect(),
                        campuses: vec![slug(r, "campus")?],
                        ownership: opt_text(r, "ownership")?,
                        parent: Some(slug(r, "owner")?),
                    });
                }
            }
            "focus_area" => {
                let mut sql = Sql::new("SELECT * FROM focus_areas");
                filter(&mut sql, "id");
                let rows = sql.query().fetch_all(self.pool()).await?;
                for r in &rows {
                    let texts = [
                        "current_state",
                        "strengths",
                        "desired_state",
                        "development_needs",
                    ]
                    .iter()
                    .map(|c| lang_text(r, c))
                    .collect::<Result<Vec<_>, _>>()?;
                    out.push(SearchDoc {
                        kind: DocKind::FocusArea,
                        row_id: get(r, "id")?,
                        slug: slug(r, "slug")?,
                        title: lang_text(r, "name")?,
                        body: LangText::new(
                            texts
                                .iter()
                                .map(|t| t.sv.as_str())
                                .collect::<Vec<_>>()
                                .join("\n"),
                            texts
                                .iter()
                                .map(|t| t.en.as_str())
                                .collect::<Vec<_>>()
                                .join("\n"),
                        ),
                        tag_labels: LangText::default(),
                        tags: Vec::new(),
                        campuses: Vec::new(),
                        ownership: None,
                        parent: None,
                    });
                }
            }
            "measure" => {
                let mut sql = Sql::new(
                    "SELECT m.id, m.code, m.title_sv, m.title_en, m.description_sv, m.description_en, \
                     f.slug AS area, a.name_sv AS resp_sv, a.name_en AS resp_en FROM measures m \
                     JOIN focus_areas f ON f.id = m.area_id JOIN actors a ON a.id = m.responsible_id",
                );
                filter(&mut sql, "m.id");
                let rows = sql.query().fetch_all(self.pool()).await?;
                for r in &rows {
                    let id: i64 = get(r, "id")?;
                    let code: String = get(r, "code")?;
                    let title = lang_text(r, "title")?;
                    let desc = lang_text(r, "description")?;
                    let resp = lang_text(r, "resp")?;
                    out.push(SearchDoc {
                        kind: DocKind::Measure,
                        row_id: id,
                        slug: Slug::parse(&format!("measure-{id}"))
                            .map_err(|e| StoreError::Corrupt(e.to_string()))?,
                        title: LangText::new(
                            format!("{code} {}", title.sv),
                            format!("{code} {}", title.en),
                        ),
                        body: LangText::new(
                            format!("{}\n{}", desc.sv, resp.sv),
                            format!("{}\n{}", desc.en, resp.en),
                        ),
                        tag_labels: LangText::default(),
                        tags: Vec::new(),
                        campuses: Vec::new(),
                        ownership: None,
                        parent: Some(slug(r, "area")?),
                    });
                }
            }
            "event" | "meeting_place" | "news" => {
                let (table, kind, title, body) = match source {
                    "event" => ("events", DocKind::Event, "title", "description"),
                    "meeting_place" => (
                        "meeting_places",
                        DocKind::MeetingPlace,
                        "name",
                        "description",
                    ),
                    _ => ("news", DocKind::News, "title", "summary"),
                };
                let mut sql = Sql::new(&format!("SELECT * FROM {table}"));
                filter(&mut sql, "id");
                let rows = sql.query().fetch_all(self.pool()).await?;
                for r in &rows {
                    let mut text = lang_text(r, body)?;
                    if kind == DocKind::News {
                        let more = lang_text(r, "body")?;
                        text = LangText::new(
                            format!("{}\n{}", text.sv, more.sv),
                            format!("{}\n{}", text.en, more.en),
                        );
                    }
                    if kind == DocKind::MeetingPlace {
                        let offers = lang_text(r, "offers")?;
                        text = LangText::new(
                            format!("{}\n{}", text.sv, offers.sv),
                            format!("{}\n{}", text.en, offers.en),
                        );
                    }
                    out.push(SearchDoc {
                        kind,
                        row_id: get(r, "id")?,
                        slug: slug(r, "slug")?,
                        title: lang_text(r, title)?,
                        body: text,
                        tag_labels: LangText::default(),
                        tags: Vec::new(),
                        campuses: Vec::new(),
                        ownership: None,
                        parent: None,
                    });
                }
            }
            "health_source" => {
                let mut sql = Sql::new(
                    "SELECT s.*, a.slug AS holder_slug FROM health_sources s JOIN actors a ON a.id = s.holder_id",
                );
                filter(&mut sql, "s.id");
                let rows = sql.query().fetch_all(self.pool()).await?;
                for r in &rows {
                    let (desc, content, population) = (
                        lang_text(r, "description")?,
                        lang_text(r, "content")?,
                        lang_text(r, "population")?,
                    );
                    out.push(SearchDoc {
                        kind: DocKind::HealthSource,
                        row_id: get(r, "id")?,
                        slug: slug(r, "slug")?,
                        title: lang_text(r, "title")?,
                        body: LangText::new(
                            format!("{}\n{}\n{}", desc.sv, content.sv, population.sv),
                            format!("{}\n{}\n{}", desc.en, content.en, population.en),
                        ),
                        tag_labels: LangText::default(),
                        tags: Vec::new(),
                        campuses: Vec::new(),
                        ownership: None,
                        parent: Some(slug(r, "holder_slug")?),
                    });
                }
            }
            _ => {}
        }
        Ok(out)
    }
}
