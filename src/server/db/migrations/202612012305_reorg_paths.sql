-- Issue 11, time and the tree (docs/ARCHITECTURE.md "Time and the tree").
-- 1. Stop copying orgs.path: a move rewrote only orgs and left the copies behind, so the old
--    parent's manager kept the moved org's records and its own manager got 404. Scope filters
--    join orgs by org_id from now on; the audit log keeps its path "at the time" as history.
-- 2. Dated history of every org (parent, path, name, kind) and of every member's cell, written
--    by triggers so that every code path is covered.
-- 3. Rollups follow the tree: a path change recomputes the rollups of the old and new ancestors.

ALTER TABLE documents DROP COLUMN org_path;
ALTER TABLE tasks DROP COLUMN org_path, DROP COLUMN lead_org_path;
ALTER TABLE reports DROP COLUMN org_path;
ALTER TABLE org_indicator_values DROP COLUMN org_path;
ALTER TABLE indicator_rollups DROP COLUMN org_path;
ALTER TABLE explanation_requests DROP COLUMN org_path;
-- The scope joins start from the org ids of the scope's subtree (gist on orgs.path) and reach
-- the rows through these indexes.
CREATE INDEX tasks_org_idx ON tasks (org_id);
CREATE INDEX tasks_lead_org_idx ON tasks (lead_org_id);
CREATE INDEX explanation_requests_org_idx ON explanation_requests (org_id, status);
CREATE INDEX audit_log_org_idx ON audit_log (org_id, at DESC);

-- The day a change takes effect: the reorganization sets it per transaction
-- (SET LOCAL resolute.effective_date = '2025-07-01'); otherwise today in Vietnam.
CREATE OR REPLACE FUNCTION effective_date() RETURNS date LANGUAGE sql STABLE AS $$
  SELECT COALESCE(NULLIF(current_setting('resolute.effective_date', true), '')::date,
                  (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)
$$;

-- One row per stretch of time [valid_from, valid_to) during which an org had one parent, path,
-- name and kind (half-open, as orgs.valid_to: the org is closed from valid_to on). The tree of
-- a day is the rows whose stretch holds that day; their path answers `path <@` as today's does.
CREATE TABLE org_versions (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id     bigint NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  parent_id  bigint,
  path       ltree NOT NULL,
  name       text NOT NULL,
  kind       text NOT NULL,
  valid_from date NOT NULL,
  valid_to   date,
  CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX org_versions_org_idx ON org_versions (org_id, valid_from);
-- A province's subtree as of a day: gist on the path of the versions.
CREATE INDEX org_versions_path_gist ON org_versions USING gist (path);
CREATE INDEX org_versions_parent_idx ON org_versions (parent_id, valid_from);
-- Search by any name the org ever had.
CREATE INDEX org_versions_name_fold_trgm ON org_versions USING gin (vn_fold(name) gin_trgm_ops);

INSERT INTO org_versions (org_id, parent_id, path, name, kind, valid_from, valid_to)
SELECT id, parent_id, path, name, kind, valid_from, CASE WHEN valid_to > valid_from THEN valid_to END FROM orgs;

CREATE OR REPLACE FUNCTION orgs_version_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO org_versions (org_id, parent_id, path, name, kind, valid_from, valid_to)
  VALUES (NEW.id, NEW.parent_id, NEW.path, NEW.name, NEW.kind, NEW.valid_from,
          CASE WHEN NEW.valid_to > NEW.valid_from THEN NEW.valid_to END);
  RETURN NULL;
END $$;

-- A change of parent, path, name or kind closes the open stretch on the effective day and opens
-- a new one (a second change on the same day rewrites that day's stretch in place); a change of
-- valid_to ends the last stretch there.
CREATE OR REPLACE FUNCTION orgs_version_upd() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  eff date := GREATEST(effective_date(), NEW.valid_from);
  cur org_versions%ROWTYPE;
BEGIN
  SELECT * INTO cur FROM org_versions WHERE org_id = NEW.id ORDER BY valid_from DESC LIMIT 1 FOR UPDATE;
  IF (OLD.parent_id, OLD.path, OLD.name, OLD.kind) IS DISTINCT FROM (NEW.parent_id, NEW.path, NEW.name, NEW.kind) THEN
    IF cur.id IS NULL OR cur.valid_from >= eff THEN
      UPDATE org_versions SET parent_id = NEW.parent_id, path = NEW.path, name = NEW.name, kind = NEW.kind WHERE id = cur.id;
    ELSE
      UPDATE org_versions SET valid_to = eff WHERE id = cur.id;
      INSERT INTO org_versions (org_id, parent_id, path, name, kind, valid_from, valid_to)
      VALUES (NEW.id, NEW.parent_id, NEW.path, NEW.name, NEW.kind, eff, NULL);
    END IF;
  END IF;
  IF OLD.valid_to IS DISTINCT FROM NEW.valid_to THEN
    IF NEW.valid_to IS NOT NULL THEN
      -- Stretches opening on or after the closing day never were (a merged org moved under its
      -- successor and closed on the same day keeps its old parent to the end).
      DELETE FROM org_versions WHERE org_id = NEW.id AND valid_from >= NEW.valid_to
         AND EXISTS (SELECT 1 FROM org_versions x WHERE x.org_id = NEW.id AND x.valid_from < NEW.valid_to);
    END IF;
    UPDATE org_versions SET valid_to = CASE WHEN NEW.valid_to > valid_from THEN NEW.valid_to END
     WHERE id = (SELECT id FROM org_versions WHERE org_id = NEW.id ORDER BY valid_from DESC LIMIT 1);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER orgs_version_ins AFTER INSERT ON orgs FOR EACH ROW EXECUTE FUNCTION orgs_version_ins();
CREATE TRIGGER orgs_version_upd AFTER UPDATE OF parent_id, path, name, kind, valid_to ON orgs
  FOR EACH ROW EXECUTE FUNCTION orgs_version_upd();

-- Which cell a member was in on which days [valid_from, valid_to). "Members of Đảng bộ Khối on
-- 31/12/2024" and a past coverage denominator count the placements of that day.
CREATE TABLE member_placements (
  member_id  bigint NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  org_id     bigint NOT NULL REFERENCES orgs(id),
  valid_from date NOT NULL,
  valid_to   date,
  reason     text NOT NULL CHECK (reason IN ('roll','transfer','reorg')),
  CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX member_placements_member_idx ON member_placements (member_id, valid_from);
-- Counts as of a day per org: one range scan per org.
CREATE INDEX member_placements_org_idx ON member_placements (org_id, valid_from) INCLUDE (valid_to);

-- A member on the roll is taken to have been in their cell since joining the party (or always,
-- when that date is unknown): the roll does not say when they arrived, later moves do.
INSERT INTO member_placements (member_id, org_id, valid_from, valid_to, reason)
SELECT id, org_id, COALESCE(joined_date, '-infinity'::date), NULL, 'roll' FROM members;

-- Statement triggers with transition tables, as the member counts: an import of 100,000 rows
-- writes its placements in one statement.
CREATE OR REPLACE FUNCTION members_placement_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO member_placements (member_id, org_id, valid_from, valid_to, reason)
  SELECT id, org_id, COALESCE(joined_date, '-infinity'::date), NULL, 'roll' FROM new_rows;
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION members_placement_upd() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  eff date := effective_date();
  why text := CASE WHEN current_setting('resolute.effective_date', true) IS NULL
                     OR current_setting('resolute.effective_date', true) = '' THEN 'transfer' ELSE 'reorg' END;
BEGIN
  -- A stretch that began on the effective day (or later) is rewritten; an older one is closed.
  UPDATE member_placements p SET org_id = n.org_id
    FROM new_rows n JOIN old_rows o ON o.id = n.id
   WHERE n.org_id <> o.org_id AND p.member_id = n.id AND p.valid_to IS NULL AND p.valid_from >= eff;
  UPDATE member_placements p SET valid_to = eff
    FROM new_rows n JOIN old_rows o ON o.id = n.id
   WHERE n.org_id <> o.org_id AND p.member_id = n.id AND p.valid_to IS NULL AND p.valid_from < eff;
  INSERT INTO member_placements (member_id, org_id, valid_from, valid_to, reason)
  SELECT n.id, n.org_id, eff, NULL, why FROM new_rows n JOIN old_rows o ON o.id = n.id
   WHERE n.org_id <> o.org_id
     AND NOT EXISTS (SELECT 1 FROM member_placements p WHERE p.member_id = n.id AND p.valid_to IS NULL);
  RETURN NULL;
END $$;
CREATE TRIGGER members_placement_ins AFTER INSERT ON members REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION members_placement_ins();
CREATE TRIGGER members_placement_upd AFTER UPDATE ON members REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION members_placement_upd();

-- Recomputes the rollups and series of `p_ids` from the own approved values of their subtrees
-- on today's tree. Same sums as the approval's increments (rollups.service.ts): sums and
-- averages add values, rates add numerators and denominators, `none` is not rolled up.
CREATE OR REPLACE FUNCTION rebuild_rollups(p_ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_ids IS NULL OR cardinality(p_ids) = 0 THEN RETURN; END IF;
  DELETE FROM indicator_rollups WHERE org_id = ANY(p_ids);
  INSERT INTO indicator_rollups (indicator_id, org_id, period_key, period_end, sum_value, numerator, denominator, reporting)
  SELECT v.indicator_id, a.id, v.period_key, max(v.period_end),
         sum(CASE WHEN ind.aggregation = 'rate' THEN 0 ELSE COALESCE(v.value, 0) END),
         sum(CASE WHEN ind.aggregation = 'rate' THEN COALESCE(v.numerator, 0) ELSE 0 END),
         sum(CASE WHEN ind.aggregation = 'rate' THEN COALESCE(v.denominator, 0) ELSE 0 END),
         count(*)
    FROM orgs a JOIN orgs o ON o.path <@ a.path
    JOIN org_indicator_values v ON v.org_id = o.id JOIN indicators ind ON ind.id = v.indicator_id
   WHERE a.id = ANY(p_ids) AND ind.aggregation <> 'none'
   GROUP BY v.indicator_id, a.id, v.period_key;
  DELETE FROM indicator_series WHERE org_id = ANY(p_ids);
  INSERT INTO indicator_series (org_id, indicator_id, points)
  SELECT o, i, jsonb_agg(jsonb_build_array(k, to_char(e, 'YYYY-MM-DD'), own, subtree, n, d, c) ORDER BY e, k)
    FROM (
      SELECT COALESCE(r.org_id, v.org_id) AS o, COALESCE(r.indicator_id, v.indicator_id) AS i,
             COALESCE(r.period_key, v.period_key) AS k, COALESCE(r.period_end, v.period_end) AS e, v.value AS own,
             CASE WHEN r.reporting = 0 THEN NULL
                  WHEN r.aggregation = 'sum' THEN r.sum_value
                  WHEN r.aggregation = 'rate' THEN CASE WHEN r.denominator > 0 THEN round(r.numerator / r.denominator * 100, 2) END
                  WHEN r.aggregation = 'average' THEN round(r.sum_value / r.reporting, 2) END AS subtree,
             CASE WHEN r.aggregation = 'rate' THEN r.numerator END AS n, CASE WHEN r.aggregation = 'rate' THEN r.denominator END AS d,
             COALESCE(r.reporting, 1) AS c
        FROM (SELECT r.*, ind.aggregation FROM indicator_rollups r JOIN indicators ind ON ind.id = r.indicator_id WHERE r.org_id = ANY(p_ids)) r
        FULL JOIN (SELECT v.* FROM org_indicator_values v WHERE v.org_id = ANY(p_ids)) v
          ON v.org_id = r.org_id AND v.indicator_id = r.indicator_id AND v.period_key = r.period_key
    ) p
   GROUP BY o, i;
END $$;

-- When paths change (a move, a merge), the orgs above the old and the new positions get their
-- rollups recomputed in the same statement: approvals never again add to a former ancestor.
-- The labels of a path are the ids of its orgs; the moved orgs themselves keep their subtree.
CREATE OR REPLACE FUNCTION orgs_paths_rollups() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids bigint[];
BEGIN
  SELECT array_agg(DISTINCT l::bigint) INTO ids
    FROM (SELECT o.id, o.path AS op, n.path AS np FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.path <> n.path) c,
         LATERAL unnest(string_to_array(c.op::text, '.') || string_to_array(c.np::text, '.')) l
   WHERE l::bigint NOT IN (SELECT n.id FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.path <> n.path);
  PERFORM rebuild_rollups(ids);
  RETURN NULL;
END $$;
CREATE TRIGGER orgs_paths_rollups AFTER UPDATE ON orgs REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION orgs_paths_rollups();

-- The live path of an org, for filters that used to read a copied column: a one-row lookup by
-- primary key. Queries that already join orgs use its path directly.
CREATE OR REPLACE FUNCTION path_of(bigint) RETURNS ltree LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT path FROM orgs WHERE id = $1
$$;
