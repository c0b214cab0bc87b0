-- Core: orgs, committees, members, users, roles, sessions, audit.
-- Features own migration number ranges: 00xx core, 01xx documents and cascade,
-- 02xx study and check-in, 03xx reports and progress, 09xx later work.

CREATE EXTENSION IF NOT EXISTS ltree;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- unaccent() is STABLE (its dictionary can change), so it cannot back an index directly.
-- This wrapper pins the dictionary and lowercases, mapping đ/Đ to d as Vietnamese readers expect.
CREATE OR REPLACE FUNCTION vn_fold(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

CREATE TABLE orgs (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- ltree of ancestor ids ending with this id ('1.2.23'): `path <@ '1.2'` matches the subtree
  -- of org 2 by whole labels, so org 23 is never taken for a child of org 2.
  path        ltree NOT NULL,
  parent_id   bigint REFERENCES orgs(id),
  code        text NOT NULL,
  name        text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('central','province_committee','district_committee','commune_committee','bloc_committee','grassroots','cell','agency','mass_org')),
  head_name   text,
  head_title  text,
  is_non_state_enterprise boolean NOT NULL DEFAULT false,
  is_sample   boolean NOT NULL DEFAULT false,
  valid_from  date NOT NULL DEFAULT current_date,
  valid_to    date,
  -- Members whose cell is this org; kept by a trigger on members so that subtree counts
  -- add up org rows (thousands) instead of member rows (millions).
  member_count integer NOT NULL DEFAULT 0,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT orgs_valid_range CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE UNIQUE INDEX orgs_code_key ON orgs (upper(code));
CREATE UNIQUE INDEX orgs_path_key ON orgs USING btree (path);
CREATE INDEX orgs_path_gist ON orgs USING gist (path);
CREATE INDEX orgs_parent_idx ON orgs (parent_id);
CREATE INDEX orgs_name_fold_trgm ON orgs USING gin (vn_fold(name) gin_trgm_ops);

CREATE TABLE committees (
  id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id   bigint NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  role     text NOT NULL CHECK (role IN ('executive','standing','inspection')),
  term     text NOT NULL,
  size     integer NOT NULL CHECK (size > 0),
  UNIQUE (org_id, role, term)
);
CREATE TABLE committee_members (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  committee_id bigint NOT NULL REFERENCES committees(id) ON DELETE CASCADE,
  full_name    text NOT NULL,
  position     text NOT NULL CHECK (position IN ('secretary','deputy_secretary','standing_deputy_secretary','member')),
  title        text,
  is_sample    boolean NOT NULL DEFAULT false,
  sort_order   integer NOT NULL DEFAULT 0
);
CREATE INDEX committee_members_committee_idx ON committee_members (committee_id);

CREATE TABLE members (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id      bigint NOT NULL REFERENCES orgs(id),
  code        text NOT NULL,
  full_name   text NOT NULL,
  -- Offices sort members by given name (the last word), then by the full name.
  given_name  text NOT NULL,
  gender      text NOT NULL CHECK (gender IN ('male','female')),
  birth_date  date,
  joined_date date,
  status      text NOT NULL DEFAULT 'official' CHECK (status IN ('official','probationary','transferred','deceased')),
  is_non_state_enterprise boolean NOT NULL DEFAULT false,
  phone       text,
  email       text,
  is_sample   boolean NOT NULL DEFAULT false,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX members_code_key ON members (code);
CREATE INDEX members_org_idx ON members (org_id);
CREATE INDEX members_sort_idx ON members (org_id, given_name COLLATE "vi-x-icu", full_name COLLATE "vi-x-icu");
CREATE INDEX members_name_fold_trgm ON members USING gin (vn_fold(full_name) gin_trgm_ops);

-- Statement-level triggers with transition tables: a 100,000-row import updates each
-- org's count once, not once per row.
CREATE OR REPLACE FUNCTION members_count_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE orgs o SET member_count = o.member_count + d.n
    FROM (SELECT org_id, count(*) n FROM new_rows GROUP BY org_id) d WHERE o.id = d.org_id;
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION members_count_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE orgs o SET member_count = o.member_count - d.n
    FROM (SELECT org_id, count(*) n FROM old_rows GROUP BY org_id) d WHERE o.id = d.org_id;
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION members_count_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE orgs o SET member_count = o.member_count + d.n
    FROM (SELECT org_id, sum(n) n FROM (
            SELECT org_id, count(*) n FROM new_rows GROUP BY org_id
            UNION ALL SELECT org_id, -count(*) FROM old_rows GROUP BY org_id) x
          GROUP BY org_id) d
   WHERE o.id = d.org_id AND d.n <> 0;
  RETURN NULL;
END $$;
CREATE TRIGGER members_count_ins AFTER INSERT ON members REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION members_count_ins();
CREATE TRIGGER members_count_del AFTER DELETE ON members REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION members_count_del();
CREATE TRIGGER members_count_upd AFTER UPDATE ON members REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION members_count_upd();

CREATE TABLE users (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username      text NOT NULL,
  full_name     text NOT NULL,
  email         text,
  password_hash text NOT NULL,
  -- A user who is also a party member can see their own member page.
  member_id     bigint REFERENCES members(id),
  is_disabled   boolean NOT NULL DEFAULT false,
  locale        text NOT NULL DEFAULT 'vi' CHECK (locale IN ('vi','en')),
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_username_key ON users (lower(username));

CREATE TABLE user_roles (
  id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id  bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  org_id   bigint NOT NULL REFERENCES orgs(id),
  role     text NOT NULL CHECK (role IN ('admin','manager','reporter','approver','inspector','viewer','member')),
  UNIQUE (user_id, org_id, role)
);
CREATE INDEX user_roles_org_idx ON user_roles (org_id);

CREATE TABLE sessions (
  -- sha256 of the cookie token: a leaked table does not hand out live sessions.
  id_hash      text PRIMARY KEY,
  user_id      bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  ip           text,
  user_agent   text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE login_failures (
  key text NOT NULL,
  at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_key_at ON login_failures (key, at);

CREATE TABLE audit_log (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor_id    bigint REFERENCES users(id),
  actor_name  text NOT NULL,
  ip          text,
  action      text NOT NULL,
  entity      text NOT NULL,
  entity_id   text,
  -- The org the record belongs to, with its path at the time, so scope filters stay cheap.
  org_id      bigint,
  org_path    ltree,
  summary     text,
  before      jsonb,
  after       jsonb
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC);
CREATE INDEX audit_log_path_gist ON audit_log USING gist (org_path);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, at DESC);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);

-- The audit log is append-only: history that can be edited proves nothing.
CREATE OR REPLACE FUNCTION audit_log_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_immutable();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_immutable();

CREATE TABLE app_settings (
  key   text PRIMARY KEY,
  value jsonb NOT NULL
);

-- A member import is previewed into these rows and committed from them: the file is read once,
-- and the user confirms exactly what the preview showed.
CREATE TABLE member_imports (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     bigint REFERENCES users(id) ON DELETE CASCADE,
  org_id      bigint NOT NULL REFERENCES orgs(id),
  file_name   text NOT NULL,
  status      text NOT NULL DEFAULT 'previewed' CHECK (status IN ('previewed','committed')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  committed_at timestamptz
);
CREATE TABLE member_import_rows (
  import_id   uuid NOT NULL REFERENCES member_imports(id) ON DELETE CASCADE,
  row_no      integer NOT NULL,
  action      text NOT NULL CHECK (action IN ('create','update','unchanged','error')),
  code        text,
  full_name   text,
  org_code    text,
  org_id      bigint,
  member_id   bigint,
  -- The member's version at preview time: a member edited since then makes the commit refuse.
  member_version integer,
  data        jsonb,
  errors      jsonb NOT NULL DEFAULT '[]',
  changes     jsonb NOT NULL DEFAULT '[]',
  PRIMARY KEY (import_id, row_no)
);
CREATE INDEX member_import_rows_action ON member_import_rows (import_id, action, row_no);
