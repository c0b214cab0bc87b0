import { z } from 'zod';
import { queryId, queryInt, queryPage, queryPageSize } from './query-params';

export const reflectionStatuses = ['submitted', 'accepted', 'rewrite'] as const;

export const reflectionSchema = z.object({
  id: z.number(),
  memberId: z.number(),
  memberName: z.string(),
  memberCode: z.string(),
  orgName: z.string(),
  documentId: z.number(),
  documentTitle: z.string(),
  sessionId: z.number().nullable(),
  body: z.string(),
  fileName: z.string().nullable(),
  status: z.enum(reflectionStatuses),
  reviewNote: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number(),
  abilities: z.object({ review: z.boolean(), edit: z.boolean() }),
});
export type ReflectionView = z.infer<typeof reflectionSchema>;
export const reflectionPageSchema = z.object({
  items: z.array(reflectionSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

export const writeReflectionSchema = z.object({
  documentId: z.number().int().positive(),
  sessionId: z.number().int().positive().optional(),
  body: z.string().trim().min(50, 'Bài thu hoạch cần ít nhất 50 ký tự').max(50_000),
});
export const rewriteReflectionSchema = z.object({
  version: z.number().int().positive(),
  body: z.string().trim().min(50, 'Bài thu hoạch cần ít nhất 50 ký tự').max(50_000),
});
export const reviewReflectionSchema = z.object({
  version: z.number().int().positive(),
  decision: z.enum(['accepted', 'rewrite']),
  note: z.string().trim().max(2000).optional(),
});
export const listReflectionsQuery = z.object({
  orgId: queryId().optional(),
  documentId: queryId().optional(),
  status: z.enum(reflectionStatuses).optional(),
  page: queryPage(),
  pageSize: queryPageSize(200, 20),
});

export const pledgeSchema = z.object({
  id: z.number(),
  memberId: z.number(),
  memberName: z.string(),
  orgName: z.string(),
  documentId: z.number(),
  documentTitle: z.string(),
  year: z.number(),
  commitments: z.array(z.string()),
  selfReview: z.string().nullable(),
  version: z.number(),
  updatedAt: z.string(),
});
export const writePledgeSchema = z.object({
  documentId: z.number().int().positive(),
  year: z.number().int().min(2000).max(2100),
  commitments: z.array(z.string().trim().min(3).max(1000)).min(1, 'Hãy ghi ít nhất một cam kết').max(30),
});
export const updatePledgeSchema = z.object({
  version: z.number().int().positive(),
  commitments: z.array(z.string().trim().min(3).max(1000)).min(1).max(30).optional(),
  selfReview: z.string().trim().max(5000).nullable().optional(),
});
export const listPledgesQuery = z.object({
  orgId: queryId().optional(),
  documentId: queryId().optional(),
  year: queryInt().optional(),
});

export const myStudySchema = z.object({
  member: z.object({ id: z.number(), code: z.string(), fullName: z.string(), orgName: z.string() }),
  documents: z.array(
    z.object({
      id: z.number(),
      symbol: z.string(),
      title: z.string(),
      studiedOn: z.string().nullable(),
      reflectionStatus: z.enum(reflectionStatuses).nullable(),
      hasPledge: z.boolean(),
    }),
  ),
  sessions: z.array(
    z.object({
      id: z.number(),
      title: z.string(),
      startsAt: z.string(),
      endsAt: z.string(),
      mode: z.string(),
      videoUrl: z.string().nullable(),
      pointName: z.string().nullable(),
      place: z.string().nullable(),
      isMakeup: z.boolean(),
      status: z.string().nullable(),
    }),
  ),
  reflections: z.array(reflectionSchema),
  pledges: z.array(pledgeSchema),
});
