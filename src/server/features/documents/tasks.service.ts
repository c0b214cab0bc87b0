/**
 * Tasks: work assigned to a lead org (with partners, the accountable head, dates), from a key
 * task, solution or breakthrough of a document, or standalone. Status and progress are filled
 * by the reporting feature.
 */
import type pg from 'pg';
import type { Db, Queryable } from '../../db/pool';
import { inTransaction } from '../../db/pool';
import { isWithin } from '../../../domain/access/permissions';
import { requireAssignTasks } from './documents.policy';
import { inScopeSql, scopeOf, type Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';
import { AppError, notFound, versionConflict } from '../../lib/errors';
import { findOrgInScope } from '../orgs';
import type { BulkTaskInput, CreateTaskInput, UpdateTaskInput } from '../../../contracts/documents';
import { findItemReadable } from './documents.queries';
import { itemNotFound } from './items.service';

const taskColumns = `
  t.id, t.item_id AS "itemId", t.org_id AS "orgId", ao.name AS "orgName", t.title, t.lead_org_id AS "leadOrgId", lo.name AS "leadOrgName",
  t.partner_org_ids AS "partnerOrgIds",
  COALESCE((SELECT array_agg(p.name ORDER BY p.name) FROM orgs p WHERE p.id = ANY(t.partner_org_ids)), '{}') AS "partnerOrgNames",
  t.head_name AS "headName", to_char(t.start_date, 'YYYY-MM-DD') AS "startDate", to_char(t.due_date, 'YYYY-MM-DD') AS "dueDate",
  t.status, t.progress, t.version`;

const taskActionKinds = ['task', 'solution', 'breakthrough', 'target'];

/** Tasks the caller can see: assigned by or to an org of its scope. */
export async function findTasks(
  db: Db,
  actor: Actor,
  q: { itemId?: number; orgId?: number; documentId?: number; page: number; pageSize: number },
) {
  const scope = scopeOf(actor, 'documents.read');
  const { rows } = await db.query(
    `SELECT ${taskColumns}, count(*) OVER ()::int AS total FROM tasks t JOIN orgs ao ON ao.id = t.org_id JOIN orgs lo ON lo.id = t.lead_org_id
      WHERE (${inScopeSql('ao.path', '$1')} OR ${inScopeSql('lo.path', '$1')})
        AND ($2::bigint IS NULL OR t.item_id = $2) AND ($3::bigint IS NULL OR t.lead_org_id = $3 OR t.org_id = $3)
        AND ($6::bigint IS NULL OR t.item_id IN (SELECT di.id FROM document_items di WHERE di.document_id = $6))
      ORDER BY t.due_date NULLS LAST, lo.name COLLATE "vi-x-icu", t.id LIMIT $4 OFFSET $5`,
    [scope, q.itemId ?? null, q.orgId ?? null, q.pageSize, (q.page - 1) * q.pageSize, q.documentId ?? null],
  );
  const total = (rows[0] as { total?: number } | undefined)?.total ?? 0;
  return { items: rows.map(({ total: _t, ...r }) => r), total, page: q.page, pageSize: q.pageSize };
}

async function assignerOf(db: Db, actor: Actor, input: { itemId?: number | null; orgId?: number }) {
  if (input.itemId) {
    const item = await findItemReadable(db, input.itemId, scopeOf(actor, 'documents.read'));
    if (!item) throw itemNotFound();
    if (!taskActionKinds.includes(item.kind)) {
      throw new AppError(
        'validation_failed',
        {
          vi: 'Chỉ giao nhiệm vụ từ nhiệm vụ, giải pháp, đột phá hoặc chỉ tiêu.',
          en: 'Tasks come from tasks, solutions, breakthroughs or targets.',
        },
        { fields: [{ field: 'body.itemId', message: 'Mục này không giao nhiệm vụ được.' }] },
      );
    }
    if (item.doc.status === 'amended' || item.doc.status === 'expired')
      throw new AppError('conflict', { vi: 'Văn bản đã được thay thế hoặc hết hiệu lực.', en: 'The document is superseded or expired.' });
    return { id: item.doc.orgId, path: item.doc.orgPath, title: item.text };
  }
  if (!input.orgId)
    throw new AppError(
      'validation_failed',
      { vi: 'Hãy chọn tổ chức giao nhiệm vụ.', en: 'orgId is required.' },
      { fields: [{ field: 'body.orgId', message: 'Hãy chọn tổ chức giao nhiệm vụ.' }] },
    );
  const org = await findOrgInScope(db, input.orgId, scopeOf(actor, 'documents.read'));
  if (!org) throw notFound({ vi: 'Không tìm thấy tổ chức.', en: 'Organization not found.' });
  return { id: org.id, path: org.path, title: null };
}

async function leadOrg(db: Db, leadOrgId: number, assignerPath: string) {
  const { rows } = await db.query<{ id: number; path: string }>('SELECT id, path::text AS path FROM orgs WHERE id = $1', [leadOrgId]);
  const lead = rows[0];
  if (!lead || !isWithin(lead.path, assignerPath)) {
    throw new AppError(
      'validation_failed',
      { vi: 'Đơn vị chủ trì phải là tổ chức giao hoặc tổ chức trực thuộc.', en: 'The lead org must be inside the assigning org.' },
      { fields: [{ field: 'body.leadOrgId', message: 'Đơn vị chủ trì phải là tổ chức giao hoặc tổ chức trực thuộc.' }] },
    );
  }
  return lead;
}

export async function createTask(db: Db, actor: Actor, input: CreateTaskInput) {
  const assigner = await assignerOf(db, actor, input);
  requireAssignTasks(actor, assigner.path);
  const lead = await leadOrg(db, input.leadOrgId, assigner.path);
  const id = await inTransaction(db, async (tx) => {
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO tasks (item_id, org_id, title, lead_org_id, partner_org_ids, head_name, start_date, due_date)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (item_id, lead_org_id) WHERE item_id IS NOT NULL DO NOTHING RETURNING id`,
      [
        input.itemId ?? null,
        assigner.id,
        input.title.normalize('NFC'),
        lead.id,
        input.partnerOrgIds,
        input.headName ?? null,
        input.startDate ?? null,
        input.dueDate ?? null,
      ],
    );
    if (!rows[0])
      throw new AppError('conflict', { vi: 'Đơn vị này đã được giao nhiệm vụ từ mục này.', en: 'This org already has this task.' });
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'task',
      entityId: rows[0].id,
      orgId: assigner.id,
      orgPath: assigner.path,
      summary: `Giao nhiệm vụ: ${input.title.slice(0, 120)}`,
      after: input,
    });
    return rows[0].id;
  });
  return getTask(db, id);
}

/**
 * Assigns an item to every org of a kind under an org at once ("every ward committee under
 * Thành ủy Dĩ An"). Orgs that already have the task are skipped; returns what was created.
 */
export async function assignTasksInBulk(db: Db, actor: Actor, input: BulkTaskInput) {
  const assigner = await assignerOf(db, actor, input);
  requireAssignTasks(actor, assigner.path);
  const under = await findOrgInScope(db, input.underOrgId, scopeOf(actor, 'documents.read'));
  if (!under) throw notFound({ vi: 'Không tìm thấy tổ chức.', en: 'Organization not found.' });
  if (!isWithin(under.path, assigner.path)) {
    throw new AppError(
      'validation_failed',
      { vi: 'Chỉ giao cho tổ chức trực thuộc tổ chức ban hành.', en: 'Assign only inside the issuing org.' },
      { fields: [{ field: 'body.underOrgId', message: 'Chỉ giao cho tổ chức trực thuộc tổ chức ban hành.' }] },
    );
  }
  return inTransaction(db, async (tx) => {
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO tasks (item_id, org_id, title, lead_org_id, start_date, due_date)
       SELECT $1, $2, $3, o.id, $4, $5 FROM orgs o
        WHERE o.path <@ $6::ltree AND o.id <> $7 AND o.kind = $8 AND (o.valid_to IS NULL OR o.valid_to > current_date)
       ON CONFLICT (item_id, lead_org_id) WHERE item_id IS NOT NULL DO NOTHING RETURNING id`,
      [
        input.itemId,
        assigner.id,
        (input.title ?? assigner.title ?? '').normalize('NFC'),
        input.startDate ?? null,
        input.dueDate ?? null,
        under.path,
        under.id,
        input.orgKind,
      ],
    );
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'task',
      entityId: null,
      orgId: assigner.id,
      orgPath: assigner.path,
      summary: `Giao nhiệm vụ hàng loạt cho ${rows.length} tổ chức dưới ${under.name}`,
      after: input,
    });
    return { created: rows.length, taskIds: rows.map((r) => r.id) };
  });
}

async function getTask(db: Queryable, id: number) {
  const { rows } = await db.query(
    `SELECT ${taskColumns} FROM tasks t JOIN orgs ao ON ao.id = t.org_id JOIN orgs lo ON lo.id = t.lead_org_id WHERE t.id = $1`,
    [id],
  );
  if (!rows[0]) throw notFound({ vi: 'Không tìm thấy nhiệm vụ.', en: 'Task not found.' });
  return rows[0];
}

async function loadTaskForWrite(db: Queryable, actor: Actor, id: number) {
  const scope = scopeOf(actor, 'documents.read');
  const { rows } = await db.query<{ id: number; orgId: number; orgPath: string; title: string }>(
    `SELECT t.id, t.org_id AS "orgId", ao.path::text AS "orgPath", t.title FROM tasks t JOIN orgs ao ON ao.id = t.org_id JOIN orgs lo ON lo.id = t.lead_org_id
      WHERE t.id = $1 AND (${inScopeSql('ao.path', '$2')} OR ${inScopeSql('lo.path', '$2')})`,
    [id, scope],
  );
  if (!rows[0]) throw notFound({ vi: 'Không tìm thấy nhiệm vụ.', en: 'Task not found.' });
  requireAssignTasks(actor, rows[0].orgPath);
  return rows[0];
}

/** Edits a task; with `tx` the edit and its audit join the caller's transaction (report approval). */
export async function updateTask(db: Db, actor: Actor, id: number, input: UpdateTaskInput, tx?: pg.PoolClient) {
  const task = await loadTaskForWrite(tx ?? db, actor, id);
  const write = async (tx: pg.PoolClient) => {
    const { rowCount } = await tx.query(
      `UPDATE tasks SET title = COALESCE($3, title), partner_org_ids = COALESCE($4, partner_org_ids),
              head_name = CASE WHEN $5::boolean THEN $6 ELSE head_name END,
              start_date = CASE WHEN $7::boolean THEN $8::date ELSE start_date END,
              due_date = CASE WHEN $9::boolean THEN $10::date ELSE due_date END,
              status = COALESCE($11, status), progress = COALESCE($12, progress), version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2`,
      [
        id,
        input.version,
        input.title ?? null,
        input.partnerOrgIds ?? null,
        input.headName !== undefined,
        input.headName ?? null,
        input.startDate !== undefined,
        input.startDate ?? null,
        input.dueDate !== undefined,
        input.dueDate ?? null,
        input.status ?? null,
        input.progress ?? null,
      ],
    );
    if (rowCount === 0) throw versionConflict();
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'task',
      entityId: id,
      orgId: task.orgId,
      orgPath: task.orgPath,
      summary: `Sửa nhiệm vụ: ${task.title.slice(0, 120)}`,
      after: input,
    });
  };
  if (tx) await write(tx);
  else await inTransaction(db, write);
  return getTask(tx ?? db, id);
}

export async function deleteTask(db: Db, actor: Actor, id: number, version: number) {
  const task = await loadTaskForWrite(db, actor, id);
  await inTransaction(db, async (tx) => {
    // A task another record follows up (the recommendation of an inspection it became) stays.
    const rowCount = await tx.query('DELETE FROM tasks WHERE id = $1 AND version = $2', [id, version]).then(
      (r) => r.rowCount,
      (err: { code?: string }) => {
        if (err.code === '23503')
          throw new AppError('conflict', {
            vi: 'Nhiệm vụ đang được theo dõi ở nơi khác (kiến nghị sau kiểm tra, giám sát) nên không xóa được.',
            en: 'The task is followed up elsewhere (an inspection’s recommendation) and cannot be deleted.',
          });
        throw err;
      },
    );
    if (rowCount === 0) throw versionConflict();
    await recordAudit(tx, actor, {
      action: 'delete',
      entity: 'task',
      entityId: id,
      orgId: task.orgId,
      orgPath: task.orgPath,
      summary: `Xóa nhiệm vụ: ${task.title.slice(0, 120)}`,
    });
  });
}

/**
 * The tasks of a document's own items counted per item and bucket on `asOf` (the buckets of the
 * domain's `taskBucket`: past its due date and not done or cancelled is 'overdue'). The caller
 * has already read the document through its scope; tasks of a readable item are readable.
 */
export async function countItemTasksByBucket(db: Queryable, documentId: number, asOf: string) {
  const { rows } = await db.query<{ itemId: number; bucket: 'not_started' | 'in_progress' | 'done' | 'overdue' | 'cancelled'; n: number }>(
    `SELECT t.item_id AS "itemId",
            CASE WHEN t.status NOT IN ('done','cancelled') AND t.due_date < $2::date THEN 'overdue'
                 WHEN t.status IN ('done','cancelled','not_started') THEN t.status ELSE 'in_progress' END AS bucket,
            count(*)::int AS n
       FROM tasks t JOIN document_items i ON i.id = t.item_id
      WHERE i.document_id = $1 GROUP BY 1, 2`,
    [documentId, asOf],
  );
  return rows;
}
