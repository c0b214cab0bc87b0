import { describe, expect, it } from 'vitest';
import { defaultTerm } from './document-term';

describe('defaultTerm', () => {
  const terms = [
    { label: '2020-2025', startDate: '2020-10-15', endDate: '2025-06-30' },
    { label: '2025-2030', startDate: '2025-07-01', endDate: null },
  ];

  it("takes the org's recorded term that holds today", () => {
    expect(defaultTerm(terms, '2025-03-01')).toBe('2020-2025');
    expect(defaultTerm(terms, '2025-07-01')).toBe('2025-2030');
    expect(defaultTerm(terms, '2026-12-02')).toBe('2025-2030');
  });

  it('keeps the old term until the congress that closes it, even past its fifth year', () => {
    expect(defaultTerm([{ label: '2020-2025', startDate: '2020-10-15', endDate: null }], '2025-09-01')).toBe('2020-2025');
  });

  it('falls back to the five-year term of the calendar when the org has none recorded', () => {
    expect(defaultTerm([], '2026-12-02')).toBe('2025-2030');
    expect(defaultTerm([], '2024-12-31')).toBe('2020-2025');
    expect(defaultTerm([], '2025-01-01')).toBe('2025-2030');
  });
});
