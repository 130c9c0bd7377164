-- Teacher learning (PRODUCT.md capability 4): observations on the framework held as data
-- (instruments/observation/), and each school's policy on leaders reading them. A record
-- keeps the framework's id and version and a strand id of it; a learning walk has no
-- action step, every other kind exactly one, with its revisit date. Dates are ISO-8601
-- text on both engines. No column holds a grade: the framework grades nothing.
-- Keep in step with ../postgres/0019_observation.sql (a test compares the two schemas).
CREATE TABLE observation_policies (
    school_id       INTEGER PRIMARY KEY REFERENCES schools(org_id),
    policy          TEXT NOT NULL CHECK (policy IN ('private', 'leaders_read_observations')),
    changed_at      BIGINT NOT NULL,
    changed_by      INTEGER REFERENCES people(id)
);

CREATE TABLE observations (
    id                  INTEGER PRIMARY KEY,
    school_id           INTEGER NOT NULL REFERENCES schools(org_id),
    kind                TEXT NOT NULL CHECK (kind IN ('learning_walk', 'developmental', 'peer', 'self_reflection')),
    observed_on         TEXT NOT NULL,
    class_id            INTEGER NOT NULL REFERENCES classes(id),
    teacher_id          INTEGER NOT NULL REFERENCES people(id),
    observer_id         INTEGER NOT NULL REFERENCES people(id),
    framework           TEXT NOT NULL,
    framework_version   INTEGER NOT NULL,
    strand              TEXT NOT NULL,
    priority_id         INTEGER REFERENCES plan_priorities(id) ON DELETE SET NULL,
    evidence            TEXT NOT NULL,
    strengths           TEXT NOT NULL,
    action_step         TEXT,
    revisit_on          TEXT,
    coach_id            INTEGER REFERENCES people(id),
    created_at          BIGINT NOT NULL,
    CHECK ((kind = 'learning_walk') = (action_step IS NULL)),
    CHECK ((action_step IS NULL) = (revisit_on IS NULL)),
    CHECK ((kind = 'self_reflection') = (teacher_id = observer_id))
);
CREATE INDEX observations_teacher ON observations(school_id, teacher_id);
CREATE INDEX observations_observer ON observations(school_id, observer_id);
CREATE INDEX observations_coach ON observations(coach_id);
