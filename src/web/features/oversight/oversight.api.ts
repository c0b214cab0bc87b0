import type { z } from 'zod';
import { api, downloadUrl } from '../../lib/api';
import type { FINDING_KINDS, OVERSIGHT_BASES, OVERSIGHT_KINDS } from '../../../domain/oversight';
import type * as C from '../../../contracts/oversight';

// Types of the answers come from the API's contracts (src/contracts/oversight.ts).
export type OversightKind = (typeof OVERSIGHT_KINDS)[number];
export type OversightBasis = (typeof OVERSIGHT_BASES)[number];
export type FindingKind = (typeof FINDING_KINDS)[number];
export type ProgramDetail = z.infer<typeof C.programResponse>;
export type Program = z.infer<typeof C.programsResponse>[number];
export type ProgramEntry = z.infer<typeof C.programEntrySchema>;
export type InspectionSummary = z.infer<typeof C.inspectionPageResponse>[number];
export type Figures = z.infer<typeof C.figuresSchema>;
export type Finding = z.infer<typeof C.findingViewSchema>;
export type Inspection = z.infer<typeof C.inspectionResponse>;
export type Recommendation = Inspection['recommendations'][number];
export type OversightAction = Inspection['abilities']['actions'][number];
export type Notes = z.infer<typeof C.inspectionNotesResponse>;
export type Dashboard = z.infer<typeof C.oversightDashboardResponse>;
export type Coverage = Dashboard['coverageYear'];
export type Timeline = z.infer<typeof C.orgTimelineResponse>;
export type EvidenceFile = z.infer<typeof C.evidenceFileSchema>;
export type EvidencePart = EvidenceFile['part'];
export type UpdateEntryInput = z.infer<typeof C.updateEntrySchema>;
export type UpdateFindingInput = z.infer<typeof C.updateFindingSchema>;
export type LinkOption = z.infer<typeof C.linkOptionsResponse>[number];
export type LinkKind = C.LinkKind;

export const oversightKeys = {
  programs: (year?: number) => ['oversight', 'programs', year ?? null] as const,
  program: (id: number) => ['oversight', 'program', id] as const,
  inspections: (q: object) => ['oversight', 'inspections', q] as const,
  inspection: (id: number) => ['oversight', 'inspection', id] as const,
  notes: (id: number) => ['oversight', 'notes', id] as const,
  draft: (id: number) => ['oversight', 'draft', id] as const,
  candidates: (id: number) => ['oversight', 'candidates', id] as const,
  dashboard: (q: object) => ['oversight', 'dashboard', q] as const,
  timeline: (orgId: number) => ['oversight', 'timeline', orgId] as const,
};

export const fetchPrograms = (year?: number) => api.get<Program[]>('/oversight/programs', { year });
export const fetchProgram = (id: number) => api.get<ProgramDetail>(`/oversight/programs/${id}`);
export const createProgram = (input: { orgId: number; body: Program['body']; year: number; title: string }) =>
  api.post<ProgramDetail>('/oversight/programs', input);
export const addEntry = (id: number, input: Record<string, unknown>) => api.post<ProgramDetail>(`/oversight/programs/${id}/entries`, input);
export const fetchInspections = (q: { subjectOrgId?: number; year?: number }) => api.get<InspectionSummary[]>('/oversight/inspections', q);
export const createInspection = (input: Record<string, unknown>) => api.post<Inspection>('/oversight/inspections', input);
export const fetchInspection = (id: number) => api.get<Inspection>(`/oversight/inspections/${id}`);
export const fetchNotes = (id: number) => api.get<Notes>(`/oversight/inspections/${id}/notes`);
export const fetchDraft = (id: number) => api.get<Figures>(`/oversight/inspections/${id}/self-report-draft`);
export const fetchCandidates = (id: number) =>
  api.get<z.infer<typeof C.teamCandidatesResponse>>(`/oversight/inspections/${id}/team-candidates`);
export const inspectionStep = (id: number, path: string, body: Record<string, unknown>, method: 'post' | 'put' = 'post') =>
  method === 'put'
    ? api.put<Inspection>(`/oversight/inspections/${id}/${path}`, body)
    : api.post<Inspection>(`/oversight/inspections/${id}/${path}`, body);
export const recommendationStep = (id: number, action: 'report' | 'accept' | 'reopen', body: Record<string, unknown>) =>
  api.post<Inspection>(`/oversight/recommendations/${id}/${action}`, body);
/** Attaches an evidence file to a finding, the self-report or a recommendation's follow-up. */
export const uploadEvidence = (id: number, target: { part: EvidencePart; findingId?: number; recommendationId?: number }, file: File) => {
  const form = new FormData();
  // The fields go before the file so the server has read them when the file arrives.
  form.append('part', target.part);
  if (target.findingId !== undefined) form.append('findingId', String(target.findingId));
  if (target.recommendationId !== undefined) form.append('recommendationId', String(target.recommendationId));
  form.append('file', file);
  return api.upload<EvidenceFile>(`/oversight/inspections/${id}/files`, form);
};
export const evidenceUrl = (id: number, fileId: number) => downloadUrl(`/oversight/inspections/${id}/files/${fileId}`);
export const updateEntry = (entryId: number, input: UpdateEntryInput) => api.patch<ProgramDetail>(`/oversight/entries/${entryId}`, input);
export const updateFinding = (findingId: number, input: UpdateFindingInput) =>
  api.patch<Inspection>(`/oversight/findings/${findingId}`, input);
/** What a finding may name: searched inside the subject's subtree (team). */
export const fetchFindingLinkOptions = (id: number, kind: LinkKind, q: string) =>
  api.get<LinkOption[]>(`/oversight/inspections/${id}/link-options`, { kind, q: q || undefined });
/** What an entry of a program may name: searched inside the chosen subject's subtree. */
export const fetchEntryLinkOptions = (programId: number, kind: LinkKind, subjectOrgId: number | undefined, q: string) =>
  api.get<LinkOption[]>(`/oversight/programs/${programId}/link-options`, { kind, subjectOrgId, q: q || undefined });
export const fetchDashboard = (q: { orgId?: number; year?: number }) => api.get<Dashboard>('/oversight/dashboard', q);
export const fetchTimeline = (orgId: number) => api.get<Timeline>(`/oversight/orgs/${orgId}/timeline`);

/** A member under inspection: the files on them, as sent to them. */
export const myInspectionsKey = ['oversight', 'mine'] as const;
export const fetchMyInspections = () => api.get<Inspection[]>('/oversight/my-inspections');
