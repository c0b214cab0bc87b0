/**
 * Text helpers shared by the extraction steps. Every step matches on a lower-cased copy and
 * slices the original, so the copy must keep the same length and offsets as the original.
 */

/**
 * Normalizes to NFC (Vietnamese can arrive decomposed from Word or macOS) and turns the
 * odd spaces pasted from PDFs into plain ones. Length may change only through NFC.
 */
export function normalizeText(text: string): string {
  // Replaced one for one, so offsets after NFC stay put.
  return text.normalize('NFC').replace(/[\u00a0\u2007\u202f\u200b]/g, ' ');
}

/**
 * Lower-cases without changing length: a few characters (like `İ`) grow when lower-cased,
 * and every offset computed on the copy must stay valid on the original.
 */
export function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

/** Collapses runs of white space and trims. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Vietnamese letters, for word-boundary checks that `\b` gets wrong on accented letters. */
export const LETTER = /[\p{L}\p{M}]/u;

/** True when the character at `i` is a letter or digit (a word goes on there). */
export function isWordChar(text: string, i: number): boolean {
  const ch = text[i];
  return ch !== undefined && /[\p{L}\p{M}\d]/u.test(ch);
}

/** Escapes a literal for use inside a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
