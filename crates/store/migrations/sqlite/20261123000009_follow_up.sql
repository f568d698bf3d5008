-- The yearly follow-up: cycles opened by the office with a deadline, one report per measure and year (status,
-- narrative, evidence, indicator values) with its review history, revisions of closed cycles with their reason,
-- and the reminders already sent.
CREATE TABLE follow_up_cycles (
    year       INTEGER PRIMARY KEY,
    deadline   TEXT NOT NULL,
    state      TEXT NOT NULL,
    opened_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    opened_at  INTEGER NOT NULL,
    closed_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    closed_at  INTEGER
);

CREATE TABLE measure_reports (
    year           INTEGER NOT NULL REFERENCES follow_up_cycles (year) ON DELETE CASCADE,
    measure_id     INTEGER NOT NULL REFERENCES measures (id) ON DELETE CASCADE,
    state          TEXT NOT NULL,
    status         TEXT NOT NULL,
    narrative      TEXT NOT NULL,
    evidence       TEXT NOT NULL,
    review_comment TEXT,
    updated_by     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    updated_at     INTEGER NOT NULL,
    submitted_at   INTEGER,
    reviewed_at    INTEGER,
    PRIMARY KEY (year, measure_id)
);

CREATE TABLE report_values (
    year         INTEGER NOT NULL,
    measure_id   INTEGER NOT NULL,
    indicator_id INTEGER NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    value        REAL NOT NULL,
    comment      TEXT NOT NULL,
    PRIMARY KEY (year, measure_id, indicator_id),
    FOREIGN KEY (year, measure_id) REFERENCES measure_reports (year, measure_id) ON DELETE CASCADE
);

CREATE TABLE report_events (
    id         INTEGER PRIMARY KEY,
    year       INTEGER NOT NULL,
    measure_id INTEGER NOT NULL,
    action     TEXT NOT NULL,
    state      TEXT NOT NULL,
    comment    TEXT,
    user_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    at         INTEGER NOT NULL,
    FOREIGN KEY (year, measure_id) REFERENCES measure_reports (year, measure_id) ON DELETE CASCADE
);
CREATE INDEX report_events_report_idx ON report_events (year, measure_id);

CREATE TABLE follow_up_revisions (
    id           INTEGER PRIMARY KEY,
    year         INTEGER NOT NULL REFERENCES follow_up_cycles (year) ON DELETE CASCADE,
    measure_id   INTEGER NOT NULL REFERENCES measures (id) ON DELETE CASCADE,
    indicator_id INTEGER REFERENCES indicators (id) ON DELETE CASCADE,
    field        TEXT NOT NULL,
    before_value TEXT NOT NULL,
    after_value  TEXT NOT NULL,
    reason       TEXT NOT NULL,
    revised_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    revised_at   INTEGER NOT NULL
);
CREATE INDEX follow_up_revisions_year_idx ON follow_up_revisions (year);

CREATE TABLE follow_up_reminders (
    year        INTEGER NOT NULL REFERENCES follow_up_cycles (year) ON DELETE CASCADE,
    measure_id  INTEGER NOT NULL REFERENCES measures (id) ON DELETE CASCADE,
    days_before INTEGER NOT NULL,
    sent_at     INTEGER NOT NULL,
    PRIMARY KEY (year, measure_id, days_before)
);
