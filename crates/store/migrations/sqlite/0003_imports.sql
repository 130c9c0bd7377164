-- Imports: uploads waiting for confirmation, the column mapping a school last used for a
-- results spreadsheet, and the published tables of prior-attainment groups and expected
-- outcomes (ANALYTICS.md §2, steps 1 and 2).
-- Keep in step with ../postgres/0003_imports.sql (a test compares the two schemas).

-- A validated upload kept until it is confirmed or abandoned: app servers keep no state,
-- so the preview's batch waits here, keyed by a random id, for the confirm request.
CREATE TABLE pending_imports (
    id          TEXT PRIMARY KEY,
    school_id   INTEGER NOT NULL REFERENCES schools(org_id),
    person_id   INTEGER NOT NULL REFERENCES people(id),
    file_name   TEXT NOT NULL,
    batch       TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX pending_imports_created ON pending_imports(created_at);

-- Which spreadsheet column holds what (JSON: field -> column heading), per school.
CREATE TABLE import_column_mappings (
    school_id   INTEGER PRIMARY KEY REFERENCES schools(org_id),
    mapping     TEXT NOT NULL,
    updated_at  BIGINT NOT NULL
);

-- A published table of prior-attainment groups for a measure and year: the score range
-- [low, high] of each group.
CREATE TABLE prior_attainment_groups (
    id          INTEGER PRIMARY KEY,
    measure     TEXT NOT NULL,
    year_id     INTEGER NOT NULL REFERENCES academic_years(id),
    grp         TEXT NOT NULL,
    low         DOUBLE PRECISION NOT NULL,
    high        DOUBLE PRECISION NOT NULL CHECK (high >= low),
    UNIQUE (measure, year_id, grp)
);

-- A published table of estimates: a group's expected outcome for a measure and year.
CREATE TABLE expected_outcomes (
    id          INTEGER PRIMARY KEY,
    measure     TEXT NOT NULL,
    year_id     INTEGER NOT NULL REFERENCES academic_years(id),
    grp         TEXT NOT NULL,
    expected    DOUBLE PRECISION NOT NULL,
    UNIQUE (measure, year_id, grp)
);
