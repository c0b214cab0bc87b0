-- Progress: reporting schedules, periodic reports and their workflow, approved values and
-- their rollups up the org tree, explanation requests, reminders and the mail outbox,
-- public dashboard links.

-- A document's reporting schedule: one row per period type it is reported on.
CREATE TABLE report_schedules (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  document_id       bigint NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  period_type       text NOT NULL CHECK (period_type IN ('month','quarter','half_year','year','midterm','final')),
  -- Days after the period's end when the document's own org reports; each level below is due
  -- level_offset_days earlier (src/domain/targets/periods.ts dueDate), so that a higher org
  -- has its children's reports in hand.
  due_days          integer NOT NULL DEFAULT 15,
  level_offset_days integer NOT NULL DEFAULT 5 CHECK (level_offset_days >= 0),
  version           integer NOT NULL DEFAULT 1,
  created_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (document_id, period_type)
);

-- One report per schedule, org and period. Rows are created for every org that holds targets
-- or tasks of the document's cascade when the schedule is opened, so completeness is a count.
CREATE TABLE reports (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  schedule_id    bigint NOT NULL REFERENCES report_schedules(id) ON DELETE CASCADE,
  document_id    bigint NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  org_id         bigint NOT NULL REFERENCES orgs(id),
  -- Copied from orgs so that scope filters and completeness rollups use one gist index here.
  org_path       ltree NOT NULL,
  period_type    text NOT NULL,
  period_key     text NOT NULL,
  period_start   date NOT NULL,
  period_end     date NOT NULL,
  due_date       date NOT NULL,
  status         text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted','returned','approved')),
  narrative      text NOT NULL DEFAULT '',
  submitted_at   timestamptz,
  -- The first submission's time decides timeliness; a resubmission after a return does not.
  first_submitted_at timestamptz,
  submitted_by   bigint REFERENCES users(id),
  approved_at    timestamptz,
  approved_by    bigint REFERENCES users(id),
  return_comment text,
  -- The idempotency key of the last submit/approve: a retried request with the same key is
  -- answered with the current state instead of a conflict.
  last_action_key text,
  is_sample      boolean NOT NULL DEFAULT false,
  version        integer NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (schedule_id, org_id, period_key)
);
CREATE INDEX reports_org_path_gist ON reports USING gist (org_path);
CREATE INDEX reports_schedule_period_idx ON reports (schedule_id, period_key, status);
CREATE INDEX reports_org_idx ON reports (org_id, due_date);
CREATE INDEX reports_document_idx ON reports (document_id, period_key);

-- The figures of a report, one per target item it covers.
CREATE TABLE report_target_values (
  report_id   bigint NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  item_id     bigint NOT NULL REFERENCES document_items(id) ON DELETE CASCADE,
  value       numeric,
  numerator   numeric,
  denominator numeric,
  source      text,
  note        text,
  -- The figure is the whole subtree's (the org summed its children's approved figures in):
  -- on approval only the part beyond the children's total counts as the org's own, so the
  -- rollup never counts a child twice.
  includes_children boolean NOT NULL DEFAULT false,
  PRIMARY KEY (report_id, item_id)
);
CREATE INDEX report_target_values_item_idx ON report_target_values (item_id);

-- What the org says about each task it leads.
CREATE TABLE report_task_updates (
  report_id bigint NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  task_id   bigint NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  status    text NOT NULL CHECK (status IN ('not_started','in_progress','done','overdue','cancelled')),
  progress  integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  done_text text,
  PRIMARY KEY (report_id, task_id)
);

CREATE TABLE report_files (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  report_id   bigint NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  file_name   text NOT NULL,
  mime_type   text NOT NULL,
  size_bytes  integer NOT NULL,
  content     bytea NOT NULL,
  uploaded_by bigint REFERENCES users(id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_files_report_idx ON report_files (report_id);

-- The workflow's history: every submit, return, approve, with the comment and a snapshot of
-- the figures at that moment. Returning unlocks a report; this keeps what was there.
CREATE TABLE report_events (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  report_id  bigint NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  action     text NOT NULL CHECK (action IN ('submit','resubmit','return','approve','reopen')),
  from_status text NOT NULL,
  to_status  text NOT NULL,
  comment    text,
  actor_id   bigint REFERENCES users(id),
  actor_name text NOT NULL,
  snapshot   jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_events_report_idx ON report_events (report_id, id);

-- An org's approved value of an indicator for a period: what it measured itself. One row per
-- (indicator, org, period) whichever report carried it, so two targets of one org on the same
-- indicator count once. Numerator and denominator are kept for rates.
CREATE TABLE org_indicator_values (
  indicator_id bigint NOT NULL REFERENCES indicators(id),
  org_id       bigint NOT NULL REFERENCES orgs(id),
  org_path     ltree NOT NULL,
  period_key   text NOT NULL,
  period_end   date NOT NULL,
  value        numeric,
  numerator    numeric,
  denominator  numeric,
  report_id    bigint REFERENCES reports(id) ON DELETE SET NULL,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  -- Org first: the dashboard reads all of one org's indicators at once.
  PRIMARY KEY (org_id, indicator_id, period_key)
);

-- The subtree totals of every indicator at every org and period, kept up to date by the
-- approval transaction: it adds the change of the org's own value to the org's row and to
-- every ancestor's (`path @>`), so dashboards read one precomputed row per figure instead of
-- adding up the tree on each request. Rates keep numerator and denominator and are divided
-- when read, never averaged.
CREATE TABLE indicator_rollups (
  indicator_id bigint NOT NULL REFERENCES indicators(id),
  org_id       bigint NOT NULL REFERENCES orgs(id),
  org_path     ltree NOT NULL,
  period_key   text NOT NULL,
  period_end   date NOT NULL,
  sum_value    numeric NOT NULL DEFAULT 0,
  numerator    numeric NOT NULL DEFAULT 0,
  denominator  numeric NOT NULL DEFAULT 0,
  -- Orgs of the subtree with a value: "12/15 đơn vị đã báo cáo", and the weight of averages.
  reporting    integer NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, indicator_id, period_key)
);

-- "Yêu cầu giải trình": a leader asks the responsible org why a target is red or a task late.
CREATE TABLE explanation_requests (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  document_id bigint REFERENCES documents(id) ON DELETE CASCADE,
  item_id     bigint REFERENCES document_items(id) ON DELETE CASCADE,
  task_id     bigint REFERENCES tasks(id) ON DELETE CASCADE,
  org_id      bigint NOT NULL REFERENCES orgs(id),
  org_path    ltree NOT NULL,
  question    text NOT NULL,
  due_date    date NOT NULL,
  status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open','answered','closed')),
  asked_by    bigint REFERENCES users(id),
  asked_by_name text NOT NULL,
  is_sample   boolean NOT NULL DEFAULT false,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (item_id IS NOT NULL OR task_id IS NOT NULL)
);
CREATE INDEX explanation_requests_org_gist ON explanation_requests USING gist (org_path);
CREATE INDEX explanation_requests_item_idx ON explanation_requests (item_id);
CREATE INDEX explanation_requests_task_idx ON explanation_requests (task_id);

CREATE TABLE explanation_messages (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  request_id  bigint NOT NULL REFERENCES explanation_requests(id) ON DELETE CASCADE,
  author_id   bigint REFERENCES users(id),
  author_name text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('question','answer','comment')),
  body        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX explanation_messages_request_idx ON explanation_messages (request_id, id);

-- In-app notifications and reminders. `dedupe_key` makes the reminder job safe to rerun.
CREATE TABLE notifications (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id    bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind       text NOT NULL,
  title      text NOT NULL,
  body       text NOT NULL DEFAULT '',
  link       text,
  dedupe_key text,
  read_at    timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX notifications_dedupe_key ON notifications (user_id, dedupe_key) WHERE dedupe_key IS NOT NULL;
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);

-- Mail waits here; with SMTP settings a sender delivers it, without them an admin reads it.
CREATE TABLE mail_outbox (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  to_address text NOT NULL,
  subject    text NOT NULL,
  body       text NOT NULL,
  status     text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','failed','held')),
  dedupe_key text UNIQUE,
  error      text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at    timestamptz
);

-- A read-only public link to a document's dashboard, off until the owner turns it on, showing
-- only the items the owner marked public.
CREATE TABLE dashboard_shares (
  document_id bigint PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  token       text NOT NULL UNIQUE,
  is_enabled  boolean NOT NULL DEFAULT false,
  public_item_ids bigint[] NOT NULL DEFAULT '{}',
  show_tasks  boolean NOT NULL DEFAULT false,
  version     integer NOT NULL DEFAULT 1,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
