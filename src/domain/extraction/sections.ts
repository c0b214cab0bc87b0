/**
 * Numbered sections of a program: "III. NHIỆM VỤ TRỌNG TÂM" / "1. …" / "a) …" and
 * "IV. KHÂU ĐỘT PHÁ" / "1. …". The heading names the kind of the entries under it; entries
 * nest as the numbering does (1. → a) → bullets), and a heading's own sub-heading ("2. Các
 * đột phá chiến lược") can change the kind for its entries.
 */
import type { ExtractedItemKind } from './types';

/** One entry of a numbered section, with its parent entry's start (null at the top). */
export type SectionEntry = {
  kind: ExtractedItemKind;
  start: number;
  end: number;
  level: number;
  parentStart: number | null;
  year: number | null;
};

// Heading and entry markers, by level: I. (1), 1. or 1) (2), a) or a. (3), -, +, • (4).
const MARKER = /^[ \t]*(?:([IVXLC]{1,5})[.)]|(\d{1,2})[.)](?!\d)|([a-zđ])[).]|([-+•*–]))[ \t]+(?=\S)/u;

/** The kind a heading's words name, or null when they name none (a heading like "I. QUAN ĐIỂM"). */
export function kindOfHeading(lowerTitle: string): ExtractedItemKind | null {
  if (/đột phá/u.test(lowerTitle)) return 'breakthrough';
  if (/tầm nhìn/u.test(lowerTitle)) return 'milestone';
  if (/nhiệm vụ(?:,| và)? (?:giải pháp )?(?:trọng tâm|chủ yếu|trọng yếu|then chốt)|nhiệm vụ, giải pháp|các nhiệm vụ/u.test(lowerTitle))
    return 'task';
  if (/mục tiêu cụ thể|chỉ tiêu/u.test(lowerTitle)) return 'target';
  return null;
}

const DUE = /(?<![\p{L}])(?:đến|tới|vào|trước|trong)\s+(?:hết\s+|cuối\s+)?(?:năm\s+)?((?:20|21)\d\d)(?!\d)/u;

/** The due or vision year an entry names ("trước năm 2026", "đến năm 2030"), or null. */
export function entryYear(lower: string): number | null {
  const m = DUE.exec(lower);
  return m ? Number(m[1]) : null;
}

function isHeadingLike(lowerLine: string, rest: string): boolean {
  // A heading is short and has no sentence end; capitals ("NHIỆM VỤ TRỌNG TÂM") are typical.
  return rest.length <= 120 && !/[.;]\s*\S/u.test(rest);
}

/**
 * Entries of numbered sections whose heading names a kind (tasks, breakthroughs, milestones),
 * in text order. Targets under "mục tiêu cụ thể" are left to the target reader. `lower` is the
 * lower-cased NFC text. Never throws.
 */
export function findSectionEntries(text: string, lower: string): SectionEntry[] {
  const entries: SectionEntry[] = [];
  // The kind in force at each level, and the open entry at each level.
  let sectionKind: ExtractedItemKind | null = null;
  const kindAt: Array<ExtractedItemKind | null> = [null, null, null, null, null];
  const openAt: Array<SectionEntry | null> = [null, null, null, null, null];
  let pos = 0;
  while (pos < lower.length) {
    const nl = lower.indexOf('\n', pos);
    const lineEnd = nl < 0 ? lower.length : nl;
    const line = lower.slice(pos, lineEnd);
    const m = MARKER.exec(text.slice(pos, lineEnd));
    if (m) {
      const level = m[1] ? 1 : m[2] ? 2 : m[3] ? 3 : 4;
      const bodyStart = pos + m[0].length;
      const rest = line.slice(m[0].length).trim();
      let bodyEnd = lineEnd;
      while (bodyEnd > bodyStart && /[\s.;:,]/u.test(lower[bodyEnd - 1] ?? '')) bodyEnd--;
      const named = kindOfHeading(rest);
      if (level === 1) {
        sectionKind = named;
        kindAt.fill(null);
        kindAt[1] = named;
        openAt.fill(null);
      } else {
        // A numbered sub-heading that names a kind ("1. Nhiệm vụ trọng tâm:") sets it for its
        // entries instead of being one.
        const inherited =
          kindAt
            .slice(1, level)
            .reverse()
            .find((k) => k !== null) ?? sectionKind;
        if (named && named !== 'target' && isHeadingLike(line, rest) && (rest.endsWith(':') || inherited === null || named !== inherited)) {
          kindAt[level] = named;
          openAt[level] = null;
          for (let l = level + 1; l < kindAt.length; l++) {
            kindAt[l] = null;
            openAt[l] = null;
          }
        } else if (inherited && inherited !== 'target' && bodyEnd - bodyStart >= 6) {
          let parent: SectionEntry | null = null;
          for (let l = level - 1; l >= 2 && !parent; l--) parent = openAt[l] ?? null;
          const entry: SectionEntry = {
            kind: inherited,
            start: bodyStart,
            end: bodyEnd,
            level,
            parentStart: parent ? parent.start : null,
            year: entryYear(lower.slice(bodyStart, bodyEnd)),
          };
          entries.push(entry);
          openAt[level] = entry;
          for (let l = level + 1; l < openAt.length; l++) openAt[l] = null;
        }
      }
    } else if (/^\s*[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ ,–-]{6,}$/u.test(text.slice(pos, lineEnd)) && kindOfHeading(line.trim()) !== null) {
      // An unnumbered heading in capitals ("KHÂU ĐỘT PHÁ") opens a section too.
      sectionKind = kindOfHeading(line.trim());
      kindAt.fill(null);
      kindAt[1] = sectionKind;
      openAt.fill(null);
    }
    if (nl < 0) break;
    pos = nl + 1;
  }
  return entries;
}
