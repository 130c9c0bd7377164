-- Heads coaching heads and heads' learning communities (issue 18, item 3; EVIDENCE.md §10):
-- a pair of heads of a cluster's schools (an experienced coach and a new or struggling
-- coachee), set up by the cluster's lead; the pair's goals (their own words, or a focus the
-- coachee brought from their own 360 report), its sessions with notes private to the pair,
-- the outcomes agreed at each and how the last ones went. A learning community of the
-- cluster's heads: its members, its meetings with notes the members read, and its shared
-- inquiry (question, what was tried, findings). Time in post is the school's
-- head_started_on (0001). Dates are ISO-8601 text on both engines.
-- Keep in step with ../postgres/0028_heads_learning.sql (a test compares the two schemas).
CREATE TABLE head_pairs (
    id              INTEGER PRIMARY KEY,
    cluster_id      INTEGER NOT NULL REFERENCES orgs(id),
    coach_id        INTEGER NOT NULL REFERENCES people(id),
    coachee_id      INTEGER NOT NULL REFERENCES people(id),
    started_on      TEXT NOT NULL,
    ended_on        TEXT,
    created_by      INTEGER NOT NULL REFERENCES people(id),
    created_at      BIGINT NOT NULL,
    CHECK (coach_id <> coachee_id)
);
CREATE INDEX head_pairs_cluster ON head_pairs(cluster_id);

CREATE TABLE head_pair_goals (
    id              INTEGER PRIMARY KEY,
    pair_id         INTEGER NOT NULL REFERENCES head_pairs(id) ON DELETE CASCADE,
    text            TEXT NOT NULL,
    practice        TEXT,
    set_on          TEXT NOT NULL,
    set_by          INTEGER NOT NULL REFERENCES people(id),
    created_at      BIGINT NOT NULL
);
CREATE INDEX head_pair_goals_pair ON head_pair_goals(pair_id);

CREATE TABLE head_pair_sessions (
    id              INTEGER PRIMARY KEY,
    pair_id         INTEGER NOT NULL REFERENCES head_pairs(id) ON DELETE CASCADE,
    held_on         TEXT NOT NULL,
    notes           TEXT NOT NULL,
    outcomes        TEXT NOT NULL DEFAULT '',
    last_reviewed   TEXT NOT NULL DEFAULT '',
    written_by      INTEGER NOT NULL REFERENCES people(id),
    created_at      BIGINT NOT NULL
);
CREATE INDEX head_pair_sessions_pair ON head_pair_sessions(pair_id);

CREATE TABLE heads_communities (
    id              INTEGER PRIMARY KEY,
    cluster_id      INTEGER NOT NULL REFERENCES orgs(id),
    name            TEXT NOT NULL,
    question        TEXT NOT NULL,
    tried           TEXT NOT NULL DEFAULT '',
    findings        TEXT NOT NULL DEFAULT '',
    started_on      TEXT NOT NULL,
    started_by      INTEGER NOT NULL REFERENCES people(id),
    created_at      BIGINT NOT NULL
);
CREATE INDEX heads_communities_cluster ON heads_communities(cluster_id);

CREATE TABLE heads_community_members (
    community_id    INTEGER NOT NULL REFERENCES heads_communities(id) ON DELETE CASCADE,
    person_id       INTEGER NOT NULL REFERENCES people(id),
    PRIMARY KEY (community_id, person_id)
);
CREATE INDEX heads_community_members_person ON heads_community_members(person_id);

CREATE TABLE heads_community_meetings (
    id              INTEGER PRIMARY KEY,
    community_id    INTEGER NOT NULL REFERENCES heads_communities(id) ON DELETE CASCADE,
    held_on         TEXT NOT NULL,
    notes           TEXT NOT NULL,
    written_by      INTEGER NOT NULL REFERENCES people(id),
    created_at      BIGINT NOT NULL
);
CREATE INDEX heads_community_meetings_community ON heads_community_meetings(community_id);
