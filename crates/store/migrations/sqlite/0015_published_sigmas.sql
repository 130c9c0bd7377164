-- The published standard deviation of pupil value added for a measure and year, imported
-- with its expectations table (e.g. DfE's national SD for Progress 8): the confidence
-- intervals use it instead of the deployment's own spread (ANALYTICS.md §2 step 5).
CREATE TABLE published_sigmas (
    measure     TEXT NOT NULL,
    year_id     INTEGER NOT NULL REFERENCES academic_years(id),
    sigma       DOUBLE PRECISION NOT NULL CHECK (sigma > 0),
    PRIMARY KEY (measure, year_id)
);
