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
import { startReadRouter } from './db/read-routing';
import { appUrlFor, ensureAppRole } from './db/roles';
import { startJobs } from './jobs/jobs';
import { startRollupFolder } from './features/reports';
import { startCoverageFolder } from './features/study';
import type { LogSettings } from './logging';

export type StartOptions = {
  port: number;
  host?: string;
  databaseUrl?: string | null;
  dataDir: string;
  adminPassword?: string | null;
  /** Load the demo on the first start (default true; 'old-tree': without its 2025 reorganization). */
  demo?: boolean | 'old-tree';
  webDir?: string | null;
  trustProxy?: boolean;
  /** Structured request and error logs (JSON lines); off when absent. */
  logger?: LogSettings;
  log?: (line: string) => void;
  /** Connect the app as this role (pre-created) instead of the derived one. */
  appDatabaseUrl?: string | null;
  walArchiveDir?: string | null;
  /** How long stop() lets requests in flight finish before closing their connections (30 s). */
  shutdownGraceMs?: number;
  backup?: { dir: string; keep: number } | null;
  /** Streaming replicas for reads (DATABASE_READ_URL) and their lag limit. */
  reads?: { urls: string[]; maxLagMs: number } | null;
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

export type OpenDatabaseOptions = {
  databaseUrl?: string | null;
  appDatabaseUrl?: string | null;
  dataDir: string;
  walArchiveDir?: string | null;
  log?: (line: string) => void;
};

/** Starts the embedded database of `dataDir`, or takes DATABASE_URL: the admin's URL. */
export async function openAdminUrl(opts: OpenDatabaseOptions): Promise<{ adminUrl: string; embedded: EmbeddedDatabase | null }> {
  if (opts.databaseUrl) return { adminUrl: opts.databaseUrl, embedded: null };
  const embedded = await startEmbeddedDatabase(opts.dataDir, { log: opts.log, walArchiveDir: opts.walArchiveDir ?? null });
  return { adminUrl: embedded.url, embedded };
}

/**
 * Connects to (or starts) the database, applies migrations as the admin, hands the app's
 * tables to the app role (src/server/db/roles.ts), and returns a pool connected as that role.
 */
export async function openDatabase(opts: OpenDatabaseOptions) {
  const { adminUrl, embedded } = await openAdminUrl(opts);
  let db: Db | null = null;
  try {
    const admin = createPool(adminUrl, 1);
    try {
      const client = await admin.connect();
      try {
        const applied = await migrate(client);
        if (applied.length > 0) opts.log?.(`Đã áp dụng ${applied.length} migration: ${applied.join(', ')}`);
        if (!opts.appDatabaseUrl)
          await ensureAppRole(client, adminUrl).catch((err: Error) => {
            throw new Error(
              `Không tạo được vai trò cơ sở dữ liệu cho ứng dụng / could not create the app's database role (${err.message}). ` +
                'DATABASE_URL needs a role that owns the database and may create roles, or set RESOLUTE_APP_DATABASE_URL to a role made for the app (see docs/ARCHITECTURE.md).',
            );
          });
      } finally {
        client.release();
      }
    } finally {
      await admin.end();
    }
    const url = opts.appDatabaseUrl ?? appUrlFor(adminUrl);
    db = createPool(url);
    await db.query('SELECT 1');
    return {
      db,
      url,
      adminUrl,
      embedded,
      close: async () => {
        // A query still running after the grace period must not keep the database up: the
        // embedded server's fast shutdown ends it.
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([db?.end(), new Promise((r) => (timer = setTimeout(r, 5000)))]);
        clearTimeout(timer);
        await embedded?.stop();
      },
    };
  } catch (err) {
    await db?.end().catch(() => undefined);
    await embedded?.stop();
    throw err;
  }
}

export async function startServer(opts: StartOptions): Promise<RunningServer> {
  const log = opts.log ?? (() => undefined);
  const database = await openDatabase({
    databaseUrl: opts.databaseUrl,
    appDatabaseUrl: opts.appDatabaseUrl,
    dataDir: opts.dataDir,
    walArchiveDir: opts.walArchiveDir,
    log,
  });
  const { db } = database;
  let stopReads: (() => Promise<void> | undefined) | null = null;
  try {
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM orgs');
    if ((rows[0]?.n ?? 0) === 0 && opts.demo !== false && !(await isDemoLoaded(db))) {
      log('Đang nạp dữ liệu mẫu từ các bài viết nguồn… / Loading the demo data…');
      await loadDemo(db, log, opts.demo === 'old-tree' ? 'old-tree' : 'today');
    }
    await ensureRootOrg(db);
    const admin = await ensureAdmin(db, opts.adminPassword ?? null);
    const webDir = opts.webDir === undefined ? defaultWebDir() : opts.webDir;
    if (webDir && !existsSync(join(webDir, 'index.html'))) log(`Chưa có giao diện web đã build ở ${webDir}; chạy "npm run build".`);
    const readRouter = opts.reads?.urls.length ? startReadRouter(db, opts.reads.urls, { maxLagMs: opts.reads.maxLagMs }) : null;
    stopReads = () => readRouter?.stop();
    const { app } = await buildApp({ db, webDir, trustProxy: opts.trustProxy, logger: opts.logger, readRouter });
    const address = await app.listen({ port: opts.port, host: opts.host ?? '127.0.0.1' });
    // Reminders and mail (src/server/jobs); RESOLUTE_JOBS=off turns them off, tests leave them off.
    const jobs = startJobs(db, { log, backup: opts.backup ?? null });
    // Approvals fold their own rollup changes; this catches those of a process that died first.
    const folder = startRollupFolder(db);
    // Check-ins and member changes reach the kept coverage totals of every ancestor here.
    const coverageFolder = startCoverageFolder(db);
    let stopping: Promise<void> | null = null;
    const graceMs = opts.shutdownGraceMs ?? 30_000;
    return {
      app,
      db,
      url: address.replace('127.0.0.1', 'localhost'),
      admin,
      stop: () =>
        (stopping ??= (async () => {
          await jobs?.stop();
          await folder.stop();
          await coverageFolder.stop();
          // close() stops accepting connections, answers 503 to new requests on open ones and
          // waits for requests in flight; after the grace period their connections are cut,
          // and only then does the database stop.
          const closed = app.close();
          let timer: NodeJS.Timeout | undefined;
          const late = await Promise.race([
            closed.then(() => false),
            new Promise<boolean>((r) => (timer = setTimeout(() => r(true), graceMs))),
          ]);
          clearTimeout(timer);
          if (late) {
            app.log.warn({ graceMs }, 'shutdown grace period over: closing connections still open');
            app.server.closeAllConnections();
            await closed;
          }
          await readRouter?.stop();
          await database.close();
        })()),
    };
  } catch (err) {
    await stopReads?.();
    await database.close().catch(() => undefined);
    throw err;
  }
}
