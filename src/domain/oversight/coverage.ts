/**
 * "100% tổ chức đảng được kiểm tra, giám sát": the share of party organizations that had at
 * least one inspection or supervision in a period, kept as its parts.
 */
export type OversightCoverage = { covered: number; orgs: number };

/** Percent with one decimal; 0 when there are no orgs. */
export function oversightPercent(c: OversightCoverage): number {
  if (c.orgs <= 0) return 0;
  return Math.min(100, Math.round((c.covered / c.orgs) * 1000) / 10);
}

/** The years of a five-year term holding `year` (terms start 2020, 2025, …) as [first, last]. */
export function termYearsOf(year: number): [number, number] {
  const start = 2020 + Math.floor((year - 2020) / 5) * 5;
  return [start, start + 5];
}
