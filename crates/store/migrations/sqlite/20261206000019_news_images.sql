-- A news item's optional image: re-encoded JPEG (app::photos), with its alternative text in both languages; at
-- most one per item. A new image gets a new id (AUTOINCREMENT: ids of removed images are never reused), so its
-- address can be cached.
-- (A news item with no date keeps '' in news.published, which is NOT NULL since migration 10; '' sorts before
-- every date, so undated items come last in the newest-first lists on both databases.)
CREATE TABLE news_images (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    news_id    INTEGER NOT NULL CONSTRAINT news_images_news_key UNIQUE REFERENCES news (id) ON DELETE CASCADE,
    alt_sv     TEXT NOT NULL,
    alt_en     TEXT NOT NULL,
    width      INTEGER NOT NULL,
    height     INTEGER NOT NULL,
    content    BLOB NOT NULL,
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL
);
