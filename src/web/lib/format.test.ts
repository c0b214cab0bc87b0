import { describe, expect, it } from 'vitest';
import { formatPeriod } from './format';

describe('formatPeriod', () => {
  it('writes periods as people do', () => {
    expect(formatPeriod('2025-Q1')).toBe('Quý I/2025');
    expect(formatPeriod('2024-M07')).toBe('Tháng 7/2024');
    expect(formatPeriod('2024')).toBe('Năm 2024');
    expect(formatPeriod('final')).toBe('Tổng kết nhiệm kỳ');
    expect(formatPeriod('2025-Q1', 'en')).toBe('Q1 2025');
    expect(formatPeriod(null)).toBe('—');
  });
});
