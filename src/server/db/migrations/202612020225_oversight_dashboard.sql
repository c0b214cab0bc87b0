-- The commission's dashboard (oversight-dashboard.service.ts), measured on 12,000 orgs and
-- 50,000 inspections with EXPLAIN ANALYZE:
-- * findings by kind and theme read one year's files: this index answers them without the
--   table (an index-only scan of the year instead of a scan of every file);
CREATE INDEX inspections_year_themes_idx ON inspections (year)
  INCLUDE (subject_org_id, kind, status, theme, strengths, limitations, shortcomings, violations);
-- * overdue recommendations belong to files in follow-up only, a quarter of all files: the
--   query starts from them instead of from every recommendation.
CREATE INDEX inspections_follow_up_idx ON inspections (subject_org_id) INCLUDE (id) WHERE status = 'follow_up';
