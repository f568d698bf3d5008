//! The yearly follow-up in the database: cycles, one report per measure and year with its review history, the
//! values accepted into the indicators, revisions of closed cycles, and reminders. Every write runs in one
//! transaction that first takes the cycle's row (a conditional update), so a report cannot be saved into a cycle that
//! is being closed, and is audited.

use crate::audit::{AuditRecord, record};
use crate::rows::{get, opt_text};
use crate::{Store, StoreError, now_millis};
use domain::IsoDate;
use domain::WebUrl;
use domain::audit::Change;
use domain::followup::{
    self, Cycle, CycleState, FollowUpError, Party, ReportContent, ReportMove, ReportState,
    ReportedValue,
};
use domain::strategy::MeasureStatus;
use serde_json::{Value, json};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

/// A follow-up write refused by the follow-up's rules or failed in the store.
pub type FollowUpFail = crate::WriteError<FollowUpError>;

impl From<FollowUpError> for FollowUpFail {
    fn from(e: FollowUpError) -> Self {
        crate::WriteError::Rule(e)
    }
}

/// A cycle as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct CycleRow {
    /// The cycle.
    pub cycle: Cycle,
    /// When it was opened (Unix ms).
    pub opened_at: i64,
    /// When it was closed.
    pub closed_at: Option<i64>,
    /// The built-in example year, not the region's follow-up.
    pub example: bool,
}

/// One step in a report's history.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportEvent {
    /// What was done (`save`, `submit`, `accept`, `return`).
    pub action: String,
    /// The state it left the report in.
    pub state: ReportState,
    /// The office's comment on a return.
    pub comment: Option<String>,
    /// Who did it.
    pub user_email: Option<String>,
    /// When (Unix ms).
    pub at: i64,
}

/// One measure's report in one year.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportRow {
    /// The year.
    pub year: i32,
    /// The measure's id.
    pub measure_id: i64,
    /// Where it stands.
    pub state: ReportState,
    /// What was reported.
    pub content: ReportContent,
    /// The office's latest return comment.
    pub review_comment: Option<String>,
    /// Last change (Unix ms).
    pub updated_at: i64,
    /// When it was last sent.
    pub submitted_at: Option<i64>,
}

/// A correction of a closed cycle.
#[derive(Debug, Clone, PartialEq)]
pub struct RevisionRow {
    /// The year.
    pub year: i32,
    /// The measure.
    pub measure_id: i64,
    /// The indicator, for a value.
    pub indicator_id: Option<i64>,
    /// `status`, `narrative` or `value`.
    pub field: String,
    /// The value before.
    pub before: String,
    /// The value after.
    pub after: String,
    /// Why.
    pub reason: String,
    /// When (Unix ms).
    pub at: i64,
}

/// What a revision changes.
#[derive(Debug, Clone, PartialEq)]
pub enum Revision {
    /// The measure's status for the year.
    Status(MeasureStatus),
    /// The narrative.
    Narrative(String),
    /// An indicator's value for the year.
    Value {
        /// The indicator.
        indicator: i64,
        /// The corrected value.
        value: f64,
    },
}

/// A reminder to send: the addresses of the reporters of a measure whose report is not yet sent.
#[derive(Debug, Clone, PartialEq)]
pub struct Reminder {
    /// The year.
    pub year: i32,
    /// The deadline.
    pub deadline: IsoDate,
    /// The measure's id, code and titles.
    pub measure_id: i64,
    /// Code.
    pub code: String,
    /// Title in Swedish.
    pub title_sv: String,
    /// Title in English.
    pub title_en: String,
    /// Days left (the reminder stage).
    pub days_before: i64,
    /// Who to tell.
    pub to: Vec<String>,
}

fn year_of(row: &AnyRow, column: &str) -> Result<i32, StoreError> {
    i32::try_from(get::<i64>(row, column)?)
        .map_err(|_| StoreError::Corrupt(format!("year in {column}")))
}

fn cycle_from_row(row: &AnyRow) -> Result<CycleRow, StoreError> {
    let state: String = get(row, "state")?;
    let deadline: String = get(row, "deadline")?;
    Ok(CycleRow {
        cycle: Cycle {
            year: year_of(row, "year")?,
            deadline: IsoDate::parse(&deadline)
                .map_err(|_| StoreError::Corrupt(format!("deadline {deadline:?}")))?,
            state: CycleState::parse(&state)
                .ok_or_else(|| StoreError::Corrupt(format!("cycle state {state:?}")))?,
        },
        opened_at: get(row, "opened_at")?,
        closed_at: get(row, "closed_at")?,
        example: get::<i64>(row, "example")? != 0,
    })
}

fn report_from_row(row: &AnyRow, values: Vec<ReportedValue>) -> Result<ReportRow, StoreError> {
    let state: String = get(row, "state")?;
    let status: String = get(row, "status")?;
    let evidence: String = get(row, "evidence")?;
    Ok(ReportRow {
        year: year_of(row, "year")?,
        measure_id: get(row, "measure_id")?,
        state: ReportState::parse(&state)
            .ok_or_else(|| StoreError::Corrupt(format!("report state {state:?}")))?,
        content: ReportContent {
            status: MeasureStatus::parse(&status)
                .ok_or_else(|| StoreError::Corrupt(format!("status {status:?}")))?,
            narrative: get(row, "narrative")?,
            narrative_en: get(row, "narrative_en")?,
            values,
            evidence: evidence
                .lines()
                .filter_map(|l| WebUrl::parse(l).ok())
                .collect(),
        },
        review_comment: opt_text(row, "review_comment")?,
        updated_at: get(row, "updated_at")?,
        submitted_at: get(row, "submitted_at")?,
    })
}

async fn audit(
    conn: &mut AnyConnection,
    user: i64,
    key: &str,
    action: &str,
    before: Value,
    after: Value,
) -> Result<(), StoreError> {
    record(
        conn,
        AuditRecord {
            user_id: Some(user),
            object_type: "follow_up",
            object_key: key,
            action,
            changes: &[Change {
                path: String::new(),
                before,
                after,
            }],
            personal: &[],
        },
    )
    .await
}

/// Takes the cycle's row for the rest of the transaction and says where it stands.
async fn lock_cycle(conn: &mut AnyConnection, year: i32) -> Result<CycleState, FollowUpFail> {
    let done = sqlx::query("UPDATE follow_up_cycles SET state = state WHERE year = $1")
        .bind(i64::from(year))
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound("follow-up cycle").into());
    }
    let state: String = sqlx::query_scalar("SELECT state FROM follow_up_cycles WHERE year = $1")
        .bind(i64::from(year))
        .fetch_one(&mut *conn)
        .await?;
    CycleState::parse(&state)
        .ok_or_else(|| StoreError::Corrupt(format!("cycle state {state:?}")).into())
}

async fn report_in_tx(
    conn: &mut AnyConnection,
    year: i32,
    measure: i64,
) -> Result<Option<ReportRow>, StoreError> {
    let Some(row) =
        sqlx::query("SELECT * FROM measure_reports WHERE year = $1 AND measure_id = $2")
            .bind(i64::from(year))
            .bind(measure)
            .fetch_optional(&mut *conn)
            .await?
    else {
        return Ok(None);
    };
    let values = sqlx::query(
        "SELECT indicator_id, value, comment FROM report_values WHERE year = $1 AND measure_id = $2 \
         ORDER BY indicator_id",
    )
    .bind(i64::from(year))
    .bind(measure)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|v| {
        Ok(ReportedValue {
            indicator: get(v, "indicator_id")?,
            value: get(v, "value")?,
            comment: get(v, "comment")?,
        })
    })
    .collect::<Result<Vec<_>, StoreError>>()?;
    report_from_row(&row, values).map(Some)
}

#[allow(clippy::too_many_arguments)]
async fn event(
    conn: &mut AnyConnection,
    year: i32,
    measure: i64,
    action: ReportMove,
    state: ReportState,
    comment: Option<&str>,
    user: i64,
    now: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO report_events (year, measure_id, action, state, comment, user_id, at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(i64::from(year))
    .bind(measure)
    .bind(action.as_str())
    .bind(state.as_str())
    .bind(comment)
    .bind(user)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Writes an accepted value into the indicator's yearly values (the public charts).
async fn publish_value(
    conn: &mut AnyConnection,
    indicator: i64,
    year: i32,
    value: f64,
    comment: &str,
    user: i64,
    now: i64,
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM indicator_values WHERE indicator_id = $1 AND year = $2")
        .bind(indicator)
        .bind(i64::from(year))
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO indicator_values (indicator_id, year, value, comment, reported_by, reported_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(indicator)
    .bind(i64::from(year))
    .bind(value)
    .bind((!comment.is_empty()).then_some(comment))
    .bind(user)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Makes the measure's status the reported one when the report is for the latest cycle that has accepted it.
async fn publish_status(
    conn: &mut AnyConnection,
    measure: i64,
    year: i32,
    status: MeasureStatus,
    now: i64,
) -> Result<(), StoreError> {
    let later: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM measure_reports WHERE measure_id = $1 AND year > $2 AND state = 'accepted'",
    )
    .bind(measure)
    .bind(i64::from(year))
    .fetch_one(&mut *conn)
    .await?;
    if later == 0 {
        sqlx::query("UPDATE measures SET status = $1, updated_at = $2 WHERE id = $3")
            .bind(status.as_str())
            .bind(now)
            .bind(measure)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

fn content_json(c: &ReportContent) -> Value {
    json!({
        "status": c.status,
        "narrative": c.narrative,
        "narrative_en": c.narrative_en,
        "values": c.values,
        "evidence": c.evidence,
    })
}

impl Store {
    /// Every cycle, newest first.
    pub async fn cycles(&self) -> Result<Vec<CycleRow>, StoreError> {
        sqlx::query("SELECT * FROM follow_up_cycles ORDER BY year DESC")
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(cycle_from_row)
            .collect()
    }

    /// One cycle.
    pub async fn cycle(&self, year: i32) -> Result<Option<CycleRow>, StoreError> {
        sqlx::query("SELECT * FROM follow_up_cycles WHERE year = $1")
            .bind(i64::from(year))
            .fetch_optional(self.pool())
            .await?
            .as_ref()
            .map(cycle_from_row)
            .transpose()
    }

    /// Opens the cycle for `year` with its deadline (the office).
    pub async fn open_cycle(
        &self,
        year: i32,
        deadline: IsoDate,
        today: IsoDate,
        user: i64,
    ) -> Result<(), FollowUpFail> {
        let mut tx = self.write_tx().await?;
        let existing = sqlx::query("SELECT * FROM follow_up_cycles")
            .fetch_all(&mut *tx)
            .await?
            .iter()
            .map(|r| cycle_from_row(r).map(|c| c.cycle))
            .collect::<Result<Vec<_>, _>>()?;
        followup::may_open(year, deadline, today, &existing)?;
        let inserted = sqlx::query(
            "INSERT INTO follow_up_cycles (year, deadline, state, opened_by, opened_at) \
             VALUES ($1, $2, 'open', $3, $4) ON CONFLICT (year) DO NOTHING",
        )
        .bind(i64::from(year))
        .bind(deadline.to_string())
        .bind(user)
        .bind(now_millis())
        .execute(&mut *tx)
        .await?;
        if inserted.rows_affected() == 0 {
            return Err(FollowUpError::CycleExists.into());
        }
        audit(
            &mut tx,
            user,
            &year.to_string(),
            "open_cycle",
            Value::Null,
            json!({"deadline": deadline.to_string()}),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Loads the built-in example year into a database that has no follow-up cycle yet: a closed cycle marked as
    /// example data, with the office's foreword and assessments and accepted reports on the example measures.
    /// Returns whether it did. Measures or areas the office has removed since are left out.
    pub async fn seed_example_follow_up(
        &self,
        ex: &domain::followup::ExampleFollowUp,
    ) -> Result<bool, StoreError> {
        let mut tx = self.write_tx().await?;
        let cycles: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM follow_up_cycles")
            .fetch_one(&mut *tx)
            .await?;
        if cycles > 0 {
            return Ok(false);
        }
        let now = now_millis();
        sqlx::query(
            "INSERT INTO follow_up_cycles (year, deadline, state, opened_at, closed_at, foreword_sv, foreword_en, example) \
             VALUES ($1, $2, 'closed', $3, $3, $4, $5, 1)",
        )
        .bind(i64::from(ex.year))
        .bind(ex.deadline.to_string())
        .bind(now)
        .bind(&ex.foreword.sv)
        .bind(&ex.foreword.en)
        .execute(&mut *tx)
        .await?;
        for (area, went_well, behind, changes) in &ex.assessments {
            sqlx::query(
                "INSERT INTO area_assessments (area_id, year, went_well_sv, went_well_en, behind_sv, behind_en, \
                 changes_sv, changes_en, updated_at) \
                 SELECT id, $1, $2, $3, $4, $5, $6, $7, $8 FROM focus_areas WHERE slug = $9",
            )
            .bind(i64::from(ex.year))
            .bind(&went_well.sv)
            .bind(&went_well.en)
            .bind(&behind.sv)
            .bind(&behind.en)
            .bind(&changes.sv)
            .bind(&changes.en)
            .bind(now)
            .bind(area.as_str())
            .execute(&mut *tx)
            .await?;
        }
        for (code, status, narrative) in &ex.reports {
            sqlx::query(
                "INSERT INTO measure_reports (year, measure_id, state, status, narrative, narrative_en, evidence, \
                 updated_at, submitted_at, reviewed_at) \
                 SELECT $1, id, 'accepted', $2, $3, $4, '', $5, $5, $5 FROM measures WHERE code = $6 AND example = 1",
            )
            .bind(i64::from(ex.year))
            .bind(status.as_str())
            .bind(&narrative.sv)
            .bind(&narrative.en)
            .bind(now)
            .bind(code)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Closes an open cycle (the office): from now on it only takes revisions.
    pub async fn close_cycle(&self, year: i32, user: i64) -> Result<(), FollowUpFail> {
        let mut tx = self.write_tx().await?;
        if lock_cycle(&mut tx, year).await? == CycleState::Closed {
            return Err(FollowUpError::Closed.into());
        }
        let now = now_millis();
        sqlx::query(
            "UPDATE follow_up_cycles SET state = 'closed', closed_by = $1, closed_at = $2 WHERE year = $3",
        )
        .bind(user)
        .bind(now)
        .bind(i64::from(year))
        .execute(&mut *tx)
        .await?;
        audit(
            &mut tx,
            user,
            &year.to_string(),
            "close_cycle",
            json!({"state": "open"}),
            json!({"state": "closed"}),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// One measure's report for a year.
    pub async fn measure_report(
        &self,
        year: i32,
        measure: i64,
    ) -> Result<Option<ReportRow>, StoreError> {
        let mut conn = self.pool().acquire().await?;
        report_in_tx(&mut conn, year, measure).await
    }

    /// Every report of a year, by measure id.
    pub async fn measure_reports(&self, year: i32) -> Result<Vec<ReportRow>, StoreError> {
        let rows = sqlx::query("SELECT * FROM measure_reports WHERE year = $1 ORDER BY measure_id")
            .bind(i64::from(year))
            .fetch_all(self.pool())
            .await?;
        let values = sqlx::query(
            "SELECT measure_id, indicator_id, value, comment FROM report_values WHERE year = $1 \
             ORDER BY measure_id, indicator_id",
        )
        .bind(i64::from(year))
        .fetch_all(self.pool())
        .await?;
        let mut by_measure: std::collections::HashMap<i64, Vec<ReportedValue>> =
            std::collections::HashMap::new();
        for v in &values {
            by_measure
                .entry(get(v, "measure_id")?)
                .or_default()
                .push(ReportedValue {
                    indicator: get(v, "indicator_id")?,
                    value: get(v, "value")?,
                    comment: get(v, "comment")?,
                });
        }
        rows.iter()
            .map(|r| {
                let id: i64 = get(r, "measure_id")?;
                report_from_row(r, by_measure.remove(&id).unwrap_or_default())
            })
            .collect()
    }

    /// A report's history, oldest first.
    pub async fn report_events(
        &self,
        year: i32,
        measure: i64,
    ) -> Result<Vec<ReportEvent>, StoreError> {
        sqlx::query(
            "SELECT e.action, e.state, e.comment, e.at, u.email FROM report_events e \
             LEFT JOIN users u ON u.id = e.user_id WHERE e.year = $1 AND e.measure_id = $2 ORDER BY e.id",
        )
        .bind(i64::from(year))
        .bind(measure)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| {
            let state: String = get(r, "state")?;
            Ok(ReportEvent {
                action: get(r, "action")?,
                state: ReportState::parse(&state)
                    .ok_or_else(|| StoreError::Corrupt(format!("report state {state:?}")))?,
                comment: opt_text(r, "comment")?,
                user_email: opt_text(r, "email")?,
                at: get(r, "at")?,
            })
        })
        .collect()
    }

    /// Saves or sends a measure's report (`Save` or `Submit`). Values for indicators the measure does not follow
    /// are refused as a missing reference.
    pub async fn write_report(
        &self,
        year: i32,
        measure: i64,
        user: i64,
        party: Party,
        mv: ReportMove,
        content: &ReportContent,
    ) -> Result<ReportState, FollowUpFail> {
        content.check(mv)?;
        let mut tx = self.write_tx().await?;
        let cycle = lock_cycle(&mut tx, year).await?;
        let exists: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM measures WHERE id = $1")
            .bind(measure)
            .fetch_one(&mut *tx)
            .await?;
        if exists == 0 {
            return Err(StoreError::NotFound("measure").into());
        }
        let before = report_in_tx(&mut tx, year, measure).await?;
        let to = followup::decide(cycle, before.as_ref().map(|r| r.state), mv, party)?;
        let followed: Vec<i64> = sqlx::query_scalar(
            "SELECT indicator_id FROM indicator_measures x JOIN indicators i ON i.id = x.indicator_id \
             WHERE x.measure_id = $1 AND i.auto IS NULL",
        )
        .bind(measure)
        .fetch_all(&mut *tx)
        .await?;
        if content
            .values
            .iter()
            .any(|v| !followed.contains(&v.indicator))
        {
            return Err(StoreError::NotFound("indicator").into());
        }
        let now = now_millis();
        let evidence = content
            .evidence
            .iter()
            .map(WebUrl::as_str)
            .collect::<Vec<_>>()
            .join("\n");
        let submitted_at = (mv == ReportMove::Submit)
            .then_some(now)
            .or(before.as_ref().and_then(|b| b.submitted_at));
        if before.is_some() {
            sqlx::query(
                "UPDATE measure_reports SET state = $1, status = $2, narrative = $3, evidence = $4, updated_by = $5, \
                 updated_at = $6, submitted_at = $7, narrative_en = $8 WHERE year = $9 AND measure_id = $10",
            )
            .bind(to.as_str())
            .bind(content.status.as_str())
            .bind(&content.narrative)
            .bind(&evidence)
            .bind(user)
            .bind(now)
            .bind(submitted_at)
            .bind(&content.narrative_en)
            .bind(i64::from(year))
            .bind(measure)
            .execute(&mut *tx)
            .await?;
        } else {
            sqlx::query(
                "INSERT INTO measure_reports (year, measure_id, state, status, narrative, evidence, updated_by, \
                 updated_at, submitted_at, narrative_en) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            )
            .bind(i64::from(year))
            .bind(measure)
            .bind(to.as_str())
            .bind(content.status.as_str())
            .bind(&content.narrative)
            .bind(&evidence)
            .bind(user)
            .bind(now)
            .bind(submitted_at)
            .bind(&content.narrative_en)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("DELETE FROM report_values WHERE year = $1 AND measure_id = $2")
            .bind(i64::from(year))
            .bind(measure)
            .execute(&mut *tx)
            .await?;
        for v in &content.values {
            sqlx::query(
                "INSERT INTO report_values (year, measure_id, indicator_id, value, comment) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(i64::from(year))
            .bind(measure)
            .bind(v.indicator)
            .bind(v.value)
            .bind(&v.comment)
            .execute(&mut *tx)
            .await?;
        }
        event(&mut tx, year, measure, mv, to, None, user, now).await?;
        audit(
            &mut tx,
            user,
            &format!("{year}/{measure}"),
            mv.as_str(),
            before.map_or(Value::Null, |b| content_json(&b.content)),
            content_json(content),
        )
        .await?;
        tx.commit().await?;
        Ok(to)
    }

    /// The office accepts or returns a sent report. Accepting makes its status the measure's and its values the
    /// indicators' values for the year.
    pub async fn review_report(
        &self,
        year: i32,
        measure: i64,
        user: i64,
        mv: ReportMove,
        comment: &str,
    ) -> Result<ReportState, FollowUpFail> {
        if mv == ReportMove::Return && comment.trim().is_empty() {
            return Err(FollowUpError::CommentRequired.into());
        }
        if comment.chars().count() > followup::MAX_COMMENT {
            return Err(FollowUpError::TooLong.into());
        }
        let mut tx = self.write_tx().await?;
        let cycle = lock_cycle(&mut tx, year).await?;
        let report = report_in_tx(&mut tx, year, measure)
            .await?
            .ok_or(StoreError::NotFound("report"))?;
        let to = followup::decide(cycle, Some(report.state), mv, Party::Office)?;
        let now = now_millis();
        let comment = comment.trim();
        let changed = sqlx::query(
            "UPDATE measure_reports SET state = $1, review_comment = $2, reviewed_at = $3 \
             WHERE year = $4 AND measure_id = $5 AND state = $6",
        )
        .bind(to.as_str())
        .bind((!comment.is_empty()).then_some(comment))
        .bind(now)
        .bind(i64::from(year))
        .bind(measure)
        .bind(report.state.as_str())
        .execute(&mut *tx)
        .await?;
        if changed.rows_affected() == 0 {
            return Err(FollowUpError::NotFromHere.into());
        }
        if to == ReportState::Accepted {
            publish_status(&mut tx, measure, year, report.content.status, now).await?;
            let author: Option<i64> = sqlx::query_scalar(
                "SELECT updated_by FROM measure_reports WHERE year = $1 AND measure_id = $2",
            )
            .bind(i64::from(year))
            .bind(measure)
            .fetch_one(&mut *tx)
            .await?;
            for v in &report.content.values {
                publish_value(
                    &mut tx,
                    v.indicator,
                    year,
                    v.value,
                    &v.comment,
                    author.unwrap_or(user),
                    now,
                )
                .await?;
            }
        }
        event(
            &mut tx,
            year,
            measure,
            mv,
            to,
            (!comment.is_empty()).then_some(comment),
            user,
            now,
        )
        .await?;
        audit(
            &mut tx,
            user,
            &format!("{year}/{measure}"),
            mv.as_str(),
            json!({"state": report.state}),
            json!({"state": to, "comment": comment}),
        )
        .await?;
        tx.commit().await?;
        Ok(to)
    }

    /// Corrects a closed cycle's report (the office), keeping the value before, the value after and the reason.
    /// An accepted report's correction reaches the measure's status and the indicator's value too.
    pub async fn revise_report(
        &self,
        year: i32,
        measure: i64,
        user: i64,
        revision: &Revision,
        reason: &str,
    ) -> Result<(), FollowUpFail> {
        let mut tx = self.write_tx().await?;
        let cycle = lock_cycle(&mut tx, year).await?;
        let report = report_in_tx(&mut tx, year, measure)
            .await?
            .ok_or(StoreError::NotFound("report"))?;
        let now = now_millis();
        let reason = reason.trim();
        let accepted = report.state == ReportState::Accepted;
        let (field, indicator, before, after) = match revision {
            Revision::Status(s) => {
                let (b, a) = (report.content.status.to_string(), s.to_string());
                followup::may_revise(cycle, reason, &b, &a)?;
                sqlx::query(
                    "UPDATE measure_reports SET status = $1 WHERE year = $2 AND measure_id = $3",
                )
                .bind(s.as_str())
                .bind(i64::from(year))
                .bind(measure)
                .execute(&mut *tx)
                .await?;
                if accepted {
                    publish_status(&mut tx, measure, year, *s, now).await?;
                }
                ("status", None, b, a)
            }
            Revision::Narrative(n) => {
                let (b, a) = (report.content.narrative.clone(), n.trim().to_owned());
                followup::may_revise(cycle, reason, &b, &a)?;
                sqlx::query(
                    "UPDATE measure_reports SET narrative = $1 WHERE year = $2 AND measure_id = $3",
                )
                .bind(&a)
                .bind(i64::from(year))
                .bind(measure)
                .execute(&mut *tx)
                .await?;
                ("narrative", None, b, a)
            }
            Revision::Value { indicator, value } => {
                if !value.is_finite() {
                    return Err(FollowUpError::NotANumber.into());
                }
                let followed: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM indicator_measures WHERE measure_id = $1 AND indicator_id = $2",
                )
                .bind(measure)
                .bind(*indicator)
                .fetch_one(&mut *tx)
                .await?;
                if followed == 0 {
                    return Err(StoreError::NotFound("indicator").into());
                }
                let old = report
                    .content
                    .values
                    .iter()
                    .find(|v| v.indicator == *indicator);
                let b = old.map(|v| v.value.to_string()).unwrap_or_default();
                let a = value.to_string();
                followup::may_revise(cycle, reason, &b, &a)?;
                let comment = old.map(|v| v.comment.clone()).unwrap_or_default();
                sqlx::query(
                    "DELETE FROM report_values WHERE year = $1 AND measure_id = $2 AND indicator_id = $3",
                )
                .bind(i64::from(year))
                .bind(measure)
                .bind(*indicator)
                .execute(&mut *tx)
                .await?;
                sqlx::query(
                    "INSERT INTO report_values (year, measure_id, indicator_id, value, comment) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(i64::from(year))
                .bind(measure)
                .bind(*indicator)
                .bind(*value)
                .bind(&comment)
                .execute(&mut *tx)
                .await?;
                if accepted {
                    // The value stays the reporter's: the correction, its reason and who made it are in the
                    // revisions (and the audit log), not in the name shown beside the value.
                    let author: Option<i64> = sqlx::query_scalar(
                        "SELECT updated_by FROM measure_reports WHERE year = $1 AND measure_id = $2",
                    )
                    .bind(i64::from(year))
                    .bind(measure)
                    .fetch_one(&mut *tx)
                    .await?;
                    publish_value(
                        &mut tx,
                        *indicator,
                        year,
                        *value,
                        &comment,
                        author.unwrap_or(user),
                        now,
                    )
                    .await?;
                }
                ("value", Some(*indicator), b, a)
            }
        };
        sqlx::query(
            "INSERT INTO follow_up_revisions (year, measure_id, indicator_id, field, before_value, after_value, \
             reason, revised_by, revised_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(i64::from(year))
        .bind(measure)
        .bind(indicator)
        .bind(field)
        .bind(&before)
        .bind(&after)
        .bind(reason)
        .bind(user)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        audit(
            &mut tx,
            user,
            &format!("{year}/{measure}"),
            "revise",
            json!({field: before}),
            json!({field: after, "reason": reason}),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The revisions of a year, oldest first.
    pub async fn revisions(&self, year: i32) -> Result<Vec<RevisionRow>, StoreError> {
        sqlx::query("SELECT * FROM follow_up_revisions WHERE year = $1 ORDER BY id")
            .bind(i64::from(year))
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|r| {
                Ok(RevisionRow {
                    year: year_of(r, "year")?,
                    measure_id: get(r, "measure_id")?,
                    indicator_id: get(r, "indicator_id")?,
                    field: get(r, "field")?,
                    before: get(r, "before_value")?,
                    after: get(r, "after_value")?,
                    reason: get(r, "reason")?,
                    at: get(r, "revised_at")?,
                })
            })
            .collect()
    }

    /// The measures whose responsible actor the user reports for (all measures for an admin), as ids.
    pub async fn reportable_measures(&self, user: i64) -> Result<Vec<i64>, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT m.id FROM measures m WHERE EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = $1 AND \
             (r.role = 'admin' OR (r.role = 'reporter' AND r.actor_id = m.responsible_id))) ORDER BY m.id",
        )
        .bind(user)
        .fetch_all(self.pool())
        .await?)
    }

    /// Queues the reminders due on `today` for the open cycle: once per measure and stage, to the reporters of
    /// each measure whose report is not yet sent. `compose` writes (subject, body) for a reminder. Returns how many
    /// e-mails were queued.
    pub async fn send_follow_up_reminders(
        &self,
        today: IsoDate,
        compose: impl Fn(&Reminder) -> (String, String),
    ) -> Result<usize, StoreError> {
        let mut tx = self.write_tx().await?;
        let Some(cycle) = sqlx::query("SELECT * FROM follow_up_cycles WHERE state = 'open'")
            .fetch_optional(&mut *tx)
            .await?
            .as_ref()
            .map(cycle_from_row)
            .transpose()?
        else {
            return Ok(0);
        };
        let Some(days) = followup::reminder_due(cycle.cycle.deadline, today) else {
            return Ok(0);
        };
        let year = i64::from(cycle.cycle.year);
        let measures = sqlx::query(
            "SELECT m.id, m.code, m.title_sv, m.title_en, m.responsible_id FROM measures m \
             WHERE NOT EXISTS (SELECT 1 FROM measure_reports r WHERE r.year = $1 AND r.measure_id = m.id \
             AND r.state IN ('submitted', 'accepted')) \
             AND NOT EXISTS (SELECT 1 FROM follow_up_reminders x WHERE x.year = $1 AND x.measure_id = m.id \
             AND x.days_before <= $2) ORDER BY m.id",
        )
        .bind(year)
        .bind(days)
        .fetch_all(&mut *tx)
        .await?;
        let now = now_millis();
        let mut sent = 0;
        for m in &measures {
            let id: i64 = get(m, "id")?;
            let to: Vec<String> = sqlx::query_scalar(
                "SELECT DISTINCT u.email FROM user_roles r JOIN users u ON u.id = r.user_id \
                 WHERE r.role = 'reporter' AND r.actor_id = $1 ORDER BY u.email",
            )
            .bind(get::<i64>(m, "responsible_id")?)
            .fetch_all(&mut *tx)
            .await?;
            let reminder = Reminder {
                year: cycle.cycle.year,
                deadline: cycle.cycle.deadline,
                measure_id: id,
                code: get(m, "code")?,
                title_sv: get(m, "title_sv")?,
                title_en: get(m, "title_en")?,
                days_before: days,
                to,
            };
            let (subject, body) = compose(&reminder);
            for addr in &reminder.to {
                crate::accounts::queue_mail_in(&mut tx, addr, &subject, &body).await?;
                sent += 1;
            }
            sqlx::query(
                "INSERT INTO follow_up_reminders (year, measure_id, days_before, sent_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(year)
            .bind(id)
            .bind(days)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(sent)
    }
}
