import type { z } from 'zod';
import { api } from '../../lib/api';
import { taskStatuses } from '../../../domain/documents';
import type * as C from '../../../contracts/reports';
import type { outboxMailSchema } from '../../../contracts/mail';

// Types of the answers and bodies come from the API's contracts (src/contracts/reports.ts).
export type ReportStatus = z.infer<typeof C.reportStatusEnum>;
export type TaskStatus = (typeof taskStatuses)[number];
export const TASK_STATUSES: TaskStatus[] = [...taskStatuses];
export type ReportAbilities = z.infer<typeof C.reportAbilitiesSchema>;
export type ReportSummary = z.infer<typeof C.reportSummarySchema>;
export type ReportedTarget = z.infer<typeof C.reportedTargetSchema>;
export type ReportTarget = z.infer<typeof C.reportTargetSchema>;
export type ReportTask = z.infer<typeof C.reportTaskSchema>;
export type ReportEvent = z.infer<typeof C.reportEventSchema>;
export type ReportFile = z.infer<typeof C.reportFileSchema>;
export type Report = z.infer<typeof C.reportResponse>;
export type SaveReportInput = z.input<typeof C.saveReportSchema>;
export type ListReportsQuery = z.infer<typeof C.listReportsQuery>;
export type Explanation = z.infer<typeof C.explanationSchema> & Partial<Pick<z.infer<typeof C.explanationResponse>, 'messages'>>;
export type CreateExplanationInput = z.input<typeof C.createExplanationSchema>;
export type Share = z.infer<typeof C.shareResponse>;
export type MailRow = z.infer<typeof outboxMailSchema>;

export const reportKeys = {
  all: ['reports'] as const,
  list: (q: ListReportsQuery) => ['reports', 'list', q] as const,
  one: (id: number) => ['reports', 'one', id] as const,
  explanations: (q: { itemId?: number; taskId?: number }) => ['explanations', q] as const,
  explanation: (id: number) => ['explanations', 'one', id] as const,
  share: (documentId: number) => ['dashboard-share', documentId] as const,
  outbox: ['mail-outbox'] as const,
};

export const fetchReports = (q: ListReportsQuery) => api.get<z.infer<typeof C.reportPageResponse>>('/reports', q);
export const fetchReport = (id: number) => api.get<Report>(`/reports/${id}`);
export const saveReport = (id: number, input: SaveReportInput) => api.put<Report>(`/reports/${id}`, input);
export const submitReport = (id: number, version: number, idempotencyKey: string) =>
  api.post<Report>(`/reports/${id}/submit`, { version, idempotencyKey });
export const approveReport = (id: number, version: number, idempotencyKey: string) =>
  api.post<Report>(`/reports/${id}/approve`, { version, idempotencyKey });
export const returnReport = (id: number, version: number, comment: string) =>
  api.post<Report>(`/reports/${id}/return`, { version, comment });
export const uploadReportFile = (id: number, file: File) => {
  const form = new FormData();
  form.append('file', file);
  return api.upload<z.infer<typeof C.reportFileResponse>>(`/reports/${id}/files`, form);
};

export const fetchExplanations = (q: { itemId?: number; taskId?: number }) => api.get<Explanation[]>('/explanations', q);
export const fetchExplanation = (id: number) => api.get<Explanation>(`/explanations/${id}`);
export const createExplanation = (input: CreateExplanationInput) => api.post<Explanation>('/explanations', input);
export const answerExplanation = (id: number, version: number, body: string) =>
  api.post<Explanation>(`/explanations/${id}/answer`, { version, body });
export const closeExplanation = (id: number, version: number, note: string) =>
  api.post<Explanation>(`/explanations/${id}/close`, { version, note });
export const replyExplanation = (id: number, version: number, body: string) =>
  api.post<Explanation>(`/explanations/${id}/reply`, { version, body });
/** A message with a file, as the answer of the asked org or the reply of the asking side. */
export const sendExplanationFile = (id: number, input: { version: number; as: 'answer' | 'reply'; body: string; file: File }) => {
  const form = new FormData();
  form.append('version', String(input.version));
  form.append('as', input.as);
  form.append('body', input.body);
  form.append('file', input.file);
  return api.upload<Explanation>(`/explanations/${id}/files`, form);
};
export const explanationFileUrl = (id: number, fileId: number) => `/api/explanations/${id}/files/${fileId}`;

export const fetchShare = (documentId: number) => api.get<Share>(`/documents/${documentId}/dashboard-share`);
export const saveShare = (documentId: number, input: { isEnabled: boolean; publicItemIds: number[]; showTasks: boolean }) =>
  api.put<Share>(`/documents/${documentId}/dashboard-share`, input);
export const fetchOutbox = () => api.get<MailRow[]>('/mail-outbox');

/** A fresh key per click: a retry of the same click (network error) reuses it, a new click does not. */
export const newIdempotencyKey = () =>
  'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
