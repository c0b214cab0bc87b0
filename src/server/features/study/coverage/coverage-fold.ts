/**
 * The fold of coverage changes into the kept subtree totals (migration 202612020821): pending
 * org changes go to the org and every ancestor, or, after the tree changed, the totals are
 * rebuilt from the per-org counts. One fold at a time across processes (an advisory lock); each
 * runs in one REPEATABLE READ snapshot, so the changes it deletes are exactly those already in
 * the counts it reads.
 */
import type { PoolClient } from 'pg';
import type { Db } from '../../../db/pool';

/** Advisory lock key of the coverage fold ("cov" in ASCII). */
const FOLD_LOCK = 0x636f76;

/** An org's ancestors and itself, from its path (labels are org ids). */
const ancestorsOf = (alias: string) => `unnest(string_to_array(${alias}.path::text, '.'))`;

async function rebuild(tx: PoolClient) {
  await tx.query('DELETE FROM coverage_deltas');
  await tx.query('DELETE FROM org_subtree_members');
  await tx.query(
    `INSERT INTO org_subtree_members (org_id, members)
     SELECT a::bigint, sum(x.member_count) FROM orgs x, ${ancestorsOf('x')} a GROUP BY 1`,
  );
  await tx.query('DELETE FROM document_subtree_studies');
  await tx.query(
    `INSERT INTO document_subtree_studies (document_id, org_id, day, studied)
     SELECT c.document_id, a::bigint, c.day, sum(c.studied)
       FROM document_study_counts c JOIN orgs x ON x.id = c.org_id, ${ancestorsOf('x')} a GROUP BY 1, 2, 3`,
  );
  // Fails to commit (serialization) if the tree changed since the snapshot: the next fold retries.
  await tx.query('UPDATE coverage_tree_state SET built_version = tree_version');
}

async function foldPending(tx: PoolClient) {
  await tx.query(
    `WITH d AS (DELETE FROM coverage_deltas RETURNING org_id, document_id, day, n),
     up AS (
       SELECT d.document_id, d.day, a::bigint AS org_id, sum(d.n)::bigint AS n
         FROM d JOIN orgs x ON x.id = d.org_id, ${ancestorsOf('x')} a GROUP BY 1, 2, 3
     ),
     m AS (
       INSERT INTO org_subtree_members AS s (org_id, members)
       SELECT org_id, n FROM up WHERE document_id IS NULL ORDER BY org_id
       ON CONFLICT (org_id) DO UPDATE SET members = s.members + EXCLUDED.members
     )
     INSERT INTO document_subtree_studies AS s (document_id, org_id, day, studied)
     SELECT document_id, org_id, day, n FROM up WHERE document_id IS NOT NULL ORDER BY 1, 2, 3
     ON CONFLICT (document_id, org_id, day) DO UPDATE SET studied = s.studied + EXCLUDED.studied`,
  );
}

/**
 * Folds what is pending, or rebuilds the totals when the tree changed. Returns false when
 * another process was folding (its fold takes the same changes) and when there was nothing to do.
 */
export async function foldCoverage(db: Db): Promise<boolean> {
  const client = await db.connect();
  try {
    const { rows: lock } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [FOLD_LOCK]);
    if (!lock[0]?.ok) return false;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      try {
        const { rows } = await client.query<{ isStale: boolean; isPending: boolean }>(
          `SELECT tree_version <> built_version AS "isStale", EXISTS (SELECT 1 FROM coverage_deltas) AS "isPending"
             FROM coverage_tree_state`,
        );
        const state = rows[0];
        if (state?.isStale) await rebuild(client);
        else if (state?.isPending) await foldPending(client);
        await client.query('COMMIT');
        return Boolean(state?.isStale || state?.isPending);
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [FOLD_LOCK]);
    }
  } finally {
    client.release();
  }
}

/** Folds every `intervalMs` in each app process; an idle tick costs one small query. */
export function startCoverageFolder(db: Db, opts: { intervalMs: number } = { intervalMs: 250 }) {
  let isStopped = false;
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (isStopped || running) return;
    running = foldCoverage(db)
      .catch(() => undefined)
      .finally(() => (running = null));
  }, opts.intervalMs);
  timer.unref();
  return {
    stop: async () => {
      isStopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
