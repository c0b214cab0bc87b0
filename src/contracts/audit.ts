import { z } from 'zod';
import { queryId, queryPage, queryPageSize } from './query-params';

export const auditQuery = z.object({
  actorId: queryId().optional(),
  orgId: queryId().optional(),
  entity: z.string().trim().max(50).optional(),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  page: queryPage(),
  pageSize: queryPageSize(200, 50),
});
export const auditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.number().nullable(),
  actorName: z.string(),
  ip: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  orgId: z.number().nullable(),
  orgName: z.string().nullable(),
  summary: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export const auditPageSchema = z.object({ items: z.array(auditEntrySchema), total: z.number(), page: z.number(), pageSize: z.number() });
