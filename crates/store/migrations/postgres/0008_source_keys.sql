-- Source ids (OneRoster sourcedIds) belong to the school that sent them: two schools may use
-- the same ids for different pupils, and one school's import must neither find nor reveal
-- another's rows. Every id a school's import matches on lives here, under that school; the
-- deployment-wide source_id columns are no longer written for school data (they are cleared
-- below), except for organisations above schools and system-wide assessment points, which
-- only an operator's import creates.
-- Keep in step with ../sqlite/0008_source_keys.sql (a test compares the two schemas).
CREATE TABLE source_keys (
    school_id   BIGINT NOT NULL REFERENCES schools(org_id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('school', 'person', 'pupil', 'class', 'year', 'point')),
    source_id   TEXT NOT NULL,
    target_id   BIGINT NOT NULL,
    PRIMARY KEY (school_id, kind, source_id)
);
CREATE INDEX source_keys_target ON source_keys(kind, target_id);

INSERT INTO source_keys (school_id, kind, source_id, target_id)
    SELECT s.org_id, 'school', o.source_id, s.org_id FROM schools s JOIN orgs o ON o.id = s.org_id
    WHERE o.source_id IS NOT NULL;
INSERT INTO source_keys (school_id, kind, source_id, target_id)
    SELECT school_id, 'pupil', source_id, id FROM pupils WHERE source_id IS NOT NULL;
INSERT INTO source_keys (school_id, kind, source_id, target_id)
    SELECT school_id, 'class', source_id, id FROM classes WHERE source_id IS NOT NULL;
INSERT INTO source_keys (school_id, kind, source_id, target_id)
    SELECT school_id, 'point', source_id, id FROM assessment_points
    WHERE source_id IS NOT NULL AND school_id IS NOT NULL;
INSERT INTO source_keys (school_id, kind, source_id, target_id)
    SELECT DISTINCT c.school_id, 'year', y.source_id, y.id FROM academic_years y
    JOIN classes c ON c.year_id = y.id WHERE y.source_id IS NOT NULL;
INSERT INTO source_keys (school_id, kind, source_id, target_id)
    SELECT DISTINCT r.org_id, 'person', p.source_id, p.id FROM people p
    JOIN role_assignments r ON r.person_id = p.id JOIN schools s ON s.org_id = r.org_id
    WHERE p.source_id IS NOT NULL;

UPDATE orgs SET source_id = NULL WHERE id IN (SELECT org_id FROM schools);
UPDATE pupils SET source_id = NULL;
UPDATE classes SET source_id = NULL;
UPDATE people SET source_id = NULL;
UPDATE academic_years SET source_id = NULL;
UPDATE assessment_points SET source_id = NULL WHERE school_id IS NOT NULL;

-- Enrolments and results keep the sourcedId they came with (a delta file removes them by
-- it), unique only within their school, so the deployment-wide uniqueness goes.
CREATE TABLE enrolments_scoped (
    class_id    BIGINT NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
    pupil_id    BIGINT NOT NULL REFERENCES pupils(id) ON DELETE CASCADE,
    source_id   TEXT,
    PRIMARY KEY (class_id, pupil_id)
);
INSERT INTO enrolments_scoped (class_id, pupil_id, source_id)
    SELECT class_id, pupil_id, source_id FROM enrolments;
DROP TABLE enrolments;
ALTER TABLE enrolments_scoped RENAME TO enrolments;
ALTER INDEX enrolments_scoped_pkey RENAME TO enrolments_pkey;
CREATE INDEX enrolments_pupil ON enrolments(pupil_id);
CREATE INDEX enrolments_source_id ON enrolments(source_id);

DROP INDEX results_source_id;
CREATE INDEX results_source_id ON results(source_id);

-- The preview an upload was shown, kept with it so that it is computed once, at upload.
ALTER TABLE pending_bundles ADD COLUMN preview TEXT;
ALTER TABLE pending_imports ADD COLUMN preview TEXT;
