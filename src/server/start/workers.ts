/**
 * `resolute start --workers N`: N app processes on one machine sharing the port (node:cluster
 * hands the listening socket to every worker). The primary process does what must happen
 * once: it starts the embedded database (or takes DATABASE_URL), migrates, loads the demo on
 * the first start and makes the first administrator; then each worker connects to that
 * database as an ordinary app process (the admin URL for its no-op migration check, the app
 * role for everything else). Everything the workers must share lives in PostgreSQL: sessions
 * and their CSRF tokens, login attempts, the check-in limits (`rate_counters`), the QR secret,
 * the jobs' locks and last runs, so a request may land on any worker.
 */
import cluster, { type Worker } from 'node:cluster';
import { ensureAdmin, ensureRootOrg } from '../bootstrap';
import { isDemoLoaded, loadDemo } from '../demo/demo-builder';
import { openDatabase, type OpenDatabaseOptions } from '../server';

export type PrimaryOptions = OpenDatabaseOptions & {
  workers: number;
  demo: boolean;
  adminPassword: string | null;
  log: (line: string) => void;
};

export type RunningPrimary = {
  admin: { username: string; generatedPassword: string | null } | null;
  /** Resolves when every worker listens. */
  ready: Promise<void>;
  stop: () => Promise<void>;
};

/** The number of app processes: the option, else RESOLUTE_WORKERS, else 1 (no cluster). */
export function workerCount(option: string | undefined, env: NodeJS.ProcessEnv = process.env): number {
  const raw = option ?? env.RESOLUTE_WORKERS ?? '1';
  const n = Number(raw);
  // Each worker keeps a pool of 20 connections; the embedded server allows 200.
  if (!Number.isInteger(n) || n < 1 || n > 8)
    throw new Error(`Số tiến trình không hợp lệ: "${raw}" (--workers / RESOLUTE_WORKERS must be a whole number 1-8)`);
  return n;
}

/**
 * Prepares the database once and forks the workers, each started with the same command line
 * (they see cluster.isWorker and start an app server on the database named in their env).
 * A worker that dies is replaced; stop() ends the workers (each drains its requests on
 * SIGTERM) and then the embedded database.
 */
export async function startPrimary(opts: PrimaryOptions): Promise<RunningPrimary> {
  const database = await openDatabase(opts);
  let admin: RunningPrimary['admin'];
  try {
    const { rows } = await database.db.query<{ n: number }>('SELECT count(*)::int AS n FROM orgs');
    if ((rows[0]?.n ?? 0) === 0 && opts.demo && !(await isDemoLoaded(database.db))) {
      opts.log('Đang nạp dữ liệu mẫu từ các bài viết nguồn… / Loading the demo data…');
      await loadDemo(database.db, opts.log);
    }
    await ensureRootOrg(database.db);
    admin = await ensureAdmin(database.db, opts.adminPassword);
    // The primary serves nothing: its pool goes, the embedded server stays up for the workers.
    await database.db.end();
  } catch (err) {
    await database.close().catch(() => undefined);
    throw err;
  }

  const env = { DATABASE_URL: database.adminUrl, RESOLUTE_APP_DATABASE_URL: database.url, RESOLUTE_WORKER: '1' };
  let isStopping = false;
  const workers = new Set<Worker>();
  const fork = () => {
    const w = cluster.fork(env);
    workers.add(w);
    w.on('exit', (code, signal) => {
      workers.delete(w);
      if (isStopping) return;
      opts.log(`Tiến trình ${w.process.pid} dừng (${signal ?? code}); khởi động lại / worker exited, starting another`);
      setTimeout(fork, 1000).unref();
    });
    return w;
  };
  const first = Array.from({ length: opts.workers }, fork);
  const ready = Promise.all(
    first.map(
      (w) =>
        new Promise<void>((resolve, reject) => {
          w.once('listening', () => resolve());
          w.once('exit', (code) =>
            reject(new Error(`tiến trình ${w.process.pid} dừng khi khởi động / a worker exited at start (${code})`)),
          );
        }),
    ),
  ).then(() => undefined);

  return {
    admin,
    ready,
    stop: async () => {
      isStopping = true;
      const exits = [...workers].map((w) => new Promise<void>((resolve) => (w.isDead() ? resolve() : w.once('exit', () => resolve()))));
      for (const w of workers) w.process.kill('SIGTERM');
      await Promise.all(exits);
      await database.embedded?.stop();
    },
  };
}
