import { resolve } from 'node:path';
import { parseReadUrls } from './db/read-routing';

/** Settings read from the environment once, at start. */
export type Config = {
  port: number;
  host: string;
  /** When set, the app uses this PostgreSQL server and starts no embedded one. */
  databaseUrl: string | null;
  /** Folder for the embedded database and uploaded files. */
  dataDir: string;
  adminPassword: string | null;
  /** Cookies get `Secure` when the app is reached over HTTPS (directly or behind a proxy). */
  trustProxy: boolean;
  isProduction: boolean;
  /** Connect the app as this (pre-created) role instead of the one derived from DATABASE_URL. */
  appDatabaseUrl: string | null;
  /** Daily backups go here (kept: backupKeep) when set. */
  backupDir: string | null;
  backupKeep: number;
  /** The embedded database archives its WAL here (point-in-time recovery) when set. */
  walArchiveDir: string | null;
  /** How long SIGTERM waits for requests in flight before closing them. */
  shutdownGraceMs: number;
  /** Structured log level (JSON lines on stdout): fatal, error, warn, info, debug, or silent. */
  logLevel: string;
  /** Streaming replicas for reads (DATABASE_READ_URL, comma-separated), connected as the app's role. */
  readUrls: string[];
  /** A replica further behind than this gets no reads (RESOLUTE_READ_MAX_LAG_MS, 5000). */
  readMaxLagMs: number;
};

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} không hợp lệ: "${raw}" (${name} must be a positive whole number)`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT không hợp lệ: "${env.PORT}" (PORT must be a number 0-65535)`);
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || null,
    dataDir: resolve(env.RESOLUTE_DATA ?? 'data'),
    adminPassword: env.RESOLUTE_ADMIN_PASSWORD || null,
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    isProduction: env.NODE_ENV === 'production',
    appDatabaseUrl: env.RESOLUTE_APP_DATABASE_URL || null,
    backupDir: env.RESOLUTE_BACKUP_DIR ? resolve(env.RESOLUTE_BACKUP_DIR) : null,
    backupKeep: positiveInt(env, 'RESOLUTE_BACKUP_KEEP', 7),
    walArchiveDir: env.RESOLUTE_WAL_ARCHIVE ? resolve(env.RESOLUTE_WAL_ARCHIVE) : null,
    shutdownGraceMs: positiveInt(env, 'RESOLUTE_SHUTDOWN_GRACE_MS', 30_000),
    logLevel: env.LOG_LEVEL || 'info',
    readUrls: parseReadUrls(env.DATABASE_READ_URL),
    readMaxLagMs: positiveInt(env, 'RESOLUTE_READ_MAX_LAG_MS', 5000),
  };
}
