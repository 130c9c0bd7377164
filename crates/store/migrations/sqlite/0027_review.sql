-- Peer review between schools in a cluster (issue 18, item 2; EVIDENCE.md §10, the Schools
-- Partnership Programme): review cycles of a cluster; each review of one school by a team
-- of leaders from the cluster's other schools, through its stages; the figures the school
-- shared, kept as a dated snapshot with their intervals (the team reads these, never the
-- school's live pages); lines of enquiry (Headway's suggestion, or the team's own) with
-- evidence notes; findings; the improvement workshop; follow-up actions, with the plan
-- action each became; and reviewers' training. Dates are ISO-8601 text on both engines.
-- Keep in step with ../postgres/0027_review.sql (a test compares the two schemas).
CREATE TABLE review_cycles (
    id              INTEGER PRIMARY KEY,
    cluster_id      INTEGER NOT NULL REFERENCES orgs(id),
    name            TEXT NOT NULL,
    opened_on       TEXT NOT NULL,
    opened_by       INTEGER NOT NULL REFERENCES people(id),
    created_at      BIGINT NOT NULL
);
CREATE INDEX review_cycles_cluster ON review_cycles(cluster_id);

CREATE TABLE reviews (
    id              INTEGER PRIMARY KEY,
    cycle_id        INTEGER NOT NULL REFERENCES review_cycles(id),
    school_id       INTEGER NOT NULL REFERENCES schools(org_id),
    stage           TEXT NOT NULL CHECK (stage IN ('self_review', 'sharing_data', 'visit',
                        'evidence', 'findings', 'workshop', 'follow_up', 'closed')),
    self_review     TEXT NOT NULL DEFAULT '',
    shared_on       TEXT,
    visit_on        TEXT,
    workshop_on     TEXT,
    workshop_notes  TEXT NOT NULL DEFAULT '',
    released_on     TEXT,
    released_by     INTEGER REFERENCES people(id),
    created_at      BIGINT NOT NULL,
    UNIQUE (cycle_id, school_id)
);
CREATE INDEX reviews_school ON reviews(school_id);

CREATE TABLE review_team (
    review_id       INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    person_id       INTEGER NOT NULL REFERENCES people(id),
    PRIMARY KEY (review_id, person_id)
);
CREATE INDEX review_team_person ON review_team(person_id);

CREATE TABLE review_shared_figures (
    id              INTEGER PRIMARY KEY,
    review_id       INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind IN ('headline_value_added', 'disadvantaged_gap',
                        'gap_change', 'direction', 'attendance')),
    measure         TEXT NOT NULL,
    year_name       TEXT NOT NULL,
    value           DOUBLE PRECISION NOT NULL,
    ci_lower        DOUBLE PRECISION NOT NULL,
    ci_upper        DOUBLE PRECISION NOT NULL,
    pupils          BIGINT,
    UNIQUE (review_id, kind)
);

CREATE TABLE review_enquiries (
    id              INTEGER PRIMARY KEY,
    review_id       INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    text            TEXT NOT NULL,
    suggested_from  TEXT,
    added_by        INTEGER NOT NULL REFERENCES people(id),
    created_at      BIGINT NOT NULL
);
CREATE INDEX review_enquiries_review ON review_enquiries(review_id);

CREATE TABLE review_evidence (
    id              INTEGER PRIMARY KEY,
    enquiry_id      INTEGER NOT NULL REFERENCES review_enquiries(id) ON DELETE CASCADE,
    note            TEXT NOT NULL,
    written_by      INTEGER NOT NULL REFERENCES people(id),
    created_at      BIGINT NOT NULL
);
CREATE INDEX review_evidence_enquiry ON review_evidence(enquiry_id);

CREATE TABLE review_findings (
    id              INTEGER PRIMARY KEY,
    review_id       INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind IN ('strength', 'explore')),
    text            TEXT NOT NULL,
    written_by      INTEGER NOT NULL REFERENCES people(id),
    created_at      BIGINT NOT NULL
);
CREATE INDEX review_findings_review ON review_findings(review_id);

CREATE TABLE review_follow_ups (
    id              INTEGER PRIMARY KEY,
    review_id       INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    text            TEXT NOT NULL,
    plan_action_id  INTEGER REFERENCES plan_actions(id) ON DELETE SET NULL,
    added_by        INTEGER NOT NULL REFERENCES people(id),
    created_at      BIGINT NOT NULL
);
CREATE INDEX review_follow_ups_review ON review_follow_ups(review_id);

CREATE TABLE reviewer_training (
    person_id       INTEGER NOT NULL REFERENCES people(id),
    cluster_id      INTEGER NOT NULL REFERENCES orgs(id),
    completed_on    TEXT NOT NULL,
    recorded_by     INTEGER NOT NULL REFERENCES people(id),
    PRIMARY KEY (person_id, cluster_id)
);
