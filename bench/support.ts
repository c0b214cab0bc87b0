/**
 * Shared pieces for benchmarks: a throw-away embedded database in a temporary folder,
 * migrated, and timing helpers.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeEmbeddedData, startEmbeddedDatabase } from '../src/server/db/embedded';
import { migrate } from '../src/server/db/migrate';
import { createPool, type Db } from '../src/server/db/pool';

/** Close functions of the databases still open: run at the end, on an error and on Ctrl-C. */
const openDatabases = new Set<() => Promise<void>>();

/** Stops every bench database still running and deletes its data (the relocated cluster too). */
export async function closeBenchDatabases(): Promise<void> {
  await Promise.all([...openDatabases].map((close) => close()));
}

let isWatchingSignals = false;
/**
 * PostgreSQL runs in its own process group, so Ctrl-C reaches only us: stop it and delete its
 * files before leaving, or a cluster of gigabytes stays behind (as root, under RESOLUTE_PG_HOME).
 */
function watchSignals() {
  if (isWatchingSignals) return;
  isWatchingSignals = true;
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      void closeBenchDatabases().finally(() => process.exit(code));
    });
  }
}

export async function benchDatabase(poolSize = 20): Promise<{ db: Db; url: string; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'resolute-bench-'));
  const embedded = await startEmbeddedDatabase(dir);
  const db = createPool(embedded.url, poolSize);
  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      await db.end().catch(() => undefined);
      await embedded.stop();
      // As root the cluster may live outside `dir` (see embedded.ts): remove it wherever it is.
      removeEmbeddedData(dir);
      openDatabases.delete(close);
    })());
  openDatabases.add(close);
  watchSignals();
  const client = await db.connect();
  await migrate(client);
  client.release();
  return { db, url: embedded.url, close };
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
