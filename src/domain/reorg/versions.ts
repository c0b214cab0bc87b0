/**
 * The dated tree as pure data, mirroring the `org_versions` table: one stretch per org and
 * period [validFrom, validTo) with its parent. The SQL answers the same questions with the same
 * rules; these functions state them where a property test can hold them to it.
 */
export type OrgVersion = { orgId: number; parentId: number | null; validFrom: string; validTo: string | null };
export type OwnValue = { orgId: number; value: number | null; numerator: number | null; denominator: number | null };

const holds = (v: OrgVersion, day: string) => v.validFrom <= day && (v.validTo === null || v.validTo > day);

/** The parent of every org alive on `day`. */
export function treeAsOf(versions: readonly OrgVersion[], day: string): Map<number, number | null> {
  const out = new Map<number, number | null>();
  for (const v of versions) if (holds(v, day)) out.set(v.orgId, v.parentId);
  return out;
}

/**
 * Re-parents `orgIds` from `day` on (closing their open stretch the day before, as the trigger
 * on orgs does) and closes `closedIds` on `day`. Returns new versions; the input is untouched.
 */
export function applyChange(
  versions: readonly OrgVersion[],
  day: string,
  reparent: ReadonlyMap<number, number | null>,
  closedIds: ReadonlySet<number> = new Set(),
): OrgVersion[] {
  const out: OrgVersion[] = [];
  for (const v of versions) {
    const open = v.validTo === null || v.validTo > day;
    const touched = reparent.has(v.orgId) || closedIds.has(v.orgId);
    if (!touched || !open || v.validFrom > day) {
      out.push({ ...v });
      continue;
    }
    if (v.validFrom < day) out.push({ ...v, validTo: day });
    const parentId = reparent.has(v.orgId) ? reparent.get(v.orgId)! : v.parentId;
    out.push({ orgId: v.orgId, parentId, validFrom: day, validTo: closedIds.has(v.orgId) ? day : v.validTo });
  }
  // A stretch that opens and closes on the same day did not exist.
  return out.filter((v) => v.validTo === null || v.validTo > v.validFrom);
}

/**
 * Every org's subtree total of absolute values on the tree of `day` (the org and all orgs whose
 * parent chain on that day reaches it), and of rate parts.
 */
export function subtreeTotalsAsOf(versions: readonly OrgVersion[], day: string, values: readonly OwnValue[]) {
  const tree = treeAsOf(versions, day);
  const totals = new Map<number, { value: number; numerator: number; denominator: number }>();
  for (const id of tree.keys()) totals.set(id, { value: 0, numerator: 0, denominator: 0 });
  for (const v of values) {
    let at: number | null | undefined = tree.has(v.orgId) ? v.orgId : undefined;
    const seen = new Set<number>();
    while (at !== undefined && at !== null && !seen.has(at)) {
      seen.add(at);
      const t = totals.get(at)!;
      t.value += v.value ?? 0;
      t.numerator += v.numerator ?? 0;
      t.denominator += v.denominator ?? 0;
      at = tree.get(at);
    }
  }
  return totals;
}

/** The day before an ISO date. */
export function dayBefore(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
