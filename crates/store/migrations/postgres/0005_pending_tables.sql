-- A published expectations table checked and previewed, waiting for the confirm request
-- (rows as JSON). It holds for the whole deployment, so it belongs to a person, not a school.
-- Keep in step with ../sqlite/0005_pending_tables.sql (a test compares the two schemas).
CREATE TABLE pending_tables (
    id          TEXT PRIMARY KEY,
    person_id   BIGINT NOT NULL REFERENCES people(id),
    file_name   TEXT NOT NULL,
    rows_json   TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX pending_tables_created ON pending_tables(created_at);
