/**
 * Reporting periods (kỳ báo cáo): months, quarters, half-years, years, and the term's two
 * reviews, sơ kết giữa nhiệm kỳ and tổng kết nhiệm kỳ. Dates are calendar dates written
 * 'YYYY-MM-DD' with an inclusive end: a period is a span of days in Vietnam, not of instants,
 * so no time zone can shift it.
 */

export type PeriodType = 'month' | 'quarter' | 'half_year' | 'year' | 'midterm' | 'final';

/** Every period type, shortest first. */
export const PERIOD_TYPES: readonly PeriodType[] = ['month', 'quarter', 'half_year', 'year', 'midterm', 'final'];

/**
 * A reporting period. `key` is stable and sortable within a type: '2024-M07', '2024-Q3',
 * '2024-H1', '2024', 'midterm', 'final'. `index` is the month (1–12), quarter (1–4) or half
 * (1–2); `year` and `index` are null for the reviews, whose span comes from the term.
 */
export type Period = {
  type: PeriodType;
  key: string;
  year: number | null;
  index: number | null;
  start: string;
  end: string;
};

/** The reviews' words; each period's full label comes from {@link periodLabel}. */
export const PERIOD_TYPE_LABELS: Readonly<Record<'vi' | 'en', Readonly<Record<PeriodType, string>>>> = {
  vi: {
    month: 'Tháng',
    quarter: 'Quý',
    half_year: '6 tháng',
    year: 'Năm',
    midterm: 'Sơ kết giữa nhiệm kỳ',
    final: 'Tổng kết nhiệm kỳ',
  },
  en: {
    month: 'Month',
    quarter: 'Quarter',
    half_year: 'Half-year',
    year: 'Year',
    midterm: 'Mid-term review',
    final: 'End-of-term review',
  },
};

const ROMAN = ['I', 'II', 'III', 'IV'] as const;
const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
const PER_YEAR: Record<'month' | 'quarter' | 'half_year' | 'year', number> = {
  month: 12,
  quarter: 4,
  half_year: 2,
  year: 1,
};

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function isoDate(year: number, month: number, day: number): string {
  const d = new Date(Date.UTC(year, month - 1, day));
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseIsoDate(date: string): { year: number; month: number; day: number } {
  const m = ISO_DATE.exec(date);
  const year = Number(m?.[1]);
  const month = Number(m?.[2]);
  const day = Number(m?.[3]);
  if (m === null || isoDate(year, month, day) !== date) {
    throw new RangeError(`"${date}" is not a date written YYYY-MM-DD`);
  }
  return { year, month, day };
}

/** Adds whole days to an ISO date (negative to go back). Throws RangeError on a malformed date. */
export function addDays(date: string, days: number): string {
  const { year, month, day } = parseIsoDate(date);
  return isoDate(year, month, day + days);
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`${year} is not a year`);
}

/**
 * The calendar years a term's reports cover: from the year after the one it is named from,
 * to its last. Congresses meet in the last months of a term's first year (Bình Dương's XI
 * congress: October 2020) and the term carries the five-year plan that follows, so the
 * 2020–2025 term reports on 2021 to 2025, the same years its growth targets average over.
 * Throws RangeError unless both are years and start < end.
 */
export function termReportingYears(termStartYear: number, termEndYear: number): { first: number; last: number } {
  assertYear(termStartYear);
  assertYear(termEndYear);
  if (termStartYear >= termEndYear) throw new RangeError('A term must start before it ends');
  return { first: termStartYear + 1, last: termEndYear };
}

/**
 * The period of a type, year and index (month 1–12, quarter 1–4, half 1–2; ignored for a year).
 * Throws RangeError for a review type (use {@link termReview}), a bad year or an index out
 * of range.
 */
export function calendarPeriod(type: 'month' | 'quarter' | 'half_year' | 'year', year: number, index = 1): Period {
  assertYear(year);
  const count = PER_YEAR[type];
  if (!Number.isInteger(index) || index < 1 || index > count) {
    throw new RangeError(`${type} ${index} does not exist`);
  }
  const months = 12 / count;
  const firstMonth = (index - 1) * months + 1;
  const start = isoDate(year, firstMonth, 1);
  // Day 0 of the next month is the last day of this one.
  const end = isoDate(year, firstMonth + months, 0);
  switch (type) {
    case 'month':
      return { type, key: `${year}-M${pad(index, 2)}`, year, index, start, end };
    case 'quarter':
      return { type, key: `${year}-Q${index}`, year, index, start, end };
    case 'half_year':
      return { type, key: `${year}-H${index}`, year, index, start, end };
    case 'year':
      return { type, key: `${year}`, year, index: null, start, end };
  }
}

/**
 * The mid-term or end-of-term review of a term. The end-of-term review covers every reporting
 * year; the mid-term one the first half of them, to the month: 2021–2025 gives 01/01/2021 to
 * 30/06/2023, as mid-term reviews held in mid-2023 report.
 * Throws RangeError as {@link termReportingYears} does.
 */
export function termReview(type: 'midterm' | 'final', termStartYear: number, termEndYear: number): Period {
  const { first, last } = termReportingYears(termStartYear, termEndYear);
  const start = isoDate(first, 1, 1);
  if (type === 'final') return { type, key: 'final', year: null, index: null, start, end: isoDate(last, 12, 31) };
  const halfMonths = Math.floor(((last - first + 1) * 12) / 2);
  return { type, key: 'midterm', year: null, index: null, start, end: isoDate(first, 1 + halfMonths, 0) };
}

/**
 * Every period of a type in a term, in order: for 2020–2025, 'year' gives 2021 … 2025,
 * 'quarter' gives 2021-Q1 … 2025-Q4, and each review gives its one period.
 * Throws RangeError as {@link termReportingYears} does.
 */
export function periodsOfTerm(type: PeriodType, termStartYear: number, termEndYear: number): Period[] {
  if (type === 'midterm' || type === 'final') return [termReview(type, termStartYear, termEndYear)];
  const { first, last } = termReportingYears(termStartYear, termEndYear);
  const periods: Period[] = [];
  for (let year = first; year <= last; year++) {
    for (let index = 1; index <= PER_YEAR[type]; index++) periods.push(calendarPeriod(type, year, index));
  }
  return periods;
}

const KEY = /^(\d{4})(?:-(M)(0[1-9]|1[0-2])|-(Q)([1-4])|-(H)([12]))?$/;

/**
 * Reads a period key back into its period. 'midterm' and 'final' need the term.
 * Throws RangeError for an unknown key, or a review key without a term.
 */
export function parsePeriodKey(key: string, term?: { startYear: number; endYear: number }): Period {
  if (key === 'midterm' || key === 'final') {
    if (term === undefined) throw new RangeError(`The period "${key}" needs its term`);
    return termReview(key, term.startYear, term.endYear);
  }
  const m = KEY.exec(key);
  if (m === null) throw new RangeError(`"${key}" is not a period key`);
  const year = Number(m[1]);
  if (m[2] === 'M') return calendarPeriod('month', year, Number(m[3]));
  if (m[4] === 'Q') return calendarPeriod('quarter', year, Number(m[5]));
  if (m[6] === 'H') return calendarPeriod('half_year', year, Number(m[7]));
  return calendarPeriod('year', year);
}

/**
 * The calendar period of a type that contains a date ('YYYY-MM-DD').
 * Throws RangeError on a malformed date.
 */
export function periodContaining(type: 'month' | 'quarter' | 'half_year' | 'year', date: string): Period {
  const { year, month } = parseIsoDate(date);
  const months = 12 / PER_YEAR[type];
  return calendarPeriod(type, year, Math.floor((month - 1) / months) + 1);
}

/**
 * When an org's report for a period is due, as 'YYYY-MM-DD':
 *   period end + dueDays − depth × levelOffsetDays.
 * `dueDays` is the top org's allowance after the period ends; `depth` counts the levels below
 * that org (the province 0, a commune committee 1, its cells 2). Each level down is due
 * `levelOffsetDays` earlier, so that every level has its children's reports in hand before
 * writing its own: with 15 and 5, a province's yearly report is due 15/01, its communes'
 * 10/01, their cells' 05/01. A negative result is allowed (monthly reports are often sent
 * around the 20th with estimates for the rest of the month), but never before the period
 * starts, when there is nothing to report.
 * Throws RangeError unless dueDays is a whole number and levelOffsetDays and depth are whole
 * numbers ≥ 0.
 */
export function dueDate(period: Period, dueDays: number, levelOffsetDays: number, depth = 0): string {
  if (!Number.isInteger(dueDays)) throw new RangeError('dueDays must be a whole number of days');
  if (!Number.isInteger(levelOffsetDays) || levelOffsetDays < 0) {
    throw new RangeError('levelOffsetDays must be a whole number ≥ 0');
  }
  if (!Number.isInteger(depth) || depth < 0) throw new RangeError('depth must be a whole number ≥ 0');
  const due = addDays(period.end, dueDays - depth * levelOffsetDays);
  // ISO dates compare as strings.
  return due < period.start ? period.start : due;
}

/**
 * The period's label: "Tháng 7/2024", "Quý III/2024", "6 tháng đầu năm 2024", "Năm 2024",
 * "Sơ kết giữa nhiệm kỳ", "Tổng kết nhiệm kỳ"; in English "July 2024", "Q3 2024",
 * "First half of 2024", "Year 2024", "Mid-term review", "End-of-term review". Never throws.
 */
export function periodLabel(period: Period, lang: 'vi' | 'en' = 'vi'): string {
  const { year, index } = period;
  const vi = lang === 'vi';
  switch (period.type) {
    case 'month':
      return vi ? `Tháng ${index ?? ''}/${year ?? ''}` : `${EN_MONTHS[(index ?? 1) - 1] ?? ''} ${year ?? ''}`;
    case 'quarter':
      return vi ? `Quý ${ROMAN[(index ?? 1) - 1] ?? ''}/${year ?? ''}` : `Q${index ?? ''} ${year ?? ''}`;
    case 'half_year':
      if (index === 1) return vi ? `6 tháng đầu năm ${year ?? ''}` : `First half of ${year ?? ''}`;
      return vi ? `6 tháng cuối năm ${year ?? ''}` : `Second half of ${year ?? ''}`;
    case 'year':
      return vi ? `Năm ${year ?? ''}` : `Year ${year ?? ''}`;
    case 'midterm':
    case 'final':
      return PERIOD_TYPE_LABELS[lang][period.type];
  }
}

/**
 * A period key as people read it, the one formatter for screens, Word and Excel: `2025-Q1` →
 * "Quý I/2025", `2024` → "Năm 2024", `2024-H1` → "6 tháng đầu năm 2024", the reviews by their
 * names ("Sơ kết giữa nhiệm kỳ"). An empty key gives "—"; a key the rule does not know is shown
 * as it is. Never throws.
 */
export function periodKeyLabel(key: string | null | undefined, lang: 'vi' | 'en' = 'vi'): string {
  if (!key) return '—';
  if (key === 'midterm' || key === 'final') return PERIOD_TYPE_LABELS[lang][key];
  try {
    return periodLabel(parsePeriodKey(key), lang);
  } catch {
    return key;
  }
}
