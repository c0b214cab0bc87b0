/** Who may open an org's terms and record their congresses: terms.write held on the org or above it. */
import { can } from '../../../domain/access/permissions';
import type { Actor } from '../../lib/actor';
import { allows, requireAllowed } from '../../lib/policy';

export function canManageTerms(actor: Actor, orgPath: string): boolean {
  return allows(actor, (grants) => can(grants, 'terms.write', orgPath));
}

/** Readable but not writable: the caller sees the org's terms, so 403 rather than 404. */
export function requireManageTerms(actor: Actor, orgPath: string): void {
  requireAllowed(canManageTerms(actor, orgPath), {
    vi: 'Bạn không có quyền ghi nhiệm kỳ, đại hội của tổ chức này.',
    en: 'You may not record the terms of this organization.',
  });
}
