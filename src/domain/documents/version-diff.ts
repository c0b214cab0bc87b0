/**
 * What changed between two versions of a document, item by item. Items keep a stable key
 * across versions (an amendment copies them), so an item edited in the new version is
 * "changed", not "removed and added".
 */
export type VersionedItem = {
  stableKey: string;
  parentKey: string | null;
  position: number;
  kind: string;
  text: string;
  statement: string | null;
};

export type ItemChange =
  | { type: 'added'; key: string; after: VersionedItem }
  | { type: 'removed'; key: string; before: VersionedItem }
  | { type: 'changed'; key: string; fields: ('kind' | 'text' | 'statement' | 'place')[]; before: VersionedItem; after: VersionedItem };

/** The changes from `before` to `after`, in the order of the new version then the removed ones. */
export function diffVersions(before: readonly VersionedItem[], after: readonly VersionedItem[]): ItemChange[] {
  const old = new Map(before.map((i) => [i.stableKey, i]));
  const seen = new Set<string>();
  const changes: ItemChange[] = [];
  for (const a of after) {
    seen.add(a.stableKey);
    const b = old.get(a.stableKey);
    if (!b) {
      changes.push({ type: 'added', key: a.stableKey, after: a });
      continue;
    }
    const fields: ('kind' | 'text' | 'statement' | 'place')[] = [];
    if (a.kind !== b.kind) fields.push('kind');
    if (a.text !== b.text) fields.push('text');
    if ((a.statement ?? '') !== (b.statement ?? '')) fields.push('statement');
    // Only a new parent counts as a move: inserting a sibling shifts positions without moving anything.
    if (a.parentKey !== b.parentKey) fields.push('place');
    if (fields.length > 0) changes.push({ type: 'changed', key: a.stableKey, fields, before: b, after: a });
  }
  for (const b of before) if (!seen.has(b.stableKey)) changes.push({ type: 'removed', key: b.stableKey, before: b });
  return changes;
}
