-- The leadership diagnostic (a 360): rounds, the groups asked, invitations, anonymous
-- responses, and self-ratings (of a round, or a self-audit with no round).
-- Keep in step with ../postgres/0002_diagnostic.sql (a test compares the two schemas).
--
-- Anonymity is part of the schema: a response carries its round and respondent group and
-- nothing else — no person, no invitation, no time. Whether an invitation was used is
-- kept on the invitation, to the day only, so the order of submissions cannot be matched
-- to the order of responses. Response ids are random (chosen by the store), not a
-- sequence, for the same reason.

CREATE TABLE diagnostic_rounds (
    id                  INTEGER PRIMARY KEY,
    school_id           INTEGER NOT NULL REFERENCES schools(org_id),
    leader_id           INTEGER NOT NULL REFERENCES people(id),
    instrument_id       TEXT NOT NULL,
    instrument_version  INTEGER NOT NULL,
    threshold           INTEGER NOT NULL CHECK (threshold >= 3),
    status              TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    opened_at           BIGINT NOT NULL,
    closed_at           BIGINT
);
CREATE INDEX diagnostic_rounds_leader ON diagnostic_rounds(leader_id, opened_at);

CREATE TABLE diagnostic_round_groups (
    round_id            INTEGER NOT NULL REFERENCES diagnostic_rounds(id) ON DELETE CASCADE,
    respondent_group    TEXT NOT NULL CHECK (respondent_group IN ('senior_leaders', 'middle_leaders',
                            'teachers', 'support_staff', 'governors')),
    PRIMARY KEY (round_id, respondent_group)
);

-- In-app (person_id set) or a single-use link (token_hash set: SHA-256 of the token,
-- which itself is shown once and never stored). used_on is the start of the UTC day.
CREATE TABLE diagnostic_invitations (
    id                  INTEGER PRIMARY KEY,
    round_id            INTEGER NOT NULL REFERENCES diagnostic_rounds(id) ON DELETE CASCADE,
    respondent_group    TEXT NOT NULL,
    person_id           INTEGER REFERENCES people(id) ON DELETE CASCADE,
    token_hash          TEXT UNIQUE,
    expires_at          BIGINT,
    used_on             BIGINT,
    CHECK ((person_id IS NULL) <> (token_hash IS NULL)),
    UNIQUE (round_id, person_id)
);
CREATE INDEX diagnostic_invitations_person ON diagnostic_invitations(person_id);

CREATE TABLE diagnostic_responses (
    id                  INTEGER PRIMARY KEY,
    round_id            INTEGER NOT NULL REFERENCES diagnostic_rounds(id) ON DELETE CASCADE,
    respondent_group    TEXT NOT NULL
);
CREATE INDEX diagnostic_responses_round ON diagnostic_responses(round_id, respondent_group);

-- One row per answered item; rating NULL means "don't know".
CREATE TABLE diagnostic_answers (
    response_id         BIGINT NOT NULL REFERENCES diagnostic_responses(id) ON DELETE CASCADE,
    item_id             TEXT NOT NULL,
    rating              INTEGER CHECK (rating BETWEEN 1 AND 10),
    PRIMARY KEY (response_id, item_id)
);

-- The leader's own ratings: of a round (round_id set; not anonymous), or a self-audit
-- (round_id NULL).
CREATE TABLE diagnostic_self_ratings (
    id                  INTEGER PRIMARY KEY,
    person_id           INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    round_id            INTEGER UNIQUE REFERENCES diagnostic_rounds(id) ON DELETE CASCADE,
    instrument_id       TEXT NOT NULL,
    instrument_version  INTEGER NOT NULL,
    rated_at            BIGINT NOT NULL
);
CREATE INDEX diagnostic_self_ratings_person ON diagnostic_self_ratings(person_id, rated_at);

CREATE TABLE diagnostic_self_answers (
    self_rating_id      INTEGER NOT NULL REFERENCES diagnostic_self_ratings(id) ON DELETE CASCADE,
    item_id             TEXT NOT NULL,
    rating              INTEGER CHECK (rating BETWEEN 1 AND 10),
    PRIMARY KEY (self_rating_id, item_id)
);
