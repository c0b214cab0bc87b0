/**
 * A read-only public link to a document's dashboard: off until the owner turns it on, and it
 * shows only the targets the owner marked public (and tasks' counts when chosen).
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/pool';
import { inTransaction } from '../../db/pool';
import { scopeOf, systemActor, type Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';
import { notFound } from '../../lib/errors';
import { findDocumentReadable } from '../documents';
import { getDashboard } from './dashboard.service';
import { requireManageReporting } from './reports.policy';

const docNotFound = () => notFound({ vi: 'Không tìm thấy văn bản.', en: 'Document not found.' });

export async function getShare(db: Db, actor: Actor, documentId: number) {
  const doc = await findDocumentReadable(db, documentId, scopeOf(actor, 'reports.read'));
  if (!doc) throw docNotFound();
  const { rows } = await db.query(
    `SELECT token, is_enabled AS "isEnabled", public_item_ids AS "publicItemIds", show_tasks AS "showTasks", version FROM dashboard_shares WHERE document_id = $1`,
    [documentId],
  );
  return rows[0] ?? { token: null, isEnabled: false, publicItemIds: [], showTasks: false, version: 0 };
}

export async function saveShare(
  db: Db,
  actor: Actor,
  documentId: number,
  input: { isEnabled: boolean; publicItemIds: number[]; showTasks: boolean },
) {
  const doc = await findDocumentReadable(db, documentId, scopeOf(actor, 'reports.read'));
  if (!doc) throw docNotFound();
  requireManageReporting(actor, doc);
  await inTransaction(db, async (tx) => {
    await tx.query(
      `INSERT INTO dashboard_shares (document_id, token, is_enabled, public_item_ids, show_tasks) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (document_id) DO UPDATE SET
         -- Turning a link off and on again gives a new token: whoever held the old link lost it.
         token = CASE WHEN NOT dashboard_shares.is_enabled AND EXCLUDED.is_enabled THEN EXCLUDED.token ELSE dashboard_shares.token END,
         is_enabled = EXCLUDED.is_enabled, public_item_ids = EXCLUDED.public_item_ids,
         show_tasks = EXCLUDED.show_tasks, version = dashboard_shares.version + 1, updated_at = now()`,
      [documentId, randomBytes(18).toString('base64url'), input.isEnabled, input.publicItemIds, input.showTasks],
    );
    await recordAudit(tx, actor, {
      action: 'share',
      entity: 'dashboard',
      entityId: documentId,
      orgId: doc.orgId,
      orgPath: doc.orgPath,
      summary: `${input.isEnabled ? 'Bật' : 'Tắt'} liên kết công khai ${doc.symbol}`,
      after: input,
    });
  });
  return getShare(db, actor, documentId);
}

/** The public view: 404 when the link is unknown or off; only public targets, no reasons about orgs below. */
export async function getPublicDashboard(db: Db, token: string) {
  const { rows } = await db.query<{ documentId: number; publicItemIds: number[]; showTasks: boolean }>(
    `SELECT document_id AS "documentId", public_item_ids AS "publicItemIds", show_tasks AS "showTasks" FROM dashboard_shares WHERE token = $1 AND is_enabled`,
    [token],
  );
  const share = rows[0];
  if (!share) throw notFound({ vi: 'Liên kết không tồn tại hoặc đã tắt.', en: 'This link does not exist or is off.' });
  const d = await getDashboard(db, systemActor('Liên kết công khai'), share.documentId, {});
  const allowed = new Set(share.publicItemIds.map(Number));
  const targets = d.targets.filter((t) => allowed.has(t.itemId)).map(({ openExplanations: _o, ...t }) => t);
  return {
    document: d.document,
    asOf: d.asOf,
    targets,
    tasks: share.showTasks ? d.tasks : null,
  };
}
