/**
 * `npm run bench -- dashboard [orgs]`: the leader's dashboard on a province-sized tree. Starts
 * its own embedded PostgreSQL in a temporary folder and generates with set-based SQL about
 * 12,000 orgs (province → 60 districts → 1,200 communes → grassroots), 2,000 indicators with a
 * target each at the province, and 2,000 targets at each level below; three years of quarterly
 * approved values (2022–2024, about 500,000 org values) with their rollups; a quarterly report
 * row for every org and quarter; the dashboard series are rebuilt from those rollups by the
 * service's own query. Then times through the services:
 * - dashboard_ms: the province dashboard (2,000 targets evaluated, completeness, tasks), viewed
 *   again; dashboard_uncached_ms: the same with the evaluation memo emptied before each view;
 * - rollup_visible_ms: approving a grassroots report until its value shows in the province's
 *   rollup (the approval updates every ancestor in its own transaction).
 * Medians of several runs after a warm-up; server time, no HTTP.
 */
import { benchDatabase, median, round } from './support';
import type pg from 'pg';
import type { Db } from '../src/server/db/pool';
import { rebuildAllSeries } from '../src/server/features/reports/rollups.service';
import type { Actor } from '../src/server/lib/actor';
import { systemActor } from '../src/server/lib/actor';
import { clearEvaluationMemo, getDashboard } from '../src/server/features/reports/dashboard.service';
import { transitionReport } from '../src/server/features/reports/reports.service';

const RUNS = 7;
const DISTRICTS = 60;
const COMMUNES = 1200;
const INDICATORS = 2000;
const QUARTERS = [
  '2022-Q1',
  '2022-Q2',
  '2022-Q3',
  '2022-Q4',
  '2023-Q1',
  '2023-Q2',
  '2023-Q3',
  '2023-Q4',
  '2024-Q1',
  '2024-Q2',
  '2024-Q3',
  '2024-Q4',
];

/** Generates the province: orgs, indicators, documents and targets, tasks, values, rollups, reports. */
export async function generateDashboardData(pool: Db, totalOrgs: number) {
  const grassroots = totalOrgs - 1 - DISTRICTS - COMMUNES;
  // One session loads everything: its foreign-key triggers are off (the generator keeps the
  // references right by construction; checking 1.5 million of them took most of the time) and
  // its commits do not wait for the disk; no statement may run over 5 minutes. BENCH_VERBOSE=1
  // prints each statement's time.
  const client = await pool.connect();
  await client.query(
    `SET session_replication_role = replica; SET synchronous_commit = off; SET maintenance_work_mem = '256MB'; SET work_mem = '256MB'; SET statement_timeout = '300s'`,
  );
  const verbose = Boolean(process.env.BENCH_VERBOSE);
  const db = {
    query: async <R extends pg.QueryResultRow = Record<string, unknown>>(text: string, values?: unknown[]) => {
      const t0 = performance.now();
      const r = await client.query<R>(text, values);
      if (verbose) console.error(`${round(performance.now() - t0)} ms  ${text.replace(/\s+/g, ' ').slice(0, 90)}`);
      return r;
    },
  };
  try {
    await db.query(
      `INSERT INTO orgs (id, path, parent_id, code, name, kind) OVERRIDING SYSTEM VALUE VALUES (1, '1', NULL, 'P', 'Tỉnh ủy Mẫu', 'province_committee')`,
    );
    await db.query(
      `INSERT INTO orgs (id, path, parent_id, code, name, kind) OVERRIDING SYSTEM VALUE
       SELECT i, ('1.' || i)::ltree, 1, 'D' || i, 'Huyện ủy ' || i, 'district_committee' FROM generate_series(2, $1::int + 1) i`,
      [DISTRICTS],
    );
    await db.query(
      `INSERT INTO orgs (id, path, parent_id, code, name, kind) OVERRIDING SYSTEM VALUE
       SELECT i, ('1.' || p || '.' || i)::ltree, p, 'C' || i, 'Đảng ủy xã ' || i, 'commune_committee'
         FROM generate_series($1::int + 2, $1::int + $2::int + 1) i, LATERAL (SELECT 2 + (i % $1::int) AS p) x`,
      [DISTRICTS, COMMUNES],
    );
    await db.query(
      `INSERT INTO orgs (id, path, parent_id, code, name, kind) OVERRIDING SYSTEM VALUE
       SELECT i, (c.path::text || '.' || i)::ltree, c.id, 'G' || i, 'Đảng bộ cơ sở ' || i, 'grassroots'
         FROM generate_series($1::int, $1::int + $2::int - 1) i JOIN orgs c ON c.id = $3::int + (i % $4::int)`,
      [DISTRICTS + COMMUNES + 2, grassroots, DISTRICTS + 2, COMMUNES],
    );
    await db.query(`SELECT setval(pg_get_serial_sequence('orgs', 'id'), (SELECT max(id) FROM orgs))`);

    // Indicators: counts that add up and rates that keep their parts, two in three summed.
    const { rows: firstInd } = await db.query<{ id: number }>(
      `INSERT INTO indicators (code, name, unit, direction, aggregation)
       SELECT 'B' || k, 'Chỉ số mẫu ' || k, CASE WHEN k % 3 = 0 THEN '%' ELSE 'đơn vị' END, 'higher_better', CASE WHEN k % 3 = 0 THEN 'rate' ELSE 'sum' END
         FROM generate_series(1, $1::int) k RETURNING id`,
      [INDICATORS],
    );
    const ind0 = Math.min(...firstInd.map((r) => r.id)) - 1;

    // Documents: the resolution at the province; a plan at every district and commune and at one grassroots org in five.
    await db.query(
      `INSERT INTO documents (id, org_id, kind, term, number, symbol, title, status, series_id) OVERRIDING SYSTEM VALUE
       SELECT o.id, o.id, CASE WHEN o.id = 1 THEN 'resolution' ELSE 'plan' END, '2020-2025', 1,
              CASE WHEN o.id = 1 THEN '01-NQ/TU' ELSE '01-KH/ĐU' END, 'Văn bản của ' || o.name, 'adopted', o.id
         FROM orgs o WHERE o.kind <> 'grassroots' OR o.id % 5 = 0`,
    );
    await db.query(`SELECT setval(pg_get_serial_sequence('documents', 'id'), (SELECT max(id) FROM documents))`);
    await db.query(
      `INSERT INTO document_implements (document_id, implements_series_id)
       SELECT d.id, COALESCE(pd.id, 1) FROM documents d JOIN orgs o ON o.id = d.org_id LEFT JOIN documents pd ON pd.org_id = o.parent_id WHERE d.id <> 1`,
    );
    // 2,000 targets at the province (one per indicator) and 2,000 spread over each level below.
    await db.query(
      `INSERT INTO document_items (document_id, kind, position, text, indicator_id, comparator, value, unit, by_year)
       SELECT 1, 'target', k, 'Chỉ tiêu mẫu ' || k, $1::bigint + k, '>=', CASE WHEN k % 3 = 0 THEN 90 ELSE 1000 + k END,
              CASE WHEN k % 3 = 0 THEN '%' ELSE 'đơn vị' END, 2025 FROM generate_series(1, $2::int) k`,
      [ind0, INDICATORS],
    );
    await db.query(
      `INSERT INTO document_items (document_id, kind, position, text, indicator_id, comparator, value, unit, by_year)
       SELECT d.id, 'target', k, 'Chỉ tiêu cấp dưới ' || k, $1::bigint + 1 + ((d.id * 7 + k * 131) % $2::int), '>=', 10, 'đơn vị', 2025
         FROM (SELECT d.id, nlevel(o.path) AS lvl, count(*) OVER (PARTITION BY nlevel(o.path)) AS n FROM documents d JOIN orgs o ON o.id = d.org_id WHERE d.id <> 1) d
         CROSS JOIN LATERAL generate_series(1, GREATEST(1, ceil($2::numeric / d.n)::int)) k`,
      [ind0, INDICATORS],
    );
    // A task per commune from the resolution, one in four already late.
    const { rows: taskItem } = await db.query<{ id: number }>(
      `INSERT INTO document_items (document_id, kind, position, text) VALUES (1, 'task', 9999, 'Nhiệm vụ mẫu') RETURNING id`,
    );
    await db.query(
      `INSERT INTO tasks (item_id, org_id, title, lead_org_id, due_date, status, progress)
       SELECT $1, 1, 'Nhiệm vụ mẫu của ' || o.name, o.id, CASE WHEN o.id % 4 = 0 THEN '2024-06-30'::date ELSE '2025-06-30'::date END,
              CASE WHEN o.id % 3 = 0 THEN 'done' ELSE 'in_progress' END, 50
         FROM orgs o WHERE o.kind = 'commune_committee'`,
      [taskItem[0]!.id],
    );

    // Values: every org below the province reports three or four indicators each quarter.
    await db.query(
      `INSERT INTO org_indicator_values (indicator_id, org_id, period_key, period_end, value, numerator, denominator)
       SELECT $1::bigint + 1 + ((o.id * 7 + j * 131) % $2::int), o.id, q.key, q.e::date,
              CASE WHEN (1 + ((o.id * 7 + j * 131) % $2::int)) % 3 = 0 THEN round(100.0 * (40 + (o.id + q.n) % 10) / 50, 2) ELSE (o.id + q.n) % 9 END,
              CASE WHEN (1 + ((o.id * 7 + j * 131) % $2::int)) % 3 = 0 THEN 40 + (o.id + q.n) % 10 END,
              CASE WHEN (1 + ((o.id * 7 + j * 131) % $2::int)) % 3 = 0 THEN 50 END
         FROM orgs o CROSS JOIN generate_series(0, 3) j
         CROSS JOIN LATERAL (SELECT key, n, (substr(key, 1, 4) || '-' || lpad((substr(key, 7, 1)::int * 3)::text, 2, '0') || '-01')::date + interval '1 month' - interval '1 day' AS e
                               FROM unnest($3::text[]) WITH ORDINALITY AS u(key, n)) q
        WHERE o.id <> 1 AND (j < 3 OR o.id % 2 = 0)
       ON CONFLICT DO NOTHING`,
      [ind0, INDICATORS, QUARTERS],
    );
    // Rollups from the values, set-based: each value adds into every ancestor's row (as approvals do one by one).
    await db.query(
      `INSERT INTO indicator_rollups (indicator_id, org_id, period_key, period_end, sum_value, numerator, denominator, reporting)
       SELECT v.indicator_id, a.id, v.period_key, v.period_end,
              sum(CASE WHEN ind.aggregation = 'rate' THEN 0 ELSE v.value END), COALESCE(sum(v.numerator), 0), COALESCE(sum(v.denominator), 0), count(*)
         FROM org_indicator_values v JOIN indicators ind ON ind.id = v.indicator_id JOIN orgs vo ON vo.id = v.org_id
         CROSS JOIN LATERAL generate_series(1, nlevel(vo.path)) lvl
         -- The generated paths are made of ids: an ancestor is a prefix, its id the prefix's last label.
         CROSS JOIN LATERAL (SELECT subpath(vo.path, lvl - 1, 1)::text::bigint AS id) a
        GROUP BY v.indicator_id, a.id, v.period_key, v.period_end`,
    );
    await rebuildAllSeries(client);
    // The schedule and a report for every org and quarter; the latest quarter half submitted.
    await db.query(`INSERT INTO report_schedules (id, document_id, period_type) OVERRIDING SYSTEM VALUE VALUES (1, 1, 'quarter')`);
    await db.query(
      `INSERT INTO reports (schedule_id, document_id, org_id, period_type, period_key, period_start, period_end, due_date, status, first_submitted_at)
       SELECT 1, 1, o.id, 'quarter', q.key, date_trunc('quarter', q.e)::date, q.e::date, (q.e + interval '10 days')::date,
              CASE WHEN q.key < '2024-Q4' OR o.id % 2 = 0 THEN 'approved' ELSE 'draft' END,
              CASE WHEN q.key < '2024-Q4' OR o.id % 2 = 0 THEN q.e + interval '5 days' END
         FROM orgs o CROSS JOIN LATERAL (SELECT key, (substr(key, 1, 4) || '-' || lpad((substr(key, 7, 1)::int * 3)::text, 2, '0') || '-01')::date + interval '1 month' - interval '1 day' AS e
                                          FROM unnest($1::text[]) AS u(key)) q`,
      [QUARTERS],
    );
    await db.query('ANALYZE');
    const { rows: counts } = await db.query<{ orgs: number; values: number; rollups: number; targets: number; reports: number }>(
      `SELECT (SELECT count(*)::int FROM orgs) AS orgs, (SELECT count(*)::int FROM org_indicator_values) AS values,
              (SELECT count(*)::int FROM indicator_rollups) AS rollups, (SELECT count(*)::int FROM document_items WHERE kind = 'target') AS targets,
              (SELECT count(*)::int FROM reports) AS reports`,
    );
    return counts[0]!;
  } finally {
    // Closed, not returned to the pool: the session's settings must not reach the services.
    client.release(true);
  }
}

export default async function bench(args: string[]): Promise<Record<string, unknown>> {
  const totalOrgs = Number(args[0]) > 2000 ? Number(args[0]) : 12_000;
  const started = performance.now();
  const { db, close } = await benchDatabase();
  try {
    const c = await generateDashboardData(db, totalOrgs);
    const generatedS = round((performance.now() - started) / 1000);

    const admin: Actor = {
      userId: 1,
      username: 'bench',
      fullName: 'Bench',
      ip: null,
      grants: [{ role: 'admin', orgId: 1, orgPath: '1' }],
      memberId: null,
      locale: 'vi',
    };
    const dashTimes: number[] = [];
    let targetsShown = 0;
    const uncachedTimes: number[] = [];
    await getDashboard(db, admin, 1, { asOf: '2024-12-31' });
    for (let i = 0; i < RUNS; i++) {
      // Without the evaluation memo: the first view after a restart or of a new date.
      clearEvaluationMemo();
      let t0 = performance.now();
      await getDashboard(db, admin, 1, { asOf: '2024-12-31' });
      uncachedTimes.push(performance.now() - t0);
      t0 = performance.now();
      const d = await getDashboard(db, admin, 1, { asOf: '2024-12-31' });
      dashTimes.push(performance.now() - t0);
      targetsShown = d.targets.length;
    }

    // Approval visible up the tree: a grassroots org with a plan reports a new quarter.
    const { rows: g } = await db.query<{ id: number; path: string; itemId: number; indicatorId: number; docId: number }>(
      `SELECT o.id, o.path::text AS path, i.id AS "itemId", i.indicator_id AS "indicatorId", d.id AS "docId"
         FROM orgs o JOIN documents d ON d.org_id = o.id JOIN document_items i ON i.document_id = d.id AND i.kind = 'target'
         JOIN indicators ind ON ind.id = i.indicator_id AND ind.aggregation = 'sum'
        WHERE o.kind = 'grassroots' ORDER BY o.id LIMIT ${RUNS + 1}`,
    );
    const sys = systemActor('Bench');
    const visible: number[] = [];
    for (const [n, org] of g.entries()) {
      const period = `2025-Q${1 + (n % 4)}`;
      const { rows: rep } = await db.query<{ id: number; version: number }>(
        `INSERT INTO reports (schedule_id, document_id, org_id, period_type, period_key, period_start, period_end, due_date, status)
         VALUES (1, 1, $1, 'quarter', $2, '2025-01-01', '2025-03-31', '2025-04-10', 'submitted')
         ON CONFLICT (schedule_id, org_id, period_key) DO UPDATE SET status = 'submitted' RETURNING id, version`,
        [org.id, period],
      );
      await db.query(`INSERT INTO report_target_values (report_id, item_id, value) VALUES ($1, $2, 7) ON CONFLICT DO NOTHING`, [
        rep[0]!.id,
        org.itemId,
      ]);
      const before = await db.query<{ s: number }>(
        `SELECT COALESCE(sum(sum_value), 0)::float8 AS s FROM indicator_rollups WHERE org_id = 1 AND indicator_id = $1 AND period_key = $2`,
        [org.indicatorId, period],
      );
      const t0 = performance.now();
      await transitionReport(db, sys, rep[0]!.id, 'approve', { version: rep[0]!.version, idempotencyKey: `bench-${n}` });
      for (;;) {
        const after = await db.query<{ s: number }>(
          `SELECT COALESCE(sum(sum_value), 0)::float8 AS s FROM indicator_rollups WHERE org_id = 1 AND indicator_id = $1 AND period_key = $2`,
          [org.indicatorId, period],
        );
        if (after.rows[0]!.s !== before.rows[0]!.s) break;
        if (performance.now() - t0 > 5000) throw new Error('The approved value never reached the province');
      }
      if (n > 0) visible.push(performance.now() - t0);
    }
    return {
      orgs: c.orgs,
      values: c.values,
      rollup_rows: c.rollups,
      targets: c.targets,
      reports: c.reports,
      dashboard_targets: targetsShown,
      generate_s: generatedS,
      dashboard_ms: round(median(dashTimes)),
      dashboard_uncached_ms: round(median(uncachedTimes)),
      rollup_visible_ms: round(median(visible)),
    };
  } finally {
    await close();
  }
}
