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

CREATE TABLE grading_evaluations (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  round_id        bigint NOT NULL REFERENCES grading_rounds(id) ON DELETE CASCADE,
  subject_kind    text NOT NULL CHECK (subject_kind IN ('member','org')),
  -- The org rated, or the member's cell when the round opened (scope is checked on it).
  org_id          bigint NOT NULL REFERENCES orgs(id),
  member_id       bigint REFERENCES members(id),
  -- The competent level: the grassroots committee above a member's cell, the committee above
  -- a rated org. The quota of the top level is counted per round, subject kind and this org.
  decider_org_id  bigint NOT NULL REFERENCES orgs(id),
  -- A correction of a decided rating is a new row with the next number; the old one stays.
  version_no      integer NOT NULL DEFAULT 1,
  is_current      boolean NOT NULL DEFAULT true,
  correction_of   bigint REFERENCES grading_evaluations(id),
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
  decided_by      bigint REFERENCES users(id),
  is_sample       boolean NOT NULL DEFAULT false,
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK ((subject_kind = 'member') = (member_id IS NOT NULL)),
  CHECK ((status = 'decided') = (decided_level IS NOT NULL))
);
-- One current evaluation per subject and round (re-opening a round adds only the missing ones).
CREATE UNIQUE INDEX grading_evaluations_subject_key ON grading_evaluations (round_id, subject_kind, org_id, COALESCE(member_id, 0)) WHERE is_current;
CREATE UNIQUE INDEX grading_evaluations_member_key ON grading_evaluations (round_id, member_id) WHERE is_current AND member_id IS NOT NULL;
CREATE INDEX grading_evaluations_round_org_idx ON grading_evaluations (round_id, org_id) WHERE is_current;
CREATE INDEX grading_evaluations_member_idx ON grading_evaluations (member_id) WHERE member_id IS NOT NULL;
CREATE INDEX grading_evaluations_quota_idx ON grading_evaluations (round_id, subject_kind, decider_org_id) WHERE is_current;

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
