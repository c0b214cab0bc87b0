import { describe, expect, it } from 'vitest';
import { buildTree, dropParentId, isSelfOrDescendant, withChildren } from './tree-helpers';

const org = (id: number, childCount = 0) => ({ id, childCount });

describe('buildTree', () => {
  it('nests loaded levels and leaves unloaded ones expandable', () => {
    let map = withChildren(new Map(), 'root', [org(1, 2)]);
    expect(buildTree(map)[0]).toMatchObject({ key: 1, isLeaf: false, children: undefined });
    map = withChildren(map, 1, [org(2), org(3, 1)]);
    const tree = buildTree(map);
    expect(tree[0]?.children?.map((c) => [c.key, c.isLeaf])).toEqual([
      [2, true],
      [3, false],
    ]);
  });

  it('returns nothing for an unknown parent', () => {
    expect(buildTree(new Map(), 5)).toEqual([]);
  });
});

describe('dropParentId', () => {
  it('drops into the target or beside it', () => {
    expect(dropParentId({ id: 7, parentId: 3 }, false)).toBe(7);
    expect(dropParentId({ id: 7, parentId: 3 }, true)).toBe(3);
    expect(dropParentId({ id: 7, parentId: null }, true)).toBeNull();
  });
});

describe('isSelfOrDescendant', () => {
  it('compares whole path labels', () => {
    expect(isSelfOrDescendant('1.2', '1.2')).toBe(true);
    expect(isSelfOrDescendant('1.2', '1.2.5')).toBe(true);
    expect(isSelfOrDescendant('1.2', '1.23')).toBe(false);
  });
});
