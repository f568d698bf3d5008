//! Data-permit applications: drafts saved by their applicant, moves decided by `domain::permits::decide` inside
//! the transaction that makes them (the row taken while it still has the status the move was decided from),
//! section reviews, the history with each move's note, e-mail notices queued in the same transaction, and an
//! audit entry per write that names the move, never the application's text.

use crate::audit::{AuditRecord, record};
use crate::rows::{Arg, Sql, get, opt_text, opt_year};
use crate::{Store, StoreError, WriteError, now_millis};
use domain::audit::Change;
use domain::permits::{
    Application, Article6, Article9, DataForm, Move, MoveError, Purpose, Scope, Section, Side,
    Status, Variable, Verdict, decide,
};
use domain::{ApplicationScope, IsoDate, LangText, Slug};
use serde_json::json;
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

/// What refuses an application write besides the store.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PermitRule {
    /// The move is not allowed.
    #[error(transparent)]
    Move(#[from] MoveError),
    /// The application cannot be changed in its status (only a draft, or one whose clarification is asked).
    #[error("the application cannot be changed now")]
    Locked,
    /// A section is reviewed only while the application is in review.
    #[error("sections are reviewed while the application is in review")]
    NotInReview,
    /// A source the application names is not in the catalogue.
    #[error("unknown source {0}")]
    UnknownSource(String),
    /// Someone else moved the application first.
    #[error("the application was changed by someone else; reload it")]
    Changed,
}

/// An application write refused by its rules or failed.
pub type PermitError = WriteError<PermitRule>;

/// A source an application asks for.
#[derive(Debug, Clone)]
pub struct AskedSource {
    /// Its slug.
    pub slug: Slug,
    /// Its title.
    pub title: LangText,
    /// Its holder's slug.
    pub holder: Slug,
}

/// A section's review.
#[derive(Debug, Clone)]
pub struct SectionReview {
    /// The section.
    pub section: Section,
    /// Accepted, or to clarify.
    pub verdict: Verdict,
    /// The reviewer's note.
    pub note: String,
    /// The reviewer's name.
    pub reviewer: Option<String>,
    /// When (Unix ms).
    pub at: i64,
}

/// One move in an application's history.
#[derive(Debug, Clone)]
pub struct ApplicationEvent {
    /// Who (display name), if known.
    pub who: Option<String>,
    /// The move.
    pub mv: Move,
    /// From.
    pub from: Status,
    /// To.
    pub to: Status,
    /// The note, reasons or conditions.
    pub note: String,
    /// When (Unix ms).
    pub at: i64,
}

/// An application as stored.
#[derive(Debug, Clone)]
pub struct ApplicationRow {
    /// Its id.
    pub id: i64,
    /// The applicant's user id.
    pub applicant_id: i64,
    /// The applicant's name.
    pub applicant_name: String,
    /// Its status as stored (see `domain::permits::effective` for expiry).
    pub status: Status,
    /// What the applicant wrote.
    pub application: Application,
    /// The sources asked for.
    pub sources: Vec<AskedSource>,
    /// Reviews, by section.
    pub reviews: Vec<SectionReview>,
    /// The history, oldest first.
    pub events: Vec<ApplicationEvent>,
    /// When it was submitted (Unix ms).
    pub submitted_at: Option<i64>,
    /// Pauses that ended (ms).
    pub paused_ms: i64,
    /// The pause going on, since (Unix ms).
    pub paused_since: Option<i64>,
    /// When it was decided or withdrawn (Unix ms).
    pub decided_at: Option<i64>,
    /// The decision's reasons or conditions.
    pub decision: String,
    /// The project's privacy budget set in the decision (thousandths of epsilon).
    pub budget_milli: Option<i64>,
    /// Last change.
    pub updated_at: i64,
}

impl ApplicationRow {
    /// What the permit lets the project ask, once granted with its dates and years.
    pub fn scope(&self) -> Option<Scope> {
        let a = &self.application;
        if !self.status.granted() {
            return None;
        }
        Some(Scope {
            sources: a.sources.clone(),
            variables: a.variables.clone(),
            years: (a.data_from?, a.data_to?),
            valid: (a.period_from?, a.period_to?),
        })
    }

    /// The holders of the sources asked for (whose data-access staff review it).
    pub fn holders(&self) -> Vec<Slug> {
        let mut h: Vec<Slug> = self.sources.iter().map(|s| s.holder.clone()).collect();
        h.sort();
        h.dedup();
        h
    }
}

/// An e-mail notice of a move, written by the caller in the reader's language.
#[derive(Debug, Clone)]
pub struct PermitNotice {
    /// Subject.
    pub subject: String,
    /// Body.
    pub body: String,
}

fn corrupt(what: &str, v: &str) -> StoreError {
    StoreError::Corrupt(format!("unknown {what} {v:?} in health_applications"))
}

fn parse_opt<T>(
    r: &AnyRow,
    col: &str,
    f: impl Fn(&str) -> Option<T>,
) -> Result<Option<T>, StoreError> {
    opt_text(r, col)?
        .map(|v| f(&v).ok_or_else(|| corrupt(col, &v)))
        .transpose()
}

fn application_of(r: &AnyRow) -> Result<Application, StoreError> {
    Ok(Application {
        title: get(r, "title")?,
        sources: Vec::new(),
        purpose: parse_opt(r, "purpose", Purpose::parse)?,
        purpose_text: get(r, "purpose_text")?,
        data: get(r, "data")?,
        variables: {
            let v: String = get(r, "variables")?;
            v.split(',')
                .filter(|x| !x.is_empty())
                .map(|x| Variable::parse(x).ok_or_else(|| corrupt("variables", x)))
                .collect::<Result<Vec<_>, _>>()?
        },
        data_from: opt_year(r, "data_from")?,
        data_to: opt_year(r, "data_to")?,
        form: parse_opt(r, "form", DataForm::parse)?,
        justification: get(r, "justification")?,
        safeguards: get(r, "safeguards")?,
        period_from: parse_opt(r, "period_from", |v| IsoDate::parse(v).ok())?,
        period_to: parse_opt(r, "period_to", |v| IsoDate::parse(v).ok())?,
        environment: get(r, "environment")?,
        tools: get(r, "tools")?,
        ethics_ref: get(r, "ethics_ref")?,
        article6: parse_opt(r, "article6", Article6::parse)?,
        article9: parse_opt(r, "article9", Article9::parse)?,
        secrecy: get(r, "secrecy")?,
    })
}

fn status_of(r: &AnyRow, col: &str) -> Result<Status, StoreError> {
    let s: String = get(r, col)?;
    Status::parse(&s).ok_or_else(|| corrupt(col, &s))
}

async fn sources_of(conn: &mut AnyConnection, id: i64) -> Result<Vec<AskedSource>, StoreError> {
    let rows = sqlx::query(
        "SELECT s.slug, s.title_sv, s.title_en, a.slug AS holder FROM health_application_sources x \
         JOIN health_sources s ON s.id = x.source_id JOIN actors a ON a.id = s.holder_id \
         WHERE x.application_id = $1 ORDER BY s.title_sv",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(AskedSource {
                slug: crate::rows::slug(r, "slug")?,
                title: crate::rows::lang_text(r, "title")?,
                holder: crate::rows::slug(r, "holder")?,
            })
        })
        .collect()
}

async fn audit(
    conn: &mut AnyConnection,
    by: i64,
    id: i64,
    action: &str,
    after: serde_json::Value,
) -> Result<(), StoreError> {
    record(
        conn,
        AuditRecord {
            user_id: Some(by),
            object_type: "health_application",
            object_key: &id.to_string(),
            action,
            changes: &[Change {
                path: String::new(),
                before: serde_json::Value::Null,
                after,
            }],
            personal: &[],
        },
    )
    .await
}

async fn write_fields(
    conn: &mut AnyConnection,
    id: i64,
    a: &Application,
    now: i64,
) -> Result<(), PermitError> {
    sqlx::query(
        "UPDATE health_applications SET title = $1, purpose = $2, purpose_text = $3, data = $4, form = $5, \
         justification = $6, safeguards = $7, period_from = $8, period_to = $9, environment = $10, tools = $11, \
         ethics_ref = $12, article6 = $13, article9 = $14, secrecy = $15, updated_at = $16, variables = $17, \
         data_from = $18, data_to = $19 WHERE id = $20",
    )
    .bind(a.title.trim())
    .bind(a.purpose.map(Purpose::as_str))
    .bind(a.purpose_text.trim())
    .bind(a.data.trim())
    .bind(a.form.map(DataForm::as_str))
    .bind(a.justification.trim())
    .bind(a.safeguards.trim())
    .bind(a.period_from.map(|d| d.to_string()))
    .bind(a.period_to.map(|d| d.to_string()))
    .bind(a.environment.trim())
    .bind(a.tools.trim())
    .bind(a.ethics_ref.trim())
    .bind(a.article6.map(Article6::as_str))
    .bind(a.article9.map(Article9::as_str))
    .bind(a.secrecy.trim())
    .bind(now)
    .bind(
        a.variables
            .iter()
            .map(|v| v.as_str())
            .collect::<Vec<_>>()
            .join(","),
    )
    .bind(a.data_from.map(i64::from))
    .bind(a.data_to.map(i64::from))
    .bind(id)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM health_application_sources WHERE application_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for s in &a.sources {
        let source: Option<i64> =
            sqlx::query_scalar("SELECT id FROM health_sources WHERE slug = $1")
                .bind(s.as_str())
                .fetch_optional(&mut *conn)
                .await?;
        let source =
            source.ok_or_else(|| WriteError::Rule(PermitRule::UnknownSource(s.to_string())))?;
        sqlx::query(
            "INSERT INTO health_application_sources (application_id, source_id) VALUES ($1, $2) \
             ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(source)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// One application with its sources, reviews and history, read on `conn`.
async fn load(conn: &mut AnyConnection, id: i64) -> Result<Option<ApplicationRow>, StoreError> {
    let row = sqlx::query(
            "SELECT h.*, u.display_name AS applicant_name, u.email AS applicant_email FROM health_applications h \
             JOIN users u ON u.id = h.applicant_id WHERE h.id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    let Some(r) = row else {
        return Ok(None);
    };
    let sources = sources_of(conn, id).await?;
    let mut application = application_of(&r)?;
    application.sources = sources.iter().map(|s| s.slug.clone()).collect();
    let reviews = sqlx::query(
        "SELECT r.*, u.display_name AS reviewer FROM health_application_reviews r \
             LEFT JOIN users u ON u.id = r.reviewer_id WHERE r.application_id = $1",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|x| {
        let section: String = get(x, "section")?;
        let verdict: String = get(x, "verdict")?;
        Ok(SectionReview {
            section: Section::parse(&section).ok_or_else(|| corrupt("section", &section))?,
            verdict: Verdict::parse(&verdict).ok_or_else(|| corrupt("verdict", &verdict))?,
            note: get(x, "note")?,
            reviewer: opt_text(x, "reviewer")?,
            at: get(x, "reviewed_at")?,
        })
    })
    .collect::<Result<Vec<_>, StoreError>>()?;
    let events = sqlx::query(
        "SELECT e.*, u.display_name AS who FROM health_application_events e \
             LEFT JOIN users u ON u.id = e.user_id WHERE e.application_id = $1 ORDER BY e.id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|x| {
        let mv: String = get(x, "move")?;
        Ok(ApplicationEvent {
            who: opt_text(x, "who")?,
            mv: Move::parse(&mv).ok_or_else(|| corrupt("move", &mv))?,
            from: status_of(x, "from_status")?,
            to: status_of(x, "to_status")?,
            note: get(x, "note")?,
            at: get(x, "at")?,
        })
    })
    .collect::<Result<Vec<_>, StoreError>>()?;
    let name: String = get(&r, "applicant_name")?;
    let email: String = get(&r, "applicant_email")?;
    Ok(Some(ApplicationRow {
        id,
        applicant_id: get(&r, "applicant_id")?,
        applicant_name: if name.trim().is_empty() { email } else { name },
        status: status_of(&r, "status")?,
        application,
        sources,
        reviews,
        events,
        submitted_at: get(&r, "submitted_at")?,
        paused_ms: get(&r, "paused_ms")?,
        paused_since: get(&r, "paused_since")?,
        decided_at: get(&r, "decided_at")?,
        decision: get(&r, "decision")?,
        budget_milli: get(&r, "budget_milli")?,
        updated_at: get(&r, "updated_at")?,
    }))
}

impl Store {
    /// Creates a draft (`id` None) or saves the applicant's changes to a draft, or to an application whose
    /// clarification is asked for. The caller has checked that `applicant` may do so.
    pub async fn save_health_application(
        &self,
        id: Option<i64>,
        applicant: i64,
        a: &Application,
    ) -> Result<i64, PermitError> {
        let mut tx = self.write_tx().await?;
        let now = now_millis();
        let id = match id {
            Some(id) => {
                let status: Option<String> = sqlx::query_scalar(
                    "SELECT status FROM health_applications WHERE id = $1 AND applicant_id = $2",
                )
                .bind(id)
                .bind(applicant)
                .fetch_optional(&mut *tx)
                .await?;
                let status = status.ok_or(StoreError::NotFound("health application"))?;
                if !matches!(
                    Status::parse(&status),
                    Some(Status::Draft | Status::ClarificationRequested)
                ) {
                    return Err(WriteError::Rule(PermitRule::Locked));
                }
                id
            }
            None => {
                sqlx::query_scalar(
                    "INSERT INTO health_applications (applicant_id, status, title, purpose_text, data, \
                     justification, safeguards, environment, tools, ethics_ref, secrecy, created_at, updated_at, \
                     paused_ms, decision, variables) VALUES ($1, 'draft', '', '', '', '', '', '', '', '', '', $2, $2, 0, '', '') \
                     RETURNING id",
                )
                .bind(applicant)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?
            }
        };
        write_fields(&mut tx, id, a, now).await?;
        audit(
            &mut tx,
            applicant,
            id,
            "save",
            json!({ "sources": a.sources }),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// One application with its sources, reviews and history.
    pub async fn health_application(&self, id: i64) -> Result<Option<ApplicationRow>, StoreError> {
        let mut conn = self.pool().acquire().await?;
        load(&mut conn, id).await
    }

    /// The applications `scope` may list, newest first: (id, title, status, applicant's name, updated).
    pub async fn health_applications(
        &self,
        scope: &ApplicationScope,
    ) -> Result<Vec<(i64, String, Status, String, i64)>, StoreError> {
        let mut sql = Sql::new(
            "SELECT h.id, h.title, h.status, h.updated_at, u.display_name, u.email FROM health_applications h \
             JOIN users u ON u.id = h.applicant_id",
        );
        if !scope.all {
            sql.push(" WHERE h.applicant_id = ")
                .bind(Arg::Int(scope.applicant));
            if !scope.holders.is_empty() {
                sql.push(
                    " OR (h.status <> 'draft' AND EXISTS (SELECT 1 FROM health_application_sources x \
                     JOIN health_sources s ON s.id = x.source_id JOIN actors a ON a.id = s.holder_id \
                     WHERE x.application_id = h.id AND a.slug IN (",
                )
                ;
                for (i, h) in scope.holders.iter().enumerate() {
                    if i > 0 {
                        sql.push(", ");
                    }
                    sql.bind(Arg::Text(h.to_string()));
                }
                sql.push(")))");
            }
        } else {
            sql.push(" WHERE h.status <> 'draft' OR h.applicant_id = ")
                .bind(Arg::Int(scope.applicant));
        }
        sql.push(" ORDER BY h.updated_at DESC, h.id DESC");
        let rows = sql.query().fetch_all(self.pool()).await?;
        rows.iter()
            .map(|r| {
                let name: String = get(r, "display_name")?;
                Ok((
                    get(r, "id")?,
                    get(r, "title")?,
                    status_of(r, "status")?,
                    if name.trim().is_empty() {
                        get(r, "email")?
                    } else {
                        name
                    },
                    get(r, "updated_at")?,
                ))
            })
            .collect()
    }

    /// Records a reviewer's verdict on a section while the application is in review.
    pub async fn review_health_section(
        &self,
        id: i64,
        section: Section,
        verdict: Verdict,
        note: &str,
        by: i64,
    ) -> Result<(), PermitError> {
        let mut tx = self.write_tx().await?;
        let now = now_millis();
        let res = sqlx::query(
            "UPDATE health_applications SET updated_at = $1 WHERE id = $2 AND status = 'in_review'",
        )
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if res.rows_affected() != 1 {
            return Err(WriteError::Rule(PermitRule::NotInReview));
        }
        sqlx::query(
            "DELETE FROM health_application_reviews WHERE application_id = $1 AND section = $2",
        )
        .bind(id)
        .bind(section.as_str())
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO health_application_reviews (application_id, section, verdict, note, reviewer_id, \
             reviewed_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(section.as_str())
        .bind(verdict.as_str())
        .bind(note.trim())
        .bind(by)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        audit(
            &mut tx,
            by,
            id,
            "review",
            json!({ "section": section.as_str(), "verdict": verdict.as_str() }),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Makes a move as `side` from `from` (the status the caller saw), with its note; queues `notice` to the
    /// other side. Returns the new status.
    #[allow(clippy::too_many_arguments)]
    pub async fn move_health_application(
        &self,
        id: i64,
        from: Status,
        m: Move,
        side: Side,
        text: &str,
        budget_milli: u64,
        by: i64,
        notice: &PermitNotice,
    ) -> Result<Status, PermitError> {
        let mut tx = self.write_tx().await?;
        let now = now_millis();
        let Some(current) = load(&mut tx, id).await? else {
            return Err(StoreError::NotFound("health application").into());
        };
        if current.status != from {
            return Err(WriteError::Rule(PermitRule::Changed));
        }
        let accepted = current
            .reviews
            .iter()
            .filter(|r| r.verdict == Verdict::Accepted)
            .count();
        let open = Section::ALL.len().saturating_sub(accepted);
        let missing = current.application.missing();
        let to = decide(from, m, side, text, open, &missing, budget_milli)
            .map_err(|e| WriteError::Rule(e.into()))?;
        // The clock: starts at submission, pauses while a clarification is pending, stops at the decision.
        let (mut submitted, mut paused_ms, mut paused_since, mut decided) = (
            current.submitted_at,
            current.paused_ms,
            current.paused_since,
            current.decided_at,
        );
        match m {
            Move::Submit => submitted = Some(now),
            Move::Clarify => paused_since = Some(now),
            Move::Respond => {
                paused_ms += paused_since.map_or(0, |p| (now - p).max(0));
                paused_since = None;
            }
            _ => {}
        }
        if to.is_closed() {
            if let Some(p) = paused_since.take() {
                paused_ms += (now - p).max(0);
            }
            decided = Some(now);
        }
        let decision = if matches!(m, Move::ApproveWithConditions | Move::Refuse) {
            text.trim().to_owned()
        } else {
            current.decision.clone()
        };
        let res = sqlx::query(
            "UPDATE health_applications SET status = $1, submitted_at = $2, paused_ms = $3, paused_since = $4, \
             decided_at = $5, decision = $6, updated_at = $7, budget_milli = $10 WHERE id = $8 AND status = $9",
        )
        .bind(to.as_str())
        .bind(submitted)
        .bind(paused_ms)
        .bind(paused_since)
        .bind(decided)
        .bind(&decision)
        .bind(now)
        .bind(id)
        .bind(from.as_str())
        .bind(if to.granted() {
            Some(i64::try_from(budget_milli).unwrap_or(i64::MAX))
        } else {
            current.budget_milli
        })
        .execute(&mut *tx)
        .await?;
        if res.rows_affected() != 1 {
            return Err(WriteError::Rule(PermitRule::Changed));
        }
        sqlx::query(
            "INSERT INTO health_application_events (application_id, user_id, move, from_status, to_status, note, at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id)
        .bind(by)
        .bind(m.as_str())
        .bind(from.as_str())
        .bind(to.as_str())
        .bind(text.trim())
        .bind(now)
        .execute(&mut *tx)
        .await?;
        // The other side hears of it: the applicant of the staff's moves, the holders' staff of the applicant's.
        let to_addresses: Vec<String> = match side {
            Side::Staff => sqlx::query_scalar(
                "SELECT email FROM users WHERE id = $1 AND erased_at IS NULL AND deactivated_at IS NULL",
            )
            .bind(current.applicant_id)
            .fetch_all(&mut *tx)
            .await?,
            Side::Applicant if m != Move::Withdraw || from != Status::Draft => {
                let mut all = Vec::new();
                for h in current.holders() {
                    let actor: Option<i64> = sqlx::query_scalar("SELECT id FROM actors WHERE slug = $1")
                        .bind(h.as_str())
                        .fetch_optional(&mut *tx)
                        .await?;
                    if let Some(a) = actor {
                        all.extend(crate::accounts::reachable(&mut tx, "data_access", Some(a)).await?);
                    }
                }
                all.sort();
                all.dedup();
                all
            }
            Side::Applicant => Vec::new(),
        };
        for to_addr in &to_addresses {
            crate::accounts::queue_mail_in(&mut tx, to_addr, &notice.subject, &notice.body).await?;
        }
        audit(
            &mut tx,
            by,
            id,
            m.as_str(),
            json!({
                "from": from.as_str(),
                "to": to.as_str(),
                "notified": to_addresses.len(),
                "budget_milli": if to.granted() { Some(budget_milli) } else { None },
            }),
        )
        .await?;
        tx.commit().await?;
        Ok(to)
    }

    /// The granted applications of `applicant` (their projects), newest first.
    pub async fn health_projects(&self, applicant: i64) -> Result<Vec<ApplicationRow>, StoreError> {
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM health_applications WHERE applicant_id = $1 \
             AND status IN ('approved', 'approved_with_conditions') ORDER BY id DESC",
        )
        .bind(applicant)
        .fetch_all(self.pool())
        .await?;
        let mut out = Vec::new();
        let mut conn = self.pool().acquire().await?;
        for id in ids {
            if let Some(row) = load(&mut conn, id).await? {
                out.push(row);
            }
        }
        Ok(out)
    }

    /// The office's figures: applications submitted, decided, the median days to a decision on the statutory
    /// clock (pauses left out), and the permits in force on `today`.
    pub async fn health_application_figures(
        &self,
        today: IsoDate,
    ) -> Result<ApplicationFigures, StoreError> {
        let rows = sqlx::query(
            "SELECT status, submitted_at, decided_at, paused_ms, period_from, period_to FROM health_applications \
             WHERE submitted_at IS NOT NULL",
        )
        .fetch_all(self.pool())
        .await?;
        let mut f = ApplicationFigures::default();
        let mut days = Vec::new();
        for r in &rows {
            f.received += 1;
            let status = status_of(r, "status")?;
            let decided: Option<i64> = get(r, "decided_at")?;
            let submitted: i64 = get::<Option<i64>>(r, "submitted_at")?.unwrap_or_default();
            let paused: i64 = get(r, "paused_ms")?;
            if let Some(d) = decided
                && matches!(
                    status,
                    Status::Approved | Status::ApprovedWithConditions | Status::Refused
                )
            {
                f.decided += 1;
                days.push((d - submitted - paused) as f64 / 86_400_000.0);
            }
            let from = parse_opt(r, "period_from", |v| IsoDate::parse(v).ok())?;
            let until = parse_opt(r, "period_to", |v| IsoDate::parse(v).ok())?;
            let now = domain::permits::effective(status, until, today);
            if now.granted() && now != Status::Expired && from.is_none_or(|f| f <= today) {
                f.active += 1;
            }
        }
        let released: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM health_outputs WHERE status = 'released'")
                .fetch_one(self.pool())
                .await?;
        f.outputs_released = u64::try_from(released).unwrap_or(0);
        f.median_days = crate::requests::median(&mut days);
        Ok(f)
    }
}

/// The office's figures on data-permit applications.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ApplicationFigures {
    /// Applications submitted.
    pub received: u64,
    /// Applications decided (approved, with conditions, or refused).
    pub decided: u64,
    /// Median days from submission to decision on the statutory clock.
    pub median_days: Option<f64>,
    /// Permits in force today.
    pub active: u64,
    /// Results released after the output review.
    pub outputs_released: u64,
}
