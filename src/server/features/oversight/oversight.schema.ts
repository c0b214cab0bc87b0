import { z } from 'zod';
import { FINDING_KINDS, OVERSIGHT_BASES, OVERSIGHT_KINDS, RESPONSIBLE_BODIES, TEAM_ROLES } from '../../../domain/oversight';

const id = z.coerce.number().int().positive();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng yyyy-mm-dd');
const text = (max: number, label: string) => z.string().trim().min(1, `${label} không được để trống`).max(max, `${label} dài quá ${max} ký tự`);
const ids = z.array(z.number().int().positive()).max(500).default([]);
const version = z.number().int().positive();

export const idParams = z.object({ id });
export const orgParams = z.object({ orgId: id });

export const listProgramsQuery = z.object({ orgId: id.optional(), year: z.coerce.number().int().min(2000).max(2100).optional() });

export const createProgramSchema = z.object({
  orgId: z.number().int().positive(),
  body: z.enum(['committee', 'inspection_commission']),
  year: z.number().int().min(2000, 'Năm không hợp lệ').max(2100, 'Năm không hợp lệ'),
  title: text(500, 'Tên chương trình'),
  issueDate: isoDate.optional(),
});
export type CreateProgramInput = z.infer<typeof createProgramSchema>;

export const createEntrySchema = z.object({
  version,
  kind: z.enum(OVERSIGHT_KINDS),
  basis: z.enum(OVERSIGHT_BASES),
  content: text(5000, 'Nội dung'),
  theme: text(200, 'Chủ đề'),
  subjectOrgIds: ids,
  subjectMemberIds: ids,
  documentIds: ids,
  itemIds: ids,
  taskIds: ids,
  periodStart: isoDate,
  periodEnd: isoDate,
  responsibleBody: z.enum(RESPONSIBLE_BODIES),
}).refine((v) => v.subjectOrgIds.length + v.subjectMemberIds.length > 0, { message: 'Cần chọn ít nhất một đối tượng (tổ chức hoặc đảng viên)', path: ['subjectOrgIds'] })
  .refine((v) => v.periodEnd >= v.periodStart, { message: 'Thời gian kết thúc phải sau thời gian bắt đầu', path: ['periodEnd'] });
export type CreateEntryInput = z.infer<typeof createEntrySchema>;

export const createInspectionSchema = z.object({
  orgId: z.number().int().positive(),
  entryId: z.number().int().positive().optional(),
  kind: z.enum(OVERSIGHT_KINDS),
  basis: z.enum(OVERSIGHT_BASES),
  responsibleBody: z.enum(RESPONSIBLE_BODIES).default('inspection_commission'),
  subjectOrgId: z.number().int().positive(),
  subjectMemberId: z.number().int().positive().optional(),
  content: text(5000, 'Nội dung'),
  theme: text(200, 'Chủ đề'),
  documentId: z.number().int().positive().optional(),
  periodStart: isoDate,
  periodEnd: isoDate,
}).refine((v) => v.periodEnd >= v.periodStart, { message: 'Thời gian kết thúc phải sau thời gian bắt đầu', path: ['periodEnd'] });
export type CreateInspectionInput = z.infer<typeof createInspectionSchema>;

export const listInspectionsQuery = z.object({ orgId: id.optional(), subjectOrgId: id.optional(), year: z.coerce.number().int().min(2000).max(2100).optional() });

export const formTeamSchema = z.object({
  version,
  decisionDate: isoDate,
  team: z.array(z.object({ userId: z.number().int().positive(), role: z.enum(TEAM_ROLES) })).min(2, 'Đoàn cần ít nhất trưởng đoàn và thư ký').max(15),
});
export type FormTeamInput = z.infer<typeof formTeamSchema>;

export const noticeSchema = z.object({ version, planText: text(20_000, 'Kế hoạch'), noticeText: text(20_000, 'Thông báo') });
export const selfReportSchema = z.object({ version, text: text(50_000, 'Báo cáo tự kiểm tra') });
export const sessionSchema = z.object({ version, heldOn: isoDate, place: text(300, 'Địa điểm'), minutes: text(50_000, 'Biên bản') });
export const teamReportSchema = z.object({ version, text: text(50_000, 'Báo cáo của đoàn') });
export const findingSchema = z.object({
  version,
  kind: z.enum(FINDING_KINDS),
  theme: text(200, 'Chủ đề'),
  text: text(10_000, 'Nội dung nhận xét'),
  itemIds: ids,
  taskIds: ids,
  reportIds: ids,
  memberIds: ids,
});
export type FindingInput = z.infer<typeof findingSchema>;
export const conclusionSchema = z.object({
  version,
  text: text(50_000, 'Nội dung kết luận'),
  recommendations: z.array(z.object({ text: text(5000, 'Kiến nghị'), ownerOrgId: z.number().int().positive(), deadline: isoDate })).max(100).default([]),
});
export type ConclusionInput = z.infer<typeof conclusionSchema>;
export const versionSchema = z.object({ version });
export const reportDoneSchema = z.object({ version, evidence: text(20_000, 'Kết quả thực hiện và minh chứng') });
export const decideSchema = z.object({ version, note: z.string().trim().max(5000).optional() });

export const dashboardQuery = z.object({ orgId: id.optional(), year: z.coerce.number().int().min(2000).max(2100).optional() });

/** Multipart text fields arrive as strings: an id is digits. */
const fieldId = z.string().regex(/^\d{1,15}$/, 'Mã không hợp lệ').transform(Number).optional();
/** The fields sent with an evidence file (multipart): which part of the file it is evidence of. */
export const evidenceFieldsSchema = z.object({
  part: z.enum(['finding', 'self_report', 'follow_up'], { message: 'Chọn minh chứng cho nhận xét, báo cáo tự kiểm tra hoặc kiến nghị' }),
  findingId: fieldId,
  recommendationId: fieldId,
}).refine((v) => v.part !== 'finding' || v.findingId !== undefined, { message: 'Chọn nhận xét', path: ['findingId'] })
  .refine((v) => v.part !== 'follow_up' || v.recommendationId !== undefined, { message: 'Chọn kiến nghị', path: ['recommendationId'] });
export type EvidenceFields = z.infer<typeof evidenceFieldsSchema>;
export const fileParams = z.object({ id, fileId: id });
export const evidenceFileSchema = z.object({
  id: z.number(), part: z.enum(['finding', 'self_report', 'follow_up']), findingId: z.number().nullable(), recommendationId: z.number().nullable(),
  fileName: z.string(), mimeType: z.string(), sizeBytes: z.number(), createdAt: z.union([z.string(), z.date()]),
});
/** A download: the bytes, sent as they are (the schema only documents the route). */
export const fileResponseSchema = z.unknown().describe('Tệp minh chứng / the evidence file');

/** An edit of a program entry: the version read, and only the fields that change. */
export const updateEntrySchema = z.object({
  version,
  kind: z.enum(OVERSIGHT_KINDS).optional(),
  basis: z.enum(OVERSIGHT_BASES).optional(),
  content: text(5000, 'Nội dung').optional(),
  theme: text(200, 'Chủ đề').optional(),
  subjectOrgIds: z.array(z.number().int().positive()).max(500).optional(),
  subjectMemberIds: z.array(z.number().int().positive()).max(500).optional(),
  documentIds: z.array(z.number().int().positive()).max(500).optional(),
  itemIds: z.array(z.number().int().positive()).max(500).optional(),
  taskIds: z.array(z.number().int().positive()).max(500).optional(),
  periodStart: isoDate.optional(),
  periodEnd: isoDate.optional(),
  responsibleBody: z.enum(RESPONSIBLE_BODIES).optional(),
});
export type UpdateEntryInput = z.infer<typeof updateEntrySchema>;

/** An edit of a draft finding: the version read, and only the fields that change. */
export const updateFindingSchema = z.object({
  version,
  kind: z.enum(FINDING_KINDS).optional(),
  theme: text(200, 'Chủ đề').optional(),
  text: text(10_000, 'Nội dung nhận xét').optional(),
  itemIds: z.array(z.number().int().positive()).max(500).optional(),
  taskIds: z.array(z.number().int().positive()).max(500).optional(),
  reportIds: z.array(z.number().int().positive()).max(500).optional(),
  memberIds: z.array(z.number().int().positive()).max(500).optional(),
});
export type UpdateFindingInput = z.infer<typeof updateFindingSchema>;

const loose = z.record(z.string(), z.unknown());
/** A program as the routes answer it (its fields are the service's; the entries listed). */
export const programResponseSchema = loose.and(z.object({ id: z.number(), version: z.number(), entries: z.array(loose) }));
/** An inspection file as the caller may see it (parts outside the audience are null or empty). */
export const inspectionResponseSchema = loose.and(z.object({ id: z.number(), version: z.number(), status: z.string(), audience: z.string() }));
export const myInspectionsResponseSchema = z.array(inspectionResponseSchema);
