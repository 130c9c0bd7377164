-- What each upload waiting for confirmation takes, so a school's share can be bounded
-- (a count and a total in bytes, the oldest swept to make room), and the order they were
-- kept in: created_at is in seconds and cannot tell apart two uploads of the same second.
-- Keep in step with ../sqlite/0013_pending_accounting.sql (a test compares the two schemas).
ALTER TABLE pending_imports ADD COLUMN size_bytes BIGINT NOT NULL DEFAULT 0;
ALTER TABLE pending_imports ADD COLUMN saved_at_us BIGINT NOT NULL DEFAULT 0;
ALTER TABLE pending_sheets ADD COLUMN size_bytes BIGINT NOT NULL DEFAULT 0;
ALTER TABLE pending_sheets ADD COLUMN saved_at_us BIGINT NOT NULL DEFAULT 0;
ALTER TABLE pending_bundles ADD COLUMN size_bytes BIGINT NOT NULL DEFAULT 0;
ALTER TABLE pending_bundles ADD COLUMN saved_at_us BIGINT NOT NULL DEFAULT 0;
ALTER TABLE pending_tables ADD COLUMN size_bytes BIGINT NOT NULL DEFAULT 0;
ALTER TABLE pending_tables ADD COLUMN saved_at_us BIGINT NOT NULL DEFAULT 0;
UPDATE pending_imports SET size_bytes = OCTET_LENGTH(batch), saved_at_us = created_at * 1000000;
UPDATE pending_sheets SET size_bytes = OCTET_LENGTH(sheet), saved_at_us = created_at * 1000000;
UPDATE pending_bundles SET size_bytes = OCTET_LENGTH(bundle), saved_at_us = created_at * 1000000;
UPDATE pending_tables SET size_bytes = OCTET_LENGTH(rows_json), saved_at_us = created_at * 1000000;
