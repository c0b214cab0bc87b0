/**
 * Finding the figures in a text: Vietnamese numerals (`8,5`, `1.800`, `1.234.567,89`) and
 * the worded multiples and zeros targets use (`gấp đôi`, `không còn hộ nghèo`).
 */
import { parseVnNumber } from '../vn-number';

/** One figure found in the text. */
export type Figure = {
  start: number;
  end: number;
  /** The digits as written (`1.800`); '' for a worded figure. */
  raw: string;
  value: number;
  /** Set for worded figures, whose unit is implied (`gấp đôi` → `lần`). */
  impliedUnit?: string;
  /** Set when the words themselves fix the comparator (`không còn` → `reduce_to`). */
  isZero?: boolean;
};

const DIGITS = /\d+(?:[.,]\d+)*/g;
const WORDED_MULTIPLE = /(?:^|[^\p{L}])gấp\s+(đôi|hai|ba|bốn|năm|rưỡi)(?![\p{L}])(\s+lần(?![\p{L}]))?/gu;
const MULTIPLE_VALUES: Record<string, number> = { đôi: 2, hai: 2, ba: 3, bốn: 4, năm: 5, rưỡi: 1.5 };
const NO_MORE = /(?:^|[^\p{L}])không còn(?![\p{L}])/gu;

/**
 * Figures in `lower[from, to)`, ordered by position. A digit run that is not a Vietnamese
 * number (`1,2,3`) is skipped. Worded zeros (`không còn`) are returned with `isZero`; the
 * caller checks that a counted noun follows.
 */
export function findFigures(lower: string, from = 0, to = lower.length): Figure[] {
  const slice = lower.slice(from, to);
  const figures: Figure[] = [];
  DIGITS.lastIndex = 0;
  for (let m = DIGITS.exec(slice); m; m = DIGITS.exec(slice)) {
    let raw = m[0];
    // A trailing ",5" glued to a list comma ("1,2,3") makes no number; try the digits alone.
    let value = parseVnNumber(raw);
    if (value === null) {
      const head = /^\d+/.exec(raw)?.[0] ?? '';
      value = parseVnNumber(head);
      raw = head;
      DIGITS.lastIndex = m.index + head.length;
    }
    if (value === null) continue;
    figures.push({ start: from + m.index, end: from + m.index + raw.length, raw, value });
  }
  WORDED_MULTIPLE.lastIndex = 0;
  for (let m = WORDED_MULTIPLE.exec(slice); m; m = WORDED_MULTIPLE.exec(slice)) {
    const word = m[1] ?? '';
    const end = from + m.index + m[0].length;
    const start = end - word.length - (m[2] ?? '').length;
    figures.push({ start, end, raw: '', value: MULTIPLE_VALUES[word] ?? 2, impliedUnit: 'lần' });
  }
  NO_MORE.lastIndex = 0;
  for (let m = NO_MORE.exec(slice); m; m = NO_MORE.exec(slice)) {
    const end = from + m.index + m[0].length;
    figures.push({ start: end - 'không còn'.length, end, raw: '', value: 0, isZero: true });
  }
  return figures.sort((a, b) => a.start - b.start);
}
