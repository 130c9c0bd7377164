-- The spread (σ) of the reference population's pupil means across a year's subjects, for
-- the across-subjects headline when a year has no headline subject: computed from every
-- pupil of the year, so it is kept against the data version like a reference fit, and a
-- restarted server reads it instead of computing it again. NULL: it cannot be measured.
CREATE TABLE reference_spreads (
    year_id       BIGINT NOT NULL REFERENCES academic_years(id) ON DELETE CASCADE,
    data_version  BIGINT NOT NULL,
    spread        DOUBLE PRECISION,
    PRIMARY KEY (year_id)
);
