/**
 * Who may do each step of an evaluation (HD of QĐ 124/366): a member assesses themself (or the
 * cell's secretary enters it for them); the cell comments on and proposes its members' levels;
 * the competent level decides: the grassroots committee above a member's cell, the committee
 * above a rated org. Administrators act anywhere above. Deny by default.
 */
import { isWithin, rolePermissions, scopePaths, type Permission } from '../../../domain/access/permissions';
import type { EvaluationStatus } from '../../../domain/grading';
import type { Actor } from '../../lib/actor';
import { allows, isAdministrator, isSystemActor, requireAllowed } from '../../lib/policy';

export type EvaluationAccessRow = {
  subjectKind: 'member' | 'org';
  memberId: number | null;
  orgPath: string;
  deciderPath: string;
  status: EvaluationStatus;
  isCurrent: boolean;
};

const holds = (actor: Actor, permission: Permission, test: (grantPath: string) => boolean) =>
  allows(actor, (grants) => grants.some((g) => rolePermissions[g.role].includes(permission) && test(g.orgPath)));

export function canSelfAssess(actor: Actor, e: EvaluationAccessRow): boolean {
  if (e.subjectKind === 'member' && actor.memberId !== null && actor.memberId === e.memberId) return true;
  // An org writes its own self-assessment; a cell's secretary enters a member's without an account.
  return holds(actor, 'grading.write', (p) => (e.subjectKind === 'org' ? p === e.orgPath : isWithin(e.orgPath, p)));
}

/** Comments and proposals: the cell (or above) for its members; the level above for an org. */
export function canReview(actor: Actor, e: EvaluationAccessRow): boolean {
  return holds(actor, 'grading.write', (p) => isWithin(e.orgPath, p) && (e.subjectKind === 'member' || p !== e.orgPath));
}

export function canDecide(actor: Actor, e: EvaluationAccessRow): boolean {
  return holds(actor, 'grading.decide', (p) => isWithin(e.deciderPath, p));
}

export function evaluationAbilities(actor: Actor, e: EvaluationAccessRow) {
  const live = e.isCurrent;
  return {
    update: live && e.status === 'draft' && canSelfAssess(actor, e),
    selfAssess: live && e.status === 'draft' && canSelfAssess(actor, e),
    comment: live && e.status === 'self_assessed' && canReview(actor, e),
    propose: live && e.status === 'commented' && canReview(actor, e),
    decide: live && e.status === 'proposed' && canDecide(actor, e),
    correct: live && e.status === 'decided' && canDecide(actor, e),
  };
}

/** A committee opens a round for its own subtree: grading.decide held on the org or above. */
export function canOpenRound(actor: Actor, orgPath: string): boolean {
  return holds(actor, 'grading.decide', (p) => isWithin(orgPath, p));
}

/** A rule set version is shared by every province: only administrators add one. */
export function canAddRuleSet(actor: Actor): boolean {
  return allows(actor, isAdministrator);
}

export function requireAddRuleSet(actor: Actor): void {
  requireAllowed(canAddRuleSet(actor), {
    vi: 'Chỉ quản trị hệ thống thêm phiên bản bộ tiêu chí.',
    en: 'Only administrators add rule set versions.',
  });
}

/** The read scope for grading; null for the system actor; empty when the caller reads no org. */
export function gradingReadScope(actor: Actor): string[] | null {
  return isSystemActor(actor) ? null : scopePaths(actor.grants, 'grading.read');
}
