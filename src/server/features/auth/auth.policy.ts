/** Who may change how everyone logs in: administrators only (the admin role on some org). */
import type { Actor } from '../../lib/actor';
import { allows, isAdministrator, requireAllowed } from '../../lib/policy';

/** Login settings and unlocking an account locked by failed logins. */
export function canManageLogins(actor: Actor): boolean {
  return allows(actor, isAdministrator);
}

export function requireManageLogins(actor: Actor): void {
  requireAllowed(canManageLogins(actor), { vi: 'Chỉ quản trị hệ thống mới làm được việc này.', en: 'Only administrators can do this.' });
}
