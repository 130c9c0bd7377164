-- Learning triads and collaborative inquiry (issue 16, item 5): a group of three to six
-- staff with a question on a strand of the observation framework (and perhaps a priority
-- of the plan), the lessons they plan, the peer observations they link, their working
-- notes and their findings, shared with the school when they choose (shared_at). The
-- group's size and who reads what are `domain::inquiry`'s rules; dates are ISO-8601 text.
-- Keep in step with ../postgres/0024_inquiry.sql (a test compares the two schemas).
CREATE TABLE inquiries (
    id                  INTEGER PRIMARY KEY,
    school_id           INTEGER NOT NULL REFERENCES schools(org_id),
    question            TEXT NOT NULL,
    framework           TEXT NOT NULL,
    strand              TEXT NOT NULL,
    priority_id         INTEGER REFERENCES plan_priorities(id) ON DELETE SET NULL,
    notes               TEXT NOT NULL,
    findings            TEXT NOT NULL,
    shared_at           BIGINT,
    started_by          INTEGER NOT NULL REFERENCES people(id),
    created_at          BIGINT NOT NULL,
    CHECK (shared_at IS NULL OR findings <> '')
);
CREATE INDEX inquiries_school ON inquiries(school_id);

CREATE TABLE inquiry_members (
    inquiry_id          INTEGER NOT NULL REFERENCES inquiries(id) ON DELETE CASCADE,
    person_id           INTEGER NOT NULL REFERENCES people(id),
    PRIMARY KEY (inquiry_id, person_id)
);
CREATE INDEX inquiry_members_person ON inquiry_members(person_id);

CREATE TABLE inquiry_lessons (
    id                  INTEGER PRIMARY KEY,
    inquiry_id          INTEGER NOT NULL REFERENCES inquiries(id) ON DELETE CASCADE,
    taught_on           TEXT NOT NULL,
    class_id            INTEGER NOT NULL REFERENCES classes(id),
    teacher_id          INTEGER NOT NULL REFERENCES people(id),
    tried               TEXT NOT NULL,
    created_at          BIGINT NOT NULL
);
CREATE INDEX inquiry_lessons_inquiry ON inquiry_lessons(inquiry_id);

CREATE TABLE inquiry_observations (
    inquiry_id          INTEGER NOT NULL REFERENCES inquiries(id) ON DELETE CASCADE,
    observation_id      INTEGER NOT NULL REFERENCES observations(id) ON DELETE CASCADE,
    PRIMARY KEY (inquiry_id, observation_id)
);
