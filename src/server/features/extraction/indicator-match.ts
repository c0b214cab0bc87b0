/**
 * Matching an extracted indicator name ("Thu hút vốn đầu tư trực tiếp nước ngoài") to the
 * catalog ("Vốn đầu tư trực tiếp nước ngoài thu hút"). Resolutions name the same thing in many
 * word orders, so the proposal compares folded content words; the import itself only accepts an
 * exact match ignoring diacritics, because a person has already confirmed the proposal.
 */
import { wordSimilarity } from '../../../domain/documents';
import { foldVietnamese } from '../../../domain/vn-text';

export type CatalogIndicator = { id: number; name: string; unit: string };
/** The catalog row that matched (as the catalog gave it: the answer sends the whole indicator), with its score. */
export type IndicatorMatch<T extends CatalogIndicator = CatalogIndicator> = T & { score: number; isExact: boolean };

/** Below this Dice score two names share too few words to be the same indicator. */
const MIN_SCORE = 0.5;

/** "tỉ" and "tỷ" are one word spelled two ways; folded they differ ("ti", "ty"). */
function unifySpelling(text: string): string {
  return text.normalize('NFC').replace(/(?<![\p{L}])([tT])([ỉỈ])(?![\p{L}])/gu, (_, t: string, i: string) => `${t}${i === 'ỉ' ? 'ỷ' : 'Ỷ'}`);
}

/** The comparison key of a name: folded, spelling unified, punctuation and spaces collapsed. */
export function indicatorKey(name: string): string {
  return foldVietnamese(unifySpelling(name))
    .replace(/[^a-z0-9%]+/g, ' ')
    .trim();
}

/**
 * The catalog indicator an extracted name most likely means, or null when none shares enough
 * words. An exact match ignoring diacritics scores 1; otherwise the Dice score of content words,
 * lowered a little when both sides state a unit and the units differ.
 */
export function matchIndicator<T extends CatalogIndicator>(name: string, unit: string, catalog: readonly T[]): IndicatorMatch<T> | null {
  const key = indicatorKey(name);
  if (key === '') return null;
  let best: IndicatorMatch<T> | null = null;
  for (const c of catalog) {
    if (indicatorKey(c.name) === key) return { ...c, score: 1, isExact: true };
    let score = wordSimilarity(unifySpelling(name), unifySpelling(c.name));
    if (unit.trim() !== '' && c.unit.trim() !== '' && indicatorKey(unit) !== indicatorKey(c.unit)) score *= 0.8;
    if (score >= MIN_SCORE && (best === null || score > best.score)) best = { ...c, score, isExact: false };
  }
  return best;
}

/** The catalog indicator with exactly this name ignoring diacritics, if any. */
export function findIndicatorByName<T extends CatalogIndicator>(name: string, catalog: readonly T[]): T | undefined {
  const key = indicatorKey(name);
  return key === '' ? undefined : catalog.find((c) => indicatorKey(c.name) === key);
}

/**
 * A catalog code for a new indicator from its name: "Số hợp tác xã" → "SO_HOP_TAC_XA", cut to
 * fit the 40 characters the catalog allows, with a numeric suffix when the code is taken.
 */
export function indicatorCodeFor(name: string, taken: ReadonlySet<string>): string {
  const base = indicatorKey(name).replace(/%/g, ' ').trim().toUpperCase().replace(/\s+/g, '_').slice(0, 34).replace(/_+$/, '') || 'CHI_SO';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const code = `${base}_${n}`;
    if (!taken.has(code)) return code;
  }
}
