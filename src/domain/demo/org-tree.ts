import type { OrgKind } from '../orgs/org-kinds';

/** The part of an org the tree helpers need, so they serve demo data and loaded rows alike. */
export type TreeOrg = { code: string; parentCode: string | null; kind: OrgKind; members?: number };

/** Returns the orgs keyed by code; throws on a duplicate code. */
export function indexByCode<T extends TreeOrg>(orgs: readonly T[]): Map<string, T> {
  const byCode = new Map<string, T>();
  for (const org of orgs) {
    if (byCode.has(org.code)) throw new Error(`duplicate org code ${org.code}`);
    byCode.set(org.code, org);
  }
  return byCode;
}

/** Returns the codes of `rootCode` and all its descendants, root first (breadth-first). */
export function subtreeCodes(orgs: readonly TreeOrg[], rootCode: string): string[] {
  const children = new Map<string, string[]>();
  for (const org of orgs) {
    if (org.parentCode === null) continue;
    const list = children.get(org.parentCode) ?? [];
    list.push(org.code);
    children.set(org.parentCode, list);
  }
  const codes = [rootCode];
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    if (code !== undefined) codes.push(...(children.get(code) ?? []));
  }
  return codes;
}

/** Returns the number of members held by `rootCode` and everything under it. */
export function subtreeMemberCount(orgs: readonly TreeOrg[], rootCode: string): number {
  const byCode = indexByCode(orgs);
  return subtreeCodes(orgs, rootCode).reduce((sum, code) => sum + (byCode.get(code)?.members ?? 0), 0);
}

/**
 * Returns the code of the province committee `code` belongs to (itself included), or null when
 * it sits outside any province (the central committee). Throws when the chain of parents
 * breaks or loops.
 */
export function provinceCodeOf(byCode: ReadonlyMap<string, TreeOrg>, code: string): string | null {
  const seen = new Set<string>();
  let current = byCode.get(code);
  while (current !== undefined) {
    if (seen.has(current.code)) throw new Error(`org tree has a cycle through ${current.code}`);
    seen.add(current.code);
    if (current.kind === 'province_committee') return current.code;
    if (current.parentCode === null) return null;
    const parent = byCode.get(current.parentCode);
    if (parent === undefined) throw new Error(`org ${current.code} has unknown parent ${current.parentCode}`);
    current = parent;
  }
  throw new Error(`unknown org ${code}`);
}
