/** Pure helpers for lazily loaded org trees: children are kept per parent and assembled on render. */

export type ChildrenMap<T> = ReadonlyMap<number | 'root', readonly T[]>;

/** A new map with `children` recorded for `parent`. */
export function withChildren<T>(map: ChildrenMap<T>, parent: number | 'root', children: readonly T[]): Map<number | 'root', readonly T[]> {
  const next = new Map(map);
  next.set(parent, children);
  return next;
}

export type BuiltNode<T> = { key: number; item: T; children?: BuiltNode<T>[]; isLeaf: boolean };

/**
 * Nested nodes from the loaded levels. A node whose children are not loaded yet has no
 * `children`, so the tree shows an expander and asks for them on expand.
 */
export function buildTree<T extends { id: number; childCount: number }>(
  map: ChildrenMap<T>,
  parent: number | 'root' = 'root',
): BuiltNode<T>[] {
  const items = map.get(parent) ?? [];
  return items.map((item) => {
    const loaded = map.get(item.id);
    return {
      key: item.id,
      item,
      isLeaf: item.childCount === 0 && (loaded === undefined || loaded.length === 0),
      children: loaded ? buildTree(map, item.id) : undefined,
    };
  });
}

/** The parent under which a drop lands: into the target, or beside it (into its parent). */
export function dropParentId(target: { id: number; parentId: number | null }, dropToGap: boolean): number | null {
  return dropToGap ? target.parentId : target.id;
}

/** True when `candidate` is `org` itself or lies below it: an org cannot move under itself. */
export function isSelfOrDescendant(orgPath: string, candidatePath: string): boolean {
  return candidatePath === orgPath || candidatePath.startsWith(`${orgPath}.`);
}
