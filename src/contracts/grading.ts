import { z } from 'zod';

const id = z.coerce.number().int().positive();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng yyyy-mm-dd');
export const gradeLevelEnum = z.enum(['excellent', 'good', 'completed', 'failed']);

export const idParams = z.object({ id });
export const orgParams = z.object({ orgId: id });

export const openRoundSchema = z.object({
  orgId: id,
  periodKind: z.enum(['quarter', 'year', 'term']),
  periodKey: z.string().regex(/^\d{4}(-Q[1-4]|-\d{4})?$/, 'Kỳ đánh giá có dạng 2025, 2026-Q1 hoặc 2020-2025'),
  name: z.string().trim().min(1).max(300).optional(),
  selfAssessDue: isoDate,
  reviewDue: isoDate,
  decideDue: isoDate,
});
export type OpenRoundInput = z.infer<typeof openRoundSchema>;

export const listRoundsQuery = z.object({ orgId: id.optional() });

export const listEvaluationsQuery = z.object({
  orgId: id.optional(),
  subjectKind: z.enum(['member', 'org']).optional(),
  status: z.enum(['draft', 'self_assessed', 'commented', 'proposed', 'decided']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});
export type ListEvaluationsQuery = z.infer<typeof listEvaluationsQuery>;

const count = z.number().int().min(0).max(100_000);
export const saveEvaluationSchema = z.object({
  version: z.number().int(),
  points: z.record(z.string().max(60), z.number().finite().min(0).max(1000)).optional(),
  /** Members declare their tasks; for an org only `beyond` is declared, the rest comes from the app. */
  tasks: z.object({ total: count, onTime: count, late: count, overdue: count, beyond: count }).partial().optional(),
  narrative: z
    .object({ strengths: z.string().max(20_000), weaknesses: z.string().max(20_000), causes: z.string().max(20_000), remedies: z.string().max(20_000) })
    .partial()
    .optional(),
  pledgeReviews: z
    .array(z.object({ pledgeId: id, result: z.enum(['kept', 'partly', 'not_kept']), note: z.string().max(2000).default('') }))
    .max(200)
    .optional(),
});
export type SaveEvaluationInput = z.infer<typeof saveEvaluationSchema>;

export const selfAssessSchema = z.object({ version: z.number().int(), level: gradeLevelEnum.optional() });
export const commentSchema = z.object({ version: z.number().int(), comment: z.string().trim().min(1, 'Nhập ý kiến của chi bộ').max(20_000) });
const votes = z.object({ present: count, agree: count, disagree: count });
export const proposeSchema = z.object({ version: z.number().int(), level: gradeLevelEnum, votes });
export const decideSchema = z.object({ version: z.number().int(), level: gradeLevelEnum, votes: votes.optional() });
export const correctSchema = z.object({ version: z.number().int(), level: gradeLevelEnum, reason: z.string().trim().min(5, 'Nêu lý do điều chỉnh').max(5000) });

export const resultsQuery = z.object({ roundId: id, orgId: id.optional() });
export const resultsListQuery = z.object({
  roundId: id,
  orgId: id.optional(),
  subjectKind: z.enum(['member', 'org']),
  level: gradeLevelEnum.optional(),
  atLeast: gradeLevelEnum.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(200),
});
export type ResultsListQuery = z.infer<typeof resultsListQuery>;

const level = gradeLevelEnum;
const criterion = z.object({ key: z.string().regex(/^[a-z_]{1,40}$/), label: z.string().trim().min(2).max(300), maxPoints: z.number().positive().max(100) });
const condition = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all_on_time') }),
  z.object({ kind: z.literal('min_beyond_share'), min: z.number().min(0).max(1) }),
  z.object({ kind: z.literal('max_behind_share'), max: z.number().min(0).max(1) }),
  z.object({ kind: z.literal('min_each_criterion_share'), min: z.number().min(0).max(1) }),
]);
/** A rule set version as an administrator enters it (a copy of one with changes). */
export const addRuleSetSchema = z.object({
  code: z.string().regex(/^[A-Z0-9_]{2,20}$/),
  name: z.string().trim().min(5).max(300),
  legalBasis: z.object({ symbol: z.string().trim().min(2).max(60), date: isoDate, title: z.string().trim().min(2).max(500) }),
  effectiveFrom: isoDate,
  periodKinds: z.array(z.enum(['quarter', 'year', 'term'])).min(1),
  criteria: z.object({ member: z.array(criterion).min(1).max(20), org: z.array(criterion).min(1).max(20) }),
  levels: z.array(z.object({ level, minPoints: z.number().min(0).max(100), conditions: z.array(condition).max(10) })).length(4),
  quota: z.object({ level: z.literal('excellent'), maxShare: z.number().min(0).max(1) }),
});
