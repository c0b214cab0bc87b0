/**
 * The order of an inspection or supervision, as Quy định 22-QĐ/TW and the commissions'
 * guidance set it: planned → team formed (the decision) → notified (plan and notice sent) →
 * self-report (báo cáo tự kiểm tra) → working sessions → team report → findings → conclusion
 * (thông báo kết luận) → follow-up of the recommendations → closed. Each step opens the next;
 * none is skipped. No conclusion without findings; no closing while a recommendation is not
 * accepted.
 */
export const OVERSIGHT_STATUSES = [
  'planned',
  'team_formed',
  'notified',
  'self_reported',
  'sessions',
  'team_reported',
  'findings',
  'concluded',
  'follow_up',
  'closed',
] as const;
export type OversightStatus = (typeof OVERSIGHT_STATUSES)[number];

export type OversightAction =
  | 'form_team'
  | 'send_notice'
  | 'submit_self_report'
  | 'record_session'
  | 'submit_team_report'
  | 'record_finding'
  | 'conclude'
  | 'send_conclusion'
  | 'close';

export const OVERSIGHT_STATUS_LABELS: Readonly<Record<'vi' | 'en', Readonly<Record<OversightStatus, string>>>> = {
  vi: {
    planned: 'Trong chương trình',
    team_formed: 'Đã thành lập đoàn',
    notified: 'Đã thông báo',
    self_reported: 'Đã có báo cáo tự kiểm tra',
    sessions: 'Đang làm việc',
    team_reported: 'Đoàn đã báo cáo',
    findings: 'Đã có nhận xét',
    concluded: 'Đã kết luận',
    follow_up: 'Theo dõi thực hiện kết luận',
    closed: 'Đã kết thúc',
  },
  en: {
    planned: 'Planned',
    team_formed: 'Team formed',
    notified: 'Notified',
    self_reported: 'Self-report received',
    sessions: 'Working sessions',
    team_reported: 'Team reported',
    findings: 'Findings recorded',
    concluded: 'Concluded',
    follow_up: 'Follow-up',
    closed: 'Closed',
  },
};

/** What the workflow needs to know besides the status. */
export type WorkflowFacts = { findings: number; openRecommendations: number; recommendations: number };

export type WorkflowVerdict = { status: OversightStatus } | { refused: string };

/**
 * The status after `action` from `status`, or the reason (in Vietnamese) it is refused.
 * Working sessions and findings may be recorded more than once; everything else moves one
 * step forward. Never throws.
 */
export function nextOversightStatus(status: OversightStatus, action: OversightAction, facts: WorkflowFacts): WorkflowVerdict {
  const step = (from: readonly OversightStatus[], to: OversightStatus, why: string): WorkflowVerdict =>
    from.includes(status) ? { status: to } : { refused: why };
  switch (action) {
    case 'form_team':
      return step(['planned', 'team_formed'], 'team_formed', 'Chỉ thành lập (hoặc điều chỉnh) đoàn trước khi gửi thông báo.');
    case 'send_notice':
      return step(['team_formed'], 'notified', 'Phải thành lập đoàn trước khi gửi kế hoạch và thông báo.');
    case 'submit_self_report':
      return step(
        ['notified', 'self_reported'],
        'self_reported',
        'Chỉ gửi báo cáo tự kiểm tra sau khi nhận thông báo và trước khi đoàn làm việc.',
      );
    case 'record_session':
      return step(['self_reported', 'sessions'], 'sessions', 'Đoàn làm việc sau khi đối tượng gửi báo cáo tự kiểm tra.');
    case 'submit_team_report':
      return step(['sessions'], 'team_reported', 'Đoàn báo cáo sau ít nhất một buổi làm việc.');
    case 'record_finding':
      return step(['team_reported', 'findings'], 'findings', 'Nhận xét, đánh giá được ghi sau khi đoàn báo cáo và trước khi kết luận.');
    case 'conclude':
      if (status !== 'findings') return { refused: 'Chỉ kết luận sau khi đoàn báo cáo và ghi nhận xét, đánh giá.' };
      if (facts.findings === 0) return { refused: 'Không thể kết luận khi chưa có nhận xét, đánh giá nào.' };
      return { status: 'concluded' };
    case 'send_conclusion':
      return step(['concluded'], 'follow_up', 'Chỉ gửi thông báo kết luận sau khi đã kết luận.');
    case 'close':
      if (status !== 'follow_up') return { refused: 'Chỉ kết thúc sau khi đã gửi thông báo kết luận.' };
      if (facts.openRecommendations > 0)
        return { refused: `Còn ${facts.openRecommendations} kiến nghị chưa được nghiệm thu; chưa thể kết thúc.` };
      return { status: 'closed' };
  }
}

/** The actions open in this status given the facts, for the web app to show. */
export function availableOversightActions(status: OversightStatus, facts: WorkflowFacts): OversightAction[] {
  const all: OversightAction[] = [
    'form_team',
    'send_notice',
    'submit_self_report',
    'record_session',
    'submit_team_report',
    'record_finding',
    'conclude',
    'send_conclusion',
    'close',
  ];
  return all.filter((a) => 'status' in nextOversightStatus(status, a, facts));
}

/** True once `status` is at or past `step` in the order. */
export function isAtOrPast(status: OversightStatus, step: OversightStatus): boolean {
  return OVERSIGHT_STATUSES.indexOf(status) >= OVERSIGHT_STATUSES.indexOf(step);
}
