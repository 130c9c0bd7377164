-- The staff advice network ("who do you go to for advice about …?", ANALYTICS.md §7): a
-- school's rounds of the question, who answered each round (so someone who named nobody
-- still counts as having answered), and each nomination by topic. A round is answered
-- while it is open; its results are read by the head and senior leaders only.
-- Keep in step with ../postgres/0021_advice_network.sql (a test compares the two schemas).

CREATE TABLE advice_rounds (
    id          INTEGER PRIMARY KEY,
    school_id   INTEGER NOT NULL REFERENCES schools(org_id),
    opened_by   INTEGER REFERENCES people(id) ON DELETE SET NULL,
    opened_at   BIGINT NOT NULL,
    closed_at   BIGINT
);
CREATE INDEX advice_rounds_school ON advice_rounds(school_id);

CREATE TABLE advice_respondents (
    round_id    INTEGER NOT NULL REFERENCES advice_rounds(id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    answered_at BIGINT NOT NULL,
    PRIMARY KEY (round_id, person_id)
);

CREATE TABLE advice_nominations (
    round_id    INTEGER NOT NULL REFERENCES advice_rounds(id) ON DELETE CASCADE,
    topic       TEXT NOT NULL CHECK (topic IN ('teaching_mathematics', 'behaviour',
                    'curriculum_planning', 'using_data', 'well_being')),
    source_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    target_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (round_id, topic, source_id, target_id),
    CHECK (source_id <> target_id)
);
