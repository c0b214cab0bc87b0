-- Documents and the cascade: resolutions, action programs and plans, their items (targets,
-- tasks, breakthroughs…), the links by which a lower item concretizes a higher one, the
-- indicator catalog, tasks assigned to orgs, attached files.

CREATE TABLE indicators (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code        text NOT NULL,
  name        text NOT NULL,
  unit        text NOT NULL DEFAULT '',
  direction   text NOT NULL CHECK (direction IN ('higher_better','lower_better')),
  -- How values combine up the org tree; 'sum' indicators are quotas split across lower orgs.
  aggregation text NOT NULL CHECK (aggregation IN ('sum','rate','average','none')),
  description text,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX indicators_code_key ON indicators (upper(code));

-- Numbers are given per issuing org, kind and term ("01-NQ/TU" is the first resolution of the
-- provincial committee in the term). A counter row locked FOR UPDATE keeps two concurrent
-- creations from taking the same number.
CREATE TABLE document_counters (
  org_id  bigint NOT NULL REFERENCES orgs(id),
  kind    text NOT NULL,
  term    text NOT NULL,
  last_no integer NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, kind, term)
);

CREATE TABLE documents (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id       bigint NOT NULL REFERENCES orgs(id),
  -- The issuing org's path, copied so that scope and gap filters use one gist index here
  -- instead of joining orgs for every row.
  org_path     ltree NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('resolution','action_program','plan','scheme','directive','conclusion')),
  term         text NOT NULL CHECK (term ~ '^\d{4}-\d{4}$'),
  number       integer NOT NULL CHECK (number > 0),
  symbol       text NOT NULL,
  issue_date   date,
  title        text NOT NULL,
  summary      text,
  status       text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','adopted','amended','expired')),
  -- Versions: an amendment ("bổ sung, điều chỉnh") copies the document into a new row; every
  -- version shares series_id (the first version's id) and points at the one it replaces.
  series_id    bigint NOT NULL,
  version_no   integer NOT NULL DEFAULT 1,
  previous_version_id bigint REFERENCES documents(id),
  amend_reason text,
  is_sample    boolean NOT NULL DEFAULT false,
  version      integer NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (series_id, version_no)
);
CREATE INDEX documents_org_path_gist ON documents USING gist (org_path);
CREATE INDEX documents_org_idx ON documents (org_id, kind, term);
CREATE INDEX documents_series_idx ON documents (series_id);
CREATE INDEX documents_title_fold_trgm ON documents USING gin (vn_fold(title || ' ' || symbol) gin_trgm_ops);

-- Which higher documents an action program or plan carries out (one or many). Points at the
-- series, so a program keeps implementing a resolution across its amendments.
CREATE TABLE document_implements (
  document_id    bigint NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  implements_series_id bigint NOT NULL,
  PRIMARY KEY (document_id, implements_series_id)
);
-- The gap view asks "who implements series S": this index answers it without a scan.
CREATE INDEX document_implements_series_idx ON document_implements (implements_series_id, document_id);

CREATE TABLE document_items (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  document_id    bigint NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  parent_item_id bigint REFERENCES document_items(id) ON DELETE CASCADE,
  -- Same key in every version of the document: the history diffs item by item on it.
  stable_key     uuid NOT NULL DEFAULT gen_random_uuid(),
  kind           text NOT NULL CHECK (kind IN ('part','section','objective','milestone','target','task','solution','breakthrough','paragraph')),
  position       integer NOT NULL,
  text           text NOT NULL,
  -- Targets (chỉ tiêu): the statement of src/domain/targets TargetSpec, plus its indicator.
  indicator_id   bigint REFERENCES indicators(id),
  comparator     text CHECK (comparator IN ('=','>=','<=','range','approx','increase_by','decrease_by','reduce_to','increase_to')),
  value          numeric,
  value_min      numeric,
  value_max      numeric,
  unit           text,
  per_year       boolean NOT NULL DEFAULT false,
  by_year        integer,
  baseline_value numeric,
  baseline_year  integer,
  yearly_path    jsonb,
  -- Milestones (tầm nhìn 2030, 2045).
  milestone_year integer,
  version        integer NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (document_id, stable_key)
);
CREATE INDEX document_items_tree_idx ON document_items (document_id, parent_item_id, position);
CREATE INDEX document_items_parent_idx ON document_items (parent_item_id);
CREATE INDEX document_items_indicator_idx ON document_items (indicator_id) WHERE indicator_id IS NOT NULL;
CREATE INDEX document_items_text_fold_trgm ON document_items USING gin (vn_fold(text) gin_trgm_ops);

-- The cascade: a lower item concretizes ("cụ thể hóa") one or more higher items.
CREATE TABLE item_links (
  child_item_id  bigint NOT NULL REFERENCES document_items(id) ON DELETE CASCADE,
  parent_item_id bigint NOT NULL REFERENCES document_items(id) ON DELETE CASCADE,
  created_by     bigint REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (child_item_id, parent_item_id),
  CHECK (child_item_id <> parent_item_id)
);
-- Top-down reads by parent, bottom-up by child (the primary key): an index each way.
CREATE INDEX item_links_parent_idx ON item_links (parent_item_id, child_item_id);

-- Tasks: work assigned to a lead org, from a key task, solution or breakthrough or standalone.
-- Status and progress are filled by the reporting feature later.
CREATE TABLE tasks (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  item_id         bigint REFERENCES document_items(id) ON DELETE SET NULL,
  -- The org that assigns the task (owner of the item's document, or the standalone assigner).
  org_id          bigint NOT NULL REFERENCES orgs(id),
  org_path        ltree NOT NULL,
  title           text NOT NULL,
  lead_org_id     bigint NOT NULL REFERENCES orgs(id),
  lead_org_path   ltree NOT NULL,
  partner_org_ids bigint[] NOT NULL DEFAULT '{}',
  head_name       text,
  start_date      date,
  due_date        date,
  status          text NOT NULL DEFAULT 'not_started' CHECK (status IN ('not_started','in_progress','done','overdue','cancelled')),
  progress        integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (due_date IS NULL OR start_date IS NULL OR due_date >= start_date)
);
CREATE INDEX tasks_item_idx ON tasks (item_id);
CREATE INDEX tasks_org_path_gist ON tasks USING gist (org_path);
CREATE INDEX tasks_lead_path_gist ON tasks USING gist (lead_org_path);
-- Bulk assignment is idempotent: one task per item and lead org.
CREATE UNIQUE INDEX tasks_item_lead_key ON tasks (item_id, lead_org_id) WHERE item_id IS NOT NULL;

CREATE TABLE document_files (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  document_id bigint NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  file_name   text NOT NULL,
  mime_type   text NOT NULL,
  size_bytes  integer NOT NULL,
  content     bytea NOT NULL,
  uploaded_by bigint REFERENCES users(id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX document_files_doc_idx ON document_files (document_id);

-- The catalog the seeds use. Codes are stable handles for imports and the demo.
INSERT INTO indicators (code, name, unit, direction, aggregation) VALUES
  ('GRDP_GROWTH', 'Tốc độ tăng trưởng tổng sản phẩm trên địa bàn (GRDP)', '%', 'higher_better', 'none'),
  ('IND_SERV_SHARE', 'Tỷ trọng công nghiệp và dịch vụ trong GRDP', '%', 'higher_better', 'none'),
  ('BUDGET_GROWTH', 'Tốc độ tăng thu ngân sách', '%', 'higher_better', 'none'),
  ('FDI', 'Vốn đầu tư trực tiếp nước ngoài thu hút', 'tỷ USD', 'higher_better', 'sum'),
  ('ENTERPRISES', 'Số doanh nghiệp hoạt động', 'doanh nghiệp', 'higher_better', 'sum'),
  ('STUDY_RATE', 'Tỷ lệ đảng viên được nghiên cứu, học tập, quán triệt nghị quyết', '%', 'higher_better', 'rate'),
  ('ORG_GOOD_RATE', 'Tỷ lệ chi bộ, đảng bộ cơ sở hoàn thành tốt nhiệm vụ trở lên', '%', 'higher_better', 'rate'),
  ('MEMBER_GOOD_RATE', 'Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trở lên', '%', 'higher_better', 'rate'),
  ('NEW_MEMBERS', 'Số đảng viên mới được kết nạp', 'đảng viên', 'higher_better', 'sum'),
  ('NEW_MEMBERS_NSE', 'Số đảng viên mới kết nạp trong doanh nghiệp ngoài khu vực Nhà nước', 'đảng viên', 'higher_better', 'sum'),
  ('PARTY_ORGS_NSE', 'Số tổ chức đảng thành lập trong doanh nghiệp ngoài khu vực Nhà nước', 'tổ chức', 'higher_better', 'sum'),
  ('MASS_ORGS', 'Số tổ chức Đoàn, Hội được thành lập', 'tổ chức', 'higher_better', 'sum'),
  ('SMART_CITY_SERVICES', 'Số dịch vụ đô thị thông minh được triển khai', 'dịch vụ', 'higher_better', 'sum'),
  ('ONLINE_PUBLIC_SERVICES', 'Tỷ lệ thủ tục hành chính cung cấp dịch vụ công trực tuyến mức độ 3, 4', '%', 'higher_better', 'rate');
