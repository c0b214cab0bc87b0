-- The org each letter concerns (the report's org, the invited member's cell), so that the
-- outbox is read within the caller's scope like the audit log: an inspector of one ward no
-- longer reads the mail of the whole country. Existing letters get theirs from their dedupe
-- keys ('mail:<user>:<report>:…' for reminders, 'study-invite:<session>:<member>').
ALTER TABLE mail_outbox ADD COLUMN IF NOT EXISTS org_id bigint;

UPDATE mail_outbox m SET org_id = r.org_id
  FROM reports r
 WHERE m.org_id IS NULL AND m.dedupe_key LIKE 'mail:%' AND r.id = split_part(m.dedupe_key, ':', 3)::bigint;

UPDATE mail_outbox m SET org_id = mb.org_id
  FROM members mb
 WHERE m.org_id IS NULL AND m.dedupe_key LIKE 'study-invite:%' AND mb.id = split_part(m.dedupe_key, ':', 3)::bigint;

CREATE INDEX IF NOT EXISTS mail_outbox_org_idx ON mail_outbox (org_id, id DESC);
