/**
 * Terms (nhiệm kỳ) of a party organization: "2020-2025", "2025-2030". A congress (đại hội)
 * opens a term, elects its committees and adopts its resolution; documents are numbered anew in
 * each term. The label is the stored key (documents.term, committees.term, terms.label).
 */

export type TermYears = { startYear: number; endYear: number };

/** Thrown for a label or a pair of years that is not a term. `field` names the input to fix. */
export class TermError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads "2025-2030" (also "2025–2030" with an en dash and spaces) into its years.
 * Throws TermError when it is not two years, the end not after the start, or longer than five
 * years (a party congress term is five years, Điều lệ Đảng, Điều 13).
 */
export function parseTermLabel(label: string): TermYears {
  const m = /^\s*(\d{4})\s*[-–]\s*(\d{4})\s*$/.exec(label);
  if (!m) throw new TermError('label', `Nhiệm kỳ "${label}" không đúng dạng năm bắt đầu-năm kết thúc (ví dụ 2025-2030).`);
  return checkTermYears(Number(m[1]), Number(m[2]));
}

/** Checks the years of a term; returns them, or throws TermError. */
export function checkTermYears(startYear: number, endYear: number): TermYears {
  if (!Number.isInteger(startYear) || startYear < 1930 || startYear > 2200)
    throw new TermError('startYear', `Năm bắt đầu nhiệm kỳ không hợp lệ: ${startYear}.`);
  if (!Number.isInteger(endYear) || endYear <= startYear) throw new TermError('endYear', 'Năm kết thúc nhiệm kỳ phải sau năm bắt đầu.');
  if (endYear - startYear > 5) throw new TermError('endYear', 'Nhiệm kỳ đại hội không quá 5 năm.');
  return { startYear, endYear };
}

/** The stored label: "2025-2030". */
export function termLabel(years: TermYears): string {
  return `${years.startYear}-${years.endYear}`;
}

/** The label as people write it: "2025–2030". */
export function termDisplay(label: string): string {
  return label.replace('-', '–');
}

export type DatedTerm = { label: string; startDate: string; endDate: string | null };

/**
 * The term of an org that a date falls in, from the org's own term records (not from five-year
 * arithmetic: Bình Dương's 2020–2025 term ended on 30/06/2025 when it merged, and TP.HCM's
 * 2025–2030 term opened at its congress in October). Dates are ISO `YYYY-MM-DD`; an open term
 * has no end. Returns null when no recorded term holds the date.
 */
export function termContaining(terms: readonly DatedTerm[], date: string): DatedTerm | null {
  return terms.find((t) => t.startDate <= date && (t.endDate === null || date <= t.endDate)) ?? null;
}

/** Congress ordinals in Roman numerals, as the Party writes them ("lần thứ XI"). Throws RangeError outside 1..50. */
export function congressOrdinal(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 50) throw new RangeError(`Số lần đại hội không hợp lệ: ${n}`);
  const table: [number, string][] = [
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  let rest = n;
  for (const [v, s] of table)
    while (rest >= v) {
      out += s;
      rest -= v;
    }
  return out;
}

/** Reads "XI" back to 11; null when it is not a Roman numeral of 1..50. */
export function parseCongressOrdinal(text: string): number | null {
  const t = text.trim().toUpperCase();
  for (let n = 1; n <= 50; n++) if (congressOrdinal(n) === t) return n;
  return null;
}
