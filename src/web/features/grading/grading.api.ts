import { api, downloadUrl } from '../../lib/api';
import { GRADE_LABELS, EVALUATION_STATUS_LABELS, type EvaluationStatus, type GradeLevel } from '../../../domain/grading';
import type { TargetStatus } from '../../../domain/targets';

export { GRADE_LABELS, EVALUATION_STATUS_LABELS };
export type { EvaluationStatus, GradeLevel };

export type Round = {
  id: number; orgId: number; orgName: string; name: string; periodKind: 'quarter' | 'year' | 'term'; periodKey: string; periodStart: string; periodEnd: string;
  selfAssessDue: string; reviewDue: string; decideDue: string; isSample: boolean; ruleSetCode: string; ruleSetName: string;
  legalBasis: { symbol: string; date: string; title: string }; total: number; decided: number; members: number; orgs: number;
};
export type Criterion = { key: string; label: string; maxPoints: number; points: number };
export type TaskFacts = { total: number; onTime: number; late: number; overdue: number; beyond: number };
export type PledgeEvidence = { pledgeId: number; documentSymbol: string | null; year: number; commitments: string[] };
export type PledgeReview = { pledgeId: number; result: 'kept' | 'partly' | 'not_kept'; note: string };
export type Evaluation = {
  id: number; roundId: number; subjectKind: 'member' | 'org'; subjectName: string; orgName: string; memberId: number | null; deciderName: string;
  versionNo: number; isCurrent: boolean; correctionReason: string | null; status: EvaluationStatus;
  evidence: { pledges?: PledgeEvidence[]; study?: Record<string, number>; reflections?: Record<string, number>; tasks?: Record<string, number>; reports?: Record<string, number>; explanations?: Record<string, number> };
  tasks: TaskFacts; points: Record<string, number>; score: number | null; ruleLevel: GradeLevel | null; selfLevel: GradeLevel | null;
  narrative: { strengths?: string; weaknesses?: string; causes?: string; remedies?: string }; pledgeReviews: PledgeReview[]; comment: string | null;
  votes: { present: number; agree: number; disagree: number } | null; proposedLevel: GradeLevel | null; decidedLevel: GradeLevel | null; version: number;
  ruleSet: { code: string; name: string; legalBasis: { symbol: string; date: string } };
  sheet: { total: number; maxTotal: number; criteria: Criterion[]; level: GradeLevel; reasons: string[] };
  abilities: { update: boolean; selfAssess: boolean; comment: boolean; propose: boolean; decide: boolean; correct: boolean };
  roundName?: string; selfAssessDue?: string;
};
export type Share = { numerator: number; denominator: number; percent: number | null };
export type LevelSummary = { counts: Record<GradeLevel, number>; pending: number; goodOrAbove: Share; excellent: Share };
export type Results = {
  round: { id: number; name: string; periodKey: string; ruleSetCode: string; legalBasis: { symbol: string } };
  org: { id: number; name: string };
  orgs: LevelSummary; members: LevelSummary;
  children: { orgId: number; orgName: string; orgs: LevelSummary; members: LevelSummary }[];
  flagged: { id: number; subjectKind: string; name: string; orgName: string }[];
};

export const gradingKeys = {
  rounds: ['grading', 'rounds'] as const,
  round: (id: number) => ['grading', 'round', id] as const,
  evaluations: (roundId: number) => ['grading', 'evaluations', roundId] as const,
  evaluation: (id: number) => ['grading', 'evaluation', id] as const,
  mine: ['grading', 'mine'] as const,
  results: (roundId: number, orgId?: number) => ['grading', 'results', roundId, orgId ?? null] as const,
};

export const fetchRounds = () => api.get<Round[]>('/grading/rounds');
export const fetchRound = (id: number) => api.get<Round & { ruleSet: { code: string; name: string; legalBasis: { symbol: string } }; statusCounts: { subjectKind: string; status: string; n: number }[] }>(`/grading/rounds/${id}`);
export const openRound = (body: { orgId: number; periodKind: string; periodKey: string; selfAssessDue: string; reviewDue: string; decideDue: string }) =>
  api.post<{ id: number; orgs: number; members: number }>('/grading/rounds', body);
export const fetchEvaluations = (roundId: number, query: { subjectKind?: string; status?: string } = {}) =>
  api.get<{ items: Evaluation[]; total: number }>(`/grading/rounds/${roundId}/evaluations`, { pageSize: 500, ...query });
export const fetchMyEvaluations = () => api.get<{ items: Evaluation[] }>('/grading/my-evaluations');
export const fetchEvaluation = (id: number) => api.get<Evaluation & { history: { id: number; versionNo: number; decidedLevel: GradeLevel | null; correctionReason: string | null }[] }>(`/grading/evaluations/${id}`);
export const saveEvaluation = (id: number, body: { version: number; points?: Record<string, number>; tasks?: Partial<TaskFacts>; narrative?: Evaluation['narrative']; pledgeReviews?: PledgeReview[] }) =>
  api.put<{ version: number; score: number; ruleLevel: GradeLevel; reasons: string[] }>(`/grading/evaluations/${id}`, body);
export const stepEvaluation = (id: number, step: 'self-assess' | 'comment' | 'propose' | 'decide', body: Record<string, unknown>) =>
  api.post<{ status: EvaluationStatus; version: number }>(`/grading/evaluations/${id}/${step}`, body);
export const fetchResults = (roundId: number, orgId?: number) => api.get<Results>('/grading/results', { roundId, orgId });
export const resultsXlsxUrl = (roundId: number, orgId?: number) => downloadUrl('/grading/results.xlsx', { roundId, orgId });
export const selfAssessmentDocxUrl = (id: number) => downloadUrl(`/grading/evaluations/${id}/self-assessment.docx`);
export const roundSummaryDocxUrl = (roundId: number) => downloadUrl(`/grading/rounds/${roundId}/summary.docx`);

export const levelColors: Record<GradeLevel, string> = { excellent: 'gold', good: 'green', completed: 'blue', failed: 'red' };
export const formatPercent = (p: number | null) => (p === null ? '—' : `${String(p).replace('.', ',')}%`);

export type JudgedTarget = { itemId: number; text: string; statement: string | null; status: TargetStatus; reason: string; latest: number | null; latestPeriod: string | null; unit: string };
export type EvaluationEvidence = {
  asOf: string;
  plans: { document: { id: number; symbol: string; title: string }; targets: JudgedTarget[] }[];
  inspections: { id: number; kind: 'inspection' | 'supervision'; theme: string; conclusionSymbol: string | null; sentOn: string; strengths: number; limitations: number; shortcomings: number; violations: number; recommendations: number; recommendationsDone: number }[];
};
export const fetchEvaluationEvidence = (id: number) => api.get<EvaluationEvidence>(`/grading/evaluations/${id}/evidence`);
