//! Accessibility problems reported by visitors, kept for the programme office.

use crate::audit::{AuditRecord, record};
use crate::rows::get;
use crate::{Store, StoreError, now_millis};
use domain::audit::Change;
use serde_json::json;

/// A reported accessibility problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessibilityReport {
    /// Id.
    pub id: i64,
    /// The page the problem is on, as the person gave it.
    pub page: String,
    /// What they wrote.
    pub message: String,
    /// An address to answer, if they gave one.
    pub reply_to: Option<String>,
    /// The language they wrote from.
    pub lang: String,
    /// When (Unix ms).
    pub created_at: i64,
}

impl Store {
    /// Stores a report and queues a notice to `notify` (the programme office), in one transaction; returns its id.
    pub async fn report_accessibility_problem(
        &self,
        page: &str,
        message: &str,
        reply_to: Option<&str>,
        lang: &str,
        notify: Option<(&str, &str, &str)>,
    ) -> Result<i64, StoreError> {
        let mut tx = self.write_tx().await?;
        let now = now_millis();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO accessibility_reports (page, message, reply_to, lang, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(page)
        .bind(message)
        .bind(reply_to)
        .bind(lang)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        if let Some((to, subject, body)) = notify {
            crate::accounts::queue_mail_in(&mut tx, to, subject, body).await?;
        }
        let changes = [Change {
            path: String::new(),
            before: serde_json::Value::Null,
            after: json!({"page": page, "lang": lang}),
        }];
        record(
            &mut tx,
            AuditRecord {
                user_id: None,
                object_type: "accessibility_report",
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

    /// The newest reports, newest first.
    pub async fn accessibility_reports(
        &self,
        limit: i64,
    ) -> Result<Vec<AccessibilityReport>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, page, message, reply_to, lang, created_at FROM accessibility_reports ORDER BY id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(AccessibilityReport {
                    id: get(r, "id")?,
                    page: get(r, "page")?,
                    message: get(r, "message")?,
                    reply_to: get(r, "reply_to")?,
                    lang: get(r, "lang")?,
                    created_at: get(r, "created_at")?,
                })
            })
            .collect()
    }
}
