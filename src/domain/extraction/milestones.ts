/**
 * Vision milestones: "đến năm 2030, Bình Dương trở thành trung tâm công nghiệp hiện đại;
 * đến năm 2045 là đô thị thông minh". Each "đến năm" opens one milestone that runs to the
 * next one or to the end of the sentence; only statements of what the place becomes count.
 */

/** One milestone found in the text, with offsets into it. */
export type MilestoneSpan = { start: number; end: number; year: number };

const OPENER = /(?<![\p{L}])(?:tầm nhìn[ \t]+)?(?:đến|tới|vào|trước)\s+năm\s+((?:20|21)\d\d)\s*,?\s*/gu;
const BECOMES = /(?<![\p{L}])(?:trở thành|là|cơ bản (?:trở thành|đạt|hoàn thành)|đạt chuẩn|thuộc nhóm|hoàn thành|hoàn tất)(?![\p{L}])/u;

/**
 * Finds milestone statements in `lower` (lower-cased NFC text). A statement that holds a
 * figure is left to the target reader. Never throws.
 */
export function findMilestones(lower: string): MilestoneSpan[] {
  const spans: MilestoneSpan[] = [];
  const openers: Array<{ index: number; bodyStart: number; year: number }> = [];
  OPENER.lastIndex = 0;
  for (let m = OPENER.exec(lower); m; m = OPENER.exec(lower)) {
    const lead = /^[^\p{L}]/u.test(m[0]) ? 1 : 0;
    openers.push({ index: m.index + lead, bodyStart: m.index + m[0].length, year: Number(m[1]) });
  }
  for (let i = 0; i < openers.length; i++) {
    const o = openers[i]!;
    const stop = /[;.\n]|\.(?=\s)|”|"/.exec(lower.slice(o.bodyStart));
    let end = stop ? o.bodyStart + stop.index : lower.length;
    const next = openers[i + 1];
    if (next && next.index < end) end = next.index;
    let body = lower.slice(o.bodyStart, end);
    const trimmed = body.replace(/[\s,]+$/u, '');
    end -= body.length - trimmed.length;
    body = trimmed;
    if (!BECOMES.test(body) || /\d/.test(body) || body.length < 10) continue;
    spans.push({ start: o.index, end, year: o.year });
  }
  return spans;
}
