-- Headway's data model: the organisation tree, people and roles, pupils, the school year,
-- classes, assessments and results; sessions, sign-in throttling and the audit log.
-- Keep in step with ../postgres/0001_foundation.sql (a test compares the two schemas).

CREATE TABLE orgs (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('system', 'cluster', 'trust', 'district', 'school')),
    name        TEXT NOT NULL,
    parent_id   INTEGER REFERENCES orgs(id),
    source_id   TEXT UNIQUE
);
CREATE INDEX orgs_parent ON orgs(parent_id);

CREATE TABLE schools (
    org_id              INTEGER PRIMARY KEY REFERENCES orgs(id),
    code                TEXT NOT NULL UNIQUE,
    phase               TEXT NOT NULL CHECK (phase IN ('primary', 'secondary', 'all_through', 'special')),
    number_on_roll      INTEGER NOT NULL CHECK (number_on_roll >= 0),
    fsm_share           DOUBLE PRECISION NOT NULL CHECK (fsm_share >= 0 AND fsm_share <= 1),
    head_started_on     TEXT,
    is_reference_only   BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE people (
    id              INTEGER PRIMARY KEY,
    email           TEXT UNIQUE,
    display_name    TEXT NOT NULL,
    password_hash   TEXT,
    locale          TEXT,
    source_id       TEXT UNIQUE,
    created_at      BIGINT NOT NULL
);

CREATE TABLE subjects (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL
);

CREATE TABLE role_assignments (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    role        TEXT NOT NULL CHECK (role IN ('head', 'senior_leader', 'middle_leader', 'teacher',
                    'support_staff', 'governor', 'data_manager', 'cluster_lead', 'system_leader', 'administrator')),
    org_id      INTEGER NOT NULL REFERENCES orgs(id),
    subject_id  INTEGER REFERENCES subjects(id),
    UNIQUE (person_id, role, org_id, subject_id)
);
CREATE INDEX role_assignments_person ON role_assignments(person_id);

CREATE TABLE academic_years (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    starts_on   TEXT NOT NULL,
    ends_on     TEXT NOT NULL,
    source_id   TEXT UNIQUE
);

CREATE TABLE pupils (
    id                  INTEGER PRIMARY KEY,
    school_id           INTEGER NOT NULL REFERENCES schools(org_id),
    pseudonym           TEXT NOT NULL UNIQUE,
    display_name        TEXT,
    cohort_year_id      INTEGER REFERENCES academic_years(id),
    disadvantaged       BOOLEAN,
    sen                 TEXT CHECK (sen IN ('none', 'support', 'plan')),
    eal                 BOOLEAN,
    gender              TEXT CHECK (gender IN ('female', 'male', 'other')),
    birth_date          TEXT,
    ethnicity_group     TEXT,
    source_id           TEXT UNIQUE
);
CREATE INDEX pupils_school_cohort ON pupils(school_id, cohort_year_id);

CREATE TABLE classes (
    id          INTEGER PRIMARY KEY,
    school_id   INTEGER NOT NULL REFERENCES schools(org_id),
    year_id     INTEGER NOT NULL REFERENCES academic_years(id),
    subject_id  INTEGER REFERENCES subjects(id),
    name        TEXT NOT NULL,
    year_group  INTEGER,
    source_id   TEXT UNIQUE
);
CREATE INDEX classes_school_year ON classes(school_id, year_id);

CREATE TABLE class_teachers (
    class_id    INTEGER NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (class_id, person_id)
);
CREATE INDEX class_teachers_person ON class_teachers(person_id);

CREATE TABLE enrolments (
    class_id    INTEGER NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
    pupil_id    INTEGER NOT NULL REFERENCES pupils(id) ON DELETE CASCADE,
    source_id   TEXT UNIQUE,
    PRIMARY KEY (class_id, pupil_id)
);
CREATE INDEX enrolments_pupil ON enrolments(pupil_id);

-- A baseline (prior attainment), interim (in-year) or final assessment point of a year.
-- school_id is NULL for a system-wide (national) assessment.
CREATE TABLE assessment_points (
    id          INTEGER PRIMARY KEY,
    year_id     INTEGER NOT NULL REFERENCES academic_years(id),
    school_id   INTEGER REFERENCES schools(org_id),
    kind        TEXT NOT NULL CHECK (kind IN ('baseline', 'interim', 'final')),
    name        TEXT NOT NULL,
    taken_on    TEXT NOT NULL,
    scale_min   DOUBLE PRECISION,
    scale_max   DOUBLE PRECISION,
    source_id   TEXT UNIQUE
);

CREATE TABLE results (
    id                  INTEGER PRIMARY KEY,
    pupil_id            INTEGER NOT NULL REFERENCES pupils(id) ON DELETE CASCADE,
    assessment_point_id INTEGER NOT NULL REFERENCES assessment_points(id),
    subject_id          INTEGER NOT NULL REFERENCES subjects(id),
    score               DOUBLE PRECISION NOT NULL,
    source_id           TEXT UNIQUE,
    UNIQUE (pupil_id, assessment_point_id, subject_id)
);
CREATE INDEX results_point_subject ON results(assessment_point_id, subject_id);

CREATE TABLE sessions (
    id          TEXT PRIMARY KEY,
    data        TEXT NOT NULL,
    expires_at  BIGINT NOT NULL
);
CREATE INDEX sessions_expiry ON sessions(expires_at);

CREATE TABLE sign_in_attempts (
    id          INTEGER PRIMARY KEY,
    email       TEXT NOT NULL,
    at          BIGINT NOT NULL,
    succeeded   BOOLEAN NOT NULL
);
CREATE INDEX sign_in_attempts_email_at ON sign_in_attempts(email, at);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          BIGINT NOT NULL,
    actor_id    INTEGER REFERENCES people(id),
    action      TEXT NOT NULL,
    detail      TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log(at);
