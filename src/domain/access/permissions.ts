/**
 * Roles and what they allow. A role is held on an org and covers its whole subtree; a
 * permission is granted on exactly the orgs where the user holds a role that includes it.
 * The server filters by these scopes in SQL; the web app reads the same table to hide what
 * the server would refuse.
 */
export const roles = ['admin', 'manager', 'reporter', 'approver', 'inspector', 'viewer', 'member'] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  'orgs.read',
  'orgs.write',
  'members.read',
  'members.write',
  'users.read',
  'users.write',
  'audit.read',
  'documents.read',
  'documents.write',
  'reports.read',
  'reports.write',
  'reports.approve',
  'study.read',
  'study.write',
  'inspections.write',
  'self',
  'grading.read',
  'grading.write',
  'grading.decide',
] as const;
export type Permission = (typeof permissions)[number];

const read: Permission[] = ['orgs.read', 'members.read', 'documents.read', 'reports.read', 'study.read', 'self', 'grading.read'];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  admin: permissions,
  manager: [...read, 'orgs.write', 'members.write', 'users.read', 'users.write', 'audit.read', 'documents.write', 'reports.write', 'study.write', 'grading.write', 'grading.decide'],
  reporter: [...read, 'reports.write', 'study.write', 'grading.write'],
  approver: [...read, 'reports.approve', 'grading.decide'],
  inspector: [...read, 'audit.read', 'inspections.write'],
  viewer: read,
  member: ['self'],
};

export const roleLabels: Record<Role, { vi: string; en: string }> = {
  admin: { vi: 'Quản trị hệ thống', en: 'Administrator' },
  manager: { vi: 'Quản lý', en: 'Manager' },
  reporter: { vi: 'Cán bộ báo cáo', en: 'Reporter' },
  approver: { vi: 'Người phê duyệt', en: 'Approver' },
  inspector: { vi: 'Cán bộ kiểm tra', en: 'Inspector' },
  viewer: { vi: 'Người xem', en: 'Viewer' },
  member: { vi: 'Đảng viên', en: 'Member' },
};

export type RoleGrant = { role: Role; orgId: number; orgPath: string };

/** The org paths on which the grants give `permission`, with paths inside others removed. */
export function scopePaths(grants: readonly RoleGrant[], permission: Permission): string[] {
  const paths = grants.filter((g) => rolePermissions[g.role].includes(permission)).map((g) => g.orgPath);
  return minimalPaths(paths);
}

/** True when `path` equals `ancestor` or lies below it, by whole labels ('1.2' does not cover '1.23'). */
export function isWithin(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}.`);
}

/** True when the grants give `permission` on the org at `orgPath`. */
export function can(grants: readonly RoleGrant[], permission: Permission, orgPath: string): boolean {
  return scopePaths(grants, permission).some((p) => isWithin(orgPath, p));
}

function minimalPaths(paths: string[]): string[] {
  const sorted = [...new Set(paths)].sort((a, b) => a.split('.').length - b.split('.').length);
  const kept: string[] = [];
  for (const p of sorted) if (!kept.some((k) => isWithin(p, k))) kept.push(p);
  return kept;
}

/** Roles a granter may hand out: only admins create admins. */
export function grantableRoles(grants: readonly RoleGrant[]): Role[] {
  return grants.some((g) => g.role === 'admin') ? [...roles] : roles.filter((r) => r !== 'admin');
}

/**
 * The indicator catalog is shared by every province: renaming an indicator or changing how it
 * rolls up changes every document that uses it, so only administrators edit it. Anyone who
 * writes documents may add a new indicator.
 */
export function canEditCatalog(grants: readonly RoleGrant[]): boolean {
  return grants.some((g) => g.role === 'admin');
}
