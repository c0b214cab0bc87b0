/**
 * The steps of an evaluation, in order and none skipped (HD of QĐ 124/366): the subject's
 * self-assessment, the comments of the cell meeting (or the committee for an org), the
 * proposal with its vote counts, then the competent level's decision. A decided evaluation is
 * locked; a correction opens a new version with its reason.
 */
export type EvaluationStatus = 'draft' | 'self_assessed' | 'commented' | 'proposed' | 'decided';
export const EVALUATION_STATUSES: readonly EvaluationStatus[] = ['draft', 'self_assessed', 'commented', 'proposed', 'decided'];
export type EvaluationStep = 'self_assess' | 'comment' | 'propose' | 'decide';

export const EVALUATION_STATUS_LABELS: Readonly<Record<EvaluationStatus, string>> = {
  draft: 'Chưa tự đánh giá',
  self_assessed: 'Đã tự đánh giá',
  commented: 'Đã có ý kiến chi bộ',
  proposed: 'Đã đề xuất mức',
  decided: 'Đã quyết định',
};

const FROM: Readonly<Record<EvaluationStep, EvaluationStatus>> = {
  self_assess: 'draft',
  comment: 'self_assessed',
  propose: 'commented',
  decide: 'proposed',
};
const TO: Readonly<Record<EvaluationStep, EvaluationStatus>> = {
  self_assess: 'self_assessed',
  comment: 'commented',
  propose: 'proposed',
  decide: 'decided',
};

/** The status after `step`, or null when `step` is not the next one from `status`. */
export function nextEvaluationStatus(status: EvaluationStatus, step: EvaluationStep): EvaluationStatus | null {
  return FROM[step] === status ? TO[step] : null;
}

/** The step that comes next from `status` (null once decided). */
export function expectedStep(status: EvaluationStatus): EvaluationStep | null {
  const steps = Object.keys(FROM) as EvaluationStep[];
  return steps.find((s) => FROM[s] === status) ?? null;
}

/** Vote counts where the rules ask for them: a proposal carries the meeting's count. */
export type Votes = { present: number; agree: number; disagree: number };

/** Problems with vote counts in Vietnamese (empty when sound). */
export function voteProblems(v: Votes): string[] {
  const p: string[] = [];
  if (v.agree + v.disagree > v.present) p.push('Số phiếu đồng ý và không đồng ý vượt số người dự');
  return p;
}

/** A grading period from its key: '2025' (year), '2026-Q1' (quarter), '2020-2025' (term). Null when malformed. */
export function gradingPeriod(kind: 'quarter' | 'year' | 'term', key: string): { start: string; end: string; label: string } | null {
  if (kind === 'year') {
    const m = /^(\d{4})$/.exec(key);
    return m ? { start: `${m[1]}-01-01`, end: `${m[1]}-12-31`, label: `năm ${m[1]}` } : null;
  }
  if (kind === 'quarter') {
    const m = /^(\d{4})-Q([1-4])$/.exec(key);
    if (!m) return null;
    const q = Number(m[2]);
    const endMonth = q * 3;
    const endDay = [31, 30, 30, 31][q - 1]!;
    return {
      start: `${m[1]}-${String(endMonth - 2).padStart(2, '0')}-01`,
      end: `${m[1]}-${String(endMonth).padStart(2, '0')}-${endDay}`,
      label: `quý ${['I', 'II', 'III', 'IV'][q - 1]}/${m[1]}`,
    };
  }
  const m = /^(\d{4})-(\d{4})$/.exec(key);
  if (!m || Number(m[2]) <= Number(m[1])) return null;
  return { start: `${m[1]}-01-01`, end: `${m[2]}-12-31`, label: `nhiệm kỳ ${m[1]}–${m[2]}` };
}
