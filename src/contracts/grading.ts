import { z } from 'zod';
import { queryId, queryPage, queryPageSize } from './query-params';
import { timestamp } from './common';

const id = queryId();
/** An id inside a JSON body, where it is already a number. */
const bodyId = z.number().int().positive();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng yyyy-mm-dd');
export const gradeLevelEnum = z.enum(['excellent', 'good', 'completed', 'failed']);

export const idParams = z.object({ id });
export const orgParams = z.object({ orgId: id });

export const openRoundSchema = z.object({
  orgId: bodyId,
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
  page: queryPage(),
  pageSize: queryPageSize(500, 100),
});
export type ListEvaluationsQuery = z.infer<typeof listEvaluationsQuery>;

const count = z.number().int().min(0).max(100_000);
export const saveEvaluationSchema = z.object({
  version: z.number().int(),
  points: z.record(z.string().max(60), z.number().finite().min(0).max(1000)).optional(),
  /** Members declare their tasks; for an org only `beyond` is declared, the rest comes from the app. */
  tasks: z.object({ total: count, onTime: count, late: count, overdue: count, beyond: count }).partial().optional(),
  narrative: z
    .object({
      strengths: z.string().max(20_000),
      weaknesses: z.string().max(20_000),
      causes: z.string().max(20_000),
      remedies: z.string().max(20_000),
    })
    .partial()
    .optional(),
  pledgeReviews: z
    .array(z.object({ pledgeId: bodyId, result: z.enum(['kept', 'partly', 'not_kept']), note: z.string().max(2000).default('') }))
    .max(200)
    .optional(),
});
export type SaveEvaluationInput = z.infer<typeof saveEvaluationSchema>;

export const selfAssessSchema = z.object({ version: z.number().int(), level: gradeLevelEnum.optional() });
export const commentSchema = z.object({
  version: z.number().int(),
  comment: z.string().trim().min(1, 'Nhập ý kiến của chi bộ').max(20_000),
});
const votes = z.object({ present: count, agree: count, disagree: count });
export const proposeSchema = z.object({ version: z.number().int(), level: gradeLevelEnum, votes });
export const decideSchema = z.object({ version: z.number().int(), level: gradeLevelEnum, votes: votes.optional() });
export const correctSchema = z.object({
  version: z.number().int(),
  level: gradeLevelEnum,
  reason: z.string().trim().min(5, 'Nêu lý do điều chỉnh').max(5000),
});

export const resultsQuery = z.object({ roundId: id, orgId: id.optional() });
export const resultsListQuery = z.object({
  roundId: id,
  orgId: id.optional(),
  subjectKind: z.enum(['member', 'org']),
  level: gradeLevelEnum.optional(),
  atLeast: gradeLevelEnum.optional(),
  page: queryPage(),
  pageSize: queryPageSize(1000, 200),
});
export type ResultsListQuery = z.infer<typeof resultsListQuery>;

const level = gradeLevelEnum;
const criterion = z.object({
  key: z.string().regex(/^[a-z_]{1,40}$/),
  label: z.string().trim().min(2).max(300),
  maxPoints: z.number().positive().max(100),
});
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

// Answers: what each route responds (the serializer checks every answer against them).
/** What an evaluation was opened with, read from the other features: counts by kind, and the member's pledges. */
export const evidenceSchema = z.object({
  pledges: z
    .array(z.object({ pledgeId: z.number(), documentSymbol: z.string().nullable(), year: z.number(), commitments: z.array(z.string()) }))
    .optional(),
  study: z.record(z.string(), z.number()).optional(),
  reflections: z.record(z.string(), z.number()).optional(),
  tasks: z.record(z.string(), z.number()).optional(),
  reports: z.record(z.string(), z.number()).optional(),
  explanations: z.record(z.string(), z.number()).optional(),
});
/** POST /grading/rule-sets: a rule set with its legal basis, criteria and points, levels and their conditions, and quota. */
export const ruleSetResponse = z.object({
  code: z.string(),
  version: z.number(),
  name: z.string(),
  legalBasis: z.object({ symbol: z.string(), date: z.string(), title: z.string() }),
  effectiveFrom: z.string(),
  periodKinds: z.array(z.enum(['quarter', 'year', 'term'])),
  criteria: z.object({
    org: z.array(z.object({ key: z.string(), label: z.string(), maxPoints: z.number() })),
    member: z.array(z.object({ key: z.string(), label: z.string(), maxPoints: z.number() })),
  }),
  levels: z.array(
    z.object({
      level: z.enum(['excellent', 'good', 'completed', 'failed']),
      minPoints: z.number(),
      conditions: z.array(
        z.union([
          z.object({ kind: z.literal('all_on_time') }),
          z.object({ kind: z.literal('min_beyond_share'), min: z.number() }),
          z.object({ kind: z.literal('max_behind_share'), max: z.number() }),
          z.object({ kind: z.literal('min_each_criterion_share'), min: z.number() }),
        ]),
      ),
    }),
  ),
  quota: z.object({ level: z.literal('excellent'), maxShare: z.number() }),
});
/** GET /grading/rule-sets */
export const ruleSetsResponse = z.array(ruleSetResponse);
/** GET /grading/rounds */
export const roundsResponse = z.array(
  z.object({
    total: z.number(),
    decided: z.number(),
    members: z.number(),
    orgs: z.number(),
    ruleSetCode: z.string(),
    ruleSetName: z.string(),
    legalBasis: z.object({ symbol: z.string(), date: z.string(), title: z.string() }),
    id: z.number(),
    orgId: z.number(),
    orgName: z.string(),
    orgPath: z.string(),
    name: z.string(),
    periodKind: z.enum(['quarter', 'year', 'term']),
    periodKey: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
    selfAssessDue: z.string(),
    reviewDue: z.string(),
    decideDue: z.string(),
    isSample: z.boolean(),
    version: z.number(),
  }),
);
/** POST /grading/rounds */
export const openRoundResponse = z.object({
  id: z.number(),
  name: z.string(),
  ruleSetCode: z.string(),
  ruleSetName: z.string(),
  orgs: z.number(),
  members: z.number(),
});
/** GET /grading/rounds/:id */
export const roundResponse = z.object({
  statusCounts: z.array(z.object({ subjectKind: z.enum(['org', 'member']), status: z.string(), n: z.number() })),
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  orgPath: z.string(),
  name: z.string(),
  periodKind: z.enum(['quarter', 'year', 'term']),
  periodKey: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  ruleSet: z.object({
    code: z.string(),
    version: z.number(),
    name: z.string(),
    legalBasis: z.object({ symbol: z.string(), date: z.string(), title: z.string() }),
    effectiveFrom: z.string(),
    periodKinds: z.array(z.enum(['quarter', 'year', 'term'])),
    criteria: z.object({
      org: z.array(z.object({ key: z.string(), label: z.string(), maxPoints: z.number() })),
      member: z.array(z.object({ key: z.string(), label: z.string(), maxPoints: z.number() })),
    }),
    levels: z.array(
      z.object({
        level: z.enum(['excellent', 'good', 'completed', 'failed']),
        minPoints: z.number(),
        conditions: z.array(
          z.union([
            z.object({ kind: z.literal('all_on_time') }),
            z.object({ kind: z.literal('min_beyond_share'), min: z.number() }),
            z.object({ kind: z.literal('max_behind_share'), max: z.number() }),
            z.object({ kind: z.literal('min_each_criterion_share'), min: z.number() }),
          ]),
        ),
      }),
    ),
    quota: z.object({ level: z.literal('excellent'), maxShare: z.number() }),
  }),
  selfAssessDue: z.string(),
  reviewDue: z.string(),
  decideDue: z.string(),
  isSample: z.boolean(),
  version: z.number(),
});
/** One evaluation as the routes answer it, with its score sheet and the caller's abilities. */
export const evaluationSchema = z.object({
  subjectName: z.string(),
  ruleSet: z.object({
    code: z.string(),
    version: z.number(),
    name: z.string(),
    legalBasis: z.object({ symbol: z.string(), date: z.string(), title: z.string() }),
    levels: z.array(
      z.object({
        level: z.enum(['excellent', 'good', 'completed', 'failed']),
        minPoints: z.number(),
        conditions: z.array(
          z.union([
            z.object({ kind: z.literal('all_on_time') }),
            z.object({ kind: z.literal('min_beyond_share'), min: z.number() }),
            z.object({ kind: z.literal('max_behind_share'), max: z.number() }),
            z.object({ kind: z.literal('min_each_criterion_share'), min: z.number() }),
          ]),
        ),
      }),
    ),
    quota: z.object({ level: z.literal('excellent'), maxShare: z.number() }),
  }),
  sheet: z.object({
    total: z.number(),
    maxTotal: z.number(),
    criteria: z.array(z.object({ key: z.string(), label: z.string(), maxPoints: z.number(), points: z.number() })),
    level: z.enum(['excellent', 'good', 'completed', 'failed']),
    reasons: z.array(z.string()),
  }),
  abilities: z.object({
    update: z.boolean(),
    selfAssess: z.boolean(),
    comment: z.boolean(),
    propose: z.boolean(),
    decide: z.boolean(),
    correct: z.boolean(),
  }),
  id: z.number(),
  roundId: z.number(),
  subjectKind: z.enum(['org', 'member']),
  orgId: z.number(),
  orgName: z.string(),
  orgPath: z.string(),
  memberId: z.number().nullable(),
  memberName: z.string().nullable(),
  deciderOrgId: z.number(),
  deciderName: z.string(),
  deciderPath: z.string(),
  versionNo: z.number(),
  isCurrent: z.boolean(),
  correctionReason: z.string().nullable(),
  status: z.enum(['draft', 'self_assessed', 'commented', 'proposed', 'decided']),
  evidence: evidenceSchema,
  tasks: z.object({ total: z.number(), onTime: z.number(), late: z.number(), overdue: z.number(), beyond: z.number() }),
  points: z.record(z.string(), z.number()),
  score: z.number().nullable(),
  ruleLevel: z.enum(['excellent', 'good', 'completed', 'failed']).nullable(),
  selfLevel: z.enum(['excellent', 'good', 'completed', 'failed']).nullable(),
  narrative: z.record(z.string(), z.string()),
  pledgeReviews: z.array(z.object({ pledgeId: z.number(), result: z.enum(['kept', 'partly', 'not_kept']), note: z.string() })),
  comment: z.string().nullable(),
  votes: z.object({ present: z.number(), agree: z.number(), disagree: z.number() }).nullable(),
  proposedLevel: z.enum(['excellent', 'good', 'completed', 'failed']).nullable(),
  decidedLevel: z.enum(['excellent', 'good', 'completed', 'failed']).nullable(),
  decidedAt: z.string().nullable(),
  version: z.number(),
});
/** GET /grading/rounds/:id/evaluations */
export const roundEvaluationsResponse = z.object({
  items: z.array(evaluationSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
/** GET /grading/my-evaluations */
export const myEvaluationsResponse = z.object({
  items: z.array(evaluationSchema.extend({ roundName: z.string(), periodKey: z.string(), selfAssessDue: z.string() })),
});
/** GET /grading/evaluations/:id */
export const evaluationResponse = evaluationSchema.extend({
  history: z.array(
    z.object({
      id: z.number(),
      versionNo: z.number(),
      decidedLevel: z.string().nullable(),
      correctionReason: z.string().nullable(),
      decidedAt: timestamp.nullable(),
    }),
  ),
});
/** PUT /grading/evaluations/:id */
export const savedEvaluationResponse = z.object({
  id: z.number(),
  version: z.number(),
  score: z.number(),
  ruleLevel: z.enum(['excellent', 'good', 'completed', 'failed']),
  reasons: z.array(z.string()),
});
/** POST /grading/evaluations/:id/self-assess */
export const evaluationStepResponse = z.object({
  id: z.number(),
  status: z.enum(['draft', 'self_assessed', 'commented', 'proposed', 'decided']),
  version: z.number(),
  level: z.enum(['excellent', 'good', 'completed', 'failed']).nullable(),
});
/** POST /grading/evaluations/:id/correct */
export const correctionResponse = z.object({
  id: z.number(),
  versionNo: z.number(),
  version: z.number(),
  decidedLevel: z.enum(['excellent', 'good', 'completed', 'failed']),
});
/** GET /grading/results */
export const resultsResponse = z.object({
  round: z.object({
    id: z.number(),
    name: z.string(),
    periodKey: z.string(),
    periodKind: z.enum(['quarter', 'year', 'term']),
    ruleSetCode: z.string(),
    legalBasis: z.object({ symbol: z.string(), date: z.string(), title: z.string() }),
  }),
  org: z.object({ id: z.number(), name: z.string() }),
  orgs: z.object({
    counts: z.object({ excellent: z.number(), good: z.number(), completed: z.number(), failed: z.number() }),
    pending: z.number(),
    goodOrAbove: z.object({ numerator: z.number(), denominator: z.number(), percent: z.number().nullable() }),
    excellent: z.object({ numerator: z.number(), denominator: z.number(), percent: z.number().nullable() }),
  }),
  members: z.object({
    counts: z.object({ excellent: z.number(), good: z.number(), completed: z.number(), failed: z.number() }),
    pending: z.number(),
    goodOrAbove: z.object({ numerator: z.number(), denominator: z.number(), percent: z.number().nullable() }),
    excellent: z.object({ numerator: z.number(), denominator: z.number(), percent: z.number().nullable() }),
  }),
  children: z.array(
    z.object({
      orgId: z.number(),
      orgName: z.string(),
      orgs: z.object({
        counts: z.object({ excellent: z.number(), good: z.number(), completed: z.number(), failed: z.number() }),
        pending: z.number(),
        goodOrAbove: z.object({ numerator: z.number(), denominator: z.number(), percent: z.number().nullable() }),
        excellent: z.object({ numerator: z.number(), denominator: z.number(), percent: z.number().nullable() }),
      }),
      members: z.object({
        counts: z.object({ excellent: z.number(), good: z.number(), completed: z.number(), failed: z.number() }),
        pending: z.number(),
        goodOrAbove: z.object({ numerator: z.number(), denominator: z.number(), percent: z.number().nullable() }),
        excellent: z.object({ numerator: z.number(), denominator: z.number(), percent: z.number().nullable() }),
      }),
    }),
  ),
  flagged: z.array(
    z.object({ id: z.number(), subjectKind: z.enum(['org', 'member']), name: z.string(), orgName: z.string(), year: z.string() }),
  ),
});
/** GET /grading/results/list */
export const resultsListRowSchema = z.object({
  id: z.number(),
  subjectKind: z.enum(['org', 'member']),
  name: z.string(),
  orgName: z.string(),
  level: z.string().nullable(),
  score: z.number().nullable(),
  versionNo: z.number(),
});
export type ResultsListRow = z.infer<typeof resultsListRowSchema>;
export const resultsListResponse = z.object({
  items: z.array(resultsListRowSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
const gradeLevel = z.enum(['excellent', 'good', 'completed', 'failed']);
/** One rating in a subject's history: the round, the rule set it was graded under, the score and the levels. */
export const historyRatingSchema = z.object({
  evaluationId: z.number(),
  roundId: z.number(),
  roundName: z.string(),
  roundOrgName: z.string(),
  periodKind: z.enum(['quarter', 'year', 'term']),
  periodKey: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  ruleSetCode: z.string(),
  ruleSetName: z.string(),
  legalBasis: z.string().nullable(),
  status: z.enum(['draft', 'self_assessed', 'commented', 'proposed', 'decided']),
  score: z.number().nullable(),
  ruleLevel: gradeLevel.nullable(),
  proposedLevel: gradeLevel.nullable(),
  decidedLevel: gradeLevel.nullable(),
  versionNo: z.number(),
});
export type HistoryRating = z.infer<typeof historyRatingSchema>;
/** GET /grading/members/:memberId/history */
export const memberParams = z.object({ memberId: id });
export const memberHistoryResponse = z.object({
  member: z.object({ id: z.number(), fullName: z.string(), orgId: z.number(), orgName: z.string() }),
  ratings: z.array(historyRatingSchema),
});
/** GET /grading/orgs/:orgId/history */
export const orgHistoryResponse = z.object({
  org: z.object({ id: z.number(), name: z.string() }),
  /** The org's own ratings, every period kind, oldest first. */
  ratings: z.array(historyRatingSchema),
  years: z.array(
    z.object({
      membersGoodShare: z.object({ numerator: z.number(), denominator: z.number(), percent: z.number().nullable() }),
      orgsGoodShare: z.object({ numerator: z.number(), denominator: z.number(), percent: z.number().nullable() }),
      year: z.string(),
      level: z.enum(['excellent', 'good', 'completed', 'failed']).nullable(),
      members: z.number(),
      membersGood: z.number(),
      orgs: z.number(),
      orgsGood: z.number(),
    }),
  ),
});

/** Evidence judged when a form is read: the org's own targets as of the period's end, and the inspection conclusions sent. */
export const evaluationEvidenceResponse = z.object({
  asOf: z.string(),
  plans: z.array(
    z.object({
      document: z.object({ id: z.number(), symbol: z.string(), title: z.string() }),
      targets: z.array(
        z.object({
          itemId: z.number(),
          text: z.string(),
          statement: z.string().nullable(),
          status: z.enum(['achieved', 'on_track', 'at_risk', 'off_track', 'not_assessable']),
          reason: z.string(),
          latest: z.number().nullable(),
          latestPeriod: z.string().nullable(),
          unit: z.string(),
        }),
      ),
    }),
  ),
  inspections: z.array(
    z.object({
      id: z.number(),
      kind: z.enum(['inspection', 'supervision']),
      theme: z.string(),
      conclusionSymbol: z.string().nullable(),
      sentOn: z.string(),
      strengths: z.number(),
      limitations: z.number(),
      shortcomings: z.number(),
      violations: z.number(),
      recommendations: z.number(),
      recommendationsDone: z.number(),
    }),
  ),
});
