import { termContaining, type DatedTerm } from '../../../domain/terms/term-label';

/**
 * The term a new document of an org belongs to by default: the org's recorded term that holds
 * `today` (a term ends at its next congress, not on a fixed date), else the five-year term of
 * the calendar (congresses are held in the years ending in 0 and 5). `today` is ISO, Vietnam's.
 */
export function defaultTerm(orgTerms: readonly DatedTerm[], today: string): string {
  const recorded = termContaining(orgTerms, today);
  if (recorded) return recorded.label;
  const year = Number(today.slice(0, 4));
  const start = year - (year % 5);
  return `${start}-${start + 5}`;
}
