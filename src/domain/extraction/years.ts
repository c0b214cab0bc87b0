/**
 * The year a target is due: "đến năm 2025", "vào năm 2030", "đến cuối năm 2025", or the end
 * of a period ("giai đoạn 2021 - 2025"). A year after "giá so sánh", "so với" or "từ" is a
 * base, not a deadline, and is ignored.
 */

const DUE = /(?<![\p{L}])(?:đến|tới|vào|trước|cuối|trong)\s+(?:hết\s+|cuối\s+)?(?:năm\s+)?((?:19|20)\d\d)(?!\d)/gu;
const LEADING_YEAR = /^\s*(?:[-+•*]\s*)?năm\s+((?:19|20)\d\d)(?!\d)/u;
const PERIOD = /(?:giai đoạn|nhiệm kỳ|thời kỳ)\s+(?:(?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)(?!\d)/gu;

function lastYear(re: RegExp, text: string): number | null {
  re.lastIndex = 0;
  let year: number | null = null;
  for (let m = re.exec(text); m; m = re.exec(text)) year = Number(m[1]);
  return year;
}

function firstYear(re: RegExp, text: string): number | null {
  re.lastIndex = 0;
  const m = re.exec(text);
  return m ? Number(m[1]) : null;
}

/**
 * The due year of a figure from its segment's text before it (`before`) and after it
 * (`after`), both lower-cased. The nearest deadline before the figure wins, then one after
 * it, then the end of a named period. Returns null when the text names none.
 */
export function readDueYear(before: string, after: string): number | null {
  return (
    lastYear(DUE, before) ??
    firstYear(LEADING_YEAR, before) ??
    firstYear(DUE, after) ??
    lastYear(PERIOD, before) ??
    firstYear(PERIOD, after)
  );
}

/**
 * A due year declared by a heading for the lines under it ("Chỉ tiêu chủ yếu đến năm
 * 2030:", "Mục tiêu, chỉ tiêu giai đoạn 2025 - 2030"). Returns null when the segment is
 * not such a heading.
 */
export function readHeadingYear(segmentLower: string): number | null {
  if (!/chỉ tiêu|mục tiêu|phấn đấu|tầm nhìn/.test(segmentLower)) return null;
  return lastYear(DUE, segmentLower) ?? lastYear(PERIOD, segmentLower);
}
