/**
 * Targets from text: every figure that survives the "not a target" rules becomes one
 * proposed target with its comparator, numbers, unit, due year and yearly flag.
 */
import { splitClauses, splitSegments, type Span } from './clauses';
import { isYearlyContext, readComparator } from './comparators';
import { nameIndicator, refineName } from './indicator';
import { isReference, isReportSegment, isYearLike } from './not-targets';
import { findFigures, type Figure } from './numbers';
import type { ExtractedItem, TargetComparator } from './types';
import { BARE_PER_RE, normalizeUnit, readCountNoun, readFractionBase, readUnit, type UnitMatch } from './units';
import { readDueYear, readHeadingYear } from './years';

// Words that make a sentence speak of an aim; a count of people or things without any of
// them ("Đảng bộ có 7.935 đảng viên") describes the present, not a target.
const TARGET_WORDS =
  /phấn đấu|chỉ tiêu|mục tiêu|đến năm|vào năm|hằng năm|hàng năm|mỗi năm|bình quân|\/năm|đạt|tăng|giảm|nâng|kết nạp|thành lập|xây dựng|phát triển|trồng|đào tạo|giải quyết|tạo việc làm|thu hút|bảo đảm|đảm bảo|duy trì|ít nhất|trở lên|trở xuống|tối thiểu|tối đa|không quá|khoảng|còn|chiếm|hoàn thành|huy động|đầu tư|vốn|gấp|có thêm|mới|xóa|cứng hóa|công nhận|hỗ trợ|nâng cấp|sắp xếp|thu gọn|dành|đóng góp|bao phủ|thêm|tổng|quy mô|sản lượng|kim ngạch|công suất|lượng khách|top|tốp|nhóm|(?<![\p{L}])(?:trên|dưới|hơn|gần)(?![\p{L}])/u;
const RANGE_LINK = /^\s*(?:[-–—]|đến|tới)\s*(?:khoảng\s*)?(?=\d)/u;
const BASELINE_LINK = /^\s*(?:(?:năm|vào năm)\s+(?:19|20)\d\d\s*,?\s*)?(?:lên|xuống|còn|xuống còn|lên mức|xuống mức)\s*(?=\d)/u;
const DATE_WORDS = /(?<![\p{L}])(?:ngày|từ ngày|sáng|chiều|tối|tháng)\s*$/u;
// A clause that holds nothing but the value: a table cell or the line under an indicator
// ("Tỷ lệ che phủ rừng" / "≥ 45%", "(10) Tỷ lệ che phủ rừng: ≥ 47%").
const VALUE_ONLY_REST =
  /^[\s≥≤<>=~≈:.;\-–+•*]*(?:(?:top|tốp|trở lên|trở xuống|khoảng|ít nhất|tối thiểu|tối đa|trên|dưới|không quá)(?![\p{L}])[\s≥≤<>=~≈:.;\-–+•*]*)*$/u;
// "thuộc nhóm 15 địa phương dẫn đầu", "top 40", "tốp 5": a rank, met at that place or better.
const RANK_BEFORE = /(?<![\p{L}])(?:top|tốp)\s*$/u;
const GROUP_BEFORE = /(?<![\p{L}])nhóm\s*$/u;
const GROUP_AFTER =
  /^\s+(?:địa phương|tỉnh|thành phố|tỉnh, thành phố|tỉnh, thành|đơn vị)[^.;\d\n]{0,40}?(?:dẫn đầu|đứng đầu|cao nhất|tốt nhất|hàng đầu)/u;
const ROW_MARKER_BEFORE = /(?:^|\n)[ \t]*\($/u;
const NON_NOUN_UNITS =
  /^(?:%|lần|ha|km|km2|km²|m2|m²|m3|m³|tấn|tạ|kg|mw|kwh|kw|gw|lít|tuổi|giờ|phút|mét|héc-ta|hecta|héc ta|điểm phần trăm)$/iu;

/** A counted noun (`đảng viên`, `xã`) joins the indicator's name; a measure or money does not. */
function isCountedNoun(unit: string): boolean {
  return unit !== '' && !unit.startsWith('%') && !NON_NOUN_UNITS.test(unit) && !/(?:đồng|usd|vnđ|vnd|tỷ|nghìn|triệu|‰|\/)/iu.test(unit);
}

type Candidate = {
  start: number;
  end: number;
  comparator: TargetComparator;
  value: number | null;
  valueMin: number | null;
  valueMax: number | null;
  unit: string;
  perYear: boolean;
  indicatorBefore: string;
  indicatorAfter: string;
  achieved: number | null;
  isFraction: boolean;
  isRank: boolean;
};

// "Chi đầu tư cho khoa học, công nghệ đạt 2%", "(6) Số doanh nghiệp đang hoạt động: 12.000":
// the clause of the figure begins inside the name. Clauses before it with no figure join the
// name, across commas, and across a colon when the figure's own clause names nothing.
function nameStartOf(lower: string, clauses: Span[], clause: Span, ownHead: string, floor: number): number {
  let from = clause.start;
  for (let k = clauses.indexOf(clause) - 1; k >= 0; k--) {
    const prev = clauses[k]!;
    const gap = lower.slice(prev.end, from);
    if (prev.start < floor || !/^\s*[,:]\s*$/u.test(gap) || /\d/.test(lower.slice(prev.start, prev.end)) || from - prev.start > 120) break;
    if (gap.includes(':') && /\p{L}/u.test(ownHead)) break;
    from = prev.start;
  }
  return from;
}

// "100% xã, phường có trung tâm văn hóa": what is counted runs past the comma.
function nameEndOf(lower: string, clauses: Span[], clause: Span, end: number): number {
  const rest = lower.slice(end, clause.end);
  if ((rest.match(/\p{L}/gu)?.length ?? 0) > 12) return Math.min(clause.end, end + 80);
  const next = clauses[clauses.indexOf(clause) + 1];
  if (!next || !/^\s*,\s*$/u.test(lower.slice(clause.end, next.start)) || /\d|không còn/u.test(lower.slice(next.start, next.end)))
    return clause.end;
  return Math.min(next.end, end + 80);
}

function clauseOf(clauses: Span[], pos: number): Span | undefined {
  return clauses.find((c) => pos >= c.start && pos < c.end);
}

// Two figures of one clause with a verb between them: one qualifies the other. A bounded
// first figure qualifies the indicator ("trẻ em dưới 5 tuổi ... giảm còn 12%", "trên 1 ha
// đất ... đạt 250 triệu đồng"); a bare second figure qualifies the first ("25 sản phẩm
// OCOP đạt từ 3 sao trở lên").
const TARGET_VERB = /(?<![\p{L}])(?:đạt|là|còn|lên|xuống|chiếm|giảm|tăng)(?![\p{L}])/u;

function dropQualifiers(found: Candidate[], clauses: Span[], lower: string): void {
  for (let i = found.length - 2; i >= 0; i--) {
    const a = found[i]!;
    const b = found[i + 1]!;
    if (clauseOf(clauses, a.start) !== clauseOf(clauses, b.start)) continue;
    if (a.comparator === 'range' || !TARGET_VERB.test(lower.slice(a.end, b.start))) continue;
    if (a.comparator === '>=' || a.comparator === '<=' || a.comparator === '>' || a.comparator === '<' || a.comparator === 'approx')
      found.splice(i, 1);
    else if (b.unit === '') found.splice(i + 1, 1);
  }
}

function round(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

/**
 * Proposes the targets of a text. `text` must already be NFC-normalized and `lower` its
 * same-length lower-cased copy; offsets are into `text`. Never throws.
 */
export function extractTargets(text: string, lower: string): ExtractedItem[] {
  const items: ExtractedItem[] = [];
  let headingYear: number | null = null;
  let previousLine = '';
  let previousLineStart = 0;

  for (const segment of splitSegments(lower)) {
    const segLower = lower.slice(segment.start, segment.end);
    const figures = findFigures(lower, segment.start, segment.end);
    const isReport = isReportSegment(segLower);
    const hasTargetWords = TARGET_WORDS.test(segLower);
    const clauses = splitClauses(lower, segment);
    const found: Candidate[] = [];
    let skipUntil = segment.start;
    // A report line with "achieved/planned" pairs: only the planned figures are targets.
    const hasPair = figures.some((f) => f.achieved !== undefined);

    for (let i = 0; i < figures.length; i++) {
      const fig = figures[i] as Figure;
      if (fig.start < skipUntil) continue;
      if (hasPair && fig.achieved === undefined) continue;
      const clause = clauseOf(clauses, fig.start);
      if (!clause) continue;
      // "(7) Tỷ lệ …": the number of a table row.
      if (lower[fig.end] === ')' && ROW_MARKER_BEFORE.test(lower.slice(Math.max(0, fig.start - 20), fig.start))) continue;
      const lookBack = lower.slice(Math.max(segment.start, fig.start - 12), fig.start);
      const isRank =
        fig.raw !== '' &&
        (RANK_BEFORE.test(lookBack) || (GROUP_BEFORE.test(lookBack) && GROUP_AFTER.test(lower.slice(fig.end, fig.end + 80))));
      const barePer = fig.raw ? BARE_PER_RE.exec(lower.slice(fig.end, fig.end + 40)) : null;
      if (fig.raw && !barePer && isReference(lower, fig.start, fig.end)) continue;
      if (fig.raw && DATE_WORDS.test(lower.slice(Math.max(segment.start, fig.start - 12), fig.start))) continue;

      let unit: UnitMatch;
      const fraction = fig.isFraction ? readFractionBase(text, lower, fig.end) : null;
      if (fig.isFraction && !fraction) continue;
      if (isRank) {
        unit = { unit: 'hạng', end: fig.end, perYear: false, addend: 0, consumedUntil: fig.end, isMeta: false };
      } else if (fraction) {
        unit = { unit: fraction.unit, end: fraction.end, perYear: false, addend: 0, consumedUntil: fraction.end, isMeta: false };
      } else if (fig.isZero) {
        const noun = readCountNoun(text, lower, fig.end);
        if (!noun.unit) continue;
        unit = { unit: noun.unit, end: noun.end, perYear: false, addend: 0, consumedUntil: fig.end, isMeta: false };
      } else if (barePer) {
        const perEnd = fig.end + barePer[0].length;
        unit = {
          unit: normalizeUnit(text.slice(fig.end, perEnd)),
          end: perEnd,
          perYear: false,
          addend: 0,
          consumedUntil: perEnd,
          isMeta: false,
        };
      } else if (fig.impliedUnit) {
        unit = { unit: fig.impliedUnit, end: fig.end, perYear: false, addend: 0, consumedUntil: fig.end, isMeta: false };
      } else {
        unit = readUnit(text, lower, fig.end);
      }
      // Figures inside a unit ("trên 1.000 dân") belong to it.
      skipUntil = Math.max(skipUntil, unit.consumedUntil, unit.end);
      if (unit.isMeta) continue;
      if (isYearLike(fig.raw, fig.value) && unit.unit === '') {
        // A term or period ("2020 - 2025") must not leave its second year behind.
        const link = /^\s*[-–—]\s*\d{4}(?!\d)/.exec(lower.slice(fig.end, fig.end + 10));
        if (link) skipUntil = Math.max(skipUntil, fig.end + link[0].length);
        continue;
      }

      const value = fig.value + unit.addend;
      let end = unit.end;
      let valueMin: number | null = null;
      let valueMax: number | null = null;
      let unitText = unit.unit;
      let perYear = unit.perYear;
      let isRange = false;

      // A range: "8,5-8,7%", "8,5% - 8,7%", "165–190", "từ 10 đến 12".
      const afterFirst = unit.unit === '' || unit.unit === '%' ? (unit.unit === '%' ? unit.end : fig.end) : -1;
      if (afterFirst >= 0 && fig.raw) {
        const link = RANGE_LINK.exec(lower.slice(afterFirst, afterFirst + 20));
        const next = figures[i + 1];
        if (link && next && next.raw && next.start === afterFirst + link[0].length) {
          const second = readUnit(text, lower, next.end);
          const secondValue = next.value + second.addend;
          const isYearPair = isYearLike(next.raw, next.value) && isYearLike(fig.raw, fig.value);
          if (!isYearPair && !second.isMeta && secondValue >= value && !isReference(lower, next.start, next.end)) {
            valueMin = value;
            valueMax = secondValue;
            unitText = second.unit || unit.unit;
            perYear = perYear || second.perYear;
            end = second.end;
            isRange = true;
            skipUntil = Math.max(skipUntil, second.end, second.consumedUntil);
          }
        }
      }

      // "tăng từ 40% lên 60%": the first figure is where things stand today.
      if (!isRange && fig.raw && /(?<![\p{L}])từ\s*$/u.test(lower.slice(clause.start, fig.start))) {
        if (BASELINE_LINK.test(lower.slice(unit.end, unit.end + 30))) continue;
      }

      // The comparator's words sit between the previous figure of the clause and this one.
      const previous = found[found.length - 1];
      const wordsFrom = Math.max(clause.start, previous ? Math.min(previous.end, fig.start) : clause.start);
      const before = lower.slice(wordsFrom, fig.start);
      const clauseBefore = lower.slice(clause.start, fig.start);
      const after = lower.slice(end, clause.end);

      const isValueOnly =
        unitText !== '' && VALUE_ONLY_REST.test(`${lower.slice(clause.start, fig.start)} ${lower.slice(end, clause.end)}`);
      const isPair = fig.achieved !== undefined;
      if (isReport && !isPair) continue;
      if (!unitText.startsWith('%') && !hasTargetWords && !isValueOnly && !isPair) continue;
      if (
        unitText === '' &&
        !/(?<![\p{L}])(?:đạt|là|có|trên|dưới|hơn|khoảng|còn|lên|tăng|giảm|gấp|ít nhất|tối thiểu|tối đa|không quá|từ)\s*$/u.test(
          clauseBefore,
        ) &&
        !isRange
      )
        continue;

      let comparator: TargetComparator;
      let wordsStart: number;
      if (fig.isZero) {
        comparator = 'reduce_to';
        wordsStart = before.length;
      } else {
        const reading = readComparator(before, after, unitText);
        comparator = isRange ? 'range' : isRank ? '<=' : unit.isAtLeast ? '>=' : reading.comparator;
        wordsStart = reading.wordsStart;
      }
      if (isRange && /(?<![\p{L}])từ\s*$/u.test(before)) wordsStart = before.replace(/từ\s*$/u, '').length;
      perYear = perYear || isYearlyContext(clauseBefore, after, unitText);

      const headEnd = fig.start - before.length + wordsStart;
      const nameFrom = previous ? clause.start : nameStartOf(lower, clauses, clause, text.slice(clause.start, headEnd), segment.start);
      const nameBefore = text.slice(nameFrom, headEnd);
      found.push({
        start: fig.start,
        end,
        comparator,
        value: isRange ? null : round(value),
        valueMin: valueMin === null ? null : round(valueMin),
        valueMax: valueMax === null ? null : round(valueMax),
        unit: unitText,
        perYear,
        indicatorBefore: nameBefore,
        indicatorAfter: text.slice(end, nameEndOf(lower, clauses, clause, end)),
        achieved: fig.achieved ?? null,
        isFraction: fig.isFraction === true,
        isRank,
      });
    }

    dropQualifiers(found, clauses, lower);
    if (found.length === 0) {
      headingYear = readHeadingYear(segLower) ?? headingYear;
      // A line with no figure may be the indicator of the value on the next line.
      previousLine = lower[segment.end] === '\n' && figures.length === 0 ? text.slice(segment.start, segment.end) : '';
      previousLineStart = segment.start;
      continue;
    }
    let lastName = '';
    for (const c of found) {
      const clause = clauseOf(clauses, c.start);
      const isNoun = isCountedNoun(c.unit);
      // A figure in parentheses qualifies the one before it: "(tăng gần gấp đôi)".
      const isAside = clause !== undefined && lower[clause.start - 1] === '(';
      let indicator = isAside && lastName ? '' : nameIndicator(c.indicatorBefore, isNoun ? c.unit : '', c.indicatorAfter, c.unit);
      if (!indicator && clause) {
        // "(tăng gần gấp đôi)", "trong đó 40% ...": the figure qualifies the previous one.
        indicator = lastName;
      }
      if (!indicator) indicator = nameIndicator(text.slice(segment.start, c.start), '', '');
      // "Tỷ lệ che phủ rừng" / "≥ 45%": the item's words are both lines, the indicator's line first.
      let namedAbove = false;
      if ((!indicator || (c.isRank && /^(?:top|tốp|nhóm)/iu.test(indicator))) && previousLine) {
        indicator = nameIndicator(previousLine, '', '');
        namedAbove = indicator !== '';
      }
      indicator = refineName(indicator, c.unit, { isFraction: c.isFraction, isRank: c.isRank });
      lastName = indicator || lastName;
      // The item's words start at the clause, or at its last "phấn đấu" when a preamble
      // ("… các mục tiêu đề ra là phấn đấu 100% …") comes first.
      const clauseStart = clause ? clause.start : c.start;
      const aim = lower.slice(clauseStart, c.start).lastIndexOf('phấn đấu');
      const from = namedAbove ? previousLineStart : aim > 0 ? clauseStart + aim : clauseStart;
      const lead = text.slice(from, c.start);
      const start = from + (lead.length - lead.trimStart().length);
      const byYear = readDueYear(lower.slice(segment.start, c.start), lower.slice(c.end, segment.end)) ?? headingYear;
      items.push({
        kind: 'target',
        indicator,
        comparator: c.comparator,
        value: c.value,
        valueMin: c.valueMin,
        valueMax: c.valueMax,
        unit: c.unit,
        byYear,
        perYear: c.perYear,
        reference: null,
        achieved: c.achieved,
        parentStart: null,
        start,
        end: c.end,
        text: text.slice(start, c.end),
      });
    }
    previousLine = '';
  }
  return items;
}
