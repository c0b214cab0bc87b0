/**
 * The content of a document is a tree of items ordered by `position` among siblings. These
 * functions build the tree from flat rows, number it as Party documents do (parts in Roman
 * numerals, sections and items in Arabic, sub-items with letters) and compute new positions
 * when items are moved, without touching the database.
 */
import type { ItemKind } from './document-kinds';

export type FlatItem = { id: number; parentItemId: number | null; position: number; kind: ItemKind };
export type ItemNode<T extends FlatItem> = T & { children: ItemNode<T>[]; depth: number; outline: string };

const ROMAN: ReadonlyArray<readonly [number, string]> = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

/** 1 → "I", 14 → "XIV". Throws RangeError outside 1..3999. */
export function toRoman(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 3999) throw new RangeError(`Không viết được số La Mã cho ${n}`);
  let rest = n;
  let out = '';
  for (const [value, letters] of ROMAN) {
    while (rest >= value) {
      out += letters;
      rest -= value;
    }
  }
  return out;
}

/** 1 → "a", 27 → "aa": sub-items as documents letter them (a, b, c…; đ is skipped as in print). */
export function toLetter(n: number): string {
  const letters = 'abcdeghiklmnopqrstuvxy';
  let out = '';
  let rest = n;
  while (rest > 0) {
    rest -= 1;
    out = letters[rest % letters.length] + out;
    rest = Math.floor(rest / letters.length);
  }
  return out;
}

/**
 * Builds the tree: roots are items without a parent (or whose parent is missing), siblings
 * sorted by position then id. Each node gets its depth and outline label: "I." for parts,
 * "1." for the first numbered level, "1.1." below, "a)" below that. Paragraphs are not numbered.
 */
export function buildItemTree<T extends FlatItem>(items: readonly T[]): ItemNode<T>[] {
  const ids = new Set(items.map((i) => i.id));
  const byParent = new Map<number | null, T[]>();
  for (const item of items) {
    const key = item.parentItemId !== null && ids.has(item.parentItemId) ? item.parentItemId : null;
    const list = byParent.get(key) ?? [];
    list.push(item);
    byParent.set(key, list);
  }
  const visit = (parent: number | null, depth: number, prefix: string, seen: Set<number>): ItemNode<T>[] => {
    const siblings = [...(byParent.get(parent) ?? [])].sort((a, b) => a.position - b.position || a.id - b.id);
    let counter = 0;
    return siblings
      .filter((s) => !seen.has(s.id))
      .map((item) => {
        seen.add(item.id);
        let outline = '';
        if (item.kind !== 'paragraph') {
          counter += 1;
          if (item.kind === 'part') outline = `${toRoman(counter)}.`;
          else if (prefix === '') outline = `${counter}.`;
          else if (/^\d+\.$/.test(prefix)) outline = `${prefix}${counter}.`;
          else outline = `${toLetter(counter)})`;
        }
        const childPrefix = item.kind === 'part' || outline === '' ? '' : outline;
        return { ...item, depth, outline, children: visit(item.id, depth + 1, childPrefix, seen) };
      });
  };
  return visit(null, 0, '', new Set());
}

/** The tree flattened in reading order (depth first). */
export function flattenTree<T extends FlatItem>(nodes: readonly ItemNode<T>[]): ItemNode<T>[] {
  const out: ItemNode<T>[] = [];
  const walk = (list: readonly ItemNode<T>[]) => {
    for (const n of list) {
      out.push(n);
      walk(n.children);
    }
  };
  walk(nodes);
  return out;
}

/**
 * True when making `newParentId` the parent of `itemId` would put the item inside itself.
 */
export function wouldCreateCycle(
  items: readonly Pick<FlatItem, 'id' | 'parentItemId'>[],
  itemId: number,
  newParentId: number | null,
): boolean {
  const parentOf = new Map(items.map((i) => [i.id, i.parentItemId]));
  let cursor: number | null = newParentId;
  const guard = new Set<number>();
  while (cursor !== null) {
    if (cursor === itemId) return true;
    if (guard.has(cursor)) return true;
    guard.add(cursor);
    cursor = parentOf.get(cursor) ?? null;
  }
  return false;
}

/**
 * The sibling order after moving `itemId` to index `toIndex` among `siblingIds` (the ids of
 * the new parent's children in their current order, with or without the item). Returns the
 * new order; positions are then 1..n. An index past the end appends.
 */
export function reorderSiblings(siblingIds: readonly number[], itemId: number, toIndex: number): number[] {
  const rest = siblingIds.filter((id) => id !== itemId);
  const at = Math.max(0, Math.min(toIndex, rest.length));
  return [...rest.slice(0, at), itemId, ...rest.slice(at)];
}
