/**
 * Fixed-window abuse counters kept in PostgreSQL (`rate_counters`), so that every app process
 * behind a load balancer counts against the same limit: counted per process, N processes
 * would each allow the whole quota.
 *
 * The check-in route is the hottest of the product: the counts of requests arriving within a
 * few milliseconds are added by one statement (a group commit, like the check-in writes), so
 * a burst costs one round trip per batch, not one per request.
 */
import type { Db } from '../../../db/pool';
import { GroupCommitter } from './group-commit';

/** One question to the counters: count a hit (`isHit`) or only read, for `key` in its window. */
export type LimitCheck = { key: string; limit: number; windowMs: number; isHit: boolean };

type Keyed = LimitCheck & { windowStart: number };

// Windows older than this are swept; a window is a minute, so nothing live is ever removed.
const KEEP_MS = 5 * 60_000;

export class SharedLimiter {
  private readonly committer: GroupCommitter<Keyed, number>;
  private lastSweep = 0;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.committer = new GroupCommitter((items) => this.apply(items), { maxWaitMs: 2, maxBatch: 1000, maxInFlight: 2 });
  }

  /**
   * Answers each check in order: a hit is allowed while its key's count, itself included, is
   * within the limit; a read is allowed while the key is below the limit. Throws when the
   * database is unreachable.
   */
  async check(checks: LimitCheck[]): Promise<boolean[]> {
    const counts = await this.count(checks);
    return counts.map((n, i) => (checks[i]!.isHit ? n <= checks[i]!.limit : n < checks[i]!.limit));
  }

  /** Each key's count in its window, this check's hit included. */
  async count(checks: LimitCheck[]): Promise<number[]> {
    const t = this.now();
    return Promise.all(checks.map((c) => this.committer.submit({ ...c, windowStart: t - (t % c.windowMs) })));
  }

  /** Keys starting with `prefix` with at least `minLimit` hits in the current window, and their counts. */
  async overLimit(prefix: string, windowMs: number, minLimit: number): Promise<{ key: string; hits: number }[]> {
    const t = this.now();
    const { rows } = await this.db.query<{ key: string; hits: number }>(
      `SELECT key, hits FROM rate_counters WHERE window_start = to_timestamp($1 / 1000.0) AND starts_with(key, $2) AND hits >= $3`,
      [t - (t % windowMs), prefix, minLimit],
    );
    return rows;
  }

  private async apply(items: Keyed[]): Promise<number[]> {
    // One row per (key, window): several hits of one key in a batch add up before the upsert.
    const groups = new Map<string, { key: string; windowStart: number; add: number }>();
    for (const it of items) {
      const id = `${it.windowStart}|${it.key}`;
      const g = groups.get(id) ?? { key: it.key, windowStart: it.windowStart, add: 0 };
      if (it.isHit) g.add += 1;
      groups.set(id, g);
    }
    const all = [...groups.values()];
    const { rows } = await this.db.query<{ key: string; ws: string; hits: number }>(
      `WITH input AS (
         SELECT k, to_timestamp(w / 1000.0) AS ws, a FROM unnest($1::text[], $2::float8[], $3::int[]) AS t(k, w, a)
       ), added AS (
         INSERT INTO rate_counters (key, window_start, hits)
         SELECT k, ws, a FROM input WHERE a > 0
         ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_counters.hits + EXCLUDED.hits
         RETURNING key, window_start, hits
       )
       SELECT key, (extract(epoch FROM window_start) * 1000)::bigint::text AS ws, hits FROM added
       UNION ALL
       SELECT c.key, (extract(epoch FROM c.window_start) * 1000)::bigint::text, c.hits
         FROM rate_counters c JOIN input i ON i.a = 0 AND c.key = i.k AND c.window_start = i.ws`,
      [all.map((g) => g.key), all.map((g) => g.windowStart), all.map((g) => g.add)],
    );
    const after = new Map(rows.map((r) => [`${r.ws}|${r.key}`, r.hits]));
    // Replay the batch in order from the count before it, so that the first hits of a key in
    // a batch pass and the ones beyond the limit do not.
    const running = new Map(all.map((g) => [`${g.windowStart}|${g.key}`, (after.get(`${g.windowStart}|${g.key}`) ?? 0) - g.add]));
    const out = items.map((it) => {
      const id = `${it.windowStart}|${it.key}`;
      const n = running.get(id)! + (it.isHit ? 1 : 0);
      running.set(id, n);
      return n;
    });
    void this.sweep();
    return out;
  }

  private async sweep() {
    const t = this.now();
    if (t - this.lastSweep < 60_000) return;
    this.lastSweep = t;
    await this.db.query('DELETE FROM rate_counters WHERE window_start < to_timestamp($1 / 1000.0)', [t - KEEP_MS]).catch(() => undefined);
  }

  close(): Promise<void> {
    return this.committer.close();
  }
}

/**
 * A fixed-window counter per key, in memory, for the flood guard only (requests per address
 * and point): per process on purpose. It bounds what one hall's network can send to each
 * process; N processes allow N times as much, still a bound, and counting every check-in in the
 * database would add a round trip to the hottest route. The guessing limits are shared.
 */
export class WindowLimiter {
  private counts = new Map<string, number>();
  private windowStart = Date.now();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one hit for `key`; false when the key is over its limit in this window. */
  hit(key: string, now = Date.now()): boolean {
    if (now - this.windowStart >= this.windowMs) {
      this.counts.clear();
      this.windowStart = now;
    }
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    return n <= this.limit;
  }
}
