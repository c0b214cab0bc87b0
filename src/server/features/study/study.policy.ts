/**
 * Who may do what in study: study.write over an org organizes its sessions, hosts its bridge
 * points and reviews its members' reflections; a member edits their own reflection; study.read
 * (or being its author) opens one. Deny by default.
 */
import { can } from '../../../domain/access/permissions';
import type { Actor } from '../../lib/actor';
import { allows, requireAllowed } from '../../lib/policy';

export function canWriteStudy(actor: Actor, orgPath: string): boolean {
  return allows(actor, (grants) => can(grants, 'study.write', orgPath));
}

/** A session is managed with study.write over any one of the orgs given (its organizer, or a point's org). */
export function requireStudyWrite(actor: Actor, ...orgPaths: string[]): void {
  requireAllowed(
    orgPaths.some((p) => canWriteStudy(actor, p)),
    { vi: 'Bạn không có quyền quản lý hội nghị này.', en: 'You may not manage this study session.' },
  );
}

/** The host of a point manages it: study.write on the point's org, or on the organizer. */
export function canManagePoint(actor: Actor, p: { orgPath: string; sessionOrgPath: string }): boolean {
  return canWriteStudy(actor, p.orgPath) || canWriteStudy(actor, p.sessionOrgPath);
}

export function requirePointManage(actor: Actor, p: { orgPath: string; sessionOrgPath: string }): void {
  requireAllowed(canManagePoint(actor, p), { vi: 'Bạn không phụ trách điểm cầu này.', en: 'You do not host this bridge point.' });
}

export type ReflectionFacts = { orgPath: string; memberId: number; status: string };

const isAuthor = (actor: Actor, r: Pick<ReflectionFacts, 'memberId'>) => actor.memberId !== null && actor.memberId === r.memberId;

/** A reflection is seen by its author or by a reader of its member's org; anyone else gets 404. */
export function canSeeReflection(actor: Actor, r: Pick<ReflectionFacts, 'orgPath' | 'memberId'>): boolean {
  return isAuthor(actor, r) || allows(actor, (grants) => can(grants, 'study.read', r.orgPath));
}

/** The cell's committee reviews: study.write over the member's org. */
export function canReviewReflection(actor: Actor, r: Pick<ReflectionFacts, 'orgPath'>): boolean {
  return canWriteStudy(actor, r.orgPath);
}

export function requireReviewReflection(actor: Actor, r: Pick<ReflectionFacts, 'orgPath'>): void {
  requireAllowed(canReviewReflection(actor, r), {
    vi: 'Chỉ cấp ủy chi bộ mới duyệt bài thu hoạch.',
    en: 'Only the cell’s committee reviews reflections.',
  });
}

export function reflectionAbilities(actor: Actor, r: ReflectionFacts) {
  return {
    review: canReviewReflection(actor, r) && r.status === 'submitted',
    edit: actor.memberId === r.memberId && r.status !== 'accepted',
  };
}
