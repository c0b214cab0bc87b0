import { describe, expect, it } from 'vitest';
import { createRng } from './prng';

describe('createRng', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    expect(Array.from({ length: 20 }, () => a.next())).toEqual(Array.from({ length: 20 }, () => b.next()));
  });

  it('gives a different sequence for another seed', () => {
    expect(createRng(1).next()).not.toBe(createRng(2).next());
  });

  it('keeps int within its inclusive bounds and reaches both', () => {
    const rng = createRng(7);
    const seen = new Set(Array.from({ length: 500 }, () => rng.int(3, 6)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('never picks a zero-weight entry', () => {
    const rng = createRng(9);
    const picks = Array.from({ length: 300 }, () =>
      rng.weighted([
        ['a', 1],
        ['b', 0],
        ['c', 3],
      ] as const),
    );
    expect(picks).not.toContain('b');
    expect(picks.filter((p) => p === 'c').length).toBeGreaterThan(picks.filter((p) => p === 'a').length);
  });

  it('throws when picking from an empty list', () => {
    expect(() => createRng(1).pick([])).toThrow();
  });
});
