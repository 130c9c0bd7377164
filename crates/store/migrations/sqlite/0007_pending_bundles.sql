-- A OneRoster bundle checked and previewed in the browser, waiting for the confirm request:
-- the uploaded zip itself, checked again as it is written. (A validated batch of a million
-- results is several times the size of its zip.) Spreadsheets still wait as batches in
-- pending_imports.
-- Keep in step with ../postgres/0007_pending_bundles.sql (a test compares the two schemas).
CREATE TABLE pending_bundles (
    id          TEXT PRIMARY KEY,
    school_id   INTEGER NOT NULL REFERENCES schools(org_id),
    person_id   INTEGER NOT NULL REFERENCES people(id),
    file_name   TEXT NOT NULL,
    bundle      BLOB NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX pending_bundles_created ON pending_bundles(created_at);
