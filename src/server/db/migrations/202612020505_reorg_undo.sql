-- Undoing a reorganization (issue 11): who undid it and when. The operation row stays, marked
-- 'undone', with what it had changed; its lineage edges are removed with the changes themselves.
ALTER TABLE reorg_operations ADD COLUMN undone_at timestamptz, ADD COLUMN undone_by bigint REFERENCES users(id);
