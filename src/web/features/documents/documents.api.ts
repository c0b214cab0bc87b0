import { api, downloadUrl, type Page } from '../../lib/api';
import type { DocumentKind, DocumentStatus, ItemKind, PlanDutyReason, TaskStatus } from '../../../domain/documents';
import type { OrgKind } from '../../../domain/orgs/org-kinds';

export type DocumentAbilities = { update: boolean; adopt: boolean; amend: boolean; expire: boolean; delete: boolean; link: boolean; attach: boolean; assignTasks: boolean };
export type DocumentSummary = {
  id: number;
  orgId: number;
  orgPath: string;
  orgName: string;
  orgKind: string;
  kind: DocumentKind;
  term: string;
  number: number;
  symbol: string;
  issueDate: string | null;
  title: string;
  summary: string | null;
  status: DocumentStatus;
  seriesId: number;
  versionNo: number;
  previousVersionId: number | null;
  amendReason: string | null;
  isSample: boolean;
  version: number;
  abilities: DocumentAbilities;
};
export type ParentLink = { parentItemId: number; documentId: number; symbol: string; orgName: string; text: string };
export type DocumentItem = {
  id: number;
  documentId: number;
  parentItemId: number | null;
  stableKey: string;
  kind: ItemKind;
  position: number;
  text: string;
  indicatorId: number | null;
  indicatorName: string | null;
  comparator: string | null;
  value: number | null;
  valueMin: number | null;
  valueMax: number | null;
  unit: string | null;
  perYear: boolean;
  byYear: number | null;
  baselineValue: number | null;
  baselineYear: number | null;
  milestoneYear: number | null;
  version: number;
  depth: number;
  outline: string;
  statement: string | null;
  parentLinks: ParentLink[];
  childLinkCount: number;
  taskCount: number;
};
export type DocumentDetail = DocumentSummary & {
  implements: { id: number; seriesId: number; symbol: string; title: string; orgName: string; kind: string }[];
  files: { id: number; fileName: string; mimeType: string; sizeBytes: number; createdAt: string }[];
  items: DocumentItem[];
};
export type IndicatorDirection = 'higher_better' | 'lower_better';
export type IndicatorAggregation = 'sum' | 'rate' | 'average' | 'none';
export type Indicator = { id: number; code: string; name: string; unit: string; direction: IndicatorDirection; aggregation: IndicatorAggregation; version: number };
export type IndicatorInput = { name: string; unit: string; direction: IndicatorDirection; aggregation: IndicatorAggregation };
export type Task = {
  id: number; itemId: number | null; orgId: number; orgName: string; title: string; leadOrgId: number; leadOrgName: string;
  partnerOrgIds: number[]; partnerOrgNames: string[]; headName: string | null; startDate: string | null; dueDate: string | null;
  status: TaskStatus; progress: number; version: number;
};
export type TaskInput = { itemId: number; title: string; leadOrgId: number; partnerOrgIds: number[]; headName?: string | null; startDate?: string | null; dueDate?: string | null };
export type BulkTaskInput = { itemId: number; underOrgId: number; orgKind: Exclude<OrgKind, 'central' | 'province_committee'>; title?: string; startDate?: string | null; dueDate?: string | null };
export type DocumentFile = DocumentDetail['files'][number];
export type TargetInput = { indicatorId?: number | null; valueText: string; unitText: string; byYear?: number | null; baselineValue?: number | null; baselineYear?: number | null };
export type ItemInput = { parentItemId?: number | null; kind: ItemKind; text: string; milestoneYear?: number | null; target?: TargetInput | null };
export type Suggestion = { itemId: number; documentId: number; symbol: string; orgName: string; kind: ItemKind; text: string; statement: string | null; score: number; reasons: string[] };
export type Candidate = { itemId: number; documentId: number; symbol: string; kind: ItemKind; text: string; statement: string | null };
export type CascadeChild = {
  itemId: number; documentId: number; symbol: string; documentKind: string; documentStatus: string; documentTitle: string;
  orgId: number; orgName: string; orgKind: string; kind: ItemKind; text: string; statement: string | null; childCount: number; isWeaker: boolean;
};
export type Concretizations = {
  item: { itemId: number; documentId: number; symbol: string; orgName: string; kind: ItemKind; text: string; statement: string | null; indicator: Indicator | null };
  children: CascadeChild[];
  orgCount: number;
  weakerCount: number;
  quota: { parentValue: number | null; childrenSum: number; childCount: number; difference: number | null; isCovered: boolean | null } | null;
};
export type ChainNode = { itemId: number; documentId: number; symbol: string; orgName: string; orgKind: string; documentTitle: string; kind: ItemKind; text: string; statement: string | null; depth: number };
export type Chain = { nodes: ChainNode[]; edges: { childItemId: number; parentItemId: number }[] };
export type GapOrg = { id: number; name: string; kind: string; path: string; parentId: number | null; level: number; reason: PlanDutyReason; documents?: { id: number; symbol: string; status: string }[] };
export type Gaps = {
  document: { id: number; symbol: string; title: string; orgName: string };
  depth: number; orgCount: number; issuedCount: number; missingCount: number;
  missingOrgs: GapOrg[]; issuedOrgs: GapOrg[];
  actionableCount: number; untakenCount: number;
  untakenItems: { itemId: number; kind: ItemKind; text: string; statement: string | null }[];
};
export type SearchHit = { type: 'document' | 'item'; documentId: number; itemId: number | null; symbol: string; text: string; kind: string; isExact: boolean; orgName: string };
export type ItemChange = { type: 'added' | 'removed' | 'changed'; key: string; fields?: string[]; before?: { text: string; statement: string | null; kind: string }; after?: { text: string; statement: string | null; kind: string } };
export type ImportPreview = { counts: { create: number; update: number; unchanged: number; error: number }; rows: { rowNo: number; row: string; kind: string | null; text: string; statement: string | null; action: string; errors: string[]; changes: string[] }[]; committed: boolean };

export type DocumentListParams = { orgId?: number; subtree?: boolean; kind?: DocumentKind; status?: DocumentStatus; term?: string; page: number; pageSize: number };

export const documentKeys = {
  all: ['documents'] as const,
  list: (p: DocumentListParams) => ['documents', 'list', p] as const,
  detail: (id: number) => ['documents', 'detail', id] as const,
  versions: (id: number) => ['documents', 'versions', id] as const,
  diff: (id: number) => ['documents', 'diff', id] as const,
  gaps: (id: number, depth: number) => ['documents', 'gaps', id, depth] as const,
  search: (q: string) => ['documents', 'search', q] as const,
  concretizations: (itemId: number) => ['documents', 'cascade', itemId] as const,
  chain: (itemId: number) => ['documents', 'chain', itemId] as const,
  suggestions: (itemId: number) => ['documents', 'suggestions', itemId] as const,
  indicators: ['indicators'] as const,
  tasks: (documentId: number, page: number, pageSize: number) => ['documents', 'tasks', documentId, page, pageSize] as const,
};

export const fetchDocuments = (p: DocumentListParams) => api.get<Page<DocumentSummary>>('/documents', p);
export const fetchDocument = (id: number) => api.get<DocumentDetail>(`/documents/${id}`);
export const createDocument = (body: { orgId: number; kind: DocumentKind; term: string; title: string; summary?: string | null; issueDate?: string | null; implementsIds: number[] }) =>
  api.post<DocumentDetail>('/documents', body);
export const updateDocument = (id: number, body: { version: number; title?: string; summary?: string | null; issueDate?: string | null; implementsIds?: number[] }) =>
  api.patch<DocumentDetail>(`/documents/${id}`, body);
export const adoptDocument = (id: number, version: number) => api.post<DocumentDetail>(`/documents/${id}/adopt`, { version });
export const amendDocument = (id: number, version: number, reason: string) => api.post<DocumentDetail>(`/documents/${id}/amend`, { version, reason });
export const fetchVersions = (id: number) => api.get<DocumentSummary[]>(`/documents/${id}/versions`);
export const fetchDiff = (id: number) => api.get<{ fromId: number | null; toId: number; changes: ItemChange[] }>(`/documents/${id}/diff`);
export const fetchGaps = (id: number, depth: number) => api.get<Gaps>(`/documents/${id}/gaps`, { depth });
export const searchDocuments = (q: string) => api.get<SearchHit[]>('/documents/search', { q, limit: 30 });
export const createItem = (documentId: number, body: ItemInput) => api.post<DocumentItem>(`/documents/${documentId}/items`, body);
export const updateItem = (itemId: number, body: Partial<ItemInput> & { version: number }) => api.patch<DocumentItem>(`/items/${itemId}`, body);
export const deleteItem = (itemId: number, version: number) => api.delete<void>(`/items/${itemId}`, { version });
export const moveItem = (itemId: number, body: { version: number; parentItemId: number | null; index: number }) => api.post<DocumentItem>(`/items/${itemId}/move`, body);
export const linkItem = (itemId: number, parentItemId: number) => api.post<ParentLink[]>(`/items/${itemId}/links`, { parentItemId });
export const unlinkItem = (itemId: number, parentItemId: number) => api.delete<void>(`/items/${itemId}/links/${parentItemId}`);
export const fetchSuggestions = (itemId: number) => api.get<{ suggestions: Suggestion[]; candidates: Candidate[] }>(`/items/${itemId}/suggestions`);
export const fetchConcretizations = (itemId: number) => api.get<Concretizations>(`/items/${itemId}/concretizations`);
export const fetchChain = (itemId: number) => api.get<Chain>(`/items/${itemId}/chain`);
export const fetchIndicators = () => api.get<Indicator[]>('/indicators');
export const createIndicator = (body: IndicatorInput & { code: string }) => api.post<Indicator>('/indicators', body);
export const updateIndicator = (id: number, body: Partial<IndicatorInput> & { version: number }) => api.patch<Indicator>(`/indicators/${id}`, body);
export const fetchDocumentTasks = (documentId: number, page: number, pageSize: number) => api.get<Page<Task>>('/tasks', { documentId, page, pageSize });
export const createTask = (body: TaskInput) => api.post<Task>('/tasks', body);
export const assignTasksInBulk = (body: BulkTaskInput) => api.post<{ created: number; taskIds: number[] }>('/tasks/bulk', body);
export const uploadDocumentFile = (id: number, file: File) => {
  const form = new FormData();
  form.append('file', file);
  return api.upload<DocumentFile>(`/documents/${id}/files`, form);
};
export const importSheet = (id: number, file: File, commit: boolean) => {
  const form = new FormData();
  form.append('file', file);
  return api.upload<ImportPreview>(`/documents/${id}/import${commit ? '?commit=true' : ''}`, form);
};
export const docxUrl = (id: number) => downloadUrl(`/documents/${id}/export.docx`);
export const xlsxUrl = (id: number) => downloadUrl(`/documents/${id}/export.xlsx`);
export const fileUrl = (id: number, fileId: number) => downloadUrl(`/documents/${id}/files/${fileId}`);
