/**
 * Who may do what on an inspection file, by the rules of src/domain/oversight/confidentiality:
 * the audience of a reader comes from the team list, the grants over the running org and the
 * grants over the subject. Outside every audience the file does not exist (404).
 */
import { can, scopePaths } from '../../../domain/access/permissions';
import { allows, isSystemActor, requireAllowed } from '../../lib/policy';
import {
  audienceOf,
  isReadAudited,
  visibleParts,
  type OversightAudience,
  type OversightPart,
  type OversightStatus,
} from '../../../domain/oversight';
import type { Actor } from '../../lib/actor';
import { AppError, notFound } from '../../lib/errors';

export const inspectionNotFound = () => notFound({ vi: 'Không tìm thấy cuộc kiểm tra, giám sát.', en: 'Inspection not found.' });

export type AccessFacts = {
  runPath: string;
  subjectPath: string;
  subjectMemberId: number | null;
  isTeamMember: boolean;
  status: OversightStatus;
  /** Paths of the orgs owning the file's recommendations (their tasks' lead units). */
  ownerPaths?: string[];
};

/** The reader's audience on one file; the system actor runs everything. */
export function audienceFor(actor: Actor, f: AccessFacts): OversightAudience {
  if (isSystemActor(actor)) return 'commission';
  return audienceOf({
    isTeamMember: f.isTeamMember,
    runsIt: can(actor.grants, 'inspections.write', f.runPath),
    isAbove: can(actor.grants, 'inspections.read', f.runPath),
    isSubject: can(actor.grants, 'reports.read', f.subjectPath) || (actor.memberId !== null && actor.memberId === f.subjectMemberId),
    isOwner: (f.ownerPaths ?? []).some((p) => can(actor.grants, 'reports.read', p)),
  });
}

/** The parts the reader sees; throws 404 when none (a subject before the notice, or a stranger). */
export function partsFor(actor: Actor, f: AccessFacts): { audience: OversightAudience; parts: Set<OversightPart> } {
  const audience = audienceFor(actor, f);
  const parts = visibleParts(audience, f.status);
  if (parts.size === 0) throw inspectionNotFound();
  return { audience, parts };
}

/** The subject writes its self-report and reports recommendations done: reports.write over it, or the member inspected. */
export function canWriteAsSubject(actor: Actor, f: Pick<AccessFacts, 'subjectPath' | 'subjectMemberId'>): boolean {
  return allows(
    actor,
    (grants) => can(grants, 'reports.write', f.subjectPath) || (actor.memberId !== null && actor.memberId === f.subjectMemberId),
  );
}

/** A recommendation is reported done by the org that owns it (reports.write over it) or by the subject. */
export function canReportRecommendationDone(
  actor: Actor,
  ownerPath: string,
  f: Pick<AccessFacts, 'subjectPath' | 'subjectMemberId'>,
): boolean {
  return allows(actor, (grants) => can(grants, 'reports.write', ownerPath)) || canWriteAsSubject(actor, f);
}

/**
 * The subject's side reports a recommendation done in the page: the subject, or the org owning
 * it when that org is not the subject (the commission accepts; it does not report).
 */
export function mayReportInPage(
  actor: Actor,
  audience: OversightAudience,
  ownerPath: string,
  f: Pick<AccessFacts, 'subjectPath' | 'subjectMemberId'>,
) {
  return (audience === 'subject' || audience === 'owner') && canReportRecommendationDone(actor, ownerPath, f);
}

/** Reads by anyone outside the team are audited; the system actor's work is not a reading. */
export function isReadAuditedFor(actor: Actor, audience: OversightAudience): boolean {
  return isReadAudited(audience) && !isSystemActor(actor);
}

/**
 * The orgs whose oversight dashboard the actor may open: where they read reports or
 * inspections (null for the system actor: everywhere).
 */
export function dashboardScope(actor: Actor): string[] | null {
  if (isSystemActor(actor)) return null;
  return [...scopePaths(actor.grants, 'reports.read'), ...scopePaths(actor.grants, 'inspections.read')];
}

export function abilitiesOf(actor: Actor, f: AccessFacts, audience: OversightAudience) {
  const commission = allows(actor, (grants) => can(grants, 'inspections.write', f.runPath));
  const team = audience === 'team' || commission;
  return { commission, team, subject: canWriteAsSubject(actor, f) && audience === 'subject' };
}

/** Refuses unless the reader is in `allowed`; a reader who cannot see the part gets 404, one who sees it but may not act 403. */
export function requireRole(ok: boolean, what: { vi: string; en: string }) {
  requireAllowed(ok, what);
}

export function refused(reason: string) {
  return new AppError('conflict', { vi: reason, en: reason });
}

/**
 * SQL over `inspections x JOIN orgs ro ON ro.id = x.org_id JOIN orgs so ON so.id = x.subject_org_id`
 * for "files the actor may open": over the running org by inspections.read, on the team, the
 * subject once notified, or the owner of a recommendation once the conclusion was sent. Parameters numbered from `first`.
 */
export function visibleInspectionsSql(actor: Actor, first: number): { sql: string; params: unknown[] } {
  if (isSystemActor(actor)) return { sql: 'true', params: [] };
  const p = (n: number) => `$${first + n}`;
  return {
    sql: `(ro.path <@ ${p(0)}::ltree[]
          OR EXISTS (SELECT 1 FROM inspection_team it WHERE it.inspection_id = x.id AND it.user_id = ${p(1)})
          OR (x.status NOT IN ('planned','team_formed') AND (so.path <@ ${p(2)}::ltree[] OR x.subject_member_id = ${p(3)}))
          OR (x.status IN ('follow_up','closed') AND EXISTS (SELECT 1 FROM inspection_recommendations r JOIN orgs oo ON oo.id = r.owner_org_id
                WHERE r.inspection_id = x.id AND oo.path <@ ${p(2)}::ltree[])))`,
    params: [scopePaths(actor.grants, 'inspections.read'), actor.userId, scopePaths(actor.grants, 'reports.read'), actor.memberId ?? -1],
  };
}
