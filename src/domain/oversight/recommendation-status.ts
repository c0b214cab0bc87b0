/**
 * A recommendation (kiến nghị) of a conclusion, followed up: the subject reports it done with
 * evidence; the commission accepts it or reopens it. Past its deadline and not accepted, it
 * is overdue, and the overdue ones are escalated to the committee above.
 */
export const RECOMMENDATION_STATUSES = ['open', 'reported', 'accepted', 'reopened'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];
/** What a reader sees: the stored status, or 'overdue' once the deadline passed unaccepted. */
export type RecommendationView = RecommendationStatus | 'overdue';

export type RecommendationAction = 'report_done' | 'accept' | 'reopen';

export const RECOMMENDATION_LABELS: Readonly<Record<'vi' | 'en', Readonly<Record<RecommendationView, string>>>> = {
  vi: {
    open: 'Chưa thực hiện',
    reported: 'Đã báo cáo thực hiện',
    accepted: 'Đã nghiệm thu',
    reopened: 'Yêu cầu thực hiện lại',
    overdue: 'Quá hạn',
  },
  en: { open: 'Open', reported: 'Reported done', accepted: 'Accepted', reopened: 'Reopened', overdue: 'Overdue' },
};

/**
 * The status after `action`, or the reason (Vietnamese) it is refused. Reporting done needs
 * evidence (what was done, in words, at least 10 characters). Never throws.
 */
export function nextRecommendationStatus(
  status: RecommendationStatus,
  action: RecommendationAction,
  evidence?: string,
): { status: RecommendationStatus } | { refused: string } {
  switch (action) {
    case 'report_done':
      if (status !== 'open' && status !== 'reopened') return { refused: 'Kiến nghị này không chờ báo cáo thực hiện.' };
      if ((evidence ?? '').trim().length < 10) return { refused: 'Cần mô tả kết quả thực hiện và minh chứng (ít nhất 10 ký tự).' };
      return { status: 'reported' };
    case 'accept':
      return status === 'reported' ? { status: 'accepted' } : { refused: 'Chỉ nghiệm thu kiến nghị đã được báo cáo thực hiện.' };
    case 'reopen':
      return status === 'reported' || status === 'accepted'
        ? { status: 'reopened' }
        : { refused: 'Chỉ yêu cầu thực hiện lại kiến nghị đã báo cáo hoặc đã nghiệm thu.' };
  }
}

/** True while the recommendation keeps an inspection from closing. */
export function isRecommendationOpen(status: RecommendationStatus): boolean {
  return status !== 'accepted';
}

/** The status a reader sees on `today` (yyyy-mm-dd): overdue when past the deadline and not accepted nor reported. */
export function recommendationView(status: RecommendationStatus, deadline: string, today: string): RecommendationView {
  if ((status === 'open' || status === 'reopened') && deadline < today) return 'overdue';
  return status;
}

export type FollowUpDecision = 'accepted' | 'reopened' | null;

/**
 * The follow-up state from its two parts: the task the recommendation became (its status is
 * the subject's progress) and the commission's verdict. The view `recommendation_follow_up` is
 * the SQL twin of this rule. A recommendation not sent yet has no task: open.
 */
export function recommendationStatusOf(taskStatus: string | null, decision: FollowUpDecision): RecommendationStatus {
  if (taskStatus === 'done') return decision === 'accepted' ? 'accepted' : 'reported';
  return decision === 'reopened' ? 'reopened' : 'open';
}

/** What `action` writes: the task's new status (null: unchanged) and the verdict kept on the recommendation. */
export function followUpWrite(action: RecommendationAction): { taskStatus: 'done' | 'in_progress' | null; decision: FollowUpDecision } {
  switch (action) {
    case 'report_done':
      return { taskStatus: 'done', decision: null };
    case 'accept':
      return { taskStatus: null, decision: 'accepted' };
    case 'reopen':
      return { taskStatus: 'in_progress', decision: 'reopened' };
  }
}
