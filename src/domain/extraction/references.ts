/**
 * Targets measured against a reference instead of a number: "thu nhập bình quân đầu người cao
 * hơn mức bình quân của vùng", "tỷ lệ hộ nghèo thấp hơn mức bình quân cả nước". The value is
 * the reference's words; a person links it to a figure later.
 */
import { splitSegments } from './clauses';
import { nameIndicator } from './indicator';
import { isReportSegment } from './not-targets';
import type { ExtractedItem, TargetComparator } from './types';

const RELATIVE =
  /(?<![\p{L}])(không thấp hơn|không cao hơn|không dưới|bằng hoặc cao hơn|bằng hoặc thấp hơn|cao hơn|thấp hơn)\s+((?:mức\s+)?(?:bình quân|trung bình|tốc độ)[^,;:.\n\d()]{0,80})/u;
// "Số đảng viên kết nạp mới theo kế hoạch của tỉnh", "tỷ lệ … giữ vững mức của nhiệm kỳ
// trước": the value is another document's figure or today's level. Only a clause that starts
// with a measured thing counts ("Giữ vững sự đoàn kết" is a task, not a target).
const PLAN_OR_HOLD =
  /(?<![\p{L}])(?:(theo)\s+((?:đúng\s+)?kế hoạch\s+(?:của|được|do|cấp)\s+[^,;:.\n\d()]{2,60})|(giữ vững)\s+(?:ở\s+)?((?:mức|tỷ lệ|tỉ lệ|thứ hạng|vị trí)\s+[^,;:.\n\d()]{2,60}))/u;
const MEASURED_HEAD = /^\s*(?:tỷ lệ|tỉ lệ|số|tốc độ|chỉ số|thu nhập|tổng|giá trị|mức|sản lượng|kim ngạch|năng suất|thứ hạng)(?![\p{L}])/u;
const COMPARATORS: Record<string, TargetComparator> = {
  theo: '>=',
  'giữ vững': '=',
  'không thấp hơn': '>=',
  'không dưới': '>=',
  'bằng hoặc cao hơn': '>=',
  'không cao hơn': '<=',
  'bằng hoặc thấp hơn': '<=',
  'cao hơn': '>',
  'thấp hơn': '<',
};

/** Reference targets of `text` (NFC) and `lower` (its same-length lower-cased copy). Never throws. */
export function extractReferenceTargets(text: string, lower: string): ExtractedItem[] {
  const items: ExtractedItem[] = [];
  // Most texts have none: look for the words first, then split only their segments.
  if (!/(?:cao|thấp) hơn|không dưới|kế hoạch|giữ vững/u.test(lower)) return items;
  for (const segment of splitSegments(lower)) {
    const segLower = lower.slice(segment.start, segment.end);
    if (!/hơn|dưới|kế hoạch|giữ vững/u.test(segLower)) continue;
    const relative = RELATIVE.exec(segLower);
    const m = relative ?? planOrHold(segLower);
    if (!m || isReportSegment(segLower)) continue;
    const words = m[1] ?? '';
    const at = segment.start + m.index + m[0].indexOf(words);
    // A figure in the same clause makes it an ordinary target ("cao hơn 80%").
    const clauseStart = Math.max(segment.start, lower.lastIndexOf(',', at) + 1, lower.lastIndexOf(':', at) + 1);
    if (!relative && (!MEASURED_HEAD.test(lower.slice(clauseStart, at)) || /\d/.test(lower.slice(clauseStart, at)))) continue;
    const refStart = at + words.length + (m[0].length - m[0].indexOf(words) - words.length - (m[2] ?? '').length);
    const refEnd = refStart + (m[2] ?? '').trimEnd().length;
    const indicator = nameIndicator(text.slice(clauseStart, at), '', '');
    if (!indicator) continue;
    const lead = text.slice(clauseStart, at);
    const start = clauseStart + (lead.length - lead.trimStart().length);
    items.push({
      kind: 'target',
      indicator,
      comparator: COMPARATORS[words] ?? '>',
      value: null,
      valueMin: null,
      valueMax: null,
      unit: '',
      byYear: null,
      perYear: false,
      reference: text.slice(refStart, refEnd),
      achieved: null,
      parentStart: null,
      start,
      end: refEnd,
      text: text.slice(start, refEnd),
    });
  }
  return items;
}

/** A "theo kế hoạch của …" or "giữ vững mức …" match, shaped as RELATIVE's: words, then reference. */
function planOrHold(segLower: string): RegExpExecArray | null {
  const m = PLAN_OR_HOLD.exec(segLower);
  if (!m) return null;
  const shaped = [m[0], m[1] ?? m[3] ?? '', m[2] ?? m[4] ?? ''] as unknown as RegExpExecArray;
  shaped.index = m.index;
  return shaped;
}
