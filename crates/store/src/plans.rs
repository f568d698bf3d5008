//! Action plans written in the product: an area's texts, measures with their milestones, budget and the
//! indicators they move, indicators with interim targets, dated versions of an area's plan, the programme
//! office's yearly assessment of each area and the report's foreword. Every write is one transaction, checks
//! what it refers to before writing, and is audited with what changed.

use crate::audit::{AuditRecord, record};
use crate::rows::{get, lang_text, opt_text, slug};
use crate::strategy::id_of;
use crate::{Store, StoreError, now_millis};
use domain::plan::{AreaTexts, PlanSnapshot};
use domain::strategy::{AutoIndicator, Indicator, Measure, Milestone, MilestoneStatus, YearValue};
use domain::{IsoDate, LangText, Slug};
use sqlx::AnyConnection;
use std::collections::HashMap;

/// A dated version of an area's plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanVersionRow {
    /// Its number in the area (1, 2, ...).
    pub number: i64,
    /// The day it takes effect.
    pub valid_from: IsoDate,
    /// Why the plan was revised.
    pub reason: LangText,
    /// Who recorded it, when the account still exists.
    pub by: Option<String>,
    /// When it was recorded (Unix milliseconds).
    pub at: i64,
    /// The plan as it stood.
    pub plan: PlanSnapshot,
}

/// The programme office's word on an area for a year of the follow-up.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Assessment {
    /// What went well.
    pub went_well: LangText,
    /// What is behind.
    pub behind: LangText,
    /// What changes.
    pub changes: LangText,
}

fn corrupt(what: &str, v: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} {v:?}"))
}

/// The audited form of a measure as planned, with the codes of the indicators it moves.
fn measure_json(m: &Measure, moves: &[String]) -> serde_json::Value {
    let mut v = serde_json::to_value(m).unwrap_or(serde_json::Value::Null);
    if let serde_json::Value::Object(o) = &mut v {
        o.remove("example");
        o.insert("indicators".into(), serde_json::json!(moves));
    }
    v
}

fn indicator_json(i: &Indicator) -> serde_json::Value {
    let mut v = serde_json::to_value(i).unwrap_or(serde_json::Value::Null);
    if let serde_json::Value::Object(o) = &mut v {
        o.remove("example");
        o.remove("values");
    }
    v
}

/// The ids of `codes` among the indicators (or measures) of `area`; a code not there is an unknown reference.
async fn ids_in_area(
    conn: &mut AnyConnection,
    table: &str,
    area: i64,
    codes: &[String],
    what: &'static str,
) -> Result<Vec<i64>, StoreError> {
    let mut out = Vec::new();
    for code in codes {
        let id: Option<i64> = sqlx::query_scalar(&format!(
            "SELECT id FROM {table} WHERE area_id = $1 AND code = $2"
        ))
        .bind(area)
        .bind(code)
        .fetch_optional(&mut *conn)
        .await?;
        let id = id.ok_or(StoreError::UnknownReference(what))?;
        if !out.contains(&id) {
            out.push(id);
        }
    }
    Ok(out)
}

/// Replaces a measure's contributors, milestones and indicator links.
async fn write_measure_parts(
    conn: &mut AnyConnection,
    id: i64,
    area: i64,
    m: &Measure,
    moves: &[String],
) -> Result<(), StoreError> {
    let mut contributors = Vec::new();
    for c in &m.contributors {
        let actor = id_of(conn, "actors", c).await?;
        if !contributors.contains(&actor) {
            contributors.push(actor);
        }
    }
    let indicators = ids_in_area(conn, "indicators", area, moves, "indicators").await?;
    sqlx::query("DELETE FROM measure_contributors WHERE measure_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for actor in contributors {
        sqlx::query("INSERT INTO measure_contributors (measure_id, actor_id) VALUES ($1, $2)")
            .bind(id)
            .bind(actor)
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query("DELETE FROM measure_milestones WHERE measure_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for (position, x) in m.milestones.iter().enumerate() {
        sqlx::query(
            "INSERT INTO measure_milestones (measure_id, position, title_sv, title_en, due, status) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(i64::try_from(position).unwrap_or(i64::MAX))
        .bind(&x.title.sv)
        .bind(&x.title.en)
        .bind(x.due.to_string())
        .bind(x.status.as_str())
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query("DELETE FROM indicator_measures WHERE measure_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for indicator in indicators {
        sqlx::query("INSERT INTO indicator_measures (indicator_id, measure_id) VALUES ($1, $2)")
            .bind(indicator)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Replaces an indicator's interim targets and measure links.
async fn write_indicator_parts(
    conn: &mut AnyConnection,
    id: i64,
    area: i64,
    i: &Indicator,
) -> Result<(), StoreError> {
    let measures = ids_in_area(conn, "measures", area, &i.measures, "measures").await?;
    sqlx::query("DELETE FROM indicator_targets WHERE indicator_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    let mut years = Vec::new();
    for v in &i.interim {
        if years.contains(&v.year) {
            continue;
        }
        years.push(v.year);
        sqlx::query(
            "INSERT INTO indicator_targets (indicator_id, year, value) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(i64::from(v.year))
        .bind(v.value)
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query("DELETE FROM indicator_measures WHERE indicator_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for m in measures {
        sqlx::query("INSERT INTO indicator_measures (indicator_id, measure_id) VALUES ($1, $2)")
            .bind(id)
            .bind(m)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

impl Store {
    /// The focus areas whose working group `user` leads.
    pub async fn plan_leads(&self, user: i64) -> Result<Vec<Slug>, StoreError> {
        let rows = sqlx::query(
            "SELECT f.slug FROM working_group_members w JOIN focus_areas f ON f.id = w.area_id \
             WHERE w.user_id = $1 AND w.role = 'lead' ORDER BY f.position",
        )
        .bind(user)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(|r| slug(r, "slug")).collect()
    }

    /// The milestones of every measure, by measure id, in order.
    pub(crate) async fn milestones(&self) -> Result<HashMap<i64, Vec<Milestone>>, StoreError> {
        let rows = sqlx::query(
            "SELECT measure_id, title_sv, title_en, due, status FROM measure_milestones \
             ORDER BY measure_id, position",
        )
        .fetch_all(self.pool())
        .await?;
        let mut out: HashMap<i64, Vec<Milestone>> = HashMap::new();
        for r in &rows {
            let due: String = get(r, "due")?;
            let status: String = get(r, "status")?;
            out.entry(get(r, "measure_id")?)
                .or_default()
                .push(Milestone {
                    title: lang_text(r, "title")?,
                    due: IsoDate::parse(&due).map_err(|_| corrupt("date", &due))?,
                    status: MilestoneStatus::parse(&status)
                        .ok_or_else(|| corrupt("milestone status", &status))?,
                });
        }
        Ok(out)
    }

    /// The interim targets of every indicator, by indicator id, by year.
    pub(crate) async fn interim_targets(&self) -> Result<HashMap<i64, Vec<YearValue>>, StoreError> {
        let rows = sqlx::query(
            "SELECT indicator_id, year, value FROM indicator_targets ORDER BY indicator_id, year",
        )
        .fetch_all(self.pool())
        .await?;
        let mut out: HashMap<i64, Vec<YearValue>> = HashMap::new();
        for r in &rows {
            out.entry(get(r, "indicator_id")?)
                .or_default()
                .push(YearValue {
                    year: i32::try_from(get::<i64>(r, "year")?)
                        .map_err(|_| corrupt("year", "target"))?,
                    value: get(r, "value")?,
                });
        }
        Ok(out)
    }

    /// Changes an area's texts, audited with what changed. Returns whether anything did.
    pub async fn update_area_texts(
        &self,
        area: &Slug,
        user: i64,
        texts: &AreaTexts,
    ) -> Result<bool, StoreError> {
        let mut tx = self.write_tx().await?;
        let row = sqlx::query("SELECT * FROM focus_areas WHERE slug = $1")
            .bind(area.as_str())
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound("area"))?;
        let before = AreaTexts {
            name: lang_text(&row, "name")?,
            current_state: lang_text(&row, "current_state")?,
            strengths: lang_text(&row, "strengths")?,
            desired_state: lang_text(&row, "desired_state")?,
            development_needs: lang_text(&row, "development_needs")?,
        };
        let changes = domain::audit::diff(
            &serde_json::to_value(&before).unwrap_or_default(),
            &serde_json::to_value(texts).unwrap_or_default(),
        );
        if changes.is_empty() {
            return Ok(false);
        }
        sqlx::query(
            "UPDATE focus_areas SET name_sv = $1, name_en = $2, current_state_sv = $3, current_state_en = $4, \
             strengths_sv = $5, strengths_en = $6, desired_state_sv = $7, desired_state_en = $8, \
             development_needs_sv = $9, development_needs_en = $10 WHERE slug = $11",
        )
        .bind(&texts.name.sv)
        .bind(&texts.name.en)
        .bind(&texts.current_state.sv)
        .bind(&texts.current_state.en)
        .bind(&texts.strengths.sv)
        .bind(&texts.strengths.en)
        .bind(&texts.desired_state.sv)
        .bind(&texts.desired_state.en)
        .bind(&texts.development_needs.sv)
        .bind(&texts.development_needs.en)
        .bind(area.as_str())
        .execute(&mut *tx)
        .await?;
        record(
            &mut tx,
            AuditRecord {
                user_id: Some(user),
                object_type: "focus_area",
                object_key: area.as_str(),
                action: "update",
                changes: &changes,
                personal: &[],
            },
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Adds a measure to its area's plan, with the indicators (codes in the same area) it moves. A code already
    /// used is a conflict; an area, actor or indicator that does not exist an unknown reference. Returns its id.
    pub async fn create_measure(
        &self,
        user: i64,
        m: &Measure,
        moves: &[String],
    ) -> Result<i64, StoreError> {
        let mut tx = self.write_tx().await?;
        let area = id_of(&mut tx, "focus_areas", &m.area).await?;
        let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM measures WHERE code = $1")
            .bind(&m.code)
            .fetch_optional(&mut *tx)
            .await?;
        if taken.is_some() {
            return Err(StoreError::Conflict("code"));
        }
        let responsible = id_of(&mut tx, "actors", &m.responsible).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO measures (area_id, code, example, title_sv, title_en, description_sv, description_en, \
             responsible_id, start_date, end_date, status, updated_at, budget_amount, budget_currency, \
             funding_sv, funding_en) \
             VALUES ($1, $2, 0, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
        )
        .bind(area)
        .bind(&m.code)
        .bind(&m.title.sv)
        .bind(&m.title.en)
        .bind(&m.description.sv)
        .bind(&m.description.en)
        .bind(responsible)
        .bind(m.start.map(|d| d.to_string()))
        .bind(m.end.map(|d| d.to_string()))
        .bind(m.status.as_str())
        .bind(now_millis())
        .bind(m.budget.map(|b| b.amount))
        .bind(m.budget.map(|b| b.currency.as_str().to_owned()))
        .bind(&m.funding.sv)
        .bind(&m.funding.en)
        .fetch_one(&mut *tx)
        .await?;
        write_measure_parts(&mut tx, id, area, m, moves).await?;
        let changes = domain::audit::diff(&serde_json::Value::Null, &measure_json(m, moves));
        record(
            &mut tx,
            AuditRecord {
                user_id: Some(user),
                object_type: "measure",
                object_key: &id.to_string(),
                action: "create",
                changes: &changes,
                personal: &[],
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Rewrites a measure as planned (its area and code stay), audited with what changed. Returns whether
    /// anything did.
    pub async fn update_measure_plan(
        &self,
        id: i64,
        user: i64,
        m: &Measure,
        moves: &[String],
    ) -> Result<bool, StoreError> {
        let before = self
            .measures(None)
            .await?
            .into_iter()
            .find(|r| r.id == id)
            .ok_or(StoreError::NotFound("measure"))?;
        let links: Vec<String> = self
            .indicators(Some(&before.measure.area))
            .await?
            .into_iter()
            .filter(|i| i.indicator.measures.contains(&before.measure.code))
            .map(|i| i.indicator.code)
            .collect();
        let mut tx = self.write_tx().await?;
        let area = id_of(&mut tx, "focus_areas", &before.measure.area).await?;
        let responsible = id_of(&mut tx, "actors", &m.responsible).await?;
        let planned = Measure {
            area: before.measure.area.clone(),
            code: before.measure.code.clone(),
            example: before.measure.example,
            ..m.clone()
        };
        let changes = domain::audit::diff(
            &measure_json(&before.measure, &links),
            &measure_json(&planned, moves),
        );
        if changes.is_empty() {
            return Ok(false);
        }
        sqlx::query(
            "UPDATE measures SET title_sv = $1, title_en = $2, description_sv = $3, description_en = $4, \
             responsible_id = $5, start_date = $6, end_date = $7, status = $8, updated_at = $9, \
             budget_amount = $10, budget_currency = $11, funding_sv = $12, funding_en = $13 WHERE id = $14",
        )
        .bind(&m.title.sv)
        .bind(&m.title.en)
        .bind(&m.description.sv)
        .bind(&m.description.en)
        .bind(responsible)
        .bind(m.start.map(|d| d.to_string()))
        .bind(m.end.map(|d| d.to_string()))
        .bind(m.status.as_str())
        .bind(now_millis())
        .bind(m.budget.map(|b| b.amount))
        .bind(m.budget.map(|b| b.currency.as_str().to_owned()))
        .bind(&m.funding.sv)
        .bind(&m.funding.en)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        write_measure_parts(&mut tx, id, area, &planned, moves).await?;
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

    /// True when a measure has been reported on in some year's follow-up (and so can only be ended, never
    /// removed).
    pub async fn measure_reported(&self, id: i64) -> Result<bool, StoreError> {
        self.reported(PlanPart::Measure, id).await
    }

    /// Removes a measure that no follow-up has reported on (a mistake in the plan); one reported on is a
    /// conflict (`reported`): end it instead.
    pub async fn delete_measure(&self, id: i64, user: i64) -> Result<(), StoreError> {
        let row = self
            .measures(None)
            .await?
            .into_iter()
            .find(|r| r.id == id)
            .ok_or(StoreError::NotFound("measure"))?;
        let before = measure_json(&row.measure, &[]);
        self.remove_from_plan(PlanPart::Measure, id, user, &before)
            .await
    }

    /// Whether a follow-up has reported a value for indicator `id` (then it stays in the plan).
    pub async fn indicator_reported(&self, id: i64) -> Result<bool, StoreError> {
        self.reported(PlanPart::Indicator, id).await
    }

    async fn reported(&self, part: PlanPart, id: i64) -> Result<bool, StoreError> {
        let n: i64 = sqlx::query_scalar(part.reported_sql())
            .bind(id)
            .fetch_one(self.pool())
            .await?;
        Ok(n > 0)
    }

    /// Removes indicator `id`, audited; a conflict (`reported`) once a follow-up has reported a value for it.
    pub async fn delete_indicator(&self, id: i64, user: i64) -> Result<(), StoreError> {
        // Only what the audit entry names: reading every indicator would also count the automatic ones.
        let row = sqlx::query(
            "SELECT i.code, f.slug AS area_slug, i.name_sv, i.name_en FROM indicators i \
             JOIN focus_areas f ON f.id = i.area_id WHERE i.id = $1",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound("indicator"))?;
        let before = serde_json::json!({
            "code": get::<String>(&row, "code")?,
            "area": get::<String>(&row, "area_slug")?,
            "name": {"sv": get::<String>(&row, "name_sv")?, "en": get::<String>(&row, "name_en")?},
        });
        self.remove_from_plan(PlanPart::Indicator, id, user, &before)
            .await
    }

    /// Deletes a measure or an indicator nothing has been reported on, in one transaction with its audit entry
    /// (`before` is what the entry says was removed).
    async fn remove_from_plan(
        &self,
        part: PlanPart,
        id: i64,
        user: i64,
        before: &serde_json::Value,
    ) -> Result<(), StoreError> {
        let mut tx = self.write_tx().await?;
        let reported: i64 = sqlx::query_scalar(part.reported_sql())
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        if reported > 0 {
            return Err(StoreError::Conflict("reported"));
        }
        sqlx::query(part.delete_sql())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let changes = domain::audit::diff(before, &serde_json::Value::Null);
        record(
            &mut tx,
            AuditRecord {
                user_id: Some(user),
                object_type: part.object_type(),
                object_key: &id.to_string(),
                action: "delete",
                changes: &changes,
                personal: &[],
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Adds an indicator to its area's plan. A code already used is a conflict; an area or measure (code in the
    /// same area) that does not exist an unknown reference. Returns its id.
    pub async fn create_indicator(&self, user: i64, i: &Indicator) -> Result<i64, StoreError> {
        let mut tx = self.write_tx().await?;
        let area = id_of(&mut tx, "focus_areas", &i.area).await?;
        let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM indicators WHERE code = $1")
            .bind(&i.code)
            .fetch_optional(&mut *tx)
            .await?;
        if taken.is_some() {
            return Err(StoreError::Conflict("code"));
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO indicators (area_id, code, example, name_sv, name_en, unit_sv, unit_en, direction, \
             baseline_value, baseline_year, target_value, target_year, source_sv, source_en, auto) \
             VALUES ($1, $2, 0, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
        )
        .bind(area)
        .bind(&i.code)
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
        write_indicator_parts(&mut tx, id, area, i).await?;
        let changes = domain::audit::diff(&serde_json::Value::Null, &indicator_json(i));
        record(
            &mut tx,
            AuditRecord {
                user_id: Some(user),
                object_type: "indicator",
                object_key: &id.to_string(),
                action: "create",
                changes: &changes,
                personal: &[],
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Rewrites an indicator as planned (its area and code stay; its yearly values come through the
    /// follow-up), audited with what changed. Returns whether anything did.
    pub async fn update_indicator(
        &self,
        id: i64,
        user: i64,
        i: &Indicator,
    ) -> Result<bool, StoreError> {
        let before = self
            .indicators(None)
            .await?
            .into_iter()
            .find(|r| r.id == id)
            .ok_or(StoreError::NotFound("indicator"))?
            .indicator;
        let planned = Indicator {
            area: before.area.clone(),
            code: before.code.clone(),
            example: before.example,
            values: before.values.clone(),
            ..i.clone()
        };
        let changes = domain::audit::diff(&indicator_json(&before), &indicator_json(&planned));
        if changes.is_empty() {
            return Ok(false);
        }
        let mut tx = self.write_tx().await?;
        let area = id_of(&mut tx, "focus_areas", &before.area).await?;
        sqlx::query(
            "UPDATE indicators SET name_sv = $1, name_en = $2, unit_sv = $3, unit_en = $4, direction = $5, \
             baseline_value = $6, baseline_year = $7, target_value = $8, target_year = $9, source_sv = $10, \
             source_en = $11, auto = $12 WHERE id = $13",
        )
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
        .bind(id)
        .execute(&mut *tx)
        .await?;
        write_indicator_parts(&mut tx, id, area, &planned).await?;
        record(
            &mut tx,
            AuditRecord {
                user_id: Some(user),
                object_type: "indicator",
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

    /// The plan of `area` as it stands now.
    pub async fn plan_snapshot(&self, area: &Slug) -> Result<PlanSnapshot, StoreError> {
        let areas = self.focus_areas().await?;
        let a = areas
            .iter()
            .find(|x| &x.slug == area)
            .ok_or(StoreError::NotFound("area"))?;
        let measures: Vec<Measure> = self
            .measures(Some(area))
            .await?
            .into_iter()
            .map(|r| r.measure)
            .collect();
        let indicators: Vec<Indicator> = self
            .indicators(Some(area))
            .await?
            .into_iter()
            .map(|r| r.indicator)
            .collect();
        Ok(PlanSnapshot::of(a, &measures, &indicators))
    }

    /// Records the plan of `area` as it stands as a new version taking effect on `valid_from`, with the reason
    /// for the revision; audited. Returns the version's number.
    pub async fn record_plan_version(
        &self,
        area: &Slug,
        user: Option<i64>,
        valid_from: IsoDate,
        reason: &LangText,
    ) -> Result<i64, StoreError> {
        let plan = self.plan_snapshot(area).await?;
        let snapshot = serde_json::to_string(&plan)
            .map_err(|e| StoreError::Corrupt(format!("plan snapshot: {e}")))?;
        let mut tx = self.write_tx().await?;
        let area_id = id_of(&mut tx, "focus_areas", area).await?;
        let last: Option<i64> =
            sqlx::query_scalar("SELECT MAX(number) FROM plan_versions WHERE area_id = $1")
                .bind(area_id)
                .fetch_one(&mut *tx)
                .await?;
        let number = last.unwrap_or(0) + 1;
        sqlx::query(
            "INSERT INTO plan_versions (area_id, number, valid_from, reason_sv, reason_en, snapshot, created_by, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(area_id)
        .bind(number)
        .bind(valid_from.to_string())
        .bind(&reason.sv)
        .bind(&reason.en)
        .bind(snapshot)
        .bind(user)
        .bind(now_millis())
        .execute(&mut *tx)
        .await?;
        let changes = domain::audit::diff(
            &serde_json::Value::Null,
            &serde_json::json!({"number": number, "valid_from": valid_from.to_string(), "reason": reason}),
        );
        record(
            &mut tx,
            AuditRecord {
                user_id: user,
                object_type: "plan_version",
                object_key: &format!("{area}/{number}"),
                action: "create",
                changes: &changes,
                personal: &[],
            },
        )
        .await?;
        tx.commit().await?;
        Ok(number)
    }

    /// The versions of an area's plan, oldest first.
    pub async fn plan_versions(&self, area: &Slug) -> Result<Vec<PlanVersionRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT v.*, u.display_name, u.erased_at FROM plan_versions v JOIN focus_areas f ON f.id = v.area_id \
             LEFT JOIN users u ON u.id = v.created_by WHERE f.slug = $1 ORDER BY v.number",
        )
        .bind(area.as_str())
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                let valid: String = get(r, "valid_from")?;
                let snapshot: String = get(r, "snapshot")?;
                Ok(PlanVersionRow {
                    number: get(r, "number")?,
                    valid_from: IsoDate::parse(&valid).map_err(|_| corrupt("date", &valid))?,
                    reason: lang_text(r, "reason")?,
                    by: match get::<Option<i64>>(r, "erased_at")? {
                        Some(_) => None,
                        None => opt_text(r, "display_name")?,
                    },
                    at: get(r, "created_at")?,
                    plan: serde_json::from_str(&snapshot)
                        .map_err(|e| StoreError::Corrupt(format!("plan snapshot: {e}")))?,
                })
            })
            .collect()
    }

    /// Records version 1 of every area that has none: the plan as loaded (used once the built-in plan is
    /// seeded). Returns how many were recorded.
    pub async fn record_first_versions(
        &self,
        valid_from: IsoDate,
        reason: &LangText,
    ) -> Result<usize, StoreError> {
        let mut n = 0;
        for a in self.focus_areas().await? {
            if self.plan_versions(&a.slug).await?.is_empty() {
                self.record_plan_version(&a.slug, None, valid_from, reason)
                    .await?;
                n += 1;
            }
        }
        Ok(n)
    }

    /// The office's assessment of `area` for `year`, when written.
    pub async fn assessment(
        &self,
        area: &Slug,
        year: i32,
    ) -> Result<Option<Assessment>, StoreError> {
        let row = sqlx::query(
            "SELECT x.* FROM area_assessments x JOIN focus_areas f ON f.id = x.area_id \
             WHERE f.slug = $1 AND x.year = $2",
        )
        .bind(area.as_str())
        .bind(i64::from(year))
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| {
            Ok(Assessment {
                went_well: lang_text(&r, "went_well")?,
                behind: lang_text(&r, "behind")?,
                changes: lang_text(&r, "changes")?,
            })
        })
        .transpose()
    }

    /// Every assessment written for `year`, by area slug.
    pub async fn assessments(&self, year: i32) -> Result<HashMap<Slug, Assessment>, StoreError> {
        let rows = sqlx::query(
            "SELECT x.*, f.slug FROM area_assessments x JOIN focus_areas f ON f.id = x.area_id WHERE x.year = $1",
        )
        .bind(i64::from(year))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    slug(r, "slug")?,
                    Assessment {
                        went_well: lang_text(r, "went_well")?,
                        behind: lang_text(r, "behind")?,
                        changes: lang_text(r, "changes")?,
                    },
                ))
            })
            .collect()
    }

    /// Writes the office's assessment of `area` for the follow-up of `year` (which must be open or closed: a
    /// year never opened is not found), audited with what changed. Returns whether anything did.
    pub async fn save_assessment(
        &self,
        area: &Slug,
        year: i32,
        user: i64,
        a: &Assessment,
    ) -> Result<bool, StoreError> {
        let before = self.assessment(area, year).await?;
        let changes = domain::audit::diff(
            &before.as_ref().map_or(serde_json::Value::Null, |b| {
                serde_json::to_value(b).unwrap_or_default()
            }),
            &serde_json::to_value(a).unwrap_or_default(),
        );
        if changes.is_empty() {
            return Ok(false);
        }
        let mut tx = self.write_tx().await?;
        let area_id = id_of(&mut tx, "focus_areas", area).await?;
        let cycle: Option<i64> =
            sqlx::query_scalar("SELECT year FROM follow_up_cycles WHERE year = $1")
                .bind(i64::from(year))
                .fetch_optional(&mut *tx)
                .await?;
        if cycle.is_none() {
            return Err(StoreError::NotFound("follow-up"));
        }
        sqlx::query("DELETE FROM area_assessments WHERE area_id = $1 AND year = $2")
            .bind(area_id)
            .bind(i64::from(year))
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO area_assessments (area_id, year, went_well_sv, went_well_en, behind_sv, behind_en, \
             changes_sv, changes_en, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(area_id)
        .bind(i64::from(year))
        .bind(&a.went_well.sv)
        .bind(&a.went_well.en)
        .bind(&a.behind.sv)
        .bind(&a.behind.en)
        .bind(&a.changes.sv)
        .bind(&a.changes.en)
        .bind(user)
        .bind(now_millis())
        .execute(&mut *tx)
        .await?;
        record(
            &mut tx,
            AuditRecord {
                user_id: Some(user),
                object_type: "assessment",
                object_key: &format!("{year}/{area}"),
                action: if before.is_some() { "update" } else { "create" },
                changes: &changes,
                personal: &[],
            },
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// The foreword of the report for `year` (empty until written).
    pub async fn foreword(&self, year: i32) -> Result<LangText, StoreError> {
        let row =
            sqlx::query("SELECT foreword_sv, foreword_en FROM follow_up_cycles WHERE year = $1")
                .bind(i64::from(year))
                .fetch_optional(self.pool())
                .await?
                .ok_or(StoreError::NotFound("follow-up"))?;
        lang_text(&row, "foreword")
    }

    /// Writes the foreword of the report for `year`, audited. Returns whether anything changed.
    pub async fn save_foreword(
        &self,
        year: i32,
        user: i64,
        foreword: &LangText,
    ) -> Result<bool, StoreError> {
        let before = self.foreword(year).await?;
        let changes = domain::audit::diff(
            &serde_json::to_value(&before).unwrap_or_default(),
            &serde_json::to_value(foreword).unwrap_or_default(),
        );
        if changes.is_empty() {
            return Ok(false);
        }
        let mut tx = self.write_tx().await?;
        sqlx::query(
            "UPDATE follow_up_cycles SET foreword_sv = $1, foreword_en = $2 WHERE year = $3",
        )
        .bind(&foreword.sv)
        .bind(&foreword.en)
        .bind(i64::from(year))
        .execute(&mut *tx)
        .await?;
        record(
            &mut tx,
            AuditRecord {
                user_id: Some(user),
                object_type: "follow_up",
                object_key: &year.to_string(),
                action: "foreword",
                changes: &changes,
                personal: &[],
            },
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }
}

/// What leaves a plan by removal.
#[derive(Debug, Clone, Copy)]
enum PlanPart {
    Measure,
    Indicator,
}

impl PlanPart {
    /// How many follow-up records keep it in the plan (`$1` its id).
    fn reported_sql(self) -> &'static str {
        match self {
            PlanPart::Measure => "SELECT COUNT(*) FROM measure_reports WHERE measure_id = $1",
            PlanPart::Indicator => {
                "SELECT (SELECT COUNT(*) FROM report_values WHERE indicator_id = $1) \
                 + (SELECT COUNT(*) FROM follow_up_revisions WHERE indicator_id = $1)"
            }
        }
    }

    fn delete_sql(self) -> &'static str {
        match self {
            PlanPart::Measure => "DELETE FROM measures WHERE id = $1",
            PlanPart::Indicator => "DELETE FROM indicators WHERE id = $1",
        }
    }

    fn object_type(self) -> &'static str {
        match self {
            PlanPart::Measure => "measure",
            PlanPart::Indicator => "indicator",
        }
    }
}
