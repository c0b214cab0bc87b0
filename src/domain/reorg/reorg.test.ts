import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyChange, checkOperation, combineFigures, dayBefore, subtreeTotalsAsOf, type OrgVersion, type TreeOrg } from './index';

const org = (o: Partial<TreeOrg> & { id: number }): TreeOrg => ({
  parentId: null,
  path: String(o.id),
  name: `Tổ chức ${o.id}`,
  kind: 'province_committee',
  validFrom: '2020-01-01',
  validTo: null,
  memberCount: 0,
  ...o,
});

/** A random forest under one root: org i > 1 hangs under an org with a smaller id. */
const forest = fc.integer({ min: 3, max: 25 }).chain((n) =>
  fc.tuple(
    fc
      .array(fc.nat(), { minLength: n - 1, maxLength: n - 1 })
      .map((picks) => [
        { orgId: 1, parentId: null, validFrom: '2020-01-01', validTo: null } as OrgVersion,
        ...picks.map((p, i): OrgVersion => ({ orgId: i + 2, parentId: 1 + (p % (i + 1)), validFrom: '2020-01-01', validTo: null })),
      ]),
    fc.array(
      fc.record({
        org: fc.integer({ min: 1, max: n }),
        value: fc.integer({ min: 0, max: 1000 }),
        num: fc.integer({ min: 0, max: 50 }),
        extra: fc.integer({ min: 0, max: 50 }),
      }),
      { maxLength: 40 },
    ),
  ),
);
const date = fc.integer({ min: 0, max: 2000 }).map((d) => new Date(Date.UTC(2021, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));

describe('merging on the dated tree', () => {
  it('asks as of the day before the merge and gets exactly the old figures', () => {
    fc.assert(
      fc.property(forest, date, fc.nat(), fc.nat(), ([versions, raw], day, a, b) => {
        const ids = versions.map((v) => v.orgId).filter((id) => id !== 1);
        const source = ids[a % ids.length]!;
        const successor = ids[b % ids.length]!;
        fc.pre(source !== successor);
        const values = raw.map((r) => ({ orgId: r.org, value: r.value, numerator: r.num, denominator: r.num + r.extra }));
        const before = subtreeTotalsAsOf(versions, dayBefore(day), values);
        // The source's children go to the successor unless the successor lies under them.
        const reparent = new Map<number, number | null>();
        for (const v of versions) if (v.parentId === source && v.orgId !== successor) reparent.set(v.orgId, successor);
        fc.pre(![...reparent.keys()].some((c) => isUnder(versions, successor, c)));
        const merged = applyChange(versions, day, reparent, new Set([source]));
        expect(subtreeTotalsAsOf(merged, dayBefore(day), values)).toEqual(before);
      }),
    );
  });

  it('gives the successor, from the merge day on, the sum of its predecessors for absolute figures and rate parts', () => {
    fc.assert(
      fc.property(forest, date, ([versions, raw], day) => {
        // Merge every child of the root into the first one.
        const children = versions.filter((v) => v.parentId === 1).map((v) => v.orgId);
        fc.pre(children.length >= 2);
        const [successor, ...sources] = children as [number, ...number[]];
        const values = raw
          .filter((r) => r.org !== 1)
          .map((r) => ({ orgId: r.org, value: r.value, numerator: r.num, denominator: r.num + r.extra }));
        const before = subtreeTotalsAsOf(versions, dayBefore(day), values);
        const reparent = new Map<number, number | null>();
        for (const v of versions) if (sources.includes(v.parentId ?? -1)) reparent.set(v.orgId, successor);
        const merged = applyChange(versions, day, reparent, new Set(sources));
        const after = subtreeTotalsAsOf(merged, day, values).get(successor)!;
        const sum = (k: 'value' | 'numerator' | 'denominator') => children.reduce((s, c) => s + before.get(c)![k], 0);
        // Values held by the closed sources themselves leave the live tree with them.
        const ownOfSources = (k: 'value' | 'numerator' | 'denominator') =>
          values.filter((v) => sources.includes(v.orgId)).reduce((s, v) => s + (v[k] ?? 0), 0);
        expect(after.value).toBe(sum('value') - ownOfSources('value'));
        expect(after.numerator).toBe(sum('numerator') - ownOfSources('numerator'));
        const combined = combineFigures(
          'sum',
          children.map((c) => ({ orgId: c, value: before.get(c)!.value, numerator: null, denominator: null })),
        );
        expect(combined).toMatchObject({ combinable: true, value: sum('value') });
      }),
    );
  });
});

function isUnder(versions: readonly OrgVersion[], id: number, ancestor: number): boolean {
  const parent = new Map(versions.map((v) => [v.orgId, v.parentId]));
  for (let at = parent.get(id) ?? null; at !== null; at = parent.get(at) ?? null) if (at === ancestor) return true;
  return id === ancestor;
}

describe('combining predecessors’ figures', () => {
  const parts = fc.array(fc.record({ orgId: fc.nat(), num: fc.integer({ min: 0, max: 1000 }), extra: fc.integer({ min: 0, max: 1000 }) }), {
    minLength: 1,
    maxLength: 8,
  });

  it('adds absolute figures', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 8 }), (xs) => {
        const r = combineFigures(
          'sum',
          xs.map((value, orgId) => ({ orgId, value, numerator: null, denominator: null })),
        );
        expect(r).toEqual({ combinable: true, value: xs.reduce((a, b) => a + b, 0), numerator: null, denominator: null, parts: xs.length });
      }),
    );
  });

  it('recombines rates from numerators and denominators, never by averaging percents', () => {
    fc.assert(
      fc.property(parts, (ps) => {
        const figures = ps.map((p) => ({
          orgId: p.orgId,
          numerator: p.num,
          denominator: p.num + p.extra,
          value: p.num + p.extra > 0 ? (p.num / (p.num + p.extra)) * 100 : null,
        }));
        const r = combineFigures('rate', figures);
        const n = ps.reduce((s, p) => s + p.num, 0);
        const d = ps.reduce((s, p) => s + p.num + p.extra, 0);
        expect(r).toMatchObject({
          combinable: true,
          numerator: n,
          denominator: d,
          value: d > 0 ? Math.round((n / d) * 100 * 100) / 100 : null,
        });
      }),
    );
    // 9 of 10 and 100 of 1.000 is 109 of 1.010, 10,79%, not the 50% an average of 90% and 10% would give.
    expect(
      combineFigures('rate', [
        { orgId: 1, value: 90, numerator: 9, denominator: 10 },
        { orgId: 2, value: 10, numerator: 100, denominator: 1000 },
      ]),
    ).toMatchObject({ value: 10.79 });
  });

  it('calls a rate reported without its parts not combinable, and says why', () => {
    const r = combineFigures('rate', [
      { orgId: 1, value: 90, numerator: 9, denominator: 10 },
      { orgId: 2, value: 75, numerator: null, denominator: null },
    ]);
    expect(r).toMatchObject({ combinable: false });
    expect(r.combinable === false && r.reason).toContain('không kèm tử số và mẫu số');
  });
});

describe('checking an operation before writing', () => {
  const base = { effectiveDate: '2025-07-01', children: [], mapping: [], latestOperationOn: new Map<number, string>() };
  it('refuses merging an org into itself', () => {
    const a = org({ id: 1 });
    expect(checkOperation({ ...base, kind: 'merge', sources: [a], targets: [a] }).map((p) => p.vi)).toContain(
      'Không thể hợp nhất Tổ chức 1 vào chính nó.',
    );
  });
  it('refuses a move under its own subtree', () => {
    const a = org({ id: 1 }),
      b = org({ id: 2, parentId: 1, path: '1.2' });
    expect(checkOperation({ ...base, kind: 'move', sources: [a], targets: [b] })[0]!.vi).toContain('vòng lặp');
  });
  it('refuses a date before a later operation on the same org, and one overlapping the org’s life', () => {
    const a = org({ id: 1 }),
      b = org({ id: 2, validFrom: '2025-08-01' });
    const problems = checkOperation({
      ...base,
      kind: 'merge',
      sources: [a],
      targets: [b],
      latestOperationOn: new Map([[1, '2025-09-01']]),
    });
    expect(problems.map((p) => p.vi).join(' ')).toMatch(/chồng lấn.*sau ngày này|sau ngày này.*chồng lấn/);
  });
  it('refuses members left without a cell, and a split child without a part', () => {
    const cell = org({ id: 5, kind: 'cell', memberCount: 12, name: 'Chi bộ 5' });
    const ward = org({ id: 6, kind: 'commune_committee' });
    expect(checkOperation({ ...base, kind: 'dissolve', sources: [cell], targets: [ward] })[0]!.vi).toBe(
      '12 đảng viên của Chi bộ 5 chưa được xếp vào chi bộ nào.',
    );
    const child = org({ id: 7, parentId: 6, path: '6.7', name: 'Chi bộ 7' });
    expect(
      checkOperation({ ...base, kind: 'split', sources: [ward], targets: [org({ id: 8 }), org({ id: 9 })], children: [child] })[0]!.vi,
    ).toBe('Chi bộ 7 chưa được xếp vào tổ chức mới nào.');
    expect(
      checkOperation({
        ...base,
        kind: 'split',
        sources: [ward],
        targets: [org({ id: 8 }), org({ id: 9 })],
        children: [child],
        mapping: [{ fromOrgId: 7, toOrgId: 9 }],
      }),
    ).toEqual([]);
  });
});
