import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/pool';
import { createDemoTestDb } from '../../test/db';
import { systemActor } from '../../lib/actor';
import { getDashboard } from './dashboard.service';

let db: Db;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ db, drop } = await createDemoTestDb('old-tree'));
}, 300_000); // includes waiting for another file to build the demo template (test/db.ts)
afterAll(async () => drop());

const docOf = async (orgName: string) =>
  (
    await db.query<{ id: number }>(
      `SELECT d.id FROM documents d JOIN orgs o ON o.id = d.org_id WHERE o.name ILIKE $1 AND d.kind = 'resolution' AND d.term = '2020-2025' ORDER BY d.id LIMIT 1`,
      [orgName],
    )
  ).rows[0]!.id;

// The demo's figures stop with the reports of Q4 2024 (due in January 2025): its dashboards are
// read as of a day after the last of them was due (15/01/2025), not today.
const demoAsOf = { asOf: '2025-01-20' };

describe('demo progress data', () => {
  it('gives the provincial dashboard a mix of statuses and an open explanation request', async () => {
    const d = await getDashboard(db, systemActor(), await docOf('Tỉnh ủy Bình Dương'), demoAsOf);
    const statuses = new Set(d.targets.map((t) => t.status));
    expect(statuses.size).toBeGreaterThanOrEqual(3);
    expect(statuses).toContain('achieved');
    expect(statuses).toContain('off_track');
    expect(d.openExplanations).toBe(1);
    expect(d.reports.late).toBeGreaterThan(0);
  });
  it('gives the bloc a returned report, a late one and rolled-up figures from its units', async () => {
    const doc = await docOf('Đảng ủy Khối Các cơ quan%');
    const d = await getDashboard(db, systemActor(), doc, demoAsOf);
    expect(d.reports.periodKey).toBe('2024-Q4');
    expect(d.reports.late).toBeGreaterThanOrEqual(1);
    const { rows } = await db.query(
      `SELECT status FROM reports WHERE document_id = $1 AND period_key = '2024-Q4' AND status = 'returned'`,
      [doc],
    );
    expect(rows.length).toBe(1);
    const members = d.targets.find((t) => t.indicatorName?.startsWith('Số đảng viên mới được kết nạp'));
    // Counted from the registry's admissions under the bloc since 2021, each once: none is typed.
    const { rows: admitted } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM membership_events e JOIN orgs o ON o.id = e.org_id JOIN orgs b ON b.id = (SELECT org_id FROM documents WHERE id = $1)
        WHERE e.kind = 'admission' AND o.path <@ b.path AND e.event_date BETWEEN '2021-01-01' AND '2025-01-20'`,
      [doc],
    );
    expect(members?.source).toBe('registry');
    expect(members?.latest).toBe(admitted[0]!.n);
    expect(admitted[0]!.n).toBeGreaterThan(1000);
    const { rows: sample } = await db.query(`SELECT count(*)::int AS n FROM reports WHERE NOT is_sample`);
    expect(sample[0].n).toBe(0);
  });
  it('counts a closed term’s admissions up to its end, not the next term’s', async () => {
    const doc = await docOf('Đảng ủy Khối Các cơ quan%');
    const count = async (to: string) =>
      (
        await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM membership_events e JOIN orgs o ON o.id = e.org_id JOIN orgs b ON b.id = (SELECT org_id FROM documents WHERE id = $1)
            WHERE e.kind = 'admission' AND o.path <@ b.path AND e.event_date BETWEEN '2021-01-01' AND $2::date`,
          [doc, to],
        )
      ).rows[0]!.n;
    const d = await getDashboard(db, systemActor(), doc, { asOf: '2026-06-30' });
    const members = d.targets.find((t) => t.indicatorName?.startsWith('Số đảng viên mới được kết nạp'));
    expect(members?.latest).toBe(await count('2025-12-31'));
    expect(members?.latestPeriod).toBe('2025');
  });

  it('recomputes every demo figure from its parts: each rollup is the sum of the own values below it', async () => {
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM indicator_rollups r
         LEFT JOIN LATERAL (SELECT coalesce(sum(v.value) FILTER (WHERE ind.aggregation <> 'rate'), 0) AS s, coalesce(sum(v.numerator), 0) AS num,
                                   coalesce(sum(v.denominator), 0) AS den, count(*) AS rep
                              FROM org_indicator_values v JOIN indicators ind ON ind.id = v.indicator_id
                             WHERE v.indicator_id = r.indicator_id AND v.period_key = r.period_key AND path_of(v.org_id) <@ path_of(r.org_id)) own ON true
        WHERE r.sum_value <> own.s OR r.numerator <> own.num OR r.denominator <> own.den OR r.reporting <> own.rep`,
    );
    expect(rows[0]!.n).toBe(0);
    const { rows: checked } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM indicator_rollups');
    expect(checked[0]!.n).toBeGreaterThan(20);
  });
  it('makes every whole-org figure a reporter typed equal to what the dashboard rolls up', async () => {
    // A figure marked as including the children is the org's total: the rollup of its subtree
    // for that period must show the same number (no unit counted twice).
    const { rows } = await db.query<{ code: string; periodKey: string; typed: number; rolled: number }>(
      `SELECT ind.code, r.period_key AS "periodKey",
              (CASE WHEN ind.aggregation = 'rate' THEN round(v.numerator / v.denominator * 100, 2) ELSE v.value END)::float8 AS typed,
              (CASE WHEN ind.aggregation = 'rate' THEN round(ru.numerator / ru.denominator * 100, 2) ELSE ru.sum_value END)::float8 AS rolled
         FROM report_target_values v JOIN reports r ON r.id = v.report_id JOIN document_items i ON i.id = v.item_id JOIN indicators ind ON ind.id = i.indicator_id
         JOIN indicator_rollups ru ON ru.org_id = r.org_id AND ru.indicator_id = i.indicator_id AND ru.period_key = r.period_key
        WHERE v.includes_children AND r.status = 'approved' AND ind.aggregation IN ('sum','rate')`,
    );
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) expect(row.rolled, `${row.code} ${row.periodKey}`).toBe(row.typed);
  });
});
