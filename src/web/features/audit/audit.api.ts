import { api, type Page } from '../../lib/api';

export type AuditEntry = {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string;
  ip: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  orgId: number | null;
  orgName: string | null;
  summary: string | null;
  before: unknown;
  after: unknown;
};
export type AuditParams = { actorId?: number; orgId?: number; entity?: string; from?: string; to?: string; page: number; pageSize: number };

export const auditKeys = { list: (p: AuditParams) => ['audit', p] as const };
export const fetchAudit = (p: AuditParams) => api.get<Page<AuditEntry>>('/audit', p);
