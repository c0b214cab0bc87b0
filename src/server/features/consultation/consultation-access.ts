/**
 * Opens a draft's consultation for the caller: who they are to it (a member of the editorial
 * group, the issuing org's leadership, a recipient in their own name or their org's) and the
 * draft itself. Nobody else learns that it exists (404).
 */
import type { Queryable } from '../../db/pool';
import { rolePermissions } from '../../../domain/access/permissions';
import type { TeamRole } from '../../../domain/consultation';
import type { Actor } from '../../lib/actor';
import { notFound } from '../../lib/errors';
import { isSystemActor } from '../../lib/policy';
import { findDocumentReadable, type DocumentRow } from '../documents';
import { canFormTeam } from './consultation.policy';

export type Access = {
  doc: DocumentRow;
  role: TeamRole | null;
  canManage: boolean;
  /** Recipients (of any round of this draft) the caller answers for. */
  recipients: { id: number; roundId: number; versionId: number; orgId: number | null; orgPath: string | null }[];
};

export const draftNotFound = () => notFound({ vi: 'Không tìm thấy dự thảo.', en: 'Draft not found.' });

/**
 * The orgs in whose name the caller answers: those where they hold a reading role themselves
 * (null: every org, the system actor). A role higher up does not answer for a unit below: the
 * province's viewer is not the department's staff.
 */
export const orgActScope = (actor: Actor): string[] | null =>
  isSystemActor(actor) ? null : actor.grants.filter((g) => rolePermissions[g.role].includes('documents.read')).map((g) => g.orgPath);

export async function openConsultation(db: Queryable, actor: Actor, documentId: number): Promise<Access> {
  const doc = await findDocumentReadable(db, documentId, null);
  if (!doc) throw draftNotFound();
  let role: TeamRole | null;
  if (isSystemActor(actor)) role = 'head';
  else {
    const { rows } = await db.query<{ role: TeamRole }>(
      'SELECT role FROM consultation_team_members WHERE document_id = $1 AND user_id = $2',
      [documentId, actor.userId],
    );
    role = rows[0]?.role ?? null;
  }
  const { rows: recipients } = await db.query<Access['recipients'][number]>(
    `SELECT c.id, c.round_id AS "roundId", r.version_id AS "versionId", c.org_id AS "orgId", o.path::text AS "orgPath"
       FROM consultation_recipients c JOIN consultation_rounds r ON r.id = c.round_id LEFT JOIN orgs o ON o.id = c.org_id
      WHERE r.document_id = $1
        AND (c.user_id = $2 OR (c.org_id IS NOT NULL AND ($3::ltree[] IS NULL OR o.path = ANY($3::ltree[]))))`,
    [documentId, actor.userId ?? -1, orgActScope(actor)],
  );
  const canManage = canFormTeam(actor, doc.orgPath);
  if (role === null && !canManage && recipients.length === 0) throw draftNotFound();
  return { doc, role, canManage, recipients };
}
