/**
 * Targets from table rows pasted from Word or Excel: cells separated by tabs or `|`, as in the
 * "STT | Chỉ tiêu | Đơn vị tính | Mục tiêu 2030" tables of resolutions and plans. The indicator
 * is the row's text cell, the unit its own cell, the value the first number cell after it
 * (in review tables the plan comes before the result).
 */
import { parseVnNumber } from '../vn-number';
import { readComparator } from './comparators';
import type { ExtractedItem, TargetComparator } from './types';
import { normalizeUnit } from './units';

const ROW_NUMBER = /^\(?(?:\d{1,3}|[ivx]{1,5}|[a-zđ])[.)]?$/iu;
const NUM = '\\d+(?:[.,]\\d+)*';
const VALUE_CELL = new RegExp(
  `^(≥|>=|>|≤|<=|<|=|~|≈|khoảng|trên|dưới|ít nhất|tối thiểu|tối đa|không quá|top|tốp)?\\s*(${NUM})\\s*(?:[-–—]\\s*(${NUM}))?\\s*(%)?\\s*(trở lên|trở xuống)?$`,
  'iu',
);
const SYMBOL_WORDS: Record<string, string> = {
  '≥': 'ít nhất',
  '>=': 'ít nhất',
  '>': 'trên',
  '≤': 'tối đa',
  '<=': 'tối đa',
  '<': 'dưới',
  '~': 'khoảng',
  '≈': 'khoảng',
  '=': '',
};

/** One row read as a target, or null when the line is not a table row with a value. */
function readRow(line: string, start: number): ExtractedItem | null {
  const separator = line.includes('\t') ? '\t' : line.includes('|') ? '|' : null;
  if (!separator) return null;
  const cells = line.split(separator).map((c) => c.trim());
  if (cells.length < 3) return null;
  let i = ROW_NUMBER.test(cells[0] ?? '') || cells[0] === '' ? 1 : 0;
  const name = cells[i] ?? '';
  if (!/\p{L}{2}/u.test(name) || /^\d/.test(name)) return null;
  i++;
  let unit = '';
  let perYear = false;
  let match: RegExpExecArray | null = null;
  for (; i < cells.length; i++) {
    const cell = cells[i] ?? '';
    match = VALUE_CELL.exec(cell.toLowerCase());
    if (match) break;
    if (unit === '' && /\p{L}|%/u.test(cell) && cell.length <= 40) unit = cell;
  }
  if (!match) return null;
  const [, word = '', first = '', second, percent, suffix] = match;
  const value = parseVnNumber(first);
  const max = second ? parseVnNumber(second) : null;
  if (value === null) return null;
  unit = normalizeUnit(unit || percent || '');
  if (/\/năm$/u.test(unit)) {
    unit = unit.slice(0, -'/năm'.length);
    perYear = true;
  }
  let comparator: TargetComparator;
  const lowered = word.toLowerCase();
  if (max !== null) comparator = 'range';
  else if (lowered === 'top' || lowered === 'tốp') {
    comparator = '<=';
    unit = 'hạng';
  } else {
    const words = SYMBOL_WORDS[lowered] ?? lowered;
    comparator = readComparator(words ? `${words} ` : '', suffix ? ` ${suffix}` : '', unit).comparator;
  }
  const end = start + line.trimEnd().length;
  const lead = line.length - line.trimStart().length;
  return {
    kind: 'target',
    indicator: name.charAt(0).toUpperCase() + name.slice(1),
    comparator,
    value: max !== null ? null : value,
    valueMin: max !== null ? value : null,
    valueMax: max,
    unit,
    byYear: null,
    perYear,
    reference: null,
    achieved: null,
    parentStart: null,
    start: start + lead,
    end,
    text: line.slice(lead).trimEnd(),
  };
}

/**
 * The targets of the table rows of `text` (NFC), and the spans of those rows so the prose
 * reader skips them. Never throws.
 */
export function extractTableRows(text: string): { items: ExtractedItem[]; spans: Array<{ start: number; end: number }> } {
  const items: ExtractedItem[] = [];
  const spans: Array<{ start: number; end: number }> = [];
  let pos = 0;
  while (pos <= text.length) {
    const next = text.indexOf('\n', pos);
    const lineEnd = next < 0 ? text.length : next;
    const line = text.slice(pos, lineEnd);
    if (line.includes('\t') || line.includes('|')) {
      const item = readRow(line, pos);
      if (item) {
        items.push(item);
        spans.push({ start: pos, end: lineEnd });
      }
    }
    if (next < 0) break;
    pos = next + 1;
  }
  return { items, spans };
}
