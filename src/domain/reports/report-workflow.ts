/**
 * The workflow of a periodic report (báo cáo định kỳ): draft → submitted → approved, or
 * returned with comments → resubmitted. An approved report is locked; the level above may
 * reopen it (return it again), which unlocks it and keeps the history.
 */

export type ReportStatus = 'draft' | 'submitted' | 'returned' | 'approved';
export const REPORT_STATUSES: readonly ReportStatus[] = ['draft', 'submitted', 'returned', 'approved'];

export type ReportAction = 'submit' | 'return' | 'approve';
/** How a transition is written into the history. */
export type ReportEventAction = 'submit' | 'resubmit' | 'return' | 'approve' | 'reopen';

export const REPORT_STATUS_LABELS: Readonly<Record<'vi' | 'en', Readonly<Record<ReportStatus, string>>>> = {
  vi: { draft: 'Đang soạn', submitted: 'Đã gửi, chờ duyệt', returned: 'Bị trả lại', approved: 'Đã duyệt' },
  en: { draft: 'Draft', submitted: 'Submitted', returned: 'Returned', approved: 'Approved' },
};

/** Who acts: the reporting org writes and submits; the level above returns and approves. */
export const ACTION_ROLE: Readonly<Record<ReportAction, 'reporter' | 'approver'>> = {
  submit: 'reporter',
  return: 'approver',
  approve: 'approver',
};

/**
 * The status after `action`, with the name of the history event, or null when the action is
 * not allowed from `status`. Never throws.
 */
export function nextReportStatus(status: ReportStatus, action: ReportAction): { status: ReportStatus; event: ReportEventAction } | null {
  switch (action) {
    case 'submit':
      if (status === 'draft') return { status: 'submitted', event: 'submit' };
      if (status === 'returned') return { status: 'submitted', event: 'resubmit' };
      return null;
    case 'return':
      if (status === 'submitted') return { status: 'returned', event: 'return' };
      if (status === 'approved') return { status: 'returned', event: 'reopen' };
      return null;
    case 'approve':
      return status === 'submitted' ? { status: 'approved', event: 'approve' } : null;
  }
}

/** True while the reporting org may still change the figures: a draft or a returned report. */
export function isReportEditable(status: ReportStatus): boolean {
  return status === 'draft' || status === 'returned';
}

/** The actions open on a report in this status, for the given sides. */
export function availableReportActions(status: ReportStatus, sides: { canWrite: boolean; canApprove: boolean }): ReportAction[] {
  const out: ReportAction[] = [];
  for (const a of ['submit', 'return', 'approve'] as const) {
    const side = ACTION_ROLE[a] === 'reporter' ? sides.canWrite : sides.canApprove;
    if (side && nextReportStatus(status, a)) out.push(a);
  }
  return out;
}
