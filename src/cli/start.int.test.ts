/**
 * The product as an operator runs it: `resolute start` in a child process, a second instance
 * on the same data folder, and a clean stop on SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../server/db/embedded';

const dataDir = mkdtempSync(join(tmpdir(), 'resolute-start-'));
const children: ChildProcess[] = [];

function start(port: number) {
  const child = spawn(process.execPath, ['bin/resolute.js', 'start', '--no-web', '--no-demo'], {
    env: { ...process.env, PORT: String(port), RESOLUTE_DATA: dataDir, RESOLUTE_ADMIN_PASSWORD: 'start-test-password' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = async () => {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (/đang chạy tại/.test(output)) return;
      if (child.exitCode !== null) throw new Error(`exited early: ${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`not ready: ${output}`);
  };
  return { child, ready, exited, output: () => output };
}

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('resolute start', () => {
  it('serves health, refuses a second instance on the same data, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const first = start(port);
    await first.ready();
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(await health.json()).toEqual({ status: 'ok', database: 'ok' });

    const second = start(await freePort());
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/đang được một tiến trình Resolute khác sử dụng/);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    // PostgreSQL shut down cleanly: no postmaster.pid left behind, and the lock is released.
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    expect(existsSync(join(dataDir, 'resolute.lock'))).toBe(false);

    // A second start reuses the data.
    const again = start(port);
    await again.ready();
    expect(again.output()).not.toMatch(/migration/i);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  }, 120_000);
});
