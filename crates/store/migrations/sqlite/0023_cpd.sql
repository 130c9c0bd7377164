-- Teacher learning (PRODUCT.md capability 4; issue 16, item 6): each member of staff's own
-- CPD log. An activity belongs to one person, who alone reads and changes it; leaders see
-- only the counts of `domain::cpd::summary`. Time is whole minutes, so hours add up
-- exactly on both engines; dates are ISO-8601 text. An activity may serve one priority of
-- the school's plan (kept if the plan's version is replaced: the priority's lineage
-- follows it) and any strands of the observation framework it names.
-- Keep in step with ../postgres/0023_cpd.sql (a test compares the two schemas).
CREATE TABLE cpd_activities (
    id                  INTEGER PRIMARY KEY,
    school_id           INTEGER NOT NULL REFERENCES schools(org_id),
    person_id           INTEGER NOT NULL REFERENCES people(id),
    kind                TEXT NOT NULL CHECK (kind IN ('course', 'in_school_training', 'coaching', 'reading', 'triad')),
    title               TEXT NOT NULL,
    occurred_on         TEXT NOT NULL,
    minutes             INTEGER NOT NULL CHECK (minutes > 0),
    priority_id         INTEGER REFERENCES plan_priorities(id) ON DELETE SET NULL,
    led_by              INTEGER REFERENCES people(id),
    reflection          TEXT NOT NULL,
    framework           TEXT NOT NULL,
    framework_version   INTEGER NOT NULL,
    created_at          BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL
);
CREATE INDEX cpd_activities_person ON cpd_activities(school_id, person_id);
CREATE INDEX cpd_activities_led_by ON cpd_activities(led_by);

CREATE TABLE cpd_activity_strands (
    activity_id         INTEGER NOT NULL REFERENCES cpd_activities(id) ON DELETE CASCADE,
    strand              TEXT NOT NULL,
    PRIMARY KEY (activity_id, strand)
);
