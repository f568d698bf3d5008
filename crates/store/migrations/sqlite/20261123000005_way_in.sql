-- The way in: services of infrastructures, premises, checklist rule templates and their documents, and access
-- requests with their checklist items, status history, messages and attachments.
CREATE TABLE services (
    id                INTEGER PRIMARY KEY,
    slug              TEXT NOT NULL CONSTRAINT services_slug_key UNIQUE,
    infrastructure_id INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    kind              TEXT NOT NULL,
    category          TEXT NOT NULL,
    name_sv           TEXT NOT NULL,
    name_en           TEXT NOT NULL,
    sort_sv           TEXT NOT NULL,
    sort_en           TEXT NOT NULL,
    description_sv    TEXT NOT NULL,
    description_en    TEXT NOT NULL,
    access_sv         TEXT NOT NULL,
    access_en         TEXT NOT NULL,
    pricing           TEXT,
    lead_time_sv      TEXT,
    lead_time_en      TEXT,
    capacity_sv       TEXT,
    capacity_en       TEXT,
    contact           TEXT,
    sme_welcome       INTEGER NOT NULL,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);
CREATE INDEX services_infrastructure_idx ON services (infrastructure_id);

CREATE TABLE service_tags (
    service_id INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    tag_id     INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (service_id, tag_id)
);

CREATE TABLE premises (
    id             INTEGER PRIMARY KEY,
    slug           TEXT NOT NULL CONSTRAINT premises_slug_key UNIQUE,
    owner_id       INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    campus_id      INTEGER NOT NULL REFERENCES campuses (id),
    usage          TEXT NOT NULL,
    name_sv        TEXT NOT NULL,
    name_en        TEXT NOT NULL,
    sort_sv        TEXT NOT NULL,
    sort_en        TEXT NOT NULL,
    description_sv TEXT NOT NULL,
    description_en TEXT NOT NULL,
    area_m2        INTEGER,
    available_from TEXT,
    contact        TEXT,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE INDEX premises_campus_idx ON premises (campus_id);

CREATE TABLE premises_tags (
    premises_id INTEGER NOT NULL REFERENCES premises (id) ON DELETE CASCADE,
    tag_id      INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (premises_id, tag_id)
);

CREATE TABLE template_documents (
    name       TEXT PRIMARY KEY,
    body_sv    TEXT NOT NULL,
    body_en    TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE checklist_templates (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL CONSTRAINT checklist_templates_key_key UNIQUE,
    position    INTEGER NOT NULL,
    stage       TEXT NOT NULL,
    owners      TEXT NOT NULL,
    party       TEXT NOT NULL,
    required    INTEGER NOT NULL,
    title_sv    TEXT NOT NULL,
    title_en    TEXT NOT NULL,
    guidance_sv TEXT NOT NULL,
    guidance_en TEXT NOT NULL,
    source      TEXT NOT NULL,
    source_url  TEXT,
    reviewed    TEXT NOT NULL,
    document    TEXT REFERENCES template_documents (name),
    retired     INTEGER NOT NULL DEFAULT 0,
    updated_at  INTEGER NOT NULL
);

CREATE TABLE access_requests (
    id                INTEGER PRIMARY KEY,
    company_id        INTEGER NOT NULL REFERENCES actors (id),
    provider_id       INTEGER NOT NULL REFERENCES actors (id),
    premises_id       INTEGER REFERENCES premises (id) ON DELETE SET NULL,
    created_by        INTEGER REFERENCES users (id) ON DELETE SET NULL,
    title             TEXT NOT NULL,
    need              TEXT NOT NULL,
    desired_start     TEXT,
    confidentiality   TEXT NOT NULL,
    status            TEXT NOT NULL,
    owner_form        TEXT,
    created_at        INTEGER NOT NULL,
    submitted_at      INTEGER,
    first_response_at INTEGER,
    stage_since       INTEGER NOT NULL,
    closed_at         INTEGER,
    updated_at        INTEGER NOT NULL
);
CREATE INDEX access_requests_company_idx ON access_requests (company_id);
CREATE INDEX access_requests_provider_idx ON access_requests (provider_id, status);

CREATE TABLE access_request_services (
    request_id INTEGER NOT NULL REFERENCES access_requests (id) ON DELETE CASCADE,
    service_id INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    PRIMARY KEY (request_id, service_id)
);

CREATE TABLE request_items (
    id            INTEGER PRIMARY KEY,
    request_id    INTEGER NOT NULL REFERENCES access_requests (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    template_key  TEXT NOT NULL,
    stage         TEXT NOT NULL,
    party         TEXT NOT NULL,
    required      INTEGER NOT NULL,
    title_sv      TEXT NOT NULL,
    title_en      TEXT NOT NULL,
    guidance_sv   TEXT NOT NULL,
    guidance_en   TEXT NOT NULL,
    source        TEXT NOT NULL,
    source_url    TEXT,
    document      TEXT,
    checked_by    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    checked_at    INTEGER,
    waived_by     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    waived_reason TEXT,
    waived_at     INTEGER,
    CONSTRAINT request_items_key UNIQUE (request_id, template_key)
);

CREATE TABLE request_events (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES access_requests (id) ON DELETE CASCADE,
    from_status TEXT,
    to_status   TEXT NOT NULL,
    user_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    reason      TEXT,
    at          INTEGER NOT NULL
);
CREATE INDEX request_events_request_idx ON request_events (request_id, id);

CREATE TABLE request_messages (
    id         INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES access_requests (id) ON DELETE CASCADE,
    user_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    side       TEXT NOT NULL,
    internal   INTEGER NOT NULL,
    body       TEXT NOT NULL,
    at         INTEGER NOT NULL
);
CREATE INDEX request_messages_request_idx ON request_messages (request_id, id);

-- Files are kept in the database (outside any web root), so they share its transactions, backups and servers.
CREATE TABLE request_attachments (
    id         INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES access_requests (id) ON DELETE CASCADE,
    user_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    side       TEXT NOT NULL,
    name       TEXT NOT NULL,
    file_type  TEXT NOT NULL,
    size       INTEGER NOT NULL,
    sha256     TEXT NOT NULL,
    content    BLOB NOT NULL,
    at         INTEGER NOT NULL
);
CREATE INDEX request_attachments_request_idx ON request_attachments (request_id);
