/**
 * The product as an operator runs it: `resolute start` in a child process, a second instance
 * on the same data folder, a clean stop on SIGTERM that lets requests in flight finish, and a
 * start after the app was killed outright.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { clusterDirOf, freePort, removeEmbeddedData, runningEmbeddedUrl } from '../server/db/embedded';

const dataDirs: string[] = [];
const children: ChildProcess[] = [];

function newDataDir() {
  const dir = mkdtempSync(join(tmpdir(), 'resolute-start-'));
  dataDirs.push(dir);
  return dir;
}

function start(port: number, dataDir: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['bin/resolute.js', 'start', '--no-web', '--no-demo'], {
    env: { ...process.env, PORT: String(port), RESOLUTE_DATA: dataDir, RESOLUTE_ADMIN_PASSWORD: 'start-test-password', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // Bounded but generous: the first start of a run creates a cluster and migrates it, and on a
  // loaded machine (other test files, other processes) that alone has taken over a minute.
  const ready = async () => {
    const deadline = Date.now() + 240_000;
    while (Date.now() < deadline) {
      if (/đang chạy tại/.test(output)) return;
      if (child.exitCode !== null) throw new Error(`exited early: ${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`not ready: ${output}`);
  };
  return { child, ready, exited, output: () => output };
}

/**
 * Starts on a port free a moment ago and waits until ready. The port is only reserved when the
 * app listens, seconds later (after the cluster starts and migrates), and another process of a
 * busy test run may take it first: that start exits with EADDRINUSE and is tried on a new port.
 */
async function startReady(dataDir: string, env: Record<string, string> = {}) {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const handle = start(port, dataDir, env);
    try {
      await handle.ready();
      return { port, ...handle };
    } catch (err) {
      if (attempt === 3 || !handle.output().includes('EADDRINUSE')) throw err;
    }
  }
}

const postmasterPid = (dataDir: string) => Number(readFileSync(join(clusterDirOf(dataDir), 'postmaster.pid'), 'utf8').split('\n')[0]);
const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Holds an exclusive lock on `sessions`, so a request carrying a session cookie waits in the database. */
async function blockSessions(dataDir: string) {
  const client = new pg.Client(runningEmbeddedUrl(dataDir)!);
  client.on('error', () => undefined);
  await client.connect();
  await client.query('BEGIN');
  await client.query('LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE');
  return {
    release: async () => {
      await client.query('COMMIT').catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  };
}

const slowRequest = (port: number) =>
  fetch(`http://127.0.0.1:${port}/api/health`, { headers: { cookie: 'resolute_session=in-flight' } }).then(
    async (res) => ({ status: res.status, body: await res.json() }),
    (err: Error) => ({ status: 0, body: err.message }),
  );

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const dir of dataDirs) removeEmbeddedData(dir);
});

describe('resolute start', () => {
  it('serves health, refuses a second instance on the same data, and stops cleanly on SIGTERM', async () => {
    const dataDir = newDataDir();
    const first = await startReady(dataDir);
    const { port } = first;
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(await health.json()).toEqual({ status: 'ok', database: 'ok', storage: 'ok' });

    const second = start(await freePort(), dataDir);
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/đang được một tiến trình Resolute khác sử dụng/);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    // PostgreSQL shut down cleanly: no postmaster.pid left behind, and the lock is released.
    expect(existsSync(join(clusterDirOf(dataDir), 'postmaster.pid'))).toBe(false);
    expect(existsSync(join(dataDir, 'resolute.lock'))).toBe(false);

    // A second start reuses the data.
    const again = start(port, dataDir);
    await again.ready();
    expect(again.output()).not.toMatch(/migration/i);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  }, 600_000);

  it('starts again by itself after the app was SIGKILLed, stopping the orphaned database first', async () => {
    const dataDir = newDataDir();
    const first = await startReady(dataDir);
    const { port } = first;
    const orphan = postmasterPid(dataDir);
    first.child.kill('SIGKILL');
    await first.exited;
    // The database outlived the app: that is what the next start must cope with.
    expect(isAlive(orphan)).toBe(true);

    const again = start(port, dataDir);
    await again.ready();
    expect(isAlive(orphan)).toBe(false);
    expect(again.output()).toMatch(/PostgreSQL mồ côi/);
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  }, 240_000);

  it('lets a request in flight finish on SIGTERM, and cuts one that outlasts the grace period', async () => {
    const dataDir = newDataDir();
    const server = await startReady(dataDir, { RESOLUTE_SHUTDOWN_GRACE_MS: '4000' });
    const { port } = server;

    // Finishes within the grace period: answered in full, then the app stops.
    let lock = await blockSessions(dataDir);
    let request = slowRequest(port);
    await new Promise((r) => setTimeout(r, 500));
    server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1500));
    expect(server.child.exitCode).toBe(null); // still draining, database still up
    await lock.release();
    expect(await request).toMatchObject({ status: 200, body: { status: 'ok', database: 'ok' } });
    expect(await server.exited).toBe(0);

    // Outlasts it: the app still stops, soon after the grace period, database included.
    const again = start(port, dataDir, { RESOLUTE_SHUTDOWN_GRACE_MS: '1000' });
    await again.ready();
    lock = await blockSessions(dataDir);
    request = slowRequest(port);
    await new Promise((r) => setTimeout(r, 500));
    const t0 = Date.now();
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect((await request).status).toBe(0);
    await lock.release();
    expect(existsSync(join(clusterDirOf(dataDir), 'postmaster.pid'))).toBe(false);
  }, 240_000);
});
