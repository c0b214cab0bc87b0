import { resolve } from 'node:path';

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
};

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
  };
}
