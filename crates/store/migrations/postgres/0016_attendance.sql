-- Attendance and behaviour: per pupil and academic year, the sessions the pupil could
-- have attended and did, their exclusions and behaviour incidents, from a school's
-- attendance spreadsheet (a sheet again replaces the row). Pending sheets say which kind
-- of sheet they are, and a school's attendance sheet has a column mapping of its own.
-- Keep in step with ../sqlite/0016_attendance.sql (a test compares the two schemas).
CREATE TABLE attendance (
    pupil_id            BIGINT NOT NULL REFERENCES pupils(id),
    year_id             BIGINT NOT NULL REFERENCES academic_years(id),
    sessions_possible   BIGINT NOT NULL CHECK (sessions_possible >= 0),
    sessions_attended   BIGINT NOT NULL CHECK (sessions_attended >= 0 AND sessions_attended <= sessions_possible),
    exclusions          BIGINT NOT NULL DEFAULT 0 CHECK (exclusions >= 0),
    incidents           BIGINT NOT NULL DEFAULT 0 CHECK (incidents >= 0),
    PRIMARY KEY (pupil_id, year_id)
);
CREATE INDEX attendance_year ON attendance(year_id);

ALTER TABLE pending_sheets ADD COLUMN kind TEXT NOT NULL DEFAULT 'results';
ALTER TABLE import_column_mappings ADD COLUMN attendance_mapping TEXT;
