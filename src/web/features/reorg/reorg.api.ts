import type { z } from 'zod';
import { api, saveFile } from '../../lib/api';
import type * as C from '../../../contracts/reorg';

// Types of the answers and bodies come from the API's contracts (src/contracts/reorg.ts).
export type ReorgKind = (typeof C.reorgKinds)[number];
/** The body of a preview or a commit as the page sends it (defaults filled by the server). */
export type ReorgRequestInput = z.input<typeof C.reorgRequestSchema>;
export type ReorgPreview = z.infer<typeof C.reorgPreviewSchema>;
export type ReorgOperation = z.infer<typeof C.reorgOperationSchema>;
export type Lineage = z.infer<typeof C.lineageSchema>;
export type ReorgHistory = z.infer<typeof C.reorgHistorySchema>;
export type ReorgHistoryEntry = ReorgHistory['operations'][number];
export type TreeAsOf = z.infer<typeof C.treeAsOfSchema>;
export type TreeAsOfOrg = TreeAsOf['orgs'][number];
export type MappingSheet = z.infer<typeof C.mappingSheetSchema>;

export const reorgKeys = {
  lineage: (orgId: number) => ['reorg', 'lineage', orgId] as const,
  history: ['reorg', 'operations'] as const,
  tree: (asOf: string, rootId: number | null) => ['reorg', 'tree', asOf, rootId ?? 'roots'] as const,
};

export const fetchLineage = (orgId: number) => api.get<Lineage>(`/reorg/lineage/${orgId}`);
export const fetchTreeAsOf = (asOf: string, rootId?: number) =>
  api.get<TreeAsOf>('/reorg/tree', rootId === undefined ? { asOf } : { asOf, rootId });
export const previewReorg = (input: ReorgRequestInput) => api.post<ReorgPreview>('/reorg/preview', input);
export const commitReorg = (input: ReorgRequestInput) => api.post<ReorgOperation>('/reorg/operations', input);
export const fetchReorgHistory = () => api.get<ReorgHistory>('/reorg/operations');
export const undoReorg = (id: number) => api.post<ReorgOperation>(`/reorg/operations/${id}/undo`, {});
export const downloadMappingSheet = async (input: ReorgRequestInput) =>
  saveFile(await api.postForFile('/reorg/mapping-sheet', input), 'bang-phan-bo.xlsx');
export const readMappingSheet = (input: ReorgRequestInput, file: File) => {
  const form = new FormData();
  form.append('request', JSON.stringify(input));
  form.append('file', file);
  return api.upload<MappingSheet>('/reorg/mapping-sheet/read', form);
};
