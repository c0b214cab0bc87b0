-- Findings are edited while the team drafts them (before the conclusion): each carries a
-- version so that two team members editing one finding never overwrite each other.
ALTER TABLE inspection_findings
  ADD COLUMN version    integer NOT NULL DEFAULT 1,
  ADD COLUMN updated_at timestamptz;
