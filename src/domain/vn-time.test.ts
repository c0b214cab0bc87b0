import { describe, expect, it } from 'vitest';
import { vnToday } from './vn-time';

describe('vnToday', () => {
  it('is already the next day at 23:30 UTC', () => {
    expect(vnToday(new Date('2026-12-01T23:30:00Z'))).toBe('2026-12-02');
  });
  it('is still the same day at 16:59 UTC', () => {
    expect(vnToday(new Date('2026-12-01T16:59:00Z'))).toBe('2026-12-01');
  });
});
