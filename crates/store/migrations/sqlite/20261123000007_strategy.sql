-- The strategy and its action plans: the vision, the focus areas with their four texts, measures with responsible
-- and contributing actors, indicators with baseline, target and yearly values.
CREATE TABLE strategy (
    id          INTEGER PRIMARY KEY,
    title_sv    TEXT NOT NULL,
    title_en    TEXT NOT NULL,
    vision_sv   TEXT NOT NULL,
    vision_en   TEXT NOT NULL,
    period      TEXT,
    adopted_by  INTEGER REFERENCES actors (id) ON DELETE SET NULL,
    summary_sv  TEXT NOT NULL,
    summary_en  TEXT NOT NULL
);

CREATE TABLE focus_areas (
    id                   INTEGER PRIMARY KEY,
    slug                 TEXT NOT NULL CONSTRAINT focus_areas_slug_key UNIQUE,
    position             INTEGER NOT NULL,
    name_sv              TEXT NOT NULL,
    name_en              TEXT NOT NULL,
    current_state_sv     TEXT NOT NULL,
    current_state_en     TEXT NOT NULL,
    strengths_sv         TEXT NOT NULL,
    strengths_en         TEXT NOT NULL,
    desired_state_sv     TEXT NOT NULL,
    desired_state_en     TEXT NOT NULL,
    development_needs_sv TEXT NOT NULL,
    development_needs_en TEXT NOT NULL
);

CREATE TABLE focus_area_tags (
    area_id INTEGER NOT NULL REFERENCES focus_areas (id) ON DELETE CASCADE,
    tag_id  INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (area_id, tag_id)
);

CREATE TABLE focus_area_actors (
    area_id  INTEGER NOT NULL REFERENCES focus_areas (id) ON DELETE CASCADE,
    actor_id INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    PRIMARY KEY (area_id, actor_id)
);

CREATE TABLE measures (
    id             INTEGER PRIMARY KEY,
    area_id        INTEGER NOT NULL REFERENCES focus_areas (id) ON DELETE CASCADE,
    code           TEXT NOT NULL CONSTRAINT measures_code_key UNIQUE,
    example        INTEGER NOT NULL,
    title_sv       TEXT NOT NULL,
    title_en       TEXT NOT NULL,
    description_sv TEXT NOT NULL,
    description_en TEXT NOT NULL,
    responsible_id INTEGER NOT NULL REFERENCES actors (id),
    start_date     TEXT,
    end_date       TEXT,
    status         TEXT NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE INDEX measures_area_idx ON measures (area_id);

CREATE TABLE measure_contributors (
    measure_id INTEGER NOT NULL REFERENCES measures (id) ON DELETE CASCADE,
    actor_id   INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    PRIMARY KEY (measure_id, actor_id)
);

CREATE TABLE indicators (
    id             INTEGER PRIMARY KEY,
    area_id        INTEGER NOT NULL REFERENCES focus_areas (id) ON DELETE CASCADE,
    code           TEXT NOT NULL CONSTRAINT indicators_code_key UNIQUE,
    example        INTEGER NOT NULL,
    name_sv        TEXT NOT NULL,
    name_en        TEXT NOT NULL,
    unit_sv        TEXT NOT NULL,
    unit_en        TEXT NOT NULL,
    direction      TEXT NOT NULL,
    baseline_value REAL NOT NULL,
    baseline_year  INTEGER NOT NULL,
    target_value   REAL NOT NULL,
    target_year    INTEGER NOT NULL,
    source_sv      TEXT NOT NULL,
    source_en      TEXT NOT NULL,
    auto           TEXT
);
CREATE INDEX indicators_area_idx ON indicators (area_id);

CREATE TABLE indicator_measures (
    indicator_id INTEGER NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    measure_id   INTEGER NOT NULL REFERENCES measures (id) ON DELETE CASCADE,
    PRIMARY KEY (indicator_id, measure_id)
);

CREATE TABLE indicator_values (
    indicator_id INTEGER NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    year         INTEGER NOT NULL,
    value        REAL NOT NULL,
    comment      TEXT,
    reported_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    reported_at  INTEGER NOT NULL,
    PRIMARY KEY (indicator_id, year)
);
