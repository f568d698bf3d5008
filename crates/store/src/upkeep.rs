//! Work that runs beside the requests: single sign-on logins in flight, delivering queued e-mail, and purging
//! rows that have outlived their use (ended sessions, spent links, old login attempts).

use crate::accounts::OutgoingMail;
use crate::rows::get;
use crate::secrets::token_hash;
use crate::{Store, StoreError, now_millis};

/// How long an OpenID Connect sign-in may take between the redirect and the provider's answer.
pub const OIDC_LOGIN_TTL_MS: i64 = 10 * 60 * 1000;

/// An OpenID Connect sign-in waiting for the provider's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingOidcLogin {
    /// The nonce sent to the provider, to be found again in the ID token.
    pub nonce: String,
    /// The PKCE code verifier.
    pub pkce_verifier: String,
    /// The page language the person started from.
    pub lang: String,
    /// Where to go after signing in.
    pub next_path: String,
}

/// What a purge removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PurgeReport {
    /// Sessions past their idle or absolute limit.
    pub sessions: u64,
    /// Spent or expired one-time links.
    pub one_time_tokens: u64,
    /// Expired single sign-on logins.
    pub oidc_logins: u64,
    /// Login attempts older than the longest throttling window needs.
    pub login_attempts: u64,
    /// Search change-log entries more than `SEARCH_CHANGES_KEPT` behind the newest.
    pub search_changes: u64,
}

/// How many of the newest search change-log entries are kept; a server whose index is further behind than that
/// rebuilds it from the database.
pub const SEARCH_CHANGES_KEPT: i64 = 100_000;

/// Retry delays after failed deliveries: 1 min, 5 min, 30 min, 2 h, then every 6 h until `MAX_ATTEMPTS`.
const RETRY_DELAYS_MS: [i64; 5] = [60_000, 300_000, 1_800_000, 7_200_000, 21_600_000];
/// After this many failed attempts a message is left alone (and visible as failed in the outbox).
pub const MAX_MAIL_ATTEMPTS: i64 = 10;

/// How long a server holds a claimed message before another may try it (a delivery that takes longer is taken
/// for a crash).
pub const MAIL_LEASE_MS: i64 = 300_000;

impl Store {
    /// Remembers a sign-in that was sent to the provider, bound to the browser's session.
    pub async fn begin_oidc_login(
        &self,
        state: &str,
        session_token: &str,
        login: &PendingOidcLogin,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO oidc_logins (state_hash, session_hash, nonce, pkce_verifier, lang, next_path, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(token_hash(state))
        .bind(token_hash(session_token))
        .bind(&login.nonce)
        .bind(&login.pkce_verifier)
        .bind(&login.lang)
        .bind(&login.next_path)
        .bind(now_millis())
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Takes (and removes) the sign-in a provider's answer belongs to: only from the same browser session and
    /// within [`OIDC_LOGIN_TTL_MS`]. A second answer with the same state finds nothing.
    pub async fn take_oidc_login(
        &self,
        state: &str,
        session_token: &str,
    ) -> Result<Option<PendingOidcLogin>, StoreError> {
        let row = sqlx::query(
            "DELETE FROM oidc_logins WHERE state_hash = $1 \
             RETURNING session_hash, nonce, pkce_verifier, lang, next_path, created_at",
        )
        .bind(token_hash(state))
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else { return Ok(None) };
        let session_hash: String = get(&row, "session_hash")?;
        let created_at: i64 = get(&row, "created_at")?;
        if session_hash != token_hash(session_token)
            || now_millis() - created_at > OIDC_LOGIN_TTL_MS
        {
            return Ok(None);
        }
        Ok(Some(PendingOidcLogin {
            nonce: get(&row, "nonce")?,
            pkce_verifier: get(&row, "pkce_verifier")?,
            lang: get(&row, "lang")?,
            next_path: get(&row, "next_path")?,
        }))
    }

    /// The outbox, oldest first: mail not yet delivered (or all of it with `delivered`), optionally only to one
    /// address; each with whether it was delivered.
    pub async fn outbox(
        &self,
        to: Option<&str>,
        delivered: bool,
    ) -> Result<Vec<(OutgoingMail, bool)>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, to_addr, subject, body, created_at, sent_at FROM email_outbox \
             WHERE ($1 = 1 OR sent_at IS NULL) AND ($2 = '' OR lower(to_addr) = lower($2)) ORDER BY id",
        )
        .bind(i64::from(delivered))
        .bind(to.unwrap_or_default())
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                let sent: Option<i64> = get(r, "sent_at")?;
                Ok((OutgoingMail::from_row(r)?, sent.is_some()))
            })
            .collect()
    }

    /// Takes the lease `name` for `holder` until `ttl_ms` from now, when it is free: never taken, ended, or
    /// already `holder`'s (which renews it). Answers whether `holder` has it now. One statement, so two servers
    /// asking at once cannot both get it (an upsert whose update applies only to a free lease).
    pub async fn take_lease(
        &self,
        name: &str,
        holder: &str,
        ttl_ms: i64,
    ) -> Result<bool, StoreError> {
        let now = now_millis();
        let done = sqlx::query(
            "INSERT INTO leases (name, holder, until_ms) VALUES ($1, $2, $3) \
             ON CONFLICT (name) DO UPDATE SET holder = $2, until_ms = $3 \
             WHERE leases.until_ms <= $4 OR leases.holder = $2",
        )
        .bind(name)
        .bind(holder)
        .bind(now + ttl_ms)
        .bind(now)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Claims queued e-mail that is due for a delivery attempt, oldest first, for this server alone: each message
    /// is claimed by moving its next attempt `MAIL_LEASE_MS` ahead with an update that applies only while it is
    /// still due, so two servers reading the outbox at once never both deliver it (on PostgreSQL the second update
    /// waits for the first and then finds the row no longer due; on SQLite writes are serialised). A server that
    /// dies holding a claim leaves the message due again when the lease ends. The caller records the outcome with
    /// [`Store::mail_sent`] or [`Store::mail_failed`].
    pub async fn claim_due_mail(&self, limit: i64) -> Result<Vec<OutgoingMail>, StoreError> {
        let now = now_millis();
        let rows = sqlx::query(
            "SELECT id, to_addr, subject, body, created_at FROM email_outbox \
             WHERE sent_at IS NULL AND attempts < $1 AND next_attempt_at <= $2 ORDER BY id LIMIT $3",
        )
        .bind(MAX_MAIL_ATTEMPTS)
        .bind(now)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        let mut claimed = Vec::with_capacity(rows.len());
        for r in &rows {
            let mail = OutgoingMail::from_row(r)?;
            let res = sqlx::query(
                "UPDATE email_outbox SET next_attempt_at = $1 \
                 WHERE id = $2 AND sent_at IS NULL AND next_attempt_at <= $3",
            )
            .bind(now + MAIL_LEASE_MS)
            .bind(mail.id)
            .bind(now)
            .execute(self.pool())
            .await?;
            if res.rows_affected() == 1 {
                claimed.push(mail);
            }
        }
        Ok(claimed)
    }

    /// Records a successful delivery.
    pub async fn mail_sent(&self, id: i64) -> Result<(), StoreError> {
        sqlx::query("UPDATE email_outbox SET sent_at = $1, attempts = attempts + 1, last_error = NULL WHERE id = $2")
            .bind(now_millis())
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Records a failed delivery and schedules the next attempt.
    pub async fn mail_failed(&self, id: i64, error: &str) -> Result<(), StoreError> {
        let attempts: i64 = sqlx::query_scalar("SELECT attempts FROM email_outbox WHERE id = $1")
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .unwrap_or(0);
        let delay = RETRY_DELAYS_MS[usize::try_from(attempts)
            .unwrap_or(0)
            .min(RETRY_DELAYS_MS.len() - 1)];
        let error: String = error.chars().take(500).collect();
        sqlx::query(
            "UPDATE email_outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2 WHERE id = $3",
        )
        .bind(error)
        .bind(now_millis() + delay)
        .bind(id)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Whether a queued message has been delivered, and the last delivery error if not.
    pub async fn mail_status(
        &self,
        id: i64,
    ) -> Result<Option<(Option<i64>, i64, Option<String>)>, StoreError> {
        let row =
            sqlx::query("SELECT sent_at, attempts, last_error FROM email_outbox WHERE id = $1")
                .bind(id)
                .fetch_optional(self.pool())
                .await?;
        row.map(|r| {
            Ok((
                get(&r, "sent_at")?,
                get(&r, "attempts")?,
                get(&r, "last_error")?,
            ))
        })
        .transpose()
    }

    /// Removes sessions past their limits, spent or expired one-time links, expired sign-ins and login attempts
    /// older than `attempts_older_than_ms`. Audit entries are never touched.
    pub async fn purge_expired(
        &self,
        idle_timeout_ms: i64,
        absolute_timeout_ms: i64,
        attempts_older_than_ms: i64,
    ) -> Result<PurgeReport, StoreError> {
        let now = now_millis();
        let sessions =
            sqlx::query("DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2")
                .bind(now - idle_timeout_ms)
                .bind(now - absolute_timeout_ms)
                .execute(self.pool())
                .await?
                .rows_affected();
        let one_time_tokens =
            sqlx::query("DELETE FROM one_time_tokens WHERE expires_at < $1 OR used_at IS NOT NULL")
                .bind(now)
                .execute(self.pool())
                .await?
                .rows_affected();
        let oidc_logins = sqlx::query("DELETE FROM oidc_logins WHERE created_at < $1")
            .bind(now - OIDC_LOGIN_TTL_MS)
            .execute(self.pool())
            .await?
            .rows_affected();
        let login_attempts = sqlx::query("DELETE FROM login_attempts WHERE at < $1")
            .bind(now - attempts_older_than_ms)
            .execute(self.pool())
            .await?
            .rows_affected();
        // Mail requests only matter within the hour their limits count; a day is kept for the operator.
        sqlx::query("DELETE FROM mail_requests WHERE at < $1")
            .bind(now - 24 * 60 * 60 * 1000)
            .execute(self.pool())
            .await?;
        let search_changes = sqlx::query(
            "DELETE FROM search_changes WHERE id < (SELECT MAX(id) FROM search_changes) - $1",
        )
        .bind(SEARCH_CHANGES_KEPT)
        .execute(self.pool())
        .await?
        .rows_affected();
        Ok(PurgeReport {
            sessions,
            one_time_tokens,
            oidc_logins,
            login_attempts,
            search_changes,
        })
    }
}
