import { describe, expect, it } from 'vitest';
import { fitLine, interpolate } from './trend';

describe('fitLine', () => {
  it('passes through points on a line', () => {
    const line = fitLine([
      { year: 2020, value: 100 },
      { year: 2021, value: 120 },
      { year: 2022, value: 140 },
    ]);
    expect(line?.slope).toBeCloseTo(20);
    expect((line?.intercept ?? 0) + (line?.slope ?? 0) * 2023).toBeCloseTo(160);
  });

  it('fits the least-squares slope through scattered points', () => {
    expect(
      fitLine([
        { year: 1, value: 1 },
        { year: 2, value: 3 },
        { year: 3, value: 2 },
      ])?.slope,
    ).toBeCloseTo(0.5);
  });

  it('returns null without two distinct years', () => {
    expect(fitLine([{ year: 2021, value: 1 }])).toBeNull();
    expect(
      fitLine([
        { year: 2021, value: 1 },
        { year: 2021, value: 2 },
      ]),
    ).toBeNull();
  });
});

describe('interpolate', () => {
  const plan = [
    { year: 2020, value: 100 },
    { year: 2022, value: 200 },
    { year: 2025, value: 230 },
  ];

  it('interpolates between points and holds after the last', () => {
    expect(interpolate(plan, 2021)).toBe(150);
    expect(interpolate(plan, 2022)).toBe(200);
    expect(interpolate(plan, 2024)).toBeCloseTo(220);
    expect(interpolate(plan, 2030)).toBe(230);
  });

  it('says nothing before the plan starts', () => {
    expect(interpolate(plan, 2019)).toBeNull();
    expect(interpolate([], 2021)).toBeNull();
  });
});
