import { describe, expect, it } from 'vitest';
import {
  audienceOf,
  availableOversightActions,
  followUpWrite,
  formatOversightSymbol,
  recommendationStatusOf,
  isReadAudited,
  nextOversightStatus,
  nextRecommendationStatus,
  OVERSIGHT_PARTS,
  oversightIssuer,
  oversightPercent,
  recommendationView,
  teamProblems,
  termYearsOf,
  visibleParts,
  type OversightAction,
  type OversightStatus,
} from './index';

const none = { findings: 0, openRecommendations: 0, recommendations: 0 };

function walk(actions: OversightAction[], facts = none): OversightStatus {
  let status: OversightStatus = 'planned';
  for (const a of actions) {
    const v = nextOversightStatus(status, a, facts);
    if (!('status' in v)) throw new Error(`${a} refused at ${status}: ${v.refused}`);
    status = v.status;
  }
  return status;
}

describe('oversight workflow', () => {
  it('walks the whole order from planned to closed', () => {
    const facts = { findings: 2, openRecommendations: 0, recommendations: 3 };
    expect(
      walk(
        [
          'form_team',
          'send_notice',
          'submit_self_report',
          'record_session',
          'record_session',
          'submit_team_report',
          'record_finding',
          'record_finding',
          'conclude',
          'send_conclusion',
          'close',
        ],
        facts,
      ),
    ).toBe('closed');
  });

  it('refuses to skip a step: no notice before the team, no team report before a session', () => {
    expect(nextOversightStatus('planned', 'send_notice', none)).toHaveProperty('refused');
    expect(nextOversightStatus('self_reported', 'submit_team_report', none)).toHaveProperty('refused');
    expect(nextOversightStatus('notified', 'record_session', none)).toHaveProperty('refused');
  });

  it('refuses a conclusion without findings, even in the findings step', () => {
    const v = nextOversightStatus('findings', 'conclude', none);
    expect(v).toEqual({ refused: 'Không thể kết luận khi chưa có nhận xét, đánh giá nào.' });
    expect(nextOversightStatus('team_reported', 'conclude', { ...none, findings: 3 })).toHaveProperty('refused');
  });

  it('refuses closing while a recommendation is not accepted', () => {
    const v = nextOversightStatus('follow_up', 'close', { findings: 1, openRecommendations: 2, recommendations: 3 });
    expect('refused' in v && v.refused).toContain('Còn 2 kiến nghị');
    expect(nextOversightStatus('follow_up', 'close', { findings: 1, openRecommendations: 0, recommendations: 3 })).toEqual({
      status: 'closed',
    });
  });

  it('refuses findings after the conclusion', () => {
    expect(nextOversightStatus('concluded', 'record_finding', none)).toHaveProperty('refused');
  });

  it('lists the actions open in a status', () => {
    expect(availableOversightActions('planned', none)).toEqual(['form_team']);
    expect(availableOversightActions('findings', none)).toEqual(['record_finding']);
    expect(availableOversightActions('findings', { ...none, findings: 1 })).toEqual(['record_finding', 'conclude']);
  });
});

describe('recommendations', () => {
  it('needs evidence to report done, then is accepted or reopened', () => {
    expect(nextRecommendationStatus('open', 'report_done', 'xong')).toHaveProperty('refused');
    expect(nextRecommendationStatus('open', 'report_done', 'Đã ban hành kế hoạch khắc phục số 12-KH/ThU')).toEqual({ status: 'reported' });
    expect(nextRecommendationStatus('reported', 'accept')).toEqual({ status: 'accepted' });
    expect(nextRecommendationStatus('reported', 'reopen')).toEqual({ status: 'reopened' });
    expect(nextRecommendationStatus('open', 'accept')).toHaveProperty('refused');
    expect(nextRecommendationStatus('reopened', 'report_done', 'Đã bổ sung hồ sơ kết nạp đảng viên')).toEqual({ status: 'reported' });
  });

  it('shows overdue past the deadline only while waiting for the subject', () => {
    expect(recommendationView('open', '2026-06-30', '2026-07-01')).toBe('overdue');
    expect(recommendationView('reopened', '2026-06-30', '2026-07-01')).toBe('overdue');
    expect(recommendationView('open', '2026-06-30', '2026-06-30')).toBe('open');
    expect(recommendationView('reported', '2026-06-30', '2026-07-01')).toBe('reported');
    expect(recommendationView('accepted', '2026-06-30', '2026-07-01')).toBe('accepted');
  });

  it('reads the follow-up state from the task and the commission’s verdict, and each action writes one of them back', () => {
    expect(recommendationStatusOf(null, null)).toBe('open');
    expect(recommendationStatusOf('in_progress', null)).toBe('open');
    expect(recommendationStatusOf('done', null)).toBe('reported');
    expect(recommendationStatusOf('done', 'accepted')).toBe('accepted');
    expect(recommendationStatusOf('in_progress', 'reopened')).toBe('reopened');
    // A task set back from done after acceptance is no longer accepted: it waits again.
    expect(recommendationStatusOf('in_progress', 'accepted')).toBe('open');
    // Each action lands on the status the workflow promises.
    for (const [from, action] of [
      [['not_started', null], 'report_done'],
      [['done', null], 'accept'],
      [['done', 'accepted'], 'reopen'],
    ] as const) {
      const w = followUpWrite(action);
      const next = recommendationStatusOf(w.taskStatus ?? from[0], w.decision);
      const expected = nextRecommendationStatus(recommendationStatusOf(from[0], from[1]), action, 'Đã ban hành kế hoạch khắc phục');
      expect(expected).toEqual({ status: next });
    }
  });
});

describe('confidentiality', () => {
  it('gives the commission, the team and the committee above every part', () => {
    for (const a of ['commission', 'team', 'supervisor'] as const)
      expect([...visibleParts(a, 'sessions')].sort()).toEqual([...OVERSIGHT_PARTS].sort());
  });

  it('never shows the subject the team’s minutes or report, and findings only once the conclusion is sent', () => {
    for (const s of ['planned', 'notified', 'sessions', 'findings', 'concluded', 'follow_up', 'closed'] as const) {
      const parts = visibleParts('subject', s);
      expect(parts.has('sessions')).toBe(false);
      expect(parts.has('team_report')).toBe(false);
    }
    expect(visibleParts('subject', 'planned').size).toBe(0);
    expect(visibleParts('subject', 'concluded').has('findings')).toBe(false);
    expect(visibleParts('subject', 'concluded').has('conclusion')).toBe(false);
    expect(visibleParts('subject', 'follow_up').has('conclusion')).toBe(true);
    expect(visibleParts('subject', 'notified').has('notice')).toBe(true);
    expect(visibleParts('none', 'closed').size).toBe(0);
  });

  it('shows an org owning a recommendation (not the subject) the sent conclusion only, never the notice or the self-report', () => {
    for (const s of ['planned', 'notified', 'self_reported', 'findings', 'concluded'] as const)
      expect(visibleParts('owner', s).size).toBe(0);
    for (const s of ['follow_up', 'closed'] as const)
      expect([...visibleParts('owner', s)].sort()).toEqual(['conclusion', 'findings', 'recommendations']);
    expect(audienceOf({ isTeamMember: false, runsIt: false, isAbove: false, isSubject: false, isOwner: true })).toBe('owner');
    expect(audienceOf({ isTeamMember: false, runsIt: false, isAbove: false, isSubject: true, isOwner: true })).toBe('subject');
    expect(isReadAudited('owner')).toBe(true);
  });

  it('ranks the team first and audits every reader outside it', () => {
    expect(audienceOf({ isTeamMember: true, runsIt: true, isAbove: true, isSubject: false })).toBe('team');
    expect(audienceOf({ isTeamMember: false, runsIt: false, isAbove: true, isSubject: true })).toBe('supervisor');
    expect(audienceOf({ isTeamMember: false, runsIt: false, isAbove: false, isSubject: true })).toBe('subject');
    expect(audienceOf({ isTeamMember: false, runsIt: false, isAbove: false, isSubject: false })).toBe('none');
    expect(isReadAudited('team')).toBe(false);
    expect(isReadAudited('subject')).toBe(true);
    expect(isReadAudited('commission')).toBe(true);
  });
});

describe('teams, numbers and coverage', () => {
  it('needs exactly one head and one secretary, nobody twice', () => {
    expect(
      teamProblems([
        { userId: 1, role: 'head' },
        { userId: 2, role: 'secretary' },
        { userId: 3, role: 'member' },
      ]),
    ).toEqual([]);
    expect(
      teamProblems([
        { userId: 1, role: 'member' },
        { userId: 2, role: 'secretary' },
      ]),
    ).toContain('Đoàn phải có đúng một trưởng đoàn.');
    expect(
      teamProblems([
        { userId: 1, role: 'head' },
        { userId: 1, role: 'secretary' },
      ]),
    ).toContain('Một người chỉ giữ một vai trò trong đoàn.');
  });

  it('numbers the commission’s documents as 36-HD/VPTW writes them', () => {
    expect(formatOversightSymbol(3, 'program', oversightIssuer('TU', true))).toBe('03-CTr/UBKTTU');
    expect(formatOversightSymbol(12, 'decision', oversightIssuer('ĐUK', true))).toBe('12-QĐ/UBKTĐUK');
    expect(formatOversightSymbol(5, 'program', oversightIssuer('TU', false))).toBe('05-CTr/TU');
    expect(() => formatOversightSymbol(0, 'plan', 'TU')).toThrow(RangeError);
  });

  it('computes the share from its parts and the term of a year', () => {
    expect(oversightPercent({ covered: 1, orgs: 3 })).toBe(33.3);
    expect(oversightPercent({ covered: 0, orgs: 0 })).toBe(0);
    expect(termYearsOf(2023)).toEqual([2020, 2025]);
    expect(termYearsOf(2026)).toEqual([2025, 2030]);
  });
});
