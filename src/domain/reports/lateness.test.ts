import { describe, expect, it } from 'vitest';
import { reportLateness } from './lateness';

describe('reportLateness', () => {
  it('is on time when first sent on or before the due date', () => {
    expect(reportLateness({ dueDate: '2025-04-05', firstSubmittedOn: '2025-04-05' }, '2025-05-01')).toEqual({ isLate: false, days: 0 });
    expect(reportLateness({ dueDate: '2025-04-05', firstSubmittedOn: '2025-04-01' }, '2025-05-01')).toEqual({ isLate: false, days: 0 });
  });

  it('counts the days between the due date and the first sending', () => {
    expect(reportLateness({ dueDate: '2025-04-05', firstSubmittedOn: '2025-04-08' }, '2025-05-01')).toEqual({ isLate: true, days: 3 });
  });

  it('counts a report not yet sent as late from the day after its due date, up to today', () => {
    expect(reportLateness({ dueDate: '2025-04-05', firstSubmittedOn: null }, '2025-04-05')).toEqual({ isLate: false, days: 0 });
    expect(reportLateness({ dueDate: '2025-04-05', firstSubmittedOn: null }, '2025-04-15')).toEqual({ isLate: true, days: 10 });
  });

  it('counts across a month and a year end', () => {
    expect(reportLateness({ dueDate: '2024-12-31', firstSubmittedOn: '2025-01-02' }, '2025-05-01').days).toBe(2);
  });
});
