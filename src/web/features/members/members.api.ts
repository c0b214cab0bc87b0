import type { z } from 'zod';
import { api, downloadUrl, type Page } from '../../lib/api';
import { memberStatuses } from '../../../contracts/members';
import type * as C from '../../../contracts/members';

// Types of the answers and bodies come from the API's contracts (src/contracts/members.ts).
export { memberStatuses };
export type MemberStatus = (typeof memberStatuses)[number];
export type Member = z.infer<typeof C.memberSchema>;
export type MemberSort = z.infer<typeof C.listMembersQuery>['sort'];
export type MemberFilters = {
  orgId?: number;
  q?: string;
  status?: MemberStatus;
  nonState?: 'true' | 'false';
};
export type MemberListParams = MemberFilters & { sort: MemberSort; order: 'asc' | 'desc'; page: number; pageSize: number };
export type MemberInput = Omit<z.input<typeof C.createMemberSchema>, 'orgId'>;
export type ImportPreview = z.infer<typeof C.importPreviewSchema>;
export type ImportRow = z.infer<typeof C.importRowSchema>;
export type ImportAction = ImportRow['action'];

/** i18n keys of the status labels (Chính thức, Dự bị, Đã chuyển đi, Từ trần). */
export const statusLabelKey: Record<MemberStatus, string> = {
  official: 'members.statusOfficial',
  probationary: 'members.statusProbationary',
  transferred: 'members.statusTransferred',
  deceased: 'members.statusDeceased',
  removed: 'members.statusRemoved',
};
export const statusColor: Record<MemberStatus, string> = {
  official: 'green',
  probationary: 'orange',
  transferred: 'default',
  deceased: 'default',
  removed: 'default',
};

export const memberKeys = {
  all: ['members'] as const,
  list: (p: MemberListParams) => ['members', 'list', p] as const,
  importRows: (id: string, filter: string, page: number, pageSize: number) => ['members', 'import', id, filter, page, pageSize] as const,
};

export const fetchMembers = (p: MemberListParams) => api.get<z.infer<typeof C.memberPageSchema>>('/members', p);
export const createMember = (input: z.input<typeof C.createMemberSchema>) => api.post<Member>('/members', input);
export const updateMember = (id: number, input: z.input<typeof C.updateMemberSchema>) => api.patch<Member>(`/members/${id}`, input);
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
  api.post<z.infer<typeof C.importCommitSchema>>(`/members/import/${encodeURIComponent(importId)}/commit`);
