/**
 * What is not a target: years, dates and document numbers, counts of the document's own
 * parts (`39 chỉ tiêu`, `4 khâu đột phá`), and results already achieved that are reported
 * next to targets (`đạt 97,35% (chỉ tiêu là 95%)`).
 */

const YEAR_MIN = 1900;
const YEAR_MAX = 2100;

/** True for a bare four-digit year (`2025`), as opposed to `2.025` or `2025,5`. */
export function isYearLike(raw: string, value: number): boolean {
  return /^\d{4}$/.test(raw) && value >= YEAR_MIN && value <= YEAR_MAX;
}

// Words after which a figure is an ordinal or a reference: "lần thứ 6", "Nghị quyết số 15",
// "khóa 11", "ngày 13", "Điều 5", "Hội nghị Trung ương 4".
const REFERENCE_BEFORE =
  /(?<![\p{L}])(?:thứ|số|khóa|khoá|đợt|ngày|tháng|quý|điều|khoản|chương|mục|phần|kỳ họp|hội nghị trung ương|trung ương|nghị quyết|chỉ thị|kết luận|quyết định|nghị định|thông tư|công văn|hướng dẫn|quy định|kế hoạch|thông báo|tờ trình|báo cáo|luật|phụ lục|biểu|bảng|sáng|chiều|tối|trưa|đêm|hôm|lúc|covid|tiết|trang|phòng|tầng|đường|quốc lộ|tỉnh lộ|ql|đt)\s*$/u;

/**
 * True when the figure at `[start, end)` is part of a date, a document number, a code or an
 * ordinal, judged from the characters around it in the lower-cased text.
 */
export function isReference(lower: string, start: number, end: number): boolean {
  const prev = lower[start - 1] ?? ' ';
  const next = lower[end] ?? ' ';
  const next2 = lower[end + 1] ?? ' ';
  // Glued to letters or to a slash: NQ/TW, 01-NQ, m2, CO2, F0, 23/12, 100/2019/NĐ-CP.
  if (/[\p{L}_/]/u.test(prev) || /[\p{L}_]/u.test(next)) return true;
  if (next === '/' && /[\d\p{L}]/u.test(next2)) return true;
  // 15-10-2020, 13-15/06, 05-CT/TW, Covid-19.
  if (next === '-' && /\p{L}/u.test(next2)) return true;
  if (prev === '-' && /\p{L}/u.test(lower[start - 2] ?? ' ')) return true;
  if (/^-\d{1,2}-\d{2,4}/.test(lower.slice(end, end + 8))) return true;
  if (/\d{1,2}-$/.test(lower.slice(Math.max(0, start - 3), start)) && /^-\d{2,4}/.test(lower.slice(end, end + 6))) return true;
  if (/\d{1,2}-\d{1,2}\/$/.test(lower.slice(Math.max(0, start - 7), start))) return true;
  // "cách mạng công nghiệp 4.0", version numbers.
  if (/^\.0(?!\d)/.test(lower.slice(end, end + 3))) return true;
  if (/^\d+\.\d$/.test(lower.slice(start, end))) return true;
  return REFERENCE_BEFORE.test(lower.slice(Math.max(0, start - 30), start));
}

/**
 * True when a segment reports results rather than sets targets: it speaks of the past term
 * (`nhiệm kỳ qua`, `ước đạt`, `vượt chỉ tiêu`, `(chỉ tiêu là 95%)`) or of a meeting
 * (`đại biểu`, `quyên góp`), and does not also say `phấn đấu`.
 */
export function isReportSegment(segmentLower: string): boolean {
  if (/phấn đấu|đến năm 20\d\d|giai đoạn tới|nhiệm kỳ tới|thời gian tới/.test(segmentLower)) return false;
  // "Năm 2023, có 89,7% …": a result of a year already past when the 2025–2030 texts are written.
  if (/^\s*(?:[-+•*]\s*)?(?:trong\s+|cuối\s+|đến cuối\s+)?năm\s+(?:19\d\d|20[01]\d|202[0-4])(?!\d)\s*,/u.test(segmentLower)) return true;
  return /(?<!so với )(?:nhiệm kỳ|năm|giai đoạn|thời gian) (?:qua|vừa qua)|đạt \d+(?:,\d+)?% kế hoạch|ước (?:đạt|thực hiện|tính)|vượt (?:chỉ tiêu|kế hoạch|mục tiêu)|\(chỉ tiêu|chỉ tiêu (?:là|đề ra là|đặt ra là|nghị quyết)|so với chỉ tiêu|so với cùng kỳ|đã (?:đạt|thực hiện|hoàn thành|kết nạp|thành lập|giảm|tăng|có|vượt|thu hút|xây dựng|đầu tư|giải quyết|đào tạo|trồng|được)|(?<![\p{L}])đạt được|quyên góp|số tiền|đại diện cho|thay mặt|tham dự|đại biểu|(?<![\p{L}])đã (?!đề ra|được giao|xác định|ban hành)[\p{L}]|biểu quyết|bầu|tổng kết|kết quả thực hiện|thực hiện được|hoàn thành \d+(?:,\d+)?% kế hoạch|bằng \d+(?:,\d+)?% (?:kế hoạch|so với)/u.test(
    segmentLower,
  );
}
