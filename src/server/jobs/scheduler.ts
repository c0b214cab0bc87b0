/**
 * A small job scheduler inside the app process: a timer ticks, and each job that is due runs
 * while its process holds a PostgreSQL advisory lock named after the job, so that of several
 * app processes on one database only one runs a job at a time. When a job last ran is kept in
 * `job_runs`, shared by every process: a daily job runs once a day, not once per process.
 *
 * Why not pg-boss: our jobs are two periodic sweeps whose work is already idempotent (dedupe
 * keys, SKIP LOCKED), so a lock and a row give what we need without a second schema, its
 * maintenance workers and its start-up time in every test.
 */
import type { Db } from '../db/pool';

export type Job = {
  name: string;
  /** Whether the job should run now, given when it last started (in any process). */
  isDue: (lastStartedAt: Date | null, now: Date) => boolean;
  /** Run once when the scheduler starts, whatever isDue says, unless any process started it within the last tick. */
  runAtStart?: boolean;
  run: (db: Db) => Promise<unknown>;
};

export type JobOutcome = { name: string; status: 'ok' | 'failed' | 'skipped'; result?: unknown; error?: string };

export type Scheduler = {
  /** Runs one tick now (every due job); resolves when it is done. */
  tick: () => Promise<JobOutcome[]>;
  /** Stops the timer and waits for a running tick to finish. */
  stop: () => Promise<void>;
};

// The advisory lock key space of jobs: (JOB_LOCK_CLASS, hashtext(name)). The migrator uses a
// single bigint key, which cannot collide with a two-int key.
const JOB_LOCK_CLASS = 7241;

/**
 * Runs `job` if this process gets its lock and (unless `force`) it is due. The lock is a
 * session lock on a connection of its own, held for the run: if the process dies, PostgreSQL
 * drops the connection and the lock with it.
 */
export async function runJob(
  db: Db,
  job: Job,
  opts: { force?: boolean; now?: () => Date; unlessStartedWithinMs?: number } = {},
): Promise<JobOutcome> {
  const now = opts.now ?? (() => new Date());
  const lockClient = await db.connect();
  try {
    const { rows: lock } = await lockClient.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [
      JOB_LOCK_CLASS,
      job.name,
    ]);
    if (!lock[0]?.ok) return { name: job.name, status: 'skipped' };
    try {
      const { rows } = await db.query<{ lastStartedAt: Date | null }>(
        'SELECT last_started_at AS "lastStartedAt" FROM job_runs WHERE name = $1',
        [job.name],
      );
      const last = rows[0]?.lastStartedAt ?? null;
      const isRecent =
        last !== null && opts.unlessStartedWithinMs !== undefined && now().getTime() - last.getTime() < opts.unlessStartedWithinMs;
      if ((!opts.force || isRecent) && !job.isDue(last, now())) return { name: job.name, status: 'skipped' };
      await db.query(
        `INSERT INTO job_runs (name, last_started_at, last_status, runs) VALUES ($1, $2, 'running', 1)
         ON CONFLICT (name) DO UPDATE SET last_started_at = EXCLUDED.last_started_at, last_status = 'running', runs = job_runs.runs + 1`,
        [job.name, now()],
      );
      try {
        const result = await job.run(db);
        await db.query(
          `UPDATE job_runs SET last_finished_at = now(), last_status = 'ok', last_error = NULL, last_result = $2 WHERE name = $1`,
          [job.name, JSON.stringify(result ?? null)],
        );
        return { name: job.name, status: 'ok', result };
      } catch (err) {
        const error = (err as Error).message;
        await db.query(`UPDATE job_runs SET last_finished_at = now(), last_status = 'failed', last_error = $2 WHERE name = $1`, [
          job.name,
          error.slice(0, 2000),
        ]);
        return { name: job.name, status: 'failed', error };
      }
    } finally {
      await lockClient.query('SELECT pg_advisory_unlock($1, hashtext($2))', [JOB_LOCK_CLASS, job.name]);
    }
  } finally {
    lockClient.release();
  }
}

/**
 * Starts ticking every `tickMs`; the first tick runs at once and forces the jobs marked
 * `runAtStart`. A tick never overlaps the previous one, and the timer does not keep the
 * process alive.
 */
export function startScheduler(db: Db, jobs: Job[], opts: { tickMs: number; log?: (line: string) => void }): Scheduler {
  const log = opts.log ?? (() => undefined);
  let running: Promise<JobOutcome[]> | null = null;
  let isFirst = true;
  let isStopped = false;

  const tick = (): Promise<JobOutcome[]> => {
    if (running) return running;
    const force = isFirst;
    isFirst = false;
    running = (async () => {
      const outcomes: JobOutcome[] = [];
      for (const job of jobs) {
        if (isStopped) break;
        try {
          // Several processes start together (`--workers N`, a rolling restart): the run at
          // start is one run, not one per process, so a start shortly after another process's
          // run is not forced.
          const o = await runJob(db, job, { force: force && job.runAtStart === true, unlessStartedWithinMs: opts.tickMs });
          if (o.status === 'failed') log(`Công việc nền "${job.name}" lỗi / job failed: ${o.error}`);
          outcomes.push(o);
        } catch (err) {
          // The database is away (restarting, pool closed): the next tick tries again.
          outcomes.push({ name: job.name, status: 'failed', error: (err as Error).message });
        }
      }
      return outcomes;
    })().finally(() => {
      running = null;
    });
    return running;
  };

  const timer = setInterval(() => void tick(), opts.tickMs);
  timer.unref();
  void tick();
  return {
    tick,
    stop: async () => {
      isStopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
