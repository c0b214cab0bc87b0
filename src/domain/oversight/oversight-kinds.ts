/**
 * What an oversight is: an inspection (kiểm tra) or a supervision (giám sát), and why it is
 * held: regular (thường xuyên), thematic (chuyên đề) or upon signs of violation (khi có dấu
 * hiệu vi phạm). Điều lệ Đảng, Điều 30–32, and Quy định 22-QĐ/TW name these kinds.
 */
export const OVERSIGHT_KINDS = ['inspection', 'supervision'] as const;
export type OversightKind = (typeof OVERSIGHT_KINDS)[number];

export const OVERSIGHT_BASES = ['regular', 'thematic', 'violation_signs'] as const;
export type OversightBasis = (typeof OVERSIGHT_BASES)[number];

/** Who answers for a program entry: the committee, its standing committee or its inspection commission. */
export const RESPONSIBLE_BODIES = ['committee', 'standing', 'inspection_commission'] as const;
export type ResponsibleBody = (typeof RESPONSIBLE_BODIES)[number];

/** What a finding says (ưu điểm, hạn chế, khuyết điểm, vi phạm). */
export const FINDING_KINDS = ['strength', 'limitation', 'shortcoming', 'violation'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** What a finding may be linked to. */
export const FINDING_LINK_KINDS = ['target', 'task', 'report', 'member'] as const;
export type FindingLinkKind = (typeof FINDING_LINK_KINDS)[number];

/** Team roles in an oversight team (đoàn kiểm tra, giám sát). */
export const TEAM_ROLES = ['head', 'member', 'secretary'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export const OVERSIGHT_LABELS = {
  vi: {
    kind: { inspection: 'Kiểm tra', supervision: 'Giám sát' } satisfies Record<OversightKind, string>,
    basis: { regular: 'Thường xuyên', thematic: 'Chuyên đề', violation_signs: 'Khi có dấu hiệu vi phạm' } satisfies Record<
      OversightBasis,
      string
    >,
    finding: { strength: 'Ưu điểm', limitation: 'Hạn chế', shortcoming: 'Khuyết điểm', violation: 'Vi phạm' } satisfies Record<
      FindingKind,
      string
    >,
    team: { head: 'Trưởng đoàn', member: 'Thành viên', secretary: 'Thư ký' } satisfies Record<TeamRole, string>,
    body: { committee: 'Ban Chấp hành', standing: 'Ban Thường vụ', inspection_commission: 'Ủy ban Kiểm tra' } satisfies Record<
      ResponsibleBody,
      string
    >,
  },
  en: {
    kind: { inspection: 'Inspection', supervision: 'Supervision' } satisfies Record<OversightKind, string>,
    basis: { regular: 'Regular', thematic: 'Thematic', violation_signs: 'Upon signs of violation' } satisfies Record<
      OversightBasis,
      string
    >,
    finding: { strength: 'Strength', limitation: 'Limitation', shortcoming: 'Shortcoming', violation: 'Violation' } satisfies Record<
      FindingKind,
      string
    >,
    team: { head: 'Head', member: 'Member', secretary: 'Secretary' } satisfies Record<TeamRole, string>,
    body: {
      committee: 'Executive committee',
      standing: 'Standing committee',
      inspection_commission: 'Inspection commission',
    } satisfies Record<ResponsibleBody, string>,
  },
} as const;

/**
 * The checks of a team: one head, one secretary, at most 15 people, nobody twice. Returns the
 * problems in Vietnamese (empty when the team is valid); never throws.
 */
export function teamProblems(team: readonly { userId: number; role: TeamRole }[]): string[] {
  const problems: string[] = [];
  const heads = team.filter((t) => t.role === 'head').length;
  const secretaries = team.filter((t) => t.role === 'secretary').length;
  if (heads !== 1) problems.push('Đoàn phải có đúng một trưởng đoàn.');
  if (secretaries !== 1) problems.push('Đoàn phải có đúng một thư ký.');
  if (new Set(team.map((t) => t.userId)).size !== team.length) problems.push('Một người chỉ giữ một vai trò trong đoàn.');
  if (team.length > 15) problems.push('Đoàn có nhiều nhất 15 người.');
  return problems;
}
