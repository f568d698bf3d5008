-- Meeting places, events and news. Event times are kept as written in Stockholm time (local text) together with
-- the UTC moments they start and end, which ordering and "upcoming or past" use.
CREATE TABLE meeting_places (
    id             INTEGER PRIMARY KEY,
    slug           TEXT NOT NULL CONSTRAINT meeting_places_slug_key UNIQUE,
    name_sv        TEXT NOT NULL,
    name_en        TEXT NOT NULL,
    description_sv TEXT NOT NULL,
    description_en TEXT NOT NULL,
    campus_id      INTEGER REFERENCES campuses (id) ON DELETE SET NULL,
    owner_id       INTEGER REFERENCES actors (id) ON DELETE SET NULL,
    capacity       INTEGER,
    offers_sv      TEXT NOT NULL,
    offers_en      TEXT NOT NULL,
    source         TEXT
);

CREATE TABLE events (
    id               INTEGER PRIMARY KEY,
    slug             TEXT NOT NULL CONSTRAINT events_slug_key UNIQUE,
    title_sv         TEXT NOT NULL,
    title_en         TEXT NOT NULL,
    description_sv   TEXT NOT NULL,
    description_en   TEXT NOT NULL,
    start_local      TEXT NOT NULL,
    end_local        TEXT,
    starts_at        INTEGER NOT NULL,
    ends_at          INTEGER NOT NULL,
    place            TEXT,
    location_sv      TEXT,
    location_en      TEXT,
    registration_url TEXT,
    source           TEXT,
    updated_at       INTEGER NOT NULL
);
CREATE INDEX events_starts_idx ON events (starts_at);

CREATE TABLE event_organisers (
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    actor_id INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, actor_id)
);

CREATE TABLE event_tags (
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    tag_id   INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, tag_id)
);

CREATE TABLE event_focus_areas (
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    area_id  INTEGER NOT NULL REFERENCES focus_areas (id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, area_id)
);

CREATE TABLE news (
    id         INTEGER PRIMARY KEY,
    slug       TEXT NOT NULL CONSTRAINT news_slug_key UNIQUE,
    published  TEXT NOT NULL,
    title_sv   TEXT NOT NULL,
    title_en   TEXT NOT NULL,
    summary_sv TEXT NOT NULL,
    summary_en TEXT NOT NULL,
    body_sv    TEXT NOT NULL,
    body_en    TEXT NOT NULL,
    source     TEXT,
    updated_at INTEGER NOT NULL
);
CREATE INDEX news_published_idx ON news (published);

CREATE TABLE news_actors (
    news_id  INTEGER NOT NULL REFERENCES news (id) ON DELETE CASCADE,
    actor_id INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    PRIMARY KEY (news_id, actor_id)
);
