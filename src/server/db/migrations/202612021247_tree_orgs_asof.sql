-- Issue 11: the document dashboards read the tree of the day they are asked for.
-- tree_orgs(root, day) is the subtree under `root` as one relation: today's live tree when `day`
-- is null (orgs.path, its gist index: today's dashboards stay as fast as before), else the tree
-- of that day from org_versions with the paths of that day. One SQL function, so a dashboard
-- query is written once for both trees; a plain SQL function is inlined into the caller's plan,
-- and the `day IS NULL` tests are one-time filters that run only one of the two branches.
CREATE OR REPLACE FUNCTION tree_orgs(root ltree, day date)
RETURNS TABLE (org_id bigint, parent_id bigint, name text, kind text, path ltree)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT o.id, o.parent_id, o.name, o.kind, o.path FROM orgs o WHERE day IS NULL AND o.path <@ root
  UNION ALL
  SELECT v.org_id, v.parent_id, v.name, v.kind, v.path FROM org_versions v
   WHERE day IS NOT NULL AND v.path <@ root AND v.valid_from <= day AND (v.valid_to IS NULL OR v.valid_to > day)
$$;
