/**
 * Who manages API tokens for other systems: administrators, and only for orgs within their own
 * administration, so that a token never reaches further than the person who issued it.
 */
import { isAdminOver } from '../../../domain/access/permissions';
import type { Actor } from '../../lib/actor';
import { AppError } from '../../lib/errors';
import { allows } from '../../lib/policy';

/** The paths of the orgs the actor administers; 403 for anyone who administers none. */
export function tokenScope(actor: Actor): string[] {
  const paths = actor.grants.filter((g) => g.role === 'admin').map((g) => g.orgPath);
  if (paths.length === 0) {
    throw new AppError('forbidden', {
      vi: 'Chỉ quản trị hệ thống mới quản lý được mã truy cập API.',
      en: 'Only administrators can manage API tokens.',
    });
  }
  return paths;
}

/** Whether the actor may issue a token on the org at `orgPath`: an administrator over it. */
export const canIssueTokenFor = (actor: Actor, orgPath: string): boolean => allows(actor, (grants) => isAdminOver(grants, orgPath));
