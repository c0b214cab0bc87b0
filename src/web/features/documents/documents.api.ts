import { api, downloadUrl } from '../../lib/api';
import type { z } from 'zod';
import type { DocumentKind, DocumentStatus } from '../../../domain/documents';
import type * as C from '../../../contracts/documents';

// Types of the answers and bodies come from the API's contracts (src/contracts/documents.ts).
export type DocumentPage = z.infer<typeof C.documentPageResponse>;
export type DocumentSummary = DocumentPage['items'][number];
export type DocumentAbilities = DocumentSummary['abilities'];
export type DocumentDetail = z.infer<typeof C.documentResponse>;
export type DocumentItem = DocumentDetail['items'][number];
export type ParentLink = z.infer<typeof C.parentLinkSchema>;
export type Indicator = z.infer<typeof C.indicatorSchema>;
export type IndicatorDirection = Indicator['direction'];
export type IndicatorAggregation = Indicator['aggregation'];
export type IndicatorInput = Omit<z.input<typeof C.createIndicatorSchema>, 'code'>;
export type Task = z.infer<typeof C.taskSchema>;
export type TaskInput = z.input<typeof C.createTaskSchema>;
export type BulkTaskInput = z.input<typeof C.bulkTaskSchema>;
export type DocumentFile = z.infer<typeof C.documentFileSchema>;
export type ItemInput = z.input<typeof C.createItemSchema>;
export type TargetInput = NonNullable<ItemInput['target']>;
export type Suggestions = z.infer<typeof C.suggestionsResponse>;
export type Suggestion = Suggestions['suggestions'][number];
export type Candidate = Suggestions['candidates'][number];
export type Concretizations = z.infer<typeof C.concretizationsResponse>;
export type CascadeChild = Concretizations['children'][number];
export type Chain = z.infer<typeof C.chainResponse>;
export type ChainNode = Chain['nodes'][number];
export type Gaps = z.infer<typeof C.gapsResponse>;
export type GapOrg = Gaps['missingOrgs'][number];
export type SearchHit = z.infer<typeof C.searchResponse>[number];
export type Diff = z.infer<typeof C.diffResponse>;
export type ItemChange = Diff['changes'][number];
export type ImportPreview = z.infer<typeof C.importSheetResponse>;
export type DocumentInput = z.input<typeof C.createDocumentSchema>;
export type DocumentUpdate = z.input<typeof C.updateDocumentSchema>;

export type DocumentListParams = {
  orgId?: number;
  subtree?: boolean;
  kind?: DocumentKind;
  status?: DocumentStatus;
  term?: string;
  page: number;
  pageSize: number;
};

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

export const fetchDocuments = (p: DocumentListParams) => api.get<DocumentPage>('/documents', p);
export const fetchDocument = (id: number) => api.get<DocumentDetail>(`/documents/${id}`);
export const createDocument = (body: DocumentInput) => api.post<DocumentDetail>('/documents', body);
export const updateDocument = (id: number, body: DocumentUpdate) => api.patch<DocumentDetail>(`/documents/${id}`, body);
export const adoptDocument = (id: number, version: number, issueDate?: string) =>
  api.post<DocumentDetail>(`/documents/${id}/adopt`, { version, issueDate });
export const amendDocument = (id: number, version: number, reason: string) =>
  api.post<DocumentDetail>(`/documents/${id}/amend`, { version, reason });
export const fetchVersions = (id: number) => api.get<DocumentSummary[]>(`/documents/${id}/versions`);
export const fetchDiff = (id: number) => api.get<Diff>(`/documents/${id}/diff`);
export const fetchGaps = (id: number, depth: number) => api.get<Gaps>(`/documents/${id}/gaps`, { depth });
export const searchDocuments = (q: string) => api.get<SearchHit[]>('/documents/search', { q, limit: 30 });
export const createItem = (documentId: number, body: ItemInput) => api.post<DocumentItem>(`/documents/${documentId}/items`, body);
export const updateItem = (itemId: number, body: z.input<typeof C.updateItemSchema>) => api.patch<DocumentItem>(`/items/${itemId}`, body);
export const deleteItem = (itemId: number, version: number) => api.delete<void>(`/items/${itemId}`, { version });
export const moveItem = (itemId: number, body: { version: number; parentItemId: number | null; index: number }) =>
  api.post<DocumentItem>(`/items/${itemId}/move`, body);
export const linkItem = (itemId: number, parentItemId: number) => api.post<ParentLink[]>(`/items/${itemId}/links`, { parentItemId });
export const unlinkItem = (itemId: number, parentItemId: number) => api.delete<void>(`/items/${itemId}/links/${parentItemId}`);
export const fetchSuggestions = (itemId: number) => api.get<Suggestions>(`/items/${itemId}/suggestions`);
export const fetchConcretizations = (itemId: number) => api.get<Concretizations>(`/items/${itemId}/concretizations`);
export const fetchChain = (itemId: number) => api.get<Chain>(`/items/${itemId}/chain`);
export const fetchIndicators = () => api.get<Indicator[]>('/indicators');
export const createIndicator = (body: z.input<typeof C.createIndicatorSchema>) => api.post<Indicator>('/indicators', body);
export const updateIndicator = (id: number, body: z.input<typeof C.updateIndicatorSchema>) =>
  api.patch<Indicator>(`/indicators/${id}`, body);
export const fetchDocumentTasks = (documentId: number, page: number, pageSize: number) =>
  api.get<z.infer<typeof C.taskPageResponse>>('/tasks', { documentId, page, pageSize });
export const createTask = (body: TaskInput) => api.post<Task>('/tasks', body);
export const assignTasksInBulk = (body: BulkTaskInput) => api.post<z.infer<typeof C.bulkTasksResponse>>('/tasks/bulk', body);
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
