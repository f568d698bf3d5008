-- Leases on background work that must run on one server at a time when several share the database (the upkeep
-- round: purges, the office's daily list, notices, reminders): a server takes a lease until a time; another takes
-- it only after that time. (PostgreSQL also notifies listening servers of each write here.)
CREATE TABLE leases (
    name     TEXT PRIMARY KEY,
    holder   TEXT NOT NULL,
    until_ms INTEGER NOT NULL
);
