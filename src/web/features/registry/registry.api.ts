import type { z } from 'zod';
import { api, downloadUrl } from '../../lib/api';
import type {
  AdmitCandidateInput,
  CandidateStepInput,
  CreateCandidateInput,
  RegistryIndicator,
  candidateListSchema,
  candidateSchema,
  drillSchema,
  EditEventInput,
  EventImportPreview,
  EventImportResult,
  ReceiveTransferInput,
  RecordEventInput,
  editEventResultSchema,
  enterpriseListSchema,
  eventSchema,
  introducerOptionsSchema,
  reapprovalSchema,
  UpdateEnterpriseInput,
  updateEnterpriseResultSchema,
  indicatorsSchema,
  overdueSchema,
  timelineSchema,
} from '../../../contracts/registry';

export type Candidate = z.infer<typeof candidateSchema>;
export type Indicators = z.infer<typeof indicatorsSchema>;
export type Drill = z.infer<typeof drillSchema>;
export type Overdue = z.infer<typeof overdueSchema>;
export type Timeline = z.infer<typeof timelineSchema>;
export type Enterprises = z.infer<typeof enterpriseListSchema>;
export type Enterprise = Enterprises['items'][number];
export type MembershipEvent = z.infer<typeof eventSchema>;
export type Reapproval = z.infer<typeof reapprovalSchema>;
export type { RegistryIndicator };

export const registryKeys = {
  all: ['registry'] as const,
  indicators: (orgId: number, from: string, to: string) => ['registry', 'indicators', orgId, from, to] as const,
  drill: (orgId: number, from: string, to: string, indicator: string) => ['registry', 'drill', orgId, from, to, indicator] as const,
  candidates: (orgId: number) => ['registry', 'candidates', orgId] as const,
  overdue: (orgId: number) => ['registry', 'overdue', orgId] as const,
  enterprises: (orgId: number) => ['registry', 'enterprises', orgId] as const,
  timeline: (id: number) => ['registry', 'timeline', id] as const,
  introducers: (candidateId: number) => ['registry', 'introducers', candidateId] as const,
};

export const fetchIndicators = (orgId: number, from: string, to: string) =>
  api.get<Indicators>('/registry/indicators', { orgId, from, to });
export const fetchDrill = (orgId: number, from: string, to: string, indicator: RegistryIndicator) =>
  api.get<Drill>('/registry/indicators/drill', { orgId, from, to, indicator });
export const fetchCandidates = (orgId: number) => api.get<z.infer<typeof candidateListSchema>>('/registry/candidates', { orgId });
export const fetchOverdue = (orgId: number) => api.get<Overdue>('/registry/overdue-reviews', { orgId });
export const fetchEnterprises = (orgId: number) => api.get<Enterprises>('/registry/enterprises', { orgId });
export const fetchTimeline = (id: number) => api.get<Timeline>(`/registry/members/${id}/timeline`);
export const createCandidate = (input: CreateCandidateInput) => api.post<Candidate>('/registry/candidates', input);
export const recordStep = (id: number, input: CandidateStepInput) => api.post<Candidate>(`/registry/candidates/${id}/steps`, input);
export const editEvent = (id: number, input: Omit<EditEventInput, 'dryRun'> & { dryRun: boolean }) =>
  api.put<z.infer<typeof editEventResultSchema>>(`/registry/events/${id}`, input);
export const updateEnterprise = (id: number, input: UpdateEnterpriseInput) =>
  api.put<z.infer<typeof updateEnterpriseResultSchema>>(`/registry/enterprises/${id}`, input);
export const fetchIntroducerOptions = (candidateId: number) =>
  api.get<z.infer<typeof introducerOptionsSchema>>(`/registry/candidates/${candidateId}/introducer-options`);
export const recordEvent = (memberId: number, input: RecordEventInput) => api.post<Timeline>(`/registry/members/${memberId}/events`, input);
export const receiveTransfer = (input: ReceiveTransferInput) => api.post<MembershipEvent>('/registry/transfers/receive', input);
export const admitCandidate = (id: number, input: AdmitCandidateInput) => api.post<Candidate>(`/registry/candidates/${id}/admit`, input);

/** Labels of the figures, Vietnamese first. */
export const indicatorLabels: Record<RegistryIndicator, { vi: string; en: string }> = {
  admitted: { vi: 'Kết nạp đảng viên mới', en: 'Members admitted' },
  admitted_nse: { vi: 'trong đó: trong doanh nghiệp ngoài nhà nước', en: 'of which in non-state enterprises' },
  admitted_young: { vi: 'trong đó: đảng viên trẻ (đến 30 tuổi)', en: 'of which young (up to 30)' },
  admitted_female: { vi: 'trong đó: đảng viên nữ', en: 'of which women' },
  made_official: { vi: 'Chuyển đảng chính thức', en: 'Made official' },
  overdue: { vi: 'Quá hạn xét chuyển chính thức', en: 'Overdue reviews' },
  transfers_in: { vi: 'Tiếp nhận sinh hoạt đảng', en: 'Transfers in' },
  transfers_out: { vi: 'Chuyển sinh hoạt đảng đi', en: 'Transfers out' },
  removed: { vi: 'Ra khỏi Đảng (xóa tên, khai trừ, xin ra)', en: 'Left the party' },
  party_orgs_nse: { vi: 'Tổ chức đảng thành lập trong DN ngoài nhà nước', en: 'Party orgs founded in non-state firms' },
  union_orgs_nse: { vi: 'Tổ chức Công đoàn, Đoàn thành lập trong DN ngoài nhà nước', en: 'Union orgs founded in non-state firms' },
};

/** The periodic statistics table (HD 36 layout) of a subtree and period, as a download. */
export const statisticsUrl = (orgId: number, from: string, to: string, format: 'xlsx' | 'docx') =>
  downloadUrl(`/registry/statistics.${format}`, { orgId, from, to });

/** The events workbook to fill in (a GET download). */
export const eventsTemplateUrl = () => downloadUrl('/registry/events/import-template');
export type { EventImportPreview };

export function previewEventsImport(file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.upload<EventImportPreview>('/registry/events/import/preview', form);
}

/** Writes the previewed file: the same file again, with the preview's key. */
export function commitEventsImport(file: File, key: string) {
  const form = new FormData();
  // The server reads fields in order: the key first, then the file stream.
  form.append('request', JSON.stringify({ key }));
  form.append('file', file, file.name);
  return api.upload<EventImportResult>('/registry/events/import/commit', form);
}
