/**
 * The periodic statistics table of the organization department (biểu thống kê đảng viên, quý
 * và năm): for a subtree and a period, one row per unit directly under the org (and the org's
 * own events, if any), the movements of the rolls by kind, and the total. Every number comes
 * from the same kept counts and edge days as the dashboard's figures, so the total row equals
 * the registry's figures to the unit (a test compares them).
 */
import type { Db, Queryable } from '../../db/pool';
import { daysBetween, periodBuckets } from '../../../domain/registry/period-buckets';
import { scopeOf, type Actor } from '../../lib/actor';
import { findOrgInScope } from '../orgs';
import { orgNotFound, refused } from './registry.errors';

/** The columns of the table, in the department's order, with the event filter each counts. */
export const STATISTIC_COLUMNS = [
  { key: 'admitted', vi: 'Kết nạp', filter: `kind = 'admission'` },
  { key: 'admitted_nse', vi: 'Trong đó: trong DN ngoài khu vực Nhà nước', filter: `kind = 'admission' AND is_non_state` },
  { key: 'admitted_young', vi: 'Trong đó: từ 30 tuổi trở xuống', filter: `kind = 'admission' AND is_young` },
  { key: 'admitted_female', vi: 'Trong đó: nữ', filter: `kind = 'admission' AND is_female` },
  { key: 'made_official', vi: 'Chuyển đảng chính thức', filter: `kind = 'official'` },
  { key: 'transfers_in', vi: 'Chuyển sinh hoạt đến', filter: `kind = 'transfer_in'` },
  { key: 'transfers_out', vi: 'Chuyển sinh hoạt đi', filter: `kind = 'transfer_out'` },
  { key: 'removed', vi: 'Xóa tên', filter: `kind = 'removal'` },
  { key: 'expelled', vi: 'Khai trừ', filter: `kind = 'expulsion'` },
  { key: 'resigned', vi: 'Xin ra khỏi Đảng', filter: `kind = 'resignation'` },
  { key: 'died', vi: 'Từ trần', filter: `kind = 'death'` },
  { key: 'exempted', vi: 'Miễn sinh hoạt', filter: `kind = 'exemption'` },
] as const;
export type StatisticKey = (typeof STATISTIC_COLUMNS)[number]['key'] | 'overdue' | 'party_orgs_nse' | 'union_orgs_nse';
/** Columns not counted from events: overdue reviews on the last day, orgs founded in non-state enterprises. */
export const EXTRA_COLUMNS = [
  { key: 'overdue', vi: 'Quá hạn xét chuyển chính thức (cuối kỳ)' },
  { key: 'party_orgs_nse', vi: 'Tổ chức đảng thành lập trong DN ngoài NN' },
  { key: 'union_orgs_nse', vi: 'Tổ chức Công đoàn, Đoàn thành lập trong DN ngoài NN' },
] as const;

export type StatisticRow = { orgId: number; orgName: string; orgKind: string; figures: Record<StatisticKey, number> };

const NON_STATE = `en.ownership IN ('non_state','foreign')`;
/** The unit an org belongs to: the child of the subtree's root above it, or the root itself. */
const UNIT = `CASE WHEN nlevel(o.path) > nlevel($1::ltree) THEN subpath(o.path, 0, nlevel($1::ltree) + 1) ELSE o.path END`;

async function sumsByUnit(q: Queryable, orgPath: string, from: string, to: string) {
  const b = periodBuckets(from, to);
  const days = b.days.flatMap(([first, last]) => daysBetween(first, last));
  const keys = STATISTIC_COLUMNS.map((c) => c.key);
  const sums = keys.map((k) => `sum(c.${k})::int AS ${k}`).join(', ');
  const edge = STATISTIC_COLUMNS.map(
    (c) => `count(*) FILTER (WHERE ${c.filter.replaceAll(/\b(kind|is_\w+)\b/g, 'e.$1')})::int AS ${c.key}`,
  ).join(', ');
  type Row = { unit: string } & Record<string, number>;
  const [kept, edges, overdue, founded] = await Promise.all([
    q.query<Row>(
      `SELECT ${UNIT}::text AS unit, ${sums} FROM orgs o JOIN (
              SELECT * FROM registry_counts WHERE grain = 'y' AND bucket = ANY($2::date[])
              UNION ALL SELECT * FROM registry_counts WHERE grain = 'm' AND bucket = ANY($3::date[])) c ON c.org_id = o.id
        WHERE o.path <@ $1::ltree GROUP BY 1`,
      [orgPath, b.years, b.months],
    ),
    days.length === 0
      ? Promise.resolve({ rows: [] as Row[] })
      : q.query<Row>(
          `SELECT ${UNIT}::text AS unit, ${edge} FROM orgs o JOIN membership_events e ON e.org_id = o.id
            WHERE o.path <@ $1::ltree AND e.event_date = ANY($2::date[]) GROUP BY 1`,
          [orgPath, days],
        ),
    q.query<Row>(
      `SELECT ${UNIT}::text AS unit, count(*)::int AS overdue FROM registry_probations p JOIN members m ON m.id = p.member_id
         JOIN orgs o ON o.id = m.org_id WHERE p.overdue_span @> $2::date AND o.path <@ $1::ltree GROUP BY 1`,
      [orgPath, to],
    ),
    q.query<Row>(
      `SELECT ${UNIT}::text AS unit,
              count(*) FILTER (WHERE en.party_org_founded BETWEEN $2 AND $3)::int AS party_orgs_nse,
              (count(*) FILTER (WHERE en.trade_union_founded BETWEEN $2 AND $3) + count(*) FILTER (WHERE en.youth_union_founded BETWEEN $2 AND $3))::int AS union_orgs_nse
         FROM orgs o JOIN enterprises en ON en.org_id = o.id WHERE o.path <@ $1::ltree AND ${NON_STATE} GROUP BY 1`,
      [orgPath, from, to],
    ),
  ]);
  const byUnit = new Map<string, Record<StatisticKey, number>>();
  const all: StatisticKey[] = [...keys, ...EXTRA_COLUMNS.map((c) => c.key)];
  for (const r of [...kept.rows, ...edges.rows, ...overdue.rows, ...founded.rows]) {
    let f = byUnit.get(r.unit);
    if (!f) byUnit.set(r.unit, (f = Object.fromEntries(all.map((k) => [k, 0])) as Record<StatisticKey, number>));
    for (const k of all) f[k] += r[k] ?? 0;
  }
  return { byUnit, all };
}

/** The table for the org's subtree over [from, to]: the org's direct children (every one, even with nothing to count) and the total. */
export async function getStatistics(db: Db, actor: Actor, q: { orgId: number; from: string; to: string }) {
  if (q.from > q.to) throw refused('Ngày bắt đầu phải trước ngày kết thúc.', 'querystring.from');
  const org = await findOrgInScope(db, q.orgId, scopeOf(actor, 'registry.read'));
  if (!org) throw orgNotFound();
  const { byUnit, all } = await sumsByUnit(db, org.path, q.from, q.to);
  const { rows: units } = await db.query<{ id: number; name: string; kind: string; path: string }>(
    // The children of today, and any unit gone since whose events fall in the period.
    `SELECT id, name, kind, path::text AS path FROM orgs WHERE parent_id = $1 OR id = $1 OR path::text = ANY($2::text[])
      ORDER BY nlevel(path), name COLLATE "vi-x-icu", id`,
    [org.id, [...byUnit.keys()]],
  );
  const zero = () => Object.fromEntries(all.map((k) => [k, 0])) as Record<StatisticKey, number>;
  const rows: StatisticRow[] = units
    // The org's own line only when something was recorded at the org itself (a cell's table is its own line).
    .filter((u) => u.id !== org.id || byUnit.has(u.path) || units.length === 1)
    .map((u) => ({ orgId: u.id, orgName: u.name, orgKind: u.kind, figures: byUnit.get(u.path) ?? zero() }));
  const total = zero();
  for (const f of byUnit.values()) for (const k of all) total[k] += f[k];
  return { orgId: org.id, orgName: org.name, orgKind: org.kind, from: q.from, to: q.to, rows, total };
}
