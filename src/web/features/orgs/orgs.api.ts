import { api } from '../../lib/api';
import type { CommitteeRole, OrgKind, Position } from '../../../domain/orgs/org-kinds';

export type OrgSummary = {
  id: number;
  parentId: number | null;
  path: string;
  code: string;
  name: string;
  kind: OrgKind;
  headName: string | null;
  headTitle: string | null;
  isNonStateEnterprise: boolean;
  isSample: boolean;
  validFrom: string;
  validTo: string | null;
  isClosed: boolean;
  memberCount: number;
  subtreeMemberCount: number;
  childCount: number;
  version: number;
  abilities: { update: boolean; createChild: boolean; delete: boolean };
};
export type OrgSearchHit = OrgSummary & { pathNames: string[] };
export type Committee = {
  id: number;
  role: CommitteeRole;
  term: string;
  size: number;
  people: { fullName: string; position: Position; title: string | null; isSample: boolean }[];
};
export type OrgDetail = OrgSummary & {
  ancestors: { id: number; name: string; code: string }[];
  committees: Committee[];
  deleteBlockedReason: string | null;
};

/** The body of PUT /orgs/:id/committees: replaces the people of one committee for a term. */
export type SaveCommitteeInput = {
  role: CommitteeRole;
  term: string;
  size: number;
  people: { fullName: string; position: Position; title?: string | null }[];
};

export type OrgInput = {
  code: string;
  name: string;
  kind: OrgKind;
  headName?: string | null;
  headTitle?: string | null;
  isNonStateEnterprise?: boolean;
};

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
export const updateOrg = (id: number, input: Partial<OrgInput> & { version: number }) => api.patch<OrgDetail>(`/orgs/${id}`, input);
export const moveOrg = (id: number, version: number, newParentId: number) =>
  api.post<OrgDetail>(`/orgs/${id}/move`, { version, newParentId });
export const closeOrg = (id: number, version: number, validTo: string) => api.post<OrgDetail>(`/orgs/${id}/close`, { version, validTo });
export const deleteOrg = (id: number, version: number) => api.delete<void>(`/orgs/${id}`, { version });
export const saveCommittee = (orgId: number, input: SaveCommitteeInput) => api.put<OrgDetail>(`/orgs/${orgId}/committees`, input);
