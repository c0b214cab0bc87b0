/**
 * Which tree a document dashboard reads, and the figures of a tree of a past day.
 *
 * Today, and any past day after which the org's subtree has not changed, the dashboard reads the
 * live tree (orgs.path, the rollup cache): nothing is slower than before. A day before a change
 * of the subtree (a merge, a split, a move) reads the tree of that day: the orgs of org_versions
 * then, with their own approved values combined by the rules of src/domain/reorg, so the
 * 2020–2025 figures of a merged province stay those of its own subtree. `current` asks today's
 * tree for a past day: for a merged city, its predecessors' figures added up ("số liệu quy đổi
 * theo địa giới mới"), which the live rollups already hold.
 */
import { combineFigures, dayBefore, RATE_WITHOUT_PARTS, type CombinableAggregation } from '../../../domain/reorg';
import { formatVnDate, vnToday } from '../../../domain/vn-time';
import type { Queryable } from '../../db/pool';
import type { SeriesPoint } from './rollups.service';

export type TreeBasis = 'as_of' | 'current';

export type DashboardTree = {
  basis: TreeBasis;
  /** The day whose tree is read (tree_orgs' second argument); null reads the live tree. */
  day: string | null;
  /** The org's path in that tree; null when the org did not exist on that day. */
  path: string | null;
  label: { vi: string; en: string };
};

export type Bilingual = { vi: string; en: string };

/** The org's path on `day` in the dated tree (null when it did not exist then). */
async function pathOn(db: Queryable, orgId: number, day: string): Promise<string | null> {
  const { rows } = await db.query<{ path: string }>(
    `SELECT path::text FROM org_versions WHERE org_id = $1 AND valid_from <= $2::date AND (valid_to IS NULL OR valid_to > $2::date)`,
    [orgId, day],
  );
  return rows[0]?.path ?? null;
}

/**
 * True when the subtree's orgs of `day` are not those of today: one has left it since (moved,
 * merged away) or one of today's was elsewhere on that day (moved in). Orgs founded after the day
 * are no difference: they have nothing recorded before it.
 */
async function changedSince(db: Queryable, livePath: string, pathThen: string, day: string): Promise<boolean> {
  const { rows } = await db.query<{ changed: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM tree_orgs($2::ltree, $3::date) t
                     WHERE NOT EXISTS (SELECT 1 FROM orgs o WHERE o.id = t.org_id AND o.path <@ $1::ltree))
         OR EXISTS (SELECT 1 FROM orgs o JOIN org_versions v ON v.org_id = o.id AND v.valid_from <= $3::date AND (v.valid_to IS NULL OR v.valid_to > $3::date)
                     WHERE o.path <@ $1::ltree AND NOT v.path <@ $2::ltree) AS changed`,
    [livePath, pathThen, day],
  );
  return rows[0]?.changed ?? false;
}

const onDay = (day: string) => ({ vi: `Cơ cấu tổ chức tại ngày ${formatVnDate(day)}`, en: `Organization tree as of ${day}` });

/**
 * Picks the tree of the dashboard of `org` as of `asOf` on the basis asked for. A closed org
 * (merged into another) answers on its last tree, the day before it closed: Tỉnh ủy Bình
 * Dương's 2020–2025 term is closed against the province as it was on 30/06/2025.
 */
export async function dashboardTreeOf(
  db: Queryable,
  org: { id: number; path: string; name: string },
  asOf: string,
  basis: TreeBasis,
): Promise<DashboardTree> {
  const { rows } = await db.query<{ closedOn: string | null }>(
    `SELECT to_char(valid_to, 'YYYY-MM-DD') AS "closedOn" FROM orgs WHERE id = $1`,
    [org.id],
  );
  const closedOn = rows[0]?.closedOn ?? null;
  if (basis === 'as_of' && closedOn !== null && asOf >= closedOn) {
    const lastDay = dayBefore(closedOn);
    const lastPath = await pathOn(db, org.id, lastDay);
    if (lastPath !== null) return { basis, day: lastDay, path: lastPath, label: onDay(lastDay) };
  }
  const today = vnToday();
  if (asOf >= today) return { basis, day: null, path: org.path, label: onDay(asOf) };
  const converted = {
    vi: `Số liệu quy đổi theo địa giới mới: cơ cấu tổ chức hiện tại của ${org.name}, số liệu đến ngày ${formatVnDate(asOf)}`,
    en: `Converted to today's boundaries: today's tree of ${org.name}, figures up to ${asOf}`,
  };
  if (basis === 'current') return { basis, day: null, path: org.path, label: converted };
  const pathThen = await pathOn(db, org.id, asOf);
  // An org founded after the day (a merge's new city) had no tree then: today's, said as converted.
  if (pathThen === null) return { basis: 'current', day: null, path: org.path, label: converted };
  if (!(await changedSince(db, org.path, pathThen, asOf))) return { basis, day: null, path: org.path, label: onDay(asOf) };
  return { basis, day: asOf, path: pathThen, label: onDay(asOf) };
}

/**
 * A task's lead unit on a past tree's day, as SQL over the task alias `t` (today's tree reads
 * `t.lead_org_id` as it is). An operation dated after that day that handed the task to a successor
 * recorded the lead it had (reorg_operations.changes.taskUnits); the earliest such operation
 * tells the lead of that day, so an old ward's open task counts in its closed term's table, not
 * in the new ward's.
 */
export const taskLeadOn = (dayParam: string) =>
  `COALESCE((SELECT (u->>'leadOrgId')::bigint FROM reorg_operations op, jsonb_array_elements(op.changes->'taskUnits') u
              WHERE op.status = 'committed' AND op.effective_date > ${dayParam}::date AND (u->>'id')::bigint = t.id
              ORDER BY op.effective_date, op.id LIMIT 1), t.lead_org_id)`;

export type DatedSeries = {
  series: Map<number, SeriesPoint[]>;
  /** Per indicator, why its latest figure cannot be combined over the subtree (shown instead of a number). */
  notCombinable: Map<number, Bilingual>;
};

type OwnRow = {
  indicatorId: number;
  periodKey: string;
  periodEnd: string;
  orgId: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
};

/**
 * Each indicator's series over the subtree of a past day's tree, from the own approved values
 * of the orgs of that tree (not the rollup cache, which follows today's tree): per period the
 * org's own figure and its subtree's, combined by `combineFigures` (sums add, rates recombine
 * their parts, what cannot be combined says why).
 */
export async function datedIndicatorSeries(
  db: Queryable,
  indicators: readonly { id: number; aggregation: string | null }[],
  orgId: number,
  tree: DashboardTree,
  asOf: string,
): Promise<DatedSeries> {
  const out: DatedSeries = { series: new Map(), notCombinable: new Map() };
  if (indicators.length === 0 || tree.path === null) return out;
  const { rows } = await db.query<OwnRow>(
    `SELECT v.indicator_id::int AS "indicatorId", v.period_key AS "periodKey", to_char(v.period_end, 'YYYY-MM-DD') AS "periodEnd", v.org_id::int AS "orgId",
            v.value::float8 AS value, v.numerator::float8 AS numerator, v.denominator::float8 AS denominator
       FROM org_indicator_values v JOIN tree_orgs($1::ltree, $2::date) t ON t.org_id = v.org_id
      WHERE v.indicator_id = ANY($3::bigint[]) AND v.period_end <= $4::date
      ORDER BY v.period_end, v.period_key`,
    [tree.path, tree.day, indicators.map((i) => i.id), asOf],
  );
  for (const ind of indicators) {
    const periods = new Map<string, OwnRow[]>();
    for (const r of rows) if (r.indicatorId === ind.id) periods.set(r.periodKey, [...(periods.get(r.periodKey) ?? []), r]);
    const points: SeriesPoint[] = [];
    let lastReason: Bilingual | null = null;
    for (const [periodKey, group] of periods) {
      const own = group.find((g) => g.orgId === orgId);
      // One org's own figure needs no combining, whatever its aggregation.
      const combined =
        group.length === 1
          ? { combinable: true as const, value: group[0]!.value, numerator: group[0]!.numerator, denominator: group[0]!.denominator }
          : combineFigures((ind.aggregation ?? 'none') as CombinableAggregation, group);
      lastReason = combined.combinable ? null : { vi: combined.reason, en: combined.reasonEn };
      points.push({
        periodKey,
        periodEnd: group[0]!.periodEnd,
        own: own?.value ?? null,
        subtree: combined.combinable ? combined.value : null,
        numerator: combined.combinable ? combined.numerator : null,
        denominator: combined.combinable ? combined.denominator : null,
        reporting: group.length,
      });
    }
    if (points.length > 0) out.series.set(ind.id, points);
    if (lastReason) out.notCombinable.set(ind.id, lastReason);
  }
  return out;
}

/**
 * The rates of today's tree whose latest period by `asOf` cannot be combined: several orgs of the
 * subtree reported and one gave the percent without its parts. The live rollup adds parts only,
 * so it would leave that org out without a word; the dated tree's figures say the same through
 * `combineFigures`.
 */
export async function partlessRates(
  db: Queryable,
  indicators: readonly { id: number; aggregation: string | null }[],
  path: string,
  asOf: string,
): Promise<Map<number, Bilingual>> {
  const rates = indicators.filter((i) => i.aggregation === 'rate').map((i) => i.id);
  if (rates.length === 0) return new Map();
  const { rows } = await db.query<{ indicatorId: number }>(
    `WITH v AS (
       SELECT v.indicator_id, v.period_end, v.numerator, v.denominator, max(v.period_end) OVER (PARTITION BY v.indicator_id) AS latest
         FROM org_indicator_values v JOIN orgs o ON o.id = v.org_id
        WHERE o.path <@ $1::ltree AND v.indicator_id = ANY($2::bigint[]) AND v.period_end <= $3::date
     )
     SELECT indicator_id::int AS "indicatorId" FROM v WHERE period_end = latest
      GROUP BY indicator_id HAVING count(*) > 1 AND bool_or(numerator IS NULL OR denominator IS NULL)`,
    [path, rates, asOf],
  );
  return new Map(rows.map((r) => [r.indicatorId, { vi: RATE_WITHOUT_PARTS.vi, en: RATE_WITHOUT_PARTS.en }]));
}

/**
 * Members of the subtree of the tree read on `asOf`: today's kept counts for today, else the
 * placements of that day (the members of that day, not of today: a past day's figure does not
 * take in the members admitted or transferred in since), on that day's tree or today's.
 */
export async function membersOf(db: Queryable, tree: DashboardTree, asOf: string): Promise<number> {
  if (tree.path === null) return 0;
  if (tree.day === null && asOf >= vnToday()) {
    const { rows } = await db.query<{ n: number }>(`SELECT COALESCE(sum(member_count), 0)::int AS n FROM orgs WHERE path <@ $1::ltree`, [
      tree.path,
    ]);
    return rows[0]?.n ?? 0;
  }
  const day = tree.day ?? asOf;
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM tree_orgs($1::ltree, $2::date) t JOIN member_placements p ON p.org_id = t.org_id
      WHERE p.valid_from <= $3::date AND (p.valid_to IS NULL OR p.valid_to > $3::date)`,
    [tree.path, tree.day, day],
  );
  return rows[0]?.n ?? 0;
}
