import { isWithin, rolePermissions, type Permission, type RoleGrant } from '../../../domain/access/permissions';
import { availableReportActions, type ReportStatus } from '../../../domain/reports';
import type { Actor } from '../../lib/actor';
import { forbidden } from '../../lib/errors';
import { allows, isSystemActor, requireAllowed } from '../../lib/policy';

const parentPath = (path: string) => (path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : null);

/** `permission` held on the org itself, or by an administrator's role anywhere above it. */
const onOwnOrg = (grants: readonly RoleGrant[], permission: Permission, orgPath: string) =>
  grants.some(
    (g) => rolePermissions[g.role].includes(permission) && (g.orgPath === orgPath || (g.role === 'admin' && isWithin(orgPath, g.orgPath))),
  );

/**
 * An org writes its own reports: reports.write held on the org itself; an administrator's
 * role reaches down. A reporter higher up reads a ward's report but does not fill it in.
 */
export function canWriteReport(actor: Actor, orgPath: string): boolean {
  return allows(actor, (grants) => onOwnOrg(grants, 'reports.write', orgPath));
}

/**
 * Approval goes up one level at a time: the parent org's approver approves (a root org's own
 * approver for the root); an administrator anywhere above does too.
 */
export function canApproveReport(actor: Actor, orgPath: string): boolean {
  const parent = parentPath(orgPath);
  return allows(actor, (grants) =>
    grants.some((g) => {
      if (!rolePermissions[g.role].includes('reports.approve')) return false;
      if (g.role === 'admin') return isWithin(orgPath, g.orgPath) && (g.orgPath !== orgPath || parent === null);
      return parent === null ? g.orgPath === orgPath : g.orgPath === parent;
    }),
  );
}

/** Leaders ask for explanations from orgs below them (or their own): approvers, managers, admins. */
export function canAskExplanation(actor: Actor, orgPath: string): boolean {
  return allows(actor, (grants) =>
    grants.some(
      (g) =>
        (rolePermissions[g.role].includes('reports.approve') || rolePermissions[g.role].includes('documents.write')) &&
        isWithin(orgPath, g.orgPath),
    ),
  );
}

export function requireAskExplanation(
  actor: Actor,
  orgPath: string,
  message = { vi: 'Chỉ lãnh đạo cấp trên mới yêu cầu giải trình.', en: 'Only leaders above may ask for an explanation.' },
): void {
  requireAllowed(canAskExplanation(actor, orgPath), message);
}

/** The org asked answers: whoever writes its reports. */
export function requireAnswerExplanation(actor: Actor, orgPath: string): void {
  requireAllowed(canWriteReport(actor, orgPath), {
    vi: 'Chỉ tổ chức được yêu cầu mới giải trình.',
    en: 'Only the responsible organization answers.',
  });
}

/** The asking side (leaders above) replies in the thread, as it closes it. */
export function requireReplyExplanation(actor: Actor, orgPath: string): void {
  requireAskExplanation(actor, orgPath, { vi: 'Chỉ bên yêu cầu giải trình mới trao đổi thêm.', en: 'Only the asking side replies.' });
}

export function explanationAbilities(actor: Actor, e: { orgPath: string; status: string }) {
  return {
    answer: canWriteReport(actor, e.orgPath) && e.status !== 'closed',
    close: canAskExplanation(actor, e.orgPath) && e.status !== 'closed',
    reply: canAskExplanation(actor, e.orgPath) && e.status !== 'closed',
  };
}

/**
 * A document's reporting (its schedules and the public link of its dashboard) is planned by the
 * org that issued it: reports.manage held on that org, or an administrator above it.
 */
export function canManageReporting(actor: Actor, docOrgPath: string): boolean {
  return allows(actor, (grants) => onOwnOrg(grants, 'reports.manage', docOrgPath));
}

export function requireManageReporting(actor: Actor, doc: { orgPath: string }): void {
  requireAllowed(canManageReporting(actor, doc.orgPath), {
    vi: 'Bạn không có quyền sửa văn bản của tổ chức này.',
    en: 'You may not change documents of this organization.',
  });
}

/**
 * Separation of duties: whoever submitted a report does not approve it, even when they hold
 * both roles (a manager who is also an approver above): a second person checks every figure.
 */
export function requireNotSubmitter(actor: Actor, submittedBy: number | null): void {
  requireAllowed(submittedBy === null || submittedBy !== actor.userId, {
    vi: 'Đồng chí đã gửi báo cáo này nên không thể tự duyệt: người gửi và người duyệt một báo cáo phải là hai người khác nhau. Hãy để một người phê duyệt khác duyệt, hoặc trả lại báo cáo.',
    en: 'You submitted this report, so you cannot approve it: the submitter and the approver must be two different people. Ask another approver, or return it.',
  });
}

/**
 * Sending reminders on demand is an administrator's tool (the daily job reminds everyone); an
 * administrator's run covers the subtrees where the administrator role is held. Returns those
 * paths (null for the system actor: everywhere); throws forbidden for anyone else.
 */
export function reminderScope(actor: Actor): string[] | null {
  if (isSystemActor(actor)) return null;
  const paths = actor.grants.filter((g) => g.role === 'admin').map((g) => g.orgPath);
  if (paths.length === 0)
    throw forbidden({ vi: 'Chỉ quản trị hệ thống được gửi nhắc hạn.', en: 'Only administrators may send reminders.' });
  return paths;
}

/** The org a run of reminders is audited under: the first org where the administrator role is held (none for the job). */
export function reminderAuditOrg(actor: Actor): { orgId: number; orgPath: string } | null {
  const home = actor.grants.find((g) => g.role === 'admin');
  return home ? { orgId: home.orgId, orgPath: home.orgPath } : null;
}

export function reportAbilities(actor: Actor, report: { orgPath: string; status: ReportStatus }) {
  const canWrite = canWriteReport(actor, report.orgPath);
  const canApprove = canApproveReport(actor, report.orgPath);
  const actions = availableReportActions(report.status, { canWrite, canApprove });
  return {
    update: canWrite && (report.status === 'draft' || report.status === 'returned'),
    submit: actions.includes('submit'),
    approve: actions.includes('approve'),
    return: actions.includes('return'),
  };
}

export function requireReportWrite(actor: Actor, orgPath: string) {
  requireAllowed(canWriteReport(actor, orgPath), {
    vi: 'Bạn không có quyền lập báo cáo của tổ chức này.',
    en: 'You may not write reports of this organization.',
  });
}

export function requireReportApprove(actor: Actor, orgPath: string) {
  requireAllowed(canApproveReport(actor, orgPath), {
    vi: 'Báo cáo được duyệt bởi cấp ủy cấp trên trực tiếp; bạn không có quyền duyệt báo cáo này.',
    en: 'Reports are approved by the level directly above; you may not approve this one.',
  });
}

/**
 * SQL over `reports r` for "waiting for me", by the same rules as canWriteReport and
 * canApproveReport, so that paging and totals are counted in the database. Returns the
 * condition and its parameters, numbered from `first`.
 */
export function waitingForSql(actor: Actor, waiting: 'write' | 'approve', first: number): { sql: string; params: unknown[] } {
  if (isSystemActor(actor)) {
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
