-- Editing a past membership event or an enterprise (issue 13): events carry a version for
-- optimistic locking, and an approved report of a closed period whose registry figure the edit
-- moves is flagged for re-approval instead of changing silently.

-- A constant default is stored in the catalog: no rewrite of a table of millions of events.
ALTER TABLE membership_events ADD COLUMN version integer NOT NULL DEFAULT 1;

-- One row per edit that moved a figure of the approved report: what moved (before, after) and
-- why. Open while `cleared_at` is null; the next approval of the report clears it.
CREATE TABLE report_reapprovals (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  report_id   bigint NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  reason      text NOT NULL,
  -- [{ itemId, figure, before, after, reported }]
  differences jsonb NOT NULL,
  flagged_by  bigint REFERENCES users(id),
  flagged_at  timestamptz NOT NULL DEFAULT now(),
  cleared_at  timestamptz
);
-- The report page reads its open flags.
CREATE INDEX report_reapprovals_open_idx ON report_reapprovals (report_id) WHERE cleared_at IS NULL;
