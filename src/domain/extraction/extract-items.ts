/**
 * From text to structure: the one entry point the server, the CLI and the web call.
 */
import { findListEntries } from './lists';
import { findMilestones } from './milestones';
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
  for (const span of table.spans) prose = prose.slice(0, span.start) + ' '.repeat(span.end - span.start) + prose.slice(span.end);
  const items: ExtractedItem[] = [...table.items, ...extractTargets(text, prose), ...extractReferenceTargets(text, prose)];

  for (const entry of findListEntries(prose)) {
    const slice = text.slice(entry.start, entry.end);
    items.push({
      kind: entry.kind,
      indicator: clipName(slice),
      comparator: null,
      value: null,
      valueMin: null,
      valueMax: null,
      unit: '',
      byYear: null,
      perYear: false,
      reference: null,
      achieved: null,
      start: entry.start,
      end: entry.end,
      text: slice,
    });
  }

  for (const m of findMilestones(prose)) {
    const slice = text.slice(m.start, m.end);
    items.push({
      kind: 'milestone',
      indicator: clipName(slice),
      comparator: null,
      value: null,
      valueMin: null,
      valueMax: null,
      unit: '',
      byYear: m.year,
      perYear: false,
      reference: null,
      achieved: null,
      start: m.start,
      end: m.end,
      text: slice,
    });
  }
  return items.sort((a, b) => a.start - b.start || a.end - b.end);
}
