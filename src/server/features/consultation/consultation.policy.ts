/**
 * Who may do what in a consultation. The editorial group is per draft (its members need no
 * role); acting in an org's name follows the roles on that org.
 */
import { isWithin, rolePermissions, type RoleGrant } from '../../../domain/access/permissions';
import type { TeamRole } from '../../../domain/consultation';
import type { Actor } from '../../lib/actor';
import { allows, requireAllowed } from '../../lib/policy';

/**
 * The issuing org's leadership forms the editorial group: consultation.manage on the org
 * itself, or an administrator above it (as documents are written by their own org).
 */
export function canFormTeam(actor: Actor, docOrgPath: string): boolean {
  return allows(actor, (grants: readonly RoleGrant[]) =>
    grants.some(
      (g) =>
        rolePermissions[g.role].includes('consultation.manage') &&
        (g.orgPath === docOrgPath || (g.role === 'admin' && isWithin(docOrgPath, g.orgPath))),
    ),
  );
}

/** Only the group edits the draft, issues versions, circulates and disposes of comments. */
export const canWorkOnDraft = (role: TeamRole | null): boolean => role !== null;

/** Comments spoken at a conference are entered by the group's secretary (or its head). */
export const canEnterConference = (role: TeamRole | null): boolean => role === 'secretary' || role === 'head';

/** Publishing the synthesis and recording the adoption are the head's and the secretary's. */
export const canLeadTeam = (role: TeamRole | null): boolean => role === 'secretary' || role === 'head';

/**
 * The org's own people (a reading role on the org itself) draft a comment in its name; it
 * waits for the leader. A role higher up does not answer for a unit below it.
 */
export function canDraftForOrg(actor: Actor, orgPath: string): boolean {
  return allows(actor, (grants) => grants.some((g) => g.orgPath === orgPath && rolePermissions[g.role].includes('documents.read')));
}

/** The org's leader (consultation.manage on the org itself) sends a comment in its name. */
export function canSendForOrg(actor: Actor, orgPath: string): boolean {
  return allows(actor, (grants) => grants.some((g) => g.orgPath === orgPath && rolePermissions[g.role].includes('consultation.manage')));
}

export function requireTeam(role: TeamRole | null): void {
  requireAllowed(canWorkOnDraft(role), {
    vi: 'Chỉ thành viên Tổ biên tập được thực hiện thao tác này.',
    en: 'Only the editorial group may do this.',
  });
}

export function requireTeamLead(role: TeamRole | null): void {
  requireAllowed(canLeadTeam(role), {
    vi: 'Chỉ Tổ trưởng hoặc Thư ký Tổ biên tập được thực hiện thao tác này.',
    en: 'Only the head or the secretary of the editorial group may do this.',
  });
}
