-- Inspection and supervision (kiểm tra, giám sát): yearly programs with their entries, each
-- inspection with its team, self-report, working sessions, findings, conclusion and the
-- follow-up of its recommendations. Org ids are joined to orgs for paths (never copied), so a
-- move of an org keeps its files in the right subtree.

-- Numbers of the commission's documents, per issuing org, body, kind and year, locked FOR
-- UPDATE by the upsert so two concurrent decisions never take the same number.
CREATE TABLE oversight_counters (
  org_id  bigint NOT NULL REFERENCES orgs(id),
  body    text NOT NULL,
  kind    text NOT NULL,
  year    integer NOT NULL,
  last_no integer NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, body, kind, year)
);

CREATE TABLE oversight_programs (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- The committee whose program it is; `body` says whether the committee itself or its
  -- inspection commission issues it (both keep a yearly program).
  org_id     bigint NOT NULL REFERENCES orgs(id),
  body       text NOT NULL CHECK (body IN ('committee','inspection_commission')),
  year       integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  number     integer NOT NULL CHECK (number > 0),
  symbol     text NOT NULL,
  title      text NOT NULL,
  issue_date date,
  is_sample  boolean NOT NULL DEFAULT false,
  version    integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, body, year)
);

CREATE TABLE oversight_entries (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  program_id         bigint NOT NULL REFERENCES oversight_programs(id) ON DELETE CASCADE,
  position           integer NOT NULL,
  kind               text NOT NULL CHECK (kind IN ('inspection','supervision')),
  basis              text NOT NULL CHECK (basis IN ('regular','thematic','violation_signs')),
  content            text NOT NULL,
  theme              text NOT NULL,
  subject_org_ids    bigint[] NOT NULL DEFAULT '{}',
  subject_member_ids bigint[] NOT NULL DEFAULT '{}',
  document_ids       bigint[] NOT NULL DEFAULT '{}',
  item_ids           bigint[] NOT NULL DEFAULT '{}',
  task_ids           bigint[] NOT NULL DEFAULT '{}',
  period_start       date NOT NULL,
  period_end         date NOT NULL,
  responsible_body   text NOT NULL CHECK (responsible_body IN ('committee','standing','inspection_commission')),
  version            integer NOT NULL DEFAULT 1,
  CHECK (period_end >= period_start),
  CHECK (cardinality(subject_org_ids) + cardinality(subject_member_ids) > 0)
);
CREATE INDEX oversight_entries_program_idx ON oversight_entries (program_id, position);

CREATE TABLE inspections (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- The committee whose commission (or standing committee) runs it.
  org_id             bigint NOT NULL REFERENCES orgs(id),
  entry_id           bigint REFERENCES oversight_entries(id) ON DELETE SET NULL,
  kind               text NOT NULL CHECK (kind IN ('inspection','supervision')),
  basis              text NOT NULL CHECK (basis IN ('regular','thematic','violation_signs')),
  responsible_body   text NOT NULL CHECK (responsible_body IN ('committee','standing','inspection_commission')),
  subject_org_id     bigint NOT NULL REFERENCES orgs(id),
  -- Set when a member is inspected; subject_org_id is then the member's cell.
  subject_member_id  bigint REFERENCES members(id),
  content            text NOT NULL,
  theme              text NOT NULL,
  document_id        bigint REFERENCES documents(id),
  period_start       date NOT NULL,
  period_end         date NOT NULL,
  -- The year it counts for on the dashboard ("được kiểm tra, giám sát trong năm").
  year               integer NOT NULL,
  status             text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','team_formed','notified','self_reported','sessions','team_reported','findings','concluded','follow_up','closed')),
  decision_symbol    text,
  decision_date      date,
  plan_symbol        text,
  plan_text          text,
  notice_text        text,
  notified_at        timestamptz,
  self_report_text   text,
  -- The app's figures as they stood when the subject sent its self-report.
  self_report_figures jsonb,
  self_reported_at   timestamptz,
  team_report_text   text,
  conclusion_symbol  text,
  conclusion_text    text,
  concluded_at       timestamptz,
  conclusion_sent_at timestamptz,
  closed_at          timestamptz,
  -- Findings per kind, kept by the service in the finding's transaction, so that the
  -- dashboard sums inspection rows (tens of thousands) instead of joining finding rows.
  strengths          integer NOT NULL DEFAULT 0,
  limitations        integer NOT NULL DEFAULT 0,
  shortcomings       integer NOT NULL DEFAULT 0,
  violations         integer NOT NULL DEFAULT 0,
  is_sample          boolean NOT NULL DEFAULT false,
  version            integer NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (period_end >= period_start)
);
-- The dashboard counts distinct subjects per year: this index answers it from index pages.
CREATE INDEX inspections_year_subject_idx ON inspections (year, subject_org_id) INCLUDE (status, kind);
CREATE INDEX inspections_subject_idx ON inspections (subject_org_id, period_start);
CREATE INDEX inspections_org_idx ON inspections (org_id);

CREATE TABLE inspection_team (
  inspection_id bigint NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
  user_id       bigint NOT NULL REFERENCES users(id),
  role          text NOT NULL CHECK (role IN ('head','member','secretary')),
  PRIMARY KEY (inspection_id, user_id)
);
-- "Which files is this user on the team of": every read checks it.
CREATE INDEX inspection_team_user_idx ON inspection_team (user_id, inspection_id);

CREATE TABLE inspection_sessions (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  inspection_id bigint NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
  held_on       date NOT NULL,
  place         text NOT NULL,
  minutes       text NOT NULL,
  created_by    bigint REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inspection_sessions_idx ON inspection_sessions (inspection_id, held_on);

CREATE TABLE inspection_findings (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  inspection_id bigint NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
  kind          text NOT NULL CHECK (kind IN ('strength','limitation','shortcoming','violation')),
  theme         text NOT NULL,
  text          text NOT NULL,
  item_ids      bigint[] NOT NULL DEFAULT '{}',
  task_ids      bigint[] NOT NULL DEFAULT '{}',
  report_ids    bigint[] NOT NULL DEFAULT '{}',
  member_ids    bigint[] NOT NULL DEFAULT '{}',
  created_by    bigint REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inspection_findings_idx ON inspection_findings (inspection_id);

CREATE TABLE inspection_recommendations (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  inspection_id bigint NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
  position      integer NOT NULL,
  text          text NOT NULL,
  owner_org_id  bigint NOT NULL REFERENCES orgs(id),
  deadline      date NOT NULL,
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open','reported','accepted','reopened')),
  evidence      text,
  reported_at   timestamptz,
  decided_note  text,
  decided_at    timestamptz,
  escalated_on  date,
  version       integer NOT NULL DEFAULT 1
);
CREATE INDEX inspection_recommendations_idx ON inspection_recommendations (inspection_id, position);
-- Overdue follow-ups are few among many: a partial index keeps the dashboard's count cheap.
CREATE INDEX inspection_recommendations_waiting_idx ON inspection_recommendations (deadline) WHERE status IN ('open','reopened');
