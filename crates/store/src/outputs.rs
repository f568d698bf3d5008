//! The output review ("airlock"): requests to release a project's answer, the reviewers' votes (the decision made
//! by `domain::permits::decide_vote` inside the transaction that records the vote), the released outputs, and the
//! office's links from an output to a focus area and its indicators. Every write is audited.

use crate::audit::{AuditRecord, record};
use crate::rows::{get, opt_text};
use crate::{Store, StoreError, WriteError, now_millis};
use domain::Slug;
use domain::audit::Change;
use domain::permits::{OutputStatus, Vote, VoteError, decide_vote};
use serde_json::{Value, json};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

/// A vote refused by the rules or failed.
pub type OutputError = WriteError<VoteError>;

/// A question asked in a project, as the ledger keeps it.
#[derive(Debug, Clone)]
pub struct ProjectQuestion {
    /// Its ledger key.
    pub key: String,
    /// The canonical definition.
    pub definition: Value,
    /// The released figures.
    pub released: Value,
    /// When (Unix ms).
    pub asked_at: i64,
}

/// A vote as stored.
#[derive(Debug, Clone)]
pub struct OutputVote {
    /// The reviewer.
    pub reviewer_id: i64,
    /// The reviewer's name.
    pub reviewer: String,
    /// The vote.
    pub vote: Vote,
    /// The note.
    pub note: String,
}

/// An output as stored.
#[derive(Debug, Clone)]
pub struct OutputRow {
    /// Id.
    pub id: i64,
    /// The project (application).
    pub application_id: i64,
    /// The project's title.
    pub project_title: String,
    /// Author.
    pub author_id: i64,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// The definition asked.
    pub definition: Value,
    /// The released figures.
    pub figures: Value,
    /// The pre-check's findings (keys and details).
    pub findings: Value,
    /// Status.
    pub status: OutputStatus,
    /// Requested (Unix ms).
    pub requested_at: i64,
    /// Votes.
    pub votes: Vec<OutputVote>,
    /// The focus area it is linked to.
    pub area: Option<Slug>,
    /// The indicator codes it is linked to.
    pub indicators: Vec<String>,
}

fn corrupt(what: &str, v: &str) -> StoreError {
    StoreError::Corrupt(format!("unknown {what} {v:?} in health_outputs"))
}

fn json_of(r: &AnyRow, col: &str) -> Result<Value, StoreError> {
    let text: String = get(r, col)?;
    serde_json::from_str(&text).map_err(|e| StoreError::Corrupt(e.to_string()))
}

async fn load(conn: &mut AnyConnection, id: i64) -> Result<Option<OutputRow>, StoreError> {
    let row = sqlx::query(
        "SELECT o.*, h.title AS project_title, f.slug AS area_slug FROM health_outputs o \
         JOIN health_applications h ON h.id = o.application_id LEFT JOIN focus_areas f ON f.id = o.area_id \
         WHERE o.id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(r) = row else {
        return Ok(None);
    };
    let votes = sqlx::query(
        "SELECT v.*, u.display_name, u.email FROM health_output_votes v JOIN users u ON u.id = v.reviewer_id \
         WHERE v.output_id = $1 ORDER BY v.at",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|v| {
        let vote: String = get(v, "vote")?;
        let name: String = get(v, "display_name")?;
        Ok(OutputVote {
            reviewer_id: get(v, "reviewer_id")?,
            reviewer: if name.trim().is_empty() {
                get(v, "email")?
            } else {
                name
            },
            vote: Vote::parse(&vote).ok_or_else(|| corrupt("vote", &vote))?,
            note: get(v, "note")?,
        })
    })
    .collect::<Result<Vec<_>, StoreError>>()?;
    let status: String = get(&r, "status")?;
    let indicators: String = get(&r, "indicators")?;
    Ok(Some(OutputRow {
        id,
        application_id: get(&r, "application_id")?,
        project_title: get(&r, "project_title")?,
        author_id: get(&r, "author_id")?,
        title: get(&r, "title")?,
        description: get(&r, "description")?,
        definition: json_of(&r, "definition")?,
        figures: json_of(&r, "figures")?,
        findings: json_of(&r, "findings")?,
        status: OutputStatus::parse(&status).ok_or_else(|| corrupt("status", &status))?,
        requested_at: get(&r, "requested_at")?,
        votes,
        area: opt_text(&r, "area_slug")?
            .map(|s| Slug::parse(&s).map_err(|_| corrupt("area", &s)))
            .transpose()?,
        indicators: indicators
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
    }))
}

async fn audit(
    conn: &mut AnyConnection,
    by: i64,
    id: i64,
    action: &str,
    after: Value,
) -> Result<(), StoreError> {
    record(
        conn,
        AuditRecord {
            user_id: Some(by),
            object_type: "health_output",
            object_key: &id.to_string(),
            action,
            changes: &[Change {
                path: String::new(),
                before: Value::Null,
                after,
            }],
            personal: &[],
        },
    )
    .await
}

impl Store {
    /// The questions asked in a project, newest first.
    pub async fn project_questions(
        &self,
        project: i64,
    ) -> Result<Vec<ProjectQuestion>, StoreError> {
        let rows = sqlx::query(
            "SELECT question_key, definition, released, asked_at FROM health_questions \
             WHERE question_key LIKE $1 ORDER BY asked_at DESC, id DESC",
        )
        .bind(format!("project-{project}:%"))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ProjectQuestion {
                    key: get(r, "question_key")?,
                    definition: json_of(r, "definition")?,
                    released: json_of(r, "released")?,
                    asked_at: get(r, "asked_at")?,
                })
            })
            .collect()
    }

    /// Records a request to release the project question `key` with the pre-check's `findings`; its id.
    #[allow(clippy::too_many_arguments)]
    pub async fn request_output(
        &self,
        project: i64,
        author: i64,
        question: &ProjectQuestion,
        title: &str,
        description: &str,
        findings: &Value,
    ) -> Result<i64, StoreError> {
        let mut tx = self.write_tx().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO health_outputs (application_id, author_id, question_key, title, description, definition, \
             figures, findings, status, requested_at, indicators) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'requested', \
             $9, '') RETURNING id",
        )
        .bind(project)
        .bind(author)
        .bind(&question.key)
        .bind(title.trim())
        .bind(description.trim())
        .bind(question.definition.to_string())
        .bind(question.released.to_string())
        .bind(findings.to_string())
        .bind(now_millis())
        .fetch_one(&mut *tx)
        .await?;
        audit(
            &mut tx,
            author,
            id,
            "request",
            json!({ "project": project, "findings": findings }),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// One output.
    pub async fn health_output(&self, id: i64) -> Result<Option<OutputRow>, StoreError> {
        let mut conn = self.pool().acquire().await?;
        load(&mut conn, id).await
    }

    /// The outputs of a project, newest first.
    pub async fn project_outputs(&self, project: i64) -> Result<Vec<OutputRow>, StoreError> {
        self.outputs_where("o.application_id = $1", Some(project))
            .await
    }

    /// Every released output, newest first.
    pub async fn released_outputs(&self) -> Result<Vec<OutputRow>, StoreError> {
        self.outputs_where("o.status = 'released'", None).await
    }

    async fn outputs_where(
        &self,
        filter: &str,
        arg: Option<i64>,
    ) -> Result<Vec<OutputRow>, StoreError> {
        let mut conn = self.pool().acquire().await?;
        let sql = format!("SELECT o.id FROM health_outputs o WHERE {filter} ORDER BY o.id DESC");
        let mut q = sqlx::query_scalar::<_, i64>(&sql);
        if let Some(a) = arg {
            q = q.bind(a);
        }
        let ids = q.fetch_all(&mut *conn).await?;
        let mut out = Vec::new();
        for id in ids {
            if let Some(o) = load(&mut conn, id).await? {
                out.push(o);
            }
        }
        Ok(out)
    }

    /// Records `reviewer`'s vote; the status after it.
    pub async fn vote_output(
        &self,
        id: i64,
        reviewer: i64,
        vote: Vote,
        note: &str,
    ) -> Result<OutputStatus, OutputError> {
        let mut tx = self.write_tx().await?;
        let o = load(&mut tx, id)
            .await?
            .ok_or(StoreError::NotFound("health output"))?;
        let cast: Vec<(i64, Vote)> = o.votes.iter().map(|v| (v.reviewer_id, v.vote)).collect();
        let next =
            decide_vote(o.status, o.author_id, reviewer, &cast, vote).map_err(WriteError::Rule)?;
        sqlx::query(
            "INSERT INTO health_output_votes (output_id, reviewer_id, vote, note, at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(reviewer)
        .bind(vote.as_str())
        .bind(note.trim())
        .bind(now_millis())
        .execute(&mut *tx)
        .await?;
        if next != o.status {
            let res = sqlx::query(
                "UPDATE health_outputs SET status = $1, decided_at = $2 WHERE id = $3 AND status = 'requested'",
            )
            .bind(next.as_str())
            .bind(now_millis())
            .bind(id)
            .execute(&mut *tx)
            .await?;
            if res.rows_affected() != 1 {
                return Err(WriteError::Rule(VoteError::Decided));
            }
        }
        audit(
            &mut tx,
            reviewer,
            id,
            "vote",
            json!({ "vote": vote.as_str(), "status": next.as_str() }),
        )
        .await?;
        tx.commit().await?;
        Ok(next)
    }

    /// Links a released output to a focus area and indicators (codes), as the office's `by`.
    pub async fn link_output(
        &self,
        id: i64,
        area: Option<&Slug>,
        indicators: &[String],
        by: i64,
    ) -> Result<(), StoreError> {
        let mut tx = self.write_tx().await?;
        let area_id: Option<i64> = match area {
            Some(a) => Some(
                sqlx::query_scalar::<_, i64>("SELECT id FROM focus_areas WHERE slug = $1")
                    .bind(a.as_str())
                    .fetch_optional(&mut *tx)
                    .await?
                    .ok_or(StoreError::NotFound("focus area"))?,
            ),
            None => None,
        };
        let res = sqlx::query(
            "UPDATE health_outputs SET area_id = $1, indicators = $2 WHERE id = $3 AND status = 'released'",
        )
        .bind(area_id)
        .bind(indicators.join(","))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if res.rows_affected() != 1 {
            return Err(StoreError::NotFound("released health output"));
        }
        audit(
            &mut tx,
            by,
            id,
            "link",
            json!({ "area": area.map(Slug::as_str), "indicators": indicators }),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The indicator codes of a focus area.
    pub async fn indicator_codes(&self, area: &Slug) -> Result<Vec<String>, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT i.code FROM indicators i JOIN focus_areas f ON f.id = i.area_id WHERE f.slug = $1 ORDER BY i.code",
        )
        .bind(area.as_str())
        .fetch_all(self.pool())
        .await?)
    }
}
