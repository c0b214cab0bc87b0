/**
 * Guided carry-over into a new term: the targets not reached and the items with unfinished
 * tasks of an old term's document are listed (targets judged by the reports feature's
 * dashboard, tasks counted by the documents feature); the chosen ones become items of a draft
 * resolution or program of the new term, each linked back to its source in `carry_overs`.
 */
import type pg from 'pg';
import type { Db, Queryable } from '../../db/pool';
import { inTransaction } from '../../db/pool';
import {
  carriedItemKind,
  checkCarrySelection,
  isCarryCandidate,
  isTaskUnfinished,
  parseTermLabel,
  selectionProblemLabels,
  type TaskStatus,
} from '../../../domain/terms';
import { TARGET_STATUS_LABELS } from '../../../domain/targets';
import { vnToday } from '../../../domain/vn-time';
import type { CarryOverInput } from '../../../contracts/terms';
import { scopeOf, type Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';
import { AppError, notFound } from '../../lib/errors';
import { countItemTasksByBucket, findDocumentReadable, findItems, insertItem, lockDraftDocument, type DocumentRow } from '../documents';
import { getDashboard } from '../reports';

const docNotFound = () => notFound({ vi: 'Không tìm thấy văn bản.', en: 'Document not found.' });
const fieldError = (field: string, message: string, extra: Record<string, unknown> = {}) =>
  new AppError('validation_failed', { vi: message, en: 'Some fields are invalid.' }, { fields: [{ field, message }], ...extra });

const TASK_BUCKET_LABELS: Record<TaskStatus, string> = {
  overdue: 'Quá hạn',
  in_progress: 'Đang thực hiện',
  not_started: 'Chưa triển khai',
  done: 'Hoàn thành',
  cancelled: 'Đã hủy',
};
// The worst bucket names an item's state: one overdue task makes the item overdue.
const BUCKET_ORDER: TaskStatus[] = ['overdue', 'in_progress', 'not_started', 'done', 'cancelled'];

/** The day the old term is judged on: its term record's end, else the term's last day, never after today. */
async function judgedOn(db: Queryable, doc: DocumentRow): Promise<string> {
  const { rows } = await db.query<{ endDate: string | null }>(`SELECT end_date AS "endDate" FROM terms WHERE org_id = $1 AND label = $2`, [
    doc.orgId,
    doc.term,
  ]);
  const end = rows[0]?.endDate ?? `${parseTermLabel(doc.term).endYear}-12-31`;
  const today = vnToday();
  return end < today ? end : today;
}

type Candidate = {
  itemId: number;
  kind: string;
  text: string;
  statement: string | null;
  status: string;
  statusText: string;
  reason: string | null;
  tasks: { total: number; unfinished: number };
  carriedInto: { documentId: number; symbol: string; newItemId: number }[];
};

async function carriedFromDocument(db: Queryable, actor: Actor, itemIds: number[]) {
  const { rows } = await db.query<{ sourceItemId: number; newItemId: number; documentId: number; symbol: string }>(
    `SELECT c.source_item_id AS "sourceItemId", c.new_item_id AS "newItemId", d.id AS "documentId", d.symbol
       FROM carry_overs c JOIN documents d ON d.id = c.target_document_id WHERE c.source_item_id = ANY($1::bigint[]) ORDER BY c.id`,
    [itemIds],
  );
  const readable = await readableIds(
    db,
    actor,
    rows.map((r) => r.documentId),
  );
  return rows.filter((r) => readable.has(r.documentId));
}

/** Which of these documents the caller can read (few ids: one scoped lookup each). */
async function readableIds(db: Queryable, actor: Actor, ids: number[]): Promise<Set<number>> {
  const scope = scopeOf(actor, 'documents.read');
  const out = new Set<number>();
  for (const id of new Set(ids)) if (await findDocumentReadable(db, id, scope)) out.add(id);
  return out;
}

/** The checklist of an old term's document: targets not reached and items with unfinished tasks. 404 outside scope. */
export async function getCarryCandidates(db: Db, actor: Actor, documentId: number, asOfInput?: string) {
  const doc = await findDocumentReadable(db, documentId, scopeOf(actor, 'documents.read'));
  if (!doc) throw docNotFound();
  const asOf = asOfInput ?? (await judgedOn(db, doc));
  const [dashboard, items, buckets] = await Promise.all([
    getDashboard(db, actor, doc.id, { asOf }),
    findItems(db, doc.id),
    countItemTasksByBucket(db, doc.id, asOf),
  ]);
  const carried = await carriedFromDocument(
    db,
    actor,
    items.map((i) => i.id),
  );
  const carriedOf = (itemId: number) => carried.filter((c) => c.sourceItemId === itemId).map(({ sourceItemId: _s, ...c }) => c);

  const targets: Candidate[] = [];
  for (const t of dashboard.targets) {
    if (!isCarryCandidate({ itemId: t.itemId, kind: 'target', targetStatus: t.status, tasks: [] })) continue;
    targets.push({
      itemId: t.itemId,
      kind: 'target',
      text: t.text,
      statement: t.statement,
      status: t.status,
      statusText: TARGET_STATUS_LABELS.vi[t.status],
      reason: t.reason,
      tasks: { total: 0, unfinished: 0 },
      carriedInto: carriedOf(t.itemId),
    });
  }
  const tasks: Candidate[] = [];
  for (const item of items) {
    if (item.kind === 'target') continue;
    const mine = buckets.filter((b) => b.itemId === item.id);
    const list = mine.flatMap((b) => Array.from({ length: b.n }, () => ({ status: b.bucket })));
    if (!isCarryCandidate({ itemId: item.id, kind: item.kind, targetStatus: null, tasks: list })) continue;
    const worst = BUCKET_ORDER.find((s) => mine.some((b) => b.bucket === s)) ?? 'not_started';
    const unfinished = list.filter((t) => isTaskUnfinished(t.status)).length;
    tasks.push({
      itemId: item.id,
      kind: item.kind,
      text: item.text,
      statement: null,
      status: worst,
      statusText: TASK_BUCKET_LABELS[worst],
      reason: `${unfinished}/${list.length} nhiệm vụ chưa hoàn thành`,
      tasks: { total: list.length, unfinished },
      carriedInto: carriedOf(item.id),
    });
  }
  return { document: { id: doc.id, symbol: doc.symbol, title: doc.title, term: doc.term, orgName: doc.orgName }, asOf, targets, tasks };
}

type Plan = {
  source: DocumentRow;
  target: DocumentRow;
  items: { sourceItemId: number; kind: 'target' | 'task'; text: string; statement: string | null; sourceStatus: string }[];
};

/** Checks everything a carry-over names and returns what it would write; throws the first problem. */
async function planCarry(db: Db, tx: pg.PoolClient, actor: Actor, input: CarryOverInput): Promise<Plan> {
  const source = await findDocumentReadable(tx, input.sourceDocumentId, scopeOf(actor, 'documents.read'));
  if (!source) throw notFound({ vi: 'Không tìm thấy văn bản nhiệm kỳ trước.', en: 'Source document not found.' });
  // 404 outside scope, 403 without the right to edit it, 409 once adopted (approved means locked).
  const target = await lockDraftDocument(tx, actor, input.targetDocumentId);
  if (target.seriesId === source.seriesId) throw fieldError('body.targetDocumentId', 'Không chuyển tiếp vào chính văn bản nguồn.');
  if (parseTermLabel(target.term).startYear < parseTermLabel(source.term).endYear) {
    throw fieldError(
      'body.targetDocumentId',
      `Văn bản nhận phải thuộc nhiệm kỳ sau ${source.term} (văn bản đã chọn thuộc nhiệm kỳ ${target.term}).`,
    );
  }
  if (input.parentItemId !== null && input.parentItemId !== undefined) {
    const { rows } = await tx.query('SELECT 1 FROM document_items WHERE id = $1 AND document_id = $2', [input.parentItemId, target.id]);
    if (rows.length === 0) throw fieldError('body.parentItemId', 'Mục cha không thuộc văn bản nhận.');
  }
  const candidates = await getCarryCandidates(db, actor, source.id);
  const all = [...candidates.targets, ...candidates.tasks];
  const byId = new Map(all.map((c) => [c.itemId, c]));
  const already = new Set(all.filter((c) => c.carriedInto.some((x) => x.documentId === target.id)).map((c) => c.itemId));
  const problems = checkCarrySelection(input.itemIds, new Set(byId.keys()), already);
  const first = problems[0];
  if (first) {
    const index = input.itemIds.indexOf(first.itemId);
    const message = `Mục ${first.itemId} ${selectionProblemLabels[first.reason]}.`;
    if (first.reason === 'already_carried')
      throw new AppError(
        'conflict',
        { vi: message, en: 'An item was already carried into this document.' },
        { reason: 'already_carried', itemIds: problems.map((p) => p.itemId) },
      );
    throw fieldError(`body.itemIds.${index}`, message);
  }
  return {
    source,
    target,
    items: input.itemIds.map((id) => {
      const c = byId.get(id)!;
      return {
        sourceItemId: id,
        kind: carriedItemKind(c.kind),
        text: c.text,
        statement: c.statement,
        sourceStatus: c.reason ? `${c.statusText}: ${c.reason}` : c.statusText,
      };
    }),
  };
}

const presentPlan = (p: Plan) => ({
  source: { id: p.source.id, symbol: p.source.symbol, term: p.source.term },
  target: { id: p.target.id, symbol: p.target.symbol, term: p.target.term, title: p.target.title },
  items: p.items,
});

/** What a carry-over would create, checked as the commit checks it; writes nothing. */
export async function previewCarryOver(db: Db, actor: Actor, input: CarryOverInput) {
  return inTransaction(db, async (tx) => presentPlan(await planCarry(db, tx, actor, input)));
}

/**
 * Creates the chosen items in the new document with their links back, audited, in one
 * transaction. A concurrent carry of the same item into the same document gets 409.
 */
export async function commitCarryOver(db: Db, actor: Actor, input: CarryOverInput) {
  try {
    return await inTransaction(db, async (tx) => {
      const plan = await planCarry(db, tx, actor, input);
      const sources = new Map((await findItems(tx, plan.source.id)).map((i) => [i.id, i]));
      const created: { sourceItemId: number; newItemId: number }[] = [];
      for (const item of plan.items) {
        const src = sources.get(item.sourceItemId)!;
        // The new term sets its own deadline, baseline and yearly path; the statement and
        // indicator carry over so the new target is judged on the same figures.
        const spec =
          item.kind === 'target' && src.comparator
            ? {
                comparator: src.comparator,
                value: src.value,
                valueMin: src.valueMin,
                valueMax: src.valueMax,
                unit: src.unit ?? '',
                perYear: src.perYear,
                byYear: null,
                baselineValue: null,
                baselineYear: null,
                yearlyPath: null,
                indicatorId: src.indicatorId,
              }
            : null;
        const newItemId = await insertItem(tx, plan.target.id, input.parentItemId ?? null, item.kind, src.text, null, spec);
        await tx.query(
          `INSERT INTO carry_overs (source_item_id, new_item_id, target_document_id, source_status, created_by) VALUES ($1, $2, $3, $4, $5)`,
          [item.sourceItemId, newItemId, plan.target.id, item.sourceStatus, actor.userId],
        );
        created.push({ sourceItemId: item.sourceItemId, newItemId });
      }
      await recordAudit(tx, actor, {
        action: 'carry_over',
        entity: 'document',
        entityId: plan.target.id,
        orgId: plan.target.orgId,
        orgPath: plan.target.orgPath,
        summary: `Chuyển tiếp ${created.length} mục từ ${plan.source.symbol} (nhiệm kỳ ${plan.source.term}) vào ${plan.target.symbol} (nhiệm kỳ ${plan.target.term})`,
        after: { sourceDocumentId: plan.source.id, created },
      });
      return { ...presentPlan(plan), created };
    });
  } catch (e) {
    if ((e as { code?: string }).code === '23505') {
      throw new AppError(
        'conflict',
        { vi: 'Mục đã được chuyển tiếp vào văn bản này.', en: 'An item was already carried into this document.' },
        { reason: 'already_carried' },
      );
    }
    throw e;
  }
}

type LinkRow = {
  sourceItemId: number;
  sourceText: string;
  sourceDocId: number;
  sourceSymbol: string;
  sourceTerm: string;
  sourceOrg: string;
  newItemId: number;
  newText: string;
  targetDocId: number;
  targetSymbol: string;
  targetTerm: string;
  targetOrg: string;
  sourceStatus: string;
  createdAt: string;
};

/** The carry-over links of a document on both sides: items it took from an old term, items it gave to a new one. */
export async function getDocumentCarryLinks(db: Db, actor: Actor, documentId: number) {
  const doc = await findDocumentReadable(db, documentId, scopeOf(actor, 'documents.read'));
  if (!doc) throw docNotFound();
  const { rows } = await db.query<LinkRow>(
    `SELECT c.source_item_id AS "sourceItemId", si.text AS "sourceText", sd.id AS "sourceDocId", sd.symbol AS "sourceSymbol", sd.term AS "sourceTerm", so.name AS "sourceOrg",
            c.new_item_id AS "newItemId", ni.text AS "newText", td.id AS "targetDocId", td.symbol AS "targetSymbol", td.term AS "targetTerm", tor.name AS "targetOrg",
            c.source_status AS "sourceStatus", to_char(c.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD"T"HH24:MI:SS') AS "createdAt"
       FROM carry_overs c
       JOIN document_items si ON si.id = c.source_item_id JOIN documents sd ON sd.id = si.document_id
       JOIN document_items ni ON ni.id = c.new_item_id JOIN documents td ON td.id = c.target_document_id
       JOIN orgs so ON so.id = sd.org_id JOIN orgs tor ON tor.id = td.org_id
      WHERE c.target_document_id = $1 OR si.document_id = $1 ORDER BY c.id`,
    [doc.id],
  );
  // The other side of each link is shown only when the caller may read it.
  const readable = await readableIds(
    db,
    actor,
    rows.flatMap((r) => [r.sourceDocId, r.targetDocId]),
  );
  const present = (r: LinkRow) => ({
    sourceItemId: r.sourceItemId,
    sourceText: r.sourceText,
    sourceDocument: { id: r.sourceDocId, symbol: r.sourceSymbol, term: r.sourceTerm, orgName: r.sourceOrg },
    newItemId: r.newItemId,
    newText: r.newText,
    targetDocument: { id: r.targetDocId, symbol: r.targetSymbol, term: r.targetTerm, orgName: r.targetOrg },
    sourceStatus: r.sourceStatus,
    createdAt: r.createdAt,
  });
  return {
    carriedFrom: rows.filter((r) => r.targetDocId === doc.id && readable.has(r.sourceDocId)).map(present),
    carriedInto: rows.filter((r) => r.sourceDocId === doc.id && r.targetDocId !== doc.id && readable.has(r.targetDocId)).map(present),
  };
}
