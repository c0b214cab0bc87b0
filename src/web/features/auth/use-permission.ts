import { can, scopePaths, type Permission } from '../../../domain/access/permissions';
import { useCurrentUser } from './auth.api';

/** True when the user holds `permission` on `orgPath`, or anywhere when no path is given. */
export function useCan(permission: Permission, orgPath?: string): boolean {
  const me = useCurrentUser();
  return orgPath === undefined ? scopePaths(me.grants, permission).length > 0 : can(me.grants, permission, orgPath);
}
