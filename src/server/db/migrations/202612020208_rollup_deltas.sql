-- Approvals in parallel. An approval used to add its change to the rollup rows of its org and
-- every ancestor inside its own transaction, so every approval in the country queued on the
-- root's rows. Now the approval only appends its org's change here (an insert: no shared row
-- is locked), and a short fold, one at a time under an advisory lock, moves all pending
-- changes into indicator_rollups and indicator_series in one transaction (a group commit).
-- The approving request waits for the fold that follows its commit, and every app process
-- folds what is pending every few hundred milliseconds, so nothing stays pending after a crash.
CREATE TABLE indicator_rollup_deltas (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id       bigint NOT NULL REFERENCES orgs(id),
  indicator_id bigint NOT NULL REFERENCES indicators(id),
  period_key   text NOT NULL,
  period_end   date NOT NULL,
  -- The change of the org's own value; all zeros still refresh the series (own value shown).
  sum_value    numeric NOT NULL,
  numerator    numeric NOT NULL,
  denominator  numeric NOT NULL,
  reporting    integer NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
