-- The way in, self-service. A company can register itself: it is an actor marked for the programme office's
-- review (`review` = 'unreviewed' until the office approves it), with its size class and the person who
-- registered it; a registration typed at sign-up waits in `company_registrations` until the address is
-- confirmed. A request sent to an infrastructure with no manager goes to the programme office (`to_office`),
-- which forwards it (`forwarded_from` on the history entry). `daily_mails` remembers which daily e-mail went
-- out on which day, so a restart never sends one twice.
ALTER TABLE actors ADD COLUMN review TEXT;
ALTER TABLE actors ADD COLUMN size_class TEXT;
ALTER TABLE actors ADD COLUMN registered_by BIGINT REFERENCES users (id) ON DELETE SET NULL;
CREATE INDEX actors_review_idx ON actors (review);

CREATE TABLE company_registrations (
    user_id    BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    org_number TEXT NOT NULL,
    name       TEXT NOT NULL,
    size_class TEXT NOT NULL,
    campus_id  BIGINT REFERENCES campuses (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);

ALTER TABLE access_requests ADD COLUMN to_office BIGINT NOT NULL DEFAULT 0;
ALTER TABLE request_events ADD COLUMN forwarded_from BIGINT REFERENCES actors (id) ON DELETE SET NULL;

CREATE TABLE daily_mails (
    kind TEXT NOT NULL,
    day  TEXT NOT NULL,
    PRIMARY KEY (kind, day)
);
