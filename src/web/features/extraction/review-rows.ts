/**
 * The review table's rows: made from the proposal, edited by the user, turned back into what
 * the import accepts. Pure, so the rules are tested without a browser.
 */
import { explainItem } from '../../../domain/extraction';
import { buildTargetSpec, formatTargetSpec, validateTargetSpec, type TargetComparator } from '../../../domain/targets';
import type { AcceptedItem, ExtractedKind, ProposedItem } from './extraction.api';

export type ReviewRow = {
  key: string;
  kind: ExtractedKind;
  text: string;
  /** Catalog indicator kept, or null for a new indicator named `indicatorName`. */
  indicatorId: number | null;
  indicatorName: string;
  /** The catalog indicator the server matched by meaning, and how sure it is (0..1). */
  match: { id: number; score: number } | null;
  comparator: TargetComparator;
  value: number | null;
  valueMin: number | null;
  valueMax: number | null;
  unit: string;
  perYear: boolean;
  byYear: number | null;
  /** The words a number-less target is measured against ("kế hoạch của tỉnh"); null for a figure. */
  reference: string | null;
  start: number;
  end: number;
  /** The row this one sits under in a numbered section (its key); null at the top. */
  parentKey: string | null;
  /** How deep in the numbering: 0 at the top. */
  depth: number;
  /** The exact words the proposal came from, and why it was read so ("“ít nhất” → ≥"). */
  source: string;
  reasons: string[];
  isAccepted: boolean;
  isDropped: boolean;
};

/** "tốc độ tăng trưởng…" → "Tốc độ tăng trưởng…": an item starts a sentence in the document. */
function sentenceCase(text: string): string {
  const t = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[;,.:]+$/u, '');
  return t.charAt(0).toLocaleUpperCase('vi') + t.slice(1);
}

export function toRows(items: readonly ProposedItem[]): ReviewRow[] {
  const keyAt = new Map<number, string>();
  items.forEach((item, i) => {
    if (!keyAt.has(item.start)) keyAt.set(item.start, `r${i}`);
  });
  const parentOf = (item: ProposedItem) => (item.parentStart === null ? null : (keyAt.get(item.parentStart) ?? null));
  const depthOf = (item: ProposedItem): number => {
    let depth = 0;
    for (let p = item.parentStart; p !== null && depth < 10; depth++) p = items.find((x) => x.start === p)?.parentStart ?? null;
    return depth;
  };
  return items.map((item, i) => ({
    parentKey: parentOf(item),
    depth: depthOf(item),
    source: item.text,
    reasons: explainItem(item),
    key: `r${i}`,
    kind: item.kind,
    text: sentenceCase(item.text),
    indicatorId: item.indicatorMatch?.id ?? null,
    indicatorName: item.indicator,
    match: item.indicatorMatch ? { id: item.indicatorMatch.id, score: item.indicatorMatch.score } : null,
    comparator: item.comparator ?? '=',
    value: item.value,
    valueMin: item.valueMin,
    valueMax: item.valueMax,
    unit: item.unit,
    perYear: item.perYear,
    byYear: item.byYear,
    reference: item.reference ?? null,
    start: item.start,
    end: item.end,
    isAccepted: false,
    isDropped: false,
  }));
}

/**
 * Why a row may not be accepted yet, or null: a target read against words ("giữ vững mức …",
 * "theo kế hoạch của tỉnh") has no number to track until the user types one.
 */
export function acceptRefusal(row: ReviewRow): string | null {
  if (row.kind !== 'target' || row.reference === null) return null;
  const hasValue = row.comparator === 'range' ? row.valueMin !== null && row.valueMax !== null : row.value !== null;
  return hasValue ? null : `Chỉ tiêu này chỉ ghi “${row.reference}”, chưa có con số: hãy nhập giá trị cụ thể rồi mới nhận.`;
}

/** "Nhận tất cả": every live row, except those refused until a value is typed. */
export function acceptAllRows(rows: readonly ReviewRow[], isAccepted: boolean): ReviewRow[] {
  return rows.map((r) => (r.isDropped ? r : { ...r, isAccepted: isAccepted && acceptRefusal(r) === null }));
}

export type RowCheck = { statement: string | null; errors: Partial<Record<'text' | 'value' | 'unit' | 'byYear' | 'indicator', string>> };

/** What the row will become ("8,5–8,7%/năm") and what is wrong with it, by the target rules. */
export function checkRow(row: ReviewRow): RowCheck {
  const errors: RowCheck['errors'] = {};
  if (row.text.trim() === '') errors.text = 'Hãy nhập nội dung';
  if (row.kind !== 'target') return { statement: null, errors };
  if (row.indicatorId === null && row.indicatorName.trim().length < 3) errors.indicator = 'Hãy chọn chỉ số hoặc ghi tên chỉ số mới';
  const isRange = row.comparator === 'range';
  const spec = buildTargetSpec({
    comparator: row.comparator,
    value: isRange ? null : row.value,
    valueMin: isRange ? row.valueMin : null,
    valueMax: isRange ? row.valueMax : null,
    unit: row.unit,
    perYear: row.perYear,
    byYear: row.byYear,
  });
  const found = validateTargetSpec(spec);
  const valueError = acceptRefusal(row) ?? found.comparator ?? found.value ?? found.valueMin ?? found.valueMax ?? found.perYear;
  if (valueError) errors.value = valueError;
  if (found.unit) errors.unit = found.unit;
  if (found.byYear) errors.byYear = found.byYear;
  let statement: string | null = null;
  if (!valueError && !found.unit) {
    try {
      statement = formatTargetSpec(spec, { style: 'words' });
    } catch {
      statement = null;
    }
  }
  return { statement, errors };
}

export const isRowValid = (row: ReviewRow) => Object.keys(checkRow(row).errors).length === 0;

/** The accepted rows, as the import endpoint takes them, in the order of the text. */
export function toAccepted(rows: readonly ReviewRow[]): AcceptedItem[] {
  const kept = rows.filter((r) => r.isAccepted && !r.isDropped);
  // A row goes under its nearest accepted ancestor: a dropped "1." leaves its "a)" at the top.
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const indexOf = new Map(kept.map((r, i) => [r.key, i]));
  const parentIndexOf = (r: ReviewRow, at: number): number | null => {
    for (let p = r.parentKey; p !== null; p = byKey.get(p)?.parentKey ?? null) {
      const i = indexOf.get(p);
      if (i !== undefined && i < at) return i;
    }
    return null;
  };
  return kept.map((r, at) => {
    const parentIndex = parentIndexOf(r, at);
    if (r.kind !== 'target') return { kind: r.kind, text: r.text.trim(), byYear: r.kind === 'milestone' ? r.byYear : null, parentIndex };
    const isRange = r.comparator === 'range';
    return {
      parentIndex,
      kind: r.kind,
      text: r.text.trim(),
      indicatorId: r.indicatorId,
      indicatorName: r.indicatorName.trim(),
      comparator: r.comparator,
      value: isRange ? null : r.value,
      valueMin: isRange ? r.valueMin : null,
      valueMax: isRange ? r.valueMax : null,
      unit: r.unit.trim(),
      perYear: r.perYear,
      byYear: r.byYear,
    };
  });
}

export type Segment = { start: number; end: number; keys: string[] };

/**
 * Cuts the text at every item boundary, so each piece knows which items cover it (items may
 * overlap: a target inside a task's sentence). Pieces with no item have `keys` empty.
 */
export function segmentText(length: number, ranges: readonly { key: string; start: number; end: number }[]): Segment[] {
  const cuts = new Set<number>([0, length]);
  for (const r of ranges) {
    cuts.add(Math.max(0, Math.min(length, r.start)));
    cuts.add(Math.max(0, Math.min(length, r.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    if (end <= start) continue;
    out.push({ start, end, keys: ranges.filter((r) => r.start <= start && r.end >= end).map((r) => r.key) });
  }
  return out;
}

/** Which row a field error of the import names ("body.items.3.valueMin" → the 4th accepted row). */
export function rowOfField(field: string, accepted: readonly ReviewRow[]): { row: ReviewRow; field: string } | null {
  const m = /^body\.items\.(\d+)\.?(.*)$/.exec(field);
  const row = m ? accepted[Number(m[1])] : undefined;
  return row && m ? { row, field: m[2] ?? '' } : null;
}
