/**
 * Clause splitting. A resolution packs several targets into one sentence, separated by
 * semicolons, commas, "trong đó", "riêng" and parentheses; each target's comparator and
 * indicator are read inside its own clause so words of a neighbour do not leak in.
 */

export type Span = { start: number; end: number };

/**
 * Splits text into segments: sentences, semicolon parts and lines. A point ends a sentence
 * only before white space or the end, so `1.800` and `8.5` stay whole.
 */
export function splitSegments(lower: string): Span[] {
  const spans: Span[] = [];
  const re = /[;\n!?…]|\.(?=\s|$|["”»)])/g;
  let start = 0;
  for (let m = re.exec(lower); m; m = re.exec(lower)) {
    if (m.index > start) spans.push({ start, end: m.index });
    start = m.index + 1;
  }
  if (start < lower.length) spans.push({ start, end: lower.length });
  return spans.filter((s) => /\S/.test(lower.slice(s.start, s.end)));
}

/**
 * Splits one segment into clauses. Commas between digits (`8,5`) are decimal commas, not
 * breaks; a parenthesis breaks only when it holds a figure (`(tăng gần gấp đôi)`), because
 * `(GRDP)` is part of the indicator's name.
 */
export function splitClauses(lower: string, segment: Span): Span[] {
  const cuts: number[] = [];
  const text = lower.slice(segment.start, segment.end);
  const re = /(?<!\d),|,(?!\d)|:|\(|\)|(?<![\p{L}])(?:trong đó|riêng|bao gồm)(?![\p{L}])/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const ch = m[0];
    if (ch === '(') {
      const close = text.indexOf(')', m.index);
      const inner = text.slice(m.index + 1, close < 0 ? undefined : close);
      if (!/\d|gấp|không còn/.test(inner)) {
        if (close >= 0) re.lastIndex = close + 1;
        continue;
      }
    }
    if (ch === ')') {
      cuts.push(segment.start + m.index, segment.start + m.index + 1);
      continue;
    }
    if (ch.length > 1) {
      // "trong đó" starts a new clause and stays in it; it is dropped when naming.
      cuts.push(segment.start + m.index, segment.start + m.index);
      continue;
    }
    cuts.push(segment.start + m.index, segment.start + m.index + 1);
  }
  const spans: Span[] = [];
  let start = segment.start;
  for (let i = 0; i < cuts.length; i += 2) {
    const end = cuts[i] ?? segment.end;
    if (end > start) spans.push({ start, end });
    start = cuts[i + 1] ?? segment.end;
  }
  if (segment.end > start) spans.push({ start, end: segment.end });
  return spans.filter((s) => /\S/.test(lower.slice(s.start, s.end)));
}
