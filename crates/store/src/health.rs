//! Health data's ledger: each researcher's privacy budget and the questions they asked, with what each cost and
//! the figures released for it. Charging a question and recording it are one transaction, so a budget never goes
//! below zero, whatever asks run at once; a question asked again returns what was released the first time.

use crate::audit::{AuditRecord, record, record_save};
use crate::{Store, StoreError, now_millis};
use domain::audit::Change;
use health::disclosure::{Budget, BudgetError, Epsilon};
use serde_json::{Value, json};

/// A question as the ledger keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct AskedQuestion {
    /// The canonical definition.
    pub definition: Value,
    /// What it cost the first time.
    pub cost: Epsilon,
    /// The figures released (never the true ones).
    pub released: Value,
    /// When it was first asked (Unix ms).
    pub asked_at: i64,
}

/// What recording a question came to.
#[derive(Debug, Clone, PartialEq)]
pub enum Recorded {
    /// Charged and recorded; what is left of the budget.
    Charged {
        /// Left after the charge.
        left: Epsilon,
    },
    /// Asked before (perhaps at the same moment): the figures released then, at no cost.
    Repeated(AskedQuestion),
    /// Refused: the budget does not cover the cost (or there is none).
    Refused(BudgetError),
}

/// Whose budget a question is charged to: the researcher's own (given by the office), or a project's (an
/// approved data-permit application, its budget set in the decision). A project's questions are kept in the
/// ledger under keys of their own, so a question asked in a project and on one's own budget are two entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ledger {
    /// The researcher's own budget.
    Own,
    /// The project of this application.
    Project(i64),
}

impl Ledger {
    fn key(self, key: &str) -> String {
        match self {
            Ledger::Own => key.to_owned(),
            Ledger::Project(id) => format!("project-{id}:{key}"),
        }
    }
}

impl Store {
    /// A researcher's budget: granted and spent, or `None` when none is granted.
    pub async fn health_budget(&self, user_id: i64) -> Result<Option<Budget>, StoreError> {
        let mut conn = self.pool().acquire().await?;
        budget(&mut conn, user_id, Ledger::Own).await
    }

    /// The budget of `ledger` as `user_id` asks from it.
    pub async fn ledger_budget(
        &self,
        user_id: i64,
        ledger: Ledger,
    ) -> Result<Option<Budget>, StoreError> {
        let mut conn = self.pool().acquire().await?;
        budget(&mut conn, user_id, ledger).await
    }

    /// Records (in the audit log) that a question in a project was refused because the permit does not cover it,
    /// naming the rule.
    pub async fn refuse_out_of_scope(
        &self,
        user_id: i64,
        project: i64,
        key: &str,
        definition: &Value,
        rule: &str,
    ) -> Result<(), StoreError> {
        let mut tx = self.write_tx().await?;
        let changes = vec![Change {
            path: String::new(),
            before: Value::Null,
            after: json!({ "action": "refused", "project": project, "rule": rule, "definition": definition }),
        }];
        audit(
            &mut tx,
            user_id,
            &Ledger::Project(project).key(key),
            "refuse-scope",
            &changes,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Grants `user_id` a budget of `granted` in all (what was spent stays spent), audited as `by`'s change.
    pub async fn set_health_budget(
        &self,
        by: i64,
        user_id: i64,
        granted: Epsilon,
    ) -> Result<(), StoreError> {
        let mut tx = self.write_tx().await?;
        let before: Option<i64> =
            sqlx::query_scalar("SELECT granted_milli FROM health_budgets WHERE user_id = $1")
                .bind(user_id)
                .fetch_optional(&mut *tx)
                .await?;
        let milli = i64::try_from(granted.milli()).unwrap_or(i64::MAX);
        if before.is_some() {
            sqlx::query("UPDATE health_budgets SET granted_milli = $1, granted_by = $2, updated_at = $3 WHERE user_id = $4")
                .bind(milli)
                .bind(by)
                .bind(now_millis())
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
        } else {
            sqlx::query(
                "INSERT INTO health_budgets (user_id, granted_milli, granted_by, updated_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(user_id)
            .bind(milli)
            .bind(by)
            .bind(now_millis())
            .execute(&mut *tx)
            .await?;
        }
        let as_text = |m: i64| Epsilon::from_milli(u64::try_from(m).unwrap_or(0)).to_string();
        record_save(
            &mut tx,
            Some(by),
            "health_budget",
            &user_id.to_string(),
            if before.is_some() { "update" } else { "create" },
            before.map(|b| json!({ "granted": as_text(b) })).as_ref(),
            &json!({ "granted": granted.to_string() }),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The question `key` as `user_id` asked it before, if they did; asking again is audited (at no cost) in the
    /// same transaction as the read.
    pub async fn ask_again(
        &self,
        user_id: i64,
        ledger: Ledger,
        key: &str,
        definition: &Value,
    ) -> Result<Option<AskedQuestion>, StoreError> {
        let key = &ledger.key(key);
        let mut tx = self.write_tx().await?;
        let before = asked(&mut tx, user_id, key).await?;
        if let Some(b) = &before {
            let changes = entry(definition, "repeated", "0", &b.released);
            audit(&mut tx, user_id, key, "ask-again", &changes).await?;
        }
        tx.commit().await?;
        Ok(before)
    }

    /// Records (in the audit log) that `user_id`'s question was refused before it was counted: the budget could
    /// not cover `cost`.
    pub async fn refuse_health_question(
        &self,
        user_id: i64,
        ledger: Ledger,
        key: &str,
        definition: &Value,
        cost: Epsilon,
    ) -> Result<(), StoreError> {
        let key = &ledger.key(key);
        let mut tx = self.write_tx().await?;
        let changes = entry(definition, "refused", &cost.to_string(), &Value::Null);
        audit(&mut tx, user_id, key, "refuse", &changes).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Charges `cost` to `user_id`'s budget and records the question with its released figures, in one
    /// transaction; or returns what was released when the question is already in the ledger; or refuses when
    /// the budget does not cover it. Each outcome is audited (a refusal too: every question is recorded).
    pub async fn record_health_question(
        &self,
        user_id: i64,
        ledger: Ledger,
        key: &str,
        definition: &Value,
        cost: Epsilon,
        released: &Value,
    ) -> Result<Recorded, StoreError> {
        let key = &ledger.key(key);
        let mut tx = self.write_tx().await?;
        let entry =
            |action: &str, cost: &str, figures: &Value| entry(definition, action, cost, figures);
        let outcome = if let Some(before) = asked(&mut tx, user_id, key).await? {
            let changes = entry("repeated", "0", &before.released);
            audit(&mut tx, user_id, key, "ask-again", &changes).await?;
            Recorded::Repeated(before)
        } else {
            let charged = budget(&mut tx, user_id, ledger)
                .await?
                .ok_or(BudgetError::Spent { cost })
                .and_then(|b| b.charge(cost));
            match charged {
                Err(refusal) => {
                    let changes = entry("refused", &cost.to_string(), &Value::Null);
                    audit(&mut tx, user_id, key, "refuse", &changes).await?;
                    Recorded::Refused(refusal)
                }
                Ok(after) => {
                    sqlx::query(
                        "INSERT INTO health_questions (user_id, question_key, definition, cost_milli, released, asked_at) \
                         VALUES ($1, $2, $3, $4, $5, $6)",
                    )
                    .bind(user_id)
                    .bind(key)
                    .bind(definition.to_string())
                    .bind(i64::try_from(cost.milli()).unwrap_or(i64::MAX))
                    .bind(released.to_string())
                    .bind(now_millis())
                    .execute(&mut *tx)
                    .await?;
                    let changes = entry("asked", &cost.to_string(), released);
                    audit(&mut tx, user_id, key, "ask", &changes).await?;
                    Recorded::Charged { left: after.left() }
                }
            }
        };
        tx.commit().await?;
        Ok(outcome)
    }
}

/// The audit entry of a question: what was done with it, the definition, the cost and the released figures.
fn entry(definition: &Value, action: &str, cost: &str, figures: &Value) -> Vec<Change> {
    vec![Change {
        path: String::new(),
        before: Value::Null,
        after: json!({ "action": action, "definition": definition, "cost": cost, "released": figures }),
    }]
}

async fn audit(
    conn: &mut sqlx::AnyConnection,
    user_id: i64,
    key: &str,
    action: &str,
    changes: &[Change],
) -> Result<(), StoreError> {
    record(
        conn,
        AuditRecord {
            user_id: Some(user_id),
            object_type: "health_question",
            object_key: key,
            action,
            changes,
            personal: &[],
        },
    )
    .await
}

async fn budget(
    conn: &mut sqlx::AnyConnection,
    user_id: i64,
    ledger: Ledger,
) -> Result<Option<Budget>, StoreError> {
    let (granted, spent): (Option<i64>, Option<i64>) = match ledger {
        Ledger::Own => (
            sqlx::query_scalar("SELECT granted_milli FROM health_budgets WHERE user_id = $1")
                .bind(user_id)
                .fetch_optional(&mut *conn)
                .await?,
            sqlx::query_scalar(
                "SELECT CAST(SUM(cost_milli) AS BIGINT) FROM health_questions WHERE user_id = $1 \
                 AND question_key NOT LIKE 'project-%'",
            )
            .bind(user_id)
            .fetch_one(&mut *conn)
            .await?,
        ),
        Ledger::Project(id) => (
            sqlx::query_scalar::<_, Option<i64>>(
                "SELECT budget_milli FROM health_applications WHERE id = $1 \
                 AND status IN ('approved', 'approved_with_conditions')",
            )
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?
            .flatten(),
            sqlx::query_scalar(
                "SELECT CAST(SUM(cost_milli) AS BIGINT) FROM health_questions WHERE question_key LIKE $1",
            )
            .bind(format!("project-{id}:%"))
            .fetch_one(&mut *conn)
            .await?,
        ),
    };
    let Some(granted) = granted else {
        return Ok(None);
    };
    let milli = |v: i64| Epsilon::from_milli(u64::try_from(v).unwrap_or(0));
    // A budget lowered below what was spent is a spent budget, not an error.
    let granted = milli(granted);
    let spent = milli(spent.unwrap_or(0)).min(granted);
    Ok(Budget::from_parts(granted, spent).ok())
}

async fn asked(
    conn: &mut sqlx::AnyConnection,
    user_id: i64,
    key: &str,
) -> Result<Option<AskedQuestion>, StoreError> {
    let row: Option<(String, i64, String, i64)> = sqlx::query_as(
        "SELECT definition, cost_milli, released, asked_at FROM health_questions WHERE user_id = $1 AND question_key = $2",
    )
    .bind(user_id)
    .bind(key)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(
        row.map(|(definition, cost, released, asked_at)| AskedQuestion {
            definition: serde_json::from_str(&definition).unwrap_or(Value::Null),
            cost: Epsilon::from_milli(u64::try_from(cost).unwrap_or(0)),
            released: serde_json::from_str(&released).unwrap_or(Value::Null),
            asked_at,
        }),
    )
}
