-- 360 invitations stand for people: every invitation names its invitee and says how it
-- reaches them. Keep in step with ../postgres/0012_invitations.sql (a test compares them).
--
-- channel:
--   in_app  answered from the invitee's own surveys (person_id = invitee_id).
--   outbox  a single-use link for a named invitee, issued on the outbox page by someone
--           who is not the rated leader; issuing again replaces token_hash.
--   email   the same link, sent by SMTP to the invitee's address. A send that fails moves
--           the invitation to the outbox, so the link is not lost.
--   link    an anonymous link from before this migration.
-- Before a link is issued, token_hash holds the hash of a random token nobody was shown,
-- so it answers nothing; issued_at says when the current link was issued (NULL: not yet).
--
-- The rated leader could hold the anonymous links and answer as anyone (and then solve
-- for a lone invitee's answers from the means), so those not yet used are expired here.
-- One invitation per invitee per round, whichever channel, so nobody answers twice.

ALTER TABLE diagnostic_invitations ADD COLUMN invitee_id INTEGER REFERENCES people(id) ON DELETE CASCADE;
ALTER TABLE diagnostic_invitations ADD COLUMN channel TEXT NOT NULL DEFAULT 'in_app' CHECK (channel IN ('in_app', 'outbox', 'email', 'link'));
ALTER TABLE diagnostic_invitations ADD COLUMN issued_at BIGINT;
UPDATE diagnostic_invitations SET invitee_id = person_id WHERE person_id IS NOT NULL;
UPDATE diagnostic_invitations SET channel = 'link' WHERE token_hash IS NOT NULL;
UPDATE diagnostic_invitations SET expires_at = 0 WHERE token_hash IS NOT NULL AND used_on IS NULL;
CREATE UNIQUE INDEX diagnostic_invitations_invitee ON diagnostic_invitations(round_id, invitee_id);
