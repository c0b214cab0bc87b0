/**
 * A database that went away (a restart, a failover): idempotent work is tried once more, and
 * everything else answers 503 with a message the user can act on, never a 500.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { createTestDb } from '../test/db';
import { freePort } from './embedded';
import { createPool, isDatabaseUnavailable, retryOnceIfUnavailable, type Db } from './pool';

let db: Db;
let url: string;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ db, url, drop } = await createTestDb());
});
afterAll(async () => drop());

/** A connection whose backend the admin ends (what a primary's crash does to it). */
async function doomedClient() {
  const client = new pg.Client(url);
  client.on('error', () => undefined);
  await client.connect();
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  const admin = new pg.Client(url);
  await admin.connect();
  await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
  await admin.end();
  return client;
}

describe('a database that went away', () => {
  it('tells a lost connection from a wrong query', async () => {
    const client = await doomedClient();
    const lost = await client.query('SELECT 1').catch((e: unknown) => e);
    expect(isDatabaseUnavailable(lost)).toBe(true);
    await client.end().catch(() => undefined);
    const wrong = await db.query('SELEKT 1').catch((e: unknown) => e);
    expect(isDatabaseUnavailable(wrong)).toBe(false);
    const refused = await createPool(`postgres://x@127.0.0.1:${await freePort()}/x`, 1)
      .query('SELECT 1')
      .catch((e: unknown) => e);
    expect(isDatabaseUnavailable(refused)).toBe(true);
  });

  it('tries idempotent work once more after a lost connection, and only then', async () => {
    const doomed = await doomedClient();
    let calls = 0;
    const value = await retryOnceIfUnavailable(async () => {
      calls += 1;
      const { rows } = await (calls === 1 ? doomed : db).query<{ n: number }>('SELECT 41 + $1::int AS n', [calls - 1]);
      return rows[0]!.n;
    }, 10);
    expect({ calls, value }).toEqual({ calls: 2, value: 42 });

    let wrongCalls = 0;
    await expect(
      retryOnceIfUnavailable(async () => {
        wrongCalls += 1;
        return db.query('SELEKT 1');
      }, 10),
    ).rejects.toThrow();
    expect(wrongCalls).toBe(1);
  });

  it('answers 503 with a Vietnamese message when the database cannot be reached', async () => {
    const gone = createPool(`postgres://x@127.0.0.1:${await freePort()}/x`, 1);
    const { app } = await buildApp({ db: gone, webDir: null });
    try {
      const res = await app.inject({ method: 'GET', url: '/api/members', headers: { cookie: 'resolute_session=any' } });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.json()).toEqual({ error: { code: 'unavailable', message: 'Dịch vụ tạm thời không sẵn sàng.', details: null } });
    } finally {
      await app.close();
      await gone.end();
    }
  });
});
