import { api } from '../../lib/api';

export type OversightKind = 'inspection' | 'supervision';
export type OversightBasis = 'regular' | 'thematic' | 'violation_signs';
export type FindingKind = 'strength' | 'limitation' | 'shortcoming' | 'violation';
export type OversightAction = 'form_team' | 'send_notice' | 'submit_self_report' | 'record_session' | 'submit_team_report' | 'record_finding' | 'conclude' | 'send_conclusion' | 'close';

export type Program = { id: number; orgId: number; orgName: string; body: 'committee' | 'inspection_commission'; year: number; symbol: string; title: string; issueDate: string | null; isSample: boolean; version: number; entryCount?: number };
export type ProgramEntry = {
  id: number; position: number; kind: OversightKind; basis: OversightBasis; content: string; theme: string; subjectOrgIds: number[]; subjectOrgNames: string[] | null;
  subjectMemberNames: string[] | null; documentIds: number[]; documentSymbols: string[] | null; periodStart: string; periodEnd: string; responsibleBody: string; inspectionCount: number;
};
export type ProgramDetail = Program & { entries: ProgramEntry[] };

export type InspectionSummary = {
  id: number; kind: OversightKind; basis: OversightBasis; orgName: string; subjectOrgId: number; subjectOrgName: string; subjectMemberName: string | null; content: string; theme: string;
  periodStart: string; periodEnd: string; year: number; status: string; statusLabel: string; isSample: boolean;
  recommendations?: { total: number; accepted: number; overdue: number } | null;
};
export type Figures = {
  asOf: string; documentSymbol: string | null;
  targets: { total: number; achieved: number; onTrack: number; atRisk: number; offTrack: number; notAssessable: number } | null;
  offTrackTargets: { itemId: number; text: string; status: string }[];
  tasks: { led: number; overdue: number };
  reports: { periodKey: string | null; expected: number; submitted: number; approved: number } | null;
  study: { studied: number; members: number; percent: number } | null;
  openExplanations: number;
};
export type Finding = { id: number; kind: FindingKind; theme: string; text: string; itemTexts: string[] | null; taskTitles: string[] | null; memberNames: string[] | null };
export type Recommendation = {
  id: number; position: number; text: string; ownerOrgId: number; ownerOrgName: string; deadline: string; status: string; view: 'open' | 'reported' | 'accepted' | 'reopened' | 'overdue';
  evidence: string | null; decidedNote: string | null; version: number;
};
export type Inspection = InspectionSummary & {
  orgId: number; documentId: number | null; documentSymbol: string | null; version: number; audience: 'commission' | 'team' | 'supervisor' | 'subject'; parts: string[];
  decision: { symbol: string | null; date: string | null } | null; team: { userId: number; fullName: string; role: 'head' | 'member' | 'secretary' }[];
  plan: { symbol: string | null; text: string | null } | null; notice: { text: string | null; sentAt: string | null } | null;
  selfReport: { text: string | null; figures: Figures | null; sentAt: string | null } | null;
  findings: Finding[]; conclusion: { symbol: string | null; text: string; concludedAt: string | null; sentAt: string | null } | null;
  recommendations: Recommendation[]; counts: { findings: number; recommendations: number; openRecommendations: number };
  earlier: { id: number; theme: string; periodStart: string; conclusionSymbol: string | null; recommendations: number; accepted: number }[];
  abilities: { commission: boolean; team: boolean; subject: boolean; actions: OversightAction[] };
};
export type Notes = { sessions: { id: number; heldOn: string; place: string; minutes: string; createdByName: string | null }[]; teamReport: string | null; findings: Finding[] };
export type Coverage = { covered: number; orgs: number; percent: number };
export type Dashboard = {
  org: { id: number; name: string; parentId: number | null }; year: number; term: string; asOf: string; coverageYear: Coverage; coverageTerm: Coverage;
  byKind: Record<OversightKind, { concluded: number; ongoing: number }>; findingsByKind: Record<FindingKind, number>;
  findingsByTheme: ({ theme: string; files: number } & Record<FindingKind, number>)[];
  overdue: { count: number; items: { id: number; inspectionId: number; text: string; deadline: string; ownerOrgName: string; subjectOrgName: string }[] };
  children: { orgId: number; orgName: string; orgs: number; coveredYear: number; coveredTerm: number; percentYear: number; overdue: number }[];
};

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
export const createProgram = (input: { orgId: number; body: Program['body']; year: number; title: string }) => api.post<ProgramDetail>('/oversight/programs', input);
export const addEntry = (id: number, input: Record<string, unknown>) => api.post<ProgramDetail>(`/oversight/programs/${id}/entries`, input);
export const fetchInspections = (q: { subjectOrgId?: number; year?: number }) => api.get<InspectionSummary[]>('/oversight/inspections', q);
export const createInspection = (input: Record<string, unknown>) => api.post<Inspection>('/oversight/inspections', input);
export const fetchInspection = (id: number) => api.get<Inspection>(`/oversight/inspections/${id}`);
export const fetchNotes = (id: number) => api.get<Notes>(`/oversight/inspections/${id}/notes`);
export const fetchDraft = (id: number) => api.get<Figures>(`/oversight/inspections/${id}/self-report-draft`);
export const fetchCandidates = (id: number) => api.get<{ userId: number; fullName: string; orgName: string }[]>(`/oversight/inspections/${id}/team-candidates`);
export const inspectionStep = (id: number, path: string, body: Record<string, unknown>, method: 'post' | 'put' = 'post') =>
  method === 'put' ? api.put<Inspection>(`/oversight/inspections/${id}/${path}`, body) : api.post<Inspection>(`/oversight/inspections/${id}/${path}`, body);
export const recommendationStep = (id: number, action: 'report' | 'accept' | 'reopen', body: Record<string, unknown>) => api.post<Inspection>(`/oversight/recommendations/${id}/${action}`, body);
export const fetchDashboard = (q: { orgId?: number; year?: number }) => api.get<Dashboard>('/oversight/dashboard', q);
export const fetchTimeline = (orgId: number) => api.get<{ org: { id: number; name: string }; items: InspectionSummary[] }>(`/oversight/orgs/${orgId}/timeline`);

/** A member under inspection: the files on them, as sent to them. */
export const myInspectionsKey = ['oversight', 'mine'] as const;
export const fetchMyInspections = () => api.get<Inspection[]>('/oversight/my-inspections');
