import { api, type Page } from '../../lib/api';

export type ReportStatus = 'draft' | 'submitted' | 'returned' | 'approved';
export type TaskStatus = 'not_started' | 'in_progress' | 'done' | 'overdue' | 'cancelled';
export const TASK_STATUSES: TaskStatus[] = ['not_started', 'in_progress', 'done', 'overdue', 'cancelled'];
export type ReportAbilities = { update: boolean; submit: boolean; approve: boolean; return: boolean };

export type ReportSummary = {
  id: number; documentId: number; documentSymbol: string; documentTitle: string; orgId: number; orgName: string; orgPath: string;
  periodKey: string; periodStart: string; periodEnd: string; dueDate: string; status: ReportStatus; narrative: string | null;
  submittedAt: string | null; approvedAt: string | null; returnComment: string | null; isSample: boolean; version: number; abilities: ReportAbilities;
};
export type ReportedTarget = { value: number | null; numerator: number | null; denominator: number | null; source: string | null; note: string | null; includesChildren: boolean };
export type ReportTarget = {
  itemId: number; text: string; documentSymbol: string; indicatorName: string | null; aggregation: string | null; unit: string | null;
  reported: ReportedTarget | null; children: { value: number | null; numerator?: number | null; denominator?: number | null; reporting: number } | null;
  /** For a STUDY_RATE target: the coverage the server computed from study attendance (percent, studied / members). */
  fromStudy?: { value: number; numerator: number; denominator: number; asOf: string } | null;
};
export type ReportTask = {
  taskId: number; title: string; dueDate: string | null; status: TaskStatus; progress: number;
  reported: { status: TaskStatus; progress: number; doneText: string | null } | null;
};
export type ReportEvent = { id: number; action: 'submit' | 'approve' | 'return'; fromStatus: string; toStatus: string; comment: string | null; actorName: string; createdAt: string };
export type ReportFile = { id: number; fileName: string; mimeType: string; sizeBytes: number; createdAt: string };
export type Report = ReportSummary & { targets: ReportTarget[]; tasks: ReportTask[]; events: ReportEvent[]; files: ReportFile[] };

export type SaveReportInput = {
  version: number;
  narrative?: string;
  targets: ({ itemId: number } & Partial<ReportedTarget>)[];
  tasks: { taskId: number; status: TaskStatus; progress: number; doneText?: string | null }[];
};

export type ListReportsQuery = { waiting?: 'write' | 'approve'; status?: ReportStatus; documentId?: number; orgId?: number; page: number; pageSize: number };

export type Explanation = {
  id: number; documentId: number | null; itemId: number | null; taskId: number | null; orgId: number; orgName: string; question: string; dueDate: string;
  status: 'open' | 'answered' | 'closed'; askedByName: string | null; subject: string | null; version: number; createdAt: string;
  abilities: { answer: boolean; close: boolean };
  messages?: { id: number; authorName: string | null; kind: 'question' | 'answer'; body: string; createdAt: string }[];
};
export type CreateExplanationInput = { itemId?: number; taskId?: number; orgId: number; question: string; dueDate: string };

export type Share = { token: string | null; isEnabled: boolean; publicItemIds: number[]; showTasks: boolean; version: number };
export type MailRow = { id: number; toAddress: string; subject: string; body: string; status: string; createdAt: string; sentAt: string | null };

export const reportKeys = {
  all: ['reports'] as const,
  list: (q: ListReportsQuery) => ['reports', 'list', q] as const,
  one: (id: number) => ['reports', 'one', id] as const,
  explanations: (q: { itemId?: number; taskId?: number }) => ['explanations', q] as const,
  explanation: (id: number) => ['explanations', 'one', id] as const,
  share: (documentId: number) => ['dashboard-share', documentId] as const,
  outbox: ['mail-outbox'] as const,
};

export const fetchReports = (q: ListReportsQuery) => api.get<Page<ReportSummary>>('/reports', q);
export const fetchReport = (id: number) => api.get<Report>(`/reports/${id}`);
export const saveReport = (id: number, input: SaveReportInput) => api.put<Report>(`/reports/${id}`, input);
export const submitReport = (id: number, version: number, idempotencyKey: string) => api.post<Report>(`/reports/${id}/submit`, { version, idempotencyKey });
export const approveReport = (id: number, version: number, idempotencyKey: string) => api.post<Report>(`/reports/${id}/approve`, { version, idempotencyKey });
export const returnReport = (id: number, version: number, comment: string) => api.post<Report>(`/reports/${id}/return`, { version, comment });
export const uploadReportFile = (id: number, file: File) => {
  const form = new FormData();
  form.append('file', file);
  return api.upload<ReportFile>(`/reports/${id}/files`, form);
};

export const fetchExplanations = (q: { itemId?: number; taskId?: number }) => api.get<Explanation[]>('/explanations', q);
export const fetchExplanation = (id: number) => api.get<Explanation>(`/explanations/${id}`);
export const createExplanation = (input: CreateExplanationInput) => api.post<Explanation>('/explanations', input);
export const answerExplanation = (id: number, version: number, body: string) => api.post<Explanation>(`/explanations/${id}/answer`, { version, body });
export const closeExplanation = (id: number, version: number) => api.post<Explanation>(`/explanations/${id}/close`, { version });

export const fetchShare = (documentId: number) => api.get<Share>(`/documents/${documentId}/dashboard-share`);
export const saveShare = (documentId: number, input: { isEnabled: boolean; publicItemIds: number[]; showTasks: boolean }) =>
  api.put<Share>(`/documents/${documentId}/dashboard-share`, input);
export const fetchOutbox = () => api.get<MailRow[]>('/mail-outbox');

/** A fresh key per click: a retry of the same click (network error) reuses it, a new click does not. */
export const newIdempotencyKey = () => ('randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);
