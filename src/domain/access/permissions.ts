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
  'inspections.read',
  'grading.read',
  'grading.write',
  'grading.decide',
  // A feature's own permissions where its routes borrowed another's, held by the same roles.
  'mail.read',
  'auth.manage',
  'reports.manage',
  'extraction.read',
  'extraction.write',
  'terms.read',
  'terms.write',
  'reorg.read',
  'reorg.write',
  // Issuing tokens for other systems: administrators only (no other role holds it).
  'api-tokens.manage',
  'consultation.manage',
  'registry.read',
  'registry.write',
] as const;
export type Permission = (typeof permissions)[number];

const read: Permission[] = [
  'orgs.read',
  'members.read',
  'documents.read',
  'reports.read',
  'study.read',
  'self',
  'grading.read',
  'extraction.read',
  'terms.read',
  'reorg.read',
  'registry.read',
];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  admin: permissions,
  manager: [
    ...read,
    'orgs.write',
    'members.write',
    'users.read',
    'users.write',
    'audit.read',
    'documents.write',
    'reports.write',
    'study.write',
    'inspections.read',
    'grading.write',
    'grading.decide',
    'mail.read',
    'auth.manage',
    'reports.manage',
    'extraction.write',
    'terms.write',
    'reorg.write',
    'consultation.manage',
    'registry.write',
  ],
  reporter: [...read, 'reports.write', 'study.write', 'grading.write'],
  approver: [...read, 'reports.approve', 'grading.decide'],
  inspector: [...read, 'audit.read', 'inspections.write', 'inspections.read', 'mail.read'],
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

/** True when the grants hold the admin role on the org at `orgPath` or above it. */
export function isAdminOver(grants: readonly RoleGrant[], orgPath: string): boolean {
  return grants.some((g) => g.role === 'admin' && isWithin(orgPath, g.orgPath));
}

/**
 * Whether the grants may hand out `role` on the org at `orgPath`. A grant never exceeds the
 * granter's own roles:
 * - an administrator over the org may grant any role there;
 * - anyone else needs `users.write` on the org and must hold there every permission the role
 *   gives (a manager grants reporter or viewer, but approver or inspector only where they also
 *   hold that role, and admin never);
 * - a role that itself manages users (manager) is granted only strictly below the granter's own
 *   `users.write` orgs: a peer is made, and managed, by an administrator.
 */
export function canGrant(grants: readonly RoleGrant[], role: Role, orgPath: string): boolean {
  if (isAdminOver(grants, orgPath)) return true;
  if (!can(grants, 'users.write', orgPath)) return false;
  if (!rolePermissions[role].every((p) => can(grants, p, orgPath))) return false;
  if (rolePermissions[role].includes('users.write')) {
    return scopePaths(grants, 'users.write').some((p) => p !== orgPath && isWithin(orgPath, p));
  }
  return true;
}

/**
 * Whether the grants may edit, disable or reset the password of a user holding `target`: only
 * when the granter could have granted every one of the user's roles (so never a peer manager,
 * nor anyone holding a role the granter lacks).
 */
export function canManageUser(grants: readonly RoleGrant[], target: readonly Pick<RoleGrant, 'role' | 'orgPath'>[]): boolean {
  return target.every((t) => canGrant(grants, t.role, t.orgPath));
}

/** Roles a granter may hand out somewhere: for the user form's choices (the server checks each org). */
export function grantableRoles(grants: readonly RoleGrant[]): Role[] {
  // Rights only narrow going down, so an org just below each grant shows everything grantable.
  return roles.filter((r) => grants.some((g) => canGrant(grants, r, `${g.orgPath}.0`)));
}

/**
 * The indicator catalog is shared by every province: renaming an indicator or changing how it
 * rolls up changes every document that uses it, so only administrators edit it. Anyone who
 * writes documents may add a new indicator.
 */
export function canEditCatalog(grants: readonly RoleGrant[]): boolean {
  return grants.some((g) => g.role === 'admin');
}
