import type { z } from 'zod';
import { api } from '../../lib/api';
import type { auditEntrySchema, auditPageSchema } from '../../../contracts/audit';

// The entry's type comes from the API's contract (src/contracts/audit.ts).
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type AuditParams = { actorId?: number; orgId?: number; entity?: string; from?: string; to?: string; page: number; pageSize: number };

export const auditKeys = { list: (p: AuditParams) => ['audit', p] as const };
export const fetchAudit = (p: AuditParams) => api.get<z.infer<typeof auditPageSchema>>('/audit', p);
