import { describe, expect, it } from 'vitest';
import { nestTreeAsOf, totalMembers } from './tree-as-of';

const org = (id: number, parentId: number | null, members: number, subtreeMembers: number, depth = 0) => ({
  id,
  parentId,
  name: `Org ${id}`,
  kind: 'cell',
  depth,
  members,
  subtreeMembers,
});

describe('nestTreeAsOf', () => {
  it('nests orgs under their parents and keeps the order given', () => {
    const roots = nestTreeAsOf([org(2, 1, 0, 30), org(3, 2, 10, 10, 1), org(4, 2, 20, 20, 1)]);
    expect(roots.map((r) => r.org.id)).toEqual([2]);
    expect(roots[0]!.children.map((c) => c.org.id)).toEqual([3, 4]);
  });

  it('makes an org whose parent is outside the list a root (the top of a manager’s scope)', () => {
    const roots = nestTreeAsOf([org(7, 5, 1, 1), org(8, 6, 2, 2)]);
    expect(roots.map((r) => r.org.id)).toEqual([7, 8]);
  });

  it('counts the day’s members once per root subtree, not once per level', () => {
    const roots = nestTreeAsOf([org(2, null, 0, 30), org(3, 2, 10, 10, 1), org(4, 2, 20, 20, 1), org(9, null, 5, 5)]);
    expect(totalMembers(roots)).toBe(35);
  });

  it('answers an empty tree for a day before any org existed', () => {
    expect(nestTreeAsOf([])).toEqual([]);
    expect(totalMembers([])).toBe(0);
  });
});
