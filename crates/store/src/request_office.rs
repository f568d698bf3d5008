//! The programme office's side of the access requests: forwarding a request to another infrastructure, the
//! requests in its inbox (sent to an infrastructure with no manager) and those still unanswered, the requests of
//! a period for its figures and their CSV, and the daily e-mails that must go out once a day only.

use crate::requests::{
    NoticeFor, Notified, RequestError, RequestRule, RequestSummary, SUMMARY_SELECT, actor_id,
    audit, generate_checklist, lock, queue_notice, status_in_tx, summary_from_row,
};
use crate::rows::{Arg, Sql};
use crate::{Store, StoreError, now_millis};
use domain::Slug;
use domain::access::{self, RequestStatus, Side};
use serde_json::json;

/// What a forward did: the request's new infrastructure and who was told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forwarded {
    /// Who the notice to the new infrastructure reached.
    pub notified: Notified,
}

/// The e-mails of a forward: to the infrastructure that now has the request, and to the company.
pub struct ForwardNotices<'a> {
    /// To the new infrastructure's managers (or the office, if it has none).
    pub provider: &'a NoticeFor<'a>,
    /// To the company's members.
    pub company: &'a NoticeFor<'a>,
}

/// A period of sending, in Unix ms: from (inclusive) and to (exclusive), either open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Period {
    /// Sent at or after.
    pub from: Option<i64>,
    /// Sent before.
    pub until: Option<i64>,
}

impl Store {
    /// Forwards a sent request to another infrastructure: the request's services (the first infrastructure's)
    /// are dropped, its checklist is made again from the new owner's rules, the history records where it came
    /// from, and the new infrastructure's managers (or the office, when it has none) and the company are told.
    pub async fn forward_request(
        &self,
        id: i64,
        user: i64,
        side: Side,
        to: &Slug,
        reason: Option<&str>,
        notices: ForwardNotices<'_>,
    ) -> Result<Forwarded, RequestError> {
        let mut tx = self.write_tx().await?;
        let now = now_millis();
        let status = status_in_tx(&mut tx, id).await?;
        access::may_forward(side, status)?;
        lock(&mut tx, id, status, now).await?;
        let target = actor_id(&mut tx, to, "provider").await?;
        let (from, from_slug): (i64, String) = {
            let row: (i64, String) = sqlx::query_as(
                "SELECT r.provider_id, a.slug FROM access_requests r JOIN actors a ON a.id = r.provider_id \
                 WHERE r.id = $1",
            )
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
            row
        };
        if from == target {
            return Err(RequestError::Rule(RequestRule::SameProvider));
        }
        sqlx::query(
            "UPDATE access_requests SET provider_id = $1, premises_id = NULL WHERE id = $2",
        )
        .bind(target)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM access_request_services WHERE request_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM request_items WHERE request_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        generate_checklist(&mut tx, id, now).await?;
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        sqlx::query(
            "INSERT INTO request_events (request_id, from_status, to_status, user_id, reason, at, forwarded_from) \
             VALUES ($1, $2, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(status.as_str())
        .bind(user)
        .bind(reason)
        .bind(now)
        .bind(from)
        .execute(&mut *tx)
        .await?;
        let title: String = sqlx::query_scalar("SELECT title FROM access_requests WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        let moved = crate::Moved {
            id,
            from: status,
            to: status,
            title,
            notified: None,
        };
        let notified = queue_notice(&mut tx, id, &(notices.provider)(&moved)).await?;
        queue_notice(&mut tx, id, &(notices.company)(&moved)).await?;
        audit(
            &mut tx,
            Some(user),
            id,
            "forward",
            json!({"from": from_slug, "to": to.as_str(), "reason": reason}),
        )
        .await?;
        tx.commit().await?;
        Ok(Forwarded { notified })
    }

    /// The programme office's inbox: open requests to an infrastructure that had no manager, oldest first.
    pub async fn office_inbox(&self) -> Result<Vec<RequestSummary>, StoreError> {
        let rows = sqlx::query(&format!(
            "{SUMMARY_SELECT} WHERE r.to_office = 1 AND r.status NOT IN ('draft', 'completed', 'declined', 'withdrawn') \
             ORDER BY r.submitted_at, r.id"
        ))
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(summary_from_row).collect()
    }

    /// Open requests that no infrastructure has answered yet (no answer, no move), oldest first.
    pub async fn unanswered_requests(&self) -> Result<Vec<RequestSummary>, StoreError> {
        let rows = sqlx::query(&format!(
            "{SUMMARY_SELECT} WHERE r.first_response_at IS NULL AND r.submitted_at IS NOT NULL \
             AND r.status NOT IN ('draft', 'completed', 'declined', 'withdrawn') ORDER BY r.submitted_at, r.id"
        ))
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(summary_from_row).collect()
    }

    /// Every request sent in `period`, in the order sent.
    pub async fn requests_sent(&self, period: Period) -> Result<Vec<RequestSummary>, StoreError> {
        let mut sql = Sql::new(SUMMARY_SELECT);
        sql.push(" WHERE r.submitted_at IS NOT NULL");
        if let Some(from) = period.from {
            sql.push(" AND r.submitted_at >= ").bind(Arg::Int(from));
        }
        if let Some(until) = period.until {
            sql.push(" AND r.submitted_at < ").bind(Arg::Int(until));
        }
        sql.push(" ORDER BY r.submitted_at, r.id");
        let rows = sql.query().fetch_all(self.pool()).await?;
        rows.iter().map(summary_from_row).collect()
    }

    /// Claims the daily e-mail `kind` for `day`: true the first time only, so a restart or a second server
    /// never sends it twice.
    pub async fn claim_daily_mail(&self, kind: &str, day: &str) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "INSERT INTO daily_mails (kind, day) VALUES ($1, $2) ON CONFLICT (kind, day) DO NOTHING",
        )
        .bind(kind)
        .bind(day)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The programme office's addresses (everyone holding the admin role, confirmed and not erased).
    pub async fn office_addresses(&self) -> Result<Vec<String>, StoreError> {
        let mut conn = self.pool().acquire().await?;
        crate::requests::office_emails(&mut conn).await
    }
}

impl RequestSummary {
    /// Whether the request is still open (sent, not yet closed).
    pub fn is_open(&self) -> bool {
        self.status != RequestStatus::Draft && !self.status.is_closed()
    }
}
