/** Who may change members: members.write held on their org or above it. Reading is the scope's job (SQL). */
import { can } from '../../../domain/access/permissions';
import type { Actor } from '../../lib/actor';
import { allows, requireAllowed } from '../../lib/policy';

export function canWriteMembers(actor: Actor, orgPath: string): boolean {
  return allows(actor, (grants) => can(grants, 'members.write', orgPath));
}

export function requireMemberWrite(actor: Actor, orgPath: string): void {
  requireAllowed(canWriteMembers(actor, orgPath), {
    vi: 'Bạn không có quyền sửa đảng viên của tổ chức này.',
    en: 'You may not change members of this organization.',
  });
}

/** An import writes members of the org's whole subtree: the same right, said as an import. */
export function requireMemberImport(actor: Actor, orgPath: string): void {
  requireAllowed(canWriteMembers(actor, orgPath), {
    vi: 'Bạn không có quyền nhập đảng viên cho tổ chức này.',
    en: 'You may not import members here.',
  });
}
