-- The data version: one number that every import bumps inside its own transaction, so every
-- app server (and a command-line import) agrees on when derived figures are stale. Figures
-- are cached by it; reading it is one cheap query per page.
-- Keep in step with ../sqlite/0010_data_version.sql (a test compares the two schemas).
CREATE TABLE data_version (
    id          BIGINT PRIMARY KEY CHECK (id = 1),
    version     BIGINT NOT NULL
);
INSERT INTO data_version (id, version) VALUES (1, 1);

-- Reference expectations fitted for a year and subject at a data version, serialised by the
-- application (its format number says which shape of fit the bytes hold). A new process
-- reads them instead of fitting again; a fit for an older data version is never read.
CREATE TABLE reference_fits (
    year_id       BIGINT NOT NULL REFERENCES academic_years(id) ON DELETE CASCADE,
    subject_id    BIGINT NOT NULL REFERENCES subjects(id) ON DELETE CASCADE,
    data_version  BIGINT NOT NULL,
    format        BIGINT NOT NULL,
    fit           BYTEA NOT NULL,
    PRIMARY KEY (year_id, subject_id)
);
