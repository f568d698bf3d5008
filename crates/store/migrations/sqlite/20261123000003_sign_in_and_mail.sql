-- Single sign-on logins in flight, delivery state of queued e-mail, and indexes for purging old rows.

-- An OpenID Connect sign-in between the redirect to the provider and its answer: single-use, bound to the
-- browser's session, expires after ten minutes.
CREATE TABLE oidc_logins (
    state_hash    TEXT PRIMARY KEY,
    session_hash  TEXT NOT NULL,
    nonce         TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    lang          TEXT NOT NULL,
    next_path     TEXT NOT NULL,
    created_at    INTEGER NOT NULL
);
CREATE INDEX oidc_logins_created_idx ON oidc_logins (created_at);

-- Delivery: attempts so far, the last error, and when to try again.
ALTER TABLE email_outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE email_outbox ADD COLUMN last_error TEXT;
ALTER TABLE email_outbox ADD COLUMN next_attempt_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX email_outbox_pending_idx ON email_outbox (sent_at, next_attempt_at);

CREATE INDEX sessions_last_seen_idx ON sessions (last_seen_at);
CREATE INDEX one_time_tokens_expires_idx ON one_time_tokens (expires_at);
