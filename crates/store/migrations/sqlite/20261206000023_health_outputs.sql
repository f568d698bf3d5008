-- The output review ("airlock"): a researcher asks to release an answer of their project (its released figures,
-- copied here with the definition and the automatic pre-check's findings); two reviewers who are not the author
-- vote independently; released outputs are public with their project's title, and the office may link one to a
-- focus area and its indicators.
CREATE TABLE health_outputs (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES health_applications (id),
    author_id      INTEGER NOT NULL REFERENCES users (id),
    question_key   TEXT NOT NULL,
    title          TEXT NOT NULL,
    description    TEXT NOT NULL,
    definition     TEXT NOT NULL,
    figures        TEXT NOT NULL,
    findings       TEXT NOT NULL,
    status         TEXT NOT NULL,
    requested_at   INTEGER NOT NULL,
    decided_at     INTEGER,
    area_id        INTEGER REFERENCES focus_areas (id) ON DELETE SET NULL,
    indicators     TEXT NOT NULL
);
CREATE INDEX health_outputs_application_idx ON health_outputs (application_id);

CREATE TABLE health_output_votes (
    output_id   INTEGER NOT NULL REFERENCES health_outputs (id) ON DELETE CASCADE,
    reviewer_id INTEGER NOT NULL REFERENCES users (id),
    vote        TEXT NOT NULL,
    note        TEXT NOT NULL,
    at          INTEGER NOT NULL,
    PRIMARY KEY (output_id, reviewer_id)
);
