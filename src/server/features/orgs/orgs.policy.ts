/** Who may change an org: orgs.write held on the org or above it. Reading is the scope's job (SQL). */
import { can } from '../../../domain/access/permissions';
import type { Actor } from '../../lib/actor';
import { allows, requireAllowed } from '../../lib/policy';

export function canWriteOrg(actor: Actor, orgPath: string): boolean {
  return allows(actor, (grants) => can(grants, 'orgs.write', orgPath));
}

/** Readable but not writable: the caller can see the org exists, so 403 rather than 404. */
export function requireOrgWrite(actor: Actor, orgPath: string): void {
  requireAllowed(canWriteOrg(actor, orgPath), { vi: 'Bạn không có quyền sửa tổ chức này.', en: 'You may not change this organization.' });
}
