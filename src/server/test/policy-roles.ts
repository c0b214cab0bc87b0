/**
 * Table-driven policy tests: an actor for each role of src/domain/access/permissions.ts held on
 * one org, and records at that org, below it, above it and just outside its subtree.
 */
import { roles, type Role, type RoleGrant } from '../../domain/access/permissions';
import { systemActor, type Actor } from '../lib/actor';

/** The org the role is held on, its parent, a child, a sibling, and `1.23`, whose path starts like `1.2` but lies outside it. */
export const at = { home: '1.2', above: '1', below: '1.2.5', sibling: '1.3', lookalike: '1.23' } as const;

export const everyRole: readonly Role[] = roles;

export function actorWith(role: Role, orgPath: string = at.home, overrides: Partial<Actor> = {}): Actor {
  const orgId = Number(orgPath.split('.').pop());
  const grants: RoleGrant[] = [{ role, orgId, orgPath }];
  return { userId: 100, username: `u-${role}`, fullName: role, ip: null, grants, memberId: null, locale: 'vi', ...overrides };
}

export const system = systemActor();

/**
 * The roles, of every role in permissions.ts held on `at.home`, whose actor passes `check`: a test
 * compares it with the roles the rule should allow, so a new role or permission shows up here.
 */
export const allowedRoles = (check: (actor: Actor) => boolean, overrides: Partial<Actor> = {}): Role[] =>
  everyRole.filter((role) => check(actorWith(role, at.home, overrides)));

/** The places of `at` as a table for `it.each`: [place, path, roles expected]. */
export const places = (expected: Partial<Record<keyof typeof at, Role[]>>): [string, string, Role[]][] =>
  (Object.keys(at) as (keyof typeof at)[]).map((k) => [k, at[k], expected[k] ?? []]);
