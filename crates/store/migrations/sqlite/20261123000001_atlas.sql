-- The atlas: campuses, competence tags, actors, their contact persons and relations.
CREATE TABLE campuses (
    id             INTEGER PRIMARY KEY,
    slug           TEXT NOT NULL CONSTRAINT campuses_slug_key UNIQUE,
    name_sv        TEXT NOT NULL,
    name_en        TEXT NOT NULL,
    sort_sv        TEXT NOT NULL,
    sort_en        TEXT NOT NULL,
    municipality   TEXT,
    description_sv TEXT NOT NULL,
    description_en TEXT NOT NULL,
    lat            REAL,
    lon            REAL
);

CREATE TABLE tags (
    id       INTEGER PRIMARY KEY,
    slug     TEXT NOT NULL CONSTRAINT tags_slug_key UNIQUE,
    label_sv TEXT NOT NULL,
    label_en TEXT NOT NULL,
    sort_sv  TEXT NOT NULL,
    sort_en  TEXT NOT NULL
);

CREATE TABLE actors (
    id             INTEGER PRIMARY KEY,
    slug           TEXT NOT NULL CONSTRAINT actors_slug_key UNIQUE,
    org_number     TEXT CONSTRAINT actors_org_number_key UNIQUE,
    name_sv        TEXT NOT NULL,
    name_en        TEXT NOT NULL,
    sort_sv        TEXT NOT NULL,
    sort_en        TEXT NOT NULL,
    short_name     TEXT,
    kind           TEXT NOT NULL,
    ownership      TEXT,
    description_sv TEXT NOT NULL,
    description_en TEXT NOT NULL,
    website        TEXT,
    address        TEXT,
    lat            REAL,
    lon            REAL,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE INDEX actors_kind_idx ON actors (kind);
CREATE INDEX actors_sort_sv_idx ON actors (sort_sv);
CREATE INDEX actors_sort_en_idx ON actors (sort_en);

CREATE TABLE actor_campuses (
    actor_id  INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    campus_id INTEGER NOT NULL REFERENCES campuses (id) ON DELETE CASCADE,
    PRIMARY KEY (actor_id, campus_id)
);
CREATE INDEX actor_campuses_campus_idx ON actor_campuses (campus_id);

CREATE TABLE actor_tags (
    actor_id INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    tag_id   INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (actor_id, tag_id)
);
CREATE INDEX actor_tags_tag_idx ON actor_tags (tag_id);

CREATE TABLE contact_persons (
    id       INTEGER PRIMARY KEY,
    actor_id INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name     TEXT NOT NULL,
    role_sv  TEXT NOT NULL,
    role_en  TEXT NOT NULL,
    email    TEXT
);
CREATE INDEX contact_persons_actor_idx ON contact_persons (actor_id);

CREATE TABLE relations (
    id            INTEGER PRIMARY KEY,
    from_actor_id INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL,
    to_actor_id   INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    since_year    INTEGER,
    until_year    INTEGER,
    source        TEXT,
    CONSTRAINT relations_unique_key UNIQUE (from_actor_id, kind, to_actor_id),
    CONSTRAINT relations_not_self CHECK (from_actor_id <> to_actor_id)
);
CREATE INDEX relations_to_idx ON relations (to_actor_id);
