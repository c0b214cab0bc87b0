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
  /** "giảm 1/3 số hộ": a fraction, as a percent of the whole that follows (value 33,3…). */
  isFraction?: boolean;
  /** "12.500/10.000 tỷ đồng" in a report: the achieved figure; `value` is the planned one. */
  achieved?: number;
};

const DIGITS = /\d+(?:[.,]\d+)*/g;
const WORDED_MULTIPLE = /(?<![\p{L}])gấp\s+(đôi|hai|ba|bốn|năm|rưỡi)(?![\p{L}])(\s+lần(?![\p{L}]))?/gu;
const MULTIPLE_VALUES: Record<string, number> = { đôi: 2, hai: 2, ba: 3, bốn: 4, năm: 5, rưỡi: 1.5 };
const NO_MORE = /(?<![\p{L}])không còn(?![\p{L}])/gu;
// "1/3 số hộ cận nghèo": a fraction of a counted whole.
const FRACTION = /(?<![\d.,/])([1-9])\s*\/\s*([2-9]|10)(?=\s+số\s)/gu;
// "12.500/10.000", "91%/85%": achieved over planned. Not a date (no second slash), not a rate
// per population ("18/1.000 trẻ đẻ sống", "/vạn dân").
const PAIR =
  /(?<![\d.,/])(\d+(?:[.,]\d+)*)\s*(%?)\s*\/\s*(\d+(?:[.,]\d+)*)(?![\d.,]*\s*\/\s*\d)(?![\d.,]*\s*(?:dân|trẻ|người dân)(?![\p{L}]))/gu;

function round(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

/**
 * Figures in `lower[from, to)`, ordered by position. A digit run that is not a Vietnamese
 * number (`1,2,3`) is skipped. Worded zeros (`không còn`) are returned with `isZero`; the
 * caller checks that a counted noun follows.
 */
export function findFigures(lower: string, from = 0, to = lower.length): Figure[] {
  const slice = lower.slice(from, to);
  const figures: Figure[] = [];
  // Spans already read as fractions or pairs, whose digits are not figures of their own.
  const taken: Array<[number, number]> = [];
  const hasSlash = slice.includes('/');
  FRACTION.lastIndex = 0;
  for (let m = hasSlash ? FRACTION.exec(slice) : null; m; m = FRACTION.exec(slice)) {
    const start = from + m.index;
    const end = start + m[0].length;
    figures.push({ start, end, raw: m[0], value: round((100 * Number(m[1])) / Number(m[2])), isFraction: true });
    taken.push([start, end]);
  }
  PAIR.lastIndex = 0;
  for (let m = hasSlash ? PAIR.exec(slice) : null; m; m = PAIR.exec(slice)) {
    const start = from + m.index;
    const end = start + m[0].length;
    if (taken.some(([a, b]) => start < b && end > a)) continue;
    const achieved = parseVnNumber(m[1] ?? '');
    const planned = parseVnNumber(m[3] ?? '');
    if (achieved === null || planned === null || planned === 0) continue;
    // A ratio of very different sizes is not a result against its plan ("1/2019").
    if (achieved / planned > 5 || achieved / planned < 0.2) continue;
    figures.push({ start, end, raw: m[3] ?? '', value: planned, achieved });
    taken.push([start, end]);
  }
  DIGITS.lastIndex = 0;
  for (let m = DIGITS.exec(slice); m; m = DIGITS.exec(slice)) {
    const at = from + m.index;
    if (taken.length > 0 && taken.some(([a, b]) => at >= a && at < b)) continue;
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
