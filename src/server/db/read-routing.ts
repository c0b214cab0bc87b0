/**
 * Reads on streaming replicas (DATABASE_READ_URL, one or more, comma-separated). Dashboards,
 * coverage, exports and lists take their pool from `readDb(req, db)`; everything else, and
 * every write, stays on the primary.
 *
 * - Read your writes, across processes: after a request that may have written (any method but
 *   GET/HEAD/OPTIONS), the answer carries the primary's WAL position in a cookie
 *   (`resolute_wrote`, and the `x-resolute-wrote` header for API clients, who send it back
 *   as a header). A read that carries one goes only to a replica known to have replayed that
 *   far; else to the primary. The cookie lives on the client, so the next request may land on
 *   any app process. A forged value can only send its sender's reads to the primary.
 * - Lag: every process polls each replica (pollMs) for its replay position and compares it
 *   with the primary's positions of the last polls: the lag is how long ago the primary was
 *   where the replica is now. A replica over maxLagMs, not answering, answering as a primary
 *   (promoted) or not polled lately gets no reads until it is back.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createPool, type Db } from './pool';

export type ReplicaState = 'ok' | 'lagging' | 'down';
export type ReplicaHealth = { name: string; state: ReplicaState; lagMs: number | null; lagBytes: number | null };

export type ReadRouterOptions = {
  /** A replica further behind than this gets no reads (5 s). */
  maxLagMs?: number;
  /** How often each replica is asked for its position (500 ms). */
  pollMs?: number;
};

export type ReadRouter = {
  /** The pool for a read that must see WAL position `minLsn` (null: any replica in time). */
  pick: (minLsn: bigint | null) => Db;
  /** The primary's current WAL position (after a write, the position a read must wait for). */
  primaryLsn: () => Promise<string>;
  /** Polls every replica now (the timer does it every pollMs). */
  poll: () => Promise<void>;
  health: () => ReplicaHealth[];
  stop: () => Promise<void>;
};

type Replica = {
  name: string;
  pool: Db;
  state: ReplicaState;
  replayLsn: bigint | null;
  lagMs: number | null;
  lagBytes: number | null;
  polledAt: number;
};

/** A WAL position `X/Y` (hex) as a number of bytes. */
export function parseLsn(text: string): bigint {
  const m = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text.trim());
  if (!m) throw new Error(`not a WAL position: "${text}"`);
  return (BigInt(`0x${m[1]}`) << 32n) + BigInt(`0x${m[2]}`);
}

/** A sample of the primary's WAL position and when it was taken. */
export type LsnSample = { at: number; lsn: bigint };

/**
 * How long ago (ms) the primary was at `replayLsn`: 0 when the replica has replayed all the
 * primary had at the newest sample; else the age of the oldest sample that is ahead of it
 * (the replica lacks WAL written since then). Samples are oldest first.
 */
export function lagFromSamples(samples: LsnSample[], replayLsn: bigint, now: number): number {
  const newest = samples.at(-1);
  if (!newest || replayLsn >= newest.lsn) return 0;
  const firstAhead = samples.find((s) => s.lsn > replayLsn) ?? samples[0]!;
  return Math.max(0, now - firstAhead.at);
}

/** DATABASE_READ_URL: comma-separated URLs (a URL holds no bare comma). */
export function parseReadUrls(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
}

const POLL_TIMEOUT_MS = 1000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms))),
  ]).finally(() => clearTimeout(timer));
}

export function startReadRouter(primary: Db, urls: string[], opts: ReadRouterOptions = {}): ReadRouter {
  const maxLagMs = opts.maxLagMs ?? 5000;
  const pollMs = opts.pollMs ?? 500;
  const replicas: Replica[] = urls.map((url, i) => ({
    name: `replica-${i + 1}`,
    // A down replica must fail fast: its reads then go to the primary.
    pool: createPool(url, 10, { connectionTimeoutMillis: POLL_TIMEOUT_MS }),
    state: 'down',
    replayLsn: null,
    lagMs: null,
    lagBytes: null,
    polledAt: 0,
  }));
  // Enough history to measure a lag well past the limit.
  const samples: LsnSample[] = [];
  const keepMs = Math.max(maxLagMs * 3, 30_000);
  let turn = 0;

  const primaryLsn = async () => {
    const { rows } = await primary.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
    return rows[0]!.lsn;
  };

  const pollOne = async (r: Replica) => {
    try {
      const { rows } = await withTimeout(
        r.pool.query<{ standby: boolean; lsn: string | null }>(
          'SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS lsn',
        ),
        POLL_TIMEOUT_MS,
      );
      const row = rows[0]!;
      // Promoted (a failover made it a primary of its own): its data may have left ours.
      if (!row.standby || row.lsn === null) throw new Error('not a standby');
      const now = Date.now();
      r.replayLsn = parseLsn(row.lsn);
      const newest = samples.at(-1);
      r.lagBytes = newest && newest.lsn > r.replayLsn ? Number(newest.lsn - r.replayLsn) : 0;
      r.lagMs = lagFromSamples(samples, r.replayLsn, now);
      r.state = r.lagMs > maxLagMs ? 'lagging' : 'ok';
      r.polledAt = now;
    } catch {
      r.state = 'down';
      r.lagMs = null;
      r.lagBytes = null;
      r.polledAt = Date.now();
    }
  };

  const poll = async () => {
    try {
      samples.push({ at: Date.now(), lsn: parseLsn(await primaryLsn()) });
      while (samples.length > 2 && samples[0]!.at < Date.now() - keepMs) samples.shift();
    } catch {
      // The primary is away: keep the last samples; the replicas' lag grows by their age.
    }
    await Promise.all(replicas.map(pollOne));
  };

  let polling: Promise<void> | null = null;
  const timer = setInterval(() => {
    polling ??= poll().finally(() => (polling = null));
  }, pollMs);
  timer.unref();
  void poll();

  return {
    pick: (minLsn) => {
      const fresh = Date.now() - 3 * pollMs - POLL_TIMEOUT_MS;
      const usable = replicas.filter(
        (r) => r.state === 'ok' && r.polledAt >= fresh && (minLsn === null || (r.replayLsn !== null && r.replayLsn >= minLsn)),
      );
      if (usable.length === 0) return primary;
      turn = (turn + 1) % usable.length;
      return usable[turn]!.pool;
    },
    primaryLsn,
    poll: async () => {
      await polling;
      await poll();
    },
    health: () => replicas.map((r) => ({ name: r.name, state: r.state, lagMs: r.lagMs, lagBytes: r.lagBytes })),
    stop: async () => {
      clearInterval(timer);
      await polling;
      await Promise.all(replicas.map((r) => r.pool.end().catch(() => undefined)));
    },
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Routes reads to replicas (DATABASE_READ_URL); null without replicas. */
    readRouter: ReadRouter | null;
  }
}

export const WROTE_COOKIE = 'resolute_wrote';
const WROTE_HEADER = 'x-resolute-wrote';
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function wroteLsn(req: FastifyRequest): bigint | null {
  const header = req.headers[WROTE_HEADER];
  const raw = (typeof header === 'string' ? header : undefined) ?? req.cookies?.[WROTE_COOKIE];
  if (!raw) return null;
  try {
    return parseLsn(raw);
  } catch {
    // Unreadable: the caller may have written; be safe.
    return 2n ** 64n - 1n;
  }
}

/**
 * The pool for a read-only request: a replica that has what the caller last wrote, or the
 * primary `db`. Use it only in services that never write (lists, dashboards, coverage, exports).
 */
export function readDb(req: FastifyRequest, db: Db): Db {
  const router = req.server.readRouter;
  return router ? router.pick(wroteLsn(req)) : db;
}

/** Installs the router on the app: `readDb` finds it, and answers to writes carry their WAL position. */
export function registerReadRouting(app: FastifyInstance, router: ReadRouter | null): void {
  app.decorate('readRouter', router);
  if (!router) return;
  app.addHook('onSend', async (req: FastifyRequest, reply: FastifyReply) => {
    if (READ_METHODS.has(req.method) || !req.url.startsWith('/api')) return;
    let lsn: string;
    try {
      lsn = await router.primaryLsn();
    } catch {
      return; // the primary is away: this request wrote nothing
    }
    reply.header(WROTE_HEADER, lsn);
    // Long enough for any replica in time (maxLagMs) to have replayed it; after that it is moot.
    reply.setCookie(WROTE_COOKIE, lsn, { path: '/', httpOnly: true, sameSite: 'lax', secure: req.protocol === 'https', maxAge: 300 });
  });
}
