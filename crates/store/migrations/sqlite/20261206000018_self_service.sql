-- The way in, self-service. A company can register itself: it is an actor marked for the programme office's
-- review (`review` = 'unreviewed' until the office approves it), with its size class and the person who
-- registered it; a registration typed at sign-up waits in `company_registrations` until the address is
-- confirmed. A request sent to an infrastructure with no manager goes to the programme office (`to_office`),
-- which forwards it (`forwarded_from` on the history entry). `daily_mails` remembers which daily e-mail went
-- out on which day, so a restart never sends one twice.
ALTER TABLE actors ADD COLUMN review TEXT;
ALTER TABLE actors ADD COLUMN size_class TEXT;
ALTER TABLE actors ADD COLUMN registered_by INTEGER REFERENCES users (id) ON DELETE SET NULL;
CREATE INDEX actors_review_idx ON actors (review);

CREATE TABLE company_registrations (
    user_id    INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    org_number TEXT NOT NULL,
    name       TEXT NOT NULL,
    size_class TEXT NOT NULL,
    campus_id  INTEGER REFERENCES campuses (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL
);

ALTER TABLE access_requests ADD COLUMN to_office INTEGER NOT NULL DEFAULT 0;
ALTER TABLE request_events ADD COLUMN forwarded_from INTEGER REFERENCES actors (id) ON DELETE SET NULL;

CREATE TABLE daily_mails (
    kind TEXT NOT NULL,
    day  TEXT NOT NULL,
    PRIMARY KEY (kind, day)
);

-- What companies decide on: a service's price model (free, fixed price, hourly, quote), indicative price range,
-- lead time in weeks, the technology readiness levels it serves, its equipment and methods and the documents to
-- prepare; `reviewed_at` is when its manager last saw it was current (a service not reviewed in 12 months is
-- flagged to them).
UPDATE services SET pricing = 'quote' WHERE pricing IN ('full_cost', 'market_price', 'by_agreement');
UPDATE services SET pricing = 'fixed_price' WHERE pricing = 'fixed_fee';
ALTER TABLE services ADD COLUMN price_low INTEGER;
ALTER TABLE services ADD COLUMN price_high INTEGER;
ALTER TABLE services ADD COLUMN price_currency TEXT;
ALTER TABLE services ADD COLUMN lead_time_weeks INTEGER;
ALTER TABLE services ADD COLUMN trl_low INTEGER;
ALTER TABLE services ADD COLUMN trl_high INTEGER;
ALTER TABLE services ADD COLUMN equipment_sv TEXT;
ALTER TABLE services ADD COLUMN equipment_en TEXT;
ALTER TABLE services ADD COLUMN documents_sv TEXT;
ALTER TABLE services ADD COLUMN documents_en TEXT;
ALTER TABLE services ADD COLUMN reviewed_at INTEGER;
UPDATE services SET reviewed_at = updated_at;

-- Owners publish premises: a lab's biosafety level (1-4), the rent per square metre and year, the day a
-- listing was ended (it then leaves the catalogue and search), and photos — re-encoded JPEG, each with its
-- alternative text in both languages. Ids are never reused (a photo's address is cached).
ALTER TABLE premises ADD COLUMN safety_level INTEGER;
ALTER TABLE premises ADD COLUMN rent_per_m2 INTEGER;
ALTER TABLE premises ADD COLUMN ended_at INTEGER;

CREATE TABLE premises_photos (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    premises_id INTEGER NOT NULL REFERENCES premises (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    alt_sv      TEXT NOT NULL,
    alt_en      TEXT NOT NULL,
    width       INTEGER NOT NULL,
    height      INTEGER NOT NULL,
    content     BLOB NOT NULL,
    created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX premises_photos_premises_idx ON premises_photos (premises_id, position);

-- The office runs people from the browser: an account it deactivates can no longer sign in, and its sessions and
-- tokens end with it; it stays (with its history) and can be reactivated.
ALTER TABLE users ADD COLUMN deactivated_at INTEGER;
