/**
 * Why an item was read the way it was, in the reviewer's words: "“ít nhất” → ≥", "“% GRDP”:
 * phần trăm của GRDP", "12.500/10.000: số sau là kế hoạch". Shown beside the exact words the
 * item came from, so a person can check the reading without rereading the whole text.
 */
import type { ExtractedItem, TargetComparator } from './types';

const SYMBOL: Record<TargetComparator, string> = {
  '=': '=',
  '>': '>',
  '>=': '≥',
  '<': '<',
  '<=': '≤',
  range: 'khoảng giá trị',
  approx: '≈',
  increase_by: 'tăng thêm',
  decrease_by: 'giảm bớt',
  reduce_to: 'giảm còn',
  increase_to: 'tăng lên',
};

// The words that give each comparator, longest first so "không dưới" wins over "dưới".
const WORDS: Array<[TargetComparator, string[]]> = [
  ['>=', ['không thấp hơn', 'không dưới', 'ít nhất', 'tối thiểu', 'trở lên', '≥', '>=', 'từ']],
  ['<=', ['không vượt quá', 'không quá', 'không cao hơn', 'tối đa', 'trở xuống', '≤', '<=', 'top', 'tốp', 'nhóm']],
  ['>', ['cao hơn', 'trên', 'hơn', 'vượt', '>']],
  ['<', ['thấp hơn', 'dưới', '<']],
  ['approx', ['khoảng', 'xấp xỉ', 'gần']],
  ['reduce_to', ['giảm xuống còn', 'giảm còn', 'xuống còn', 'không còn', 'còn']],
  ['increase_to', ['tăng lên', 'nâng lên', 'gấp', 'lên']],
  ['increase_by', ['tăng']],
  ['decrease_by', ['giảm']],
];

/**
 * Short Vietnamese reasons for a proposed item, most telling first; [] for items with nothing
 * to explain. Pure; never throws.
 */
export function explainItem(
  item: Pick<ExtractedItem, 'kind' | 'comparator' | 'unit' | 'text' | 'achieved' | 'reference' | 'parentStart'>,
): string[] {
  if (item.kind !== 'target' || item.comparator === null) {
    return item.parentStart !== null ? ['mục con của mục đánh số phía trên'] : [];
  }
  const lower = item.text.toLowerCase();
  const reasons: string[] = [];
  const words = WORDS.find(([c]) => c === item.comparator)?.[1] ?? [];
  const word = words.find((w) => lower.includes(w));
  if (item.comparator === 'range') reasons.push('hai số nối bằng gạch → khoảng giá trị');
  else if (item.unit === 'hạng') reasons.push(`“${word ?? 'nhóm dẫn đầu'}” → thứ hạng ≤`);
  else if (word) reasons.push(`“${word}” → ${SYMBOL[item.comparator]}`);
  else if (item.comparator === '=') reasons.push('không có từ so sánh → =');
  if (item.unit.startsWith('% ')) reasons.push(`“${item.unit}”: phần trăm của ${item.unit.slice(2)}`);
  if (/\/(?:vạn|nghìn|1\.000|10\.000|100) /u.test(`${item.unit} `) || /\/(?:vạn dân|1\.000 dân|100 dân)/u.test(item.unit))
    reasons.push(`“${item.unit}”: tính trên số dân`);
  if (item.achieved !== null) reasons.push('“đạt/kế hoạch”: số sau là chỉ tiêu');
  if (item.reference !== null) reasons.push(`so với “${item.reference}”, chưa có số`);
  return reasons;
}
