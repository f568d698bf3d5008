-- The catalogue of health-data sources (/{lang}/health-data/sources, DCAT-AP 3 at
-- /api/v1/health-data/sources.jsonld). A source's holder is an atlas actor (a reviewed one: only waiting company
-- registrations are ever removed, and they hold no source). Optional texts are empty in both languages when the
-- facts are not stated. Sources are searchable: their writes go to the search change log.
CREATE TABLE health_sources (
    id              INTEGER PRIMARY KEY,
    slug            TEXT NOT NULL CONSTRAINT health_sources_slug_key UNIQUE,
    holder_id       INTEGER NOT NULL REFERENCES actors (id),
    title_sv        TEXT NOT NULL,
    title_en        TEXT NOT NULL,
    description_sv  TEXT NOT NULL,
    description_en  TEXT NOT NULL,
    content_sv      TEXT NOT NULL,
    content_en      TEXT NOT NULL,
    population_sv   TEXT NOT NULL,
    population_en   TEXT NOT NULL,
    period_from     INTEGER,
    period_to       INTEGER,
    frequency       TEXT,
    legal_basis_sv  TEXT NOT NULL,
    legal_basis_en  TEXT NOT NULL,
    how_to_apply_sv TEXT NOT NULL,
    how_to_apply_en TEXT NOT NULL,
    access          TEXT NOT NULL,
    synthetic       INTEGER NOT NULL,
    engine          TEXT,
    conforms_to     TEXT,
    website         TEXT,
    source          TEXT,
    updated_at      INTEGER NOT NULL
);

CREATE TRIGGER health_sources_search_insert AFTER INSERT ON health_sources BEGIN
    INSERT INTO search_changes (source, row_id) VALUES ('health_source', NEW.id);
END;
CREATE TRIGGER health_sources_search_update AFTER UPDATE ON health_sources BEGIN
    INSERT INTO search_changes (source, row_id) VALUES ('health_source', NEW.id);
END;
CREATE TRIGGER health_sources_search_delete AFTER DELETE ON health_sources BEGIN
    INSERT INTO search_changes (source, row_id) VALUES ('health_source', OLD.id);
END;
