-- A follow-up cycle can be the built-in example year (data/stockholm/follow_up.toml), shown as example data.
ALTER TABLE follow_up_cycles ADD COLUMN example BIGINT NOT NULL DEFAULT 0;
