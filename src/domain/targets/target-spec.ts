/**
 * The statement of a target (chỉ tiêu) as a resolution writes it: "GRDP tăng bình quân
 * 8,5–8,7%/năm", "có ít nhất 300 đảng viên", "tỷ lệ hộ nghèo giảm còn 1,5%". The indicator it
 * measures (its name, direction, aggregation) lives beside it; this file only knows the numbers.
 */

/**
 * How the value is compared: `range` uses valueMin..valueMax, every other one uses value.
 * `>` ("trên 1.500") and `>=` ("ít nhất 1.500") are different promises, as are `<` ("dưới 3%")
 * and `<=` ("không quá 3%"): a target keeps the one its text wrote.
 */
export type TargetComparator =
  '=' | '>' | '>=' | '<' | '<=' | 'range' | 'approx' | 'increase_by' | 'decrease_by' | 'reduce_to' | 'increase_to';

/** Every comparator, in the order a form lists them. */
export const TARGET_COMPARATORS: readonly TargetComparator[] = [
  '=',
  '>',
  '>=',
  '<',
  '<=',
  'range',
  'approx',
  'increase_by',
  'decrease_by',
  'reduce_to',
  'increase_to',
];

/** One planned value on the way to a target ("lộ trình": 2022 → 120, 2023 → 150 …). */
export type YearValue = { year: number; value: number };

/**
 * A target's statement.
 * - `perYear`: the value is a yearly average ("bình quân/năm"). With unit `%` it is a growth
 *   rate averaged geometrically; with any other unit a yearly amount averaged arithmetically.
 * - `increase_by` / `decrease_by` without `perYear` are relative to `baselineValue`: with unit
 *   `%` a relative change (tăng 10% = × 1,1), with any other unit an absolute one. Write a
 *   change in percentage points with the unit "điểm %" so it is read as absolute.
 * - `byYear` is the due year; null means the end of the term.
 */
export type TargetSpec = {
  comparator: TargetComparator;
  value: number | null;
  valueMin: number | null;
  valueMax: number | null;
  unit: string;
  perYear: boolean;
  byYear: number | null;
  baselineValue: number | null;
  baselineYear: number | null;
  yearlyPath: YearValue[] | null;
  /**
   * A yearly target ("hằng năm 100% …"): each year is judged on its own against the value, and
   * the term's verdict counts the years it was met. Not an average: see `perYear`.
   */
  eachYear?: boolean;
};

/** The part of a spec that its text carries: what a user types in the value and unit boxes. */
export type TargetStatement = Pick<TargetSpec, 'comparator' | 'value' | 'valueMin' | 'valueMax' | 'unit' | 'perYear'>;

/** Which way an indicator improves: GRDP is higher_better, the poverty rate lower_better. */
export type IndicatorDirection = 'higher_better' | 'lower_better';

/**
 * How an indicator's values combine up the org tree: `sum` adds (members admitted), `rate`
 * recomputes from numerators and denominators (share of cells graded good), `average` takes a
 * weighted mean (average score), `none` is not combined (a province's GRDP growth).
 */
export type Aggregation = 'sum' | 'rate' | 'average' | 'none';

/** Field-keyed Vietnamese error messages; an empty object means the spec is valid. */
export type TargetSpecErrors = Partial<Record<keyof TargetSpec, string>>;

/** Years outside this window are typing mistakes, not plans (the Party's terms are 5 years). */
const MIN_YEAR = 1945;
const MAX_YEAR = 2100;
const MAX_UNIT_LENGTH = 50;

/**
 * Builds a spec from the fields given, with the rest empty (`=`, no value, no unit, no baseline).
 * Never throws; validate the result with {@link validateTargetSpec}.
 */
export function buildTargetSpec(fields: Partial<TargetSpec> = {}): TargetSpec {
  return {
    comparator: '=',
    value: null,
    valueMin: null,
    valueMax: null,
    unit: '',
    perYear: false,
    byYear: null,
    baselineValue: null,
    baselineYear: null,
    yearlyPath: null,
    ...fields,
  };
}

/**
 * The direction a comparator implies when the indicator does not say otherwise: ceilings and
 * reductions are lower_better, everything else higher_better.
 */
export function defaultDirection(comparator: TargetComparator): IndicatorDirection {
  return comparator === '<=' || comparator === '<' || comparator === 'reduce_to' || comparator === 'decrease_by'
    ? 'lower_better'
    : 'higher_better';
}

/** True when a perYear target averages growth rates (unit `%`) rather than yearly amounts. */
export function isGrowthRateSpec(spec: Pick<TargetSpec, 'perYear' | 'unit'>): boolean {
  return spec.perYear && spec.unit.trim() === '%';
}

function isYear(n: number): boolean {
  return Number.isInteger(n) && n >= MIN_YEAR && n <= MAX_YEAR;
}

/**
 * Checks a spec and returns Vietnamese messages keyed by the field to highlight in the form.
 * Returns an empty object when the spec is valid; never throws.
 */
export function validateTargetSpec(spec: TargetSpec): TargetSpecErrors {
  const errors: TargetSpecErrors = {};
  const c = spec.comparator;

  if (!TARGET_COMPARATORS.includes(c)) {
    errors.comparator = 'Cách so sánh không hợp lệ';
    return errors;
  }

  if (c === 'range') {
    if (spec.valueMin === null || !Number.isFinite(spec.valueMin)) {
      errors.valueMin = 'Cần nhập giá trị đầu của khoảng';
    }
    if (spec.valueMax === null || !Number.isFinite(spec.valueMax)) {
      errors.valueMax = 'Cần nhập giá trị cuối của khoảng';
    }
    if (
      spec.valueMin !== null &&
      spec.valueMax !== null &&
      Number.isFinite(spec.valueMin) &&
      Number.isFinite(spec.valueMax) &&
      spec.valueMin > spec.valueMax
    ) {
      errors.valueMax = 'Giá trị cuối phải lớn hơn hoặc bằng giá trị đầu';
    }
    // One statement, one shape: a range keeps its numbers in min/max only, so that two equal
    // targets never compare different.
    if (spec.value !== null) errors.value = 'Chỉ tiêu dạng khoảng không dùng giá trị đơn';
  } else {
    if (spec.value === null || !Number.isFinite(spec.value)) {
      errors.value = 'Cần nhập giá trị chỉ tiêu';
    } else if ((c === 'increase_by' || c === 'decrease_by') && spec.value <= 0) {
      errors.value = c === 'increase_by' ? 'Mức tăng phải lớn hơn 0' : 'Mức giảm phải lớn hơn 0';
    } else if (c === 'decrease_by' && !spec.perYear && spec.unit.trim() === '%' && spec.value >= 100) {
      errors.value = 'Không thể giảm từ 100% trở lên';
    }
    if (spec.valueMin !== null || spec.valueMax !== null) {
      errors.valueMin = 'Chỉ chỉ tiêu dạng khoảng mới dùng giá trị đầu và cuối';
    }
  }

  const unit = spec.unit.trim();
  if (unit.length > MAX_UNIT_LENGTH) {
    errors.unit = `Đơn vị tính dài quá ${MAX_UNIT_LENGTH} ký tự`;
  } else if (/\/\s*năm/iu.test(unit)) {
    errors.unit = 'Ghi "/năm" bằng ô "bình quân/năm", không ghi trong đơn vị tính';
  }

  if (spec.perYear && (c === 'reduce_to' || c === 'increase_to')) {
    errors.perYear = 'Chỉ tiêu "giảm còn", "tăng lên" là một mức cần đạt, không tính bình quân/năm';
  }

  if (spec.byYear !== null && !isYear(spec.byYear)) {
    errors.byYear = 'Năm cần đạt không hợp lệ';
  }

  if (spec.baselineYear !== null && !isYear(spec.baselineYear)) {
    errors.baselineYear = 'Năm gốc không hợp lệ';
  } else if (spec.baselineYear !== null && spec.byYear !== null && spec.baselineYear >= spec.byYear) {
    errors.baselineYear = 'Năm gốc phải trước năm cần đạt';
  }
  if (spec.baselineValue !== null && !Number.isFinite(spec.baselineValue)) {
    errors.baselineValue = 'Giá trị gốc không hợp lệ';
  }
  if ((spec.baselineValue === null) !== (spec.baselineYear === null)) {
    if (spec.baselineValue === null) errors.baselineValue = 'Cần nhập giá trị gốc cho năm gốc';
    else errors.baselineYear = 'Cần nhập năm của giá trị gốc';
  }
  // "Tăng 10%" says nothing until we know from what.
  if ((c === 'increase_by' || c === 'decrease_by') && !spec.perYear && spec.baselineValue === null && errors.baselineValue === undefined) {
    errors.baselineValue = 'Cần giá trị gốc để tính mức tăng, giảm';
  }

  if (spec.yearlyPath !== null) {
    const pathError = validateYearlyPath(spec);
    if (pathError !== null) errors.yearlyPath = pathError;
  }

  return errors;
}

function validateYearlyPath(spec: TargetSpec): string | null {
  const path = spec.yearlyPath ?? [];
  if (spec.perYear) return 'Chỉ tiêu bình quân/năm không có lộ trình theo năm';
  if (path.length === 0) return 'Lộ trình cần ít nhất một năm';
  let previous: number | null = null;
  for (const point of path) {
    if (!isYear(point.year)) return `Năm ${point.year} trong lộ trình không hợp lệ`;
    if (!Number.isFinite(point.value)) return `Giá trị năm ${point.year} không hợp lệ`;
    if (previous !== null && point.year <= previous) {
      return 'Các năm trong lộ trình phải tăng dần, không lặp lại';
    }
    if (spec.baselineYear !== null && point.year <= spec.baselineYear) {
      return 'Lộ trình phải bắt đầu sau năm gốc';
    }
    if (spec.byYear !== null && point.year > spec.byYear) {
      return 'Lộ trình không được vượt quá năm cần đạt';
    }
    previous = point.year;
  }
  return null;
}

/** True when {@link validateTargetSpec} finds nothing wrong. */
export function isValidTargetSpec(spec: TargetSpec): boolean {
  return Object.keys(validateTargetSpec(spec)).length === 0;
}
