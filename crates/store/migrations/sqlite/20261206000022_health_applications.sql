-- Data-permit applications for health data. An application is its applicant's until it is submitted; the
-- data-access staff of the holders of the sources it asks for review it section by section and decide it. The
-- statutory clock runs from submission, paused while a clarification is pending (paused_ms holds the pauses that
-- ended, paused_since the one going on). Every move is in the application's history with its note; the audit
-- log records who moved it, never the application's text. An approved application is a project: `variables`
-- (comma-separated), `data_from` and `data_to` (years) and the sources bound its cohort questions, `budget_milli`
-- (set in the decision) is its privacy budget.
CREATE TABLE health_applications (
    id            INTEGER PRIMARY KEY,
    applicant_id  INTEGER NOT NULL REFERENCES users (id),
    status        TEXT NOT NULL,
    title         TEXT NOT NULL,
    purpose       TEXT,
    purpose_text  TEXT NOT NULL,
    data          TEXT NOT NULL,
    form          TEXT,
    justification TEXT NOT NULL,
    safeguards    TEXT NOT NULL,
    period_from   TEXT,
    period_to     TEXT,
    environment   TEXT NOT NULL,
    tools         TEXT NOT NULL,
    ethics_ref    TEXT NOT NULL,
    article6      TEXT,
    article9      TEXT,
    secrecy       TEXT NOT NULL,
    variables     TEXT NOT NULL,
    data_from     INTEGER,
    data_to       INTEGER,
    budget_milli  INTEGER,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    submitted_at  INTEGER,
    paused_ms     INTEGER NOT NULL,
    paused_since  INTEGER,
    decided_at    INTEGER,
    decision      TEXT NOT NULL
);
CREATE INDEX health_applications_applicant_idx ON health_applications (applicant_id);

CREATE TABLE health_application_sources (
    application_id INTEGER NOT NULL REFERENCES health_applications (id) ON DELETE CASCADE,
    source_id      INTEGER NOT NULL REFERENCES health_sources (id),
    PRIMARY KEY (application_id, source_id)
);

CREATE TABLE health_application_reviews (
    application_id INTEGER NOT NULL REFERENCES health_applications (id) ON DELETE CASCADE,
    section        TEXT NOT NULL,
    verdict        TEXT NOT NULL,
    note           TEXT NOT NULL,
    reviewer_id    INTEGER REFERENCES users (id),
    reviewed_at    INTEGER NOT NULL,
    PRIMARY KEY (application_id, section)
);

CREATE TABLE health_application_events (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES health_applications (id) ON DELETE CASCADE,
    user_id        INTEGER REFERENCES users (id),
    move           TEXT NOT NULL,
    from_status    TEXT NOT NULL,
    to_status      TEXT NOT NULL,
    note           TEXT NOT NULL,
    at             INTEGER NOT NULL
);
CREATE INDEX health_application_events_idx ON health_application_events (application_id);
