-- One answer per pupil (issue 17): a pupil survey is still answered by class code, and
-- each pupil on the class's roster gets a slip with a personal single-use code besides.
-- Keep in step with ../postgres/0029_survey_slips.sql (a test compares the two schemas).
--
-- A slip works as a staff link does: used_on (the start of the UTC day) marks it used,
-- so it cannot answer twice. The slip names its pupil only so that the sheet can be
-- printed with names for the teacher to hand out; a response still carries its survey
-- and group and nothing else, so no answer can be tied to a slip or a pupil. Codes are
-- kept as written, as class codes are, since the sheet is printed again from them. Each
-- pupil has one slip per survey, on the sheet of the first of the survey's classes they
-- are in.

CREATE TABLE survey_slips (
    id                  INTEGER PRIMARY KEY,
    survey_id           INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
    link_id             INTEGER NOT NULL REFERENCES survey_links(id) ON DELETE CASCADE,
    pupil_id            INTEGER NOT NULL REFERENCES pupils(id) ON DELETE CASCADE,
    code                TEXT NOT NULL UNIQUE,
    used_on             BIGINT,
    UNIQUE (survey_id, pupil_id)
);
CREATE INDEX survey_slips_link ON survey_slips(link_id);
