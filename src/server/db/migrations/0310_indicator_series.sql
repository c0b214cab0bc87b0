-- Each org's whole series of an indicator in one row, kept by the approval transaction next to
-- indicator_rollups. A province dashboard shows 2,000 targets with 12 periods each: reading
-- 24,000 rollup rows and their values took about 200 ms per request, reading 2,000 rows of
-- ready points takes a few. The rows are derived data: rollups.service.ts refreshSeries
-- rebuilds those of the org and its ancestors for the indicators an approval touched.
CREATE TABLE indicator_series (
  org_id       bigint NOT NULL REFERENCES orgs(id),
  indicator_id bigint NOT NULL REFERENCES indicators(id),
  -- Oldest first: [period_key, 'yyyy-mm-dd' period end, own value, subtree value (rates
  -- divided, averages weighed), numerator, denominator (rates only), orgs reporting].
  points       jsonb NOT NULL,
  PRIMARY KEY (org_id, indicator_id)
);

-- Backfill from the rollups and values approved so far (the same query as refreshSeries).
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
      FROM (SELECT r.*, ind.aggregation FROM indicator_rollups r JOIN indicators ind ON ind.id = r.indicator_id) r
      FULL JOIN org_indicator_values v ON v.org_id = r.org_id AND v.indicator_id = r.indicator_id AND v.period_key = r.period_key
  ) p
 GROUP BY o, i;
