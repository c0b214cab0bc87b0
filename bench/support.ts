/**
 * Shared pieces for benchmarks: a throw-away embedded database in a temporary folder,
 * migrated, and timing helpers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedDatabase } from '../src/server/db/embedded';
import { migrate } from '../src/server/db/migrate';
import { createPool, type Db } from '../src/server/db/pool';

export async function benchDatabase(poolSize = 20): Promise<{ db: Db; url: string; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'resolute-bench-'));
  const embedded = await startEmbeddedDatabase(dir);
  const db = createPool(embedded.url, poolSize);
  const client = await db.connect();
  await migrate(client);
  client.release();
  return {
    db,
    url: embedded.url,
    close: async () => {
      await db.end();
      await embedded.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Milliseconds taken by `fn`, with its result. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const t0 = performance.now();
  const result = await fn();
  return { ms: performance.now() - t0, result };
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The median of several runs: one slow run (GC, a cold cache) should not decide the figure. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
