/**
 * Stateless processes: `resolute start --workers 2` (two workers sharing a port) and a second
 * `resolute start` on another port, all on one database. A request may land on any process,
 * so what one process learned must hold in the other: the session and its CSRF token, the
 * abuse limits, a check-in sent to both at once, and the jobs run at start (once, not once
 * per process).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/pool';
import { freePort } from '../db/embedded';
import { createTestDb } from '../test/db';
import { buildOrg, buildUser } from '../test/factories';
import { anonymousCsrf, createOpenSession, generateTree } from '../features/study/testing/harness';

type Proc = { child: ChildProcess; output: () => string; base: string };
const children: ChildProcess[] = [];
let db: Db;
let drop: () => Promise<void>;
let a: Proc, b: Proc;

async function start(url: string, args: string[]): Promise<Proc> {
  const port = await freePort();
  const child = spawn(process.execPath, ['bin/resolute.js', 'start', '--no-web', '--no-demo', ...args], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: url,
      RESOLUTE_JOBS: 'on',
      // Long enough that a process started after the other is "within the last tick".
      RESOLUTE_JOBS_TICK_MS: '900000',
      RESOLUTE_ADMIN_PASSWORD: 'workers-test-password',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const deadline = Date.now() + 170_000;
  while (!/đang chạy tại/.test(output)) {
    if (child.exitCode !== null) throw new Error(`exited early: ${output}`);
    if (Date.now() > deadline) throw new Error(`not ready: ${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, output: () => output, base: `http://127.0.0.1:${port}` };
}

const json = (cookie: string, csrf: string) => ({ 'content-type': 'application/json', cookie, 'x-csrf-token': csrf });

beforeAll(async () => {
  const t = await createTestDb();
  ({ db, drop } = t);
  a = await start(t.url, ['--workers', '2']);
  b = await start(t.url, []);
}, 360_000);

afterAll(async () => {
  // SIGTERM: the primary stops its workers; whatever is still up after 30 s is killed.
  await Promise.all(
    children.map(async (c) => {
      if (c.exitCode !== null || c.signalCode !== null) return;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGTERM');
      const timer = setTimeout(() => c.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    }),
  );
  await drop();
}, 60_000);

describe('several app processes on one database', () => {
  it('runs two workers on one port under --workers 2', () => {
    const pids = new Set([...a.output().matchAll(/Tiến trình (\d+) phục vụ/g)].map((m) => m[1]));
    expect(pids.size).toBe(2);
    expect(a.output()).toContain('với 2 tiến trình');
  });

  it('honours a session and its CSRF token made by the other process', { timeout: 60_000 }, async () => {
    const org = await buildOrg(db);
    const user = await buildUser(db, [{ org, role: 'manager' }]);
    const pre = await anonymousCsrf(a.base);
    const login = await fetch(`${a.base}/api/auth/login`, {
      method: 'POST',
      headers: json(pre.cookie, pre.token),
      body: JSON.stringify({ username: user.username, password: user.password }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .find((c) => c!.startsWith('resolute_session='))!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };

    const me = await fetch(`${b.base}/api/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { username: string }).username).toBe(user.username);

    const forged = await fetch(`${b.base}/api/auth/locale`, { method: 'PUT', headers: json(cookie, 'forged'), body: '{"locale":"en"}' });
    expect(forged.status).toBe(403);
    const put = await fetch(`${b.base}/api/auth/locale`, { method: 'PUT', headers: json(cookie, csrfToken), body: '{"locale":"en"}' });
    expect(put.status).toBe(204);
    const { rows } = await db.query<{ locale: string }>('SELECT locale FROM users WHERE id = $1', [user.id]);
    expect(rows[0]!.locale).toBe('en');
  });

  it('counts wrong personal codes against one limit across processes, and checks a member in once', { timeout: 120_000 }, async () => {
    const g = await generateTree(db, { orgs: 30, members: 60, prefix: 'W' });
    const s = await createOpenSession(db, g);
    const csrfA = await anonymousCsrf(a.base);
    const csrfB = await anonymousCsrf(b.base);
    const post = (p: Proc, csrf: { cookie: string; token: string }, k: number, personalCode: string) =>
      fetch(`${p.base}/api/study/checkin`, {
        method: 'POST',
        headers: json(csrf.cookie, csrf.token),
        body: JSON.stringify({ token: s.tokenOfMember(k), memberCode: g.memberCode(k), personalCode }),
      });

    // Twelve wrong codes at one point, alternating between the processes: ten a minute are
    // allowed in all (each process alone would have allowed ten: no 429 at all).
    // The counters are per clock minute: start well inside one.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 40_000) await new Promise((r) => setTimeout(r, 60_500 - intoMinute));
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await post(i % 2 ? b : a, i % 2 ? csrfB : csrfA, 1, 'ABCD-EFGH')).status);
    expect(statuses).toEqual([...Array<number>(10).fill(404), 429, 429]);

    // Members of other points, each sent to both processes at the same moment.
    const ks = Array.from({ length: 20 }, (_, i) => 60 - i).filter((k) => s.tokenOfMember(k) !== s.tokenOfMember(1));
    const answers = await Promise.all(ks.flatMap((k) => [post(a, csrfA, k, s.personalCodeOf(k)), post(b, csrfB, k, s.personalCodeOf(k))]));
    const bodies = (await Promise.all(answers.map((r) => r.json()))) as { status: string }[];
    expect(answers.every((r) => r.status === 200)).toBe(true);
    for (let i = 0; i < ks.length; i++)
      expect([bodies[2 * i]!.status, bodies[2 * i + 1]!.status].sort()).toEqual(['already_checked_in', 'checked_in']);
    const { rows } = await db.query<{ n: number; members: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT member_id)::int AS members FROM attendances WHERE session_id = $1 AND status = 'present'`,
      [s.sessionId],
    );
    expect(rows[0]).toEqual({ n: ks.length, members: ks.length });
  });

  it('runs the start-up jobs once for the three processes', async () => {
    const { rows } = await db.query<{ name: string; runs: number }>(
      `SELECT name, runs FROM job_runs WHERE name IN ('report-reminders', 'grading-reminders') ORDER BY name`,
    );
    expect(rows).toEqual([
      { name: 'grading-reminders', runs: 1 },
      { name: 'report-reminders', runs: 1 },
    ]);
  });
});
