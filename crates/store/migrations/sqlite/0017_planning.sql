-- Improvement planning (PRODUCT.md capability 3): one plan per school and academic year,
-- kept in versions. A version is a draft, agreed (then frozen: an edit opens a new draft
-- version, a copy) or closed. Its content — priorities, measures, actions, milestones and
-- review dates, the "stopped to make room" list — belongs to the version; what happens
-- while the plan runs — reviews, the progress and measure values recorded at them, manual
-- measure readings — belongs to the plan, and names a priority's, measure's or action's
-- lineage (the id of the row it was first written as, the same in every version's copy).
-- Dates are ISO-8601 text on both engines.
-- Keep in step with ../postgres/0017_planning.sql (a test compares the two schemas).
CREATE TABLE plans (
    id              INTEGER PRIMARY KEY,
    school_id       INTEGER NOT NULL REFERENCES schools(org_id),
    year_id         INTEGER NOT NULL REFERENCES academic_years(id),
    created_at      BIGINT NOT NULL,
    UNIQUE (school_id, year_id)
);

CREATE TABLE plan_versions (
    id              INTEGER PRIMARY KEY,
    plan_id         INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    version         INTEGER NOT NULL CHECK (version >= 1),
    state           TEXT NOT NULL CHECK (state IN ('draft', 'agreed', 'closed')),
    created_at      BIGINT NOT NULL,
    created_by      INTEGER REFERENCES people(id),
    agreed_at       BIGINT,
    agreed_by       INTEGER REFERENCES people(id),
    closed_at       BIGINT,
    UNIQUE (plan_id, version)
);

CREATE TABLE plan_priorities (
    id                  INTEGER PRIMARY KEY,
    version_id          INTEGER NOT NULL REFERENCES plan_versions(id) ON DELETE CASCADE,
    lineage             INTEGER,
    position            INTEGER NOT NULL,
    title               TEXT NOT NULL,
    rationale           TEXT NOT NULL,
    dimensions          TEXT NOT NULL,
    over_limit_reason   TEXT,
    evidence_kind       TEXT,
    evidence_url        TEXT,
    evidence_note       TEXT
);
CREATE INDEX plan_priorities_version ON plan_priorities(version_id, position);

CREATE TABLE plan_measures (
    id                  INTEGER PRIMARY KEY,
    priority_id         INTEGER NOT NULL REFERENCES plan_priorities(id) ON DELETE CASCADE,
    lineage             INTEGER,
    name                TEXT NOT NULL,
    spec                TEXT NOT NULL,
    higher_is_better    BOOLEAN NOT NULL,
    baseline_estimate   DOUBLE PRECISION,
    baseline_lower      DOUBLE PRECISION,
    baseline_upper      DOUBLE PRECISION,
    baseline_n          INTEGER,
    target_lower        DOUBLE PRECISION,
    target_upper        DOUBLE PRECISION
);
CREATE INDEX plan_measures_priority ON plan_measures(priority_id);

CREATE TABLE plan_actions (
    id                  INTEGER PRIMARY KEY,
    priority_id         INTEGER NOT NULL REFERENCES plan_priorities(id) ON DELETE CASCADE,
    lineage             INTEGER,
    title               TEXT NOT NULL,
    owner_id            INTEGER NOT NULL REFERENCES people(id),
    starts_on           TEXT NOT NULL,
    ends_on             TEXT NOT NULL,
    budget              DOUBLE PRECISION NOT NULL DEFAULT 0,
    hours_per_week      DOUBLE PRECISION NOT NULL DEFAULT 0,
    cpd_days            DOUBLE PRECISION NOT NULL DEFAULT 0,
    pattern             TEXT NOT NULL CHECK (pattern IN ('consultative', 'decisional')),
    teacher_leader_id   INTEGER REFERENCES people(id),
    leader_area         TEXT
);
CREATE INDEX plan_actions_priority ON plan_actions(priority_id);

CREATE TABLE plan_action_people (
    action_id   INTEGER NOT NULL REFERENCES plan_actions(id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES people(id),
    PRIMARY KEY (action_id, person_id)
);

CREATE TABLE plan_milestones (
    id              INTEGER PRIMARY KEY,
    priority_id     INTEGER NOT NULL REFERENCES plan_priorities(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind IN ('milestone', 'review')),
    due_on          TEXT NOT NULL,
    description     TEXT NOT NULL
);
CREATE INDEX plan_milestones_priority ON plan_milestones(priority_id);

CREATE TABLE plan_stopped (
    id              INTEGER PRIMARY KEY,
    version_id      INTEGER NOT NULL REFERENCES plan_versions(id) ON DELETE CASCADE,
    what            TEXT NOT NULL,
    why             TEXT NOT NULL
);
CREATE INDEX plan_stopped_version ON plan_stopped(version_id);

CREATE TABLE plan_reviews (
    id              INTEGER PRIMARY KEY,
    plan_id         INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    held_on         TEXT NOT NULL,
    evaluation      TEXT NOT NULL,
    created_by      INTEGER REFERENCES people(id),
    signed_off_by   INTEGER REFERENCES people(id),
    signed_off_at   BIGINT
);
CREATE INDEX plan_reviews_plan ON plan_reviews(plan_id, held_on);

CREATE TABLE plan_review_progress (
    review_id       INTEGER NOT NULL REFERENCES plan_reviews(id) ON DELETE CASCADE,
    action_lineage  INTEGER NOT NULL,
    progress        TEXT NOT NULL CHECK (progress IN ('done', 'in_progress', 'stalled', 'dropped')),
    reason          TEXT,
    recorded_by     INTEGER REFERENCES people(id),
    PRIMARY KEY (review_id, action_lineage)
);

CREATE TABLE plan_review_measures (
    review_id       INTEGER NOT NULL REFERENCES plan_reviews(id) ON DELETE CASCADE,
    measure_lineage INTEGER NOT NULL,
    estimate        DOUBLE PRECISION NOT NULL,
    lower_bound     DOUBLE PRECISION NOT NULL,
    upper_bound     DOUBLE PRECISION NOT NULL,
    n               INTEGER NOT NULL,
    PRIMARY KEY (review_id, measure_lineage)
);

CREATE TABLE plan_measure_readings (
    id              INTEGER PRIMARY KEY,
    plan_id         INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    measure_lineage INTEGER NOT NULL,
    taken_on        TEXT NOT NULL,
    value           DOUBLE PRECISION NOT NULL,
    evidence        TEXT NOT NULL,
    recorded_by     INTEGER REFERENCES people(id)
);
CREATE INDEX plan_measure_readings_measure ON plan_measure_readings(plan_id, measure_lineage);
