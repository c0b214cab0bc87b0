/**
 * A small seeded pseudo-random generator for demo data. The demo must be the same on every
 * machine and every run (tests and screenshots depend on it), so nothing here reads the clock
 * or Math.random.
 */

export type Rng = {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with the given probability. */
  chance(probability: number): boolean;
  /** One element of a non-empty list; throws on an empty one. */
  pick<T>(items: readonly T[]): T;
  /** One value of a non-empty weighted list; throws on an empty one. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
};

/**
 * mulberry32 (Tommy Ettinger, public domain): 32-bit state, good enough spread for names and
 * dates, and trivially reproducible in any language.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Returns a generator whose whole sequence is fixed by `seed`. */
export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  return {
    next,
    int(min, max) {
      return min + Math.floor(next() * (max - min + 1));
    },
    chance(probability) {
      return next() < probability;
    },
    pick(items) {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick: empty list');
      return item;
    },
    weighted(entries) {
      const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
      let r = next() * total;
      for (const [value, weight] of entries) {
        r -= weight;
        if (r < 0) return value;
      }
      const last = entries.at(-1);
      if (last === undefined) throw new Error('weighted: empty list');
      return last[0];
    },
  };
}
