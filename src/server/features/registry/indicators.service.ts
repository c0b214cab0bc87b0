/**
 * Party-building figures of any subtree and period, computed from the events (never typed):
 * whole years and months from registry_counts (kept by triggers), edge days from the events.
 * Every figure has its list one call away (`drillIndicator`), recomputed from the same rows.
 */
import type { Db, Queryable } from '../../db/pool';
import { daysBetween, periodBuckets } from '../../../domain/registry/period-buckets';
import type { RegistryIndicator } from '../../../contracts/registry';
import { inScopeSql, scopeOf, type Actor } from '../../lib/actor';
import { findOrgInScope } from '../orgs';
import { orgNotFound, refused } from './registry.errors';

/** The counted columns and the event filter each stands for. */
const counted = {
  admitted: `kind = 'admission'`,
  admitted_nse: `kind = 'admission' AND is_non_state`,
  admitted_young: `kind = 'admission' AND is_young`,
  admitted_female: `kind = 'admission' AND is_female`,
  made_official: `kind = 'official'`,
  transfers_in: `kind = 'transfer_in'`,
  transfers_out: `kind = 'transfer_out'`,
  removed: `kind IN ('removal','expulsion','resignation')`,
} as const;
type Counted = keyof typeof counted;
/** A filter of `counted` said of the events' alias `e` (orgs, joined, have a `kind` too). */
const onEvents = (filter: string) => filter.replaceAll(/\b(kind|is_\w+)\b/g, 'e.$1');
const countColumns: Record<Counted, string> = {
  admitted: 'admitted',
  admitted_nse: 'admitted_nse',
  admitted_young: 'admitted_young',
  admitted_female: 'admitted_female',
  made_official: 'made_official',
  transfers_in: 'transfers_in',
  transfers_out: 'transfers_out',
  removed: 'removed + expelled + resigned',
};
const countedCodes = Object.keys(counted) as Counted[];

/** Enterprises outside the state sector: private and foreign-invested ("ngoài khu vực Nhà nước"). */
const NON_STATE = `en.ownership IN ('non_state','foreign')`;

/**
 * The subtree's orgs as the FROM item `o` (id, kind, path). Today's tree (day null) is `orgs`
 * itself: the SQL the registry benchmark measures, unchanged. A day's tree is `tree_orgs` (the
 * orgs of that day with their paths then), for a dashboard that reads a past tree: a merged
 * province closes its term on the admissions of its own cells, wherever they sit today. The
 * caller's `o.path <@ $1` stays: on a day's tree every row already passes it.
 */
const subtreeOrgs = (day: string | null, dayParam: string) =>
  day === null ? 'orgs o' : `tree_orgs($1::ltree, ${dayParam}::date) AS o(id, parent_id, name, kind, path)`;
/** The day as the query's last parameter when a day's tree is read (an unused parameter would have no type). */
const withDay = (params: unknown[], day: string | null) => (day === null ? params : [...params, day]);

/**
 * Event figures of the subtree at `orgPath` over [from, to], from the kept counts and the edge
 * days; on the tree of `day` when given (`orgPath` is then the org's path of that day).
 */
export async function eventFigures(
  q: Queryable,
  orgPath: string,
  from: string,
  to: string,
  day: string | null = null,
): Promise<Record<Counted, number>> {
  const b = periodBuckets(from, to);
  const sums = countedCodes.map((c) => `COALESCE(sum(${countColumns[c]}), 0)::int AS ${c}`).join(', ');
  // The edge days one by one (at most two partial months): `= ANY` lets either index answer
  // from itself, by date for a province or by org and date for a cell.
  const days = b.days.flatMap(([first, last]) => daysBetween(first, last));
  const filters = countedCodes.map((c) => `count(*) FILTER (WHERE ${onEvents(counted[c])})::int AS ${c}`).join(', ');
  const [kept, edge] = await Promise.all([
    q.query<Record<Counted, number>>(
      // Years and months apart (not OR-ed): each is then one range of the covering index, read
      // from the index alone, where an OR takes a bitmap scan that visits the table.
      `SELECT ${sums} FROM ${subtreeOrgs(day, '$4')} JOIN (
              SELECT * FROM registry_counts WHERE grain = 'y' AND bucket = ANY($2::date[])
              UNION ALL SELECT * FROM registry_counts WHERE grain = 'm' AND bucket = ANY($3::date[])) c ON c.org_id = o.id
        WHERE o.path <@ $1::ltree`,
      withDay([orgPath, b.years, b.months], day),
    ),
    days.length === 0
      ? Promise.resolve({ rows: [] as Record<Counted, number>[] })
      : q.query<Record<Counted, number>>(
          `SELECT ${filters} FROM ${subtreeOrgs(day, '$3')} JOIN membership_events e ON e.org_id = o.id WHERE o.path <@ $1::ltree AND e.event_date = ANY($2::date[])`,
          withDay([orgPath, days], day),
        ),
  ]);
  const out = {} as Record<Counted, number>;
  for (const c of countedCodes) out[c] = (kept.rows[0]?.[c] ?? 0) + (edge.rows[0]?.[c] ?? 0);
  return out;
}

/**
 * Party orgs and union orgs (trade union, youth union) founded in non-state enterprises of the
 * subtree in [from, to]; on the tree of `day` when given.
 */
export async function foundingFigures(q: Queryable, orgPath: string, from: string, to: string, day: string | null = null) {
  const { rows } = await q.query<{ party: number; unions: number }>(
    `SELECT count(*) FILTER (WHERE en.party_org_founded BETWEEN $2 AND $3)::int AS party,
            (count(*) FILTER (WHERE en.trade_union_founded BETWEEN $2 AND $3) + count(*) FILTER (WHERE en.youth_union_founded BETWEEN $2 AND $3))::int AS unions
       FROM ${subtreeOrgs(day, '$4')} JOIN enterprises en ON en.org_id = o.id WHERE o.path <@ $1::ltree AND ${NON_STATE}`,
    withDay([orgPath, from, to], day),
  );
  return rows[0] ?? { party: 0, unions: 0 };
}

/** Probationary members of the subtree overdue for review on `asOf` (their overdue span holds it). */
export async function overdueCount(q: Queryable, orgPath: string, asOf: string, day: string | null = null): Promise<number> {
  const { rows } = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM registry_probations p JOIN members m ON m.id = p.member_id JOIN ${subtreeOrgs(day, '$3')} ON o.id = m.org_id
      WHERE p.overdue_span @> $2::date AND o.path <@ $1::ltree`,
    withDay([orgPath, asOf], day),
  );
  return rows[0]?.n ?? 0;
}

/**
 * The org and the tree its figures are counted on: today's, or for an org closed by a
 * reorganization (the Bloc, a merged province) its last tree up to its last day, since its
 * cells have moved on and what they record now is their new committee's. `to` is then cut at
 * that day.
 */
async function subtree(db: Db, actor: Actor, orgId: number, from: string, to: string) {
  if (from > to) throw refused('Ngày bắt đầu phải trước ngày kết thúc.', 'querystring.from');
  const org = await findOrgInScope(db, orgId, scopeOf(actor, 'registry.read'));
  if (!org) throw orgNotFound();
  const { rows } = await db.query<{ path: string; day: string }>(
    `SELECT v.path::text, to_char(o.valid_to - 1, 'YYYY-MM-DD') AS day FROM orgs o
       JOIN org_versions v ON v.org_id = o.id AND v.valid_from <= o.valid_to - 1 AND (v.valid_to IS NULL OR v.valid_to > o.valid_to - 1)
      WHERE o.id = $1 AND o.valid_to IS NOT NULL`,
    [org.id],
  );
  const last = rows[0];
  const tree = last ? { path: last.path, day: last.day } : { path: org.path, day: null };
  return { org, tree, to: last && last.day < to ? last.day : to };
}

const noEvents = () => Object.fromEntries(countedCodes.map((c) => [c, 0])) as Record<Counted, number>;

export async function getIndicators(db: Db, actor: Actor, q: { orgId: number; from: string; to: string }) {
  const { org, tree, to } = await subtree(db, actor, q.orgId, q.from, q.to);
  // A period wholly after a closed org's last day has nothing of its own.
  const none = q.from > to;
  const [events, founded, overdue] = await Promise.all([
    none ? noEvents() : eventFigures(db, tree.path, q.from, to, tree.day),
    none ? { party: 0, unions: 0 } : foundingFigures(db, tree.path, q.from, to, tree.day),
    none ? 0 : overdueCount(db, tree.path, to, tree.day),
  ]);
  return {
    orgId: org.id,
    from: q.from,
    to: q.to,
    figures: { ...events, overdue, party_orgs_nse: founded.party, union_orgs_nse: founded.unions },
  };
}

const DRILL_LIMIT = 1_000;

/** The people or organizations behind one figure, from the events and the register themselves. */
export async function drillIndicator(db: Db, actor: Actor, q: { orgId: number; from: string; to: string; indicator: RegistryIndicator }) {
  const { tree, to } = await subtree(db, actor, q.orgId, q.from, q.to);
  const scope = scopeOf(actor, 'registry.read');
  // The subtree as `o` (paths of the tree read), and `cur` for today's path: the scope is today's.
  const within = (dayParam: string) => `${subtreeOrgs(tree.day, dayParam)} JOIN orgs cur ON cur.id = o.id`;
  if (q.from > to) return { indicator: q.indicator, total: 0, items: [] };
  type Item = { id: number; label: string; orgName: string; date: string; total: number };
  let rows: Item[];
  if (q.indicator === 'party_orgs_nse' || q.indicator === 'union_orgs_nse') {
    const founded =
      q.indicator === 'party_orgs_nse'
        ? `SELECT en.id, en.name AS label, o.name AS org_name, en.party_org_founded AS d FROM enterprises en JOIN ${within('$5')} ON o.id = en.org_id
            WHERE ${NON_STATE} AND en.party_org_founded BETWEEN $2 AND $3 AND o.path <@ $1::ltree AND ${inScopeSql('cur.path', '$4')}`
        : `SELECT en.id, 'Công đoàn ' || en.name AS label, o.name AS org_name, en.trade_union_founded AS d FROM enterprises en JOIN ${within('$5')} ON o.id = en.org_id
            WHERE ${NON_STATE} AND en.trade_union_founded BETWEEN $2 AND $3 AND o.path <@ $1::ltree AND ${inScopeSql('cur.path', '$4')}
           UNION ALL
           SELECT en.id, 'Đoàn thanh niên ' || en.name, o.name, en.youth_union_founded FROM enterprises en JOIN ${within('$5')} ON o.id = en.org_id
            WHERE ${NON_STATE} AND en.youth_union_founded BETWEEN $2 AND $3 AND o.path <@ $1::ltree AND ${inScopeSql('cur.path', '$4')}`;
    ({ rows } = await db.query<Item>(
      `SELECT id, label, org_name AS "orgName", to_char(d, 'YYYY-MM-DD') AS date, count(*) OVER ()::int AS total
         FROM (${founded}) f ORDER BY d, label LIMIT ${DRILL_LIMIT}`,
      withDay([tree.path, q.from, to, scope], tree.day),
    ));
  } else if (q.indicator === 'overdue') {
    ({ rows } = await db.query<Item>(
      `SELECT m.id, m.full_name || ' (' || m.code || ')' AS label, o.name AS "orgName", to_char(p.admitted_on, 'YYYY-MM-DD') AS date,
              count(*) OVER ()::int AS total
         FROM registry_probations p JOIN members m ON m.id = p.member_id JOIN ${within('$4')} ON o.id = m.org_id
        WHERE p.overdue_span @> $2::date AND o.path <@ $1::ltree AND ${inScopeSql('cur.path', '$3')}
        ORDER BY p.admitted_on, m.id LIMIT ${DRILL_LIMIT}`,
      withDay([tree.path, to, scope], tree.day),
    ));
  } else {
    ({ rows } = await db.query<Item>(
      `SELECT m.id, m.full_name || ' (' || m.code || ')' AS label, o.name AS "orgName", to_char(e.event_date, 'YYYY-MM-DD') AS date,
              count(*) OVER ()::int AS total
         FROM ${within('$5')} JOIN membership_events e ON e.org_id = o.id JOIN members m ON m.id = e.member_id
        WHERE o.path <@ $1::ltree AND ${inScopeSql('cur.path', '$4')} AND e.event_date BETWEEN $2 AND $3 AND ${onEvents(counted[q.indicator])}
        ORDER BY e.event_date, m.id LIMIT ${DRILL_LIMIT}`,
      withDay([tree.path, q.from, to, scope], tree.day),
    ));
  }
  return { indicator: q.indicator, total: rows[0]?.total ?? 0, items: rows.map(({ total: _t, ...r }) => r) };
}
