/**
 * Who may do what in the member registry. Reading is the scope's job (SQL, `registry.read`);
 * these rules answer for writes and for personal data.
 */
import { can } from '../../../domain/access/permissions';
import type { Actor } from '../../lib/actor';
import { allows, requireAllowed } from '../../lib/policy';

/** Recording events, candidates' steps and enterprises of an org: registry.write on it or above. */
export function canWriteRegistry(actor: Actor, orgPath: string): boolean {
  return allows(actor, (grants) => can(grants, 'registry.write', orgPath));
}

export function requireRegistryWrite(actor: Actor, orgPath: string): void {
  requireAllowed(canWriteRegistry(actor, orgPath), {
    vi: 'Bạn không có quyền ghi hồ sơ đảng viên của tổ chức này.',
    en: 'You may not change the registry of this organization.',
  });
}

/**
 * ID numbers and phones: only managers of the member's subtree (they keep the file) and the
 * member. A viewer or an approver over the cell reads the timeline without them.
 */
export function canSeePersonalData(actor: Actor, member: { id: number; orgPath: string }): boolean {
  return actor.memberId === member.id || canWriteRegistry(actor, member.orgPath);
}
