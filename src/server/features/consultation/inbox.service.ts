/**
 * A recipient's page: the drafts sent to them or to their orgs for comments, with the deadline
 * and whether they have answered.
 */
import type { Queryable } from '../../db/pool';
import { rolePermissions } from '../../../domain/access/permissions';
import { answerState } from '../../../domain/consultation';
import { vnToday } from '../../../domain/vn-time';
import type { Inbox } from '../../../contracts/consultation';
import type { Actor } from '../../lib/actor';
import { orgActScope } from './consultation-access';

export async function findInbox(db: Queryable, actor: Actor, today = vnToday()): Promise<Inbox> {
  const { rows } = await db.query<Omit<Inbox['items'][number], 'state'> & { answeredOn: string | null }>(
    `SELECT c.id AS "recipientId", r.id AS "roundId", d.id AS "documentId", d.title AS "documentTitle", d.symbol AS "documentSymbol",
            io.name AS "issuerName", r.version_id AS "versionId", v.version_no AS "versionNo", to_char(r.deadline, 'YYYY-MM-DD') AS deadline,
            c.org_id AS "recipientOrgId", COALESCE(o.name, u.full_name) AS "recipientName", c.answered_at AS "answeredAt",
            to_char(c.answered_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS "answeredOn",
            EXISTS (SELECT 1 FROM consultation_team_members t WHERE t.document_id = d.id AND t.user_id = $1) AS "isGroup"
       FROM consultation_recipients c
       JOIN consultation_rounds r ON r.id = c.round_id
       JOIN consultation_versions v ON v.id = r.version_id
       JOIN documents d ON d.id = r.document_id AND d.status = 'draft'
       JOIN orgs io ON io.id = d.org_id
       LEFT JOIN orgs o ON o.id = c.org_id LEFT JOIN users u ON u.id = c.user_id
      WHERE c.user_id = $1 OR (c.org_id IS NOT NULL AND $2::ltree[] IS NOT NULL AND o.path = ANY($2::ltree[]))
      ORDER BY r.deadline, c.id
      LIMIT 500`,
    [actor.userId ?? -1, orgActScope(actor) ?? []],
  );
  // The issuing org's leadership opens the workspace to form the group (consultation.manage on the org itself).
  const manageOrgIds = actor.grants.filter((g) => rolePermissions[g.role].includes('consultation.manage')).map((g) => g.orgId);
  const { rows: drafts } = await db.query<Inbox['drafts'][number]>(
    `SELECT d.id AS "documentId", d.symbol, d.title, o.name AS "orgName", t.role
       FROM documents d JOIN orgs o ON o.id = d.org_id
       LEFT JOIN consultation_team_members t ON t.document_id = d.id AND t.user_id = $1
      WHERE d.status = 'draft' AND (t.user_id IS NOT NULL OR d.org_id = ANY($2::bigint[]))
      ORDER BY d.id DESC LIMIT 200`,
    [actor.userId ?? -1, manageOrgIds],
  );
  return { items: rows.map(({ answeredOn, ...r }) => ({ ...r, state: answerState(r.deadline, answeredOn, today) })), drafts };
}
