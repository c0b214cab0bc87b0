import { z } from 'zod';
import { queryId, queryInt, queryPage, queryPageSize } from './query-params';
import { PERIOD_TYPES } from '../domain/targets';
import { taskStatuses } from '../domain/documents';
import { ESCALATION_KINDS } from '../domain/reports/escalation';
import { timestamp } from './common';

const id = queryId();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng yyyy-mm-dd');
const periodKey = z.string().regex(/^(\d{4}(-(M(0[1-9]|1[0-2])|Q[1-4]|H[12]))?|midterm|final)$/, 'Kỳ báo cáo không hợp lệ');

/** Which tree a past day reads: the tree of that day (default) or today's ("số liệu quy đổi theo địa giới mới"). */
const treeBasis = z.enum(['as_of', 'current'], { message: 'Cơ cấu tổ chức phải là "as_of" hoặc "current"' });

export const idParams = z.object({ id });
export const documentParams = z.object({ documentId: id });
export const itemParams = z.object({ itemId: id });
export const periodTypeEnum = z.enum(PERIOD_TYPES as unknown as ['month', 'quarter', 'half_year', 'year', 'midterm', 'final']);

export const createScheduleSchema = z.object({
  periodType: periodTypeEnum,
  dueDays: z.number().int().min(-60).max(90).default(15),
  levelOffsetDays: z.number().int().min(0).max(30).default(5),
});
export type CreateScheduleInput = z.infer<typeof createScheduleSchema>;

export const listReportsQuery = z.object({
  documentId: id.optional(),
  orgId: id.optional(),
  periodKey: periodKey.optional(),
  status: z.enum(['draft', 'submitted', 'returned', 'approved']).optional(),
  /** Reports waiting for the caller: to write (draft/returned) or to approve (submitted). */
  waiting: z.enum(['write', 'approve']).optional(),
  page: queryPage(),
  pageSize: queryPageSize(500, 100),
});
export type ListReportsQuery = z.infer<typeof listReportsQuery>;

const optionalNumber = z.number().finite().nullable().optional();

export const saveReportSchema = z.object({
  version: z.number().int(),
  narrative: z.string().max(50_000).optional(),
  targets: z
    .array(
      z.object({
        itemId: z.number().int().positive(),
        value: optionalNumber,
        numerator: z.number().finite().min(0).nullable().optional(),
        denominator: z.number().finite().min(0).nullable().optional(),
        source: z.string().trim().max(500).nullable().optional(),
        note: z.string().trim().max(5000).nullable().optional(),
        includesChildren: z.boolean().optional(),
      }),
    )
    .max(5000)
    .default([]),
  tasks: z
    .array(
      z.object({
        taskId: z.number().int().positive(),
        status: z.enum(taskStatuses),
        progress: z.number().int().min(0).max(100),
        doneText: z.string().trim().max(5000).nullable().optional(),
      }),
    )
    .max(5000)
    .default([]),
});
export type SaveReportInput = z.infer<typeof saveReportSchema>;

export const submitReportSchema = z.object({
  version: z.number().int(),
  /** A client retrying the same submission sends the same key and gets the same answer. */
  idempotencyKey: z.string().trim().min(8).max(100),
});
export const approveReportSchema = submitReportSchema;
export const returnReportSchema = z.object({
  version: z.number().int(),
  comment: z.string().trim().min(3, 'Hãy ghi ý kiến khi trả lại báo cáo').max(5000),
});

export const dashboardQuery = z.object({
  orgId: id.optional(),
  asOf: isoDate.optional(),
  /** The reporting period whose completeness is shown; by default the latest due by `asOf`. */
  periodKey: periodKey.optional(),
  /**
   * Which tree a past `asOf` reads: `as_of` (default) the tree of that day; `current` today's
   * tree ("số liệu quy đổi theo địa giới mới": a merged city as the sum of its predecessors).
   */
  tree: treeBasis.optional(),
});
export const rollupQuery = z.object({
  indicatorId: id,
  orgId: id,
  asOf: isoDate.optional(),
});

export const drilldownQuery = z.object({
  orgId: id.optional(),
  asOf: isoDate.optional(),
  periodKey: periodKey.optional(),
  /** The tree the list reads, as the dashboard's `tree`: the list names what its number counted. */
  tree: treeBasis.optional(),
  /** What list behind a number: targets of a status, tasks of a status or overdue, reports. */
  list: z.enum(['targets', 'tasks', 'overdue_tasks', 'reports']),
  status: z.string().max(40).optional(),
});

export const createExplanationSchema = z
  .object({
    itemId: z.number().int().positive().optional(),
    taskId: z.number().int().positive().optional(),
    orgId: z.number().int().positive(),
    question: z.string().trim().min(5, 'Hãy ghi nội dung cần giải trình').max(5000),
    dueDate: isoDate,
  })
  .refine((e) => e.itemId !== undefined || e.taskId !== undefined, { message: 'Hãy chọn chỉ tiêu hoặc nhiệm vụ', path: ['itemId'] });
export type CreateExplanationInput = z.infer<typeof createExplanationSchema>;
export const answerExplanationSchema = z.object({
  version: z.number().int(),
  body: z.string().trim().min(3, 'Hãy ghi nội dung giải trình').max(10_000),
});
/** The asking side's reply in the thread (same shape as an answer). */
export const replyExplanationSchema = answerExplanationSchema;
/** Closing takes a note: what the asking side concluded. */
export const closeExplanationSchema = z.object({
  version: z.number().int(),
  note: z.string().trim().min(3, 'Hãy ghi ý kiến kết luận').max(5000),
});
/** The text fields sent with a file (multipart): as an answer or as the asking side's reply, with optional text. */
export const explanationFileFields = z.object({
  version: queryInt({ min: 0 }),
  as: z.enum(['answer', 'reply'], { message: 'Chọn gửi như giải trình hoặc trao đổi' }),
  body: z.string().trim().max(10_000).default(''),
});
export type ExplanationFileFields = z.infer<typeof explanationFileFields>;
export const explanationFileParams = z.object({ id, fileId: id });
export const listExplanationsQuery = z.object({
  itemId: id.optional(),
  taskId: id.optional(),
  status: z.enum(['open', 'answered', 'closed']).optional(),
});

export const shareSchema = z.object({
  isEnabled: z.boolean(),
  publicItemIds: z.array(z.number().int().positive()).max(5000).default([]),
  showTasks: z.boolean().default(false),
});
export const tokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) });

export const wordReportQuery = z.object({
  orgId: id.optional(),
  periodKey: periodKey,
  tree: treeBasis.optional(),
});
// No `today`: reminders run on the server's Vietnamese date, never on one the caller chooses.
export const remindersSchema = z.object({ daysBefore: z.number().int().min(0).max(30).default(3) });

// Answers: what each route responds (the serializer checks every answer against them).
export const reportStatusEnum = z.enum(['draft', 'submitted', 'returned', 'approved']);
export const reportAbilitiesSchema = z.object({ update: z.boolean(), submit: z.boolean(), approve: z.boolean(), return: z.boolean() });
/** Every step of the workflow a report's history can show. */
export const reportActionEnum = z.enum(['submit', 'resubmit', 'return', 'approve', 'reopen']);
export type ReportAction = z.infer<typeof reportActionEnum>;

/** GET /documents/:documentId/report-schedules */
export const reportSchedulesResponse = z.array(
  z.object({
    id: z.number(),
    documentId: z.number(),
    periodType: periodTypeEnum,
    dueDays: z.number(),
    levelOffsetDays: z.number(),
    version: z.number(),
    reportCount: z.number(),
  }),
);
/** POST /documents/:documentId/report-schedules */
export const reportScheduleResponse = z.object({
  reportCount: z.number(),
  periodType: periodTypeEnum,
  dueDays: z.number(),
  levelOffsetDays: z.number(),
  id: z.number(),
  documentId: z.number(),
});

export const reportSummarySchema = z.object({
  abilities: reportAbilitiesSchema,
  id: z.number(),
  scheduleId: z.number(),
  documentId: z.number(),
  documentSymbol: z.string(),
  documentTitle: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  orgPath: z.string(),
  periodType: z.string(),
  periodKey: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  dueDate: z.string(),
  status: reportStatusEnum,
  narrative: z.string(),
  submittedAt: z.string().nullable(),
  firstSubmittedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  returnComment: z.string().nullable(),
  isSample: z.boolean(),
  version: z.number(),
});
/** GET /reports */
export const reportPageResponse = z.object({
  items: z.array(reportSummarySchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

export const reportedTargetSchema = z.object({
  itemId: z.number(),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  source: z.string().nullable(),
  note: z.string().nullable(),
  includesChildren: z.boolean(),
});
export type ReportedTarget = z.infer<typeof reportedTargetSchema>;
export const reportTargetSchema = z.object({
  itemId: z.number(),
  text: z.string(),
  documentId: z.number(),
  documentSymbol: z.string(),
  indicatorId: z.number().nullable(),
  indicatorCode: z.string().nullable(),
  indicatorName: z.string().nullable(),
  aggregation: z.string().nullable(),
  unit: z.string().nullable(),
  comparator: z.string().nullable(),
  value: z.number().nullable(),
  valueMin: z.number().nullable(),
  valueMax: z.number().nullable(),
  perYear: z.boolean(),
  reported: reportedTargetSchema.nullable(),
  /** The children's approved total (rates with their parts). */
  children: z
    .object({ value: z.number().nullable(), numerator: z.number().nullable(), denominator: z.number().nullable(), reporting: z.number() })
    .nullable(),
  /** For a STUDY_RATE target: the coverage the server computed from study attendance (percent, studied / members). */
  fromStudy: z.object({ value: z.number(), numerator: z.number(), denominator: z.number(), asOf: z.string() }).nullable(),
  /** The figure the previous period's report gave, for comparison; null when it gave none. */
  previousReported: z
    .object({ itemId: z.number(), value: z.number().nullable(), numerator: z.number().nullable(), denominator: z.number().nullable() })
    .nullable(),
});
export const reportedTaskSchema = z.object({
  taskId: z.number(),
  status: z.enum(taskStatuses),
  progress: z.number(),
  doneText: z.string().nullable(),
});
export type ReportedTask = z.infer<typeof reportedTaskSchema>;
export const reportTaskSchema = z.object({
  taskId: z.number(),
  title: z.string(),
  dueDate: z.string().nullable(),
  status: z.enum(taskStatuses),
  progress: z.number(),
  version: z.number(),
  reported: reportedTaskSchema.nullable(),
});
export const reportEventSchema = z.object({
  id: z.number(),
  action: reportActionEnum,
  fromStatus: z.string(),
  toStatus: z.string(),
  comment: z.string().nullable(),
  actorName: z.string(),
  createdAt: timestamp,
});
export const reportFileSchema = z.object({
  id: z.number(),
  fileName: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number(),
  createdAt: timestamp,
});
/** An open flag: a correction in the member registry moved a figure of this approved report. */
export const reportReapprovalSchema = z.object({
  id: z.number(),
  reason: z.string(),
  differences: z.array(
    z.object({ itemId: z.number(), figure: z.string(), before: z.number(), after: z.number(), reported: z.number().nullable() }),
  ),
  flaggedAt: timestamp,
});
/** GET /reports/:id (and every step of its workflow) */
export const reportResponse = reportSummarySchema.extend({
  /** The report of the period before, same schedule and org; null for a first period. */
  previous: z.object({ id: z.number(), periodKey: z.string(), status: reportStatusEnum }).nullable(),
  /** Sent after the due date, or not sent and past it (Vietnam's days); `days` past the due date. */
  lateness: z.object({ isLate: z.boolean(), days: z.number() }),
  targets: z.array(reportTargetSchema),
  tasks: z.array(reportTaskSchema),
  events: z.array(reportEventSchema),
  files: z.array(reportFileSchema),
  /** Open flags for re-approval (cleared by the next approval). */
  reapprovals: z.array(reportReapprovalSchema),
});
/** POST /reports/:id/files */
export const reportFileResponse = z.object({ id: z.number(), fileName: z.string(), mimeType: z.string(), sizeBytes: z.number() });
/** GET /rollups */
export const rollupResponse = z.object({
  indicator: z.object({ id: z.number(), name: z.string(), unit: z.string(), aggregation: z.string() }),
  orgId: z.number(),
  orgName: z.string(),
  asOf: z.string(),
  periods: z.array(
    z.object({
      periodKey: z.string(),
      periodEnd: z.string(),
      own: z.number().nullable(),
      subtree: z.number().nullable(),
      numerator: z.number().nullable(),
      denominator: z.number().nullable(),
      reporting: z.number(),
    }),
  ),
});
/** A target as the dashboard judges it, with its actuals, plan and forecast. */
export const dashboardTargetSchema = z.object({
  itemId: z.number(),
  text: z.string(),
  statement: z.string().nullable(),
  indicatorId: z.number().nullable(),
  indicatorName: z.string().nullable(),
  aggregation: z.string().nullable(),
  unit: z.string(),
  status: z.enum(['achieved', 'on_track', 'at_risk', 'off_track', 'not_assessable']),
  reason: z.string(),
  latest: z.number().nullable(),
  latestPeriod: z.string().nullable(),
  requiredRate: z.number().nullable(),
  source: z.enum(['reports', 'study', 'grading', 'oversight', 'registry']),
  actuals: z.array(z.object({ periodKey: z.string(), periodEnd: z.string(), value: z.number().nullable(), reporting: z.number() })),
  yearly: z.array(z.object({ year: z.number(), value: z.number() })),
  plan: z.array(z.object({ year: z.number(), value: z.number() })),
  forecast: z.array(z.object({ year: z.number(), value: z.number() })),
  openExplanations: z.number(),
  /** Why the subtree's figure cannot be combined on the tree read (shown instead of a number), else null. */
  notCombinable: z.object({ vi: z.string(), en: z.string() }).nullable(),
});
const taskCountsSchema = z.object({
  counts: z.object({ not_started: z.number(), in_progress: z.number(), done: z.number(), overdue: z.number(), cancelled: z.number() }),
  overdue: z.number(),
});
/** How many reports were expected, sent, sent on time, approved and late. */
const reportCountsSchema = z.object({
  submittedPct: z.number().nullable(),
  onTimePct: z.number().nullable(),
  expected: z.number(),
  submitted: z.number(),
  onTime: z.number(),
  approved: z.number(),
  late: z.number(),
});
const dashboardDocumentSchema = z.object({
  id: z.number(),
  symbol: z.string(),
  title: z.string(),
  term: z.string(),
  orgId: z.number(),
  orgName: z.string(),
});
/** GET /documents/:documentId/dashboard */
export const dashboardResponse = z.object({
  document: dashboardDocumentSchema,
  org: z.object({ id: z.number(), name: z.string(), path: z.string(), parentId: z.number().nullable() }),
  asOf: z.string(),
  /** The tree the figures use, as the page says it ("Cơ cấu tổ chức tại ngày …"). */
  tree: z.object({ basis: z.enum(['as_of', 'current']), isPastTree: z.boolean(), label: z.object({ vi: z.string(), en: z.string() }) }),
  /** Members of the org's subtree in that tree (on that day for a past tree). */
  members: z.number(),
  targets: z.array(dashboardTargetSchema),
  targetCounts: z.object({
    achieved: z.number(),
    on_track: z.number(),
    at_risk: z.number(),
    off_track: z.number(),
    not_assessable: z.number(),
  }),
  tasks: taskCountsSchema,
  periods: z.array(z.object({ key: z.string(), dueDate: z.string() })),
  concretized: z.array(
    z.object({
      document: z.object({ id: z.number(), symbol: z.string(), title: z.string() }),
      targets: z.array(dashboardTargetSchema.extend({ parentItemIds: z.array(z.number()) })),
    }),
  ),
  reports: reportCountsSchema.extend({ periodKey: z.string().nullable() }),
  children: z.array(
    z.object({
      orgId: z.number(),
      orgName: z.string(),
      tasks: z.object({ total: z.number(), overdue: z.number(), done: z.number() }),
      reports: reportCountsSchema,
    }),
  ),
  openExplanations: z.number(),
});

/** GET /documents/:documentId/dashboard/list: the list behind a number. */
export const drillTargetSchema = dashboardTargetSchema.omit({ actuals: true, plan: true, forecast: true, yearly: true });
export const drillTaskSchema = z.object({
  id: z.number(),
  title: z.string(),
  leadOrgId: z.number(),
  leadOrgName: z.string(),
  dueDate: z.string().nullable(),
  status: z.string(),
  progress: z.number(),
  isOverdue: z.boolean(),
  itemId: z.number().nullable(),
});
export const drillReportSchema = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  periodKey: z.string(),
  status: z.string(),
  dueDate: z.string(),
  firstSubmittedAt: timestamp.nullable(),
  approvedAt: timestamp.nullable(),
});
export const drilldownResponse = z.object({
  rows: z.union([z.array(drillTargetSchema), z.array(drillTaskSchema), z.array(drillReportSchema)]),
});

/** GET and PUT /documents/:documentId/dashboard-share */
export const shareResponse = z.object({
  token: z.string().nullable(),
  isEnabled: z.boolean(),
  publicItemIds: z.array(z.number()),
  showTasks: z.boolean(),
  version: z.number(),
});
/** GET /public/dashboards/:token */
export const publicDashboardResponse = z.object({
  document: dashboardDocumentSchema,
  asOf: z.string(),
  targets: z.array(dashboardTargetSchema.omit({ openExplanations: true })),
  tasks: taskCountsSchema.nullable(),
});

export const explanationStatusEnum = z.enum(['open', 'answered', 'closed']);
export const explanationFileSchema = z.object({ id: z.number(), fileName: z.string(), mimeType: z.string(), sizeBytes: z.number() });
export const explanationSchema = z.object({
  id: z.number(),
  documentId: z.number().nullable(),
  itemId: z.number().nullable(),
  taskId: z.number().nullable(),
  orgId: z.number(),
  orgName: z.string(),
  orgPath: z.string(),
  question: z.string(),
  dueDate: z.string(),
  status: explanationStatusEnum,
  askedByName: z.string().nullable(),
  subject: z.string().nullable(),
  isSample: z.boolean(),
  version: z.number(),
  createdAt: timestamp,
  /** Open (waiting for an answer) past its due date, on Vietnam's today: flagged on both sides. */
  isOverdue: z.boolean(),
  closedNote: z.string().nullable(),
  abilities: z.object({ answer: z.boolean(), close: z.boolean(), reply: z.boolean() }),
});
/** GET /explanations */
export const explanationsResponse = z.array(explanationSchema);
/** POST /explanations, GET /explanations/:id and its answer and close */
export const explanationResponse = explanationSchema.extend({
  messages: z.array(
    z.object({
      id: z.number(),
      authorName: z.string().nullable(),
      kind: z.enum(['question', 'answer', 'comment', 'close']),
      body: z.string(),
      createdAt: timestamp,
      files: z.array(explanationFileSchema),
    }),
  ),
});
const myReportSchema = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  documentSymbol: z.string(),
  periodKey: z.string(),
  status: reportStatusEnum,
  dueDate: z.string(),
});
/** GET /my-work */
export const myWorkResponse = z.object({
  asOf: z.string(),
  reportsToWrite: z.array(myReportSchema.extend({ isLate: z.boolean() })),
  reportsToApprove: z.array(myReportSchema),
  lateTasks: z.array(
    z.object({
      id: z.number(),
      title: z.string(),
      leadOrgName: z.string(),
      dueDate: z.string(),
      status: z.enum(taskStatuses),
      progress: z.number(),
    }),
  ),
  explanations: z.array(
    z.object({
      id: z.number(),
      orgId: z.number(),
      orgName: z.string(),
      question: z.string(),
      dueDate: z.string(),
      status: explanationStatusEnum,
      subject: z.string().nullable(),
      askedByName: z.string().nullable(),
      isOverdue: z.boolean(),
    }),
  ),
  notifications: z.array(
    z.object({ id: z.number(), kind: z.string(), title: z.string(), body: z.string(), link: z.string().nullable(), createdAt: timestamp }),
  ),
});
/** POST /reports/reminders */
export const remindersResponse = z.object({ today: z.string(), notifications: z.number(), mails: z.number(), smtp: z.boolean() });
/** POST /notifications/:id/read */
export const notificationReadResponse = z.object({ id: z.number(), readAt: timestamp });
/** POST /notifications/read-all */
export const notificationsReadAllResponse = z.object({ count: z.number() });

// Escalation of follow-up (issue 12)
export const escalationKindEnum = z.enum(ESCALATION_KINDS as unknown as ['report_submission', 'report_approval', 'explanation_answer']);
/** GET /escalations */
export const escalationsQuery = z.object({ orgId: id.optional(), limit: queryPageSize(200, 50) });
export type EscalationsQuery = z.infer<typeof escalationsQuery>;
export const escalationsResponse = z.array(
  z.object({
    id: z.number(),
    kind: escalationKindEnum,
    title: z.string(),
    link: z.string(),
    subjectOrgName: z.string(),
    lateOrgId: z.number(),
    lateOrgName: z.string(),
    headOrgName: z.string(),
    dueDate: z.string(),
    escalationDays: z.number(),
    escalatedOn: z.string(),
    isResolved: z.boolean(),
  }),
);
export const orgParams = z.object({ orgId: id });
/** PUT /followup-settings/:orgId; `version` 0 when the org has no setting of its own yet. */
export const followupSettingsSchema = z.object({
  escalationDays: z.number().int().min(1).max(90),
  version: z.number().int().min(0),
});
export type FollowupSettingsInput = z.infer<typeof followupSettingsSchema>;
/** GET and PUT /followup-settings/:orgId */
export const followupSettingsResponse = z.object({
  orgId: z.number(),
  escalationDays: z.number(),
  source: z.enum(['own', 'inherited', 'default']),
  sourceOrgName: z.string().nullable(),
  version: z.number(),
});
