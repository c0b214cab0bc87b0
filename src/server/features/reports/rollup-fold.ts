/**
 * Running the rollup fold (foldPendingRollups): after an approval commits, and every few
 * hundred milliseconds in every app process for changes whose approving process died before
 * it folded them. Within a process, callers share folds: whoever asks while a fold runs waits
 * for the next one (which starts after their commit and so takes their changes), so 32
 * approvals at once cost a few folds, not 32.
 */
import { inTransaction, type Db } from '../../db/pool';
import { foldPendingRollups } from './rollups.service';

class Folder {
  private current: Promise<number> | null = null;
  private next: Promise<number> | null = null;

  constructor(private readonly db: Db) {}

  /** Resolves once a fold that started after this call has committed. */
  request(): Promise<number> {
    if (this.next) return this.next;
    const prev = this.current ? this.current.catch(() => 0) : Promise.resolve(0);
    const p: Promise<number> = prev
      .then(() => {
        this.next = null;
        this.current = p;
        return inTransaction(this.db, (tx) => foldPendingRollups(tx));
      })
      .finally(() => {
        if (this.current === p) this.current = null;
      });
    this.next = p;
    return p;
  }
}

const folders = new WeakMap<Db, Folder>();
const folderOf = (db: Db) => folders.get(db) ?? folders.set(db, new Folder(db)).get(db)!;

/**
 * Folds the changes of a transaction that has just committed, so that the approval's answer
 * comes after its figures are in every ancestor. A failed fold does not fail the committed
 * approval: its changes stay pending and the next fold (any process's loop) takes them.
 */
export async function foldAfterCommit(db: Db): Promise<void> {
  await folderOf(db)
    .request()
    .catch(() => undefined);
}

/** Folds whatever is pending every `intervalMs`; a check for pending rows is all an idle tick costs. */
export function startRollupFolder(db: Db, opts: { intervalMs: number } = { intervalMs: 250 }) {
  let isStopped = false;
  let running: Promise<unknown> | null = null;
  const tick = async () => {
    const { rows } = await db.query<{ pending: boolean }>('SELECT EXISTS (SELECT 1 FROM indicator_rollup_deltas) AS pending');
    if (rows[0]?.pending) await folderOf(db).request();
  };
  const timer = setInterval(() => {
    if (isStopped || running) return;
    running = tick()
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
