import { describe, expect, it } from 'vitest';
import { approvalDueDate, DEFAULT_ESCALATION_DAYS, escalationDay, isEscalationDue } from './escalation';

describe('escalation days', () => {
  it('escalates on the Nth day after the due date, not the day before', () => {
    expect(DEFAULT_ESCALATION_DAYS).toBe(5);
    expect(escalationDay('2025-04-15', 5)).toBe('2025-04-20');
    expect(isEscalationDue('2025-04-15', 5, '2025-04-19')).toBe(false);
    expect(isEscalationDue('2025-04-15', 5, '2025-04-20')).toBe(true);
    expect(isEscalationDue('2025-04-15', 5, '2025-05-01')).toBe(true);
  });
  it('counts across month and year ends', () => {
    expect(escalationDay('2024-12-29', 5)).toBe('2025-01-03');
    expect(escalationDay('2024-02-27', 3)).toBe('2024-03-01');
  });
  it('dates an approval at the org above’s own due date', () => {
    expect(approvalDueDate('2025-04-10', 5)).toBe('2025-04-15');
  });
});
