-- A results spreadsheet waiting for its columns to be mapped: the sheet's headings and rows
-- (JSON), kept between the upload and the mapping form, since app servers keep no state.
-- Keep in step with ../sqlite/0004_pending_sheets.sql (a test compares the two schemas).
CREATE TABLE pending_sheets (
    id          TEXT PRIMARY KEY,
    school_id   BIGINT NOT NULL REFERENCES schools(org_id),
    person_id   BIGINT NOT NULL REFERENCES people(id),
    file_name   TEXT NOT NULL,
    sheet       TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX pending_sheets_created ON pending_sheets(created_at);
