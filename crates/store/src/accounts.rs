//! Users, roles, sessions, login attempts, API tokens, one-time tokens and the e-mail outbox.

use crate::audit::{AuditRecord, record};
use crate::rows::{get, opt_text, slug};
use crate::rows::{is_unique_violation, unique_as};
use crate::secrets::{random_token, token_hash};
use crate::{Store, StoreError, now_millis};
use domain::{Email, Grant, Role, Slug};
use serde_json::{Value, json};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

/// A stored user account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// Id.
    pub id: i64,
    /// E-mail address (the login name).
    pub email: String,
    /// Name shown to others.
    pub display_name: String,
    /// The argon2id hash, when the account has a password.
    pub password_hash: Option<String>,
    /// When the e-mail address was verified.
    pub email_verified_at: Option<i64>,
    /// Failed logins since the last success.
    pub failed_logins: i64,
    /// Locked until this time (Unix ms), after repeated failures.
    pub locked_until: Option<i64>,
    /// When the account was erased at the person's request.
    pub erased_at: Option<i64>,
    /// When the programme office deactivated the account (it cannot sign in then).
    pub deactivated_at: Option<i64>,
    /// When the account was created.
    pub created_at: i64,
}

/// How an account came to be, which decides who its creation is attributed to in the audit log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountOrigin {
    /// The person signed up themself.
    SignUp,
    /// An admin invited the person.
    Invitation {
        /// The inviting admin's user id.
        by: i64,
    },
    /// An operator ran `samverkan user add`.
    CommandLine,
}

/// A server-side session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The signed-in user, or `None` for a visitor's pre-login session.
    pub user_id: Option<i64>,
    /// The CSRF token for forms of this session.
    pub csrf_token: String,
    /// When the session started (Unix ms).
    pub created_at: i64,
    /// When the session was last used (Unix ms).
    pub last_seen_at: i64,
}

/// An API token's metadata (the token itself is shown once and never stored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    /// Id.
    pub id: i64,
    /// The name the user gave it.
    pub name: String,
    /// The first characters, to recognise it.
    pub prefix: String,
    /// Created (Unix ms).
    pub created_at: i64,
    /// Last used (Unix ms).
    pub last_used_at: Option<i64>,
    /// Revoked (Unix ms).
    pub revoked_at: Option<i64>,
    /// What it may do.
    pub scope: domain::TokenScope,
    /// When it stops working (Unix ms); `None` for never.
    pub expires_at: Option<i64>,
}

/// How many reset and verification e-mails may be asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MailLimits {
    /// Requests for one address within the window.
    pub per_address: i64,
    /// Requests from one client (IP address) within the window.
    pub per_client: i64,
    /// The window (ms).
    pub window_ms: i64,
}

impl Default for MailLimits {
    /// Three links per address and ten per client in an hour.
    fn default() -> Self {
        MailLimits {
            per_address: 3,
            per_client: 10,
            window_ms: 60 * 60 * 1000,
        }
    }
}

/// Whether a reset or verification e-mail may be sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailRequestAnswer {
    /// Yes (and the request is counted).
    Allowed,
    /// The address has had as many as allowed in the window.
    AddressLimit,
    /// The client has asked for as many as allowed in the window.
    ClientLimit,
}

/// What a one-time token is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenPurpose {
    /// Confirms an e-mail address.
    VerifyEmail,
    /// Sets a new password.
    ResetPassword,
    /// Accepts an invitation and sets a password.
    Invitation,
}

impl TokenPurpose {
    fn as_str(self) -> &'static str {
        match self {
            TokenPurpose::VerifyEmail => "verify",
            TokenPurpose::ResetPassword => "reset",
            TokenPurpose::Invitation => "invite",
        }
    }
}

/// An e-mail waiting in (or sent from) the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingMail {
    /// Id.
    pub id: i64,
    /// Recipient.
    pub to: String,
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
    /// Queued (Unix ms).
    pub created_at: i64,
}

pub(crate) fn user_from_row(row: &AnyRow) -> Result<User, StoreError> {
    Ok(User {
        id: get(row, "id")?,
        email: get(row, "email")?,
        display_name: get(row, "display_name")?,
        password_hash: opt_text(row, "password_hash")?,
        email_verified_at: get(row, "email_verified_at")?,
        failed_logins: get(row, "failed_logins")?,
        locked_until: get(row, "locked_until")?,
        erased_at: get(row, "erased_at")?,
        deactivated_at: get(row, "deactivated_at")?,
        created_at: get(row, "created_at")?,
    })
}

/// The addresses that mail about an actor's work reaches: people holding `role` for `actor` (for any actor, or
/// none, when `actor` is `None`) whose address is confirmed and whose account is neither erased nor deactivated.
pub(crate) async fn reachable(
    conn: &mut AnyConnection,
    role: &str,
    actor: Option<i64>,
) -> Result<Vec<String>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT DISTINCT u.email FROM user_roles ur JOIN users u ON u.id = ur.user_id \
         WHERE ur.role = $1 AND ($2 IS NULL OR ur.actor_id = $2) AND u.erased_at IS NULL \
         AND u.email_verified_at IS NOT NULL AND u.deactivated_at IS NULL ORDER BY u.email",
    )
    .bind(role)
    .bind(actor)
    .fetch_all(&mut *conn)
    .await?)
}

/// Records a change to a user account inside the transaction that makes it. The values are set aside as the
/// person's data, so erasing the account removes them from the audit trail.
pub(crate) async fn user_event(
    conn: &mut AnyConnection,
    by: Option<i64>,
    user_id: i64,
    action: &str,
    after: Value,
) -> Result<(), StoreError> {
    let changes = [domain::audit::Change {
        path: String::new(),
        before: Value::Null,
        after,
    }];
    let subject = format!("user:{user_id}");
    record(
        conn,
        AuditRecord {
            user_id: by,
            object_type: "user",
            object_key: &user_id.to_string(),
            action,
            changes: &changes,
            personal: &[("", subject)],
        },
    )
    .await
}

impl Store {
    /// Creates a user (audited as `create`, with the address and name set aside as personal data);
    /// `Err(StoreError::Conflict("email"))` when the e-mail address is taken.
    pub async fn create_user(
        &self,
        email: &Email,
        display_name: &str,
        password_hash: Option<&str>,
        verified: bool,
        origin: AccountOrigin,
    ) -> Result<i64, StoreError> {
        let now = now_millis();
        let mut tx = self.write_tx().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO users (email, display_name, password_hash, email_verified_at, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(email.as_str().to_lowercase())
        .bind(display_name)
        .bind(password_hash)
        .bind(verified.then_some(now))
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .map_err(unique_as("email"))?;
        let after = json!({"email": email.as_str().to_lowercase(), "display_name": display_name, "verified": verified});
        let by = match origin {
            AccountOrigin::SignUp => Some(id),
            AccountOrigin::Invitation { by } => Some(by),
            AccountOrigin::CommandLine => None,
        };
        user_event(&mut tx, by, id, "create", after).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The user with this e-mail address (case-insensitive), if any.
    pub async fn user_by_email(&self, email: &str) -> Result<Option<User>, StoreError> {
        let row = sqlx::query("SELECT * FROM users WHERE email = $1")
            .bind(email.trim().to_lowercase())
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    /// The user with this id, if any.
    pub async fn user(&self, id: i64) -> Result<Option<User>, StoreError> {
        let row = sqlx::query("SELECT * FROM users WHERE id = $1")
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    /// Gives a user a role, scoped to an actor (all roles but admin need one); audited as `grant_role`.
    /// Granting a role the user already holds changes nothing.
    pub async fn grant_role(
        &self,
        user_id: i64,
        role: Role,
        actor: Option<&Slug>,
        by: Option<i64>,
    ) -> Result<(), StoreError> {
        let mut tx = self.write_tx().await?;
        let actor_id: Option<i64> = match actor {
            None => None,
            Some(s) => Some(
                sqlx::query_scalar("SELECT id FROM actors WHERE slug = $1")
                    .bind(s.as_str())
                    .fetch_optional(&mut *tx)
                    .await?
                    .ok_or(StoreError::UnknownReference("actor"))?,
            ),
        };
        let res = sqlx::query(
            "INSERT INTO user_roles (user_id, role, actor_id, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(user_id)
        .bind(role.as_str())
        .bind(actor_id)
        .bind(now_millis())
        .execute(&mut *tx)
        .await;
        match res {
            Ok(_) => {}
            Err(e) if is_unique_violation(&e) => return Ok(()),
            Err(e) => return Err(e.into()),
        }
        let after = json!({"role": role.as_str(), "actor": actor.map(Slug::as_str)});
        user_event(&mut tx, by, user_id, "grant_role", after).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The roles a user holds.
    pub async fn grants(&self, user_id: i64) -> Result<Vec<Grant>, StoreError> {
        let rows = sqlx::query(
            "SELECT r.role, a.slug FROM user_roles r LEFT JOIN actors a ON a.id = r.actor_id \
             WHERE r.user_id = $1 ORDER BY r.role, a.slug",
        )
        .bind(user_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let role: String = get(row, "role")?;
                Ok(Grant {
                    role: Role::parse(&role)
                        .ok_or_else(|| StoreError::Corrupt(format!("unknown role {role:?}")))?,
                    actor: get::<Option<String>>(row, "slug")?
                        .map(|_| slug(row, "slug"))
                        .transpose()?,
                })
            })
            .collect()
    }

    /// Starts a session for `user_id` (or a visitor) and returns the cookie value; only its hash is stored.
    pub async fn create_session(
        &self,
        user_id: Option<i64>,
    ) -> Result<(String, Session), StoreError> {
        let token = random_token("");
        let csrf = random_token("");
        let now = now_millis();
        sqlx::query(
            "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $4)",
        )
        .bind(token_hash(&token))
        .bind(user_id)
        .bind(&csrf)
        .bind(now)
        .execute(self.pool())
        .await?;
        Ok((
            token,
            Session {
                user_id,
                csrf_token: csrf,
                created_at: now,
                last_seen_at: now,
            },
        ))
    }

    /// The session behind a cookie value, if it exists.
    pub async fn session(&self, token: &str) -> Result<Option<Session>, StoreError> {
        let row = sqlx::query(
            "SELECT s.user_id, s.csrf_token, s.created_at, s.last_seen_at FROM sessions s \
             LEFT JOIN users u ON u.id = s.user_id WHERE s.id_hash = $1 AND u.deactivated_at IS NULL",
        )
        .bind(token_hash(token))
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| {
            Ok(Session {
                user_id: get(&r, "user_id")?,
                csrf_token: get(&r, "csrf_token")?,
                created_at: get(&r, "created_at")?,
                last_seen_at: get(&r, "last_seen_at")?,
            })
        })
        .transpose()
    }

    /// Marks a session as used now (for the idle timeout).
    pub async fn touch_session(&self, token: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2")
            .bind(now_millis())
            .bind(token_hash(token))
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// The site's secret called `name`, shared by every server on this database: made at random by the first
    /// server that asks (a second server asking at the same moment keeps the first one's).
    pub async fn site_secret(&self, name: &str) -> Result<Vec<u8>, StoreError> {
        self.site_secret_or(name, || random_token("")).await
    }

    /// [`Store::site_secret`], made with `first` when the site has none yet (a key an earlier release kept
    /// elsewhere becomes the site's). Whatever `first` gives, every server gets the value stored first.
    pub async fn site_secret_or(
        &self,
        name: &str,
        first: impl FnOnce() -> String,
    ) -> Result<Vec<u8>, StoreError> {
        let read = || async {
            sqlx::query_scalar::<_, String>("SELECT value FROM site_secrets WHERE name = $1")
                .bind(name)
                .fetch_optional(self.pool())
                .await
        };
        if let Some(value) = read().await? {
            return Ok(value.into_bytes());
        }
        sqlx::query(
            "INSERT INTO site_secrets (name, value, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING",
        )
        .bind(name)
        .bind(first())
        .bind(now_millis())
        .execute(self.pool())
        .await?;
        read()
            .await?
            .map(String::into_bytes)
            .ok_or_else(|| StoreError::Corrupt(format!("the site secret {name} is missing")))
    }

    /// Ends a session.
    pub async fn delete_session(&self, token: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
            .bind(token_hash(token))
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Ends every session of a user (after a password change or erasure).
    pub async fn delete_user_sessions(&self, user_id: i64) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Records a login attempt and updates the account's failure count and lock; returns the time (Unix ms) the
    /// account is locked until after this attempt, if it is locked.
    pub async fn record_login_attempt(
        &self,
        email: &str,
        ip: &str,
        success: bool,
        lock_after: i64,
        lock_ms: i64,
    ) -> Result<Option<i64>, StoreError> {
        let now = now_millis();
        let email = email.trim().to_lowercase();
        let mut tx = self.write_tx().await?;
        sqlx::query("INSERT INTO login_attempts (email, ip, at, success) VALUES ($1, $2, $3, $4)")
            .bind(&email)
            .bind(ip)
            .bind(now)
            .bind(i64::from(success))
            .execute(&mut *tx)
            .await?;
        let locked_until = if success {
            sqlx::query("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE email = $1")
                .bind(&email)
                .execute(&mut *tx)
                .await?;
            None
        } else {
            let until: Option<Option<i64>> = sqlx::query_scalar(
                "UPDATE users SET failed_logins = failed_logins + 1, \
                 locked_until = CASE WHEN failed_logins + 1 >= $1 THEN $2 ELSE locked_until END \
                 WHERE email = $3 RETURNING locked_until",
            )
            .bind(lock_after)
            .bind(now + lock_ms)
            .bind(&email)
            .fetch_optional(&mut *tx)
            .await?;
            until.flatten().filter(|t| *t > now)
        };
        tx.commit().await?;
        Ok(locked_until)
    }

    /// Failed login attempts for an e-mail address or from an IP address since `since` (Unix ms).
    pub async fn failed_logins_since(
        &self,
        email: Option<&str>,
        ip: Option<&str>,
        since: i64,
    ) -> Result<u64, StoreError> {
        let (column, value) = match (email, ip) {
            (Some(e), _) => ("email", e.trim().to_lowercase()),
            (None, Some(i)) => ("ip", i.to_owned()),
            (None, None) => return Ok(0),
        };
        let n: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM login_attempts WHERE {column} = $1 AND at >= $2 AND success = 0"
        ))
        .bind(value)
        .bind(since)
        .fetch_one(self.pool())
        .await?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// Creates an API token for a user with a scope and an optional expiry (Unix ms) and returns it; only its
    /// hash is kept. Audited as `create_token`.
    pub async fn create_api_token(
        &self,
        user_id: i64,
        name: &str,
        scope: domain::TokenScope,
        expires_at: Option<i64>,
        by: Option<i64>,
    ) -> Result<String, StoreError> {
        let token = random_token("svk_");
        let mut tx = self.write_tx().await?;
        sqlx::query(
            "INSERT INTO api_tokens (user_id, name, token_hash, prefix, created_at, scope, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(user_id)
        .bind(name)
        .bind(token_hash(&token))
        .bind(&token[..12])
        .bind(now_millis())
        .bind(scope.as_str())
        .bind(expires_at)
        .execute(&mut *tx)
        .await?;
        user_event(
            &mut tx,
            by,
            user_id,
            "create_token",
            json!({"name": name, "prefix": &token[..12], "scope": scope.as_str(), "expires_at": expires_at}),
        )
        .await?;
        tx.commit().await?;
        Ok(token)
    }

    /// The user a live API token belongs to (not revoked, not expired) and the token's scope, noting its use.
    pub async fn api_token_user(
        &self,
        token: &str,
    ) -> Result<Option<(i64, domain::TokenScope)>, StoreError> {
        let now = now_millis();
        let row = sqlx::query(
            "UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL \
             AND (expires_at IS NULL OR expires_at > $1) \
             AND user_id NOT IN (SELECT id FROM users WHERE deactivated_at IS NOT NULL) RETURNING user_id, scope",
        )
        .bind(now)
        .bind(token_hash(token))
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else { return Ok(None) };
        let scope: String = get(&row, "scope")?;
        let scope = domain::TokenScope::parse(&scope)
            .ok_or_else(|| StoreError::Corrupt(format!("token scope {scope:?}")))?;
        Ok(Some((get(&row, "user_id")?, scope)))
    }

    /// A user's API tokens, newest first.
    pub async fn api_tokens(&self, user_id: i64) -> Result<Vec<ApiToken>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, name, prefix, created_at, last_used_at, revoked_at, scope, expires_at FROM api_tokens \
             WHERE user_id = $1 ORDER BY created_at DESC, id DESC",
        )
        .bind(user_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ApiToken {
                    id: get(r, "id")?,
                    name: get(r, "name")?,
                    prefix: get(r, "prefix")?,
                    created_at: get(r, "created_at")?,
                    last_used_at: get(r, "last_used_at")?,
                    revoked_at: get(r, "revoked_at")?,
                    scope: domain::TokenScope::parse(&get::<String>(r, "scope")?)
                        .unwrap_or(domain::TokenScope::Read),
                    expires_at: get(r, "expires_at")?,
                })
            })
            .collect()
    }

    /// Revokes one of the user's own tokens; `false` when the user has no such unrevoked token. Audited as
    /// `revoke_token`, by the user.
    pub async fn revoke_api_token(&self, user_id: i64, token_id: i64) -> Result<bool, StoreError> {
        let mut tx = self.write_tx().await?;
        let res = sqlx::query(
            "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL",
        )
        .bind(now_millis())
        .bind(token_id)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
        if res.rows_affected() != 1 {
            return Ok(false);
        }
        user_event(
            &mut tx,
            Some(user_id),
            user_id,
            "revoke_token",
            json!({"token_id": token_id}),
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Creates a single-use token for `purpose`, valid for `ttl_ms`.
    pub async fn create_one_time_token(
        &self,
        user_id: i64,
        purpose: TokenPurpose,
        ttl_ms: i64,
    ) -> Result<String, StoreError> {
        let token = random_token("");
        sqlx::query("INSERT INTO one_time_tokens (token_hash, purpose, user_id, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(token_hash(&token))
            .bind(purpose.as_str())
            .bind(user_id)
            .bind(now_millis() + ttl_ms)
            .execute(self.pool())
            .await?;
        Ok(token)
    }

    /// Uses up a single-use token: returns its user when it exists, is for `purpose`, unused and unexpired.
    pub async fn consume_one_time_token(
        &self,
        token: &str,
        purpose: TokenPurpose,
    ) -> Result<Option<i64>, StoreError> {
        let now = now_millis();
        let user: Option<i64> = sqlx::query_scalar(
            "UPDATE one_time_tokens SET used_at = $1 \
             WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1 RETURNING user_id",
        )
        .bind(now)
        .bind(token_hash(token))
        .bind(purpose.as_str())
        .fetch_optional(self.pool())
        .await?;
        Ok(user)
    }

    /// Uses a password link (reset or invitation) and sets the new password in one transaction: the link is
    /// used up, every other outstanding password link of the account is voided, the account's sessions end and
    /// its API tokens are revoked (a reset means the old secrets may be known to someone else). Returns the user,
    /// or `None` when the link is not valid (used, expired, or of another purpose). Audited as `set_password`
    /// and `revoke_tokens`.
    pub async fn complete_password_link(
        &self,
        token: &str,
        purpose: TokenPurpose,
        password_hash: &str,
    ) -> Result<Option<i64>, StoreError> {
        let now = now_millis();
        let mut tx = self.write_tx().await?;
        let user: Option<i64> = sqlx::query_scalar(
            "UPDATE one_time_tokens SET used_at = $1 \
             WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1 RETURNING user_id",
        )
        .bind(now)
        .bind(token_hash(token))
        .bind(purpose.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(user_id) = user else {
            return Ok(None);
        };
        sqlx::query(
            "UPDATE one_time_tokens SET used_at = $1 \
             WHERE user_id = $2 AND used_at IS NULL AND purpose IN ('reset', 'invite')",
        )
        .bind(now)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE users SET password_hash = $1, failed_logins = 0, locked_until = NULL WHERE id = $2",
        )
        .bind(password_hash)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        let revoked = sqlx::query(
            "UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(user_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        user_event(
            &mut tx,
            Some(user_id),
            user_id,
            "set_password",
            json!({"password": "changed"}),
        )
        .await?;
        if revoked > 0 {
            user_event(
                &mut tx,
                Some(user_id),
                user_id,
                "revoke_tokens",
                json!({"tokens": revoked, "reason": "password set by link"}),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(Some(user_id))
    }

    /// Notes a request for a reset or verification e-mail to `address` from `client`, and answers whether it may
    /// be sent: at most `per_address` requests for the address and `per_client` from the client within the
    /// last `window_ms`. A refused request is not noted, so waiting always helps.
    pub async fn allow_mail_request(
        &self,
        kind: &str,
        address: &str,
        client: &str,
        limits: MailLimits,
    ) -> Result<MailRequestAnswer, StoreError> {
        let now = now_millis();
        let since = now - limits.window_ms;
        let address_hash = token_hash(&address.trim().to_lowercase());
        let mut tx = self.write_tx().await?;
        let by_address: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM mail_requests WHERE address_hash = $1 AND at >= $2",
        )
        .bind(&address_hash)
        .bind(since)
        .fetch_one(&mut *tx)
        .await?;
        let by_client: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM mail_requests WHERE client = $1 AND at >= $2")
                .bind(client)
                .bind(since)
                .fetch_one(&mut *tx)
                .await?;
        let answer = if by_client >= limits.per_client {
            MailRequestAnswer::ClientLimit
        } else if by_address >= limits.per_address {
            MailRequestAnswer::AddressLimit
        } else {
            sqlx::query(
                "INSERT INTO mail_requests (kind, address_hash, client, at) VALUES ($1, $2, $3, $4)",
            )
            .bind(kind)
            .bind(&address_hash)
            .bind(client)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            MailRequestAnswer::Allowed
        };
        tx.commit().await?;
        Ok(answer)
    }

    /// Checks a single-use token without using it (to show the form it leads to).
    pub async fn peek_one_time_token(
        &self,
        token: &str,
        purpose: TokenPurpose,
    ) -> Result<Option<i64>, StoreError> {
        let user: Option<i64> = sqlx::query_scalar(
            "SELECT user_id FROM one_time_tokens \
             WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3",
        )
        .bind(token_hash(token))
        .bind(purpose.as_str())
        .bind(now_millis())
        .fetch_optional(self.pool())
        .await?;
        Ok(user)
    }

    /// Sets a user's password hash and clears any lock; audited as `set_password` (without the hash).
    pub async fn set_password(
        &self,
        user_id: i64,
        hash: &str,
        by: Option<i64>,
    ) -> Result<(), StoreError> {
        let mut tx = self.write_tx().await?;
        sqlx::query("UPDATE users SET password_hash = $1, failed_logins = 0, locked_until = NULL WHERE id = $2")
            .bind(hash)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        user_event(
            &mut tx,
            by,
            user_id,
            "set_password",
            json!({"password": "changed"}),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Marks a user's e-mail address as verified (audited as `verify_email` when it was not already).
    pub async fn mark_email_verified(&self, user_id: i64) -> Result<(), StoreError> {
        let mut tx = self.write_tx().await?;
        let changed = sqlx::query(
            "UPDATE users SET email_verified_at = $1 WHERE id = $2 AND email_verified_at IS NULL",
        )
        .bind(now_millis())
        .bind(user_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 1 {
            user_event(
                &mut tx,
                Some(user_id),
                user_id,
                "verify_email",
                json!({"verified": true}),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Queues an e-mail. Delivery drains the outbox; in development and tests the outbox is where mail is read.
    pub async fn queue_mail(&self, to: &str, subject: &str, body: &str) -> Result<(), StoreError> {
        let mut conn = self.pool().acquire().await?;
        queue_mail_in(&mut conn, to, subject, body).await
    }

    /// The mail queued for an address, newest first.
    pub async fn mail_to(&self, to: &str) -> Result<Vec<OutgoingMail>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, to_addr, subject, body, created_at FROM email_outbox WHERE to_addr = $1 ORDER BY id DESC",
        )
        .bind(to.trim().to_lowercase())
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(OutgoingMail::from_row).collect()
    }
}

impl OutgoingMail {
    pub(crate) fn from_row(r: &AnyRow) -> Result<OutgoingMail, StoreError> {
        Ok(OutgoingMail {
            id: get(r, "id")?,
            to: get(r, "to_addr")?,
            subject: get(r, "subject")?,
            body: get(r, "body")?,
            created_at: get(r, "created_at")?,
        })
    }
}

/// Queues an e-mail on `conn`: inside a transaction, the mail is sent only if the change it tells of is stored.
pub(crate) async fn queue_mail_in(
    conn: &mut sqlx::AnyConnection,
    to: &str,
    subject: &str,
    body: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO email_outbox (to_addr, subject, body, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(to)
    .bind(subject)
    .bind(body)
    .bind(now_millis())
    .execute(conn)
    .await?;
    Ok(())
}
