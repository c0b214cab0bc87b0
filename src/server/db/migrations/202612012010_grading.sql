-- Evaluation and grading (kiểm điểm, đánh giá, xếp loại chất lượng) of party organizations and
-- members, per round (đợt đánh giá) of a subtree and a period, under the rule set in force.

-- Versions of rule sets added by an administrator (a copy of a built-in with changes). The
-- built-ins (QĐ 132, 124, 366) live in the code's domain rules; rows here are never edited:
-- a change is a new version, so that rounds graded under an older one keep their rules.
CREATE TABLE grading_rule_sets (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code        text NOT NULL,
  version     integer NOT NULL,
  definition  jsonb NOT NULL,
  created_by  bigint REFERENCES users(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (code, version)
);

CREATE TABLE grading_rounds (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id        bigint NOT NULL REFERENCES orgs(id),
  name          text NOT NULL,
  period_kind   text NOT NULL CHECK (period_kind IN ('quarter','year','term')),
  period_key    text NOT NULL,
  period_start  date NOT NULL,
  period_end    date NOT NULL,
  -- The rule set as it was when the round opened: later versions never regrade this round.
  rule_set      jsonb NOT NULL,
  self_assess_due date NOT NULL,
  review_due    date NOT NULL,
  decide_due    date NOT NULL,
  is_sample     boolean NOT NULL DEFAULT false,
  created_by    bigint REFERENCES users(id),
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, period_key),
  CHECK (self_assess_due <= review_due AND review_due <= decide_due)
);
CREATE INDEX grading_rounds_org_idx ON grading_rounds (org_id);

-- No foreign keys on the subject columns, deliberately: opening a province's round writes
-- 300,000 rows in one statement, and a row-level FK check per column and row cost more than
-- the insert itself. The only writers are the round's opening statement, which selects the
-- orgs and members it references, and the workflow, which changes no reference.
CREATE TABLE grading_evaluations (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  round_id        bigint NOT NULL,
  subject_kind    text NOT NULL CHECK (subject_kind IN ('member','org')),
  -- The org rated, or the member's cell when the round opened (scope is checked on it).
  org_id          bigint NOT NULL,
  member_id       bigint,
  -- The competent level: the grassroots committee above a member's cell, the committee above
  -- a rated org. The quota of the top level is counted per round, subject kind and this org.
  decider_org_id  bigint NOT NULL,
  -- A correction of a decided rating is a new row with the next number; the old one stays.
  version_no      integer NOT NULL DEFAULT 1,
  is_current      boolean NOT NULL DEFAULT true,
  correction_of   bigint,
  correction_reason text,
  status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','self_assessed','commented','proposed','decided')),
  evidence        jsonb NOT NULL DEFAULT '{}',
  tasks           jsonb NOT NULL DEFAULT '{"total":0,"onTime":0,"late":0,"overdue":0,"beyond":0}',
  points          jsonb NOT NULL DEFAULT '{}',
  score           numeric(6,2),
  rule_level      text CHECK (rule_level IN ('excellent','good','completed','failed')),
  self_level      text CHECK (self_level IN ('excellent','good','completed','failed')),
  narrative       jsonb NOT NULL DEFAULT '{}',
  pledge_reviews  jsonb NOT NULL DEFAULT '[]',
  comment         text,
  votes           jsonb,
  proposed_level  text CHECK (proposed_level IN ('excellent','good','completed','failed')),
  decided_level   text CHECK (decided_level IN ('excellent','good','completed','failed')),
  decided_at      timestamptz,
  decided_by      bigint,
  is_sample       boolean NOT NULL DEFAULT false,
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK ((subject_kind = 'member') = (member_id IS NOT NULL)),
  CHECK ((status = 'decided') = (decided_level IS NOT NULL))
);
-- One current evaluation per subject and round (re-opening a round adds only the missing ones).
CREATE UNIQUE INDEX grading_evaluations_org_key ON grading_evaluations (round_id, org_id) WHERE is_current AND member_id IS NULL;
-- Member first: "my evaluations" reads it too.
CREATE UNIQUE INDEX grading_evaluations_member_key ON grading_evaluations (member_id, round_id) WHERE is_current AND member_id IS NOT NULL;
-- Round first: the review lists and exports of a round read it; decisions count their quota
-- group on it. (Each index costs the opening of a province's round a second or more.)
CREATE INDEX grading_evaluations_quota_idx ON grading_evaluations (round_id, subject_kind, decider_org_id) WHERE is_current;
-- Few rows: "không hoàn thành hai năm liên tiếp" looks them up.
CREATE INDEX grading_evaluations_failed_idx ON grading_evaluations (round_id) WHERE is_current AND decided_level = 'failed';

-- Current evaluations per round, org, subject kind and level ('pending' until decided), kept
-- by statement triggers: a province's results sum these rows (thousands), never the 300,000
-- evaluations. Deltas are applied in key order so that two decisions never deadlock.
CREATE TABLE grading_level_counts (
  round_id     bigint NOT NULL,
  org_id       bigint NOT NULL,
  subject_kind text NOT NULL,
  level        text NOT NULL,
  n            integer NOT NULL,
  PRIMARY KEY (round_id, org_id, subject_kind, level)
);
CREATE OR REPLACE FUNCTION grading_counts_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO grading_level_counts AS c (round_id, org_id, subject_kind, level, n)
  SELECT round_id, org_id, subject_kind, level, sum(n)::int FROM (SELECT round_id, org_id, subject_kind, COALESCE(decided_level, 'pending') AS level, 1 AS n FROM new_rows WHERE is_current) d
   GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4
  ON CONFLICT (round_id, org_id, subject_kind, level) DO UPDATE SET n = c.n + EXCLUDED.n;
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION grading_counts_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO grading_level_counts AS c (round_id, org_id, subject_kind, level, n)
  SELECT round_id, org_id, subject_kind, level, sum(n)::int FROM (SELECT round_id, org_id, subject_kind, COALESCE(decided_level, 'pending') AS level, 1 AS n FROM new_rows WHERE is_current
          UNION ALL SELECT round_id, org_id, subject_kind, COALESCE(decided_level, 'pending'), -1 FROM old_rows WHERE is_current) d
   GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4
  ON CONFLICT (round_id, org_id, subject_kind, level) DO UPDATE SET n = c.n + EXCLUDED.n;
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION grading_counts_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO grading_level_counts AS c (round_id, org_id, subject_kind, level, n)
  SELECT round_id, org_id, subject_kind, level, sum(n)::int FROM (SELECT round_id, org_id, subject_kind, COALESCE(decided_level, 'pending') AS level, -1 AS n FROM old_rows WHERE is_current) d
   GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4
  ON CONFLICT (round_id, org_id, subject_kind, level) DO UPDATE SET n = c.n + EXCLUDED.n;
  RETURN NULL;
END $$;
CREATE TRIGGER grading_counts_ins AFTER INSERT ON grading_evaluations REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION grading_counts_ins();
CREATE TRIGGER grading_counts_upd AFTER UPDATE ON grading_evaluations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION grading_counts_upd();
CREATE TRIGGER grading_counts_del AFTER DELETE ON grading_evaluations REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION grading_counts_del();

-- Read-only views over other features' tables: the evidence a form is pre-filled with. The
-- grading feature reads these and never writes those tables.
CREATE VIEW grading_task_evidence AS
  SELECT t.lead_org_id AS org_id, t.due_date, t.status, vn_today(t.updated_at) AS last_change
    FROM tasks t WHERE t.status <> 'cancelled' AND t.due_date IS NOT NULL;
CREATE VIEW grading_report_evidence AS
  SELECT r.org_id, r.due_date, r.status, vn_today(r.first_submitted_at) AS first_submitted_on FROM reports r;
CREATE VIEW grading_attendance_evidence AS
  SELECT a.member_id, a.status, vn_today(s.starts_at) AS day
    FROM attendances a JOIN study_sessions s ON s.id = a.session_id;
CREATE VIEW grading_reflection_evidence AS
  SELECT r.member_id, r.status, vn_today(r.created_at) AS day FROM reflections r;
CREATE VIEW grading_pledge_evidence AS
  SELECT p.id AS pledge_id, p.member_id, p.document_id, p.year, p.commitments, d.symbol AS document_symbol
    FROM pledges p LEFT JOIN documents d ON d.id = p.document_id;
CREATE VIEW grading_explanation_evidence AS
  SELECT e.org_id, e.status, vn_today(e.created_at) AS day FROM explanation_requests e;
CREATE VIEW grading_study_evidence AS
  SELECT ds.org_id, ds.member_id, ds.studied_on FROM document_studies ds;

-- ORG_GOOD_RATE and MEMBER_GOOD_RATE are in the indicator catalog already (0100): targets on them
-- take their actual values from decided ratings (grading results).
