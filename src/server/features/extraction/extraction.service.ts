/**
 * From a pasted resolution to document items: propose what the parser finds (with the catalog
 * indicator each target most likely measures), then write what a person accepted and edited
 * into a draft document, every item or none.
 */
import type pg from 'pg';
import type { Db } from '../../db/pool';
import { inTransaction } from '../../db/pool';
import { extractItems, normalizeText, type ExtractedItem } from '../../../domain/extraction';
import { buildTargetSpec, defaultDirection, formatTargetSpec, validateTargetSpec, type TargetSpec } from '../../../domain/targets';
import type { Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { readDocxText } from '../../lib/parse-file';
import { findIndicators, insertItem, lockDraftDocument, readTarget, statementOf } from '../documents';
import type { AcceptedItem, ImportExtractedInput } from '../../../contracts/extraction';
import { findIndicatorByName, indicatorCodeFor, matchIndicator, type CatalogIndicator, type IndicatorMatch } from './indicator-match';
import type { z } from 'zod';
import type { indicatorSchema } from '../../../contracts/documents';

type Indicator = z.infer<typeof indicatorSchema>;
export type ProposedItem = ExtractedItem & { indicatorMatch: IndicatorMatch | null };
export type Proposal = { text: string; items: ProposedItem[] };

const fieldError = (field: string, message: string) =>
  new AppError('validation_failed', { vi: message, en: 'Some fields are invalid.' }, { fields: [{ field, message }] });

/** The items of a text, each target with its likely catalog indicator. `text` is what the offsets index. */
export async function proposeItems(db: Db, input: string): Promise<Proposal> {
  const catalog = (await findIndicators(db)) as Indicator[];
  return {
    text: normalizeText(input),
    items: extractItems(input).map((item) => ({
      ...item,
      indicatorMatch: item.kind === 'target' ? matchIndicator(item.indicator, item.unit, catalog) : null,
    })),
  };
}

/** As proposeItems, from a Word file; a file that is not .docx is a 400 on `body.file`. */
export async function proposeItemsFromDocx(db: Db, buffer: Buffer): Promise<Proposal> {
  // Limits (size, entries, text length, time, memory) are enforced by the parse worker: 413.
  const text = await readDocxText(buffer, {
    vi: 'Không đọc được tệp. Hãy chọn tệp Word (.docx).',
    en: 'Not a readable Word (.docx) file.',
  });
  if (text.trim() === '') throw fieldError('body.file', 'Tệp Word không có chữ nào.');
  return proposeItems(db, text);
}

/** Statement fields the review table edits, named as in the request. */
const statementFields = ['comparator', 'value', 'valueMin', 'valueMax', 'unit', 'perYear', 'byYear'] as const;

/** A target's statement as edited, checked by the target rules; throws a 400 naming the item's field. */
function targetSpecOf(item: AcceptedItem, index: number): TargetSpec {
  const prefix = `body.items.${index}`;
  if (!item.comparator) throw fieldError(`${prefix}.comparator`, 'Chỉ tiêu cần có cách so sánh.');
  const spec = buildTargetSpec({
    comparator: item.comparator,
    value: item.comparator === 'range' ? null : (item.value ?? null),
    valueMin: item.comparator === 'range' ? (item.valueMin ?? null) : null,
    valueMax: item.comparator === 'range' ? (item.valueMax ?? null) : null,
    unit: item.unit.normalize('NFC'),
    perYear: item.perYear,
    byYear: item.byYear ?? null,
  });
  const errors = validateTargetSpec(spec);
  const key = statementFields.find((k) => errors[k] !== undefined);
  if (key) throw fieldError(`${prefix}.${key}`, errors[key]!);
  return spec;
}

type Catalog = { rows: CatalogIndicator[]; codes: Set<string> };

/** The shared catalog and this document's own proposals: what an accepted target may name. */
async function loadCatalog(tx: pg.PoolClient, documentId: number): Promise<Catalog> {
  // Two imports proposing the same new indicator must not both create it: creations queue here.
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('indicators.create'))`);
  const { rows } = await tx.query<CatalogIndicator & { code: string; isUsable: boolean }>(
    `SELECT id, code, name, unit, (proposed_in_document_id IS NULL OR proposed_in_document_id = $1) AS "isUsable" FROM indicators`,
    [documentId],
  );
  // Every code is taken, a proposal of another document's too; only usable ones are matched.
  return {
    rows: rows.filter((r) => r.isUsable).map(({ id, name, unit }) => ({ id, name, unit })),
    codes: new Set(rows.map((r) => r.code.toUpperCase())),
  };
}

/**
 * The indicator of an accepted target: the one the user kept, the catalog's (or this
 * document's proposal) of the same name ignoring diacritics, or a new proposal that lives with
 * the document until an administrator accepts or merges it: never a silent addition to the
 * shared catalog. Proposals are not combined up the org tree (`none`) until someone says how.
 */
async function resolveIndicator(
  tx: pg.PoolClient,
  actor: Actor,
  documentId: number,
  catalog: Catalog,
  item: AcceptedItem,
  spec: TargetSpec,
  index: number,
  created: CatalogIndicator[],
): Promise<number> {
  if (item.indicatorId) {
    if (!catalog.rows.some((r) => r.id === item.indicatorId))
      throw fieldError(`body.items.${index}.indicatorId`, 'Không tìm thấy chỉ số trong danh mục.');
    return item.indicatorId;
  }
  const name = (item.indicatorName ?? '').trim().normalize('NFC');
  if (name.length < 3) throw fieldError(`body.items.${index}.indicatorName`, 'Hãy chọn chỉ số trong danh mục hoặc ghi tên chỉ số mới.');
  const same = findIndicatorByName(name, catalog.rows);
  if (same) return same.id;
  const code = indicatorCodeFor(name, catalog.codes);
  const { rows } = await tx.query<CatalogIndicator>(
    `INSERT INTO indicators (code, name, unit, direction, aggregation, proposed_in_document_id, proposed_by, proposed_at)
     VALUES ($1, $2, $3, $4, 'none', $5, $6, now()) RETURNING id, name, unit`,
    [code, name, spec.unit, defaultDirection(spec.comparator), documentId, actor.userId],
  );
  const indicator = rows[0]!;
  catalog.rows.push(indicator);
  catalog.codes.add(code);
  created.push(indicator);
  await recordAudit(tx, actor, {
    action: 'propose',
    entity: 'indicator',
    entityId: indicator.id,
    orgId: null,
    orgPath: null,
    summary: `Đề xuất chỉ số mới ${name} khi nhập từ văn bản (chờ quản trị duyệt)`,
    after: { code, name, unit: spec.unit, documentId },
  });
  return indicator.id;
}

async function assertParent(tx: pg.PoolClient, documentId: number, parentItemId: number | null) {
  if (parentItemId === null) return;
  const { rows } = await tx.query('SELECT 1 FROM document_items WHERE id = $1 AND document_id = $2', [parentItemId, documentId]);
  if (rows.length === 0) throw fieldError('body.parentItemId', 'Mục cha không thuộc văn bản này.');
}

/**
 * Adds the accepted items to a draft document in one transaction, in the order given, after
 * its existing items (or under `parentItemId`). Throws 404 outside the caller's scope, 403
 * without the right to edit the document, 409 when it is adopted, 400 naming the first bad
 * field; in every case nothing is written.
 */
export async function importExtractedItems(db: Db, actor: Actor, documentId: number, input: ImportExtractedInput) {
  return inTransaction(db, async (tx) => {
    const doc = await lockDraftDocument(tx, actor, documentId);
    const parentItemId = input.parentItemId ?? null;
    await assertParent(tx, documentId, parentItemId);
    const specs = input.items.map((item, i) => (item.kind === 'target' ? targetSpecOf(item, i) : null));
    const catalog = specs.some((s) => s !== null) ? await loadCatalog(tx, documentId) : { rows: [], codes: new Set<string>() };
    const proposedIndicators: CatalogIndicator[] = [];
    const ids: number[] = [];
    for (const [i, item] of input.items.entries()) {
      const spec = specs[i] ?? null;
      let target = null;
      if (spec) {
        const indicatorId = await resolveIndicator(tx, actor, documentId, catalog, item, spec, i, proposedIndicators);
        // Through the editor's own reading of a typed target, so an imported target is stored
        // exactly as the same target typed by hand.
        target = readTarget({ indicatorId, valueText: formatTargetSpec(spec), unitText: '', byYear: spec.byYear }, `body.items.${i}`);
      }
      const milestoneYear = item.kind === 'milestone' ? (item.byYear ?? null) : null;
      const parentIndex = item.parentIndex ?? null;
      if (parentIndex !== null && parentIndex >= i) throw fieldError(`body.items.${i}.parentIndex`, 'Mục cha phải đứng trước mục con.');
      const parentId = parentIndex === null ? parentItemId : ids[parentIndex]!;
      ids.push(await insertItem(tx, documentId, parentId, item.kind, item.text, milestoneYear, target));
    }
    const counts = { target: 0, task: 0, breakthrough: 0, milestone: 0 };
    for (const item of input.items) counts[item.kind] += 1;
    await recordAudit(tx, actor, {
      action: 'import_text',
      entity: 'document',
      entityId: documentId,
      orgId: doc.orgId,
      orgPath: doc.orgPath,
      summary: `Nhập ${ids.length} mục vào ${doc.symbol} từ văn bản: ${counts.target} chỉ tiêu, ${counts.task} nhiệm vụ, ${counts.breakthrough} đột phá, ${counts.milestone} tầm nhìn`,
      after: { counts, proposedIndicators: proposedIndicators.map((c) => c.name) },
    });
    const { rows } = await tx.query<{
      id: number;
      kind: string;
      text: string;
      indicatorId: number | null;
      indicatorName: string | null;
      comparator: TargetSpec['comparator'] | null;
      value: number | null;
      valueMin: number | null;
      valueMax: number | null;
      unit: string | null;
      perYear: boolean;
      byYear: number | null;
      milestoneYear: number | null;
    }>(
      `SELECT i.id, i.kind, i.text, i.indicator_id AS "indicatorId", ind.name AS "indicatorName", i.comparator, i.value, i.value_min AS "valueMin",
              i.value_max AS "valueMax", i.unit, i.per_year AS "perYear", i.by_year AS "byYear", i.milestone_year AS "milestoneYear"
         FROM document_items i LEFT JOIN indicators ind ON ind.id = i.indicator_id
        WHERE i.id = ANY($1::bigint[]) ORDER BY array_position($1::bigint[], i.id)`,
      [ids],
    );
    return { documentId, items: rows.map((r) => ({ ...r, statement: statementOf(r) })), proposedIndicators };
  });
}
