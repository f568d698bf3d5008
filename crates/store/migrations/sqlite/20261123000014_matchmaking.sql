-- Matchmaking at an event: the organiser's meeting slots, the participants with their short profiles, requests for
-- 1:1 meetings, and the bookings. A booking row per person and slot makes a double-booked slot impossible in the
-- database itself, whatever the code above it does.
CREATE TABLE matchmaking_slots (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    start_local TEXT NOT NULL,
    end_local   TEXT NOT NULL,
    starts_at   INTEGER NOT NULL,
    ends_at     INTEGER NOT NULL,
    CONSTRAINT matchmaking_slots_key UNIQUE (event_id, start_local)
);

CREATE TABLE matchmaking_participants (
    id            INTEGER PRIMARY KEY,
    event_id      INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organisation  TEXT NOT NULL,
    profile       TEXT NOT NULL,
    registered_at INTEGER NOT NULL,
    CONSTRAINT matchmaking_participants_key UNIQUE (event_id, user_id)
);
CREATE INDEX matchmaking_participants_user_idx ON matchmaking_participants (user_id);

CREATE TABLE meeting_requests (
    id           INTEGER PRIMARY KEY,
    event_id     INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    requester_id INTEGER NOT NULL REFERENCES matchmaking_participants (id) ON DELETE CASCADE,
    invitee_id   INTEGER NOT NULL REFERENCES matchmaking_participants (id) ON DELETE CASCADE,
    message      TEXT NOT NULL,
    state        TEXT NOT NULL,
    slot_id      INTEGER REFERENCES matchmaking_slots (id) ON DELETE SET NULL,
    created_at   INTEGER NOT NULL,
    decided_at   INTEGER
);
CREATE INDEX meeting_requests_event_idx ON meeting_requests (event_id);
CREATE UNIQUE INDEX meeting_requests_open_key ON meeting_requests (requester_id, invitee_id) WHERE state = 'pending';

CREATE TABLE slot_bookings (
    slot_id        INTEGER NOT NULL REFERENCES matchmaking_slots (id) ON DELETE CASCADE,
    participant_id INTEGER NOT NULL REFERENCES matchmaking_participants (id) ON DELETE CASCADE,
    request_id     INTEGER NOT NULL REFERENCES meeting_requests (id) ON DELETE CASCADE,
    PRIMARY KEY (slot_id, participant_id)
);
