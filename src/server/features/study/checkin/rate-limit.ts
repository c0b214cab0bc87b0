/**
 * A fixed-window counter per key, in memory. Several app processes each keep their own, so
 * the effective limit is per process: enough to stop one phone hammering the endpoint or one
 * address guessing member codes, which is what it is for.
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
    this.roll(now);
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    return n <= this.limit;
  }

  /** True when `key` is already over the limit, without counting. */
  isOver(key: string, now = Date.now()): boolean {
    this.roll(now);
    return (this.counts.get(key) ?? 0) >= this.limit;
  }

  private roll(now: number) {
    if (now - this.windowStart >= this.windowMs) {
      this.counts.clear();
      this.windowStart = now;
    }
  }
}
