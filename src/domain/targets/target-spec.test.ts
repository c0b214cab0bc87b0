import { describe, expect, it } from 'vitest';
import { buildTargetSpec, defaultDirection, isGrowthRateSpec, isValidTargetSpec, validateTargetSpec } from './target-spec';

describe('validateTargetSpec', () => {
  it('accepts the GRDP growth range of Bình Dương XI', () => {
    const spec = buildTargetSpec({ comparator: 'range', valueMin: 8.5, valueMax: 8.7, unit: '%', perYear: true });
    expect(validateTargetSpec(spec)).toEqual({});
    expect(isValidTargetSpec(spec)).toBe(true);
  });

  it('accepts a level with a baseline, a due year and a yearly path', () => {
    const spec = buildTargetSpec({
      comparator: '>=',
      value: 300,
      unit: 'đảng viên',
      byYear: 2025,
      baselineValue: 200,
      baselineYear: 2020,
      yearlyPath: [
        { year: 2022, value: 240 },
        { year: 2024, value: 280 },
      ],
    });
    expect(validateTargetSpec(spec)).toEqual({});
  });

  it('asks for min <= max in a range, on the max field', () => {
    const errors = validateTargetSpec(buildTargetSpec({ comparator: 'range', valueMin: 8.7, valueMax: 8.5 }));
    expect(errors.valueMax).toBe('Giá trị cuối phải lớn hơn hoặc bằng giá trị đầu');
  });

  it('accepts a range of one value', () => {
    expect(validateTargetSpec(buildTargetSpec({ comparator: 'range', valueMin: 5, valueMax: 5 }))).toEqual({});
  });

  it('asks for both ends of a range and refuses a single value beside them', () => {
    const errors = validateTargetSpec(buildTargetSpec({ comparator: 'range', value: 3 }));
    expect(errors.valueMin).toBeDefined();
    expect(errors.valueMax).toBeDefined();
    expect(errors.value).toBe('Chỉ tiêu dạng khoảng không dùng giá trị đơn');
  });

  it('asks for a value on every other comparator and refuses range ends', () => {
    expect(validateTargetSpec(buildTargetSpec({ comparator: '>=' })).value).toBe('Cần nhập giá trị chỉ tiêu');
    expect(validateTargetSpec(buildTargetSpec({ comparator: '=', value: Number.NaN })).value).toBeDefined();
    expect(validateTargetSpec(buildTargetSpec({ value: 1, valueMin: 0 })).valueMin).toBeDefined();
  });

  it('refuses an increase or decrease of zero or less', () => {
    const inc = buildTargetSpec({ comparator: 'increase_by', value: 0, perYear: true, unit: '%' });
    const dec = buildTargetSpec({ comparator: 'decrease_by', value: -1, perYear: true, unit: '%' });
    expect(validateTargetSpec(inc).value).toBe('Mức tăng phải lớn hơn 0');
    expect(validateTargetSpec(dec).value).toBe('Mức giảm phải lớn hơn 0');
  });

  it('refuses a relative decrease of 100% or more', () => {
    const spec = buildTargetSpec({ comparator: 'decrease_by', value: 100, unit: '%', baselineValue: 5, baselineYear: 2020 });
    expect(validateTargetSpec(spec).value).toBe('Không thể giảm từ 100% trở lên');
  });

  it('asks for a baseline when an increase is not a yearly average', () => {
    const spec = buildTargetSpec({ comparator: 'increase_by', value: 10, unit: '%' });
    expect(validateTargetSpec(spec).baselineValue).toBe('Cần giá trị gốc để tính mức tăng, giảm');
    expect(validateTargetSpec({ ...spec, perYear: true })).toEqual({});
  });

  it('asks for the baseline value and year together', () => {
    expect(validateTargetSpec(buildTargetSpec({ value: 1, baselineYear: 2020 })).baselineValue).toBeDefined();
    expect(validateTargetSpec(buildTargetSpec({ value: 1, baselineValue: 3 })).baselineYear).toBeDefined();
  });

  it('refuses a baseline year at or after the due year, and implausible years', () => {
    const late = buildTargetSpec({ value: 1, baselineValue: 1, baselineYear: 2025, byYear: 2025 });
    expect(validateTargetSpec(late).baselineYear).toBe('Năm gốc phải trước năm cần đạt');
    expect(validateTargetSpec(buildTargetSpec({ value: 1, byYear: 225 })).byYear).toBeDefined();
    expect(validateTargetSpec(buildTargetSpec({ value: 1, byYear: 2025.5 })).byYear).toBeDefined();
  });

  it('refuses a yearly average on "giảm còn" and "tăng lên"', () => {
    expect(validateTargetSpec(buildTargetSpec({ comparator: 'reduce_to', value: 1, perYear: true })).perYear).toBeDefined();
    expect(validateTargetSpec(buildTargetSpec({ comparator: 'increase_to', value: 1, perYear: true })).perYear).toBeDefined();
  });

  it('keeps "/năm" out of the unit', () => {
    expect(validateTargetSpec(buildTargetSpec({ value: 8, unit: '%/năm' })).unit).toBeDefined();
    expect(validateTargetSpec(buildTargetSpec({ value: 8, unit: 'x'.repeat(51) })).unit).toBeDefined();
  });

  it('refuses an unknown comparator', () => {
    const spec = { ...buildTargetSpec({ value: 1 }), comparator: '>>' as never };
    expect(validateTargetSpec(spec)).toEqual({ comparator: 'Cách so sánh không hợp lệ' });
  });

  it.each([
    [
      [
        { year: 2023, value: 1 },
        { year: 2022, value: 2 },
      ],
      'Các năm trong lộ trình phải tăng dần, không lặp lại',
    ],
    [
      [
        { year: 2022, value: 1 },
        { year: 2022, value: 2 },
      ],
      'Các năm trong lộ trình phải tăng dần, không lặp lại',
    ],
    [[{ year: 2020, value: 1 }], 'Lộ trình phải bắt đầu sau năm gốc'],
    [[{ year: 2026, value: 1 }], 'Lộ trình không được vượt quá năm cần đạt'],
    [[{ year: 2022, value: Number.POSITIVE_INFINITY }], 'Giá trị năm 2022 không hợp lệ'],
    [[], 'Lộ trình cần ít nhất một năm'],
  ])('checks the yearly path %j', (yearlyPath, message) => {
    const spec = buildTargetSpec({ value: 5, byYear: 2025, baselineValue: 0, baselineYear: 2020, yearlyPath });
    expect(validateTargetSpec(spec).yearlyPath).toBe(message);
  });

  it('refuses a yearly path on a yearly average', () => {
    const spec = buildTargetSpec({ value: 5, unit: '%', perYear: true, yearlyPath: [{ year: 2022, value: 5 }] });
    expect(validateTargetSpec(spec).yearlyPath).toBeDefined();
  });
});

describe('defaultDirection', () => {
  it.each([
    ['<=', 'lower_better'],
    ['reduce_to', 'lower_better'],
    ['decrease_by', 'lower_better'],
    ['>=', 'higher_better'],
    ['range', 'higher_better'],
    ['=', 'higher_better'],
    ['approx', 'higher_better'],
    ['increase_by', 'higher_better'],
    ['increase_to', 'higher_better'],
  ] as const)('reads %s as %s', (comparator, direction) => {
    expect(defaultDirection(comparator)).toBe(direction);
  });
});

describe('isGrowthRateSpec', () => {
  it('is true only for a yearly average in percent', () => {
    expect(isGrowthRateSpec({ perYear: true, unit: '%' })).toBe(true);
    expect(isGrowthRateSpec({ perYear: true, unit: 'đảng viên' })).toBe(false);
    expect(isGrowthRateSpec({ perYear: false, unit: '%' })).toBe(false);
  });
});
