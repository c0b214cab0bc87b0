import type { z } from 'zod';
import { api, downloadUrl } from '../../lib/api';
import type { attendanceStatuses, sessionModes } from '../../../contracts/study-sessions';
import type * as S from '../../../contracts/study-sessions';
import type * as V from '../../../contracts/study-coverage';
import type { reflectionStatuses } from '../../../contracts/study-reflections';
import type * as F from '../../../contracts/study-reflections';
import type * as K from '../../../contracts/study-checkin';

// Types of the answers and bodies come from the API's contracts (src/contracts/study-*.ts).
export type SessionMode = (typeof sessionModes)[number];
export type AttendanceStatus = (typeof attendanceStatuses)[number];
export type Counts = z.infer<typeof S.pointCounts>;
export type SessionSummary = z.infer<typeof S.sessionSummarySchema>;
export type DocumentRef = SessionSummary['documents'][number];
export type Session = z.infer<typeof S.sessionSchema>;
export type Point = z.infer<typeof S.pointSchema>;
export type AttendanceRow = z.infer<typeof S.attendanceRowSchema>;
export type Coverage = z.infer<typeof V.coverageSchema>;
export type CoverageOrg = Coverage['org'];
export type NotStudied = z.infer<typeof V.missingSchema>;
export type ReflectionStatus = (typeof reflectionStatuses)[number];
export type Reflection = z.infer<typeof F.reflectionSchema>;
export type Pledge = z.infer<typeof F.pledgeSchema>;
export type MyStudy = z.infer<typeof F.myStudySchema>;
export type CheckinInfo = z.infer<typeof K.checkinInfo>;

export const studyKeys = {
  sessions: (q: object) => ['study', 'sessions', q] as const,
  session: (id: number) => ['study', 'session', id] as const,
  points: (sessionId: number) => ['study', 'points', sessionId] as const,
  point: (id: number) => ['study', 'point', id] as const,
  roll: (id: number, q: object) => ['study', 'roll', id, q] as const,
  qr: (id: number) => ['study', 'qr', id] as const,
  coverage: (q: object) => ['study', 'coverage', q] as const,
  missing: (q: object) => ['study', 'missing', q] as const,
  documents: ['study', 'documents'] as const,
  me: ['study', 'me'] as const,
  reflections: (q: object) => ['study', 'reflections', q] as const,
  pledges: (q: object) => ['study', 'pledges', q] as const,
};

export const fetchSessions = (q: { orgId?: number; documentId?: number; when?: string; page: number; pageSize: number }) =>
  api.get<z.infer<typeof S.sessionPageSchema>>('/study/sessions', q);
export const fetchSession = (id: number) => api.get<Session>(`/study/sessions/${id}`);
export const createSession = (body: unknown) => api.post<Session>('/study/sessions', body);
export const updateSession = (id: number, body: { version: number } & Record<string, unknown>) =>
  api.patch<Session>(`/study/sessions/${id}`, body);
export const cancelSession = (id: number, version: number) => api.post<Session>(`/study/sessions/${id}/cancel`, { version });
export const sendInvitations = (id: number) => api.post<z.infer<typeof S.invitationsResultSchema>>(`/study/sessions/${id}/invitations`);
export const createMakeup = (id: number, body: unknown) => api.post<Session>(`/study/sessions/${id}/makeups`, body);
export const fetchPoints = (sessionId: number) => api.get<Point[]>(`/study/sessions/${sessionId}/points`);
export const createPoint = (sessionId: number, body: unknown) => api.post<Point>(`/study/sessions/${sessionId}/points`, body);
export const createPointsBulk = (sessionId: number, body: unknown) =>
  api.post<z.infer<typeof S.bulkPointsResultSchema>>(`/study/sessions/${sessionId}/points/bulk`, body);
export const fetchPoint = (id: number) => api.get<Point>(`/study/points/${id}`);
export const updatePoint = (id: number, body: { version: number; name?: string; place?: string | null; hostName?: string | null }) =>
  api.patch<Point>(`/study/points/${id}`, body);
export const deletePoint = (id: number) => api.delete<unknown>(`/study/points/${id}`);
export const fetchQr = (id: number) => api.get<z.infer<typeof S.qrSchema>>(`/study/points/${id}/qr`);
export const fetchLive = (id: number, after: number) => api.get<z.infer<typeof S.liveSchema>>(`/study/points/${id}/live`, { after });
export const fetchRoll = (id: number, q: { filter: string; q?: string; page: number; pageSize: number }) =>
  api.get<z.infer<typeof S.rollSchema>>(`/study/points/${id}/roll`, q);
/** Everyone expected at the point, every page of the roll (for the printed sheet of personal codes). */
export async function fetchWholeRoll(id: number): Promise<AttendanceRow[]> {
  const pageSize = 500;
  const first = await fetchRoll(id, { filter: 'all', page: 1, pageSize });
  const rest = await Promise.all(
    Array.from({ length: Math.ceil(first.total / pageSize) - 1 }, (_, i) => fetchRoll(id, { filter: 'all', page: i + 2, pageSize })),
  );
  return [first, ...rest].flatMap((p) => p.items);
}
export const markAttendance = (pointId: number, memberId: number, body: { status: AttendanceStatus; reason?: string }) =>
  api.put<z.infer<typeof S.markResultSchema>>(`/study/points/${pointId}/attendance/${memberId}`, body);
export const allowMembers = (pointId: number, codes: string[]) =>
  api.post<z.infer<typeof S.allowMembersResultSchema>>(`/study/points/${pointId}/members`, { codes });
export function importRollCall(pointId: number, file: File) {
  const form = new FormData();
  form.append('file', file);
  return api.upload<z.infer<typeof S.rollImportResultSchema>>(`/study/points/${pointId}/attendance/import`, form);
}
export const rollSheetUrl = (pointId: number) => downloadUrl(`/study/points/${pointId}/roll.xlsx`);
export const reportXlsxUrl = (sessionId: number) => downloadUrl(`/study/sessions/${sessionId}/report.xlsx`);
export const reportDocxUrl = (sessionId: number) => downloadUrl(`/study/sessions/${sessionId}/report.docx`);

export const fetchCoverage = (q: { documentId: number; orgId?: number; asOf?: string }) => api.get<Coverage>('/study/coverage', q);
export const fetchNotStudied = (q: { documentId: number; orgId?: number; asOf?: string; page: number; pageSize: number }) =>
  api.get<NotStudied>('/study/coverage/missing', q);
export const fetchStudiedDocuments = () => api.get<z.infer<typeof V.studiedDocumentsSchema>>('/study/coverage/documents');

export const fetchMyStudy = () => api.get<MyStudy>('/study/me');
export const writeReflection = (body: { documentId: number; body: string }) => api.post<Reflection>('/study/me/reflections', body);
export const rewriteReflection = (id: number, body: { version: number; body: string }) =>
  api.put<Reflection>(`/study/me/reflections/${id}`, body);
/** Submits a reflection as a file (multipart: documentId, optional body, file); replaces a reflection not yet accepted. */
export function uploadReflection(documentId: number, file: File, body?: string) {
  const form = new FormData();
  form.append('documentId', String(documentId));
  if (body) form.append('body', body);
  form.append('file', file);
  return api.upload<Reflection>('/study/me/reflections/upload', form);
}
export const createPledge = (body: { documentId: number; year: number; commitments: string[] }) =>
  api.post<Pledge>('/study/me/pledges', body);
export const updatePledge = (id: number, body: { version: number; commitments?: string[]; selfReview?: string | null }) =>
  api.patch<Pledge>(`/study/me/pledges/${id}`, body);
export const fetchReflections = (q: { orgId?: number; status?: string; documentId?: number; page: number; pageSize: number }) =>
  api.get<z.infer<typeof F.reflectionPageSchema>>('/study/reflections', q);
export const reviewReflection = (id: number, body: { version: number; decision: 'accepted' | 'rewrite'; note?: string }) =>
  api.post<Reflection>(`/study/reflections/${id}/review`, body);
export const fetchPledges = (q: { orgId?: number; documentId?: number; year?: number }) => api.get<Pledge[]>('/study/pledges', q);

/**
 * Checks in at a bridge point: as the logged-in member (no codes), or with the member code and
 * the personal check-in code printed on the invitation.
 */
export const checkIn = (token: string, codes?: { memberCode: string; personalCode: string }) =>
  api.post<z.infer<typeof K.checkinResult>>('/study/checkin', { token, ...(codes ?? {}) });
export const fetchCheckinInfo = (token: string) => api.get<CheckinInfo>(`/study/checkin/${encodeURIComponent(token)}`);
export const statusColors: Record<AttendanceStatus, string> = { present: 'green', excused: 'gold', absent: 'red' };
export const reflectionColors: Record<ReflectionStatus, string> = { submitted: 'blue', accepted: 'green', rewrite: 'orange' };

/**
 * What the reflection upload takes, checked before sending: the server's list of extensions
 * (PDF, Word, OpenDocument, text, JPEG, PNG) and a size well under its multipart limit.
 */
export const REFLECTION_FILE_ACCEPT = '.pdf,.doc,.docx,.odt,.txt,.jpg,.jpeg,.png';
export const REFLECTION_FILE_MAX_MB = 20;
const REFLECTION_FILE_NAME = /\.(pdf|docx?|odt|txt|jpe?g|png)$/i;
/** Why a file cannot be sent as a reflection, or null when it can. */
export function reflectionFileProblem(file: { name: string; size: number }): 'fileType' | 'fileTooBig' | 'fileEmpty' | null {
  if (!REFLECTION_FILE_NAME.test(file.name)) return 'fileType';
  if (file.size === 0) return 'fileEmpty';
  if (file.size > REFLECTION_FILE_MAX_MB * 1024 * 1024) return 'fileTooBig';
  return null;
}
