import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  calendarPeriod,
  dueDate,
  parsePeriodKey,
  periodContaining,
  periodKeyLabel,
  periodLabel,
  periodsOfTerm,
  PERIOD_TYPES,
  termReportingYears,
  termReview,
} from './periods';

describe('periodsOfTerm', () => {
  it('lists the years 2021 to 2025 for the 2020–2025 term', () => {
    expect(periodsOfTerm('year', 2020, 2025).map((p) => p.key)).toEqual(['2021', '2022', '2023', '2024', '2025']);
    expect(termReportingYears(2020, 2025)).toEqual({ first: 2021, last: 2025 });
  });

  it('lists quarters, half-years and months in order', () => {
    const quarters = periodsOfTerm('quarter', 2020, 2025);
    expect(quarters).toHaveLength(20);
    expect(quarters[0]).toEqual({ type: 'quarter', key: '2021-Q1', year: 2021, index: 1, start: '2021-01-01', end: '2021-03-31' });
    expect(quarters[19]?.key).toBe('2025-Q4');
    expect(
      periodsOfTerm('half_year', 2020, 2025)
        .slice(0, 2)
        .map((p) => [p.key, p.start, p.end]),
    ).toEqual([
      ['2021-H1', '2021-01-01', '2021-06-30'],
      ['2021-H2', '2021-07-01', '2021-12-31'],
    ]);
    const months = periodsOfTerm('month', 2020, 2025);
    expect(months).toHaveLength(60);
    expect(months[1]).toMatchObject({ key: '2021-M02', start: '2021-02-01', end: '2021-02-28' });
  });

  it('gives each review one period spanning its part of the term', () => {
    expect(periodsOfTerm('midterm', 2020, 2025)).toEqual([
      { type: 'midterm', key: 'midterm', year: null, index: null, start: '2021-01-01', end: '2023-06-30' },
    ]);
    expect(periodsOfTerm('final', 2020, 2025)).toEqual([
      { type: 'final', key: 'final', year: null, index: null, start: '2021-01-01', end: '2025-12-31' },
    ]);
    expect(termReview('midterm', 2025, 2030).end).toBe('2028-06-30');
    expect(termReview('midterm', 2020, 2024).end).toBe('2022-12-31');
  });

  it('throws for a term that does not start before it ends', () => {
    expect(() => periodsOfTerm('year', 2025, 2025)).toThrow(RangeError);
    expect(() => periodsOfTerm('final', 2025.5, 2030)).toThrow(RangeError);
  });
});

describe('calendar periods', () => {
  it('knows leap years', () => {
    expect(calendarPeriod('month', 2024, 2).end).toBe('2024-02-29');
    expect(calendarPeriod('quarter', 2024, 1).end).toBe('2024-03-31');
  });

  it('throws for an index out of range', () => {
    expect(() => calendarPeriod('quarter', 2024, 5)).toThrow(RangeError);
    expect(() => calendarPeriod('month', 2024, 0)).toThrow(RangeError);
    expect(() => calendarPeriod('half_year', 2024, 1.5)).toThrow(RangeError);
  });

  it('finds the period that contains a date', () => {
    expect(periodContaining('quarter', '2024-08-15').key).toBe('2024-Q3');
    expect(periodContaining('half_year', '2024-06-30').key).toBe('2024-H1');
    expect(periodContaining('month', '2024-07-01').key).toBe('2024-M07');
    expect(periodContaining('year', '2024-12-31').key).toBe('2024');
    expect(() => periodContaining('year', '2024-02-30')).toThrow(RangeError);
    expect(() => periodContaining('year', '15/10/2020')).toThrow(RangeError);
  });
});

describe('parsePeriodKey', () => {
  it.each(['2024-Q3', '2024-H1', '2024-M07', '2024'])('reads %s back', (key) => {
    expect(parsePeriodKey(key).key).toBe(key);
  });

  it('reads the reviews with their term', () => {
    expect(parsePeriodKey('midterm', { startYear: 2020, endYear: 2025 }).end).toBe('2023-06-30');
    expect(() => parsePeriodKey('final')).toThrow(RangeError);
  });

  it.each(['2024-Q5', '2024-M13', '2024-M7', '2024-H3', '24', 'Q3-2024', ''])('refuses %s', (key) => {
    expect(() => parsePeriodKey(key)).toThrow(RangeError);
  });

  it('reads back the key of every period of a term', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PERIOD_TYPES),
        fc.integer({ min: 1990, max: 2090 }),
        fc.integer({ min: 1, max: 10 }),
        (type, start, length) => {
          const term = { startYear: start, endYear: start + length };
          for (const period of periodsOfTerm(type, term.startYear, term.endYear)) {
            expect(parsePeriodKey(period.key, term)).toEqual(period);
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('periods tile the term', () => {
  it('leaves no gap and no overlap between consecutive periods', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('month' as const, 'quarter' as const, 'half_year' as const, 'year' as const),
        fc.integer({ min: 1990, max: 2090 }),
        (type, start) => {
          const periods = periodsOfTerm(type, start, start + 5);
          expect(periods[0]?.start).toBe(`${start + 1}-01-01`);
          expect(periods[periods.length - 1]?.end).toBe(`${start + 5}-12-31`);
          for (let i = 1; i < periods.length; i++) {
            expect(periods[i]?.start).toBe(addDays(periods[i - 1]?.end ?? '', 1));
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('dueDate', () => {
  const year2024 = calendarPeriod('year', 2024);

  it('makes each level below due earlier by the offset', () => {
    expect(dueDate(year2024, 15, 5)).toBe('2025-01-15');
    expect(dueDate(year2024, 15, 5, 1)).toBe('2025-01-10');
    expect(dueDate(year2024, 15, 5, 2)).toBe('2025-01-05');
  });

  it('allows a report due before the period ends, but not before it starts', () => {
    const july = calendarPeriod('month', 2024, 7);
    expect(dueDate(july, -11, 0)).toBe('2024-07-20');
    expect(dueDate(july, 0, 20, 3)).toBe('2024-07-01');
  });

  it('never makes a lower level due after a higher one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -30, max: 60 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 6 }),
        (days, offset, depth) => {
          expect(dueDate(year2024, days, offset, depth + 1) <= dueDate(year2024, days, offset, depth)).toBe(true);
        },
      ),
    );
  });

  it('throws for fractional days or a negative offset or depth', () => {
    expect(() => dueDate(year2024, 1.5, 0)).toThrow(RangeError);
    expect(() => dueDate(year2024, 10, -1)).toThrow(RangeError);
    expect(() => dueDate(year2024, 10, 1, -1)).toThrow(RangeError);
  });
});

describe('periodLabel', () => {
  it.each([
    ['2024-M07', 'Tháng 7/2024', 'July 2024'],
    ['2024-Q3', 'Quý III/2024', 'Q3 2024'],
    ['2024-Q4', 'Quý IV/2024', 'Q4 2024'],
    ['2024-H1', '6 tháng đầu năm 2024', 'First half of 2024'],
    ['2024-H2', '6 tháng cuối năm 2024', 'Second half of 2024'],
    ['2024', 'Năm 2024', 'Year 2024'],
    ['midterm', 'Sơ kết giữa nhiệm kỳ', 'Mid-term review'],
    ['final', 'Tổng kết nhiệm kỳ', 'End-of-term review'],
  ])('labels %s as "%s" and "%s"', (key, vi, en) => {
    const period = parsePeriodKey(key, { startYear: 2020, endYear: 2025 });
    expect(periodLabel(period)).toBe(vi);
    expect(periodLabel(period, 'en')).toBe(en);
  });
});

describe('periodKeyLabel', () => {
  it('reads every kind of key as people write it, in both languages', () => {
    expect(periodKeyLabel('2025-Q1')).toBe('Quý I/2025');
    expect(periodKeyLabel('2024-Q4')).toBe('Quý IV/2024');
    expect(periodKeyLabel('2024-H1')).toBe('6 tháng đầu năm 2024');
    expect(periodKeyLabel('2024-M07')).toBe('Tháng 7/2024');
    expect(periodKeyLabel('2024')).toBe('Năm 2024');
    expect(periodKeyLabel('final')).toBe('Tổng kết nhiệm kỳ');
    expect(periodKeyLabel('2025-Q1', 'en')).toBe('Q1 2025');
  });
  it('shows an empty key as a dash and an unknown one as it is', () => {
    expect(periodKeyLabel(null)).toBe('—');
    expect(periodKeyLabel('')).toBe('—');
    expect(periodKeyLabel('2025-X9')).toBe('2025-X9');
  });
});
