/**
 * Approved values and their rollups. Each org's own approved value of an indicator for a period
 * is one row of org_indicator_values; indicator_rollups holds every org's subtree total.
 * Rates carry numerator and denominator and are divided only when read. indicator_series holds
 * each (org, indicator)'s whole series as one row, so that dashboards read one row per target.
 *
 * The approval transaction writes the org's own value and appends the change to
 * indicator_rollup_deltas; a fold (./rollup-fold.ts) adds the pending changes to the org and
 * all its ancestors and rebuilds their series, one fold at a time, after the approval
 * committed: approvals in different provinces no longer queue on the root's rows.
 */
import type pg from 'pg';
import type { Db, Queryable } from '../../db/pool';
import { scopeOf, type Actor } from '../../lib/actor';
import { notFound } from '../../lib/errors';
import { findOrgInScope } from '../orgs';
import type { ReportRow } from './reports.queries';

export type Parts = { value: number | null; numerator: number | null; denominator: number | null };
export type RolledFigure = Parts & { reporting: number };

/** The rolled value of a rollup row by aggregation: sums add, rates divide parts, averages weigh by count. */
export function rolledValue(
  aggregation: string,
  r: { sumValue: number; numerator: number; denominator: number; reporting: number },
): number | null {
  if (r.reporting === 0) return null;
  switch (aggregation) {
    case 'sum':
      return r.sumValue;
    case 'rate':
      return r.denominator > 0 ? Math.round((r.numerator / r.denominator) * 100 * 100) / 100 : null;
    case 'average':
      return Math.round((r.sumValue / r.reporting) * 100) / 100;
    default:
      return null;
  }
}

/** The children's approved totals per indicator for a period: what the form shows beside each target. */
export async function childrenTotals(
  db: Queryable,
  orgPath: string,
  periodKey: string,
  indicatorIds: number[],
): Promise<Map<number, RolledFigure>> {
  if (indicatorIds.length === 0) return new Map();
  const { rows } = await db.query<{
    indicatorId: number;
    aggregation: string;
    sumValue: number;
    numerator: number;
    denominator: number;
    reporting: number;
  }>(
    `SELECT r.indicator_id AS "indicatorId", ind.aggregation, sum(r.sum_value)::float8 AS "sumValue", sum(r.numerator)::float8 AS numerator,
            sum(r.denominator)::float8 AS denominator, sum(r.reporting)::int AS reporting
       FROM orgs c JOIN indicator_rollups r ON r.org_id = c.id JOIN indicators ind ON ind.id = r.indicator_id
      WHERE c.parent_id = (SELECT id FROM orgs WHERE path = $1::ltree) AND r.period_key = $2 AND r.indicator_id = ANY($3::bigint[])
      GROUP BY r.indicator_id, ind.aggregation`,
    [orgPath, periodKey, indicatorIds],
  );
  return new Map(
    rows.map((r) => [
      r.indicatorId,
      {
        value: rolledValue(r.aggregation, r),
        numerator: r.aggregation === 'rate' ? r.numerator : null,
        denominator: r.aggregation === 'rate' ? r.denominator : null,
        reporting: r.reporting,
      },
    ]),
  );
}

type OwnValue = { indicatorId: number; aggregation: string; value: number | null; numerator: number | null; denominator: number | null };

/**
 * Feeds an approved report into the rollups. For each indicator the report carries (the first
 * target wins when two targets measure the same indicator), the org's own value replaces the
 * previous one and the difference is added to the org's and every ancestor's rollup row. A
 * figure that includes the children counts only beyond the children's approved total.
 */
export async function applyApprovedValues(
  tx: pg.PoolClient,
  report: Pick<ReportRow, 'id' | 'orgId' | 'orgPath' | 'periodKey' | 'periodEnd'>,
) {
  const { rows } = await tx.query<OwnValue & { includesChildren: boolean }>(
    `SELECT DISTINCT ON (i.indicator_id) i.indicator_id AS "indicatorId", ind.aggregation, v.value::float8 AS value,
            v.numerator::float8 AS numerator, v.denominator::float8 AS denominator, v.includes_children AS "includesChildren"
       FROM report_target_values v JOIN document_items i ON i.id = v.item_id JOIN indicators ind ON ind.id = i.indicator_id
      WHERE v.report_id = $1 AND (v.value IS NOT NULL OR v.numerator IS NOT NULL)
      ORDER BY i.indicator_id, v.item_id`,
    [report.id],
  );
  if (rows.length === 0) return;
  const withChildren = rows.filter((r) => r.includesChildren);
  const children = await childrenTotals(
    tx,
    report.orgPath,
    report.periodKey,
    withChildren.map((r) => r.indicatorId),
  );
  const own: OwnValue[] = rows.map((r) => {
    const c = r.includesChildren ? children.get(r.indicatorId) : undefined;
    if (!c) return r;
    if (r.aggregation === 'rate') {
      return { ...r, numerator: (r.numerator ?? 0) - (c.numerator ?? 0), denominator: (r.denominator ?? 0) - (c.denominator ?? 0) };
    }
    if (r.aggregation === 'sum') return { ...r, value: (r.value ?? 0) - (c.value ?? 0) };
    return r;
  });
  await replaceOwnValues(tx, report, own);
}

/** Takes a reopened report's values out of the rollups (the rows it last set). */
export async function withdrawApprovedValues(
  tx: pg.PoolClient,
  report: Pick<ReportRow, 'id' | 'orgId' | 'orgPath' | 'periodKey' | 'periodEnd'>,
) {
  const { rows } = await tx.query<{ indicatorId: number; aggregation: string }>(
    `SELECT v.indicator_id AS "indicatorId", ind.aggregation FROM org_indicator_values v JOIN indicators ind ON ind.id = v.indicator_id
      WHERE v.org_id = $1 AND v.period_key = $2 AND v.report_id = $3`,
    [report.orgId, report.periodKey, report.id],
  );
  await replaceOwnValues(
    tx,
    report,
    rows.map((r) => ({ ...r, value: null, numerator: null, denominator: null })),
  );
}

/** Sets the org's own values (null removes) and applies the differences up the tree, in one pass per table. */
async function replaceOwnValues(
  tx: pg.PoolClient,
  report: Pick<ReportRow, 'id' | 'orgId' | 'orgPath' | 'periodKey' | 'periodEnd'>,
  own: OwnValue[],
) {
  if (own.length === 0) return;
  const ids = own.map((o) => o.indicatorId);
  const { rows: old } = await tx.query<{ indicatorId: number; value: number | null; numerator: number | null; denominator: number | null }>(
    `SELECT indicator_id AS "indicatorId", value::float8 AS value, numerator::float8 AS numerator, denominator::float8 AS denominator
       FROM org_indicator_values WHERE org_id = $1 AND period_key = $2 AND indicator_id = ANY($3::bigint[]) FOR UPDATE`,
    [report.orgId, report.periodKey, ids],
  );
  const oldOf = new Map(old.map((o) => [o.indicatorId, o]));
  const delta = { ind: [] as number[], sum: [] as number[], num: [] as number[], den: [] as number[], rep: [] as number[] };
  for (const o of own) {
    const before = oldOf.get(o.indicatorId);
    const had = before !== undefined;
    const has = o.value !== null || o.numerator !== null;
    // Aggregation `none` adds nothing up the tree; its zero delta only refreshes the series.
    const isSummed = o.aggregation === 'sum' || o.aggregation === 'average';
    const ds = (isSummed ? (o.value ?? 0) : 0) - (had && isSummed ? (before.value ?? 0) : 0);
    const isRate = o.aggregation === 'rate';
    const dn = (isRate ? (o.numerator ?? 0) : 0) - (had && isRate ? (before.numerator ?? 0) : 0);
    const dd = (isRate ? (o.denominator ?? 0) : 0) - (had && isRate ? (before.denominator ?? 0) : 0);
    const dr = o.aggregation === 'none' ? 0 : (has ? 1 : 0) - (had ? 1 : 0);
    delta.ind.push(o.indicatorId);
    delta.sum.push(ds);
    delta.num.push(dn);
    delta.den.push(dd);
    delta.rep.push(dr);
  }
  const keep = own.filter((o) => o.value !== null || o.numerator !== null);
  const drop = own.filter((o) => o.value === null && o.numerator === null).map((o) => o.indicatorId);
  if (drop.length > 0) {
    await tx.query('DELETE FROM org_indicator_values WHERE org_id = $1 AND period_key = $2 AND indicator_id = ANY($3::bigint[])', [
      report.orgId,
      report.periodKey,
      drop,
    ]);
  }
  if (keep.length > 0) {
    await tx.query(
      `INSERT INTO org_indicator_values (indicator_id, org_id, period_key, period_end, value, numerator, denominator, report_id)
       SELECT x.ind, $1, $2, $3::date, x.v, x.n, x.d, $4
         FROM unnest($5::bigint[], $6::numeric[], $7::numeric[], $8::numeric[]) x(ind, v, n, d)
       ON CONFLICT (indicator_id, org_id, period_key) DO UPDATE SET value = EXCLUDED.value, numerator = EXCLUDED.numerator,
         denominator = EXCLUDED.denominator, report_id = EXCLUDED.report_id, updated_at = now()`,
      [
        report.orgId,
        report.periodKey,
        report.periodEnd,
        report.id,
        keep.map((o) => o.indicatorId),
        keep.map((o) => o.value),
        keep.map((o) => o.numerator),
        keep.map((o) => o.denominator),
      ],
    );
  }
  // Every indicator of the report gets a delta row, zeros included: its series shows the own
  // value and must be rebuilt even when no total changes.
  await tx.query(
    `INSERT INTO indicator_rollup_deltas (org_id, indicator_id, period_key, period_end, sum_value, numerator, denominator, reporting)
     SELECT $1, x.ind, $2, $3::date, x.ds, x.dn, x.dd, x.dr FROM unnest($4::bigint[], $5::numeric[], $6::numeric[], $7::numeric[], $8::int[]) x(ind, ds, dn, dd, dr)`,
    [report.orgId, report.periodKey, report.periodEnd, delta.ind, delta.sum, delta.num, delta.den, delta.rep],
  );
  if (rollupFolding.isInline) await foldPendingRollups(tx);
}

/**
 * How approvals reach the ancestors: `deferred` (the default) folds after the approval
 * committed; `inline` folds inside the approval's transaction, holding the ancestors' rows
 * (the root's included) until it commits: the design before, kept as the benchmark's baseline.
 */
export const rollupFolding = { isInline: false };

// Of the two-int advisory key space the jobs use (src/server/jobs/scheduler.ts), a name of its own.
const FOLD_LOCK = `SELECT pg_advisory_xact_lock(7241, hashtext('rollup-fold'))`;

/**
 * Inside a transaction: waits for the fold lock, takes every committed pending change, adds
 * the changes to the rollups of each org and all its ancestors (summed per row first: one
 * update per row whatever the number of approvals), and rebuilds the series of every
 * (org, indicator) touched. Returns how many series it rebuilt (0: nothing was pending).
 */
export async function foldPendingRollups(tx: pg.PoolClient): Promise<number> {
  await tx.query(FOLD_LOCK);
  const { rows } = await tx.query<{ o: number; i: number }>(
    `WITH taken AS (
       DELETE FROM indicator_rollup_deltas RETURNING org_id, indicator_id, period_key, period_end, sum_value, numerator, denominator, reporting
     ), per AS (
       SELECT a.id AS org_id, t.indicator_id, t.period_key, max(t.period_end) AS period_end, sum(t.sum_value) AS ds,
              sum(t.numerator) AS dn, sum(t.denominator) AS dd, sum(t.reporting)::int AS dr
         FROM taken t JOIN orgs o ON o.id = t.org_id JOIN orgs a ON a.path @> o.path
        GROUP BY a.id, t.indicator_id, t.period_key
     ), added AS (
       INSERT INTO indicator_rollups AS r (indicator_id, org_id, period_key, period_end, sum_value, numerator, denominator, reporting)
       SELECT indicator_id, org_id, period_key, period_end, ds, dn, dd, dr FROM per WHERE ds <> 0 OR dn <> 0 OR dd <> 0 OR dr <> 0
       ORDER BY org_id, indicator_id, period_key
       ON CONFLICT (org_id, indicator_id, period_key) DO UPDATE SET sum_value = r.sum_value + EXCLUDED.sum_value,
         numerator = r.numerator + EXCLUDED.numerator, denominator = r.denominator + EXCLUDED.denominator, reporting = r.reporting + EXCLUDED.reporting
       RETURNING 1
     )
     SELECT DISTINCT org_id AS o, indicator_id AS i FROM per`,
  );
  if (rows.length === 0) return 0;
  await refreshSeries(
    tx,
    rows.map((r) => r.o),
    rows.map((r) => r.i),
  );
  return rows.length;
}

/**
 * An indicator's values at an org by period up to `asOf`: its own approved value and the
 * subtree's rolled value (null for aggregation `none`).
 */
export async function findRollup(db: Db, actor: Actor, indicatorId: number, orgId: number, asOf: string) {
  const org = await findOrgInScope(db, orgId, scopeOf(actor, 'reports.read'));
  if (!org) throw notFound({ vi: 'Không tìm thấy tổ chức.', en: 'Organization not found.' });
  const { rows: ind } = await db.query<{ id: number; name: string; unit: string; aggregation: string }>(
    'SELECT id, name, unit, aggregation FROM indicators WHERE id = $1',
    [indicatorId],
  );
  if (!ind[0]) throw notFound({ vi: 'Không tìm thấy chỉ số.', en: 'Indicator not found.' });
  const series = await indicatorSeries(db, [indicatorId], orgId, asOf);
  return { indicator: ind[0], orgId, orgName: org.name, asOf, periods: series.get(indicatorId) ?? [] };
}

export type SeriesPoint = {
  periodKey: string;
  periodEnd: string;
  own: number | null;
  subtree: number | null;
  numerator: number | null;
  denominator: number | null;
  reporting: number;
};

/**
 * The series rows of indicator_series from the rollups and own values: one jsonb array per
 * (org, indicator), points oldest first. `where` filters both tables (aliases r and v); the
 * migration 0310 backfill is this query without a filter.
 */
function seriesSql(where: (alias: 'r' | 'v') => string) {
  return `SELECT o, i, jsonb_agg(jsonb_build_array(k, to_char(e, 'YYYY-MM-DD'), own, subtree, n, d, c) ORDER BY e, k) AS points
    FROM (
      SELECT COALESCE(r.org_id, v.org_id) AS o, COALESCE(r.indicator_id, v.indicator_id) AS i,
             COALESCE(r.period_key, v.period_key) AS k, COALESCE(r.period_end, v.period_end) AS e, v.value AS own,
             CASE WHEN r.reporting = 0 THEN NULL
                  WHEN r.aggregation = 'sum' THEN r.sum_value
                  WHEN r.aggregation = 'rate' THEN CASE WHEN r.denominator > 0 THEN round(r.numerator / r.denominator * 100, 2) END
                  WHEN r.aggregation = 'average' THEN round(r.sum_value / r.reporting, 2) END AS subtree,
             CASE WHEN r.aggregation = 'rate' THEN r.numerator END AS n, CASE WHEN r.aggregation = 'rate' THEN r.denominator END AS d,
             COALESCE(r.reporting, 1) AS c
        FROM (SELECT r.*, ind.aggregation FROM indicator_rollups r JOIN indicators ind ON ind.id = r.indicator_id WHERE ${where('r')}) r
        FULL JOIN (SELECT v.* FROM org_indicator_values v WHERE ${where('v')}) v
          ON v.org_id = r.org_id AND v.indicator_id = r.indicator_id AND v.period_key = r.period_key
    ) p
   GROUP BY o, i`;
}

/**
 * Rebuilds the series of the pairs (orgIds[k], indicatorIds[k]) after their rollups or own
 * values changed. Only the fold calls it, under its lock, so series rows have one writer at a
 * time. Reads at most one row per period and pair.
 */
async function refreshSeries(tx: Queryable, orgIds: number[], indicatorIds: number[]) {
  const pairs = `SELECT o, i FROM unnest($1::bigint[], $2::bigint[]) x(o, i)`;
  const where = (a: 'r' | 'v') => `(${a}.org_id, ${a}.indicator_id) IN (${pairs})`;
  await tx.query(
    `WITH fresh AS (${seriesSql(where)}),
     gone AS (
       DELETE FROM indicator_series s
        WHERE (s.org_id, s.indicator_id) IN (${pairs})
          AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.o = s.org_id AND f.i = s.indicator_id))
     INSERT INTO indicator_series (org_id, indicator_id, points) SELECT o, i, points FROM fresh
     ON CONFLICT (org_id, indicator_id) DO UPDATE SET points = EXCLUDED.points`,
    [orgIds, indicatorIds],
  );
}

/** Rebuilds every series from scratch: for data loaded in bulk around the approvals (benchmarks). */
export async function rebuildAllSeries(db: Queryable) {
  await db.query('DELETE FROM indicator_series');
  await db.query(`INSERT INTO indicator_series (org_id, indicator_id, points) ${seriesSql(() => 'true')}`);
}

type Tuple = [string, string, number | null, number | null, number | null, number | null, number];

/**
 * Per indicator, the org's own and subtree values by period up to asOf, oldest first: one
 * precomputed row per indicator (indicator_series), cut at asOf here.
 */
export async function indicatorSeries(
  db: Queryable,
  indicatorIds: number[],
  orgId: number,
  asOf: string,
): Promise<Map<number, SeriesPoint[]>> {
  const out = new Map<number, SeriesPoint[]>();
  if (indicatorIds.length === 0) return out;
  const { rows } = await db.query<{ i: number; pts: Tuple[] }>(
    'SELECT indicator_id AS i, points AS pts FROM indicator_series WHERE org_id = $1 AND indicator_id = ANY($2::bigint[])',
    [orgId, indicatorIds],
  );
  for (const r of rows) {
    const points: SeriesPoint[] = [];
    for (const [periodKey, periodEnd, own, subtree, numerator, denominator, reporting] of r.pts) {
      if (periodEnd > asOf) break;
      points.push({ periodKey, periodEnd, own, subtree, numerator, denominator, reporting });
    }
    if (points.length > 0) out.set(r.i, points);
  }
  return out;
}
