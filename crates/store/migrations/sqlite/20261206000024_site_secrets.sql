-- Keys every server of one site shares, made at random by the first server that needs one: `visitor` signs the
-- visitor tokens that carry a signed-out visitor's CSRF token, so that any server can check a form another served.
CREATE TABLE site_secrets (
    name       TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
