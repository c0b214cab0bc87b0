import type { z } from 'zod';
import { api } from '../../lib/api';
import type * as C from '../../../contracts/reports';

// Types of the answers come from the API's contracts (src/contracts/reports.ts).
export type Dashboard = z.infer<typeof C.dashboardResponse>;
export type DashboardTarget = Dashboard['targets'][number];
export type TargetStatus = DashboardTarget['status'];
export type YearValue = DashboardTarget['yearly'][number];
export type Tally = Dashboard['children'][number]['reports'];
export type OwnTarget = Dashboard['concretized'][number]['targets'][number];
export type MyWork = z.infer<typeof C.myWorkResponse>;
export type DrillList = z.infer<typeof C.drilldownQuery>['list'];
export type DrillTask = z.infer<typeof C.drillTaskSchema>;
export type DrillReport = z.infer<typeof C.drillReportSchema>;
export type DrillTarget = z.infer<typeof C.drillTargetSchema>;
export type DrillQuery = z.infer<typeof C.drilldownQuery>;
/** Which tree a past day reads: that day's, or today's ("số liệu quy đổi theo địa giới mới"). */
export type TreeBasis = Dashboard['tree']['basis'];
export type PublicDashboard = z.infer<typeof C.publicDashboardResponse>;

export const dashboardKeys = {
  one: (documentId: number, orgId?: number, asOf?: string, periodKey?: string, tree?: TreeBasis) =>
    ['dashboard', documentId, orgId ?? null, asOf ?? null, periodKey ?? null, tree ?? null] as const,
  myWork: ['my-work'] as const,
  list: (documentId: number, q: DrillQuery) => ['dashboard', documentId, 'list', q] as const,
  public: (token: string) => ['public-dashboard', token] as const,
};
export const fetchDashboard = (documentId: number, orgId?: number, asOf?: string, periodKey?: string, tree?: TreeBasis) =>
  api.get<Dashboard>(`/documents/${documentId}/dashboard`, { orgId, asOf, periodKey, tree });
export const fetchMyWork = () => api.get<MyWork>('/my-work');
export const markNotificationRead = (id: number) => api.post<z.infer<typeof C.notificationReadResponse>>(`/notifications/${id}/read`, {});
export const markAllNotificationsRead = () => api.post<z.infer<typeof C.notificationsReadAllResponse>>('/notifications/read-all', {});
export const fetchDrillList = <T>(documentId: number, q: DrillQuery) =>
  api.get<{ rows: T[] }>(`/documents/${documentId}/dashboard/list`, q);
export const fetchPublicDashboard = (token: string) => api.get<PublicDashboard>(`/public/dashboards/${token}`);
