/**
 * Starting and stopping the whole product: the database (embedded or DATABASE_URL), migrations,
 * first-start demo and admin, and the HTTP server. The CLI's `start` and the tests use this.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildApp, type App } from './app';
import { ensureAdmin, ensureRootOrg } from './bootstrap';
import { loadDemo, isDemoLoaded } from './demo/demo-builder';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './db/embedded';
import { migrate } from './db/migrate';
import { createPool, type Db } from './db/pool';
import { startJobs } from './jobs/jobs';

export type StartOptions = {
  port: number;
  host?: string;
  databaseUrl?: string | null;
  dataDir: string;
  adminPassword?: string | null;
  /** Load the demo on the first start (default true). */
  demo?: boolean;
  webDir?: string | null;
  trustProxy?: boolean;
  logger?: boolean;
  log?: (line: string) => void;
};

export type RunningServer = {
  app: App;
  db: Db;
  url: string;
  /** Set on the first start only, when the admin password was generated. */
  admin: { username: string; generatedPassword: string | null } | null;
  stop: () => Promise<void>;
};

export const defaultWebDir = () => resolve('dist/web');

/** Connects to (or starts) the database and applies migrations. */
export async function openDatabase(opts: { databaseUrl?: string | null; dataDir: string; log?: (line: string) => void }) {
  let embedded: EmbeddedDatabase | null = null;
  const url = opts.databaseUrl ?? (embedded = await startEmbeddedDatabase(opts.dataDir, { log: () => undefined })).url;
  const db = createPool(url);
  try {
    const client = await db.connect();
    try {
      const applied = await migrate(client);
      if (applied.length > 0) opts.log?.(`Đã áp dụng ${applied.length} migration: ${applied.join(', ')}`);
    } finally {
      client.release();
    }
  } catch (err) {
    await db.end().catch(() => undefined);
    await embedded?.stop();
    throw err;
  }
  return {
    db,
    url,
    close: async () => {
      await db.end();
      await embedded?.stop();
    },
  };
}

export async function startServer(opts: StartOptions): Promise<RunningServer> {
  const log = opts.log ?? (() => undefined);
  const database = await openDatabase({ databaseUrl: opts.databaseUrl, dataDir: opts.dataDir, log });
  const { db } = database;
  try {
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM orgs');
    if ((rows[0]?.n ?? 0) === 0 && opts.demo !== false && !(await isDemoLoaded(db))) {
      log('Đang nạp dữ liệu mẫu từ các bài viết nguồn… / Loading the demo data…');
      await loadDemo(db, log);
    }
    await ensureRootOrg(db);
    const admin = await ensureAdmin(db, opts.adminPassword ?? null);
    const webDir = opts.webDir === undefined ? defaultWebDir() : opts.webDir;
    if (webDir && !existsSync(join(webDir, 'index.html'))) log(`Chưa có giao diện web đã build ở ${webDir}; chạy "npm run build".`);
    const { app } = await buildApp({ db, webDir, trustProxy: opts.trustProxy, logger: opts.logger });
    const address = await app.listen({ port: opts.port, host: opts.host ?? '127.0.0.1' });
    // Reminders and mail (src/server/jobs); RESOLUTE_JOBS=off turns them off, tests leave them off.
    const jobs = startJobs(db, { log });
    let stopping: Promise<void> | null = null;
    return {
      app,
      db,
      url: address.replace('127.0.0.1', 'localhost'),
      admin,
      stop: () =>
        (stopping ??= (async () => {
          await jobs?.stop();
          // close() stops accepting connections and waits for requests in flight.
          await app.close();
          await database.close();
        })()),
    };
  } catch (err) {
    await database.close().catch(() => undefined);
    throw err;
  }
}
