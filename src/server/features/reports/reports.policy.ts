import { isWithin, rolePermissions, type RoleGrant } from '../../../domain/access/permissions';
import { availableReportActions, type ReportStatus } from '../../../domain/reports';
import type { Actor } from '../../lib/actor';
import { forbidden } from '../../lib/errors';

const parentPath = (path: string) => (path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : null);

/**
 * An org writes its own reports: reports.write held on the org itself; an administrator's
 * role reaches down. A reporter higher up reads a ward's report but does not fill it in.
 */
export function canWriteReport(grants: readonly RoleGrant[], orgPath: string): boolean {
  return grants.some(
    (g) => rolePermissions[g.role].includes('reports.write') && (g.orgPath === orgPath || (g.role === 'admin' && isWithin(orgPath, g.orgPath))),
  );
}

/**
 * Approval goes up one level at a time: the parent org's approver approves (a root org's own
 * approver for the root); an administrator anywhere above does too.
 */
export function canApproveReport(grants: readonly RoleGrant[], orgPath: string): boolean {
  const parent = parentPath(orgPath);
  return grants.some((g) => {
    if (!rolePermissions[g.role].includes('reports.approve')) return false;
    if (g.role === 'admin') return isWithin(orgPath, g.orgPath) && (g.orgPath !== orgPath || parent === null);
    return parent === null ? g.orgPath === orgPath : g.orgPath === parent;
  });
}

/** Leaders ask for explanations from orgs below them (or their own): approvers, managers, admins. */
export function canAskExplanation(grants: readonly RoleGrant[], orgPath: string): boolean {
  return grants.some(
    (g) => (rolePermissions[g.role].includes('reports.approve') || rolePermissions[g.role].includes('documents.write')) && isWithin(orgPath, g.orgPath),
  );
}

/**
 * Sending reminders on demand is an administrator's tool (the daily job reminds everyone); an
 * administrator's run covers the subtrees where the administrator role is held. Returns those
 * paths (null for the system actor: everywhere); throws forbidden for anyone else.
 */
export function reminderScope(actor: Actor): string[] | null {
  if (actor.userId === null) return null;
  const paths = actor.grants.filter((g) => g.role === 'admin').map((g) => g.orgPath);
  if (paths.length === 0) throw forbidden({ vi: 'Chỉ quản trị hệ thống được gửi nhắc hạn.', en: 'Only administrators may send reminders.' });
  return paths;
}

export function reportAbilities(actor: Actor, report: { orgPath: string; status: ReportStatus }) {
  const canWrite = actor.userId === null || canWriteReport(actor.grants, report.orgPath);
  const canApprove = actor.userId === null || canApproveReport(actor.grants, report.orgPath);
  const actions = availableReportActions(report.status, { canWrite, canApprove });
  return {
    update: canWrite && (report.status === 'draft' || report.status === 'returned'),
    submit: actions.includes('submit'),
    approve: actions.includes('approve'),
    return: actions.includes('return'),
  };
}

export function requireReportWrite(actor: Actor, orgPath: string) {
  if (actor.userId !== null && !canWriteReport(actor.grants, orgPath)) {
    throw forbidden({ vi: 'Bạn không có quyền lập báo cáo của tổ chức này.', en: 'You may not write reports of this organization.' });
  }
}

export function requireReportApprove(actor: Actor, orgPath: string) {
  if (actor.userId !== null && !canApproveReport(actor.grants, orgPath)) {
    throw forbidden({
      vi: 'Báo cáo được duyệt bởi cấp ủy cấp trên trực tiếp; bạn không có quyền duyệt báo cáo này.',
      en: 'Reports are approved by the level directly above; you may not approve this one.',
    });
  }
}

/**
 * SQL over `reports r` for "waiting for me", by the same rules as canWriteReport and
 * canApproveReport, so that paging and totals are counted in the database. Returns the
 * condition and its parameters, numbered from `first`.
 */
export function waitingForSql(actor: Actor, waiting: 'write' | 'approve', first: number): { sql: string; params: unknown[] } {
  if (actor.userId === null) {
    return { sql: waiting === 'write' ? `r.status IN ('draft','returned')` : `r.status = 'submitted'`, params: [] };
  }
  const holding = (permission: 'reports.write' | 'reports.approve') =>
    actor.grants.filter((g) => g.role !== 'admin' && rolePermissions[g.role].includes(permission)).map((g) => g.orgPath);
  const admin = actor.grants.filter((g) => g.role === 'admin').map((g) => g.orgPath);
  const [own, adm] = [`$${first}::ltree[]`, `$${first + 1}::ltree[]`];
  if (waiting === 'write') {
    return {
      sql: `r.status IN ('draft','returned') AND (o.path = ANY(${own}) OR o.path <@ ${adm})`,
      params: [holding('reports.write'), admin],
    };
  }
  const parent = `CASE WHEN nlevel(o.path) > 1 THEN subpath(o.path, 0, nlevel(o.path) - 1) ELSE o.path END`;
  return {
    sql: `r.status = 'submitted' AND (${parent} = ANY(${own})
            OR (o.path <@ ${adm} AND (nlevel(o.path) = 1 OR NOT o.path = ANY(${adm}))))`,
    params: [holding('reports.approve'), admin],
  };
}
