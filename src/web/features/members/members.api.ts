import { api, downloadUrl, type Page } from '../../lib/api';

export const memberStatuses = ['official', 'probationary', 'transferred', 'deceased'] as const;
export type MemberStatus = (typeof memberStatuses)[number];
export type MemberSort = 'givenName' | 'code' | 'joinedDate' | 'birthDate';

export type Member = {
  id: number;
  orgId: number;
  orgName: string;
  orgCode: string;
  code: string;
  fullName: string;
  givenName: string;
  gender: 'male' | 'female';
  birthDate: string | null;
  joinedDate: string | null;
  status: MemberStatus;
  isNonStateEnterprise: boolean;
  phone: string | null;
  email: string | null;
  isSample: boolean;
  version: number;
  abilities: { update: boolean };
};

export type MemberFilters = {
  orgId?: number;
  q?: string;
  status?: MemberStatus;
  nonState?: 'true' | 'false';
};
export type MemberListParams = MemberFilters & { sort: MemberSort; order: 'asc' | 'desc'; page: number; pageSize: number };

export type MemberInput = {
  code: string;
  fullName: string;
  gender: 'male' | 'female';
  birthDate: string | null;
  joinedDate: string | null;
  status: MemberStatus;
  isNonStateEnterprise: boolean;
  phone: string | null;
  email: string | null;
};

export type ImportAction = 'create' | 'update' | 'unchanged' | 'error';
export type ImportRow = {
  row: number;
  action: ImportAction;
  code: string | null;
  fullName: string | null;
  orgCode: string | null;
  errors: string[];
  changes: string[];
};
export type ImportPreview = {
  importId: string;
  fileName: string;
  counts: { total: number; create: number; update: number; unchanged: number; error: number };
  rows: ImportRow[];
};

/** i18n keys of the status labels (Chính thức, Dự bị, Đã chuyển đi, Từ trần). */
export const statusLabelKey: Record<MemberStatus, string> = {
  official: 'members.statusOfficial',
  probationary: 'members.statusProbationary',
  transferred: 'members.statusTransferred',
  deceased: 'members.statusDeceased',
};
export const statusColor: Record<MemberStatus, string> = {
  official: 'green',
  probationary: 'orange',
  transferred: 'default',
  deceased: 'default',
};

export const memberKeys = {
  all: ['members'] as const,
  list: (p: MemberListParams) => ['members', 'list', p] as const,
  importRows: (id: string, filter: string, page: number, pageSize: number) => ['members', 'import', id, filter, page, pageSize] as const,
};

export const fetchMembers = (p: MemberListParams) => api.get<Page<Member>>('/members', p);
export const createMember = (input: MemberInput & { orgId: number }) => api.post<Member>('/members', input);
export const updateMember = (id: number, input: Partial<MemberInput> & { version: number }) => api.patch<Member>(`/members/${id}`, input);
export const transferMember = (id: number, version: number, toOrgId: number) =>
  api.post<Member>(`/members/${id}/transfer`, { version, toOrgId });
export const exportMembersUrl = (f: MemberFilters & { sort?: MemberSort; order?: 'asc' | 'desc' }) => downloadUrl('/members/export', f);
export const importTemplateUrl = () => downloadUrl('/members/import-template');

export function previewImport(orgId: number, file: File) {
  const form = new FormData();
  // The server reads fields in order: the org first, then the file stream.
  form.append('orgId', String(orgId));
  form.append('file', file, file.name);
  return api.upload<ImportPreview>('/members/import/preview', form);
}
export const fetchImportRows = (importId: string, filter: ImportAction | 'all', page: number, pageSize: number) =>
  api.get<Page<ImportRow>>(`/members/import/${encodeURIComponent(importId)}/rows`, { filter, page, pageSize });
export const commitImport = (importId: string) =>
  api.post<{ created: number; updated: number }>(`/members/import/${encodeURIComponent(importId)}/commit`);
