import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatTargetSpec, parseTargetInput, TargetInputError } from './target-input';
import { buildTargetSpec, TARGET_COMPARATORS, validateTargetSpec, type TargetStatement } from './target-spec';

function statement(fields: Partial<TargetStatement>): TargetStatement {
  return { comparator: '=', value: null, valueMin: null, valueMax: null, unit: '', perYear: false, ...fields };
}

function errorOf(valueText: string, unitText = ''): TargetInputError {
  try {
    parseTargetInput(valueText, unitText);
  } catch (error) {
    if (error instanceof TargetInputError) return error;
    throw error;
  }
  throw new Error(`"${valueText}" parsed`);
}

describe('parseTargetInput', () => {
  it.each([
    ['8,5-8,7', '%/năm', statement({ comparator: 'range', valueMin: 8.5, valueMax: 8.7, unit: '%', perYear: true })],
    ['tăng bình quân 8,5 – 8,7%/năm', '', statement({ comparator: 'range', valueMin: 8.5, valueMax: 8.7, unit: '%', perYear: true })],
    ['từ 8,5% đến 8,7%', '', statement({ comparator: 'range', valueMin: 8.5, valueMax: 8.7, unit: '%' })],
    ['1.800-2.000 đảng viên', '', statement({ comparator: 'range', valueMin: 1800, valueMax: 2000, unit: 'đảng viên' })],
    ['giảm 1-2%/năm', '', statement({ comparator: 'range', valueMin: -2, valueMax: -1, unit: '%', perYear: true })],
    ['trên 9 tỷ USD', '', statement({ comparator: '>', value: 9, unit: 'tỷ USD' })],
    ['đạt trên 9 tỉ USD', '', statement({ comparator: '>', value: 9, unit: 'tỷ USD' })],
    ['ít nhất 300', '', statement({ comparator: '>=', value: 300 })],
    ['ít nhất 300', 'đảng viên', statement({ comparator: '>=', value: 300, unit: 'đảng viên' })],
    ['từ 300 đảng viên trở lên', '', statement({ comparator: '>=', value: 300, unit: 'đảng viên' })],
    ['≥ 300', 'đảng viên', statement({ comparator: '>=', value: 300, unit: 'đảng viên' })],
    ['>=300', '', statement({ comparator: '>=', value: 300 })],
    ['chiếm trên 90%', '', statement({ comparator: '>', value: 90, unit: '%' })],
    ['100%', '', statement({ comparator: '=', value: 100, unit: '%' })],
    ['Đạt 100%.', '', statement({ comparator: '=', value: 100, unit: '%' })],
    ['100', '%', statement({ comparator: '=', value: 100, unit: '%' })],
    ['khoảng 80.000', '', statement({ comparator: 'approx', value: 80000 })],
    ['khoảng 80.000 doanh nghiệp', '', statement({ comparator: 'approx', value: 80000, unit: 'doanh nghiệp' })],
    ['~ 80.000', '', statement({ comparator: 'approx', value: 80000 })],
    ['dưới 3%', '', statement({ comparator: '<', value: 3, unit: '%' })],
    ['không quá 3%', '', statement({ comparator: '<=', value: 3, unit: '%' })],
    ['5% trở xuống', '', statement({ comparator: '<=', value: 5, unit: '%' })],
    ['≤ 3', '%', statement({ comparator: '<=', value: 3, unit: '%' })],
    ['> 1.500', 'đảng viên', statement({ comparator: '>', value: 1500, unit: 'đảng viên' })],
    ['< 2%', '', statement({ comparator: '<', value: 2, unit: '%' })],
    ['không dưới 85%', '', statement({ comparator: '>=', value: 85, unit: '%' })],
    ['không vượt quá 4%', '', statement({ comparator: '<=', value: 4, unit: '%' })],
    ['tối đa 30%', '', statement({ comparator: '<=', value: 30, unit: '%' })],
    ['giảm còn 1,5%', '', statement({ comparator: 'reduce_to', value: 1.5, unit: '%' })],
    ['giảm xuống còn 1,5%', '', statement({ comparator: 'reduce_to', value: 1.5, unit: '%' })],
    ['tăng lên 80.000 doanh nghiệp', '', statement({ comparator: 'increase_to', value: 80000, unit: 'doanh nghiệp' })],
    ['tăng 8%/năm', '', statement({ comparator: 'increase_by', value: 8, unit: '%', perYear: true })],
    ['tăng 8% mỗi năm', '', statement({ comparator: 'increase_by', value: 8, unit: '%', perYear: true })],
    ['tăng 8', '% / năm', statement({ comparator: 'increase_by', value: 8, unit: '%', perYear: true })],
    ['tăng trên 10%', '', statement({ comparator: 'increase_by', value: 10, unit: '%' })],
    ['tăng thêm 500 doanh nghiệp', '', statement({ comparator: 'increase_by', value: 500, unit: 'doanh nghiệp' })],
    ['giảm 1,5%/năm', '', statement({ comparator: 'decrease_by', value: 1.5, unit: '%', perYear: true })],
    ['300', 'đảng viên/năm', statement({ comparator: '=', value: 300, unit: 'đảng viên', perYear: true })],
    ['9 tỷ', 'USD', statement({ comparator: '=', value: 9, unit: 'tỷ USD' })],
    ['9 tỷ USD', 'tỷ USD', statement({ comparator: '=', value: 9, unit: 'tỷ USD' })],
    ['-2%/năm', '', statement({ comparator: '=', value: -2, unit: '%', perYear: true })],
  ])('reads "%s" with unit "%s"', (valueText, unitText, expected) => {
    expect(parseTargetInput(valueText, unitText)).toEqual(expected);
  });

  it('keeps the unit as typed, in NFC', () => {
    const decomposed = 'đảng viên'.normalize('NFD');
    expect(parseTargetInput(`300 ${decomposed}`).unit).toBe('đảng viên');
    expect(parseTargetInput('2 GW').unit).toBe('GW');
  });

  it('refuses a text without a number', () => {
    const error = errorOf('tăng gần gấp đôi');
    expect(error.field).toBe('value');
    expect(error.message).toBe('Không tìm thấy con số trong "tăng gần gấp đôi"');
  });

  it('refuses a word it does not know in front of the number, rather than guess', () => {
    expect(errorOf('kết nạp 300').message).toBe('Không tìm thấy con số trong "kết nạp 300"');
  });

  it('refuses a malformed number', () => {
    expect(errorOf('1,2,3%').message).toBe('Không đọc được số "1,2,3"');
  });

  it('refuses two numbers written as words and digits', () => {
    const error = errorOf('2 tỷ 365 triệu đồng');
    expect(error.field).toBe('unit');
  });

  it('refuses two units that disagree', () => {
    const error = errorOf('100%', 'đảng viên');
    expect(error.field).toBe('unit');
    expect(error.message).toContain('không khớp');
  });

  it('refuses a reversed range and a decrease of zero', () => {
    expect(errorOf('8,7-8,5%').message).toBe('Giá trị cuối phải lớn hơn hoặc bằng giá trị đầu');
    expect(errorOf('giảm 0%/năm').message).toBe('Mức giảm phải lớn hơn 0');
  });

  it('refuses a yearly average on a level to reach', () => {
    expect(errorOf('giảm còn 1,5%/năm').field).toBe('value');
  });
});

describe('formatTargetSpec', () => {
  it.each([
    [statement({ comparator: 'range', valueMin: 8.5, valueMax: 8.7, unit: '%', perYear: true }), '8,5–8,7%/năm', '8,5–8,7%/năm'],
    [statement({ comparator: '>=', value: 300, unit: 'đảng viên' }), '≥ 300 đảng viên', 'ít nhất 300 đảng viên'],
    [statement({ comparator: '>', value: 1500, unit: 'đảng viên' }), '> 1.500 đảng viên', 'trên 1.500 đảng viên'],
    [statement({ comparator: '>', value: 9, unit: 'tỷ USD' }), '> 9 tỷ USD', 'trên 9 tỷ USD'],
    [statement({ comparator: '<=', value: 3, unit: '%' }), '≤ 3%', 'tối đa 3%'],
    [statement({ comparator: '<', value: 3, unit: '%' }), '< 3%', 'dưới 3%'],
    [statement({ comparator: '=', value: 100, unit: '%' }), '100%', '100%'],
    [statement({ comparator: 'approx', value: 80000, unit: 'doanh nghiệp' }), 'khoảng 80.000 doanh nghiệp', 'khoảng 80.000 doanh nghiệp'],
    [statement({ comparator: 'reduce_to', value: 1.5, unit: '%' }), 'giảm còn 1,5%', 'giảm còn 1,5%'],
    [statement({ comparator: 'increase_to', value: 1800 }), 'tăng lên 1.800', 'tăng lên 1.800'],
    [statement({ comparator: 'increase_by', value: 8, unit: '%', perYear: true }), 'tăng 8%/năm', 'tăng 8%/năm'],
    [statement({ comparator: 'decrease_by', value: 1.5, unit: '%', perYear: true }), 'giảm 1,5%/năm', 'giảm 1,5%/năm'],
    [statement({ comparator: 'range', valueMin: -2, valueMax: -1, unit: '%', perYear: true }), 'giảm 1–2%/năm', 'giảm 1–2%/năm'],
    [statement({ comparator: '=', value: 300, perYear: true }), '300/năm', '300/năm'],
  ])('writes %j as "%s" (words: "%s")', (spec, symbolText, wordsText) => {
    expect(formatTargetSpec(spec)).toBe(symbolText);
    expect(formatTargetSpec(spec, { style: 'words' })).toBe(wordsText);
  });

  it('throws when the numbers are missing', () => {
    expect(() => formatTargetSpec(statement({ comparator: 'range', valueMin: 1 }))).toThrow(TypeError);
    expect(() => formatTargetSpec(statement({ comparator: '>=' }))).toThrow(TypeError);
  });
});

const UNITS = ['', '%', 'tỷ USD', 'đảng viên', 'doanh nghiệp', 'triệu đồng', 'km', 'lượt khách', 'm2', 'điểm %', 'USD'];

/** Numbers as resolutions write them: whole, or with up to two decimals. */
const figure = fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }).map((n) => n / 100);

const validStatement: fc.Arbitrary<TargetStatement> = fc
  .record({
    comparator: fc.constantFrom(...TARGET_COMPARATORS),
    a: figure,
    b: figure,
    unit: fc.constantFrom(...UNITS),
    perYear: fc.boolean(),
  })
  .map(({ comparator, a, b, unit, perYear }) =>
    comparator === 'range'
      ? statement({ comparator, valueMin: Math.min(a, b), valueMax: Math.max(a, b), unit, perYear })
      : statement({ comparator, value: comparator.endsWith('_by') ? Math.abs(a) : a, unit, perYear }),
  )
  .filter((s) => {
    // Baselines are not part of the text; give one so only the statement is checked.
    const errors = validateTargetSpec(buildTargetSpec({ ...s, baselineValue: 1, baselineYear: 2020 }));
    return Object.keys(errors).length === 0;
  });

describe('format then parse', () => {
  it('returns the same statement, in either style', () => {
    fc.assert(
      fc.property(validStatement, fc.constantFrom('symbol' as const, 'words' as const), (spec, style) => {
        expect(parseTargetInput(formatTargetSpec(spec, { style }))).toEqual(spec);
      }),
      { numRuns: 500 },
    );
  });

  it('returns the same statement when the unit is typed in its own box', () => {
    fc.assert(
      fc.property(
        validStatement.filter((s) => s.unit !== '' && !s.perYear && s.comparator === '='),
        (spec) => {
          const text = formatTargetSpec({ ...spec, unit: '' });
          expect(parseTargetInput(text, spec.unit)).toEqual(spec);
        },
      ),
    );
  });
});
