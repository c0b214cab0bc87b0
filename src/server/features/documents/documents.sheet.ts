/**
 * A document's items and targets as .xlsx: the export doubles as the import template. Rows
 * name their parent by its row number ("STT cha"), so a tree fits in a flat sheet; "Mã dòng"
 * (an item's stable key) lets a re-imported export update items instead of duplicating them.
 * An import is previewed row by row and written all or nothing.
 */
import ExcelJS from 'exceljs';
import type { Db } from '../../db/pool';
import { inTransaction } from '../../db/pool';
import { itemKindLabels, itemKinds, type ItemKind } from '../../../domain/documents';
import { foldVietnamese } from '../../../domain/vn-text';
import { parseVnNumber } from '../../../domain/vn-number';
import { formatTargetSpec, buildTargetSpec } from '../../../domain/targets';
import type { Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';
import { AppError, badRequest } from '../../lib/errors';
import { safeCell } from '../../lib/xlsx';
import { readSheetRows, SMALL_SHEET } from '../../lib/parse-file';
import { getDocument, statementOf } from './documents.service';
import { insertItem, lockDraftDocument, readTarget } from './items.service';
import { findItems } from './documents.queries';

const COLUMNS = [
  { key: 'row', header: 'STT', width: 7 },
  { key: 'parentRow', header: 'STT cha', width: 9 },
  { key: 'kind', header: 'Loại', width: 20 },
  { key: 'text', header: 'Nội dung', width: 70 },
  { key: 'indicator', header: 'Mã chỉ số', width: 18 },
  { key: 'value', header: 'Giá trị', width: 16 },
  { key: 'unit', header: 'Đơn vị tính', width: 14 },
  { key: 'byYear', header: 'Năm cần đạt', width: 12 },
  { key: 'baselineValue', header: 'Giá trị gốc', width: 12 },
  { key: 'baselineYear', header: 'Năm gốc', width: 10 },
  { key: 'milestoneYear', header: 'Năm tầm nhìn', width: 12 },
  { key: 'stableKey', header: 'Mã dòng (không sửa)', width: 38 },
] as const;

/** The value box of a target as a user would type it back: "8,5-8,7", "trên 9", "ít nhất 300". */
function valueText(i: {
  comparator: string | null;
  value: number | null;
  valueMin: number | null;
  valueMax: number | null;
  unit: string | null;
  perYear: boolean;
}): { value: string; unit: string } {
  if (!i.comparator) return { value: '', unit: '' };
  const unit = `${i.unit ?? ''}${i.perYear ? '/năm' : ''}`;
  const full = formatTargetSpec(
    buildTargetSpec({
      comparator: i.comparator as never,
      value: i.value,
      valueMin: i.valueMin,
      valueMax: i.valueMax,
      unit: '',
      perYear: false,
    }),
    { style: 'words' },
  );
  return { value: full.replace('–', '-'), unit };
}

export async function exportDocumentSheet(db: Db, actor: Actor, id: number): Promise<{ buffer: Buffer; fileName: string }> {
  const doc = await getDocument(db, actor, id);
  const { rows: indicators } = await db.query<{ id: number; code: string; name: string; unit: string }>(
    'SELECT id, code, name, unit FROM indicators WHERE proposed_in_document_id IS NULL OR proposed_in_document_id = $1 ORDER BY code',
    [id],
  );
  const codeOf = new Map(indicators.map((r) => [r.id, r.code]));
  const rowOf = new Map(doc.items.map((item, n) => [item.id, n + 1]));
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Resolute';
  const ws = wb.addWorksheet('Nội dung', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  doc.items.forEach((item, n) => {
    const v = valueText(item);
    ws.addRow({
      row: n + 1,
      parentRow: item.parentItemId === null ? null : (rowOf.get(item.parentItemId) ?? null),
      kind: itemKindLabels[item.kind].vi,
      text: safeCell(item.text),
      indicator: item.indicatorId === null ? null : codeOf.get(item.indicatorId),
      value: safeCell(v.value),
      unit: v.unit,
      byYear: item.byYear,
      baselineValue: item.baselineValue,
      baselineYear: item.baselineYear,
      milestoneYear: item.milestoneYear,
      stableKey: item.stableKey,
    });
  });
  const help = wb.addWorksheet('Hướng dẫn');
  help.columns = [{ width: 24 }, { width: 90 }];
  help.addRows([
    ['Cột', 'Cách điền'],
    ['STT', 'Số thứ tự dòng, không trùng nhau.'],
    ['STT cha', 'STT của mục chứa mục này (để trống nếu là mục cấp cao nhất). Mục cha phải ở dòng phía trên.'],
    ['Loại', itemKinds.map((k) => itemKindLabels[k].vi).join('; ')],
    [
      'Giá trị, Đơn vị tính',
      'Ghi như trong nghị quyết: "8,5-8,7" và "%/năm"; "trên 9" và "tỷ USD"; "ít nhất 300" và "đảng viên"; "100" và "%".',
    ],
    ['Mã chỉ số', indicators.map((r) => `${r.code}: ${r.name}`).join('\n')],
    ['Mã dòng', 'Giữ nguyên khi sửa một mục đã có; để trống cho mục mới.'],
  ]);
  help.getRow(1).font = { bold: true };
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), fileName: `${doc.symbol.replace(/\//g, '-')}-noi-dung.xlsx` };
}

type ParsedRow = {
  rowNo: number;
  row: string;
  parentRow: string;
  kind: ItemKind | null;
  text: string;
  target: ReturnType<typeof readTarget> | null;
  milestoneYear: number | null;
  stableKey: string | null;
  action: 'create' | 'update' | 'unchanged' | 'error';
  errors: string[];
  changes: string[];
};

const kindByLabel = new Map<string, ItemKind>([
  ...itemKinds.map((k) => [foldVietnamese(itemKindLabels[k].vi), k] as [string, ItemKind]),
  ...itemKinds.map((k) => [k, k] as [string, ItemKind]),
  ['nhiem vu', 'task'],
  ['dot pha chien luoc', 'breakthrough'],
  ['muc tieu', 'objective'],
  ['tam nhin den', 'milestone'],
]);

function readYear(text: string, errors: string[], label: string): number | null {
  if (text === '') return null;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1945 || n > 2100) {
    errors.push(`${label} "${text}" không hợp lệ`);
    return null;
  }
  return n;
}

/** Reads and checks every row against the document; writes nothing. */
async function parseSheet(db: Db, documentId: number, buffer: Buffer): Promise<ParsedRow[]> {
  // Read off the request thread, within the small-sheet limits (parse-file.ts).
  const sheet = await readSheetRows(buffer, SMALL_SHEET, {
    vi: 'Không đọc được tệp. Hãy dùng tệp .xlsx theo mẫu.',
    en: 'Not an .xlsx file.',
  });
  const headers = new Map<string, number>();
  (sheet[0]?.rowNo === 1 ? sheet[0].cells : []).forEach((text, i) => {
    if (text !== '') headers.set(foldVietnamese(text), i);
  });
  const colOf = (header: string) => headers.get(foldVietnamese(header));
  const missing = ['STT', 'Loại', 'Nội dung'].filter((h) => colOf(h) === undefined);
  if (missing.length > 0)
    throw badRequest(
      { vi: `Tệp thiếu cột: ${missing.join(', ')}. Hãy dùng mẫu tải từ văn bản.`, en: 'Missing columns.' },
      { fields: [{ field: 'body.file', message: `Thiếu cột ${missing.join(', ')}` }] },
    );
  const { rows: indicators } = await db.query<{ id: number; code: string }>(
    'SELECT id, code FROM indicators WHERE proposed_in_document_id IS NULL OR proposed_in_document_id = $1',
    [documentId],
  );
  const indicatorByCode = new Map(indicators.map((r) => [r.code.toUpperCase(), r.id]));
  const existing = await findItems(db, documentId);
  const byKey = new Map(existing.map((i) => [i.stableKey, i]));

  const out: ParsedRow[] = [];
  const seenRows = new Set<string>();
  const seenKeys = new Set<string>();
  for (const { rowNo: r, cells } of sheet) {
    if (r === 1) continue;
    const get = (h: (typeof COLUMNS)[number]['header']) => {
      const col = colOf(h);
      return col === undefined ? '' : (cells[col] ?? '').normalize('NFC');
    };
    const text = get('Nội dung');
    const rowKey = get('STT');
    if (text === '' && rowKey === '' && get('Loại') === '') continue;
    const errors: string[] = [];
    if (rowKey === '') errors.push('Thiếu STT');
    else if (seenRows.has(rowKey)) errors.push(`STT ${rowKey} bị trùng`);
    const parentRow = get('STT cha');
    if (parentRow !== '' && !seenRows.has(parentRow)) errors.push(`STT cha ${parentRow} phải là một dòng ở phía trên`);
    seenRows.add(rowKey);
    const kind = kindByLabel.get(foldVietnamese(get('Loại'))) ?? null;
    if (!kind) errors.push(`Loại "${get('Loại')}" không có trong danh sách`);
    if (text === '') errors.push('Thiếu nội dung');
    let target: ParsedRow['target'] = null;
    const indicatorCode = get('Mã chỉ số').toUpperCase();
    const indicatorId = indicatorCode === '' ? null : (indicatorByCode.get(indicatorCode) ?? null);
    if (indicatorCode !== '' && indicatorId === null) errors.push(`Mã chỉ số "${indicatorCode}" không có trong danh mục`);
    if (kind === 'target') {
      const baselineText = get('Giá trị gốc');
      const baselineValue = baselineText === '' ? null : parseVnNumber(baselineText);
      if (baselineText !== '' && baselineValue === null) errors.push(`Giá trị gốc "${baselineText}" không phải số`);
      try {
        target = readTarget(
          {
            indicatorId,
            valueText: get('Giá trị'),
            unitText: get('Đơn vị tính'),
            byYear: readYear(get('Năm cần đạt'), errors, 'Năm cần đạt'),
            baselineValue,
            baselineYear: readYear(get('Năm gốc'), errors, 'Năm gốc'),
          },
          'row',
        );
      } catch (e) {
        if (e instanceof AppError) errors.push(e.text.vi);
        else throw e;
      }
    }
    const milestoneYear = readYear(get('Năm tầm nhìn'), errors, 'Năm tầm nhìn');
    const keyText = get('Mã dòng (không sửa)');
    let stableKey: string | null = null;
    if (keyText !== '') {
      if (seenKeys.has(keyText)) errors.push('Mã dòng bị trùng');
      else if (byKey.has(keyText)) stableKey = keyText;
      seenKeys.add(keyText);
    }
    const changes: string[] = [];
    let action: ParsedRow['action'] = 'create';
    if (stableKey && kind) {
      const old = byKey.get(stableKey)!;
      if (old.kind !== kind) changes.push('Loại');
      if (old.text !== text) changes.push('Nội dung');
      if (kind === 'target' && target && statementOf(old) !== statementOf({ ...target, unit: target.unit })) changes.push('Giá trị');
      if (kind === 'target' && target && (old.byYear !== target.byYear || old.indicatorId !== target.indicatorId))
        changes.push('Năm/chỉ số');
      if (old.milestoneYear !== milestoneYear) changes.push('Năm tầm nhìn');
      action = changes.length > 0 ? 'update' : 'unchanged';
    }
    if (errors.length > 0) action = 'error';
    out.push({ rowNo: r, row: rowKey, parentRow, kind, text, target, milestoneYear, stableKey, action, errors, changes });
  }
  if (out.length === 0)
    throw badRequest(
      { vi: 'Tệp không có dòng nội dung nào.', en: 'No rows.' },
      { fields: [{ field: 'body.file', message: 'Tệp không có dòng nội dung nào.' }] },
    );
  return out;
}

const present = (rows: ParsedRow[]) => ({
  counts: {
    create: rows.filter((r) => r.action === 'create').length,
    update: rows.filter((r) => r.action === 'update').length,
    unchanged: rows.filter((r) => r.action === 'unchanged').length,
    error: rows.filter((r) => r.action === 'error').length,
  },
  rows: rows.map((r) => ({
    rowNo: r.rowNo,
    row: r.row,
    parentRow: r.parentRow,
    kind: r.kind,
    text: r.text,
    statement: r.target ? statementOf(r.target) : null,
    action: r.action,
    errors: r.errors,
    changes: r.changes,
  })),
});

/** Previews an import, or with `commit` writes it: every row or, if any row has an error, none. */
export async function importDocumentSheet(db: Db, actor: Actor, documentId: number, buffer: Buffer, commit: boolean) {
  return inTransaction(db, async (tx) => {
    const doc = await lockDraftDocument(tx, actor, documentId);
    const rows = await parseSheet(db, documentId, buffer);
    const preview = present(rows);
    if (!commit) return { ...preview, committed: false };
    if (preview.counts.error > 0) {
      throw new AppError(
        'validation_failed',
        { vi: `Tệp còn ${preview.counts.error} dòng lỗi; chưa ghi dòng nào.`, en: 'Rows have errors; nothing was written.' },
        { rows: preview.rows.filter((r) => r.action === 'error') },
      );
    }
    const existing = await findItems(tx, documentId);
    const idByKey = new Map(existing.map((i) => [i.stableKey, i.id]));
    const idByRow = new Map<string, number>();
    for (const r of rows) {
      const parentId = r.parentRow === '' ? null : (idByRow.get(r.parentRow) ?? null);
      if (r.action === 'create') {
        idByRow.set(r.row, await insertItem(tx, documentId, parentId, r.kind!, r.text, r.milestoneYear, r.target));
      } else {
        const id = idByKey.get(r.stableKey!)!;
        idByRow.set(r.row, id);
        if (r.action === 'update') {
          const t = r.target;
          await tx.query(
            `UPDATE document_items SET kind = $2, text = $3, milestone_year = $4, parent_item_id = $5, indicator_id = $6, comparator = $7, value = $8, value_min = $9, value_max = $10,
                    unit = $11, per_year = $12, by_year = $13, baseline_value = $14, baseline_year = $15, version = version + 1, updated_at = now() WHERE id = $1`,
            [
              id,
              r.kind,
              r.text,
              r.milestoneYear,
              parentId,
              t?.indicatorId ?? null,
              t?.comparator ?? null,
              t?.value ?? null,
              t?.valueMin ?? null,
              t?.valueMax ?? null,
              t?.unit ?? null,
              t?.perYear ?? false,
              t?.byYear ?? null,
              t?.baselineValue ?? null,
              t?.baselineYear ?? null,
            ],
          );
        }
      }
    }
    await recordAudit(tx, actor, {
      action: 'import',
      entity: 'document',
      entityId: documentId,
      orgId: doc.orgId,
      orgPath: doc.orgPath,
      summary: `Nhập nội dung ${doc.symbol} từ Excel: ${preview.counts.create} mục mới, ${preview.counts.update} mục sửa`,
      after: preview.counts,
    });
    return { ...preview, committed: true };
  });
}
