/**
 * The failover drill (`npm run drill -- failover`, as root; not part of `npm test`): the
 * national cluster's layout on loopback, then the loss of its primary.
 *
 * 1. Installs Debian's postgresql-15, postgresql-15-auto-failover, pg-auto-failover-cli and
 *    haproxy when missing.
 * 2. pg_auto_failover: a monitor, a primary and a secondary (synchronous: the primary's
 *    `synchronous_standby_names` names it, so an acknowledged commit is on both).
 * 3. HAProxy in front: one address for the app, sent only to the node that answers as primary
 *    (an external check asking `pg_is_in_recovery()`), connections to a node marked down cut.
 * 4. Two app processes (`resolute start --workers 2`) through HAProxy, a generated tree and an
 *    open session; check-ins driven at a steady pace, each member once.
 * 5. SIGKILL to the primary's whole process group (its keeper and PostgreSQL), so the monitor
 *    must promote the secondary.
 * Prints `acked` (2xx answers), `stored` (of those, rows on the new primary), `lost` (acked and
 * not stored: must be 0), `unavailable_s` (from the first failed check-in after the kill to the
 * first success after it) and `recovered` (check-ins succeed again on the new primary).
 */
import { spawn, spawnSync, execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { freePort } from '../../server/db/embedded';
import { createPool } from '../../server/db/pool';
import { openDatabase } from '../../server/server';
import { anonymousCsrf, createOpenSession, generateTree } from '../../server/features/study/testing/harness';

const PG_BIN = '/usr/lib/postgresql/15/bin';
const PACKAGES: [string, string][] = [
  ['postgresql-15', `${PG_BIN}/postgres`],
  ['postgresql-15-auto-failover', '/usr/lib/postgresql/15/lib/pgautofailover.so'],
  ['pg-auto-failover-cli', '/usr/bin/pg_autoctl'],
  ['haproxy', '/usr/sbin/haproxy'],
];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (line: string) => process.stderr.write(`${line}\n`);

function ensurePackages() {
  const missing = PACKAGES.filter(([, file]) => !existsSync(file)).map(([name]) => name);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) throw new Error(`Thiếu gói / missing packages (run as root to install): ${missing.join(' ')}`);
  log(`installing ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
  if (update.status !== 0) throw new Error('apt-get update failed');
  const install = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  if (install.status !== 0) throw new Error(`apt-get install ${missing.join(' ')} failed`);
}

type OsUser = { uid: number; gid: number };
function postgresUser(): OsUser {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

export default async function failoverDrill(args: string[]): Promise<Record<string, unknown>> {
  const members = Number(args[0]) > 0 ? Number(args[0]) : 200_000;
  ensurePackages();
  const user = postgresUser();
  const work = mkdtempSync(join(tmpdir(), 'resolute-failover-'));
  chownSync(work, user.uid, user.gid);
  chmodSync(work, 0o755);
  const children: ChildProcess[] = [];
  const env = { ...process.env, HOME: work, PATH: `${PG_BIN}:${process.env.PATH}`, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };
  // pg_autoctl runs as the postgres user, each node in a process group of its own.
  const autoctl = (name: string, argv: string[]) => {
    const out = `${work}/${name}.log`;
    writeFileSync(out, '');
    chownSync(out, user.uid, user.gid);
    const child = spawn('/bin/sh', ['-c', `exec pg_autoctl "$@" >> ${out} 2>&1`, 'sh', ...argv], {
      ...user,
      env,
      detached: true,
      stdio: 'ignore',
    });
    children.push(child);
    return child;
  };
  const [monitorPort, port1, port2, proxyPort, appPort] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
  const monitorUri = `postgres://autoctl_node@127.0.0.1:${monitorPort}/pg_auto_failover?sslmode=disable`;
  const common = ['--pgctl', `${PG_BIN}/pg_ctl`, '--hostname', '127.0.0.1', '--auth', 'trust', '--no-ssl', '--run'];
  const nodeUrl = (port: number, db = 'resolute') => `postgres://postgres@127.0.0.1:${port}/${db}`;
  let app: ChildProcess | null = null;
  try {
    log('monitor…');
    autoctl('monitor', ['create', 'monitor', '--pgdata', `${work}/monitor`, '--pgport', String(monitorPort), ...common]);
    await waitQuery(nodeUrl(monitorPort, 'pg_auto_failover'), 'SELECT 1 FROM pgautofailover.formation', 120_000);
    // Detect a dead node in seconds rather than the default 20 s (loopback: no network blips).
    await runSql(nodeUrl(monitorPort, 'pg_auto_failover'), [
      'ALTER SYSTEM SET pgautofailover.health_check_period = 1000',
      'ALTER SYSTEM SET pgautofailover.health_check_timeout = 1000',
      'ALTER SYSTEM SET pgautofailover.health_check_max_retries = 1',
      'ALTER SYSTEM SET pgautofailover.health_check_retry_delay = 500',
      'ALTER SYSTEM SET pgautofailover.node_considered_unhealthy_timeout = 3000',
      // Before promoting, the monitor waits this long for the lost primary to demote itself
      // (30 s by default). Shorter is safe with synchronous replication: a primary cut off from
      // its standby cannot acknowledge a commit, so nothing it still accepts was acknowledged.
      'ALTER SYSTEM SET pgautofailover.primary_demote_timeout = 5000',
      'SELECT pg_reload_conf()',
    ]);
    const node = (n: number, port: number) =>
      autoctl(`node${n}`, [
        'create',
        'postgres',
        '--pgdata',
        `${work}/node${n}`,
        '--pgport',
        String(port),
        '--name',
        `node${n}`,
        '--monitor',
        monitorUri,
        '--dbname',
        'resolute',
        ...common,
      ]);
    log('primary…');
    const node1 = node(1, port1);
    await waitState(monitorPort, (s) => s.some((x) => x.reported === 'single' || x.reported === 'wait_primary'), 120_000);
    log('secondary…');
    const node2 = node(2, port2);
    // pg_basebackup waits for a checkpoint (spread over minutes by default): ask for one now.
    await waitState(
      monitorPort,
      async (s) => {
        await runSql(nodeUrl(port1), ['CHECKPOINT']).catch(() => undefined);
        return s.filter((x) => x.reported === 'primary').length === 1 && s.filter((x) => x.reported === 'secondary').length === 1;
      },
      240_000,
      2000,
    );
    const sync = await scalar(nodeUrl(port1), 'SHOW synchronous_standby_names');
    log(`synchronous_standby_names = ${sync}`);

    log('haproxy…');
    const cfg = join(work, 'haproxy.cfg');
    writeFileSync(
      cfg,
      [
        'global',
        '  log stderr local0 warning',
        'defaults',
        '  mode tcp',
        '  timeout connect 2s',
        '  timeout client 30m',
        '  timeout server 30m',
        'listen postgres',
        `  bind 127.0.0.1:${proxyPort}`,
        // Speaks PostgreSQL's protocol itself (no process per check): a node is up only when
        // it answers `f` to pg_is_in_recovery(), out after 2 failed checks 500 ms apart, and
        // its open connections are cut.
        '  option tcp-check',
        `  tcp-check send-binary ${isPrimaryProbe()}`,
        `  tcp-check expect binary ${PRIMARY_ANSWER}`,
        '  timeout check 2s',
        '  default-server inter 500ms fall 2 rise 1 on-marked-down shutdown-sessions',
        `  server node1 127.0.0.1:${port1} check`,
        `  server node2 127.0.0.1:${port2} check`,
        '',
      ].join('\n'),
    );
    const haproxy = spawn('/usr/sbin/haproxy', ['-f', cfg, '-db'], { stdio: ['ignore', 'ignore', 'pipe'] });
    // Its state changes (a node down or up) go to the drill's log.
    haproxy.stderr!.on('data', (d: Buffer) => log(`haproxy: ${d.toString().trim()}`));
    children.push(haproxy);
    const proxyUrl = nodeUrl(proxyPort);
    // HAProxy takes every server as up until its first checks: wait until ten connections in a
    // row (round robin over both nodes) reach the primary.
    let streak = 0;
    await waitFor(async () => {
      const isPrimary = await scalar(proxyUrl, 'SELECT NOT pg_is_in_recovery()').catch(() => 'false');
      streak = isPrimary === 'true' ? streak + 1 : 0;
      return streak >= 10;
    }, 60_000);

    log('schema and data…');
    const database = await openDatabase({ databaseUrl: proxyUrl, dataDir: work });
    const g = await generateTree(database.db, { orgs: 2000, members });
    const s = await createOpenSession(database.db, g);
    await database.db.end();

    log('two app processes…');
    app = spawn(process.execPath, [resolve('bin/resolute.js'), 'start', '--no-web', '--no-demo', '--workers', '2'], {
      env: {
        ...process.env,
        PORT: String(appPort),
        DATABASE_URL: proxyUrl,
        RESOLUTE_DATA: work,
        LOG_LEVEL: 'error',
        RESOLUTE_ADMIN_PASSWORD: 'failover-drill-password',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    children.push(app);
    let appOut = '';
    app.stdout!.on('data', (d) => (appOut += d));
    app.stderr!.on('data', (d) => (appOut += d));
    const base = `http://127.0.0.1:${appPort}`;
    await waitFor(
      async () => (await fetch(`${base}/api/health`).catch(() => null))?.ok === true,
      300_000,
      () => appOut,
    );
    const csrf = await anonymousCsrf(base);

    // Check-ins at a steady pace from 8 phones at once, every member once.
    const acked = new Set<number>();
    const results: { at: number; ok: boolean }[] = [];
    let next = 0;
    let killedAt = 0;
    let stop = false;
    const statuses: Record<string, number> = {};
    const phone = async () => {
      while (!stop && next < members) {
        const k = ((next++ * 7919) % members) + 1;
        const t = Date.now();
        let ok = false;
        try {
          const res = await fetch(`${base}/api/study/checkin`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie: csrf.cookie, 'x-csrf-token': csrf.token },
            body: JSON.stringify({ token: s.tokenOfMember(k), memberCode: g.memberCode(k), personalCode: s.personalCodeOf(k) }),
            signal: AbortSignal.timeout(15_000),
          });
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          ok = res.ok;
          await res.arrayBuffer();
        } catch {
          statuses.error = (statuses.error ?? 0) + 1;
        }
        if (ok) acked.add(k);
        results.push({ at: t, ok });
        await sleep(20);
      }
    };
    const phones = Array.from({ length: 8 }, phone);
    await sleep(5000);
    const primaryPort = Number(
      await scalar(nodeUrl(monitorPort, 'pg_auto_failover'), `SELECT nodeport FROM pgautofailover.node WHERE reportedstate = 'primary'`),
    );
    const victim = primaryPort === port1 ? node1 : node2;
    log(`SIGKILL to the primary (port ${primaryPort}, process group ${victim.pid})`);
    killedAt = Date.now();
    process.kill(-victim.pid!, 'SIGKILL');
    // Until check-ins have succeeded again for 5 s, at most 90 s.
    await waitFor(async () => {
      const after = results.filter((r) => r.at > killedAt);
      const firstFail = after.find((r) => !r.ok);
      const lastOk = after.filter((r) => r.ok).at(-1);
      return (
        firstFail !== undefined &&
        lastOk !== undefined &&
        lastOk.at > firstFail.at + 1 &&
        Date.now() - lastOk.at < 1000 &&
        lastOk.at - killedAt > 5000
      );
    }, 90_000).catch(() => undefined);
    await sleep(5000);
    stop = true;
    await Promise.all(phones);

    const after = results.filter((r) => r.at >= killedAt);
    const firstFail = after.find((r) => !r.ok);
    const firstOkAfterFail = firstFail ? after.find((r) => r.ok && r.at > firstFail.at) : undefined;
    const recovered = after.length > 0 && after.at(-1)!.ok;
    const unavailableS = firstFail ? ((firstOkAfterFail?.at ?? Date.now()) - firstFail.at) / 1000 : 0;

    const check2 = new pg.Client(proxyUrl);
    await check2.connect();
    const { rows } = await check2.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM attendances a JOIN members m ON m.id = a.member_id
        WHERE a.session_id = $1 AND a.status = 'present' AND m.code = ANY($2::text[])`,
      [s.sessionId, [...acked].map((k) => g.memberCode(k))],
    );
    const { rows: all } = await check2.query<{ n: number; dup: number }>(
      `SELECT count(*)::int AS n, (count(*) - count(DISTINCT member_id))::int AS dup FROM attendances WHERE session_id = $1`,
      [s.sessionId],
    );
    await check2.end();
    // Asked through HAProxy: the monitor's row of a dead node keeps its last reported state.
    const servingPort = Number(await scalar(proxyUrl, `SELECT current_setting('port')`));
    const newPrimary = servingPort === port1 ? 'node1' : servingPort === port2 ? 'node2' : `port ${servingPort}`;
    log(`statuses ${JSON.stringify(statuses)}; new primary ${newPrimary}; attendances ${all[0]!.n} (duplicates ${all[0]!.dup})`);
    const stored = rows[0]!.n;
    const lost = acked.size - stored;
    return {
      ok: lost === 0 && recovered && all[0]!.dup === 0,
      members,
      synchronous_standby_names: sync,
      acked: acked.size,
      stored,
      lost,
      attempts: results.length,
      failed_after_kill: after.filter((r) => !r.ok).length,
      unavailable_s: Math.round(unavailableS * 10) / 10,
      recovered,
      new_primary: newPrimary,
    };
  } finally {
    if (app?.pid) {
      try {
        process.kill(-app.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await sleep(3000);
    }
    // Each child leads a process group of its own (detached), except HAProxy.
    for (const c of children.reverse()) {
      try {
        if (c.pid) process.kill(c.spawnargs[0] === '/usr/sbin/haproxy' ? c.pid : -c.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await sleep(1000);
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * One packet of PostgreSQL's wire protocol, as hex: the startup message (user and database
 * postgres, trust on loopback), `SELECT pg_is_in_recovery()` and Terminate. The server
 * answers in order and closes.
 */
function isPrimaryProbe(): string {
  const cstr = (t: string) => Buffer.concat([Buffer.from(t, 'utf8'), Buffer.from([0])]);
  const body = Buffer.concat([
    Buffer.from([0, 3, 0, 0]),
    cstr('user'),
    cstr('postgres'),
    cstr('database'),
    cstr('postgres'),
    Buffer.from([0]),
  ]);
  const len = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeInt32BE(n);
    return b;
  };
  const startup = Buffer.concat([len(body.length + 4), body]);
  const sql = cstr('SELECT pg_is_in_recovery()');
  const query = Buffer.concat([Buffer.from('Q'), len(sql.length + 4), sql]);
  const terminate = Buffer.concat([Buffer.from('X'), len(4)]);
  return Buffer.concat([startup, query, terminate]).toString('hex');
}
/** The DataRow of one text column holding `f`: not in recovery, the primary. */
const PRIMARY_ANSWER = '440000000b00010000000166';

async function runSql(url: string, statements: string[]) {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  c.on('error', () => undefined);
  await c.connect();
  try {
    for (const q of statements) await c.query(q);
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function scalar(url: string, sql: string): Promise<string> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  c.on('error', () => undefined);
  await c.connect();
  try {
    const { rows } = await c.query({ text: sql, rowMode: 'array' });
    return String((rows[0] as unknown[] | undefined)?.[0] ?? '');
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function waitFor(probe: () => Promise<boolean>, timeoutMs: number, detail: () => string = () => '') {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms ${detail()}`);
    await sleep(250);
  }
}

async function waitQuery(url: string, sql: string, timeoutMs: number): Promise<void> {
  await waitFor(async () => {
    const pool = createPool(url, 1, { connectionTimeoutMillis: 1000 });
    try {
      return (await pool.query(sql)).rows.length > 0;
    } finally {
      await pool.end();
    }
  }, timeoutMs);
}

type NodeState = { name: string; reported: string };
async function waitState(monitorPort: number, ok: (s: NodeState[]) => boolean | Promise<boolean>, timeoutMs: number, everyMs = 500) {
  const url = `postgres://postgres@127.0.0.1:${monitorPort}/pg_auto_failover`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    c.on('error', () => undefined);
    let states: NodeState[] = [];
    try {
      await c.connect();
      states = (await c.query<NodeState>('SELECT nodename AS name, reportedstate::text AS reported FROM pgautofailover.node')).rows;
    } catch {
      // not up yet
    } finally {
      await c.end().catch(() => undefined);
    }
    if (await ok(states)) return;
    if (Date.now() > deadline) throw new Error(`pg_auto_failover: nodes not ready after ${timeoutMs} ms: ${JSON.stringify(states)}`);
    await sleep(everyMs);
  }
}
