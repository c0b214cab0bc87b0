import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  AT_RISK_MARGIN,
  evaluateTarget,
  TARGET_STATUS_LABELS,
  TARGET_STATUSES,
  type EvaluateTargetOptions,
  type TargetActual,
  type TargetStatus,
} from './target-status';
import { buildTargetSpec, type TargetSpec } from './target-spec';

const term = { termStartYear: 2020, termEndYear: 2025 };

function opts(overrides: Partial<EvaluateTargetOptions> = {}): EvaluateTargetOptions {
  return { asOfYear: 2024, ...term, ...overrides };
}

/** Yearly values from the first year on: series(2021, 7, 8) → 2021: 7, 2022: 8. */
function series(firstYear: number, ...values: number[]): TargetActual[] {
  return values.map((value, i) => ({ year: firstYear + i, value }));
}

const grdp = buildTargetSpec({ comparator: 'range', valueMin: 8.5, valueMax: 8.7, unit: '%', perYear: true });
const members = buildTargetSpec({
  comparator: '>=',
  value: 300,
  unit: 'đảng viên',
  baselineValue: 200,
  baselineYear: 2020,
});
const unemployment = buildTargetSpec({ comparator: '<=', value: 3, unit: '%' });

describe('evaluateTarget: yearly average growth', () => {
  it('judges the compound average so far and the rate the rest of the term needs', () => {
    const result = evaluateTarget(grdp, series(2021, 7.9, 7.9, 7.9, 7.9), opts());
    expect(result.reason).toBe('Tăng bình quân 7,9%/năm 2021–2024, cần 10,9%/năm trong 2025 để đạt 8,5%');
    expect(result.requiredRate).toBeCloseTo((1.085 ** 5 / 1.079 ** 4 - 1) * 100, 10);
    expect(result.status).toBe('off_track');
    expect(result.forecast).toEqual([{ year: 2025, value: expect.closeTo(7.9, 10) }]);
  });

  it('is at risk when the rate needed is within 10% above the trend', () => {
    // 8,4% a year needs 8,9% in 2025: 6% above the trend.
    const result = evaluateTarget(grdp, series(2021, 8.4, 8.4, 8.4, 8.4), opts());
    expect(result.status).toBe('at_risk');
    expect(result.reason).toBe('Tăng bình quân 8,4%/năm 2021–2024, cần 8,9%/năm trong 2025 để đạt 8,5%');
  });

  it('is on track when the trend already meets the minimum of the range', () => {
    const result = evaluateTarget(grdp, series(2021, 9, 8.6, 9.2), opts({ asOfYear: 2023 }));
    expect(result.status).toBe('on_track');
    expect(result.reason).toMatch(/^Tăng bình quân 8,9%\/năm 2021–2023, cần 7,\d%\/năm trong 2024–2025 để đạt 8,5%$/);
    expect(result.forecast.map((p) => p.year)).toEqual([2024, 2025]);
  });

  it('averages geometrically, not arithmetically', () => {
    // 17% then 0%: arithmetic mean 8,5%, compound 8,17%; the rest must make up the difference.
    const result = evaluateTarget(grdp, series(2021, 17, 0), opts({ asOfYear: 2022 }));
    expect(result.requiredRate).toBeCloseTo(((1.085 ** 5 / 1.17) ** (1 / 3) - 1) * 100, 10);
    expect(result.requiredRate).toBeGreaterThan(8.5);
  });

  it('draws the at-risk line at the margin over the trend', () => {
    // Trend 5%; with four years at 5% the fifth needs r. Pick targets just inside and outside.
    const trend = 5;
    const edge = trend * (1 + AT_RISK_MARGIN);
    const targetFor = (required: number): number => ((1.05 ** 4 * (1 + required / 100)) ** (1 / 5) - 1) * 100;
    const inside = buildTargetSpec({ comparator: '>=', value: targetFor(edge - 0.01), unit: '%', perYear: true });
    const outside = buildTargetSpec({ comparator: '>=', value: targetFor(edge + 0.01), unit: '%', perYear: true });
    expect(evaluateTarget(inside, series(2021, 5, 5, 5, 5), opts()).status).toBe('at_risk');
    expect(evaluateTarget(outside, series(2021, 5, 5, 5, 5), opts()).status).toBe('off_track');
  });

  it('is achieved at the edge of the term when the whole period averages the minimum', () => {
    const result = evaluateTarget(grdp, series(2021, 8.5, 8.5, 8.5, 8.5, 8.5), opts({ asOfYear: 2025 }));
    expect(result).toEqual({
      status: 'achieved',
      reason: 'Tăng bình quân 8,5%/năm 2021–2025, đạt mục tiêu 8,5–8,7%/năm',
      forecast: [],
    });
  });

  it('is achieved when beating the top of the range', () => {
    expect(evaluateTarget(grdp, series(2021, 10, 10, 10, 10, 10), opts({ asOfYear: 2025 })).status).toBe('achieved');
  });

  it('is off track (missed) at the edge of the term when the average falls short', () => {
    const result = evaluateTarget(grdp, series(2021, 8, 8, 8, 8, 8), opts({ asOfYear: 2025 }));
    expect(result.status).toBe('off_track');
    expect(result.reason).toBe('Tăng bình quân 8%/năm 2021–2025, không đạt mục tiêu 8,5–8,7%/năm');
  });

  it('waits for the due year’s figure after the term instead of judging the years before it', () => {
    const result = evaluateTarget(grdp, series(2021, 9, 9, 9, 9), opts({ asOfYear: 2026 }));
    expect(result.status).toBe('not_assessable');
    expect(result.reason).toBe('Chờ số liệu năm 2025 để kết luận; đã có: Tăng bình quân 9%/năm 2021–2024');
    expect(evaluateTarget(grdp, series(2021, 9, 9, 9, 9, 9), opts({ asOfYear: 2026 })).status).toBe('achieved');
  });

  it('judges by the last year of data when it is the due year, even before asOf reaches it', () => {
    const due2023 = { ...grdp, byYear: 2023 };
    expect(evaluateTarget(due2023, series(2021, 8, 8, 8), opts({ asOfYear: 2023 })).status).toBe('off_track');
  });

  it('ignores years after asOf', () => {
    const result = evaluateTarget(grdp, series(2021, 7.9, 7.9, 7.9, 7.9, 30), opts());
    expect(result.reason).toContain('2021–2024');
  });

  it('is not assessable before the first yearly value', () => {
    expect(evaluateTarget(grdp, [], opts())).toEqual({
      status: 'not_assessable',
      reason: 'Chưa có số liệu năm nào từ năm 2021',
      forecast: [],
    });
    // A value for the baseline year itself is not a growth year of the term.
    expect(evaluateTarget(grdp, series(2020, 8), opts()).status).toBe('not_assessable');
  });

  it('is not assessable with a hole in the years, and names it', () => {
    const result = evaluateTarget(grdp, [...series(2021, 8), ...series(2023, 8, 8)], opts());
    expect(result).toMatchObject({ status: 'not_assessable', reason: 'Thiếu số liệu năm 2022' });
  });

  it('phrases a single year without "bình quân"', () => {
    const result = evaluateTarget(grdp, series(2021, 9), opts({ asOfYear: 2021 }));
    expect(result.reason).toMatch(/^Tăng 9% năm 2021, cần 8,\d%\/năm trong 2022–2025 để đạt 8,5%$/);
  });

  it('judges "tăng 8%/năm" like a floor on the average', () => {
    const budget = buildTargetSpec({ comparator: 'increase_by', value: 8, unit: '%', perYear: true });
    expect(evaluateTarget(budget, series(2021, 9, 9), opts({ asOfYear: 2022 })).status).toBe('on_track');
    expect(evaluateTarget(budget, series(2021, 4, 4), opts({ asOfYear: 2022 })).status).toBe('off_track');
  });

  it('judges "giảm 1,5%/năm" by an average fall, with falls as negative rates', () => {
    const spec = buildTargetSpec({ comparator: 'decrease_by', value: 1.5, unit: '%', perYear: true });
    const onTrack = evaluateTarget(spec, series(2021, -2, -2), opts({ asOfYear: 2022 }));
    expect(onTrack.status).toBe('on_track');
    expect(onTrack.reason).toMatch(
      /^Giảm bình quân 2%\/năm 2021–2022, cần giảm ít nhất 1,\d%\/năm trong 2023–2025 để giảm bình quân 1,5%\/năm$/,
    );
    expect(evaluateTarget(spec, series(2021, 1, 1), opts({ asOfYear: 2022 })).status).toBe('off_track');
    expect(evaluateTarget(spec, series(2021, -1.5, -1.5, -1.5, -1.5, -1.5), opts({ asOfYear: 2025 })).status).toBe('achieved');
  });

  it('judges a ceiling on a yearly rate from above (inflation under 4%/năm)', () => {
    const inflation = buildTargetSpec({ comparator: '<=', value: 4, unit: '%', perYear: true });
    const calm = evaluateTarget(inflation, series(2021, 3, 3.5), opts({ asOfYear: 2022 }));
    expect(calm.status).toBe('on_track');
    expect(calm.reason).toMatch(/chỉ được tăng tối đa 4,\d%\/năm trong 2023–2025 để không vượt 4%$/);
    // Averaging 4,3% needs 3,8%: 12% below the trend.
    expect(evaluateTarget(inflation, series(2021, 4.3, 4.3), opts({ asOfYear: 2022 })).status).toBe('off_track');
    // Averaging 4,1% needs 3,93%: within 10% below the trend.
    expect(evaluateTarget(inflation, series(2021, 4.1, 4.1), opts({ asOfYear: 2022 })).status).toBe('at_risk');
  });

  it('reads a range by the maximum when lower is better', () => {
    const spec = buildTargetSpec({ comparator: 'range', valueMin: 3, valueMax: 4, unit: '%', perYear: true });
    const actuals = series(2021, 2.9, 2.9, 2.9, 2.9, 2.9);
    expect(evaluateTarget(spec, actuals, opts({ asOfYear: 2025, direction: 'lower_better' })).status).toBe('achieved');
    expect(evaluateTarget(spec, actuals, opts({ asOfYear: 2025 })).status).toBe('off_track');
  });

  it('averages yearly amounts arithmetically when the unit is not a percent', () => {
    const admissions = buildTargetSpec({ comparator: '>=', value: 300, unit: 'đảng viên', perYear: true });
    const result = evaluateTarget(admissions, series(2021, 280, 290, 300), opts({ asOfYear: 2023 }));
    expect(result.requiredRate).toBe(315);
    // 315 is 8,6% above the 290 a year so far: within the margin.
    expect(result.status).toBe('at_risk');
    expect(result.reason).toBe(
      'Bình quân 290 đảng viên/năm 2021–2023, cần 315 đảng viên/năm trong 2024–2025 để đạt bình quân 300 đảng viên/năm',
    );
  });

  it('throws on a growth rate of -100% or below', () => {
    expect(() => evaluateTarget(grdp, series(2021, -100), opts())).toThrow(RangeError);
  });
});

describe('evaluateTarget: a level to reach by the due year', () => {
  it('is on track on its trajectory from the baseline with a trend that reaches the target', () => {
    const result = evaluateTarget(members, series(2021, 220, 240), opts({ asOfYear: 2022 }));
    expect(result.status).toBe('on_track');
    expect(result.reason).toBe(
      'Năm 2022: 240 đảng viên (lộ trình: 240 đảng viên); dự báo năm 2025: 300 đảng viên; cần tăng 20 đảng viên/năm để đạt mục tiêu ≥ 300 đảng viên',
    );
    expect(result.forecast).toEqual([
      { year: 2023, value: 260 },
      { year: 2024, value: 280 },
      { year: 2025, value: 300 },
    ]);
    expect(result.requiredRate).toBe(20);
  });

  it('is at risk when the effort needed is within 10% over the trend', () => {
    // Trend 20/yr (through 200, 220, 240); 2022 at 240 needs 21/yr to reach 303.
    const spec = { ...members, value: 303 };
    expect(evaluateTarget(spec, series(2021, 220, 240), opts({ asOfYear: 2022 })).status).toBe('at_risk');
  });

  it('is off track when the effort needed is more than 10% over the trend', () => {
    const result = evaluateTarget(members, series(2021, 210, 220), opts({ asOfYear: 2022 }));
    expect(result.status).toBe('off_track');
    expect(result.requiredRate).toBeCloseTo(80 / 3);
  });

  it('is off track when the indicator is falling', () => {
    expect(evaluateTarget(members, series(2021, 195, 190), opts({ asOfYear: 2022 })).status).toBe('off_track');
  });

  it('is at risk when behind its yearly path even if the trend would reach the target', () => {
    const spec = {
      ...members,
      yearlyPath: [
        { year: 2021, value: 260 },
        { year: 2022, value: 270 },
      ],
    };
    // Trend 20/yr from 240 in 2022 reaches 300, but the path asked 270 for 2022.
    const result = evaluateTarget(spec, series(2021, 220, 240), opts({ asOfYear: 2022 }));
    expect(result.status).toBe('at_risk');
    expect(result.reason).toContain('(lộ trình: 270 đảng viên)');
  });

  it('follows the yearly path between its points and to the target after it', () => {
    const spec = { ...members, yearlyPath: [{ year: 2022, value: 280 }] };
    // Path 200 (2020) → 280 (2022) → 300 (2025): 2021 is planned at 240.
    const result = evaluateTarget(spec, series(2021, 250), opts({ asOfYear: 2021 }));
    expect(result.reason).toContain('(lộ trình: 240 đảng viên)');
    expect(result.status).toBe('on_track');
  });

  it('is achieved as soon as a level to reach is reached', () => {
    const result = evaluateTarget(members, series(2021, 320), opts({ asOfYear: 2021 }));
    expect(result.status).toBe('achieved');
    expect(result.reason).toBe('Năm 2021: 320 đảng viên, đã đạt mục tiêu ≥ 300 đảng viên trước năm 2025');
  });

  it('is achieved or missed at the edge of the term by the latest value', () => {
    expect(evaluateTarget(members, series(2021, 250, 270, 290, 300, 305), opts({ asOfYear: 2025 }))).toEqual({
      status: 'achieved',
      reason: 'Năm 2025: 305 đảng viên, đạt mục tiêu ≥ 300 đảng viên',
      forecast: [],
    });
    expect(evaluateTarget(members, series(2021, 250, 270, 290, 300, 299), opts({ asOfYear: 2025 }))).toMatchObject({
      status: 'off_track',
      reason: 'Năm 2025: 299 đảng viên, không đạt mục tiêu ≥ 300 đảng viên',
    });
  });

  it('judges a target due before the term ends at its due year, ignoring later values', () => {
    const spec = { ...members, byYear: 2023 };
    const result = evaluateTarget(spec, series(2021, 250, 280, 290, 400), opts({ asOfYear: 2024 }));
    expect(result).toMatchObject({ status: 'off_track', reason: 'Năm 2023: 290 đảng viên, không đạt mục tiêu ≥ 300 đảng viên' });
  });

  it('does not judge a target due after the term at the term’s end', () => {
    const spec = { ...members, byYear: 2030 };
    expect(evaluateTarget(spec, series(2021, 220, 240, 260, 280, 290), opts({ asOfYear: 2025 })).status).toBe('on_track');
  });

  it('uses a value reported for the term’s first year as the baseline when none was entered', () => {
    const spec = { ...members, baselineValue: null, baselineYear: null };
    const result = evaluateTarget(spec, series(2020, 200, 220, 240), opts({ asOfYear: 2022 }));
    expect(result.status).toBe('on_track');
    expect(result.reason).toContain('(lộ trình: 240 đảng viên)');
  });

  it('is not assessable before the first yearly value, or from one value with nothing to trend from', () => {
    expect(evaluateTarget(members, [], opts())).toMatchObject({
      status: 'not_assessable',
      reason: 'Chưa có số liệu năm nào sau năm 2020',
    });
    const noBaseline = { ...members, baselineValue: null, baselineYear: null };
    expect(evaluateTarget(noBaseline, series(2022, 250), opts())).toMatchObject({
      status: 'not_assessable',
      reason: 'Năm 2022: 250 đảng viên, chưa đạt mục tiêu ≥ 300 đảng viên; cần giá trị gốc hoặc số liệu ít nhất hai năm để dự báo',
    });
  });

  it('computes "tăng 10%" from the baseline and shows the level it means', () => {
    const spec = buildTargetSpec({ comparator: 'increase_by', value: 10, unit: '%', baselineValue: 200, baselineYear: 2020 });
    const result = evaluateTarget(spec, series(2021, 205, 210), opts({ asOfYear: 2022 }));
    expect(result.status).toBe('on_track');
    expect(result.reason).toBe('Năm 2022: 210 (lộ trình: 208); dự báo năm 2025: 225; cần tăng 3,33/năm để đạt mục tiêu tăng 10% (220)');
    expect(evaluateTarget(spec, series(2021, 205, 210, 215, 218, 221), opts({ asOfYear: 2025 })).status).toBe('achieved');
  });

  it('computes "giảm 20 vụ" from the baseline', () => {
    const spec = buildTargetSpec({ comparator: 'decrease_by', value: 20, unit: 'vụ', baselineValue: 100, baselineYear: 2020 });
    expect(evaluateTarget(spec, series(2021, 90, 78), opts({ asOfYear: 2022 })).status).toBe('achieved');
    expect(evaluateTarget(spec, series(2021, 99, 98), opts({ asOfYear: 2022 })).status).toBe('off_track');
  });

  it('reaches "giảm còn" from above by its trajectory and counts it achieved once reached', () => {
    const poverty = buildTargetSpec({ comparator: 'reduce_to', value: 1.5, unit: '%', baselineValue: 3, baselineYear: 2020 });
    const onTrack = evaluateTarget(poverty, series(2021, 2.7, 2.4), opts({ asOfYear: 2022 }));
    expect(onTrack.status).toBe('on_track');
    expect(onTrack.reason).toContain('cần giảm 0,3 điểm %/năm');
    expect(evaluateTarget(poverty, series(2021, 2.9, 2.85), opts({ asOfYear: 2022 })).status).toBe('off_track');
    expect(evaluateTarget(poverty, series(2021, 2, 1.4), opts({ asOfYear: 2022 })).status).toBe('achieved');
  });

  it('treats "tăng lên" like a floor to reach', () => {
    const firms = buildTargetSpec({
      comparator: 'increase_to',
      value: 80_000,
      unit: 'doanh nghiệp',
      baselineValue: 40_000,
      baselineYear: 2020,
    });
    expect(evaluateTarget(firms, series(2021, 48_000, 56_000, 64_000), opts({ asOfYear: 2023 })).status).toBe('on_track');
  });

  it('counts "khoảng" as met within the tolerance', () => {
    const firms = buildTargetSpec({ comparator: 'approx', value: 80_000, unit: 'doanh nghiệp' });
    expect(evaluateTarget(firms, series(2025, 76_500), opts({ asOfYear: 2025 })).status).toBe('achieved');
    expect(evaluateTarget(firms, series(2025, 75_000), opts({ asOfYear: 2025 })).status).toBe('off_track');
    expect(evaluateTarget(firms, series(2025, 76_500), opts({ asOfYear: 2025, approxTolerance: 0 })).status).toBe('off_track');
  });

  it('reads "=" by the indicator’s direction', () => {
    const full = buildTargetSpec({ comparator: '=', value: 100, unit: '%' });
    expect(evaluateTarget(full, series(2025, 100), opts({ asOfYear: 2025 })).status).toBe('achieved');
    expect(evaluateTarget(full, series(2025, 98), opts({ asOfYear: 2025 })).status).toBe('off_track');
    expect(evaluateTarget(full, series(2025, 98), opts({ asOfYear: 2025, direction: 'lower_better' })).status).toBe('achieved');
  });
});

describe('evaluateTarget: a ceiling', () => {
  it('is on track while under the ceiling with a trend that stays under', () => {
    const result = evaluateTarget(unemployment, series(2021, 2.5, 2.6), opts({ asOfYear: 2022 }));
    expect(result.status).toBe('on_track');
    expect(result.reason).toBe('Năm 2022: 2,6%, trong mức mục tiêu ≤ 3%; dự báo năm 2025: 2,9%');
  });

  it('is never achieved before the due year: a ceiling must hold to the end', () => {
    expect(evaluateTarget(unemployment, series(2021, 1), opts({ asOfYear: 2021 })).status).toBe('on_track');
  });

  it('is at risk while under the ceiling when the trend crosses it', () => {
    const result = evaluateTarget(unemployment, series(2021, 2.5, 2.8), opts({ asOfYear: 2022 }));
    expect(result.status).toBe('at_risk');
    expect(result.reason).toBe('Năm 2022: 2,8%, trong mức mục tiêu ≤ 3%; dự báo năm 2025: 3,7%, vượt mức mục tiêu');
  });

  it('is judged by effort when over the ceiling', () => {
    // Falling 0,5 a year from 4: needs 0,33 a year to be under 3 by 2025.
    expect(evaluateTarget(unemployment, series(2021, 4.5, 4), opts({ asOfYear: 2022 })).status).toBe('on_track');
    expect(evaluateTarget(unemployment, series(2021, 3.5, 3.6), opts({ asOfYear: 2022 })).status).toBe('off_track');
  });

  it('is achieved when under it at the edge of the term, missed when over', () => {
    expect(evaluateTarget(unemployment, series(2021, 2.5, 2.6, 2.7, 2.8, 2.9), opts({ asOfYear: 2025 })).status).toBe('achieved');
    expect(evaluateTarget(unemployment, series(2021, 2.5, 2.6, 2.7, 2.8, 3.1), opts({ asOfYear: 2025 })).status).toBe('off_track');
  });

  it('holds "=" as a ceiling when lower is better', () => {
    const zero = buildTargetSpec({ comparator: '=', value: 0, unit: 'vụ' });
    expect(evaluateTarget(zero, series(2021, 0), opts({ asOfYear: 2021, direction: 'lower_better' })).status).toBe('on_track');
  });
});

describe('evaluateTarget: a share from its parts', () => {
  const share = buildTargetSpec({ comparator: '>=', value: 90, unit: '%', baselineValue: 85, baselineYear: 2020 });

  it('computes the share from numerator and denominator rather than the stored percent', () => {
    const actuals = [{ year: 2025, value: 90, numerator: 899, denominator: 1000 }];
    const result = evaluateTarget(share, actuals, opts({ asOfYear: 2025 }));
    expect(result.status).toBe('off_track');
    expect(result.reason).toBe('Năm 2025: 89,9%, không đạt mục tiêu ≥ 90%');
  });

  it('keeps a share a ratio when the unit is not a percent', () => {
    const ratio = buildTargetSpec({ comparator: '>=', value: 0.9 });
    const actuals = [{ year: 2025, value: 0, numerator: 95, denominator: 100 }];
    expect(evaluateTarget(ratio, actuals, opts({ asOfYear: 2025 })).status).toBe('achieved');
  });

  it('skips a year whose denominator is zero', () => {
    const actuals = [{ year: 2021, value: 0, numerator: 0, denominator: 0 }];
    expect(evaluateTarget(share, actuals, opts()).status).toBe('not_assessable');
  });
});

describe('evaluateTarget: inputs', () => {
  it('is not assessable for an invalid spec, with the first message', () => {
    const spec = buildTargetSpec({ comparator: 'range', valueMin: 9, valueMax: 8 });
    expect(evaluateTarget(spec, [], opts())).toMatchObject({
      status: 'not_assessable',
      reason: 'Chỉ tiêu chưa hợp lệ: Giá trị cuối phải lớn hơn hoặc bằng giá trị đầu',
    });
  });

  it('is not assessable when the due year is not after the baseline year', () => {
    const spec = { ...members, baselineYear: 2026 };
    expect(evaluateTarget(spec, [], opts()).status).toBe('not_assessable');
  });

  it('throws on a bad term, two values for one year, or a value that is not a number', () => {
    expect(() => evaluateTarget(members, [], opts({ termStartYear: 2025 }))).toThrow(RangeError);
    expect(() => evaluateTarget(members, [], opts({ asOfYear: 2024.5 }))).toThrow(RangeError);
    expect(() => evaluateTarget(members, series(2021, 1).concat(series(2021, 2)), opts())).toThrow(RangeError);
    expect(() => evaluateTarget(members, series(2021, Number.NaN), opts())).toThrow(RangeError);
    expect(() => evaluateTarget(members, [{ year: 2021, value: 1, numerator: Infinity, denominator: 1 }], opts())).toThrow(RangeError);
  });
});

describe('status labels', () => {
  it('has a Vietnamese and an English label for every status', () => {
    expect(TARGET_STATUS_LABELS.vi).toEqual({
      achieved: 'Đạt',
      on_track: 'Đúng tiến độ',
      at_risk: 'Có nguy cơ',
      off_track: 'Chậm tiến độ',
      not_assessable: 'Chưa đánh giá được',
    });
    for (const status of TARGET_STATUSES) expect(TARGET_STATUS_LABELS.en[status]).toMatch(/\w/);
  });
});

const RANK: Record<TargetStatus, number> = { achieved: 0, on_track: 1, at_risk: 2, off_track: 3, not_assessable: 4 };

describe('evaluateTarget: properties', () => {
  const asOf = fc.integer({ min: 2021, max: 2027 });

  it('gives a final verdict once the due year’s figure is in, waits for it after the term, and only then for a growth target', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 200 }), { minLength: 1, maxLength: 5 }), asOf, (tenths, asOfYear) => {
        const result = evaluateTarget(grdp, series(2021, ...tenths.map((t) => t / 10)), opts({ asOfYear }));
        const isVerdict = result.status === 'achieved' || result.status === 'off_track';
        const hasFinal = tenths.length === 5 && asOfYear >= 2025;
        if (hasFinal) expect(isVerdict).toBe(true);
        else if (asOfYear > 2025) expect(result.status).toBe('not_assessable');
        if (result.status === 'achieved') expect(hasFinal).toBe(true);
        expect(result.reason.length).toBeGreaterThan(0);
      }),
    );
  });

  it('never rates higher growth worse (growth target)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 200 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 50 }),
        asOf,
        (tenths, raise, asOfYear) => {
          const low = evaluateTarget(grdp, series(2021, ...tenths.map((t) => t / 10)), opts({ asOfYear }));
          const high = evaluateTarget(grdp, series(2021, ...tenths.map((t) => (t + raise) / 10)), opts({ asOfYear }));
          expect(RANK[high.status]).toBeLessThanOrEqual(RANK[low.status]);
        },
      ),
    );
  });

  it('never rates higher values worse (level to reach)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 150, max: 350 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 50 }),
        asOf,
        (values, raise, asOfYear) => {
          const low = evaluateTarget(members, series(2021, ...values), opts({ asOfYear }));
          const high = evaluateTarget(members, series(2021, ...values.map((v) => v + raise)), opts({ asOfYear }));
          expect(RANK[high.status]).toBeLessThanOrEqual(RANK[low.status]);
        },
      ),
    );
  });

  it('is on track or achieved when every year is exactly on the planned trajectory', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 2021, max: 2024 }),
        (base, gain, asOfYear) => {
          const spec: TargetSpec = { ...members, baselineValue: base, value: base + gain };
          const actuals = [];
          for (let y = 2021; y <= asOfYear; y++) actuals.push({ year: y, value: base + (gain * (y - 2020)) / 5 });
          expect(['on_track', 'achieved']).toContain(evaluateTarget(spec, actuals, opts({ asOfYear })).status);
        },
      ),
    );
  });
});

describe('evaluateTarget: after the term, the final year decides', () => {
  const members = buildTargetSpec({ comparator: '>=', value: 300, unit: 'đảng viên' });
  it('waits for the final year’s figure of a level instead of judging the years before it', () => {
    const waiting = evaluateTarget(members, series(2021, 250, 280, 310, 320), opts({ asOfYear: 2026 }));
    expect(waiting).toEqual({
      status: 'not_assessable',
      reason: 'Chờ số liệu năm 2025 để kết luận; đã có: Năm 2024: 320 đảng viên',
      forecast: [],
    });
    const missed = evaluateTarget(members, series(2021, 250, 280, 310, 320, 290), opts({ asOfYear: 2026 }));
    expect(missed.status).toBe('off_track');
    expect(missed.reason).toContain('Năm 2025: 290');
  });
  it('judges the due year on its progress while the year is running', () => {
    expect(evaluateTarget(members, series(2021, 250, 280, 310, 320), opts({ asOfYear: 2025 })).status).toBe('achieved');
    expect(evaluateTarget(members, series(2021, 200, 210, 220, 230), opts({ asOfYear: 2025 })).status).toBe('off_track');
  });
  it('waits even when nothing was reported', () => {
    expect(evaluateTarget(members, [], opts({ asOfYear: 2026 })).reason).toBe('Chờ số liệu năm 2025 để kết luận');
  });
});

describe('evaluateTarget: yearly targets ("hằng năm")', () => {
  const everyYear = { ...buildTargetSpec({ comparator: '=', value: 100, unit: '%' }), eachYear: true };
  it('judges each year on its own during the term', () => {
    const now = evaluateTarget(everyYear, series(2021, 100, 96, 100), opts({ asOfYear: 2023 }));
    expect(now).toEqual({
      status: 'on_track',
      reason: 'Hằng năm 100%: đạt 2/3 năm; không đạt năm 2022 (năm 2023: 100%)',
      forecast: [],
    });
    expect(evaluateTarget(everyYear, series(2021, 100, 100, 97), opts({ asOfYear: 2023 })).status).toBe('off_track');
  });
  it('gives the term’s verdict in years met once the final year is in', () => {
    const missedOne = evaluateTarget(everyYear, series(2021, 100, 96, 100, 100, 100), opts({ asOfYear: 2026 }));
    expect(missedOne).toMatchObject({ status: 'off_track', reason: 'Hằng năm 100%: đạt 4/5 năm; không đạt năm 2022' });
    const all = evaluateTarget(everyYear, series(2021, 100, 100, 100, 100, 100), opts({ asOfYear: 2025 }));
    expect(all).toMatchObject({ status: 'achieved', reason: 'Hằng năm 100%: đạt 5/5 năm' });
    // An average of 99,2% would have said nothing about the year that was missed.
    expect(
      evaluateTarget({ ...everyYear, eachYear: false, perYear: false }, series(2021, 100, 96, 100, 100, 100), opts({ asOfYear: 2026 }))
        .status,
    ).toBe('achieved');
  });
  it('waits for the final year after the term, with the years counted so far', () => {
    expect(evaluateTarget(everyYear, series(2021, 100, 100, 100, 100), opts({ asOfYear: 2026 }))).toMatchObject({
      status: 'not_assessable',
      reason: 'Chờ số liệu năm 2025 để kết luận; đã có: Hằng năm 100%: đạt 4/4 năm',
    });
  });
  it('names the years without a figure', () => {
    const holes = evaluateTarget(
      everyYear,
      [
        { year: 2021, value: 100 },
        { year: 2023, value: 100 },
        { year: 2025, value: 100 },
      ],
      opts({ asOfYear: 2025 }),
    );
    expect(holes).toMatchObject({ status: 'off_track', reason: 'Hằng năm 100%: đạt 3/5 năm; thiếu số liệu năm 2022, 2024' });
  });
});
