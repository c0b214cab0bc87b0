/**
 * Suggests the item of a higher document that a lower item most likely concretizes: the same
 * indicator weighs most, then shared words compared without diacritics, then the same kind.
 */
import { contentWords } from './vn-fold';
import type { ItemKind } from './document-kinds';

export type SuggestionCandidate = { id: number; kind: ItemKind; text: string; indicatorId: number | null };
export type LinkSuggestion = { id: number; score: number; reasons: ('indicator' | 'words' | 'kind')[] };

/** Dice coefficient of the two texts' folded content words (0..1). */
export function wordSimilarity(a: string, b: string): number {
  const wa = new Set(contentWords(a));
  const wb = new Set(contentWords(b));
  if (wa.size === 0 || wb.size === 0) return 0;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared += 1;
  return (2 * shared) / (wa.size + wb.size);
}

const KIND_FAMILY: Partial<Record<ItemKind, string>> = {
  target: 't',
  task: 'w',
  solution: 'w',
  breakthrough: 'w',
  objective: 'o',
  milestone: 'o',
};

/**
 * Ranks candidates for `item`, best first, keeping those scoring at least `minScore` (0.15 by
 * default) and at most `limit`. Score: 0.6 for the same indicator, up to 0.5 for shared words,
 * 0.1 for a kind of the same family (targets with targets, tasks with tasks and solutions).
 */
export function suggestParents(
  item: Omit<SuggestionCandidate, 'id'>,
  candidates: readonly SuggestionCandidate[],
  opts: { limit?: number; minScore?: number } = {},
): LinkSuggestion[] {
  const limit = opts.limit ?? 5;
  const minScore = opts.minScore ?? 0.15;
  const out: LinkSuggestion[] = [];
  for (const c of candidates) {
    const reasons: LinkSuggestion['reasons'] = [];
    let score = 0;
    if (item.indicatorId !== null && item.indicatorId === c.indicatorId) {
      score += 0.6;
      reasons.push('indicator');
    }
    const words = wordSimilarity(item.text, c.text);
    if (words > 0) {
      score += 0.5 * words;
      if (words >= 0.2) reasons.push('words');
    }
    const family = KIND_FAMILY[item.kind];
    if (family !== undefined && family === KIND_FAMILY[c.kind]) {
      score += 0.1;
      reasons.push('kind');
    }
    if (score >= minScore) out.push({ id: c.id, score: Math.round(score * 1000) / 1000, reasons });
  }
  return out.sort((a, b) => b.score - a.score || a.id - b.id).slice(0, limit);
}
