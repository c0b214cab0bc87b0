import { describe, expect, it } from 'vitest';
import { APPROX_TOLERANCE, meetsGoal, resolveGoal } from './target-goal';
import { buildTargetSpec } from './target-spec';

describe('resolveGoal', () => {
  it('meets a range from its minimum when higher is better, and from its maximum when lower is', () => {
    const spec = buildTargetSpec({ comparator: 'range', valueMin: 8.5, valueMax: 8.7, unit: '%', perYear: true });
    expect(resolveGoal(spec, 'higher_better')).toEqual({ kind: 'at_least', threshold: 8.5, mustHold: false });
    expect(resolveGoal(spec, 'lower_better')).toEqual({ kind: 'at_most', threshold: 8.7, mustHold: true });
  });

  it('reads "=" by the direction', () => {
    const spec = buildTargetSpec({ comparator: '=', value: 100, unit: '%' });
    expect(resolveGoal(spec, 'higher_better')).toMatchObject({ kind: 'at_least', threshold: 100 });
    expect(resolveGoal(spec, 'lower_better')).toMatchObject({ kind: 'at_most', threshold: 100 });
  });

  it('gives "khoảng" the approximation tolerance on the side that matters', () => {
    const spec = buildTargetSpec({ comparator: 'approx', value: 80_000 });
    expect(resolveGoal(spec, 'higher_better')?.threshold).toBeCloseTo(80_000 * (1 - APPROX_TOLERANCE));
    expect(resolveGoal(spec, 'lower_better')?.threshold).toBeCloseTo(80_000 * (1 + APPROX_TOLERANCE));
    expect(resolveGoal(spec, 'higher_better', 0)?.threshold).toBe(80_000);
  });

  it('treats "<=" as a ceiling to hold and "giảm còn" as a level to reach', () => {
    expect(resolveGoal(buildTargetSpec({ comparator: '<=', value: 3 }), 'lower_better')).toEqual({
      kind: 'at_most',
      threshold: 3,
      mustHold: true,
    });
    expect(resolveGoal(buildTargetSpec({ comparator: 'reduce_to', value: 1.5 }), 'lower_better')).toEqual({
      kind: 'at_most',
      threshold: 1.5,
      mustHold: false,
    });
    expect(resolveGoal(buildTargetSpec({ comparator: 'increase_to', value: 9 }), 'higher_better')).toMatchObject({
      kind: 'at_least',
      threshold: 9,
    });
  });

  it('reads a yearly increase or decrease as a bound on the average change', () => {
    const inc = buildTargetSpec({ comparator: 'increase_by', value: 8, unit: '%', perYear: true });
    const dec = buildTargetSpec({ comparator: 'decrease_by', value: 1.5, unit: '%', perYear: true });
    expect(resolveGoal(inc, 'higher_better')).toMatchObject({ kind: 'at_least', threshold: 8 });
    expect(resolveGoal(dec, 'lower_better')).toMatchObject({ kind: 'at_most', threshold: -1.5 });
  });

  it('computes the level of an increase from its baseline: relative in %, absolute otherwise', () => {
    const base = { baselineValue: 200, baselineYear: 2020 };
    expect(
      resolveGoal(buildTargetSpec({ comparator: 'increase_by', value: 10, unit: '%', ...base }), 'higher_better')?.threshold,
    ).toBeCloseTo(220);
    expect(
      resolveGoal(buildTargetSpec({ comparator: 'increase_by', value: 50, unit: 'đảng viên', ...base }), 'higher_better')?.threshold,
    ).toBe(250);
    expect(
      resolveGoal(buildTargetSpec({ comparator: 'decrease_by', value: 10, unit: '%', ...base }), 'lower_better')?.threshold,
    ).toBeCloseTo(180);
    expect(resolveGoal(buildTargetSpec({ comparator: 'decrease_by', value: 2, unit: 'điểm %', ...base }), 'lower_better')?.threshold).toBe(
      198,
    );
  });

  it('returns null when an increase lacks its baseline or a value is missing', () => {
    expect(resolveGoal(buildTargetSpec({ comparator: 'increase_by', value: 10, unit: '%' }), 'higher_better')).toBeNull();
    expect(resolveGoal(buildTargetSpec({ comparator: '>=' }), 'higher_better')).toBeNull();
    expect(resolveGoal(buildTargetSpec({ comparator: 'range', valueMin: 1 }), 'higher_better')).toBeNull();
  });
});

describe('meetsGoal', () => {
  it('includes the threshold itself', () => {
    expect(meetsGoal(300, { kind: 'at_least', threshold: 300 })).toBe(true);
    expect(meetsGoal(299.9, { kind: 'at_least', threshold: 300 })).toBe(false);
    expect(meetsGoal(3, { kind: 'at_most', threshold: 3 })).toBe(true);
    expect(meetsGoal(3.01, { kind: 'at_most', threshold: 3 })).toBe(false);
  });

  it('absorbs floating-point noise', () => {
    expect(meetsGoal(8.499999999999, { kind: 'at_least', threshold: 8.5 })).toBe(true);
  });
});

describe('strict bounds', () => {
  it('is not met by reaching "trên 1.500" exactly, but is by reaching "ít nhất 1.500"', () => {
    const above = resolveGoal(buildTargetSpec({ comparator: '>', value: 1500 }), 'higher_better')!;
    const atLeast = resolveGoal(buildTargetSpec({ comparator: '>=', value: 1500 }), 'higher_better')!;
    expect(meetsGoal(1500, above)).toBe(false);
    expect(meetsGoal(1501, above)).toBe(true);
    expect(meetsGoal(1500, atLeast)).toBe(true);
  });

  it('is not met by reaching "dưới 3%" exactly, but is by reaching "không quá 3%"', () => {
    const below = resolveGoal(buildTargetSpec({ comparator: '<', value: 3, unit: '%' }), 'lower_better')!;
    const atMost = resolveGoal(buildTargetSpec({ comparator: '<=', value: 3, unit: '%' }), 'lower_better')!;
    expect(below).toEqual({ kind: 'at_most', threshold: 3, mustHold: true, isStrict: true });
    expect(meetsGoal(3, below)).toBe(false);
    expect(meetsGoal(2.9, below)).toBe(true);
    expect(meetsGoal(3, atMost)).toBe(true);
  });
});
