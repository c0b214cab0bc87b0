import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { freePort, removeEmbeddedData, startEmbeddedDatabase } from '../../db/embedded';
import { createPool } from '../../db/pool';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeEmbeddedData));

describe('GET /api/health', () => {
  it('answers 503 when the database is down, naming no cause', async () => {
    // Nothing listens on port 1: the connection is refused at once.
    const db = createPool('postgres://nobody:nothing@127.0.0.1:1/none', 1);
    const { app } = await buildApp({ db, webDir: null });
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'degraded', database: 'unavailable', storage: 'ok' });
    expect(res.body).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|nobody/);
    await app.close();
    await db.end();
  });

  it('survives the database being killed and reconnects by itself when it comes back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'resolute-health-'));
    dirs.push(dir);
    const port = await freePort();
    let pgServer = await startEmbeddedDatabase(dir, { port });
    const db = createPool(pgServer.url, 3);
    const { app } = await buildApp({ db, webDir: null });
    const health = () => app.inject({ method: 'GET', url: '/api/health' });
    expect((await health()).statusCode).toBe(200);

    // A client checked out of the pool, in use, when the server dies: no crash.
    const held = await db.connect();
    const inFlight = held.query('SELECT pg_sleep(30)').then(
      () => 'answered',
      (err: Error) => err.message,
    );
    const postmaster = Number(readFileSync(join(pgServer.pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(postmaster, 'SIGKILL');
    expect(await inFlight).toMatch(/terminat|Connection|closed|ended/i);
    held.release(true);

    const down = await health();
    expect(down.statusCode).toBe(503);
    expect(down.json()).toEqual({ status: 'degraded', database: 'unavailable', storage: 'ok' });

    // The old server's leftovers (its postmaster.pid) do not stop it from coming back.
    await pgServer.stop();
    pgServer = await startEmbeddedDatabase(dir, { port });
    let res = await health();
    for (let i = 0; i < 20 && res.statusCode !== 200; i += 1) {
      await new Promise((r) => setTimeout(r, 250));
      res = await health();
    }
    expect(res.json()).toEqual({ status: 'ok', database: 'ok', storage: 'ok' });
    await app.close();
    await db.end();
    await pgServer.stop();
  }, 120_000);
});
