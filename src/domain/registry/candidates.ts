/**
 * Admission steps of a candidate (quần chúng ưu tú, HD 01-HD/TW §3): the political theory
 * course, introduction by two official members, the cell's resolution, the higher committee's
 * decision, then the ceremony that makes a probationary member. Each step is dated and comes
 * after the one before it; the ceremony needs every step.
 */
import { formatVnDate } from '../vn-time';

export const candidateSteps = ['course', 'introduction', 'cell_decision', 'committee_decision'] as const;
export type CandidateStep = (typeof candidateSteps)[number];

export const candidateStepLabels: Record<CandidateStep | 'ceremony', { vi: string; en: string }> = {
  course: { vi: 'Lớp bồi dưỡng nhận thức về Đảng', en: 'Party awareness course' },
  introduction: { vi: 'Hai đảng viên chính thức giới thiệu', en: 'Introduced by two official members' },
  cell_decision: { vi: 'Nghị quyết của chi bộ', en: 'Cell resolution' },
  committee_decision: { vi: 'Quyết định của cấp ủy cấp trên', en: 'Higher committee decision' },
  ceremony: { vi: 'Lễ kết nạp', en: 'Admission ceremony' },
};

export type CandidateProgress = {
  courseDate: string | null;
  introductionDate: string | null;
  introducerIds: readonly number[];
  cellDecisionDate: string | null;
  committeeDecisionDate: string | null;
};

const dateOf = (c: CandidateProgress, step: CandidateStep) =>
  ({
    course: c.courseDate,
    introduction: c.introductionDate,
    cell_decision: c.cellDecisionDate,
    committee_decision: c.committeeDecisionDate,
  })[step];

/** The steps not yet done, in order. */
export function missingSteps(c: CandidateProgress): CandidateStep[] {
  return candidateSteps.filter((s) => !dateOf(c, s) || (s === 'introduction' && new Set(c.introducerIds).size < 2));
}

/** Why `step` may not be recorded on `date` (Vietnamese), or null. */
export function checkStep(c: CandidateProgress, step: CandidateStep, date: string, introducerIds: readonly number[] = []): string | null {
  const i = candidateSteps.indexOf(step);
  for (let j = 0; j < i; j++) {
    const before = candidateSteps[j]!;
    const at = dateOf(c, before);
    if (!at) return `Chưa có bước "${candidateStepLabels[before].vi}".`;
    if (date < at) return `Ngày ${formatVnDate(date)} trước bước "${candidateStepLabels[before].vi}" (${formatVnDate(at)}).`;
  }
  if (step === 'introduction' && new Set(introducerIds).size < 2) return 'Cần hai đảng viên chính thức khác nhau giới thiệu.';
  return null;
}

/** Why the ceremony may not take place on `date`, or null: every step done, and none after it. */
export function checkCeremony(c: CandidateProgress, date: string): string | null {
  const missing = missingSteps(c);
  if (missing.includes('introduction') && c.introductionDate) return 'Cần hai đảng viên chính thức khác nhau giới thiệu.';
  if (missing.length > 0) return `Chưa đủ các bước: ${missing.map((s) => candidateStepLabels[s].vi).join('; ')}.`;
  if (c.committeeDecisionDate && date < c.committeeDecisionDate)
    return `Lễ kết nạp (${formatVnDate(date)}) trước quyết định của cấp ủy cấp trên (${formatVnDate(c.committeeDecisionDate)}).`;
  return null;
}
