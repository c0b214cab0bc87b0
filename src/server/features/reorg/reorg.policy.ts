/**
 * Who may reorganize: an administrator, or a manager whose scope holds every org involved
 * (issue 11). Reading the operations is the scope's job (SQL); these answer "may change".
 */
import { can } from '../../../domain/access/permissions';
import type { Actor } from '../../lib/actor';
import { allows, requireAllowed } from '../../lib/policy';

/** True when the actor holds reorg.write over every one of `orgPaths` (none: false). */
export function canReorganize(actor: Actor, orgPaths: readonly string[]): boolean {
  return orgPaths.length > 0 && allows(actor, (grants) => orgPaths.every((p) => can(grants, 'reorg.write', p)));
}

/** 403 for an operation the caller can see but may not commit or undo. */
export function requireReorganize(actor: Actor, orgPaths: readonly string[]): void {
  requireAllowed(canReorganize(actor, orgPaths), {
    vi: 'Chỉ quản trị viên, hoặc người quản lý có phạm vi chứa mọi tổ chức liên quan, mới được sắp xếp tổ chức.',
    en: 'Only an administrator or a manager over every org involved may reorganize.',
  });
}
