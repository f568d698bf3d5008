-- Accounts, roles, sessions, tokens, the e-mail outbox and the append-only audit log.
CREATE TABLE users (
    id                INTEGER PRIMARY KEY,
    email             TEXT NOT NULL CONSTRAINT users_email_key UNIQUE,
    display_name      TEXT NOT NULL,
    password_hash     TEXT,
    email_verified_at INTEGER,
    failed_logins     INTEGER NOT NULL DEFAULT 0,
    locked_until      INTEGER,
    erased_at         INTEGER,
    created_at        INTEGER NOT NULL
);

CREATE TABLE user_roles (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       TEXT NOT NULL,
    actor_id   INTEGER REFERENCES actors (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX user_roles_unique ON user_roles (user_id, role, COALESCE(actor_id, 0));

CREATE TABLE sessions (
    id_hash      TEXT PRIMARY KEY,
    user_id      INTEGER REFERENCES users (id) ON DELETE CASCADE,
    csrf_token   TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE login_attempts (
    id      INTEGER PRIMARY KEY,
    email   TEXT NOT NULL,
    ip      TEXT NOT NULL,
    at      INTEGER NOT NULL,
    success INTEGER NOT NULL
);
CREATE INDEX login_attempts_email_idx ON login_attempts (email, at);
CREATE INDEX login_attempts_ip_idx ON login_attempts (ip, at);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL CONSTRAINT api_tokens_hash_key UNIQUE,
    prefix       TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at   INTEGER
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

CREATE TABLE one_time_tokens (
    token_hash TEXT PRIMARY KEY,
    purpose    TEXT NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);

CREATE TABLE email_outbox (
    id         INTEGER PRIMARY KEY,
    to_addr    TEXT NOT NULL,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    sent_at    INTEGER
);

CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY,
    at            INTEGER NOT NULL,
    user_id       INTEGER,
    object_type   TEXT NOT NULL,
    object_key    TEXT NOT NULL,
    action        TEXT NOT NULL,
    diff          TEXT NOT NULL
);
CREATE INDEX audit_log_object_idx ON audit_log (object_type, object_key, at);
CREATE INDEX audit_log_user_idx ON audit_log (user_id, at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Personal data referred to by audit diffs; erasing a person deletes their rows here, never the audit entries.
CREATE TABLE audit_personal (
    id      INTEGER PRIMARY KEY,
    subject TEXT NOT NULL,
    value   TEXT NOT NULL
);
CREATE INDEX audit_personal_subject_idx ON audit_personal (subject);
