-- Surveys of staff, pupils and parents (PRODUCT.md capability 5): a survey is one wave
-- for one audience of one school, open for a window, then released to leaders (after
-- the head's review when asked for). Keep in step with ../postgres/0020_surveys.sql (a
-- test compares the two schemas).
--
-- Ways in (survey_links):
--   staff   a single-use link per member of staff on the roster: only the SHA-256 of its
--           token is kept; used_on (the start of the UTC day) says it has been used, so
--           it cannot be used again and a reminder goes only to the unused ones. The
--           link names its invitee for that reason alone; no page shows who has answered.
--   class   a code per class, printed on a sheet for the class (several pupils use it);
--           kept as written, since the sheet is printed again from it.
--   school  one code for the school's parents.
-- A response carries its survey and breakdown group (staff group, year group, or 'all')
-- and nothing else: no link, no person, no time; its id is random. Answers and the
-- comment hang off the response.

CREATE TABLE surveys (
    id                  INTEGER PRIMARY KEY,
    school_id           INTEGER NOT NULL REFERENCES schools(org_id),
    audience            TEXT NOT NULL CHECK (audience IN ('staff', 'pupils', 'parents')),
    instrument_id       TEXT NOT NULL,
    instrument_version  INTEGER NOT NULL,
    title               TEXT NOT NULL,
    threshold           INTEGER NOT NULL CHECK (threshold >= 3),
    review_by_head      BOOLEAN NOT NULL,
    status              TEXT NOT NULL CHECK (status IN ('open', 'awaiting_review', 'released')),
    opened_at           BIGINT NOT NULL,
    closes_on           TEXT,
    closed_at           BIGINT,
    released_at         BIGINT
);
CREATE INDEX surveys_school ON surveys(school_id, audience, opened_at);

CREATE TABLE survey_links (
    id                  INTEGER PRIMARY KEY,
    survey_id           INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
    kind                TEXT NOT NULL CHECK (kind IN ('staff', 'class', 'school')),
    token_hash          TEXT UNIQUE,
    code                TEXT UNIQUE,
    invitee_id          INTEGER REFERENCES people(id) ON DELETE CASCADE,
    class_id            INTEGER REFERENCES classes(id) ON DELETE CASCADE,
    group_key           TEXT,
    used_on             BIGINT,
    reminded_at         BIGINT,
    CHECK ((token_hash IS NULL) <> (code IS NULL)),
    UNIQUE (survey_id, invitee_id)
);
CREATE INDEX survey_links_survey ON survey_links(survey_id, kind);

CREATE TABLE survey_responses (
    id                  INTEGER PRIMARY KEY,
    survey_id           INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
    group_key           TEXT NOT NULL
);
CREATE INDEX survey_responses_survey ON survey_responses(survey_id, group_key);

CREATE TABLE survey_answers (
    response_id         BIGINT NOT NULL REFERENCES survey_responses(id) ON DELETE CASCADE,
    item_id             TEXT NOT NULL,
    rating              INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 10),
    PRIMARY KEY (response_id, item_id)
);

CREATE TABLE survey_comments (
    response_id         INTEGER PRIMARY KEY REFERENCES survey_responses(id) ON DELETE CASCADE,
    body                TEXT NOT NULL
);
