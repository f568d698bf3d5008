-- Problems people report from the accessibility statement page; the programme office reads them.
CREATE TABLE accessibility_reports (
    id          INTEGER PRIMARY KEY,
    page        TEXT NOT NULL,
    message     TEXT NOT NULL,
    reply_to    TEXT,
    lang        TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    handled_at  INTEGER
);
CREATE INDEX accessibility_reports_created_idx ON accessibility_reports (created_at);
