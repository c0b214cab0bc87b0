-- Follow-up that closes the loop (issue 12): what stays open too long after its due date is
-- raised to the head of the org above.

-- How many days after a due date an org's open work is escalated. The nearest row at or above
-- the late org applies (a province sets it for its tree, a ward may ask for less); without any,
-- the default of the service (5 days).
CREATE TABLE followup_settings (
  org_id          bigint PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
  escalation_days integer NOT NULL CHECK (escalation_days BETWEEN 1 AND 90),
  version         integer NOT NULL DEFAULT 1,
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- One row per escalated item: a report not submitted, an approval not given, an explanation not
-- answered. UNIQUE (kind, subject_id) is what makes "once" hold across processes and reruns: the
-- daily job inserts with ON CONFLICT DO NOTHING and notifies only the rows it inserted.
-- subject_id names a report or an explanation request by kind, so it has no foreign key.
CREATE TABLE escalations (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind            text NOT NULL CHECK (kind IN ('report_submission','report_approval','explanation_answer')),
  subject_id      bigint NOT NULL,
  -- The org whose report or explanation it is.
  subject_org_id  bigint NOT NULL REFERENCES orgs(id),
  -- The org that is late: the reporting org, or for an approval the org above it.
  late_org_id     bigint NOT NULL REFERENCES orgs(id),
  -- The org above the late one, whose managers were told.
  head_org_id     bigint NOT NULL REFERENCES orgs(id),
  title           text NOT NULL,
  link            text NOT NULL,
  due_date        date NOT NULL,
  escalation_days integer NOT NULL,
  escalated_on    date NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, subject_id)
);
-- The dashboard lists a subtree's escalations by the late org (joined to orgs for the path).
CREATE INDEX escalations_late_org_idx ON escalations (late_org_id, escalated_on DESC);
CREATE INDEX escalations_head_org_idx ON escalations (head_org_id);
