/**
 * Comparators from words. Resolutions say "trên 90%", "giảm còn 1%", "90% đảng viên trở
 * lên", "tăng gần gấp đôi"; these functions turn the words around one figure into one
 * `TargetComparator`. They look only at the figure's own clause (see clauses.ts).
 */
import type { TargetComparator } from './types';

const END = '\\s*$';
// A lookbehind, not `(?:^|[^\\p{L}])`: the engine then skips ahead to the words' first letters
// instead of trying every position (three to five times faster on long texts).
const NOT_LETTER_BEFORE = '(?<![\\p{L}])';

// A bound is stronger than the verb: "giảm tỷ lệ hộ nghèo xuống dưới 1%" is below 1%. The
// negated strict words come first ("không dưới" is at least, not below), and the comparator
// is the one the text wrote: "trên" (>) and "ít nhất" (>=) are different promises.
const AT_LEAST = new RegExp(
  `${NOT_LETTER_BEFORE}(?:ít nhất(?: là)?|tối thiểu(?: là)?|không dưới|không thấp hơn|không ít hơn|không nhỏ hơn|bằng hoặc cao hơn|từ|tối thiểu đạt)(?:\\s+(?:mức|con số))?${END}|(?:≥|>=)${END}`,
  'u',
);
const AT_MOST = new RegExp(
  `${NOT_LETTER_BEFORE}(?:không quá|tối đa(?: là)?|không vượt quá|không vượt|không cao hơn|không lớn hơn|không nhiều hơn|không để vượt quá|bằng hoặc thấp hơn)(?:\\s+(?:mức|con số))?${END}|(?:≤|<=)${END}`,
  'u',
);
const ABOVE = new RegExp(
  `${NOT_LETTER_BEFORE}(?:trên|(?<!(?:thấp|ít|nhỏ|kém) )hơn|cao hơn|nhiều hơn|lớn hơn|vượt|trên mức|vượt mức)(?:\\s+(?:mức|con số))?${END}|>${END}`,
  'u',
);
const BELOW = new RegExp(`${NOT_LETTER_BEFORE}(?:dưới|thấp hơn|ít hơn|nhỏ hơn|dưới mức)(?:\\s+(?:mức|con số))?${END}|<${END}`, 'u');
const ABOUT = new RegExp(
  `${NOT_LETTER_BEFORE}(?:khoảng|khoảng chừng|gần|xấp xỉ|chừng|ước khoảng|gần bằng|tương đương)(?:\\s+(?:mức|con số))?(?:\\s+gấp)?${END}`,
  'u',
);
const REDUCE_TO = new RegExp(`${NOT_LETTER_BEFORE}(?:còn|xuống|xuống mức|xuống còn|giảm còn|chỉ còn|còn khoảng)${END}`, 'u');
const INCREASE_TO = new RegExp(`${NOT_LETTER_BEFORE}(?:lên|lên mức|lên đến|lên tới|nâng lên|tăng lên|gấp)${END}`, 'u');
// "tăng trưởng" is growth (a rate stated as a value) and "tăng cường" is "strengthen".
// "gia tăng" in "giá trị gia tăng" is value added, a noun.
const INCREASE_VERB = /(?<![\p{L}])(?<!gia )tăng(?!\s+(?:trưởng|cường))(?![\p{L}])/gu;
const DECREASE_VERB = /(?<![\p{L}])giảm(?![\p{L}])/gu;
const FROM_LEVEL = /(?<![\p{L}])từ\s*$/u;

function lastIndex(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let last = -1;
  for (let m = re.exec(text); m; m = re.exec(text)) last = m.index;
  return last;
}

/** What the words around a figure say about it. */
export type ComparatorReading = {
  comparator: TargetComparator;
  /** Offset in `before` where the comparator's words start, to keep them out of the name. */
  wordsStart: number;
};

/**
 * Reads the comparator of one figure from the clause text before it (`before`, lower-cased,
 * from the clause start to the figure) and after it (`after`, from the unit's end to the
 * clause end). `unit` is the figure's unit; a multiple (`lần`) is an increase to that many
 * times. Returns `=` when no word qualifies the figure.
 */
export function readComparator(before: string, after: string, unit: string): ComparatorReading {
  const at = (re: RegExp): number => {
    const m = re.exec(before);
    return m ? m.index + (m[0].length - m[0].trimStart().length) : -1;
  };
  // "trở lên" belongs to this figure only if no other figure comes first ("25 sản phẩm đạt
  // từ 3 sao trở lên"), and not when it grades a result ("hoàn thành tốt nhiệm vụ trở lên").
  const tail = after.slice(0, 60).split(/\d/)[0] ?? '';
  const isGrade = (words: string) => /hoàn thành|nhiệm vụ|xếp loại|loại|trung bình|khá|tốt|sao|chuẩn/u.test(words);
  const upward = /^([^,;:]{0,40}?)(?:^|[^\p{L}])trở lên(?![\p{L}])/u.exec(tail);
  if (upward && !isGrade(upward[1] ?? '')) {
    const i = at(FROM_LEVEL);
    return { comparator: '>=', wordsStart: i >= 0 ? i : before.length };
  }
  if (/^[^,;:]{0,40}?(?:^|[^\p{L}])trở xuống(?![\p{L}])/u.test(tail)) return { comparator: '<=', wordsStart: before.length };

  let i = at(AT_LEAST);
  if (i >= 0) return { comparator: '>=', wordsStart: i };
  i = at(AT_MOST);
  if (i >= 0) return { comparator: '<=', wordsStart: i };
  i = at(ABOVE);
  if (i >= 0) return { comparator: '>', wordsStart: i };
  i = at(BELOW);
  if (i >= 0) return { comparator: '<', wordsStart: i };
  i = at(ABOUT);
  if (i >= 0) return { comparator: 'approx', wordsStart: i };
  i = at(REDUCE_TO);
  if (i >= 0) return { comparator: 'reduce_to', wordsStart: i };
  i = at(INCREASE_TO);
  if (i >= 0) return { comparator: 'increase_to', wordsStart: i };
  if (unit === 'lần') return { comparator: 'increase_to', wordsStart: before.length };

  const inc = lastIndex(INCREASE_VERB, before);
  const dec = lastIndex(DECREASE_VERB, before);
  if (inc >= 0 || dec >= 0) {
    const isIncrease = inc > dec;
    const idx = (isIncrease ? inc : dec) + (/^[^\p{L}]/u.test(before.slice(isIncrease ? inc : dec)) ? 1 : 0);
    return { comparator: isIncrease ? 'increase_by' : 'decrease_by', wordsStart: idx };
  }
  return { comparator: '=', wordsStart: before.length };
}

/**
 * True when the clause text before a figure makes it a yearly rate or amount. `bình quân`
 * is yearly for a rate or a change, but not in `bình quân đầu người` (per person).
 */
export function isYearlyContext(before: string, after: string, unit: string): boolean {
  if (/(?<![\p{L}])(?:mỗi|hằng|hàng|một)\s+năm(?![\p{L}])|năm sau cao hơn năm trước/u.test(before + ' ' + after.slice(0, 30))) {
    return true;
  }
  const avg = /bình quân(?!\s*(?:đầu người|mỗi người|một người|trên đầu người|\/người|của người|người|tháng))/u;
  if (!avg.test(before)) return false;
  if (/tuổi thọ|thu nhập|đầu người/.test(before)) return false;
  return unit === '%' || /(?<![\p{L}])(?:tăng|giảm)(?![\p{L}])|tăng trưởng|mỗi năm/u.test(before);
}
