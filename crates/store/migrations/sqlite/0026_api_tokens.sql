-- Personal API tokens and the API's rate-limit windows.
-- A token is stored as the SHA-256 of its secret (a copy of the database holds no token
-- that works), with the first characters of the secret so its owner can tell tokens apart.
-- Its scopes are a space-separated list (read:schools read:progress …). A revoked token
-- keeps its row, so the account page and the audit log can still name it.
-- Requests are counted in fixed windows, one row per token or client address, in the
-- database: app servers keep no state of their own, so every server counts against the
-- same row.
-- Keep in step with ../postgres/0026_api_tokens.sql (a test compares the two schemas).
CREATE TABLE api_tokens (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    scopes        TEXT NOT NULL,
    token_hash    TEXT NOT NULL UNIQUE,
    prefix        TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    last_used_at  BIGINT,
    revoked_at    BIGINT
);
CREATE INDEX api_tokens_person ON api_tokens(person_id);

CREATE TABLE api_rate_windows (
    subject       TEXT PRIMARY KEY,
    window_start  BIGINT NOT NULL,
    requests      BIGINT NOT NULL
);
CREATE INDEX api_rate_windows_start ON api_rate_windows(window_start);
