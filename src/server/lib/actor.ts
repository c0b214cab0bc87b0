import { scopePaths, type Permission, type RoleGrant } from '../../domain/access/permissions';
import { forbidden } from './errors';
import { isSystemActor } from './policy';

/** Who is acting, as every service sees it: the user, their grants and where they call from. */
export type Actor = {
  userId: number | null;
  username: string;
  fullName: string;
  ip: string | null;
  grants: RoleGrant[];
  memberId: number | null;
  locale: 'vi' | 'en';
};

/** The actor for work started from the command line or at start-up. */
export function systemActor(name = 'Hệ thống'): Actor {
  return { userId: null, username: 'system', fullName: name, ip: null, grants: [], memberId: null, locale: 'vi' };
}

/**
 * The org paths the actor may use `permission` on, for SQL filters (see `inScopeSql`); null for
 * the system actor, whose scope is everything. Throws `forbidden` when there are none: the caller's role does not allow this at all.
 */
export function scopeOf(actor: Actor, permission: Permission): string[] | null {
  if (isSystemActor(actor)) return null;
  const paths = scopePaths(actor.grants, permission);
  if (paths.length === 0) throw forbidden();
  return paths;
}

/** SQL for "this ltree column lies inside the scope" given the scope as parameter `param`. */
export function inScopeSql(column: string, param: string): string {
  return `(${param}::ltree[] IS NULL OR ${column} <@ ${param}::ltree[])`;
}
