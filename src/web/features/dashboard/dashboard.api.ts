import { api } from '../../lib/api';

export type TargetStatus = 'achieved' | 'on_track' | 'at_risk' | 'off_track' | 'not_assessable';
export type YearValue = { year: number; value: number };
export type DashboardTarget = {
  itemId: number; text: string; statement: string | null; indicatorName: string | null; unit: string; status: TargetStatus; reason: string;
  latest: number | null; latestPeriod: string | null; yearly: YearValue[]; plan: YearValue[]; forecast: YearValue[]; openExplanations: number;
};
export type Tally = { expected: number; submitted: number; onTime: number; approved: number; late: number; submittedPct: number | null; onTimePct: number | null };
export type Dashboard = {
  document: { id: number; symbol: string; title: string; term: string; orgId: number; orgName: string };
  org: { id: number; name: string; parentId: number | null };
  asOf: string;
  targets: DashboardTarget[];
  targetCounts: Record<TargetStatus, number>;
  tasks: { counts: Record<string, number>; overdue: number };
  reports: Tally & { periodKey: string | null };
  children: { orgId: number; orgName: string; tasks: { total: number; overdue: number; done: number }; reports: Tally }[];
  openExplanations: number;
};
export type MyWork = {
  asOf: string;
  reportsToWrite: { id: number; orgName: string; documentSymbol: string; periodKey: string; status: string; dueDate: string; isLate: boolean }[];
  reportsToApprove: { id: number; orgName: string; documentSymbol: string; periodKey: string; dueDate: string }[];
  lateTasks: { id: number; title: string; leadOrgName: string; dueDate: string; progress: number }[];
  explanations: { id: number; orgName: string; question: string; dueDate: string; subject: string | null; askedByName: string }[];
};

export const dashboardKeys = {
  one: (documentId: number, orgId?: number, asOf?: string) => ['dashboard', documentId, orgId ?? null, asOf ?? null] as const,
  myWork: ['my-work'] as const,
};
export const fetchDashboard = (documentId: number, orgId?: number, asOf?: string) =>
  api.get<Dashboard>(`/documents/${documentId}/dashboard`, { orgId, asOf });
export const fetchMyWork = () => api.get<MyWork>('/my-work');
