/**
 * Document numbering restarts per issuing body, kind and term (Hướng dẫn 36-HD/VPTW): the first
 * resolution of a new term is "01-NQ/…" again. The counter's key is these three, and nothing
 * else: two documents with the same key never share a number.
 */
import type { DocumentKind } from '../documents/document-kinds';

export type CounterKey = { orgId: number; kind: DocumentKind; term: string };

/** A stable text form of a counter key, for maps and logs: "12/resolution/2025-2030". */
export function counterKeyText(key: CounterKey): string {
  return `${key.orgId}/${key.kind}/${key.term}`;
}

/**
 * Numbers given so far, checked: returns the keys where a number was given twice (should be
 * empty). Used by tests and by the demo check; the database enforces the same with its counter.
 */
export function duplicateNumbers(docs: readonly (CounterKey & { number: number })[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const d of docs) {
    const k = `${counterKeyText(d)}#${d.number}`;
    if (seen.has(k)) dup.add(k);
    seen.add(k);
  }
  return [...dup];
}
