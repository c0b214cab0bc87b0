/**
 * Group commit: requests arriving within a few milliseconds are written by one statement, and
 * each caller is answered only once that statement has committed. PostgreSQL pays one WAL
 * flush per batch instead of one per row, which is what lets one machine take thousands of
 * check-ins a second while every acknowledged one is on disk.
 *
 * Batches grow by themselves under load: while `maxInFlight` batches are being written, new
 * requests queue, and the next batch takes all of them (up to `maxBatch`).
 */
export type GroupCommitOptions = { maxWaitMs: number; maxBatch: number; maxInFlight: number };

type Pending<I, O> = { item: I; resolve: (o: O) => void; reject: (e: unknown) => void };

export class GroupCommitter<I, O> {
  private queue: Pending<I, O>[] = [];
  private timer: NodeJS.Timeout | null = null;
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];
  private closed = false;

  constructor(
    private readonly write: (items: I[]) => Promise<O[]>,
    private readonly opts: GroupCommitOptions,
  ) {}

  /** Queues one item; resolves with its result after its batch committed. */
  submit(item: I): Promise<O> {
    if (this.closed) return Promise.reject(new Error('group committer closed'));
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.queue.length >= this.opts.maxBatch) this.drain();
      else
        this.timer ??= setTimeout(() => {
          this.timer = null;
          this.drain();
        }, this.opts.maxWaitMs);
    });
  }

  private drain() {
    if (this.timer && this.queue.length === 0) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    while (this.inFlight < this.opts.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.opts.maxBatch);
      this.inFlight += 1;
      this.write(batch.map((p) => p.item))
        .then(
          (out) => batch.forEach((p, i) => p.resolve(out[i] as O)),
          (err: unknown) => batch.forEach((p) => p.reject(err)),
        )
        .finally(() => {
          this.inFlight -= 1;
          // Whatever queued meanwhile has waited long enough: write it now.
          if (this.queue.length > 0) this.drain();
          else if (this.inFlight === 0) this.idleWaiters.splice(0).forEach((w) => w());
        });
    }
  }

  /** Stops taking items and waits for everything queued to be written. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.drain();
    if (this.inFlight === 0 && this.queue.length === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }
}
