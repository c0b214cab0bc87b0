/** Scoring of the indicator matcher against the labelled set (match-cases.ts). */
import { matchIndicator } from '../indicator-match';
import type { MatchCase, MatchCatalogEntry } from './match-cases';

export type MatchScore = { cases: number; right: number; misses: Array<MatchCase & { got: string | null; score: number | null }> };

/** A case is right when the best match is the expected indicator, or nothing when none is expected. */
export function scoreMatching(cases: readonly MatchCase[], catalog: readonly MatchCatalogEntry[]): MatchScore {
  const result: MatchScore = { cases: cases.length, right: 0, misses: [] };
  const codeOf = new Map(catalog.map((c) => [c.id, c.code]));
  for (const c of cases) {
    const match = matchIndicator(c.name, c.unit, catalog);
    const got = match ? (codeOf.get(match.id) ?? null) : null;
    if (got === c.expected) result.right++;
    else result.misses.push({ ...c, got, score: match?.score ?? null });
  }
  return result;
}

export function formatMatchScore(label: string, s: MatchScore): string {
  return `indicator matching (${label}): ${s.right}/${s.cases} right (${((100 * s.right) / Math.max(1, s.cases)).toFixed(1)}%)`;
}
