/**
 * "Yêu cầu giải trình": a leader asks the org responsible for a red target or a late task why,
 * with a deadline; the org answers in the app; the thread stays on the item or task. A thread
 * (issue 12): the asking side replies, either side sends files with a message, and closing
 * takes a note. An open request past its due date is flagged overdue on both sides.
 */
import type { Db, Queryable } from '../../db/pool';
import { inTransaction } from '../../db/pool';
import { isWithin } from '../../../domain/access/permissions';
import { vnToday } from '../../../domain/vn-time';
import { inScopeSql, scopeOf, type Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';
import { AppError, defaultMessages, notFound, versionConflict } from '../../lib/errors';
import { acceptAttachment, checkOrgQuota } from '../../lib/attachments';
import type { UploadedFile } from '../../lib/upload';
import { findOrgInScope } from '../orgs';
import { notifyOrgPeople } from '../mail';
import { findItemReadable } from '../documents';
import { explanationAbilities, requireAnswerExplanation, requireAskExplanation, requireReplyExplanation } from './reports.policy';
import type { z } from 'zod';
import type { CreateExplanationInput, ExplanationFileFields, explanationSchema } from '../../../contracts/reports';

const explanationNotFound = () => notFound({ vi: 'Không tìm thấy yêu cầu giải trình.', en: 'Explanation request not found.' });

const columns = `
  e.id, e.document_id AS "documentId", e.item_id AS "itemId", e.task_id AS "taskId", e.org_id AS "orgId", o.name AS "orgName",
  o.path::text AS "orgPath", e.question, to_char(e.due_date, 'YYYY-MM-DD') AS "dueDate", e.status, e.asked_by_name AS "askedByName",
  COALESCE(i.text, t.title) AS "subject", e.is_sample AS "isSample", e.version, e.created_at AS "createdAt",
  e.closed_note AS "closedNote", e.asked_by AS "askedBy"`;
const from = `explanation_requests e JOIN orgs o ON o.id = e.org_id LEFT JOIN document_items i ON i.id = e.item_id LEFT JOIN tasks t ON t.id = e.task_id`;

type ExplanationRow = Omit<z.infer<typeof explanationSchema>, 'abilities' | 'isOverdue'> & { askedBy: number | null };

/** Open, that is waiting for the asked org, past its due date on Vietnam's today. */
const isOverdue = (row: { status: string; dueDate: string }, today = vnToday()) => row.status === 'open' && row.dueDate < today;

function present(actor: Actor, row: ExplanationRow) {
  const { askedBy: _askedBy, ...rest } = row;
  return { ...rest, isOverdue: isOverdue(row), abilities: explanationAbilities(actor, row) };
}

const closedRequest = () => new AppError('conflict', { vi: 'Yêu cầu giải trình đã đóng.', en: 'The request is closed.' });

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
    await notifyOrgPeople(tx, {
      orgId: org.id,
      roles: ['reporter', 'manager'],
      kind: 'explanation',
      title: 'Yêu cầu giải trình mới',
      body: input.question.slice(0, 300),
      link: '/my-work',
      key: `explanation:${newId}`,
    });
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
    `SELECT m.id, m.author_name AS "authorName", m.kind, m.body, m.created_at AS "createdAt",
            COALESCE((SELECT json_agg(json_build_object('id', f.id, 'fileName', f.file_name, 'mimeType', f.mime_type, 'sizeBytes', f.size_bytes) ORDER BY f.id)
                        FROM explanation_files f WHERE f.message_id = m.id), '[]'::json) AS files
       FROM explanation_messages m WHERE m.request_id = $1 ORDER BY m.id`,
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

type Side = 'answer' | 'reply';

/** Locks a request in the caller's scope and checks the side's right and the version; 409 once closed. */
async function lockForMessage(tx: Queryable, actor: Actor, id: number, version: number, side: Side) {
  const scope = scopeOf(actor, 'reports.read');
  const { rows } = await tx.query<ExplanationRow>(
    `SELECT ${columns} FROM ${from} WHERE e.id = $1 AND ($2::ltree[] IS NULL OR o.path <@ $2::ltree[]) FOR UPDATE OF e`,
    [id, scope],
  );
  const row = rows[0];
  if (!row) throw explanationNotFound();
  if (side === 'answer') requireAnswerExplanation(actor, row.orgPath);
  else requireReplyExplanation(actor, row.orgPath);
  if (row.version !== version) throw versionConflict();
  if (row.status === 'closed') throw closedRequest();
  return row;
}

/**
 * Adds a message of one side: an answer makes the request answered; a reply of the asking side
 * makes it open again (the org owes an answer to it). The other side is notified in the app.
 */
async function addMessage(tx: Queryable, actor: Actor, row: ExplanationRow, side: Side, body: string): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO explanation_messages (request_id, author_id, author_name, kind, body) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [row.id, actor.userId, actor.fullName, side === 'answer' ? 'answer' : 'comment', body.normalize('NFC')],
  );
  const messageId = rows[0]!.id;
  await tx.query(`UPDATE explanation_requests SET status = $2, version = version + 1, updated_at = now() WHERE id = $1`, [
    row.id,
    side === 'answer' ? 'answered' : 'open',
  ]);
  await notifyOtherSide(tx, row, side, messageId, body);
  return messageId;
}

async function notifyOtherSide(tx: Queryable, row: ExplanationRow, side: Side | 'close', messageId: number, body: string) {
  const title =
    side === 'answer'
      ? `${row.orgName} đã giải trình`
      : side === 'close'
        ? 'Yêu cầu giải trình đã đóng'
        : 'Bên yêu cầu trao đổi thêm về giải trình';
  const text = (row.subject ? `${row.subject}: ` : '') + body.slice(0, 250);
  const link = `/explanations/${row.id}`;
  if (side === 'answer') {
    if (row.askedBy === null) return;
    await tx.query(
      `INSERT INTO notifications (user_id, kind, title, body, link, dedupe_key) VALUES ($1, 'explanation', $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [row.askedBy, title, text, link, `explanation-message:${messageId}`],
    );
    return;
  }
  await notifyOrgPeople(tx, {
    orgId: row.orgId,
    roles: ['reporter', 'manager'],
    kind: 'explanation',
    title,
    body: text,
    link,
    key: `explanation-message:${messageId}`,
  });
}

/** The responsible org answers; the request becomes answered (later answers add to the thread). */
export async function answerExplanation(db: Db, actor: Actor, id: number, version: number, body: string) {
  await inTransaction(db, async (tx) => {
    const row = await lockForMessage(tx, actor, id, version, 'answer');
    await addMessage(tx, actor, row, 'answer', body);
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

/** The asking side replies in the thread (asks further); the request waits for the org again. */
export async function replyExplanation(db: Db, actor: Actor, id: number, version: number, body: string) {
  await inTransaction(db, async (tx) => {
    const row = await lockForMessage(tx, actor, id, version, 'reply');
    await addMessage(tx, actor, row, 'reply', body);
    await recordAudit(tx, actor, {
      action: 'reply',
      entity: 'explanation',
      entityId: id,
      orgId: row.orgId,
      orgPath: row.orgPath,
      summary: 'Trao đổi thêm về yêu cầu giải trình',
    });
  });
  return getExplanation(db, actor, id);
}

// What a thread takes as a file: documents, sheets, slides, scans and photos, judged by content
// (the same kinds as a report's evidence).
const THREAD_FILE_KINDS = ['pdf', 'docx', 'xlsx', 'pptx', 'ole', 'odt', 'ods', 'png', 'jpeg'] as const;

/**
 * A message with a file, from either side (`as`): checked like a report's evidence (kind by
 * content, the org's storage quota, the upload size limit of the server).
 */
export async function attachExplanationFile(db: Db, actor: Actor, id: number, fields: ExplanationFileFields, upload: UploadedFile) {
  await inTransaction(db, async (tx) => {
    const row = await lockForMessage(tx, actor, id, fields.version, fields.as);
    const file = acceptAttachment(upload, THREAD_FILE_KINDS);
    await checkOrgQuota(tx, row.orgId, file.buffer.length);
    const messageId = await addMessage(tx, actor, row, fields.as, fields.body || file.name);
    await tx.query(
      `INSERT INTO explanation_files (request_id, message_id, org_id, file_name, mime_type, size_bytes, content, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, messageId, row.orgId, file.name.normalize('NFC'), file.mimeType, file.buffer.length, file.buffer, actor.userId],
    );
    await recordAudit(tx, actor, {
      action: 'attach',
      entity: 'explanation',
      entityId: id,
      orgId: row.orgId,
      orgPath: row.orgPath,
      summary: `Đính kèm ${file.name}`,
      after: { as: fields.as, fileName: file.name, sizeBytes: file.buffer.length },
    });
  });
  return getExplanation(db, actor, id);
}

/** A file of a thread the caller may read (404 outside the scope or for another request's file). */
export async function getExplanationFile(db: Db, actor: Actor, id: number, fileId: number) {
  const scope = scopeOf(actor, 'reports.read');
  const { rows } = await db.query<{ fileName: string; content: Buffer }>(
    `SELECT f.file_name AS "fileName", f.content FROM explanation_files f JOIN explanation_requests e ON e.id = f.request_id JOIN orgs o ON o.id = e.org_id
      WHERE f.id = $1 AND f.request_id = $2 AND ${inScopeSql('o.path', '$3')}`,
    [fileId, id, scope],
  );
  if (!rows[0]) throw notFound({ vi: 'Không tìm thấy tệp.', en: 'File not found.' });
  return rows[0];
}

/** The asking side closes the thread once satisfied, with a note that ends it. */
export async function closeExplanation(db: Db, actor: Actor, id: number, version: number, note: string) {
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
    if (row.status === 'closed') throw closedRequest();
    const text = note.normalize('NFC');
    const { rows: msg } = await tx.query<{ id: number }>(
      `INSERT INTO explanation_messages (request_id, author_id, author_name, kind, body) VALUES ($1, $2, $3, 'close', $4) RETURNING id`,
      [id, actor.userId, actor.fullName, text],
    );
    await tx.query(
      `UPDATE explanation_requests SET status = 'closed', closed_note = $2, closed_at = now(), version = version + 1, updated_at = now() WHERE id = $1`,
      [id, text],
    );
    await notifyOtherSide(tx, row, 'close', msg[0]!.id, text);
    await recordAudit(tx, actor, {
      action: 'close',
      entity: 'explanation',
      entityId: id,
      orgId: row.orgId,
      orgPath: row.orgPath,
      summary: 'Đóng yêu cầu giải trình',
      after: { note: text },
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
              COALESCE(i.text, t.title) AS subject, e.asked_by_name AS "askedByName", (e.due_date < $2::date) AS "isOverdue"
         FROM explanation_requests e JOIN orgs o ON o.id = e.org_id LEFT JOIN document_items i ON i.id = e.item_id LEFT JOIN tasks t ON t.id = e.task_id
        WHERE o.path = ANY($1::ltree[]) AND e.status = 'open' ORDER BY e.due_date LIMIT 50`,
      [writePaths, asOf],
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
