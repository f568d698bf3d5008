-- Health data: each researcher's privacy budget (in thousandths of epsilon) and the ledger of the questions they
-- asked. A question is kept under its canonical key with what it cost and the figures released for it (never the
-- true ones); asked again, the same figures are returned at no cost. Every ask, repeat and refusal is also in the
-- audit log.
CREATE TABLE health_budgets (
    user_id       INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    granted_milli INTEGER NOT NULL,
    granted_by    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    updated_at    INTEGER NOT NULL
);

CREATE TABLE health_questions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    question_key TEXT NOT NULL,
    definition   TEXT NOT NULL,
    cost_milli   INTEGER NOT NULL,
    released     TEXT NOT NULL,
    asked_at     INTEGER NOT NULL,
    CONSTRAINT health_questions_key UNIQUE (user_id, question_key)
);
