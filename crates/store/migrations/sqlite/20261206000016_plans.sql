-- Action plans written in the product: a measure's budget and funding, its milestones (dated steps with a
-- status), an indicator's interim targets by year, dated versions of an area's plan with the reason for each,
-- the programme office's yearly assessment of each area and the foreword of the yearly report, and a reporter's
-- narrative in English beside the Swedish one.
ALTER TABLE measures ADD COLUMN budget_amount REAL;
ALTER TABLE measures ADD COLUMN budget_currency TEXT;
ALTER TABLE measures ADD COLUMN funding_sv TEXT NOT NULL DEFAULT '';
ALTER TABLE measures ADD COLUMN funding_en TEXT NOT NULL DEFAULT '';

CREATE TABLE measure_milestones (
    id         INTEGER PRIMARY KEY,
    measure_id INTEGER NOT NULL REFERENCES measures (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    title_sv   TEXT NOT NULL,
    title_en   TEXT NOT NULL,
    due        TEXT NOT NULL,
    status     TEXT NOT NULL
);
CREATE INDEX measure_milestones_measure_idx ON measure_milestones (measure_id, position);

CREATE TABLE indicator_targets (
    indicator_id INTEGER NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    year         INTEGER NOT NULL,
    value        REAL NOT NULL,
    PRIMARY KEY (indicator_id, year)
);

CREATE TABLE plan_versions (
    id         INTEGER PRIMARY KEY,
    area_id    INTEGER NOT NULL REFERENCES focus_areas (id) ON DELETE CASCADE,
    number     INTEGER NOT NULL,
    valid_from TEXT NOT NULL,
    reason_sv  TEXT NOT NULL,
    reason_en  TEXT NOT NULL,
    snapshot   TEXT NOT NULL,
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    CONSTRAINT plan_versions_number_key UNIQUE (area_id, number)
);

CREATE TABLE area_assessments (
    area_id      INTEGER NOT NULL REFERENCES focus_areas (id) ON DELETE CASCADE,
    year         INTEGER NOT NULL REFERENCES follow_up_cycles (year) ON DELETE CASCADE,
    went_well_sv TEXT NOT NULL,
    went_well_en TEXT NOT NULL,
    behind_sv    TEXT NOT NULL,
    behind_en    TEXT NOT NULL,
    changes_sv   TEXT NOT NULL,
    changes_en   TEXT NOT NULL,
    updated_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (area_id, year)
);

ALTER TABLE follow_up_cycles ADD COLUMN foreword_sv TEXT NOT NULL DEFAULT '';
ALTER TABLE follow_up_cycles ADD COLUMN foreword_en TEXT NOT NULL DEFAULT '';
ALTER TABLE measure_reports ADD COLUMN narrative_en TEXT NOT NULL DEFAULT '';
