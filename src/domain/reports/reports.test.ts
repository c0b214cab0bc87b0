import { describe, expect, it } from 'vitest';
import { availableReportActions, isReportEditable, nextReportStatus, rateFromParts, tallyReports, addTallies, percentOf } from './index';

describe('report workflow', () => {
  it('goes draft → submitted → approved', () => {
    expect(nextReportStatus('draft', 'submit')).toEqual({ status: 'submitted', event: 'submit' });
    expect(nextReportStatus('submitted', 'approve')).toEqual({ status: 'approved', event: 'approve' });
  });
  it('returns with comments and resubmits', () => {
    expect(nextReportStatus('submitted', 'return')).toEqual({ status: 'returned', event: 'return' });
    expect(nextReportStatus('returned', 'submit')).toEqual({ status: 'submitted', event: 'resubmit' });
  });
  it('reopens an approved report by returning it', () => {
    expect(nextReportStatus('approved', 'return')).toEqual({ status: 'returned', event: 'reopen' });
  });
  it('refuses what the workflow does not allow', () => {
    expect(nextReportStatus('draft', 'approve')).toBeNull();
    expect(nextReportStatus('approved', 'submit')).toBeNull();
    expect(nextReportStatus('approved', 'approve')).toBeNull();
    expect(nextReportStatus('draft', 'return')).toBeNull();
  });
  it('locks submitted and approved reports', () => {
    expect(isReportEditable('draft')).toBe(true);
    expect(isReportEditable('returned')).toBe(true);
    expect(isReportEditable('submitted')).toBe(false);
    expect(isReportEditable('approved')).toBe(false);
  });
  it('lists the actions each side may take', () => {
    expect(availableReportActions('submitted', { canWrite: true, canApprove: false })).toEqual([]);
    expect(availableReportActions('submitted', { canWrite: false, canApprove: true })).toEqual(['return', 'approve']);
    expect(availableReportActions('returned', { canWrite: true, canApprove: true })).toEqual(['submit']);
  });
});

describe('completeness and timeliness', () => {
  const due = '2024-04-10';
  it('counts submitted, on time and late reports', () => {
    const t = tallyReports(
      [
        { status: 'approved', dueDate: due, firstSubmittedOn: '2024-04-09' },
        { status: 'submitted', dueDate: due, firstSubmittedOn: '2024-04-10' },
        { status: 'returned', dueDate: due, firstSubmittedOn: '2024-04-12' },
        { status: 'draft', dueDate: due, firstSubmittedOn: null },
      ],
      '2024-04-20',
    );
    expect(t).toEqual({ expected: 4, submitted: 3, onTime: 2, approved: 1, late: 2 });
  });
  it('does not count a draft as late before its due date', () => {
    expect(tallyReports([{ status: 'draft', dueDate: due, firstSubmittedOn: null }], '2024-04-10').late).toBe(0);
  });
  it('adds tallies and computes shares', () => {
    const a = { expected: 2, submitted: 1, onTime: 1, approved: 0, late: 0 };
    expect(addTallies(a, a)).toEqual({ expected: 4, submitted: 2, onTime: 2, approved: 0, late: 0 });
    expect(percentOf(1, 3)).toBe(33.3);
    expect(percentOf(0, 0)).toBeNull();
  });
  it('computes a rate from its parts, never from averaged percents', () => {
    expect(rateFromParts(45, 50)).toBe(90);
    expect(rateFromParts(1, 0)).toBeNull();
    expect(() => rateFromParts(5, 3)).toThrow(RangeError);
  });
});
