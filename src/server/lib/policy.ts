/**
 * What every feature's policy (`<feature>.policy.ts`) builds on. A policy answers "may this actor
 * do this to this record" with small pure functions, deny by default; services call them and
 * never test roles or grants themselves.
 */
import type { RoleGrant } from '../../domain/access/permissions';
import type { Actor } from './actor';
import { forbidden, type Bilingual } from './errors';

/**
 * Whether the actor passes `rule`. The one place the system actor (`userId === null`: the
 * command line, start-up and the jobs) is let through: it acts for the whole tree, holds no
 * grants, and every policy reaches it through here.
 */
export function allows(actor: Actor, rule: (grants: readonly RoleGrant[]) => boolean): boolean {
  return isSystemActor(actor) || rule(actor.grants);
}

/** For a policy's SQL form, where the system actor's answer is "no filter" rather than true. */
export const isSystemActor = (actor: Actor) => actor.userId === null;

/** 403 unless `ok`: for a record the caller may read (so it is not hidden as 404) but not change. */
export function requireAllowed(ok: boolean, message?: Bilingual): void {
  if (!ok) throw forbidden(message);
}

/** True when the grants hold the administrator role on some org. */
export const isAdministrator = (grants: readonly RoleGrant[]) => grants.some((g) => g.role === 'admin');
