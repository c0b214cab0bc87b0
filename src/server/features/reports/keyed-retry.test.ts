/**
 * A keyed approval whose connection is lost mid-way (a primary killed in a failover) is tried
 * once more: the approval happens exactly once whether the connection went before the commit
 * (the retry does it) or after it (the retry finds the key and replays), never twice.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/pool';
import { systemActor } from '../../lib/actor';
import { createTestDb } from '../../test/db';
import { transitionReport } from './reports.service';
import { buildApprovalTree, type ApprovalTree } from './testing/approvals-harness';

let db: Db;
let drop: () => Promise<void>;
let tree: ApprovalTree;

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  tree = await buildApprovalTree(db, { provinces: 1, communesPerProvince: 3, prefix: 'KR' });
});
afterAll(async () => drop());

/**
 * The pool, except that the first transaction's connection is cut by the server (as a crash
 * does) at the statement `when` matches: before it runs, or just after it ran.
 */
function cutOnce(when: RegExp, moment: 'before' | 'after'): { db: Db; cuts: () => number } {
  let cuts = 0;
  const cut = async (client: pg.PoolClient) => {
    cuts += 1;
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await db.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
    // The client learns of it on its next word to the server.
    await new Promise((r) => setTimeout(r, 50));
  };
  const connect = async () => {
    const client = await db.connect();
    if (cuts > 0) return client;
    const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
    const wrapped = async (...args: unknown[]) => {
      const text = typeof args[0] === 'string' ? args[0] : '';
      if (cuts === 0 && when.test(text)) {
        if (moment === 'before') {
          await cut(client);
          return query(...args);
        }
        await query(...args);
        await cut(client);
        return query('SELECT 1');
      }
      return query(...args);
    };
    return Object.assign(Object.create(client) as pg.PoolClient, { query: wrapped, release: client.release.bind(client) });
  };
  // Everything else goes to the pool itself (pool.query calls its own connect, with a callback).
  const proxy = new Proxy(db, {
    get: (target, prop) => {
      if (prop === 'connect') return connect;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { db: proxy, cuts: () => cuts };
}

async function recount(reportId: number, orgId: number) {
  const { rows } = await db.query<{ status: string; events: number; audits: number; deltas: number; reporting: number }>(
    `SELECT (SELECT status FROM reports WHERE id = $1) AS status,
            (SELECT count(*)::int FROM report_events WHERE report_id = $1 AND action = 'approve') AS events,
            (SELECT count(*)::int FROM audit_log WHERE entity = 'report' AND entity_id = $1::text AND action = 'approve') AS audits,
            (SELECT count(*)::int FROM indicator_rollup_deltas WHERE org_id = $2) AS deltas,
            (SELECT COALESCE(max(reporting), 0)::int FROM indicator_rollups WHERE org_id = $2 AND period_key = $3) AS reporting`,
    [reportId, orgId, tree.periodKey],
  );
  return rows[0]!;
}

describe('a keyed approval when the connection is lost mid-way', () => {
  it('is done once by the retry when the connection went before the commit', async () => {
    const r = tree.reports[0]!;
    const cutting = cutOnce(/^INSERT INTO report_events/, 'before');
    const answer = await transitionReport(cutting.db, systemActor(), r.id, 'approve', { version: 1, idempotencyKey: `kr-${r.id}-approve` });
    expect(cutting.cuts()).toBe(1);
    expect(answer.status).toBe('approved');
    expect(await recount(r.id, r.orgId)).toEqual({ status: 'approved', events: 1, audits: 1, deltas: 0, reporting: 1 });
  });

  it('is replayed, not repeated, when the connection went after the commit', async () => {
    const r = tree.reports[1]!;
    const cutting = cutOnce(/^COMMIT/, 'after');
    const answer = await transitionReport(cutting.db, systemActor(), r.id, 'approve', { version: 1, idempotencyKey: `kr-${r.id}-approve` });
    expect(cutting.cuts()).toBe(1);
    expect(answer.status).toBe('approved');
    expect(await recount(r.id, r.orgId)).toEqual({ status: 'approved', events: 1, audits: 1, deltas: 0, reporting: 1 });
  });

  it('is not tried again without a key: the caller learns the database went away', async () => {
    const r = tree.reports[2]!;
    const cutting = cutOnce(/^INSERT INTO report_events/, 'before');
    await expect(transitionReport(cutting.db, systemActor(), r.id, 'approve', { version: 1 })).rejects.toThrow();
    expect(cutting.cuts()).toBe(1);
    expect(await recount(r.id, r.orgId)).toEqual({ status: 'submitted', events: 0, audits: 0, deltas: 0, reporting: 0 });
  });
});
