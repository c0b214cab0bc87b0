/**
 * Lists of tasks and breakthroughs: "4 khâu đột phá chiến lược như: A; B; C; D" and
 * "các nhiệm vụ trọng tâm: A; B; …" become one item per entry, of the kind the
 * introduction names. Entries run on one line separated by semicolons, or one per line with
 * bullets under an introduction that ends its line.
 */
import type { ExtractedItemKind } from './types';

/** One entry of a list, with offsets into the text. */
export type ListEntry = { kind: ExtractedItemKind; start: number; end: number };

const COUNT_WORDS: Record<string, number> = {
  một: 1,
  hai: 2,
  ba: 3,
  bốn: 4,
  tư: 4,
  năm: 5,
  sáu: 6,
  bảy: 7,
  tám: 8,
  chín: 9,
  mười: 10,
};

const COUNT_WORD = '\\d{1,2}|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười';
// The introduction names the kind; the words between it and the colon are free ("như",
// "gồm", "lĩnh vực trọng tâm", "là"). The count before it ("4 khâu đột phá") is read apart,
// looking back from the kind's words: a pattern that starts with an optional count would be
// tried at every position of the text.
const INTRO = new RegExp(
  `(?<![\\p{L}])(?:(khâu\\s+)?(đột phá)(?:\\s+chiến lược)?|(nhiệm vụ)(?:,\\s*(?:lĩnh vực|giải pháp))?\\s+(?:trọng tâm|chủ yếu|trọng yếu|chính|then chốt|cụ thể)|(nhiệm vụ)\\s+(?:và giải pháp\\s+)?(?:trọng tâm|chủ yếu))[^:;.\\n]{0,80}?:`,
  'gu',
);
const COUNT_BEFORE = new RegExp(`(?<![\\p{L}])(${COUNT_WORD})\\s*$`, 'u');
// "Thực hiện 3 đột phá chiến lược về A, B, C": a counted list without a colon.
const INLINE_INTRO = new RegExp(
  `(?<![\\p{L}])(\\d{1,2}|hai|ba|bốn|năm|sáu)\\s+(?:khâu\\s+)?đột phá(?:\\s+chiến lược)?\\s+(?:về|là|gồm)\\s+`,
  'gu',
);
const BULLET = /^[ \t]*(?:[-+•*–—·]|\d{1,2}[.)]|[a-zđ][.)]|[ivx]{1,4}[.)])\s*/u;

function countOf(word: string | undefined): number | null {
  if (!word) return null;
  if (/^\d+$/.test(word)) return Number(word);
  return COUNT_WORDS[word] ?? null;
}

function trimSpan(text: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  let e = end;
  while (s < e && /[\s\-+•*–—·:;,]/u.test(text[s] ?? '')) s++;
  const bullet = BULLET.exec(text.slice(s, e));
  if (bullet && bullet[0].length > 0 && /[.)]/.test(bullet[0])) s += bullet[0].length;
  while (e > s && /[\s.;,…]/u.test(text[e - 1] ?? '')) e--;
  return { start: s, end: e };
}

function splitInline(lower: string, from: number, to: number, separator: RegExp): Array<{ start: number; end: number }> {
  const parts: Array<{ start: number; end: number }> = [];
  let start = from;
  const slice = lower.slice(from, to);
  separator.lastIndex = 0;
  for (let m = separator.exec(slice); m; m = separator.exec(slice)) {
    parts.push({ start, end: from + m.index });
    start = from + m.index + m[0].length;
  }
  parts.push({ start, end: to });
  return parts;
}

/** End of the sentence that starts at `from`: a point before white space, or a blank line. */
function sentenceEnd(lower: string, from: number): number {
  const re = /\.(?=\s|$)|…|\n\s*\n/g;
  re.lastIndex = from;
  const m = re.exec(lower);
  return m ? m.index : lower.length;
}

/**
 * Finds the entries of task and breakthrough lists in `lower` (the lower-cased, NFC text).
 * Entries shorter than a few words are dropped as noise. Never throws.
 */
export function findListEntries(lower: string): ListEntry[] {
  const entries: ListEntry[] = [];
  const seen = new Set<string>();
  const push = (kind: ExtractedItemKind, start: number, end: number) => {
    const span = trimSpan(lower, start, end);
    // Shorter than a couple of words is a stray fragment, not an entry ("hạ tầng số" is 10).
    if (span.end - span.start < 6) return;
    const key = `${kind}:${span.start}`;
    if (seen.has(key)) return;
    seen.add(key);
    entries.push({ kind, ...span });
  };

  INTRO.lastIndex = 0;
  for (let m = INTRO.exec(lower); m; m = INTRO.exec(lower)) {
    const kind: ExtractedItemKind = m[2] ? 'breakthrough' : 'task';
    const count = countOf(COUNT_BEFORE.exec(lower.slice(Math.max(0, m.index - 12), m.index))?.[1]);
    const bodyStart = m.index + m[0].length;
    const lineEnd = lower.indexOf('\n', bodyStart);
    const restOfLine = lower.slice(bodyStart, lineEnd < 0 ? lower.length : lineEnd);
    if (/\S/.test(restOfLine)) {
      const end = sentenceEnd(lower, bodyStart);
      let parts = splitInline(lower, bodyStart, end, /;/g);
      if (parts.length === 1 && count && count > 1) {
        const byComma = splitInline(lower, bodyStart, end, /,\s*(?:và\s+)?|\s+và\s+/g);
        if (byComma.length === count) parts = byComma;
      }
      for (const p of parts) push(kind, p.start, p.end);
    } else {
      // One entry per following line: bulleted lines, or the next `count` lines.
      let pos = lineEnd < 0 ? lower.length : lineEnd + 1;
      let taken = 0;
      while (pos < lower.length) {
        const next = lower.indexOf('\n', pos);
        const lineEndPos = next < 0 ? lower.length : next;
        const line = lower.slice(pos, lineEndPos);
        if (!/\S/.test(line)) {
          if (taken > 0) break;
        } else if (BULLET.test(line) && /^\s*[-+•*–—·\d a-zđivx]/u.test(line) && (BULLET.exec(line)?.[0].trim() ?? '') !== '') {
          push(kind, pos, lineEndPos);
          taken++;
        } else if (count && taken < count) {
          push(kind, pos, lineEndPos);
          taken++;
        } else break;
        if (count && taken >= count) break;
        pos = lineEndPos + 1;
      }
    }
  }

  INLINE_INTRO.lastIndex = 0;
  for (let m = INLINE_INTRO.exec(lower); m; m = INLINE_INTRO.exec(lower)) {
    const count = countOf(m[1]);
    const bodyStart = m.index + m[0].length;
    const stop = /[;.\n]/.exec(lower.slice(bodyStart));
    const end = stop ? bodyStart + stop.index : lower.length;
    const parts = splitInline(lower, bodyStart, end, /,\s*(?:và\s+)?|\s+và\s+/g);
    if (count && parts.length === count) for (const p of parts) push('breakthrough', p.start, p.end);
  }
  return entries.sort((a, b) => a.start - b.start);
}
