import { z } from 'zod';
import { queryId, queryInt, queryPage, queryPageSize } from './query-params';

export const sessionModes = ['online', 'in_person', 'hybrid'] as const;
export const attendanceStatuses = ['present', 'excused', 'absent'] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];

const presenter = z.object({ fullName: z.string().trim().min(1).max(200), title: z.string().trim().max(300).optional() });
const agendaItem = z.object({ time: z.string().trim().max(20).optional(), title: z.string().trim().min(1).max(500) });
const material = z.object({
  kind: z.enum(['link', 'file', 'slides', 'video']),
  title: z.string().trim().min(1).max(300),
  url: z
    .string()
    .trim()
    .max(2000)
    .refine((u) => /^(https?:\/\/|\/)/.test(u), 'Đường dẫn phải bắt đầu bằng http(s):// hoặc /'),
});
const videoUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((u) => u === '' || /^https?:\/\//.test(u), 'Đường dẫn hội nghị truyền hình phải bắt đầu bằng http(s)://');

const sessionFields = {
  title: z.string().trim().min(3, 'Hãy nhập tên hội nghị').max(500),
  documentIds: z.array(z.number().int().positive()).min(1, 'Hãy chọn ít nhất một văn bản được học tập').max(20),
  mode: z.enum(sessionModes),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  checkinOpenMinutes: z.number().int().min(0).max(1440),
  checkinCloseMinutes: z.number().int().min(0).max(1440),
  videoUrl: videoUrl.nullable(),
  agenda: z.array(agendaItem).max(100),
  presenters: z.array(presenter).max(50),
  materials: z.array(material).max(100),
};

export const createSessionSchema = z.object({
  orgId: z.number().int().positive(),
  ...sessionFields,
  checkinOpenMinutes: sessionFields.checkinOpenMinutes.default(60),
  checkinCloseMinutes: sessionFields.checkinCloseMinutes.default(30),
  videoUrl: sessionFields.videoUrl.optional(),
  agenda: sessionFields.agenda.default([]),
  presenters: sessionFields.presenters.default([]),
  materials: sessionFields.materials.default([]),
});
export type CreateSessionInput = z.infer<typeof createSessionSchema>;

export const updateSessionSchema = z.object({ version: z.number().int().positive() }).extend(
  Object.fromEntries(Object.entries(sessionFields).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof typeof sessionFields]: z.ZodOptional<(typeof sessionFields)[K]>;
  },
);
export type UpdateSessionInput = z.infer<typeof updateSessionSchema>;

export const makeupSessionSchema = z.object({
  title: z.string().trim().min(3).max(500).optional(),
  mode: z.enum(sessionModes).default('in_person'),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  /** Limit the make-up to the absentees of one org's subtree (a cell holding its own make-up). */
  orgId: z.number().int().positive().optional(),
});
export type MakeupSessionInput = z.infer<typeof makeupSessionSchema>;

export const versionBody = z.object({ version: z.number().int().positive() });

const documentRef = z.object({ id: z.number(), symbol: z.string(), title: z.string() });
export const pointCounts = z.object({ expected: z.number(), present: z.number(), excused: z.number(), absent: z.number() });

export const sessionSummarySchema = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  title: z.string(),
  mode: z.enum(sessionModes),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(['planned', 'cancelled']),
  makeupOf: z.number().nullable(),
  documents: z.array(documentRef),
  pointCount: z.number(),
  presentCount: z.number(),
  isSample: z.boolean(),
});
export type SessionSummary = z.infer<typeof sessionSummarySchema>;

export const sessionSchema = sessionSummarySchema.extend({
  checkinOpenMinutes: z.number(),
  checkinCloseMinutes: z.number(),
  videoUrl: z.string().nullable(),
  agenda: z.array(agendaItem),
  presenters: z.array(presenter),
  materials: z.array(material),
  makeupOfTitle: z.string().nullable(),
  makeups: z.array(z.object({ id: z.number(), title: z.string(), startsAt: z.string() })),
  version: z.number(),
  abilities: z.object({ update: z.boolean() }),
});
export type SessionView = z.infer<typeof sessionSchema>;

export const listSessionsQuery = z.object({
  orgId: queryId().optional(),
  documentId: queryId().optional(),
  when: z.enum(['upcoming', 'past', 'all']).default('all'),
  page: queryPage(),
  pageSize: queryPageSize(100, 20),
});
export type ListSessionsQuery = z.infer<typeof listSessionsQuery>;

export const sessionPageSchema = z.object({
  items: z.array(sessionSummarySchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

// Bridge points ---------------------------------------------------------------------------

export const createPointSchema = z.object({
  orgId: z.number().int().positive(),
  name: z.string().trim().min(2).max(300).optional(),
  place: z.string().trim().max(500).optional(),
  hostName: z.string().trim().max(200).optional(),
  isMain: z.boolean().default(false),
  expectedKind: z.enum(['subtree', 'list']).default('subtree'),
  /** For 'subtree': whose members are expected (default: the point's org). */
  expectedOrgId: z.number().int().positive().optional(),
  /** For 'list', or guests at a 'subtree' point: member codes. */
  memberCodes: z.array(z.string().trim().min(1).max(40)).max(5000).default([]),
});
export type CreatePointInput = z.infer<typeof createPointSchema>;

export const bulkPointsSchema = z.object({
  underOrgId: z.number().int().positive(),
  kind: z.enum(['commune_committee', 'district_committee', 'grassroots', 'cell', 'bloc_committee', 'agency']),
  /** Also a point at `underOrgId` itself, as the main point (e.g. Thành ủy Dĩ An). */
  includeParent: z.boolean().default(false),
});

export const updatePointSchema = z.object({
  version: z.number().int().positive(),
  name: z.string().trim().min(2).max(300).optional(),
  place: z.string().trim().max(500).nullable().optional(),
  hostName: z.string().trim().max(200).nullable().optional(),
});

export const pointSchema = z.object({
  id: z.number(),
  sessionId: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  name: z.string(),
  place: z.string().nullable(),
  hostName: z.string().nullable(),
  isMain: z.boolean(),
  expectedKind: z.enum(['subtree', 'list']),
  expectedOrgId: z.number().nullable(),
  counts: pointCounts,
  version: z.number(),
  abilities: z.object({ update: z.boolean() }),
});
export type PointView = z.infer<typeof pointSchema>;

export const attendanceRowSchema = z.object({
  memberId: z.number(),
  code: z.string(),
  fullName: z.string(),
  orgName: z.string(),
  status: z.enum(attendanceStatuses).nullable(),
  reason: z.string().nullable(),
  method: z.enum(['qr', 'manual', 'import']).nullable(),
  at: z.string().nullable(),
  seq: z.number().nullable(),
  /** On the roll, to the point's host only: the member's personal check-in code, to hand out or read out. */
  personalCode: z.string().nullable().optional(),
});
export type AttendanceRow = z.infer<typeof attendanceRowSchema>;

export const liveQuery = z.object({
  after: queryInt({ min: 0 }).default(0),
  limit: queryInt({ min: 1, max: 500 }).default(200),
});
export const liveSchema = z.object({ items: z.array(attendanceRowSchema), cursor: z.number(), counts: pointCounts });

export const rollQuery = z.object({
  filter: z.enum(['all', 'missing', 'present', 'excused', 'absent']).default('all'),
  q: z.string().trim().max(100).optional(),
  page: queryPage(),
  pageSize: queryPageSize(500, 50),
});
export const rollSchema = z.object({ items: z.array(attendanceRowSchema), total: z.number(), page: z.number(), pageSize: z.number() });

export const markSchema = z.object({
  status: z.enum(attendanceStatuses),
  reason: z.string().trim().max(500).optional(),
});

export const qrSchema = z.object({ token: z.string(), url: z.string(), svg: z.string(), expiresAt: z.string() });

// Small answers and bodies of the session and point routes.
export const invitationsResultSchema = z.object({ queued: z.number(), isHeld: z.boolean() });
export const bulkPointsResultSchema = z.object({ created: z.number() });
export const allowMembersSchema = z.object({ codes: z.array(z.string().trim().min(1).max(40)).min(1).max(5000) });
export const allowMembersResultSchema = z.object({ added: z.number(), unknown: z.array(z.string()) });
export const markResultSchema = z.object({ memberId: z.number(), status: z.string() });
export const rollImportResultSchema = z.object({ applied: z.number() });
