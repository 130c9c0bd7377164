-- Who sees names in the advice network (issue 17, item 7): the head alone, and only when
-- the school's setting says so (off unless the head turns it on). Each round keeps what
-- the setting was when it opened, since that is what its notice told staff before they
-- answered: turning names on later does not reach an earlier round.
-- Keep in step with ../postgres/0025_advice_network_names.sql (a test compares the two schemas).

CREATE TABLE advice_network_settings (
    school_id       INTEGER PRIMARY KEY REFERENCES schools(org_id),
    names_to_head   BOOLEAN NOT NULL,
    changed_at      BIGINT NOT NULL,
    changed_by      INTEGER REFERENCES people(id) ON DELETE SET NULL
);

ALTER TABLE advice_rounds ADD COLUMN names_to_head BOOLEAN NOT NULL DEFAULT FALSE;
