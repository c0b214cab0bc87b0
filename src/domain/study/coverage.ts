/**
 * Coverage of a document: the share of members who have studied it. Kept as its parts
 * (studied, members) so subtrees add up correctly; the percent is only for display.
 */
export type CoverageParts = { studied: number; members: number };

/** Percent with one decimal; 0 for an org without members. Never above 100. */
export function coveragePercent(p: CoverageParts): number {
  if (p.members <= 0) return 0;
  return Math.min(100, Math.round((p.studied / p.members) * 1000) / 10);
}

/** Adds parts up: a subtree's coverage is the sum of its orgs' parts, never an average of percents. */
export function sumCoverage(parts: readonly CoverageParts[]): CoverageParts {
  let studied = 0;
  let members = 0;
  for (const p of parts) {
    studied += p.studied;
    members += p.members;
  }
  return { studied, members };
}

/** Members still to reach. */
export function notYetStudied(p: CoverageParts): number {
  return Math.max(0, p.members - p.studied);
}

/**
 * Rolls per-org parts up a tree given as (id, parentId) pairs: each org's total is its own
 * plus its descendants'. Returns a map id → total parts.
 */
export function rollUpCoverage(
  orgs: readonly { id: number; parentId: number | null }[],
  own: ReadonlyMap<number, CoverageParts>,
): Map<number, CoverageParts> {
  const children = new Map<number, number[]>();
  for (const o of orgs) {
    if (o.parentId === null) continue;
    const list = children.get(o.parentId) ?? [];
    list.push(o.id);
    children.set(o.parentId, list);
  }
  const total = new Map<number, CoverageParts>();
  const visit = (id: number): CoverageParts => {
    const done = total.get(id);
    if (done) return done;
    const parts = [own.get(id) ?? { studied: 0, members: 0 }, ...(children.get(id) ?? []).map(visit)];
    const sum = sumCoverage(parts);
    total.set(id, sum);
    return sum;
  };
  for (const o of orgs) visit(o.id);
  return total;
}
