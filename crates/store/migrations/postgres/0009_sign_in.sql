-- Hardened sign-in. Sessions are stored under the SHA-256 of their id, so a copy of the
-- database holds no live session, and with the person signed in, so that changing a
-- password can end that person's other sessions. (Sessions kept under their raw id cannot
-- be carried over: everyone signs in again.) Failed sign-ins are counted in one row per
-- account and one per client address, updated atomically before a password is checked;
-- they replace sign_in_attempts, a row per attempt read before and written after.
-- Keep in step with ../sqlite/0009_sign_in.sql (a test compares the two schemas).
DROP TABLE sessions;
CREATE TABLE sessions (
    id_hash     TEXT PRIMARY KEY,
    person_id   BIGINT REFERENCES people(id) ON DELETE CASCADE,
    data        TEXT NOT NULL,
    expires_at  BIGINT NOT NULL
);
CREATE INDEX sessions_expiry ON sessions(expires_at);
CREATE INDEX sessions_person ON sessions(person_id);

DROP TABLE sign_in_attempts;
CREATE TABLE sign_in_throttle (
    counted_by  TEXT NOT NULL CHECK (counted_by IN ('account', 'address')),
    subject     TEXT NOT NULL,
    attempts    BIGINT NOT NULL,
    last_at     BIGINT NOT NULL,
    next_at     BIGINT NOT NULL,
    PRIMARY KEY (counted_by, subject)
);
CREATE INDEX sign_in_throttle_last ON sign_in_throttle(last_at);
