-- The cross-functional working group behind each area's action plan: people (accounts) with the organisation they
-- represent and whether they lead the group.
CREATE TABLE working_group_members (
    id       INTEGER PRIMARY KEY,
    area_id  INTEGER NOT NULL REFERENCES focus_areas (id) ON DELETE CASCADE,
    user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    actor_id INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    role     TEXT NOT NULL,
    added_at INTEGER NOT NULL,
    CONSTRAINT working_group_members_key UNIQUE (area_id, user_id)
);
CREATE INDEX working_group_members_user_idx ON working_group_members (user_id);
