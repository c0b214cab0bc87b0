/**
 * Who may grant roles and manage users. A grant never exceeds the granter's own roles, and a
 * user is managed only by someone who could have granted every role the user holds (the rules
 * are `canGrant` and `canManageUser` of src/domain/access, shared with the web's user form).
 */
import { canGrant, canManageUser, type Role } from '../../../domain/access/permissions';
import type { Actor } from '../../lib/actor';
import { allows, requireAllowed } from '../../lib/policy';

export type ManagedUser = { id: number; roles: readonly { role: Role; orgPath: string }[] };

export function canGrantRole(actor: Actor, role: Role, orgPath: string): boolean {
  return allows(actor, (grants) => canGrant(grants, role, orgPath));
}

export function requireGrantRole(actor: Actor, role: Role, orgPath: string): void {
  requireAllowed(canGrantRole(actor, role, orgPath), {
    vi: 'Bạn chỉ được gán vai trò mà chính mình có trên tổ chức đó; vai trò quản lý chỉ gán cho cấp dưới, vai trò quản trị do quản trị hệ thống gán.',
    en: 'You may grant only roles you hold on that org yourself; manager only below your own org, admin only by an administrator.',
  });
}

/** Never a peer manager, nor someone holding a role the actor lacks. */
export function canManage(actor: Actor, user: ManagedUser): boolean {
  return allows(actor, (grants) => canManageUser(grants, user.roles));
}

/** Edit, disable or reset the password of a user: manageable, and not oneself (an account does not raise its own rights). */
export function canEditUser(actor: Actor, user: ManagedUser): boolean {
  return canManage(actor, user) && user.id !== actor.userId;
}

export function requireEditUser(actor: Actor, user: ManagedUser): void {
  requireAllowed(canManage(actor, user), {
    vi: 'Người dùng này có vai trò ngoài phạm vi của bạn, vai trò bạn không có, hoặc là quản lý ngang cấp: chỉ quản trị hệ thống mới sửa hoặc đặt lại mật khẩu được.',
    en: 'This user holds a role outside your scope, a role you lack, or is a peer manager: only an administrator can change them or reset their password.',
  });
  requireAllowed(user.id !== actor.userId, {
    vi: 'Không thể tự sửa quyền hoặc khóa tài khoản của chính mình.',
    en: 'You cannot change your own account here.',
  });
}
