import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { arithmeticAverage, compoundAverageRate, requiredArithmeticAmount, requiredCompoundRate } from './growth';

describe('compoundAverageRate', () => {
  it('compounds rather than adds', () => {
    expect(compoundAverageRate([10, 0])).toBeCloseTo((Math.sqrt(1.1) - 1) * 100, 10);
    expect(compoundAverageRate([8.5, 8.5, 8.5])).toBeCloseTo(8.5, 10);
  });

  it('handles falls', () => {
    expect(compoundAverageRate([-10, 10])).toBeCloseTo((Math.sqrt(0.99) - 1) * 100, 10);
  });

  it('returns null for no years and throws for a fall of 100% or more', () => {
    expect(compoundAverageRate([])).toBeNull();
    expect(() => compoundAverageRate([5, -100])).toThrow(RangeError);
  });
});

describe('requiredCompoundRate', () => {
  it('finds the rate that brings the period average to the target', () => {
    // 7,9% for four years needs 10,9% in the fifth to average 8,5%.
    expect(requiredCompoundRate(8.5, [7.9, 7.9, 7.9, 7.9], 1)).toBeCloseTo((1.085 ** 5 / 1.079 ** 4 - 1) * 100, 10);
  });

  it('is the target itself when nothing has happened yet', () => {
    expect(requiredCompoundRate(8.5, [], 5)).toBeCloseTo(8.5, 10);
  });

  it('throws for no remaining years', () => {
    expect(() => requiredCompoundRate(8.5, [8], 0)).toThrow(RangeError);
    expect(() => requiredCompoundRate(8.5, [8], 1.5)).toThrow(RangeError);
  });

  it('reaches the target exactly when the remaining years grow at it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -20, max: 30, noNaN: true }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 5 }),
        fc.double({ min: -5, max: 15, noNaN: true }),
        (soFar, remaining, target) => {
          const required = requiredCompoundRate(target, soFar, remaining);
          const all = [...soFar, ...Array.from({ length: remaining }, () => required)];
          expect(compoundAverageRate(all)).toBeCloseTo(target, 6);
        },
      ),
    );
  });
});

describe('arithmetic averages', () => {
  it('averages yearly amounts and finds what the rest must bring', () => {
    expect(arithmeticAverage([280, 320])).toBe(300);
    expect(arithmeticAverage([])).toBeNull();
    expect(requiredArithmeticAmount(300, [280, 290, 300], 2)).toBe(315);
    expect(() => requiredArithmeticAmount(300, [], 0)).toThrow(RangeError);
  });
});
