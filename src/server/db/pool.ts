import pg from 'pg';

// int8 (bigint ids, counts) come back as JS numbers: our ids and counts stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
// bigint[] (partner orgs, public item ids) likewise, element by element.
// (1009 is text[] and 1016 bigint[]; @types/pg's TypeId enum lists neither.)
type TypeId = Parameters<typeof pg.types.getTypeParser>[0];
const parseTextArray = pg.types.getTypeParser(1009 as TypeId);
pg.types.setTypeParser(1016 as TypeId, (v: string) => (parseTextArray(v) as (string | null)[]).map((x) => (x === null ? null : Number(x))));
// numeric too: target values and rates are small decimals.
pg.types.setTypeParser(1700, (v) => Number(v));
// `date` stays the 'yyyy-mm-dd' string: a date has no time zone to shift it.
pg.types.setTypeParser(1082, (v) => v);

export type Db = pg.Pool;
/** A client inside a transaction, or the pool itself for single statements. */
export type Queryable = pg.Pool | pg.PoolClient;

export function createPool(url: string, max = 20, extra: Omit<pg.PoolConfig, 'connectionString' | 'max'> = {}): Db {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'resolute', ...extra });
  // An idle client's error (the server restarting) must not crash the process; the next
  // query reports it.
  pool.on('error', () => undefined);
  // Likewise a client in use when the server goes away: without a listener its 'error' event
  // would end the process; its query is rejected, and the pool replaces it.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/** Runs `fn` in a transaction and commits, or rolls back and rethrows. */
export async function inTransaction<T>(db: Db, fn: (tx: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

// SQLSTATEs of a server that went away or is not (or no longer) the primary: admin or crash
// shutdown, starting up, connection failures, and a write reaching a standby during a failover.
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '25006']);
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connection error and is not queryable/i,
];

/** Whether `err` means the database could not be reached (a restart, a failover), not that the request was wrong. */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || UNAVAILABLE_ERRNOS.has(code))) return true;
  return UNAVAILABLE_MESSAGES.some((re) => re.test(err.message));
}

/**
 * Runs `fn` and, when the database was unavailable, once more after `delayMs` (a failover
 * moves the primary in seconds). Only for work that is safe to repeat: a write that may have
 * committed before the connection was lost must be idempotent (a check-in, a keyed submission).
 */
export async function retryOnceIfUnavailable<T>(fn: () => Promise<T>, delayMs = 2000): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    await new Promise((r) => setTimeout(r, delayMs));
    return fn();
  }
}
