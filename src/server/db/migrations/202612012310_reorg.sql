-- Reorganization operations (issue 11): each dated, citing its decision, with the lineage edges
-- it drew. The org rows themselves change in the same transaction; their dated history is
-- written by the triggers of 202612012305_reorg_paths.sql with this operation's effective date.
CREATE TABLE reorg_operations (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind           text NOT NULL CHECK (kind IN ('merge','split','dissolve','rename','move','change_kind')),
  effective_date date NOT NULL,
  -- "Quyết định số 321-QĐ/TW ngày 12/6/2025 của Bộ Chính trị"
  decision       text NOT NULL CHECK (length(decision) BETWEEN 3 AND 500),
  summary        text NOT NULL,
  -- The request as confirmed, and what it changed (for the history page and the undo).
  request        jsonb NOT NULL,
  changes        jsonb NOT NULL DEFAULT '{}',
  status         text NOT NULL DEFAULT 'committed' CHECK (status IN ('committed','undone')),
  is_sample      boolean NOT NULL DEFAULT false,
  created_by     bigint REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now()
);

-- Came from / went into: merged_into (from the predecessor to its successor), split_from (from
-- the old org to each part), renamed and kind_changed (an org to itself, the old value in
-- `note`), moved (to the new parent), dissolved (to the org its children were handed to).
CREATE TABLE org_lineage (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  operation_id   bigint NOT NULL REFERENCES reorg_operations(id) ON DELETE CASCADE,
  from_org_id    bigint NOT NULL REFERENCES orgs(id),
  to_org_id      bigint NOT NULL REFERENCES orgs(id),
  kind           text NOT NULL CHECK (kind IN ('merged_into','split_from','renamed','moved','dissolved','kind_changed')),
  effective_date date NOT NULL,
  note           text
);
CREATE INDEX org_lineage_from_idx ON org_lineage (from_org_id, effective_date);
CREATE INDEX org_lineage_to_idx ON org_lineage (to_org_id, effective_date);
