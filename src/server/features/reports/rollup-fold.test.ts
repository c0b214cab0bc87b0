/**
 * Approvals in parallel: an approval no longer updates its ancestors' rollup rows inside its
 * own transaction; a fold adds the pending changes afterwards, one fold at a time. What a
 * leader sees must not change: every approved figure is in every ancestor (within 1 s, here
 * by the time the approval answers), totals recompute from their parts, and a change left
 * pending by a process that died is folded by any other process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { inTransaction, type Db } from '../../db/pool';
import { systemActor } from '../../lib/actor';
import { createTestDb } from '../../test/db';
import { transitionReport } from './reports.service';
import { applyApprovedValues } from './rollups.service';
import { startRollupFolder } from './rollup-fold';
import { buildApprovalTree, type ApprovalTree } from './testing/approvals-harness';

let db: Db;
let appUrl: string;
let drop: () => Promise<void>;
let tree: ApprovalTree;

beforeAll(async () => {
  ({ db, appUrl, drop } = await createTestDb());
  tree = await buildApprovalTree(db, { provinces: 4, communesPerProvince: 3, prefix: 'AP' });
});
afterAll(async () => {
  await drop();
});

const approve = (id: number) => transitionReport(db, systemActor(), id, 'approve', { version: 1, idempotencyKey: `approve-${id}-key` });

async function rollupAt(orgId: number, indicatorId: number) {
  const { rows } = await db.query<{ sum: number; num: number; den: number; reporting: number }>(
    `SELECT sum_value::float8 AS sum, numerator::float8 AS num, denominator::float8 AS den, reporting
       FROM indicator_rollups WHERE org_id = $1 AND indicator_id = $2 AND period_key = $3`,
    [orgId, indicatorId, tree.periodKey],
  );
  return rows[0] ?? null;
}

/** What an org's subtree total must be, recomputed from the reports approved under it. */
function expected(orgId: number | null, approved: ApprovalTree['reports']) {
  const under = approved.filter((r) => orgId === null || r.provinceId === orgId);
  return {
    sum: under.reduce((s, r) => s + r.newMembers, 0),
    num: under.reduce((s, r) => s + r.studied, 0),
    den: under.reduce((s, r) => s + r.members, 0),
    reporting: under.length,
  };
}

describe('approvals in parallel', () => {
  it('approves reports of every province at once; each total recomputes from its parts when the answers come', async () => {
    const batch = tree.reports.filter((_, i) => i % 3 !== 2);
    const answers = await Promise.all(batch.map((r) => approve(r.id)));
    expect(answers.every((a) => a.status === 'approved')).toBe(true);
    const root = await rollupAt(tree.rootId, tree.indicators.newMembers);
    expect(root).toMatchObject({ sum: expected(null, batch).sum, reporting: batch.length });
    const rate = await rollupAt(tree.rootId, tree.indicators.studyRate);
    expect(rate).toMatchObject({ num: expected(null, batch).num, den: expected(null, batch).den });
    for (const p of tree.provinceIds) {
      expect(await rollupAt(p, tree.indicators.newMembers)).toMatchObject({
        sum: expected(p, batch).sum,
        reporting: expected(p, batch).reporting,
      });
    }
    // The series the dashboards read agree with the rollups.
    const { rows } = await db.query<{ points: [string, string, number | null, number | null][] }>(
      'SELECT points FROM indicator_series WHERE org_id = $1 AND indicator_id = $2',
      [tree.rootId, tree.indicators.newMembers],
    );
    expect(rows[0]!.points.find((p) => p[0] === tree.periodKey)![3]).toBe(expected(null, batch).sum);
    const { rows: pending } = await db.query('SELECT 1 FROM indicator_rollup_deltas');
    expect(pending).toEqual([]);
  });

  it('commits an approval while another transaction holds the root’s rollup rows, and shows it once they are free', async () => {
    const report = tree.reports[2]!;
    const holder = new pg.Client(appUrl);
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT 1 FROM indicator_rollups WHERE org_id = $1 FOR UPDATE', [tree.rootId]);
    const answer = approve(report.id);
    // The approval's own transaction is not held up by the root's rows: it commits at once.
    const deadline = Date.now() + 10_000;
    let status = '';
    while (status !== 'approved' && Date.now() < deadline) {
      status = (await db.query<{ status: string }>('SELECT status FROM reports WHERE id = $1', [report.id])).rows[0]!.status;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe('approved');
    const before = await rollupAt(tree.rootId, tree.indicators.newMembers);
    await holder.query('COMMIT');
    await holder.end();
    await answer;
    const after = await rollupAt(tree.rootId, tree.indicators.newMembers);
    expect(after!.sum - before!.sum).toBe(report.newMembers);
    expect(after!.reporting - before!.reporting).toBe(1);
  });

  it('folds, within 1 s, a change whose approving process died before folding it', async () => {
    const report = tree.reports[5]!;
    const before = await rollupAt(report.provinceId, tree.indicators.newMembers);
    // The approval's transaction as a process that dies right after its commit leaves it.
    await inTransaction(db, async (tx) => {
      await tx.query(`UPDATE reports SET status = 'approved', version = version + 1 WHERE id = $1`, [report.id]);
      const { rows } = await tx.query<{ periodEnd: string }>(`SELECT period_end::text AS "periodEnd" FROM reports WHERE id = $1`, [
        report.id,
      ]);
      const { rows: path } = await tx.query<{ p: string }>('SELECT path::text AS p FROM orgs WHERE id = $1', [report.orgId]);
      await applyApprovedValues(tx, {
        id: report.id,
        orgId: report.orgId,
        orgPath: path[0]!.p,
        periodKey: tree.periodKey,
        periodEnd: rows[0]!.periodEnd,
      });
    });
    const committedAt = Date.now();
    const folder = startRollupFolder(db, { intervalMs: 250 });
    try {
      let after = before;
      while (after!.sum === before!.sum && Date.now() - committedAt < 5_000) {
        await new Promise((r) => setTimeout(r, 20));
        after = await rollupAt(report.provinceId, tree.indicators.newMembers);
      }
      expect(Date.now() - committedAt).toBeLessThan(1_000);
      expect(after!.sum - before!.sum).toBe(report.newMembers);
    } finally {
      await folder.stop();
    }
  });

  it('takes a reopened report back out of every ancestor', async () => {
    const report = tree.reports[0]!;
    const before = await rollupAt(tree.rootId, tree.indicators.newMembers);
    const res = await transitionReport(db, systemActor(), report.id, 'return', { version: 2, comment: 'Rà soát lại số liệu' });
    expect(res.status).toBe('returned');
    const after = await rollupAt(tree.rootId, tree.indicators.newMembers);
    expect(before!.sum - after!.sum).toBe(report.newMembers);
    expect(await rollupAt(report.orgId, tree.indicators.newMembers)).toMatchObject({ sum: 0, reporting: 0 });
  });
});
