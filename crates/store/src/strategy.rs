//! The strategy and its action plans: seeding the built-in `strategy.toml` into a database that has none, and
//! reading areas, measures and indicators with their yearly values (automatic indicators counted from the
//! platform's own data).

use crate::audit::{AuditRecord, record};
use crate::rows::{get, lang_text, opt_text, slug};
use crate::{Store, StoreError, now_millis};
use domain::strategy::{
    AutoIndicator, Budget, Currency, Direction, FocusArea, Indicator, Measure, MeasureStatus,
    Strategy, StrategyData, YearValue,
};
use domain::{IsoDate, LangText, Slug};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;
use std::collections::HashMap;

/// A measure as stored, with the names the pages show.
#[derive(Debug, Clone)]
pub struct MeasureRow {
    /// Id.
    pub id: i64,
    /// The measure.
    pub measure: Measure,
    /// The responsible actor's name.
    pub responsible_name: LangText,
    /// Contributing actors' names, with their slugs.
    pub contributor_names: Vec<(Slug, LangText)>,
}

/// An indicator as stored.
#[derive(Debug, Clone)]
pub struct IndicatorRow {
    /// Id.
    pub id: i64,
    /// The indicator, with its yearly values.
    pub indicator: Indicator,
    /// For each yearly value (same order): its comment and who reported it.
    pub notes: Vec<ValueNote>,
}

/// What is known about one yearly value besides the number.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValueNote {
    /// The reporter's comment.
    pub comment: Option<String>,
    /// Where the value came from.
    pub origin: ValueOrigin,
}

/// Where a yearly value came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ValueOrigin {
    /// Loaded with the strategy's data set.
    #[default]
    DataSet,
    /// Reported in the follow-up by this person.
    Reporter(String),
    /// Reported by a person whose account has since been erased.
    Erased,
    /// Counted by the platform itself.
    Counted,
}

fn corrupt(what: &str, v: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} {v:?}"))
}

/// The id of the row of `table` with slug `s`.
pub(crate) async fn id_of(
    conn: &mut AnyConnection,
    table: &str,
    s: &Slug,
) -> Result<i64, StoreError> {
    sqlx::query_scalar(&format!("SELECT id FROM {table} WHERE slug = $1"))
        .bind(s.as_str())
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(match table {
            // The object being changed: it is gone.
            "events" | "news" => StoreError::NotFound("reference"),
            // Something the input refers to: the field it came from.
            "tags" => StoreError::UnknownReference("tags"),
            "focus_areas" => StoreError::UnknownReference("areas"),
            "campuses" => StoreError::UnknownReference("campus"),
            "actors" => StoreError::UnknownReference("actor"),
            _ => StoreError::UnknownReference("reference"),
        })
}

fn measure_from_row(row: &AnyRow) -> Result<Measure, StoreError> {
    let status: String = get(row, "status")?;
    let date = |c: &str| -> Result<Option<IsoDate>, StoreError> {
        opt_text(row, c)?
            .map(|d| IsoDate::parse(&d).map_err(|_| corrupt("date", &d)))
            .transpose()
    };
    Ok(Measure {
        area: slug(row, "area_slug")?,
        code: get(row, "code")?,
        example: get::<i64>(row, "example")? != 0,
        title: lang_text(row, "title")?,
        description: lang_text(row, "description")?,
        responsible: slug(row, "responsible_slug")?,
        contributors: Vec::new(),
        start: date("start_date")?,
        end: date("end_date")?,
        status: MeasureStatus::parse(&status).ok_or_else(|| corrupt("status", &status))?,
        budget: match (
            get::<Option<f64>>(row, "budget_amount")?,
            opt_text(row, "budget_currency")?,
        ) {
            (Some(amount), Some(code)) => Some(Budget {
                amount,
                currency: Currency::parse(&code).ok_or_else(|| corrupt("currency", &code))?,
            }),
            _ => None,
        },
        funding: lang_text(row, "funding")?,
        milestones: Vec::new(),
    })
}

impl Store {
    /// Loads the built-in strategy into a database that has none, in one transaction, audited as seeding.
    /// Returns whether it wrote anything.
    pub async fn seed_strategy(&self, data: &StrategyData) -> Result<bool, StoreError> {
        let mut tx = self.write_tx().await?;
        let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM strategy")
            .fetch_one(&mut *tx)
            .await?;
        if existing > 0 {
            return Ok(false);
        }
        let s = &data.strategy;
        let adopted = match &s.adopted_by {
            Some(a) => Some(id_of(&mut tx, "actors", a).await?),
            None => None,
        };
        sqlx::query(
            "INSERT INTO strategy (title_sv, title_en, vision_sv, vision_en, period, adopted_by, summary_sv, summary_en) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&s.title.sv)
        .bind(&s.title.en)
        .bind(&s.vision.sv)
        .bind(&s.vision.en)
        .bind(s.period.as_deref())
        .bind(adopted)
        .bind(&s.summary.sv)
        .bind(&s.summary.en)
        .execute(&mut *tx)
        .await?;
        for a in &data.areas {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO focus_areas (slug, position, name_sv, name_en, current_state_sv, current_state_en, \
                 strengths_sv, strengths_en, desired_state_sv, desired_state_en, development_needs_sv, \
                 development_needs_en) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
            )
            .bind(a.slug.as_str())
            .bind(a.position)
            .bind(&a.name.sv)
            .bind(&a.name.en)
            .bind(&a.current_state.sv)
            .bind(&a.current_state.en)
            .bind(&a.strengths.sv)
            .bind(&a.strengths.en)
            .bind(&a.desired_state.sv)
            .bind(&a.desired_state.en)
            .bind(&a.development_needs.sv)
            .bind(&a.development_needs.en)
            .fetch_one(&mut *tx)
            .await?;
            for t in &a.tags {
                let tag = id_of(&mut tx, "tags", t).await?;
                sqlx::query("INSERT INTO focus_area_tags (area_id, tag_id) VALUES ($1, $2)")
                    .bind(id)
                    .bind(tag)
                    .execute(&mut *tx)
                    .await?;
            }
            for x in &a.actors {
                let actor = id_of(&mut tx, "actors", x).await?;
                sqlx::query("INSERT INTO focus_area_actors (area_id, actor_id) VALUES ($1, $2)")
                    .bind(id)
                    .bind(actor)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        let now = now_millis();
        let mut measure_ids = HashMap::new();
        for m in &data.measures {
            let area = id_of(&mut tx, "focus_areas", &m.area).await?;
            let responsible = id_of(&mut tx, "actors", &m.responsible).await?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO measures (area_id, code, example, title_sv, title_en, description_sv, description_en, \
                 responsible_id, start_date, end_date, status, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
            )
            .bind(area)
            .bind(&m.code)
            .bind(i64::from(m.example))
            .bind(&m.title.sv)
            .bind(&m.title.en)
            .bind(&m.description.sv)
            .bind(&m.description.en)
            .bind(responsible)
            .bind(m.start.map(|d| d.to_string()))
            .bind(m.end.map(|d| d.to_string()))
            .bind(m.status.as_str())
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            measure_ids.insert(m.code.clone(), id);
            for c in &m.contributors {
                let actor = id_of(&mut tx, "actors", c).await?;
                sqlx::query(
                    "INSERT INTO measure_contributors (measure_id, actor_id) VALUES ($1, $2)",
                )
                .bind(id)
                .bind(actor)
                .execute(&mut *tx)
                .await?;
            }
        }
        for i in &data.indicators {
            let area = id_of(&mut tx, "focus_areas", &i.area).await?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO indicators (area_id, code, example, name_sv, name_en, unit_sv, unit_en, direction, \
                 baseline_value, baseline_year, target_value, target_year, source_sv, source_en, auto) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
            )
            .bind(area)
            .bind(&i.code)
            .bind(i64::from(i.example))
            .bind(&i.name.sv)
            .bind(&i.name.en)
            .bind(&i.unit.sv)
            .bind(&i.unit.en)
            .bind(i.direction.as_str())
            .bind(i.baseline.value)
            .bind(i64::from(i.baseline.year))
            .bind(i.target.value)
            .bind(i64::from(i.target.year))
            .bind(&i.source.sv)
            .bind(&i.source.en)
            .bind(i.auto.map(AutoIndicator::as_str))
            .fetch_one(&mut *tx)
            .await?;
            for code in &i.measures {
                if let Some(m) = measure_ids.get(code) {
                    sqlx::query(
                        "INSERT INTO indicator_measures (indicator_id, measure_id) VALUES ($1, $2)",
                    )
                    .bind(id)
                    .bind(*m)
                    .execute(&mut *tx)
                    .await?;
                }
            }
            for v in &i.values {
                sqlx::query(
                    "INSERT INTO indicator_values (indicator_id, year, value, reported_at) VALUES ($1, $2, $3, $4)",
                )
                .bind(id)
                .bind(i64::from(v.year))
                .bind(v.value)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
        }
        let changes = [domain::audit::Change {
            path: String::new(),
            before: serde_json::Value::Null,
            after: serde_json::json!({"areas": data.areas.len(), "measures": data.measures.len(), "indicators": data.indicators.len()}),
        }];
        record(
            &mut tx,
            AuditRecord {
                user_id: None,
                object_type: "strategy",
                object_key: "built-in",
                action: "seed",
                changes: &changes,
                personal: &[],
            },
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// The strategy, when one is loaded.
    pub async fn strategy(&self) -> Result<Option<Strategy>, StoreError> {
        let row = sqlx::query(
            "SELECT s.*, a.slug AS adopted_slug FROM strategy s LEFT JOIN actors a ON a.id = s.adopted_by \
             ORDER BY s.id LIMIT 1",
        )
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| {
            Ok(Strategy {
                title: lang_text(&r, "title")?,
                vision: lang_text(&r, "vision")?,
                period: opt_text(&r, "period")?,
                adopted_by: opt_text(&r, "adopted_slug")?
                    .map(|s| Slug::parse(&s).map_err(|_| corrupt("slug", &s)))
                    .transpose()?,
                summary: lang_text(&r, "summary")?,
            })
        })
        .transpose()
    }

    /// The focus areas in order, with their tags and actors.
    pub async fn focus_areas(&self) -> Result<Vec<FocusArea>, StoreError> {
        let rows = sqlx::query("SELECT * FROM focus_areas ORDER BY position, id")
            .fetch_all(self.pool())
            .await?;
        let links = sqlx::query(
            "SELECT f.slug AS area, 'tag' AS what, t.slug FROM focus_area_tags x JOIN focus_areas f ON f.id = x.area_id \
             JOIN tags t ON t.id = x.tag_id UNION ALL \
             SELECT f.slug AS area, 'actor' AS what, a.slug FROM focus_area_actors x JOIN focus_areas f ON f.id = x.area_id \
             JOIN actors a ON a.id = x.actor_id ORDER BY 1, 2, 3",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                let s = slug(r, "slug")?;
                let mut tags = Vec::new();
                let mut actors = Vec::new();
                for l in &links {
                    if get::<String>(l, "area")? == s.as_str() {
                        if get::<String>(l, "what")? == "tag" {
                            tags.push(slug(l, "slug")?);
                        } else {
                            actors.push(slug(l, "slug")?);
                        }
                    }
                }
                Ok(FocusArea {
                    position: get(r, "position")?,
                    name: lang_text(r, "name")?,
                    current_state: lang_text(r, "current_state")?,
                    strengths: lang_text(r, "strengths")?,
                    desired_state: lang_text(r, "desired_state")?,
                    development_needs: lang_text(r, "development_needs")?,
                    tags,
                    actors,
                    slug: s,
                })
            })
            .collect()
    }

    /// Measures (of one area, or all), in code order.
    pub async fn measures(&self, area: Option<&Slug>) -> Result<Vec<MeasureRow>, StoreError> {
        let mut sql = String::from(
            "SELECT m.*, f.slug AS area_slug, a.slug AS responsible_slug, a.name_sv AS responsible_name_sv, \
             a.name_en AS responsible_name_en FROM measures m JOIN focus_areas f ON f.id = m.area_id \
             JOIN actors a ON a.id = m.responsible_id",
        );
        if area.is_some() {
            sql.push_str(" WHERE f.slug = $1");
        }
        sql.push_str(" ORDER BY f.position, m.id");
        let mut q = sqlx::query(&sql);
        if let Some(a) = area {
            q = q.bind(a.as_str());
        }
        let rows = q.fetch_all(self.pool()).await?;
        let contributors = sqlx::query(
            "SELECT x.measure_id, a.slug, a.name_sv, a.name_en FROM measure_contributors x \
             JOIN actors a ON a.id = x.actor_id ORDER BY a.sort_sv",
        )
        .fetch_all(self.pool())
        .await?;
        let mut milestones = self.milestones().await?;
        rows.iter()
            .map(|r| {
                let id: i64 = get(r, "id")?;
                let mut measure = measure_from_row(r)?;
                measure.milestones = milestones.remove(&id).unwrap_or_default();
                let mut names = Vec::new();
                for c in &contributors {
                    if get::<i64>(c, "measure_id")? == id {
                        let s = slug(c, "slug")?;
                        measure.contributors.push(s.clone());
                        names.push((s, lang_text(c, "name")?));
                    }
                }
                Ok(MeasureRow {
                    id,
                    measure,
                    responsible_name: lang_text(r, "responsible_name")?,
                    contributor_names: names,
                })
            })
            .collect()
    }

    /// Indicators (of one area, or all) with their yearly values; automatic ones counted now.
    pub async fn indicators(&self, area: Option<&Slug>) -> Result<Vec<IndicatorRow>, StoreError> {
        let mut sql = String::from(
            "SELECT i.*, f.slug AS area_slug FROM indicators i JOIN focus_areas f ON f.id = i.area_id",
        );
        if area.is_some() {
            sql.push_str(" WHERE f.slug = $1");
        }
        sql.push_str(" ORDER BY f.position, i.id");
        let mut q = sqlx::query(&sql);
        if let Some(a) = area {
            q = q.bind(a.as_str());
        }
        let rows = q.fetch_all(self.pool()).await?;
        let value_rows = sqlx::query(
            "SELECT v.indicator_id, v.year, v.value, v.comment, v.reported_by, u.display_name, u.erased_at \
             FROM indicator_values v LEFT JOIN users u ON u.id = v.reported_by ORDER BY v.indicator_id, v.year",
        )
        .fetch_all(self.pool())
        .await?;
        let mut values: HashMap<i64, Vec<(YearValue, ValueNote)>> = HashMap::new();
        for v in &value_rows {
            let origin = match (
                get::<Option<i64>>(v, "reported_by")?,
                get::<Option<i64>>(v, "erased_at")?,
                opt_text(v, "display_name")?,
            ) {
                (None, _, _) => ValueOrigin::DataSet,
                (Some(_), Some(_), _) | (Some(_), None, None) => ValueOrigin::Erased,
                (Some(_), None, Some(name)) => ValueOrigin::Reporter(name),
            };
            values.entry(get(v, "indicator_id")?).or_default().push((
                YearValue {
                    year: i32::try_from(get::<i64>(v, "year")?)
                        .map_err(|_| corrupt("year", "value"))?,
                    value: get(v, "value")?,
                },
                ValueNote {
                    comment: opt_text(v, "comment")?,
                    origin,
                },
            ));
        }
        let link_rows = sqlx::query(
            "SELECT x.indicator_id, m.code FROM indicator_measures x JOIN measures m ON m.id = x.measure_id ORDER BY m.code",
        )
        .fetch_all(self.pool())
        .await?;
        let mut links: HashMap<i64, Vec<String>> = HashMap::new();
        for l in &link_rows {
            links
                .entry(get(l, "indicator_id")?)
                .or_default()
                .push(get(l, "code")?);
        }
        let mut interim = self.interim_targets().await?;
        let mut out = Vec::new();
        for r in &rows {
            let id: i64 = get(r, "id")?;
            let direction: String = get(r, "direction")?;
            let auto = opt_text(r, "auto")?
                .map(|a| AutoIndicator::parse(&a).ok_or_else(|| corrupt("auto", &a)))
                .transpose()?;
            let year = |c: &str| -> Result<i32, StoreError> {
                i32::try_from(get::<i64>(r, c)?).map_err(|_| corrupt("year", c))
            };
            let (mut vals, mut notes): (Vec<YearValue>, Vec<ValueNote>) =
                values.remove(&id).unwrap_or_default().into_iter().unzip();
            let area = slug(r, "area_slug")?;
            if let Some(code) = auto {
                vals = self.counted_values(code, &area).await?;
                notes = vec![
                    ValueNote {
                        comment: None,
                        origin: ValueOrigin::Counted,
                    };
                    vals.len()
                ];
            }
            let measures = links.remove(&id).unwrap_or_default();
            out.push(IndicatorRow {
                id,
                indicator: Indicator {
                    area,
                    code: get(r, "code")?,
                    example: get::<i64>(r, "example")? != 0,
                    name: lang_text(r, "name")?,
                    unit: lang_text(r, "unit")?,
                    direction: Direction::parse(&direction)
                        .ok_or_else(|| corrupt("direction", &direction))?,
                    baseline: YearValue {
                        year: year("baseline_year")?,
                        value: get(r, "baseline_value")?,
                    },
                    target: YearValue {
                        year: year("target_year")?,
                        value: get(r, "target_value")?,
                    },
                    interim: interim.remove(&id).unwrap_or_default(),
                    source: lang_text(r, "source")?,
                    measures,
                    auto,
                    values: vals,
                },
                notes,
            });
        }
        Ok(out)
    }
}

/// What the responsible actor's reporters and admins may change in a measure.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureUpdate {
    /// Title.
    pub title: LangText,
    /// Description.
    pub description: LangText,
    /// Status.
    pub status: MeasureStatus,
    /// Start.
    pub start: Option<IsoDate>,
    /// End.
    pub end: Option<IsoDate>,
}

fn update_json(u: &MeasureUpdate) -> serde_json::Value {
    serde_json::json!({
        "title": {"sv": u.title.sv, "en": u.title.en},
        "description": {"sv": u.description.sv, "en": u.description.en},
        "status": u.status,
        "start": u.start.map(|d| d.to_string()),
        "end": u.end.map(|d| d.to_string()),
    })
}

impl Store {
    /// Changes a measure's texts, status and period, audited with what changed. Returns whether anything did.
    pub async fn update_measure(
        &self,
        id: i64,
        user: i64,
        update: &MeasureUpdate,
    ) -> Result<bool, StoreError> {
        let mut tx = self.write_tx().await?;
        let row = sqlx::query(
            "SELECT m.*, f.slug AS area_slug, a.slug AS responsible_slug FROM measures m \
             JOIN focus_areas f ON f.id = m.area_id JOIN actors a ON a.id = m.responsible_id WHERE m.id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound("measure"))?;
        let m = measure_from_row(&row)?;
        let before = update_json(&MeasureUpdate {
            title: m.title,
            description: m.description,
            status: m.status,
            start: m.start,
            end: m.end,
        });
        let after = update_json(update);
        let changes = domain::audit::diff(&before, &after);
        if changes.is_empty() {
            return Ok(false);
        }
        sqlx::query(
            "UPDATE measures SET title_sv = $1, title_en = $2, description_sv = $3, description_en = $4, \
             status = $5, start_date = $6, end_date = $7, updated_at = $8 WHERE id = $9",
        )
        .bind(&update.title.sv)
        .bind(&update.title.en)
        .bind(&update.description.sv)
        .bind(&update.description.en)
        .bind(update.status.as_str())
        .bind(update.start.map(|d| d.to_string()))
        .bind(update.end.map(|d| d.to_string()))
        .bind(now_millis())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        record(
            &mut tx,
            AuditRecord {
                user_id: Some(user),
                object_type: "measure",
                object_key: &id.to_string(),
                action: "update",
                changes: &changes,
                personal: &[],
            },
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }
}
