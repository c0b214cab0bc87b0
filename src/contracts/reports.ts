import { z } from 'zod';
import { PERIOD_TYPES } from '../domain/targets';
import { taskStatuses } from '../domain/documents';

const id = z.coerce.number().int().positive();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng yyyy-mm-dd');
const periodKey = z.string().regex(/^(\d{4}(-(M(0[1-9]|1[0-2])|Q[1-4]|H[12]))?|midterm|final)$/, 'Kỳ báo cáo không hợp lệ');

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
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
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
export const closeExplanationSchema = z.object({ version: z.number().int() });
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
});
// No `today`: reminders run on the server's Vietnamese date, never on one the caller chooses.
export const remindersSchema = z.object({ daysBefore: z.number().int().min(0).max(30).default(3) });
