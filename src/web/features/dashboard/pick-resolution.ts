import { vnToday } from '../../../domain/vn-time';

type Candidate = { id: number; orgPath: string; term: string; status: string };

/**
 * The resolution whose dashboard a leader opens first: an adopted resolution issued by the
 * leader's org or the nearest org above it, of the current term when that org has one (else
 * its latest term). Null when none is readable.
 */
export function pickResolution<T extends Candidate>(docs: readonly T[], orgPath: string, today = vnToday()): T | null {
  const year = Number(today.slice(0, 4));
  const above = docs.filter((d) => d.status === 'adopted' && (orgPath === d.orgPath || orgPath.startsWith(`${d.orgPath}.`)));
  const isCurrent = (term: string) => {
    const [from, to] = term.split('-').map(Number);
    return from !== undefined && to !== undefined && from <= year && year <= to;
  };
  // The nearest issuer first (a city leader follows the province's resolution before the
  // centre's), then its current term, then its latest.
  const rank = (d: T) => [d.orgPath.split('.').length, isCurrent(d.term) ? 1 : 0, d.term] as const;
  return (
    [...above].sort((a, b) => {
      const [da, ca, ta] = rank(a);
      const [db, cb, tb] = rank(b);
      return db - da || cb - ca || tb.localeCompare(ta) || b.id - a.id;
    })[0] ?? null
  );
}
