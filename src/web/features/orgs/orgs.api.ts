import type { z } from 'zod';
import { api } from '../../lib/api';
import type * as C from '../../../contracts/orgs';

// Types of the answers and bodies come from the API's contracts (src/contracts/orgs.ts).
export type OrgSummary = z.infer<typeof C.orgSummarySchema>;
export type OrgSearchHit = z.infer<typeof C.orgSearchHitSchema>;
export type Committee = z.infer<typeof C.committeeSchema>;
export type OrgDetail = z.infer<typeof C.orgDetailSchema>;
/** The body of PUT /orgs/:id/committees: replaces the people of one committee for a term. */
export type SaveCommitteeInput = z.input<typeof C.saveCommitteeSchema>;
export type OrgInput = Omit<z.input<typeof C.createOrgSchema>, 'parentId' | 'validFrom'>;

export const orgKeys = {
  all: ['orgs'] as const,
  children: (parentId: number | null) => ['orgs', 'tree', parentId ?? 'roots'] as const,
  detail: (id: number) => ['orgs', 'detail', id] as const,
  search: (q: string) => ['orgs', 'search', q] as const,
};

export const fetchOrgChildren = (parentId: number | null) =>
  api.get<OrgSummary[]>('/orgs/tree', parentId === null ? undefined : { parentId });
export const fetchOrg = (id: number) => api.get<OrgDetail>(`/orgs/${id}`);
export const searchOrgs = (q: string, limit = 30) => api.get<OrgSearchHit[]>('/orgs/search', { q, limit });
export const createOrg = (input: OrgInput & { parentId: number; validFrom?: string | null }) =>
  api.post<OrgDetail>('/orgs', { ...input, validFrom: input.validFrom ?? undefined });
export const updateOrg = (id: number, input: z.input<typeof C.updateOrgSchema>) => api.patch<OrgDetail>(`/orgs/${id}`, input);
export const moveOrg = (id: number, version: number, newParentId: number) =>
  api.post<OrgDetail>(`/orgs/${id}/move`, { version, newParentId });
export const closeOrg = (id: number, version: number, validTo: string) => api.post<OrgDetail>(`/orgs/${id}/close`, { version, validTo });
export const deleteOrg = (id: number, version: number) => api.delete<void>(`/orgs/${id}`, { version });
export const saveCommittee = (orgId: number, input: SaveCommitteeInput) => api.put<OrgDetail>(`/orgs/${orgId}/committees`, input);
