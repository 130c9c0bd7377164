-- Results are identified by pupil, assessment point and subject: that is now their primary
-- key, and SQLite stores them in that order with no separate row id (one B-tree per row
-- instead of a table and a unique index). A results import writes a million rows in
-- seconds; each index it has to keep costs it time.
-- Keep in step with ../postgres/0006_results_by_key.sql (a test compares the two schemas).
CREATE TABLE results_by_key (
    pupil_id            INTEGER NOT NULL REFERENCES pupils(id) ON DELETE CASCADE,
    assessment_point_id INTEGER NOT NULL REFERENCES assessment_points(id),
    subject_id          INTEGER NOT NULL REFERENCES subjects(id),
    score               DOUBLE PRECISION NOT NULL,
    source_id           TEXT,
    PRIMARY KEY (pupil_id, assessment_point_id, subject_id)
) WITHOUT ROWID;
INSERT INTO results_by_key (pupil_id, assessment_point_id, subject_id, score, source_id)
    SELECT pupil_id, assessment_point_id, subject_id, score, source_id FROM results;
DROP TABLE results;
ALTER TABLE results_by_key RENAME TO results;
CREATE INDEX results_point_subject ON results(assessment_point_id, subject_id);
-- A named index, not a column constraint, so that a first import can build it once at the end.
CREATE UNIQUE INDEX results_source_id ON results(source_id);
