import { describe, expect, it } from 'vitest';
import { formatVnDate, formatVnDateTime, vnToday } from './vn-time';

describe('vnToday', () => {
  it('is already the next day at 23:30 UTC', () => {
    expect(vnToday(new Date('2026-12-01T23:30:00Z'))).toBe('2026-12-02');
  });
  it('is still the same day at 16:59 UTC', () => {
    expect(vnToday(new Date('2026-12-01T16:59:00Z'))).toBe('2026-12-01');
  });
});

describe('Vietnamese date formats', () => {
  it('writes dates dd/mm/yyyy', () => {
    expect(formatVnDate('2020-12-23')).toBe('23/12/2020');
    expect(formatVnDate(null)).toBe('');
  });
  it('writes a moment in Vietnam’s time: 23:30 UTC is 06:30 the next day', () => {
    expect(formatVnDateTime(new Date('2026-12-01T23:30:00Z'))).toBe('06:30 02/12/2026');
  });
});
