/**
 * Reads on a REAL streaming replica: an embedded primary of its own, a hot standby built from
 * a base backup of it streaming over loopback (./replica.ts), and the app routing lists,
 * dashboards, coverage and exports through `readDb`. Replay is paused on the standby to make
 * it provably stale, so each test knows which server answered.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../app';
import { openDatabase } from '../server';
import { anonymous } from '../test/http';
import { buildDocument, buildMember, buildOrg, buildUser, type TestOrg } from '../test/factories';
import { removeEmbeddedData } from './embedded';
import type { Db } from './pool';
import { lagFromSamples, parseLsn, parseReadUrls, startReadRouter, type ReadRouter } from './read-routing';
import { startStreamingReplica, type StreamingReplica } from './replica';
import { appUrlFor } from './roles';

describe('WAL positions and lag (no database)', () => {
  it('reads X/Y positions as byte offsets and orders them', () => {
    expect(parseLsn('0/16B3748')).toBe(0x16b3748n);
    expect(parseLsn('1/0')).toBe(1n << 32n);
    expect(parseLsn('1/0') > parseLsn('0/FFFFFFFF')).toBe(true);
    expect(() => parseLsn('16B3748')).toThrow();
  });

  it('measures lag as the age of the oldest primary position the replica has not replayed', () => {
    const samples = [
      { at: 1000, lsn: 100n },
      { at: 2000, lsn: 200n },
      { at: 3000, lsn: 300n },
    ];
    expect(lagFromSamples(samples, 300n, 3500)).toBe(0);
    expect(lagFromSamples(samples, 250n, 3500)).toBe(500);
    expect(lagFromSamples(samples, 150n, 3500)).toBe(1500);
    // Behind every sample kept: at least as old as the oldest.
    expect(lagFromSamples(samples, 50n, 3500)).toBe(2500);
    expect(lagFromSamples([], 50n, 3500)).toBe(0);
  });

  it('takes one or more comma-separated replica URLs', () => {
    expect(parseReadUrls('postgres://a@r1/db, postgres://a@r2/db,')).toEqual(['postgres://a@r1/db', 'postgres://a@r2/db']);
    expect(parseReadUrls(undefined)).toEqual([]);
  });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function waitFor<T>(what: string, probe: () => Promise<T | null | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

let dataDir: string;
let database: Awaited<ReturnType<typeof openDatabase>>;
let replica: StreamingReplica;
let replicaAdmin: pg.Client;
let db: Db;
// A generous lag limit (the stale replica keeps its reads) and a strict one (it loses them).
let patient: { app: App; router: ReadRouter };
let strict: { app: App; router: ReadRouter };
let province: TestOrg;
let cell: TestOrg;
let documentId: number;
let manager: { cookie: string; csrf: string };

async function appWith(maxLagMs: number) {
  const router = startReadRouter(db, [appUrlFor(replica.url)], { maxLagMs, pollMs: 100 });
  const { app } = await buildApp({ db, webDir: null, readRouter: router });
  return { app, router };
}

async function login(app: App, username: string, password: string) {
  const anon = await anonymous(app);
  const res = await anon.post('/api/auth/login', { username, password });
  expect(res.statusCode).toBe(200);
  return {
    cookie: `resolute_session=${res.cookies.find((c) => c.name === 'resolute_session')!.value}`,
    csrf: res.json().csrfToken as string,
  };
}

const get = (app: App, url: string, who: { cookie: string }, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url, headers: { cookie: who.cookie, ...headers } });

async function memberTotal(app: App, who: { cookie: string }, headers: Record<string, string> = {}) {
  const res = await get(app, `/api/members?orgId=${cell.id}`, who, headers);
  expect(res.statusCode).toBe(200);
  return res.json().total as number;
}

async function replicaState(router: ReadRouter) {
  await router.poll();
  return router.health()[0]!;
}

async function pauseReplay(paused: boolean) {
  await replicaAdmin.query(paused ? 'SELECT pg_wal_replay_pause()' : 'SELECT pg_wal_replay_resume()');
  await waitFor('replay state', async () => {
    const { rows } = await replicaAdmin.query<{ s: string }>('SELECT pg_get_wal_replay_pause_state() AS s');
    return rows[0]!.s === (paused ? 'paused' : 'not paused');
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'resolute-reads-'));
  database = await openDatabase({ dataDir });
  db = database.db;
  replica = await startStreamingReplica(database.embedded!, 'reads_test');
  replicaAdmin = new pg.Client(replica.url);
  await replicaAdmin.connect();
  province = await buildOrg(db, { name: 'Tỉnh Thử' });
  cell = await buildOrg(db, { parent: province, name: 'Chi bộ Thử' });
  await buildMember(db, cell);
  documentId = (await buildDocument(db, province)).id;
  const user = await buildUser(db, [{ org: province, role: 'manager' }]);
  patient = await appWith(60_000);
  strict = await appWith(1000);
  manager = await login(patient.app, user.username, user.password);
  // The replica has everything written so far.
  await waitFor('the replica in time', async () => {
    const h = await replicaState(patient.router);
    return h.state === 'ok' && h.lagBytes === 0;
  });
}, 180_000);

afterAll(async () => {
  await replicaAdmin?.end().catch(() => undefined);
  for (const a of [patient, strict]) {
    await a?.app.close();
    await a?.router.stop();
  }
  await replica?.remove().catch(() => undefined);
  await database?.close();
  if (dataDir) removeEmbeddedData(dataDir);
}, 120_000);

describe('reads on a streaming replica', () => {
  it('shows each replica and its lag in the health answer', async () => {
    const res = await patient.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'ok',
      database: 'ok',
      storage: 'ok',
      replicas: [{ name: 'replica-1', state: 'ok', lagMs: expect.any(Number), lagBytes: expect.any(Number) }],
    });
  });

  it('sends others to the replica while the writer reads its own write, by cookie or header', async () => {
    await pauseReplay(true);
    try {
      const before = await memberTotal(patient.app, manager);
      const created = await patient.app.inject({
        method: 'POST',
        url: '/api/members',
        headers: { cookie: manager.cookie, 'x-csrf-token': manager.csrf, 'content-type': 'application/json' },
        payload: JSON.stringify({ orgId: cell.id, code: 'RR-0001', fullName: 'Trần Thị Bình', gender: 'female' }),
      });
      expect(created.statusCode).toBe(201);
      const wrote = created.cookies.find((c) => c.name === 'resolute_wrote');
      expect(wrote?.value).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
      expect(created.headers['x-resolute-wrote']).toBe(wrote!.value);

      // Without the mark: the paused replica answers, without the new member.
      expect(await memberTotal(patient.app, manager)).toBe(before);
      // With it (the browser sends the cookie back; an API client the header): the primary.
      expect(await memberTotal(patient.app, { cookie: `${manager.cookie}; resolute_wrote=${wrote!.value}` })).toBe(before + 1);
      expect(await memberTotal(patient.app, manager, { 'x-resolute-wrote': wrote!.value })).toBe(before + 1);
      // An unreadable mark is taken as a recent write.
      expect(await memberTotal(patient.app, manager, { 'x-resolute-wrote': 'garbage' })).toBe(before + 1);

      // Over the strict limit the stale replica loses its reads: everyone reads the primary.
      const lagging = await waitFor('the replica over 1 s behind', async () => {
        const h = await replicaState(strict.router);
        return h.state === 'lagging' ? h : null;
      });
      expect(lagging.lagMs).toBeGreaterThan(1000);
      expect(lagging.lagBytes).toBeGreaterThan(0);
      expect(await memberTotal(strict.app, manager)).toBe(before + 1);
      const health = (await strict.app.inject({ method: 'GET', url: '/api/health' })).json();
      expect(health.status).toBe('ok');
      expect(health.replicas[0].state).toBe('lagging');
    } finally {
      await pauseReplay(false);
    }
    // Replayed: the replica is back in time and has the write.
    await waitFor('the replica caught up', async () => {
      const h = await replicaState(strict.router);
      return h.state === 'ok' && h.lagBytes === 0;
    });
    const { rows } = await replicaAdmin.query<{ n: number }>('SELECT count(*)::int AS n FROM members WHERE code = $1', ['RR-0001']);
    expect(rows[0]!.n).toBe(1);
    expect(await memberTotal(strict.app, manager)).toBe(await memberTotal(patient.app, manager, { 'x-resolute-wrote': '0/0' }));
  });

  it('serves the tree, dashboards, coverage and exports from the read-only replica', async () => {
    await pauseReplay(true);
    try {
      // Written on the primary after the pause: the replica's tree lacks it.
      await buildOrg(db, { parent: province, name: 'Chi bộ Mới' });
      const tree = await get(patient.app, `/api/orgs/tree?parentId=${province.id}`, manager);
      expect(tree.statusCode).toBe(200);
      expect(tree.json().map((o: { name: string }) => o.name)).toEqual(['Chi bộ Thử']);
      // A service that wrote would fail on the replica ("read-only transaction").
      for (const url of [
        `/api/documents/${documentId}/dashboard?orgId=${province.id}`,
        `/api/documents/${documentId}/dashboard.xlsx?orgId=${province.id}`,
        `/api/study/coverage?documentId=${documentId}&orgId=${province.id}`,
        `/api/members/export?orgId=${province.id}`,
      ]) {
        const res = await get(patient.app, url, manager);
        expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
      }
      // The same tree from the primary, for a caller who just wrote.
      const own = await get(patient.app, `/api/orgs/tree?parentId=${province.id}`, manager, {
        'x-resolute-wrote': await patient.router.primaryLsn(),
      });
      expect(own.json()).toHaveLength(2);
    } finally {
      await pauseReplay(false);
    }
  });

  it('falls back to the primary when the replica is down, and says so in the health answer', async () => {
    await replicaAdmin.end();
    await replica.stop();
    const down = await waitFor('the replica seen down', async () => {
      const h = await replicaState(patient.router);
      return h.state === 'down' ? h : null;
    });
    expect(down).toEqual({ name: 'replica-1', state: 'down', lagMs: null, lagBytes: null });
    const tree = await get(patient.app, `/api/orgs/tree?parentId=${province.id}`, manager);
    expect(tree.statusCode).toBe(200);
    expect(tree.json()).toHaveLength(2);
    const health = await patient.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json().replicas).toEqual([down]);
  });
});
