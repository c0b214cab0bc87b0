-- Coverage of a big subtree from kept subtree totals. Summing the per-org counts of a subtree
-- on every request reads every org of it: for the whole country (55,000 orgs) that is
-- hundreds of milliseconds, and seconds on a busy machine. These tables hold, for every org,
-- the totals of its whole subtree (itself included), so the country's coverage reads the root
-- and its 34 children.
--
-- Never a stale figure: a check-in or a member change only appends its org's change to
-- coverage_deltas (an insert: no shared row is locked, so check-ins anywhere never wait for
-- each other on the root's rows); a short fold, one at a time, moves pending changes into the
-- totals of the org and its ancestors. A reader adds the changes still pending in its
-- subtree, in the same statement (one snapshot), so the figure is exact whether or not the
-- fold has run. When the tree itself changes (an org moved or deleted) the totals are marked
-- out of date and readers sum the per-org counts as before until the fold has rebuilt them.

-- Members of the org's subtree (orgs.member_count summed).
CREATE TABLE org_subtree_members (
  org_id  bigint PRIMARY KEY,
  members bigint NOT NULL
);

-- Members of the org's subtree who studied the document, per day (document_study_counts summed).
CREATE TABLE document_subtree_studies (
  document_id bigint NOT NULL,
  org_id      bigint NOT NULL,
  day         date NOT NULL,
  studied     bigint NOT NULL,
  PRIMARY KEY (document_id, org_id, day)
);

-- Changes of one org's own counts not yet in the subtree totals: document_id null for a change
-- of its member count, else of its studied count for that document and day.
CREATE TABLE coverage_deltas (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id      bigint NOT NULL,
  document_id bigint,
  day         date,
  n           integer NOT NULL
);
-- Pending member changes, read once per org row of a tree answer (orgs.queries): a scan of a
-- table that churns (every fold deletes what it took) would read its dead rows each time.
CREATE INDEX coverage_deltas_members_idx ON coverage_deltas (org_id) WHERE document_id IS NULL;

-- tree_version moves on with every change of the tree; the totals are usable only when they
-- were built from the tree of that version. Bumping a number (not setting a flag) makes a
-- rebuild that started before a move fail to commit rather than mark old totals as current.
CREATE TABLE coverage_tree_state (
  id            boolean PRIMARY KEY DEFAULT true CHECK (id),
  tree_version  bigint NOT NULL,
  built_version bigint NOT NULL
);
INSERT INTO coverage_tree_state (tree_version, built_version) VALUES (1, 0);

CREATE OR REPLACE FUNCTION coverage_orgs_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO coverage_deltas (org_id, n) SELECT id, member_count FROM new_rows WHERE member_count <> 0;
  RETURN NULL;
END $$;
-- Set operations, not joins, over the transition tables: they have no statistics, and a join
-- planned as a nested loop took quadratic time (an update of 52,000 orgs' counts ran for minutes).
CREATE OR REPLACE FUNCTION coverage_orgs_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO coverage_deltas (org_id, n)
  SELECT id, sum(n) FROM (SELECT id, member_count AS n FROM new_rows UNION ALL SELECT id, -member_count FROM old_rows) c
   GROUP BY id HAVING sum(n) <> 0;
  IF EXISTS (SELECT id, path FROM new_rows EXCEPT SELECT id, path FROM old_rows) THEN
    UPDATE coverage_tree_state SET tree_version = tree_version + 1;
  END IF;
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION coverage_tree_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE coverage_tree_state SET tree_version = tree_version + 1;
  RETURN NULL;
END $$;
CREATE TRIGGER coverage_orgs_ins AFTER INSERT ON orgs REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_orgs_ins();
CREATE TRIGGER coverage_orgs_upd AFTER UPDATE ON orgs REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_orgs_upd();
CREATE TRIGGER coverage_orgs_del AFTER DELETE ON orgs
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_tree_changed();

CREATE OR REPLACE FUNCTION coverage_counts_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO coverage_deltas (org_id, document_id, day, n)
  SELECT org_id, document_id, day, studied FROM new_rows WHERE studied <> 0;
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION coverage_counts_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Both sides by key: an update that changed the key moves the count from one row to another.
  INSERT INTO coverage_deltas (org_id, document_id, day, n)
  SELECT org_id, document_id, day, sum(n) FROM (
    SELECT org_id, document_id, day, studied AS n FROM new_rows
    UNION ALL SELECT org_id, document_id, day, -studied FROM old_rows) c
  GROUP BY 1, 2, 3 HAVING sum(n) <> 0;
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION coverage_counts_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO coverage_deltas (org_id, document_id, day, n)
  SELECT org_id, document_id, day, -studied FROM old_rows WHERE studied <> 0;
  RETURN NULL;
END $$;
CREATE TRIGGER coverage_counts_ins AFTER INSERT ON document_study_counts REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_counts_ins();
CREATE TRIGGER coverage_counts_upd AFTER UPDATE ON document_study_counts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_counts_upd();
CREATE TRIGGER coverage_counts_del AFTER DELETE ON document_study_counts REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_counts_del();
