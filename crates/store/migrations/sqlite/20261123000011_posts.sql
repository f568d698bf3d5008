-- Partner posts: members offer or ask for cooperation; others express interest, which opens a conversation that
-- only the post's author and the interested member see.
CREATE TABLE posts (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL,
    title      TEXT NOT NULL,
    body       TEXT NOT NULL,
    author_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_on TEXT NOT NULL,
    closed_at  INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX posts_created_idx ON posts (created_at);

CREATE TABLE post_tags (
    post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    tag_id  INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (post_id, tag_id)
);

CREATE TABLE post_interests (
    id         INTEGER PRIMARY KEY,
    post_id    INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    CONSTRAINT post_interests_once UNIQUE (post_id, user_id)
);

CREATE TABLE post_messages (
    id          INTEGER PRIMARY KEY,
    interest_id INTEGER NOT NULL REFERENCES post_interests (id) ON DELETE CASCADE,
    sender_id   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    body        TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX post_messages_interest_idx ON post_messages (interest_id);
