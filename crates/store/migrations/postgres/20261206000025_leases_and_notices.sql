-- Leases on background work that must run on one server at a time when several share the database (the upkeep
-- round: purges, the office's daily list, notices, reminders): a server takes a lease until a time; another takes
-- it only after that time.
-- Equivalent to the SQLite migration of the same name.
CREATE TABLE leases (
    name     TEXT PRIMARY KEY,
    holder   TEXT NOT NULL,
    until_ms BIGINT NOT NULL
);

-- Servers listening on the channel `samverkan_data` wake when a transaction that wrote to the audit log commits
-- (every write does), so another server's write empties their caches and reaches their search index at once.
-- SQLite has one server and no such channel.
CREATE FUNCTION samverkan_notify_data() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('samverkan_data', '');
    RETURN NULL;
END
$$;
CREATE TRIGGER audit_log_notify AFTER INSERT ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION samverkan_notify_data();
