/**
 * Types of the text-to-structure extraction. Self-contained on purpose: the shared target
 * types will move to their own module later and this file must not depend on them.
 */

/** How a target's value is read: a bound, a range, a change, or a plain value. */
export type TargetComparator =
  '=' | '>' | '>=' | '<' | '<=' | 'range' | 'approx' | 'increase_by' | 'decrease_by' | 'reduce_to' | 'increase_to';

/** What a proposed item becomes once a person accepts it (see the glossary). */
export type ExtractedItemKind = 'target' | 'task' | 'breakthrough' | 'milestone';

/**
 * One item proposed from a pasted resolution. Offsets are UTF-16 indices into the text after
 * NFC normalization (`text.normalize('NFC')`), which is what `extractItems` works on.
 */
export type ExtractedItem = {
  kind: ExtractedItemKind;
  /** Short Vietnamese name of what is measured (targets) or the item's own words. */
  indicator: string;
  /** Null for tasks, breakthroughs and milestones. */
  comparator: TargetComparator | null;
  /** A single value or a bound; null for a range. */
  value: number | null;
  valueMin: number | null;
  valueMax: number | null;
  /** As written, with spelling normalized (`tỉ` → `tỷ`, `ngàn` → `nghìn`); '' when none. */
  unit: string;
  byYear: number | null;
  /** True for a yearly rate or amount (`bình quân`, `mỗi năm`, `hằng năm`, `/năm`). */
  perYear: boolean;
  /** What a target with no number is measured against ("mức bình quân của vùng"); else null. */
  reference: string | null;
  /** In a report's "achieved/planned" pair ("12.500/10.000 tỷ đồng"), the achieved figure. */
  achieved: number | null;
  /** The `start` of the item this one sits under in a numbered section; null at the top. */
  parentStart: number | null;
  start: number;
  end: number;
  /** The source slice `[start, end)` of the normalized text. */
  text: string;
};
