import type { z } from 'zod';
import { api, downloadUrl } from '../../lib/api';
import type * as C from '../../../contracts/grading';
import { GRADE_LABELS, EVALUATION_STATUS_LABELS, type EvaluationStatus, type GradeLevel } from '../../../domain/grading';

export { GRADE_LABELS, EVALUATION_STATUS_LABELS };
export type { EvaluationStatus, GradeLevel };

// Types of the answers come from the API's contracts (src/contracts/grading.ts).
export type Round = z.infer<typeof C.roundsResponse>[number];
export type RoundDetail = z.infer<typeof C.roundResponse>;
export type Evaluation = z.infer<typeof C.roundEvaluationsResponse>['items'][number] &
  Partial<Pick<z.infer<typeof C.myEvaluationsResponse>['items'][number], 'roundName' | 'selfAssessDue'>>;
export type EvaluationDetail = z.infer<typeof C.evaluationResponse>;
export type Criterion = Evaluation['sheet']['criteria'][number];
export type TaskFacts = Evaluation['tasks'];
export type PledgeEvidence = NonNullable<Evaluation['evidence']['pledges']>[number];
export type PledgeReview = Evaluation['pledgeReviews'][number];
export type Results = z.infer<typeof C.resultsResponse>;
export type LevelSummary = Results['orgs'];
export type Share = LevelSummary['goodOrAbove'];
export type OrgHistory = z.infer<typeof C.orgHistoryResponse>;
export type MemberHistory = z.infer<typeof C.memberHistoryResponse>;
export type HistoryRating = C.HistoryRating;

export const gradingKeys = {
  rounds: ['grading', 'rounds'] as const,
  round: (id: number) => ['grading', 'round', id] as const,
  evaluations: (roundId: number) => ['grading', 'evaluations', roundId] as const,
  evaluation: (id: number) => ['grading', 'evaluation', id] as const,
  mine: ['grading', 'mine'] as const,
  results: (roundId: number, orgId?: number) => ['grading', 'results', roundId, orgId ?? null] as const,
  orgHistory: (orgId: number) => ['grading', 'history', 'org', orgId] as const,
  memberHistory: (memberId: number) => ['grading', 'history', 'member', memberId] as const,
};

export const fetchOrgHistory = (orgId: number) => api.get<OrgHistory>(`/grading/orgs/${orgId}/history`);
export const fetchMemberHistory = (memberId: number) => api.get<MemberHistory>(`/grading/members/${memberId}/history`);
export const fetchRounds = () => api.get<Round[]>('/grading/rounds');
export const fetchRound = (id: number) => api.get<RoundDetail>(`/grading/rounds/${id}`);
export const openRound = (body: z.input<typeof C.openRoundSchema>) =>
  api.post<z.infer<typeof C.openRoundResponse>>('/grading/rounds', body);
export const fetchEvaluations = (roundId: number, query: { subjectKind?: string; status?: string } = {}) =>
  api.get<z.infer<typeof C.roundEvaluationsResponse>>(`/grading/rounds/${roundId}/evaluations`, { pageSize: 500, ...query });
export const fetchMyEvaluations = () => api.get<z.infer<typeof C.myEvaluationsResponse>>('/grading/my-evaluations');
export const fetchEvaluation = (id: number) => api.get<EvaluationDetail>(`/grading/evaluations/${id}`);
export const saveEvaluation = (id: number, body: z.input<typeof C.saveEvaluationSchema>) =>
  api.put<z.infer<typeof C.savedEvaluationResponse>>(`/grading/evaluations/${id}`, body);
export const stepEvaluation = (id: number, step: 'self-assess' | 'comment' | 'propose' | 'decide', body: Record<string, unknown>) =>
  api.post<z.infer<typeof C.evaluationStepResponse>>(`/grading/evaluations/${id}/${step}`, body);
export const fetchResults = (roundId: number, orgId?: number) => api.get<Results>('/grading/results', { roundId, orgId });
export const resultsXlsxUrl = (roundId: number, orgId?: number) => downloadUrl('/grading/results.xlsx', { roundId, orgId });
export const selfAssessmentDocxUrl = (id: number) => downloadUrl(`/grading/evaluations/${id}/self-assessment.docx`);
export const roundSummaryDocxUrl = (roundId: number) => downloadUrl(`/grading/rounds/${roundId}/summary.docx`);

export const levelColors: Record<GradeLevel, string> = { excellent: 'gold', good: 'green', completed: 'blue', failed: 'red' };
export const formatPercent = (p: number | null) => (p === null ? '—' : `${String(p).replace('.', ',')}%`);

export type EvaluationEvidence = z.infer<typeof C.evaluationEvidenceResponse>;
export const fetchEvaluationEvidence = (id: number) => api.get<EvaluationEvidence>(`/grading/evaluations/${id}/evidence`);
