import type pg from 'pg';
import type { Db } from '../../db/pool';
import { inTransaction } from '../../db/pool';
import { reorderSiblings, wouldCreateCycle, type ItemKind } from '../../../domain/documents';
import { buildTargetSpec, parseTargetInput, TargetInputError, validateTargetSpec, type TargetSpec } from '../../../domain/targets';
import { scopeOf, type Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';
import { isSystemActor } from '../../lib/policy';
import { AppError, notFound, versionConflict } from '../../lib/errors';
import type { CreateItemInput, TargetInput, UpdateItemInput } from '../../../contracts/documents';
import { findDocumentReadable, findItemReadable, type DocumentRow } from './documents.queries';
import { requireDocumentWrite, requireDraft } from './documents.policy';
import { documentNotFound, statementOf } from './documents.service';

export const itemNotFound = () => notFound({ vi: 'Không tìm thấy mục nội dung.', en: 'Item not found.' });

const fieldError = (field: string, message: string) =>
  new AppError('validation_failed', { vi: message, en: 'Some fields are invalid.' }, { fields: [{ field, message }] });

/**
 * Reads a target as typed ("8,5-8,7" + "%/năm") into a full spec, or throws a 400 naming the
 * box to fix. Only targets carry a statement.
 */
export function readTarget(input: TargetInput, prefix = 'body.target'): TargetSpec & { indicatorId: number | null } {
  let statement;
  try {
    statement = parseTargetInput(input.valueText, input.unitText);
  } catch (e) {
    if (e instanceof TargetInputError) throw fieldError(`${prefix}.${e.field === 'unit' ? 'unitText' : 'valueText'}`, e.message);
    throw e;
  }
  const spec = buildTargetSpec({
    ...statement,
    byYear: input.byYear ?? null,
    baselineValue: input.baselineValue ?? null,
    baselineYear: input.baselineYear ?? null,
    yearlyPath: input.yearlyPath && input.yearlyPath.length > 0 ? input.yearlyPath : null,
  });
  const errors = validateTargetSpec(spec);
  const first = Object.entries(errors)[0];
  if (first) {
    const [key, message] = first;
    const field = ['comparator', 'value', 'valueMin', 'valueMax', 'perYear'].includes(key)
      ? 'valueText'
      : key === 'unit'
        ? 'unitText'
        : key;
    throw fieldError(`${prefix}.${field}`, message as string);
  }
  return { ...spec, indicatorId: input.indicatorId ?? null };
}

async function assertIndicator(tx: pg.PoolClient, indicatorId: number | null) {
  if (indicatorId === null) return;
  const { rows } = await tx.query('SELECT 1 FROM indicators WHERE id = $1', [indicatorId]);
  if (rows.length === 0) throw fieldError('body.target.indicatorId', 'Không tìm thấy chỉ số trong danh mục.');
}

/**
 * A draft with an editorial group (Tổ biên tập, issue 16) is edited by that group alone:
 * documents.write on the org is not enough once the group is formed, or the versions sent for
 * comments would no longer say what the group wrote. The group's rows are read here, not
 * through the consultation feature, because that feature builds on this one.
 */
async function requireEditorialGroup(tx: pg.PoolClient, actor: Actor, doc: DocumentRow) {
  if (isSystemActor(actor)) return;
  const { rows } = await tx.query<{ isMember: boolean | null }>(
    'SELECT bool_or(user_id = $2) AS "isMember" FROM consultation_team_members WHERE document_id = $1',
    [doc.id, actor.userId],
  );
  if (rows[0]?.isMember === false)
    throw new AppError(
      'forbidden',
      {
        vi: `Dự thảo ${doc.symbol} do Tổ biên tập soạn thảo: chỉ thành viên Tổ biên tập được sửa nội dung.`,
        en: `Draft ${doc.symbol} is written by its editorial group: only its members edit it.`,
      },
      { reason: 'editorial_group_only' },
    );
}

async function lockDraftDocument(tx: pg.PoolClient, actor: Actor, documentId: number): Promise<DocumentRow> {
  const doc = await findDocumentReadable(tx, documentId, scopeOf(actor, 'documents.read'));
  if (!doc) throw documentNotFound();
  requireDocumentWrite(actor, doc);
  requireDraft(doc);
  await requireEditorialGroup(tx, actor, doc);
  // Items of one document are edited one transaction at a time: positions stay consistent.
  await tx.query('SELECT 1 FROM documents WHERE id = $1 FOR UPDATE', [documentId]);
  return doc;
}

async function siblingIds(tx: pg.PoolClient, documentId: number, parentItemId: number | null): Promise<number[]> {
  const { rows } = await tx.query<{ id: number }>(
    'SELECT id FROM document_items WHERE document_id = $1 AND parent_item_id IS NOT DISTINCT FROM $2 ORDER BY position, id',
    [documentId, parentItemId],
  );
  return rows.map((r) => r.id);
}

async function writePositions(tx: pg.PoolClient, ids: number[]) {
  await tx.query(
    'UPDATE document_items i SET position = o.ord FROM unnest($1::bigint[]) WITH ORDINALITY AS o(id, ord) WHERE i.id = o.id AND i.position <> o.ord',
    [ids],
  );
}

async function assertParentInDocument(tx: pg.PoolClient, documentId: number, parentItemId: number | null) {
  if (parentItemId === null) return;
  const { rows } = await tx.query('SELECT 1 FROM document_items WHERE id = $1 AND document_id = $2', [parentItemId, documentId]);
  if (rows.length === 0) throw fieldError('body.parentItemId', 'Mục cha không thuộc văn bản này.');
}

type TargetColumns = { spec: (TargetSpec & { indicatorId: number | null }) | null };

function targetParams({ spec }: TargetColumns) {
  return [
    spec?.indicatorId ?? null,
    spec?.comparator ?? null,
    spec?.value ?? null,
    spec?.valueMin ?? null,
    spec?.valueMax ?? null,
    spec ? spec.unit : null,
    spec?.perYear ?? false,
    spec?.byYear ?? null,
    spec?.baselineValue ?? null,
    spec?.baselineYear ?? null,
    spec?.yearlyPath ? JSON.stringify(spec.yearlyPath) : null,
  ];
}

/** Adds an item to a draft document; a target's value is read from what the user typed. */
export async function createItem(db: Db, actor: Actor, documentId: number, input: CreateItemInput) {
  return inTransaction(db, async (tx) => {
    const doc = await lockDraftDocument(tx, actor, documentId);
    const parentItemId = input.parentItemId ?? null;
    await assertParentInDocument(tx, documentId, parentItemId);
    const spec = input.kind === 'target' && input.target ? readTarget(input.target) : null;
    if (input.kind === 'target' && !input.target) throw fieldError('body.target.valueText', 'Chỉ tiêu cần có giá trị.');
    await assertIndicator(tx, spec?.indicatorId ?? null);
    const id = await insertItem(tx, documentId, parentItemId, input.kind, input.text, input.milestoneYear ?? null, spec);
    const siblings = await siblingIds(tx, documentId, parentItemId);
    await writePositions(tx, reorderSiblings(siblings, id, input.index ?? siblings.length));
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'document_item',
      entityId: id,
      orgId: doc.orgId,
      orgPath: doc.orgPath,
      summary: `Thêm mục vào ${doc.symbol}: ${input.text.slice(0, 120)}`,
      after: input,
    });
    return getItemTx(tx, id);
  });
}

/** Inserts an item at the end of its siblings; the caller fixes positions. */
export async function insertItem(
  tx: pg.PoolClient,
  documentId: number,
  parentItemId: number | null,
  kind: ItemKind,
  text: string,
  milestoneYear: number | null,
  spec: (TargetSpec & { indicatorId: number | null }) | null,
  stableKey?: string,
): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO document_items (document_id, parent_item_id, kind, position, text, milestone_year,
        indicator_id, comparator, value, value_min, value_max, unit, per_year, by_year, baseline_value, baseline_year, yearly_path, stable_key)
     VALUES ($1, $2, $3, (SELECT COALESCE(max(position), 0) + 1 FROM document_items WHERE document_id = $1 AND parent_item_id IS NOT DISTINCT FROM $2),
        $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16::jsonb, COALESCE($17::uuid, gen_random_uuid()))
     RETURNING id`,
    [documentId, parentItemId, kind, text.normalize('NFC'), milestoneYear, ...targetParams({ spec }), stableKey ?? null],
  );
  return rows[0]!.id;
}

async function getItemTx(tx: pg.PoolClient, id: number) {
  const item = await findItemReadable(tx, id, null);
  if (!item) throw itemNotFound();
  const { doc: _d, ...rest } = item;
  return { ...rest, statement: statementOf(rest) };
}

async function loadItemForWrite(tx: pg.PoolClient, actor: Actor, itemId: number) {
  const item = await findItemReadable(tx, itemId, scopeOf(actor, 'documents.read'));
  if (!item) throw itemNotFound();
  const doc = await lockDraftDocument(tx, actor, item.documentId);
  return { item, doc };
}

export async function updateItem(db: Db, actor: Actor, itemId: number, input: UpdateItemInput) {
  return inTransaction(db, async (tx) => {
    const { item, doc } = await loadItemForWrite(tx, actor, itemId);
    const kind = input.kind ?? item.kind;
    let spec: (TargetSpec & { indicatorId: number | null }) | null | undefined;
    if (kind !== 'target') spec = null;
    else if (input.target) spec = readTarget(input.target);
    else if (item.kind !== 'target') throw fieldError('body.target.valueText', 'Chỉ tiêu cần có giá trị.');
    else spec = undefined; // unchanged
    if (spec) await assertIndicator(tx, spec.indicatorId);
    const keep = spec === undefined;
    const { rowCount } = await tx.query(
      `UPDATE document_items SET kind = $3, text = COALESCE($4, text),
              milestone_year = CASE WHEN $5::boolean THEN $6 ELSE milestone_year END,
              indicator_id = CASE WHEN $7::boolean THEN indicator_id ELSE $8 END,
              comparator = CASE WHEN $7 THEN comparator ELSE $9 END,
              value = CASE WHEN $7 THEN value ELSE $10 END,
              value_min = CASE WHEN $7 THEN value_min ELSE $11 END,
              value_max = CASE WHEN $7 THEN value_max ELSE $12 END,
              unit = CASE WHEN $7 THEN unit ELSE $13 END,
              per_year = CASE WHEN $7 THEN per_year ELSE $14 END,
              by_year = CASE WHEN $7 THEN by_year ELSE $15 END,
              baseline_value = CASE WHEN $7 THEN baseline_value ELSE $16 END,
              baseline_year = CASE WHEN $7 THEN baseline_year ELSE $17 END,
              yearly_path = CASE WHEN $7 THEN yearly_path ELSE $18::jsonb END,
              version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2`,
      [
        itemId,
        input.version,
        kind,
        input.text?.normalize('NFC') ?? null,
        input.milestoneYear !== undefined,
        input.milestoneYear ?? null,
        keep,
        ...targetParams({ spec: spec ?? null }),
      ],
    );
    if (rowCount === 0) throw versionConflict();
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'document_item',
      entityId: itemId,
      orgId: doc.orgId,
      orgPath: doc.orgPath,
      summary: `Sửa mục của ${doc.symbol}`,
      before: { kind: item.kind, text: item.text, statement: statementOf(item) },
      after: input,
    });
    return getItemTx(tx, itemId);
  });
}

export async function deleteItem(db: Db, actor: Actor, itemId: number, version: number) {
  await inTransaction(db, async (tx) => {
    const { item, doc } = await loadItemForWrite(tx, actor, itemId);
    const { rows } = await tx.query<{ n: number }>(
      `WITH RECURSIVE sub AS (SELECT id FROM document_items WHERE id = $1 UNION ALL SELECT c.id FROM document_items c JOIN sub ON c.parent_item_id = sub.id)
       SELECT count(*)::int AS n FROM item_links l JOIN sub ON sub.id = l.parent_item_id`,
      [itemId],
    );
    if ((rows[0]?.n ?? 0) > 0) {
      throw new AppError('conflict', {
        vi: `Không thể xóa: ${rows[0]!.n} mục của văn bản cấp dưới đang cụ thể hóa mục này.`,
        en: 'Lower items concretize this item.',
      });
    }
    const { rowCount } = await tx.query('DELETE FROM document_items WHERE id = $1 AND version = $2', [itemId, version]);
    if (rowCount === 0) throw versionConflict();
    await writePositions(tx, await siblingIds(tx, doc.id, item.parentItemId));
    await recordAudit(tx, actor, {
      action: 'delete',
      entity: 'document_item',
      entityId: itemId,
      orgId: doc.orgId,
      orgPath: doc.orgPath,
      summary: `Xóa mục của ${doc.symbol}`,
      before: { kind: item.kind, text: item.text },
    });
  });
}

/** Moves an item (with its sub-items) under another parent of the same document, at an index. */
export async function moveItem(db: Db, actor: Actor, itemId: number, version: number, parentItemId: number | null, index: number) {
  return inTransaction(db, async (tx) => {
    const { item, doc } = await loadItemForWrite(tx, actor, itemId);
    if (item.version !== version) throw versionConflict();
    await assertParentInDocument(tx, doc.id, parentItemId);
    const { rows: all } = await tx.query<{ id: number; parentItemId: number | null }>(
      'SELECT id, parent_item_id AS "parentItemId" FROM document_items WHERE document_id = $1',
      [doc.id],
    );
    if (wouldCreateCycle(all, itemId, parentItemId))
      throw fieldError('body.parentItemId', 'Không thể chuyển một mục vào chính nó hoặc mục con của nó.');
    await tx.query('UPDATE document_items SET parent_item_id = $2, version = version + 1, updated_at = now() WHERE id = $1', [
      itemId,
      parentItemId,
    ]);
    await writePositions(tx, reorderSiblings(await siblingIds(tx, doc.id, parentItemId), itemId, index));
    if (item.parentItemId !== parentItemId) await writePositions(tx, await siblingIds(tx, doc.id, item.parentItemId));
    await recordAudit(tx, actor, {
      action: 'move',
      entity: 'document_item',
      entityId: itemId,
      orgId: doc.orgId,
      orgPath: doc.orgPath,
      summary: `Chuyển vị trí mục của ${doc.symbol}`,
      before: { parentItemId: item.parentItemId, position: item.position },
      after: { parentItemId, index },
    });
    return getItemTx(tx, itemId);
  });
}

export { lockDraftDocument };
