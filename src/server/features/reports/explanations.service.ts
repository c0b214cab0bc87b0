/**
 * "Yêu cầu giải trình": a leader asks the org responsible for a red target or a late task why,
 * with a deadline; the org answers in the app; the thread stays on the item or task.
 */
import type { Db } from '../../db/pool';
import { inTransaction } from '../../db/pool';
import { isWithin } from '../../../domain/access/permissions';
import { vnToday } from '../../../domain/vn-time';
import { scopeOf, type Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';
import { AppError, defaultMessages, notFound, versionConflict } from '../../lib/errors';
import { findOrgInScope } from '../orgs';
import { findItemReadable } from '../documents';
import { explanationAbilities, requireAnswerExplanation, requireAskExplanation } from './reports.policy';
import type { z } from 'zod';
import type { CreateExplanationInput, explanationSchema } from '../../../contracts/reports';

const explanationNotFound = () => notFound({ vi: 'Không tìm thấy yêu cầu giải trình.', en: 'Explanation request not found.' });

const columns = `
  e.id, e.document_id AS "documentId", e.item_id AS "itemId", e.task_id AS "taskId", e.org_id AS "orgId", o.name AS "orgName",
  o.path::text AS "orgPath", e.question, to_char(e.due_date, 'YYYY-MM-DD') AS "dueDate", e.status, e.asked_by_name AS "askedByName",
  COALESCE(i.text, t.title) AS "subject", e.is_sample AS "isSample", e.version, e.created_at AS "createdAt"`;
const from = `explanation_requests e JOIN orgs o ON o.id = e.org_id LEFT JOIN document_items i ON i.id = e.item_id LEFT JOIN tasks t ON t.id = e.task_id`;

type ExplanationRow = Omit<z.infer<typeof explanationSchema>, 'abilities'>;

function present(actor: Actor, row: ExplanationRow) {
  return { ...row, abilities: explanationAbilities(actor, row) };
}

/** Asks an org for an explanation about an item or task it is responsible for. */
export async function createExplanation(db: Db, actor: Actor, input: CreateExplanationInput, opts: { isSample?: boolean } = {}) {
  const scope = scopeOf(actor, 'reports.read');
  const org = await findOrgInScope(db, input.orgId, scope);
  if (!org) throw notFound({ vi: 'Không tìm thấy tổ chức.', en: 'Organization not found.' });
  let documentId: number | null = null;
  if (input.itemId !== undefined) {
    const item = await findItemReadable(db, input.itemId, scopeOf(actor, 'documents.read'));
    if (!item) throw notFound({ vi: 'Không tìm thấy chỉ tiêu.', en: 'Item not found.' });
    documentId = item.documentId;
  }
  if (input.taskId !== undefined) {
    const { rows } = await db.query<{ documentId: number | null; leadPath: string }>(
      `SELECT i.document_id AS "documentId", path_of(t.lead_org_id)::text AS "leadPath" FROM tasks t LEFT JOIN document_items i ON i.id = t.item_id WHERE t.id = $1`,
      [input.taskId],
    );
    if (!rows[0] || !isWithin(rows[0].leadPath, org.path)) throw notFound({ vi: 'Không tìm thấy nhiệm vụ.', en: 'Task not found.' });
    documentId ??= rows[0].documentId;
  }
  requireAskExplanation(actor, org.path);
  const id = await inTransaction(db, async (tx) => {
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO explanation_requests (document_id, item_id, task_id, org_id, question, due_date, asked_by, asked_by_name, is_sample)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        documentId,
        input.itemId ?? null,
        input.taskId ?? null,
        org.id,
        input.question.normalize('NFC'),
        input.dueDate,
        actor.userId,
        actor.fullName,
        opts.isSample ?? false,
      ],
    );
    const newId = rows[0]!.id;
    await tx.query(
      `INSERT INTO explanation_messages (request_id, author_id, author_name, kind, body) VALUES ($1, $2, $3, 'question', $4)`,
      [newId, actor.userId, actor.fullName, input.question.normalize('NFC')],
    );
    // The responsible org's reporters see it in the app.
    await tx.query(
      `INSERT INTO notifications (user_id, kind, title, body, link, dedupe_key)
       SELECT DISTINCT ur.user_id, 'explanation', 'Yêu cầu giải trình mới', $2, '/my-work', 'explanation:' || $3
         FROM user_roles ur WHERE ur.org_id = $1 AND ur.role IN ('reporter','manager')
       ON CONFLICT DO NOTHING`,
      [org.id, input.question.slice(0, 300), newId],
    );
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'explanation',
      entityId: newId,
      orgId: org.id,
      orgPath: org.path,
      summary: `Yêu cầu ${org.name} giải trình`,
      after: input,
    });
    return newId;
  });
  return getExplanation(db, actor, id);
}

export async function getExplanation(db: Db, actor: Actor, id: number) {
  const scope = scopeOf(actor, 'reports.read');
  const { rows } = await db.query<ExplanationRow>(
    `SELECT ${columns} FROM ${from} WHERE e.id = $1 AND ($2::ltree[] IS NULL OR o.path <@ $2::ltree[])`,
    [id, scope],
  );
  if (!rows[0]) throw explanationNotFound();
  const { rows: messages } = await db.query(
    `SELECT id, author_name AS "authorName", kind, body, created_at AS "createdAt" FROM explanation_messages WHERE request_id = $1 ORDER BY id`,
    [id],
  );
  return { ...present(actor, rows[0]), messages };
}

/** Requests in the caller's scope, for an item, a task, or all. */
export async function findExplanations(db: Db, actor: Actor, q: { itemId?: number; taskId?: number; status?: string }) {
  const scope = scopeOf(actor, 'reports.read');
  const { rows } = await db.query<ExplanationRow>(
    `SELECT ${columns} FROM ${from}
      WHERE ($1::ltree[] IS NULL OR o.path <@ $1::ltree[]) AND ($2::bigint IS NULL OR e.item_id = $2) AND ($3::bigint IS NULL OR e.task_id = $3)
        AND ($4::text IS NULL OR e.status = $4)
      ORDER BY e.created_at DESC LIMIT 500`,
    [scope, q.itemId ?? null, q.taskId ?? null, q.status ?? null],
  );
  return rows.map((r) => present(actor, r));
}

/** The responsible org answers; the request becomes answered (later answers add to the thread). */
export async function answerExplanation(db: Db, actor: Actor, id: number, version: number, body: string) {
  await inTransaction(db, async (tx) => {
    const scope = scopeOf(actor, 'reports.read');
    const { rows } = await tx.query<ExplanationRow>(
      `SELECT ${columns} FROM ${from} WHERE e.id = $1 AND ($2::ltree[] IS NULL OR o.path <@ $2::ltree[]) FOR UPDATE OF e`,
      [id, scope],
    );
    const row = rows[0];
    if (!row) throw explanationNotFound();
    requireAnswerExplanation(actor, row.orgPath);
    if (row.version !== version) throw versionConflict();
    if (row.status === 'closed') throw new AppError('conflict', { vi: 'Yêu cầu giải trình đã đóng.', en: 'The request is closed.' });
    await tx.query(`INSERT INTO explanation_messages (request_id, author_id, author_name, kind, body) VALUES ($1, $2, $3, 'answer', $4)`, [
      id,
      actor.userId,
      actor.fullName,
      body.normalize('NFC'),
    ]);
    await tx.query(`UPDATE explanation_requests SET status = 'answered', version = version + 1, updated_at = now() WHERE id = $1`, [id]);
    await recordAudit(tx, actor, {
      action: 'answer',
      entity: 'explanation',
      entityId: id,
      orgId: row.orgId,
      orgPath: row.orgPath,
      summary: 'Trả lời yêu cầu giải trình',
    });
  });
  return getExplanation(db, actor, id);
}

/** The asking side closes the thread once satisfied. */
export async function closeExplanation(db: Db, actor: Actor, id: number, version: number) {
  await inTransaction(db, async (tx) => {
    const scope = scopeOf(actor, 'reports.read');
    const { rows } = await tx.query<ExplanationRow>(
      `SELECT ${columns} FROM ${from} WHERE e.id = $1 AND ($2::ltree[] IS NULL OR o.path <@ $2::ltree[]) FOR UPDATE OF e`,
      [id, scope],
    );
    const row = rows[0];
    if (!row) throw explanationNotFound();
    requireAskExplanation(actor, row.orgPath, defaultMessages.forbidden);
    if (row.version !== version) throw versionConflict();
    await tx.query(`UPDATE explanation_requests SET status = 'closed', version = version + 1, updated_at = now() WHERE id = $1`, [id]);
    await recordAudit(tx, actor, {
      action: 'close',
      entity: 'explanation',
      entityId: id,
      orgId: row.orgId,
      orgPath: row.orgPath,
      summary: 'Đóng yêu cầu giải trình',
    });
  });
  return getExplanation(db, actor, id);
}

/**
 * "Việc của tôi": reports the caller should write or approve, late tasks its orgs lead, open
 * explanation requests waiting for its orgs, and unread notifications.
 */
export async function getMyWork(db: Db, actor: Actor, asOf = vnToday()) {
  const writePaths = actor.grants.filter((g) => ['admin', 'manager', 'reporter'].includes(g.role)).map((g) => g.orgPath);
  const approveParents = actor.grants.filter((g) => ['admin', 'approver'].includes(g.role)).map((g) => g.orgPath);
  const orgIds = actor.grants.map((g) => g.orgId);
  const [toWrite, toApprove, lateTasks, explanations, notifications] = await Promise.all([
    db.query(
      `SELECT r.id, r.org_id AS "orgId", o.name AS "orgName", d.symbol AS "documentSymbol", r.period_key AS "periodKey", r.status,
              to_char(r.due_date, 'YYYY-MM-DD') AS "dueDate", (r.due_date < $2::date) AS "isLate"
         FROM reports r JOIN orgs o ON o.id = r.org_id JOIN documents d ON d.id = r.document_id
        WHERE o.path = ANY($1::ltree[]) AND r.status IN ('draft','returned') AND r.period_start <= $2::date
        ORDER BY r.due_date LIMIT 50`,
      [writePaths, asOf],
    ),
    db.query(
      `SELECT r.id, r.org_id AS "orgId", o.name AS "orgName", d.symbol AS "documentSymbol", r.period_key AS "periodKey", r.status,
              to_char(r.due_date, 'YYYY-MM-DD') AS "dueDate"
         FROM reports r JOIN orgs o ON o.id = r.org_id JOIN documents d ON d.id = r.document_id
        WHERE r.status = 'submitted' AND (subpath(o.path, 0, GREATEST(nlevel(o.path) - 1, 1)) = ANY($1::ltree[]))
        ORDER BY r.due_date LIMIT 50`,
      [approveParents],
    ),
    db.query(
      `SELECT t.id, t.title, lo.name AS "leadOrgName", to_char(t.due_date, 'YYYY-MM-DD') AS "dueDate", t.status, t.progress
         FROM tasks t JOIN orgs lo ON lo.id = t.lead_org_id
        WHERE t.lead_org_id = ANY($1::bigint[]) AND t.status NOT IN ('done','cancelled') AND t.due_date < $2::date
        ORDER BY t.due_date LIMIT 50`,
      [orgIds, asOf],
    ),
    db.query(
      `SELECT e.id, e.org_id AS "orgId", o.name AS "orgName", e.question, to_char(e.due_date, 'YYYY-MM-DD') AS "dueDate", e.status,
              COALESCE(i.text, t.title) AS subject, e.asked_by_name AS "askedByName"
         FROM explanation_requests e JOIN orgs o ON o.id = e.org_id LEFT JOIN document_items i ON i.id = e.item_id LEFT JOIN tasks t ON t.id = e.task_id
        WHERE o.path = ANY($1::ltree[]) AND e.status = 'open' ORDER BY e.due_date LIMIT 50`,
      [writePaths],
    ),
    db.query(
      `SELECT id, kind, title, body, link, created_at AS "createdAt" FROM notifications WHERE user_id = $1 AND read_at IS NULL ORDER BY id DESC LIMIT 50`,
      [actor.userId],
    ),
  ]);
  return {
    asOf,
    reportsToWrite: toWrite.rows,
    reportsToApprove: toApprove.rows,
    lateTasks: lateTasks.rows,
    explanations: explanations.rows,
    notifications: notifications.rows,
  };
}
