import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/db';
import type { Db } from '../../../db/pool';
import { anonymousCsrf, createOpenSession, generateTree, startServerChild, type ServerChild } from '../testing/harness';
import { runLoad } from '../testing/loadgen';

let db: Db;
let url: string;
let drop: () => Promise<void>;
const children: ServerChild[] = [];

beforeAll(async () => {
  const t = await createTestDb();
  ({ db, url, drop } = t);
});
afterAll(async () => {
  for (const c of children) c.child.kill('SIGKILL');
  await drop();
});

describe('check-in durability', () => {
  it('keeps every acknowledged check-in exactly once when the server is killed under load', async () => {
    const g = await generateTree(db, { orgs: 400, members: 40_000, prefix: 'K' });
    const s = await createOpenSession(db, g);
    const first = await startServerChild(url);
    children.push(first);
    const csrf = await anonymousCsrf(`http://127.0.0.1:${first.port}`);

    // Unique members, with one request in eight repeating a recent member: duplicate scans.
    let n = 0;
    const next = () => {
      n += 1;
      const k = n % 8 === 0 && n > 16 ? n - 7 : n;
      if (k > g.members) return null;
      return {
        tag: k,
        headers: { 'content-type': 'application/json', cookie: csrf.cookie, 'x-csrf-token': csrf.token },
        body: JSON.stringify({ token: s.tokenOfMember(k), memberCode: g.memberCode(k), personalCode: s.personalCodeOf(k) }),
      };
    };
    // Killed once 400 check-ins were acknowledged (whatever the machine's load), with 48 more in
    // flight; the time limit only bounds a server that never gets there (the count check fails).
    const kill = () => first.child.kill('SIGKILL');
    const load = await runLoad({
      port: first.port,
      path: '/api/study/checkin',
      connections: 48,
      durationMs: 120_000,
      next,
      onOk: (ok) => ok === 400 && kill(),
    });
    kill();
    await first.exited;
    expect(first.child.signalCode).toBe('SIGKILL');
    // The load was cut by the kill, not finished: requests were in flight when it died.
    expect(load.unanswered).toBeGreaterThan(0);
    const acked = [...new Set(load.okTags)];
    expect(acked.length, `answers by status: ${JSON.stringify(load.statuses)}`).toBeGreaterThan(300);

    const { rows } = await db.query<{ code: string; n: number }>(
      `SELECT m.code, count(*)::int AS n FROM attendances a JOIN members m ON m.id = a.member_id
        WHERE a.session_id = $1 AND a.status = 'present' AND m.code = ANY($2::text[]) GROUP BY m.code`,
      [s.sessionId, acked.map((k) => g.memberCode(k))],
    );
    const lost = acked.length - rows.length;
    expect(lost).toBe(0);
    expect(rows.every((r) => r.n === 1)).toBe(true);

    // Counts kept by the triggers agree with the rows, whatever was cut mid-batch.
    const { rows: totals } = await db.query<{ attended: number; studied: number; counted: number }>(
      `SELECT (SELECT count(*)::int FROM attendances WHERE session_id = $1 AND status = 'present') AS attended,
              (SELECT count(*)::int FROM document_studies WHERE document_id = $2) AS studied,
              (SELECT COALESCE(sum(studied), 0)::int FROM document_study_counts WHERE document_id = $2) AS counted`,
      [s.sessionId, s.documentId],
    );
    expect(totals[0]!.studied).toBe(totals[0]!.attended);
    expect(totals[0]!.counted).toBe(totals[0]!.attended);

    // After a restart, scanning again changes nothing.
    const second = await startServerChild(url);
    children.push(second);
    const csrf2 = await anonymousCsrf(`http://127.0.0.1:${second.port}`);
    for (const k of acked.slice(0, 5)) {
      const res = await fetch(`http://127.0.0.1:${second.port}/api/study/checkin`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: csrf2.cookie, 'x-csrf-token': csrf2.token },
        body: JSON.stringify({ token: s.tokenOfMember(k), memberCode: g.memberCode(k), personalCode: s.personalCodeOf(k) }),
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { status: string }).status).toBe('already_checked_in');
    }
    const { rows: after } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM attendances WHERE session_id = $1`, [
      s.sessionId,
    ]);
    expect(after[0]!.n).toBe(totals[0]!.attended);
    second.child.kill('SIGTERM');
    await second.exited;
  }, 300_000);
});
