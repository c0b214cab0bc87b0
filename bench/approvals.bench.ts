/**
 * `npm run bench -- approvals [communesPerProvince]`: reports of 34 provinces approved from 32
 * connections at once, twice in one run on one database:
 * - baseline: each approval folds its change into its org's and every ancestor's rollup rows
 *   inside its own transaction (the design before), so every approval queues on the root's rows;
 * - folded (today's): the approval appends its change; one fold at a time adds all pending
 *   changes, and the approval answers after the fold that follows its commit.
 * `visible_p99_ms` is from the approval's request to its answer: when it answers, its figures
 * are in every ancestor (checked at the end: every total recomputes from the approved parts).
 */
import { systemActor } from '../src/server/lib/actor';
import type { Db } from '../src/server/db/pool';
import { transitionReport } from '../src/server/features/reports/reports.service';
import { rollupFolding } from '../src/server/features/reports/rollups.service';
import { buildApprovalTree, type ApprovalTree } from '../src/server/features/reports/testing/approvals-harness';
import { benchDatabase, round } from './support';

const PROVINCES = 34;
const CONNECTIONS = 32;
const TIME_LIMIT_MS = 120_000;

const p99 = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.99))] ?? 0;
};

/** Approves the tree's reports, provinces interleaved, from CONNECTIONS callers at once. */
async function approveAll(db: Db, tree: ApprovalTree) {
  const byProvince = tree.provinceIds.map((p) => tree.reports.filter((r) => r.provinceId === p));
  const order: number[] = [];
  for (let i = 0; order.length < tree.reports.length; i++) for (const list of byProvince) if (list[i]) order.push(list[i]!.id);
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < order.length && performance.now() - t0 < TIME_LIMIT_MS) {
        const id = order[next++]!;
        const start = performance.now();
        await transitionReport(db, systemActor(), id, 'approve', { version: 1, idempotencyKey: `bench-approve-${id}` });
        latencies.push(performance.now() - start);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return { approved: latencies.length, perSecond: latencies.length / seconds, p99: p99(latencies) };
}

/** Approved reports whose figures are missing from the root's total (must be 0). */
async function missing(db: Db, tree: ApprovalTree): Promise<number> {
  const { rows } = await db.query<{ approved: number; reporting: number; sum: number; expected: number }>(
    `SELECT (SELECT count(*)::int FROM reports r JOIN orgs o ON o.id = r.org_id WHERE o.path <@ $1::text::ltree AND r.status = 'approved') AS approved,
            COALESCE((SELECT reporting FROM indicator_rollups WHERE org_id = $2 AND indicator_id = $3 AND period_key = $4), 0) AS reporting,
            COALESCE((SELECT sum_value::float8 FROM indicator_rollups WHERE org_id = $2 AND indicator_id = $3 AND period_key = $4), 0) AS sum,
            (SELECT COALESCE(sum(v.value), 0)::float8 FROM org_indicator_values v WHERE v.indicator_id = $3 AND v.period_key = $4
                AND v.org_id IN (SELECT id FROM orgs WHERE path <@ $1::text::ltree)) AS expected`,
    [String(tree.rootId), tree.rootId, tree.indicators.newMembers, tree.periodKey],
  );
  const r = rows[0]!;
  if (r.sum !== r.expected) throw new Error(`root total ${r.sum} != sum of approved parts ${r.expected}`);
  return r.approved - r.reporting;
}

export default async function approvalsBench(args: string[]) {
  const communesPerProvince = Number(args[0] ?? 20);
  const { db, close } = await benchDatabase(CONNECTIONS + 8);
  try {
    const baselineTree = await buildApprovalTree(db, { provinces: PROVINCES, communesPerProvince, prefix: 'BASE' });
    const foldedTree = await buildApprovalTree(db, { provinces: PROVINCES, communesPerProvince, prefix: 'FOLD' });
    await db.query('ANALYZE');
    rollupFolding.isInline = true;
    const baseline = await approveAll(db, baselineTree);
    rollupFolding.isInline = false;
    const folded = await approveAll(db, foldedTree);
    const lost = (await missing(db, baselineTree)) + (await missing(db, foldedTree));
    return {
      provinces: PROVINCES,
      connections: CONNECTIONS,
      reports: foldedTree.reports.length,
      approved: folded.approved,
      approvals_per_s: round(folded.perSecond),
      visible_p99_ms: round(folded.p99),
      baseline_approved: baseline.approved,
      baseline_approvals_per_s: round(baseline.perSecond),
      baseline_visible_p99_ms: round(baseline.p99),
      lost,
    };
  } finally {
    await close();
  }
}
