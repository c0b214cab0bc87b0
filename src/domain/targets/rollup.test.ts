import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rollUpPaths, rollUpTree, type RollupInput, type RollupOrg } from './rollup';

/** Tỉnh ủy → two district committees → cells. */
const tree: RollupOrg[] = [
  { id: 'province', parentId: null },
  { id: 'district-a', parentId: 'province' },
  { id: 'district-b', parentId: 'province' },
  { id: 'cell-a1', parentId: 'district-a' },
  { id: 'cell-a2', parentId: 'district-a' },
  { id: 'cell-b1', parentId: 'district-b' },
];

function values(entries: Record<string, RollupInput>): Map<string, RollupInput> {
  return new Map(Object.entries(entries));
}

describe('rollUpTree', () => {
  it('adds sums up the tree, own value included', () => {
    const result = rollUpTree(
      tree,
      values({ province: { value: 1 }, 'cell-a1': { value: 10 }, 'cell-a2': { value: 5 }, 'cell-b1': { value: 7 } }),
      'sum',
    );
    expect(result.get('district-a')).toEqual({
      id: 'district-a',
      own: null,
      subtree: { value: 15, numerator: null, denominator: null, weight: null, reporting: 2 },
    });
    expect(result.get('province')?.subtree?.value).toBe(23);
    expect(result.get('province')?.own?.value).toBe(1);
    expect(result.get('province')?.subtree?.reporting).toBe(4);
  });

  it('recomputes rates from summed parts instead of averaging percents', () => {
    // 1 of 10 (10%) and 900 of 1000 (90%): the average of percents would say 50%.
    const result = rollUpTree(
      tree,
      values({ 'cell-a1': { numerator: 1, denominator: 10 }, 'cell-a2': { numerator: 900, denominator: 1000 } }),
      'rate',
    );
    expect(result.get('cell-a1')?.own?.value).toBe(10);
    expect(result.get('district-a')?.subtree).toEqual({
      value: (901 / 1010) * 100,
      numerator: 901,
      denominator: 1010,
      weight: null,
      reporting: 2,
    });
    expect(result.get('province')?.subtree?.value).toBeCloseTo(89.21, 2);
  });

  it('gives a rate over a zero denominator no value, and scales as asked', () => {
    const zero = rollUpTree(tree, values({ 'cell-b1': { numerator: 0, denominator: 0 } }), 'rate');
    expect(zero.get('district-b')?.subtree?.value).toBeNull();
    const ratio = rollUpTree(tree, values({ 'cell-b1': { numerator: 1, denominator: 4 } }), 'rate', { rateScale: 1 });
    expect(ratio.get('province')?.subtree?.value).toBe(0.25);
  });

  it('refuses a rate without its parts', () => {
    expect(() => rollUpTree(tree, values({ 'cell-a1': { value: 50 } }), 'rate')).toThrow(RangeError);
    expect(() => rollUpTree(tree, values({ 'cell-a1': { numerator: 1, denominator: -2 } }), 'rate')).toThrow(RangeError);
  });

  it('weights averages by count, and each org once without one', () => {
    const weighted = rollUpTree(tree, values({ 'cell-a1': { value: 9, count: 30 }, 'cell-a2': { value: 6, count: 10 } }), 'average');
    expect(weighted.get('district-a')?.subtree).toEqual({ value: 8.25, numerator: null, denominator: null, weight: 40, reporting: 2 });
    const plain = rollUpTree(tree, values({ 'cell-a1': { value: 9 }, 'cell-a2': { value: 6 }, 'cell-b1': { value: 3 } }), 'average');
    expect(plain.get('province')?.subtree?.value).toBe(6);
  });

  it('does not roll "none" up', () => {
    const result = rollUpTree(tree, values({ province: { value: 8.6 }, 'district-a': { value: 9.1 } }), 'none');
    expect(result.get('province')).toEqual({
      id: 'province',
      own: { value: 8.6, numerator: null, denominator: null, weight: null, reporting: 1 },
      subtree: null,
    });
  });

  it('leaves orgs with nothing reported below them empty', () => {
    const result = rollUpTree(tree, values({ 'cell-a1': { value: 1 } }), 'sum');
    expect(result.get('district-b')).toEqual({ id: 'district-b', own: null, subtree: null });
    expect(result.get('cell-a2')?.subtree).toBeNull();
  });

  it('treats an org whose parent is outside the list as a root', () => {
    const scoped = tree.filter((o) => o.id !== 'province');
    const result = rollUpTree(scoped, values({ 'cell-a1': { value: 1 }, 'cell-b1': { value: 2 } }), 'sum');
    expect(result.get('district-a')?.subtree?.value).toBe(1);
    expect(result.get('district-b')?.subtree?.value).toBe(2);
  });

  it('handles a tree deeper than the call stack', () => {
    const chain: RollupOrg[] = Array.from({ length: 50_000 }, (_, i) => ({ id: `o${i}`, parentId: i === 0 ? null : `o${i - 1}` }));
    const result = rollUpTree(chain, new Map(chain.map((o) => [o.id, { value: 1 }])), 'sum');
    expect(result.get('o0')?.subtree?.value).toBe(50_000);
    // Correctness, not speed, is asserted: a shared 2-core machine took over 5 s here.
  }, 30_000);

  it('throws on a duplicate id, a cycle, a self-parent, an unknown org or a non-finite value', () => {
    expect(() => rollUpTree([...tree, { id: 'cell-a1', parentId: null }], new Map(), 'sum')).toThrow(/twice/);
    expect(() =>
      rollUpTree(
        [
          { id: 'a', parentId: 'b' },
          { id: 'b', parentId: 'a' },
        ],
        new Map(),
        'sum',
      ),
    ).toThrow(/cycle/);
    expect(() => rollUpTree([{ id: 'a', parentId: 'a' }], new Map(), 'sum')).toThrow(/own parent/);
    expect(() => rollUpTree(tree, values({ elsewhere: { value: 1 } }), 'sum')).toThrow(/not in the tree/);
    expect(() => rollUpTree(tree, values({ 'cell-a1': { value: Number.NaN } }), 'sum')).toThrow(RangeError);
  });
});

describe('rollUpPaths', () => {
  it('rolls over ltree paths, through ancestors that are not listed', () => {
    const result = rollUpPaths(
      [
        { path: '1', numerator: 0, denominator: 0 },
        { path: '1.2.5', numerator: 3, denominator: 4 },
        { path: '1.2.5.9', numerator: 1, denominator: 4 },
        { path: '1.3', numerator: 2, denominator: 2 },
      ],
      'rate',
    );
    expect(result.get('1')?.subtree).toMatchObject({ numerator: 6, denominator: 10, value: 60, reporting: 4 });
    expect(result.get('1.2.5')?.subtree).toMatchObject({ numerator: 4, denominator: 8, value: 50 });
  });

  it('does not take a sibling with a longer label for an ancestor', () => {
    const result = rollUpPaths(
      [
        { path: '1.2', value: 1 },
        { path: '1.23', value: 5 },
      ],
      'sum',
    );
    expect(result.get('1.2')?.subtree?.value).toBe(1);
  });

  it('throws on a malformed or duplicate path', () => {
    expect(() => rollUpPaths([{ path: '1..2' }], 'sum')).toThrow(RangeError);
    expect(() => rollUpPaths([{ path: '1.a b' }], 'sum')).toThrow(RangeError);
    expect(() => rollUpPaths([{ path: '1' }, { path: '1' }], 'sum')).toThrow(RangeError);
  });
});

/** A random tree over n orgs: each org's parent is an earlier one, or none. */
function treeShape(n: number): fc.Arbitrary<RollupOrg[]> {
  return fc
    .array(fc.nat(), { minLength: n, maxLength: n })
    .map((picks) => picks.map((pick, i) => ({ id: `org-${i}`, parentId: i === 0 ? null : `org-${pick % i}` })));
}

const rateParts = fc.record({ numerator: fc.integer({ min: 0, max: 500 }), extra: fc.integer({ min: 0, max: 500 }) });

describe('rollup properties', () => {
  it('rolls a rate up to the total numerator over the total denominator, whatever the tree', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 40 })
          .chain((n) => fc.tuple(treeShape(n), treeShape(n), fc.array(fc.option(rateParts), { minLength: n, maxLength: n }))),
        ([shapeA, shapeB, parts]) => {
          const input = new Map<string, RollupInput>();
          let numerator = 0;
          let denominator = 0;
          parts.forEach((p, i) => {
            if (p === null) return;
            input.set(`org-${i}`, { numerator: p.numerator, denominator: p.numerator + p.extra });
            numerator += p.numerator;
            denominator += p.numerator + p.extra;
          });
          for (const shape of [shapeA, shapeB]) {
            const root = rollUpTree(shape, input, 'rate').get('org-0')?.subtree ?? null;
            if (input.size === 0) {
              expect(root).toBeNull();
              continue;
            }
            expect(root?.numerator).toBe(numerator);
            expect(root?.denominator).toBe(denominator);
            expect(root?.value).toBe(denominator === 0 ? null : (numerator / denominator) * 100);
            expect(root?.reporting).toBe(input.size);
          }
        },
      ),
    );
  });

  it('makes every subtree the sum of its children’s subtrees and its own value', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 40 })
          .chain((n) => fc.tuple(treeShape(n), fc.array(fc.option(fc.integer({ min: -1000, max: 1000 })), { minLength: n, maxLength: n }))),
        ([shape, raw]) => {
          const input = new Map<string, RollupInput>();
          raw.forEach((v, i) => {
            if (v !== null) input.set(`org-${i}`, { value: v });
          });
          const result = rollUpTree(shape, input, 'sum');
          for (const org of shape) {
            const kids = shape.filter((o) => o.parentId === org.id);
            const expected = [result.get(org.id)?.own?.value, ...kids.map((k) => result.get(k.id)?.subtree?.value)].filter(
              (v): v is number => typeof v === 'number',
            );
            const subtree = result.get(org.id)?.subtree?.value ?? null;
            expect(subtree).toBe(expected.length === 0 ? null : expected.reduce((a, b) => a + b, 0));
          }
        },
      ),
    );
  });

  it('weights an average at the root the same whatever the tree', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }).chain((n) =>
          fc.tuple(
            treeShape(n),
            treeShape(n),
            fc.array(fc.record({ value: fc.integer({ min: 0, max: 100 }), count: fc.integer({ min: 1, max: 1000 }) }), {
              minLength: n,
              maxLength: n,
            }),
          ),
        ),
        ([shapeA, shapeB, reports]) => {
          const input = new Map(reports.map((r, i) => [`org-${i}`, r]));
          const a = rollUpTree(shapeA, input, 'average').get('org-0')?.subtree?.value ?? Number.NaN;
          const b = rollUpTree(shapeB, input, 'average').get('org-0')?.subtree?.value ?? Number.NaN;
          expect(a).toBeCloseTo(b, 9);
        },
      ),
    );
  });
});
