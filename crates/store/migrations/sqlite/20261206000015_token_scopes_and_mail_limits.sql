-- API tokens carry a scope (read: GET only; write: also changes) and may expire. Tokens made before this
-- change could do everything, so they keep the write scope and no expiry.
ALTER TABLE api_tokens ADD COLUMN scope TEXT NOT NULL DEFAULT 'write';
ALTER TABLE api_tokens ADD COLUMN expires_at INTEGER;

-- Every request for a password-reset or verification e-mail, counted per address and per client to limit how
-- many links anyone can make the platform send. The address is kept as a SHA-256 hash: the table must not be a
-- list of who asked. Purged after a day.
CREATE TABLE mail_requests (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    address_hash TEXT NOT NULL,
    client       TEXT NOT NULL,
    at           INTEGER NOT NULL
);
CREATE INDEX mail_requests_address_idx ON mail_requests (address_hash, at);
CREATE INDEX mail_requests_client_idx ON mail_requests (client, at);
