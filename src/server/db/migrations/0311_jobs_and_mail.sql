-- Background jobs (src/server/jobs): the last run of each, shared by every app process so that a
-- daily job runs once a day however many processes serve the app. Each run also holds a
-- PostgreSQL advisory lock, so two processes never run the same job at once.
CREATE TABLE job_runs (
  name             text PRIMARY KEY,
  last_started_at  timestamptz,
  last_finished_at timestamptz,
  last_status      text CHECK (last_status IN ('running','ok','failed')),
  last_error       text,
  last_result      jsonb,
  runs             integer NOT NULL DEFAULT 0
);

-- Delivery of the outbox by SMTP: each attempt counts; a failed one waits before the next
-- (next_attempt_at) and after the last allowed attempt the mail is 'failed' with its error.
ALTER TABLE mail_outbox
  ADD COLUMN attempts        integer NOT NULL DEFAULT 0,
  ADD COLUMN next_attempt_at timestamptz,
  ADD COLUMN last_attempt_at timestamptz,
  ADD COLUMN message_id      text;
-- The sender's queue: only pending mail, oldest first.
CREATE INDEX mail_outbox_pending_idx ON mail_outbox (id) WHERE status = 'pending';
