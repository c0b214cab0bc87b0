import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatVnNumber, parseVnNumber } from './vn-number';

describe('parseVnNumber', () => {
  it.each([
    ['8,5', 8.5],
    ['1.800', 1800],
    ['7.935', 7935],
    ['1.234.567,89', 1234567.89],
    ['100', 100],
    ['0,5', 0.5],
    ['8.50', 8.5],
    ['-3,2', -3.2],
  ])('reads %s as %d', (text, expected) => {
    expect(parseVnNumber(text)).toBe(expected);
  });

  it.each(['', 'abc', '1,2,3', '1..2', '8,5%'])('rejects %s', (text) => {
    expect(parseVnNumber(text)).toBeNull();
  });

  it('reads back any number it formats', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 99 }), (whole, cents) => {
        const value = whole + (Math.sign(whole || 1) * cents) / 100;
        expect(parseVnNumber(formatVnNumber(value))).toBeCloseTo(value, 2);
      }),
    );
  });
});
