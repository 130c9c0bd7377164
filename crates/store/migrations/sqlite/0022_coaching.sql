-- Coaching cycles (PRODUCT.md capability 4; issue 16, item 4): a coach and a coachee of a
-- school's staff, one goal — a strand of the observation framework (goal_kind 'strand',
-- goal the strand's id), a priority of the plan ('priority', goal its title as it stood,
-- priority_id while the priority exists) or a practice of the leadership 360 ('practice',
-- goal the practice's id) — action steps, reflections and notes, the observations the
-- coachee brought into it, and the evaluation that closes it. A cycle is read by its
-- coach and coachee only. Dates are ISO-8601 text on both engines.
-- Keep in step with ../postgres/0022_coaching.sql (a test compares the two schemas).
CREATE TABLE coaching_cycles (
    id              INTEGER PRIMARY KEY,
    school_id       INTEGER NOT NULL REFERENCES schools(org_id),
    coach_id        INTEGER NOT NULL REFERENCES people(id),
    coachee_id      INTEGER NOT NULL REFERENCES people(id),
    goal_kind       TEXT NOT NULL CHECK (goal_kind IN ('strand', 'priority', 'practice')),
    goal            TEXT NOT NULL,
    goal_source     TEXT NOT NULL,
    priority_id     INTEGER REFERENCES plan_priorities(id) ON DELETE SET NULL,
    opened_on       TEXT NOT NULL,
    opened_by       INTEGER NOT NULL REFERENCES people(id),
    closed_on       TEXT,
    what_changed    TEXT,
    evidence        TEXT,
    next_steps      TEXT,
    created_at      BIGINT NOT NULL,
    CHECK (coach_id <> coachee_id),
    CHECK ((closed_on IS NULL) = (what_changed IS NULL)),
    CHECK ((closed_on IS NULL) = (evidence IS NULL)),
    CHECK ((closed_on IS NULL) = (next_steps IS NULL))
);
CREATE INDEX coaching_cycles_coach ON coaching_cycles(school_id, coach_id);
CREATE INDEX coaching_cycles_coachee ON coaching_cycles(school_id, coachee_id);

CREATE TABLE coaching_entries (
    id              INTEGER PRIMARY KEY,
    cycle_id        INTEGER NOT NULL REFERENCES coaching_cycles(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind IN ('step', 'reflection', 'note')),
    author_id       INTEGER NOT NULL REFERENCES people(id),
    written_on      TEXT NOT NULL,
    body            TEXT NOT NULL,
    revisit_on      TEXT,
    created_at      BIGINT NOT NULL,
    CHECK ((kind = 'step') = (revisit_on IS NOT NULL))
);
CREATE INDEX coaching_entries_cycle ON coaching_entries(cycle_id);

CREATE TABLE coaching_observations (
    cycle_id        INTEGER NOT NULL REFERENCES coaching_cycles(id) ON DELETE CASCADE,
    observation_id  INTEGER NOT NULL REFERENCES observations(id) ON DELETE CASCADE,
    linked_at       BIGINT NOT NULL,
    PRIMARY KEY (cycle_id, observation_id)
);
