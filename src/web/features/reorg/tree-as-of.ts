/** Builds the nested tree of "cơ cấu tổ chức tại ngày …" from the API's flat, ordered list. */
import type { TreeAsOfOrg } from './reorg.api';

export type AsOfNode = { org: TreeAsOfOrg; children: AsOfNode[] };

/**
 * Nests the orgs by parent; an org whose parent is not in the list (the root of the caller's
 * scope) is a root. Keeps the API's order (level, then Vietnamese name).
 */
export function nestTreeAsOf(orgs: readonly TreeAsOfOrg[]): AsOfNode[] {
  const nodes = new Map(orgs.map((o) => [o.id, { org: o, children: [] as AsOfNode[] }]));
  const roots: AsOfNode[] = [];
  for (const o of orgs) {
    const node = nodes.get(o.id)!;
    const parent = o.parentId === null ? undefined : nodes.get(o.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** The total members of the day: the sum over the roots' subtrees. */
export function totalMembers(roots: readonly AsOfNode[]): number {
  return roots.reduce((s, r) => s + r.org.subtreeMembers, 0);
}
