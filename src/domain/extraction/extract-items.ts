/**
 * From text to structure: the one entry point the server, the CLI and the web call.
 */
import { findListEntries } from './lists';
import { findMilestones } from './milestones';
import { findSectionEntries, type SectionEntry } from './sections';
import { extractReferenceTargets } from './references';
import { extractTableRows } from './table-rows';
import { extractTargets } from './targets';
import { lowerSameLength, normalizeText, squash } from './text';
import type { ExtractedItem } from './types';

const MAX_NAME = 200;

function clipName(text: string): string {
  const s = squash(text);
  if (s.length <= MAX_NAME) return s;
  const cut = s.slice(0, MAX_NAME);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 80))}…`;
}

/**
 * Reads a pasted resolution and proposes its targets, tasks, breakthroughs and milestones,
 * ordered by position. The input is normalized to NFC first (see `normalizeText`); every
 * `start`/`end` is an offset into that normalized text and `text` is its slice. Pure and
 * total: never throws, returns [] for text with nothing to propose.
 */
export function extractItems(input: string): ExtractedItem[] {
  const text = normalizeText(input);
  const lower = lowerSameLength(text);
  // Table rows are read cell by cell; the prose reader sees them as blank lines of the same
  // length, so every offset stays valid.
  const table = extractTableRows(text);
  let prose = lower;
  if (table.spans.length > 0) {
    const parts: string[] = [];
    let at = 0;
    for (const span of table.spans) {
      parts.push(lower.slice(at, span.start), ' '.repeat(span.end - span.start));
      at = span.end;
    }
    parts.push(lower.slice(at));
    prose = parts.join('');
  }
  const items: ExtractedItem[] = [...table.items, ...extractTargets(text, prose), ...extractReferenceTargets(text, prose)];

  // Numbered sections first: their entries keep their nesting; a list or milestone the
  // older readers find at the same place is the same item.
  const sections = findSectionEntries(text, prose);
  // Entries are whole lines in text order, so they never overlap: the one that can hold or
  // touch a span is the last one starting before its end (a scan of all would be quadratic).
  const lastStartingBefore = (pos: number): SectionEntry | undefined => {
    let lo = 0;
    let hi = sections.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sections[mid]!.start < pos) lo = mid + 1;
      else hi = mid;
    }
    return sections[lo - 1];
  };
  const isInSection = (start: number, end: number) => {
    const s = lastStartingBefore(end);
    return s !== undefined && start < s.end;
  };
  for (const entry of sections) items.push(plainItem(text, entry.kind, entry, entry.year, entry.parentStart));
  // A target written inside a task or breakthrough sits under it.
  for (const item of items) {
    if (item.kind !== 'target') continue;
    const owner = lastStartingBefore(item.start + 1);
    if (owner && item.end <= owner.end) item.parentStart = owner.start;
  }

  for (const entry of findListEntries(prose)) {
    if (!isInSection(entry.start, entry.end)) items.push(plainItem(text, entry.kind, entry, null, null));
  }
  for (const m of findMilestones(prose)) {
    if (!isInSection(m.start, m.end)) items.push(plainItem(text, 'milestone', m, m.year, null));
  }
  return items.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** An item with words but no figure (a task, a breakthrough, a milestone): named by its own text. */
function plainItem(
  text: string,
  kind: ExtractedItem['kind'],
  span: { start: number; end: number },
  byYear: number | null,
  parentStart: number | null,
): ExtractedItem {
  const slice = text.slice(span.start, span.end);
  return {
    kind,
    indicator: clipName(slice),
    comparator: null,
    value: null,
    valueMin: null,
    valueMax: null,
    unit: '',
    byYear,
    perYear: false,
    reference: null,
    achieved: null,
    parentStart,
    start: span.start,
    end: span.end,
    text: slice,
  };
}
