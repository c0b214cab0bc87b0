import { api } from '../../lib/api';

export type TargetStatus = 'achieved' | 'on_track' | 'at_risk' | 'off_track' | 'not_assessable';
export type YearValue = { year: number; value: number };
export type DashboardTarget = {
  itemId: number; text: string; statement: string | null; indicatorId: number | null; indicatorName: string | null; aggregation: string | null; unit: string; requiredRate: number | null; status: TargetStatus; reason: string;
  latest: number | null; latestPeriod: string | null; yearly: YearValue[]; plan: YearValue[]; forecast: YearValue[]; openExplanations: number;
  /** Where the actual comes from: approved reports, or (STUDY_RATE targets) study attendance. */
  source?: 'reports' | 'study';
};
export type Tally = { expected: number; submitted: number; onTime: number; approved: number; late: number; submittedPct: number | null; onTimePct: number | null };
export type Dashboard = {
  document: { id: number; symbol: string; title: string; term: string; orgId: number; orgName: string };
  org: { id: number; name: string; path: string; parentId: number | null };
  asOf: string;
  targets: DashboardTarget[];
  targetCounts: Record<TargetStatus, number>;
  tasks: { counts: Record<string, number>; overdue: number };
  reports: Tally & { periodKey: string | null };
  children: { orgId: number; orgName: string; tasks: { total: number; overdue: number; done: number }; reports: Tally }[];
  openExplanations: number;
  /** Reporting periods of the document under the org, latest due first. */
  periods: { key: string; dueDate: string }[];
  /** Below the issuer: the org's own plans with their targets, each naming the parent targets it concretizes. */
  concretized: { document: { id: number; symbol: string; title: string }; targets: OwnTarget[] }[];
};
export type OwnTarget = DashboardTarget & { parentItemIds: number[] };
export type MyWork = {
  asOf: string;
  reportsToWrite: { id: number; orgName: string; documentSymbol: string; periodKey: string; status: string; dueDate: string; isLate: boolean }[];
  reportsToApprove: { id: number; orgName: string; documentSymbol: string; periodKey: string; dueDate: string }[];
  lateTasks: { id: number; title: string; leadOrgName: string; dueDate: string; progress: number }[];
  explanations: { id: number; orgName: string; question: string; dueDate: string; subject: string | null; askedByName: string }[];
  notifications: { id: number; kind: string; title: string; body: string | null; link: string | null; createdAt: string }[];
};
export type DrillList = 'targets' | 'tasks' | 'overdue_tasks' | 'reports';
export type DrillTask = { id: number; title: string; leadOrgId: number; leadOrgName: string; dueDate: string | null; status: string; progress: number; isOverdue: boolean; itemId: number | null };
export type DrillReport = { id: number; orgId: number; orgName: string; periodKey: string; status: string; dueDate: string; firstSubmittedAt: string | null; approvedAt: string | null };
export type DrillTarget = Omit<DashboardTarget, 'yearly' | 'plan' | 'forecast'>;
export type DrillQuery = { list: DrillList; status?: string; orgId?: number; asOf?: string; periodKey?: string };
export type PublicDashboard = {
  document: Dashboard['document']; asOf: string; targets: Omit<DashboardTarget, 'openExplanations'>[];
  tasks: Dashboard['tasks'] | null;
};

export const dashboardKeys = {
  one: (documentId: number, orgId?: number, asOf?: string, periodKey?: string) => ['dashboard', documentId, orgId ?? null, asOf ?? null, periodKey ?? null] as const,
  myWork: ['my-work'] as const,
  list: (documentId: number, q: DrillQuery) => ['dashboard', documentId, 'list', q] as const,
  public: (token: string) => ['public-dashboard', token] as const,
};
export const fetchDashboard = (documentId: number, orgId?: number, asOf?: string, periodKey?: string) =>
  api.get<Dashboard>(`/documents/${documentId}/dashboard`, { orgId, asOf, periodKey });
export const fetchMyWork = () => api.get<MyWork>('/my-work');
export const fetchDrillList = <T,>(documentId: number, q: DrillQuery) => api.get<{ rows: T[] }>(`/documents/${documentId}/dashboard/list`, q);
export const fetchPublicDashboard = (token: string) => api.get<PublicDashboard>(`/public/dashboards/${token}`);
