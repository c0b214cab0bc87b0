/**
 * Reading the unit written after a figure: percent, money with its scale (`9 tỉ USD`,
 * `1.150 nghìn tỷ đồng`, `2 tỷ 365 triệu đồng`), measures and the nouns that are counted
 * (`đảng viên`, `xã`, `tổ chức đảng`). Pure; works on the lower-cased copy and slices the
 * original so the unit keeps the writer's capitals (`USD`, `MW`).
 */
import { escapeRegExp } from './text';

/** Scale words and their factors; `tỉ`/`ngàn` are the southern spellings of `tỷ`/`nghìn`. */
export const SCALE_FACTORS: Record<string, number> = {
  nghìn: 1e3,
  ngàn: 1e3,
  triệu: 1e6,
  tỷ: 1e9,
  tỉ: 1e9,
};

const SCALE = '(?:nghìn|ngàn|triệu|tỷ|tỉ)(?![\\p{L}])(?!\\s+(?:lệ|trọng)(?![\\p{L}]))';
const CURRENCY = '(?:đồng(?!\\s+chí)|usd|vnđ|vnd|đô la mỹ|đô la|euro)(?![\\p{L}])';

/**
 * Nouns and measures counted by targets. The longest match wins, so `tổ chức cơ sở đảng` is
 * preferred to `tổ chức`. Adjectives after the noun (`đảng viên mới`) stay in the indicator.
 */
const COUNT_UNITS = [
  'đảng viên',
  'tổ chức cơ sở đảng',
  'tổ chức đảng',
  'tổ chức',
  'chi bộ',
  'chi bộ cơ sở',
  'đảng bộ cơ sở',
  'đảng bộ',
  'doanh nghiệp',
  'hợp tác xã',
  'tổ hợp tác',
  'xã',
  'phường',
  'thị trấn',
  'huyện',
  'thôn',
  'ấp',
  'bản',
  'khu phố',
  'tổ dân phố',
  'đơn vị',
  'người',
  'lao động',
  'hộ gia đình',
  'hộ dân',
  'hộ',
  'trường học',
  'trường',
  'phòng học',
  'học sinh',
  'sinh viên',
  'giường bệnh',
  'giường',
  'bác sĩ',
  'dược sĩ',
  'trạm y tế',
  'bệnh viện',
  'thuê bao',
  'căn hộ',
  'căn nhà',
  'căn',
  'ngôi nhà',
  'nhà ở',
  'nhà',
  'lượt khách',
  'lượt người',
  'lượt',
  'khách',
  'du khách',
  'dự án',
  'công trình',
  'sản phẩm ocop',
  'sản phẩm',
  'cụm công nghiệp',
  'khu công nghiệp',
  'khu kinh tế',
  'khu đô thị',
  'đô thị',
  'cơ sở',
  'đoàn viên',
  'hội viên',
  'công đoàn viên',
  'cán bộ',
  'công chức',
  'viên chức',
  'việc làm',
  'chỗ làm việc',
  'chợ',
  'siêu thị',
  'trung tâm thương mại',
  'tuyến',
  'cây xanh',
  'cây',
  'con',
  'nhà văn hóa',
  'thiết chế',
  'sân vận động',
  'thư viện',
  'tổ',
  'nghiệp đoàn',
  'công đoàn cơ sở',
  'thanh niên',
  'phụ nữ',
  'cựu chiến binh',
  'hội',
  'câu lạc bộ',
  'mô hình',
  'điểm',
  'làng nghề',
  'làng',
  'hecta',
  'héc-ta',
  'ha',
  'km2',
  'km²',
  'km',
  'm2',
  'm²',
  'm3',
  'm³',
  'mét',
  'tấn',
  'tạ',
  'kg',
  'mw',
  'kwh',
  'kw',
  'gw',
  'lít',
  'tuổi',
  'lần',
  'điểm phần trăm',
  'giờ',
  'ngày công',
  'phút',
  'bậc',
  'hạng',
  'giải',
  'huy chương',
  'vụ',
  'vụ việc',
  'ca',
  'trẻ em',
  'trẻ',
  'cháu',
  'người dân',
  'nhân khẩu',
  'máy',
  'thuê bao internet',
  'tàu',
  'xe',
  'chuyến',
  'container',
  'teu',
  'héc ta',
  'đơn vị cấp xã',
  'đơn vị hành chính cấp xã',
  'đơn vị hành chính',
  'hộ kinh doanh',
  'hộ nghèo',
  'hộ cận nghèo',
  'điều dưỡng',
  'cây cầu',
  'vụ tai nạn giao thông',
  'vụ tai nạn',
  'trường mầm non',
  'hộ nông dân',
  'cơ sở sản xuất',
  'nhà máy',
  'cảng',
  'bến',
];

/**
 * What a share is a share of, written right after the percent: `% GRDP`, `% tổng số đảng
 * viên`, `% tổng chi ngân sách`, `% dân số`, `% số thôn`. The base is part of the unit: 30% of
 * GRDP and 30% of the budget are not the same target. A bare noun after the percent ("100%
 * xã") stays `%`: it names what is counted, and the indicator carries it.
 */
const SHARE_BASES = [
  'grdp',
  'gdp',
  'dân số',
  'lực lượng lao động',
  'chỉ tiêu',
  'tổng chi ngân sách',
  'tổng thu ngân sách',
  'tổng dư nợ',
  'tổng vốn đầu tư toàn xã hội',
  'tổng vốn đầu tư',
  'tổng giá trị sản xuất nông nghiệp',
  'tổng giá trị sản xuất công nghiệp',
  'tổng giá trị sản xuất',
  'tổng mức đầu tư',
  'tổng thu',
  'tổng chi',
  'tổng lao động',
];

/** Nouns that count parts of the document or of a meeting, never a target (`39 chỉ tiêu`). */
const META_UNITS = [
  'chỉ tiêu',
  'mục tiêu',
  'nhiệm vụ',
  'giải pháp',
  'khâu',
  'đột phá',
  'phần',
  'chương',
  'mục',
  'điều',
  'khoản',
  'nội dung',
  'lĩnh vực',
  'quan điểm',
  'chương trình',
  'kế hoạch',
  'đề án',
  'nhóm',
  'đồng chí',
  'đại biểu',
  'ngày',
  'tháng',
  'năm',
  'tuần',
  'quý',
  'kỳ',
  'khóa',
  'phiên',
  'điểm cầu',
  'bài',
  'trang',
  'đợt',
  'hội nghị',
  'buổi',
  'câu',
  'ý kiến',
  'văn bản',
  'nghị quyết',
  'chỉ thị',
  'kết luận',
  'thế hệ',
  'tiêu chí',
  'bước',
  'cấp',
  'vòng',
  'ban',
  'trụ cột',
  'định hướng',
  'chuyên đề',
  'tổ công tác',
  'đoàn',
  'tiểu ban',
  'phương châm',
  'khâu đột phá',
  'mặt',
  'yêu cầu',
  'vấn đề',
  'thành viên',
  'ủy viên',
  'phó bí thư',
  'bí thư',
];

const byLength = (a: string, b: string) => b.length - a.length;
const wordAlternation = (words: string[]) => [...words].sort(byLength).map(escapeRegExp).join('|');

const COUNT_RE = new RegExp(`^\\s*(?:${wordAlternation(COUNT_UNITS)})(?![\\p{L}\\d])`, 'u');
const META_RE = new RegExp(`^\\s*(?:${wordAlternation(META_UNITS)})(?![\\p{L}])`, 'u');
const SCALE_RE = new RegExp(`^\\s*${SCALE}(?:\\s+${SCALE})*`, 'u');
const CURRENCY_RE = new RegExp(`^\\s*${CURRENCY}`, 'u');
// `2 tỷ 365 triệu đồng`: a smaller figure with its own smaller scale continues the amount.
const COMPOUND_RE = new RegExp(`^\\s+(\\d{1,3})\\s+(${SCALE})`, 'u');
const PER_POPULATION =
  '(?:vạn dân|nghìn dân|100 dân|100 người|1\\.000 dân|10\\.000 dân|100\\.000 dân|1\\.000 trẻ đẻ sống|1\\.000 trẻ sinh ra sống|1\\.000 trẻ)';
const PER_RE = new RegExp(
  `^\\s*\\/\\s*(?:${PER_POPULATION}|người|năm|tháng|dân|hộ|ha|km2|km²|lao động|học sinh|xã|giường|doanh nghiệp|đảng viên|trẻ)(?![\\p{L}])`,
  'u',
);
// "28 giường bệnh trên một vạn dân" is written `giường bệnh/vạn dân`.
const PER_WORDS_RE = new RegExp(`^\\s+(?:trên|cho)\\s+(?:(?:một|mỗi|1)\\s+)?(${PER_POPULATION})(?![\\p{L}])`, 'u');
/** A per-population unit with no noun before it: "18/1.000 trẻ đẻ sống". */
export const BARE_PER_RE = new RegExp(`^\\s*\\/\\s*${PER_POPULATION}(?![\\p{L}])`, 'u');
const COUNT_WORDS_ALT = () => wordAlternation([...COUNT_UNITS, 'thôn', 'tổ dân phố']);
// "% tổng số đảng viên", "% số xã", "10% trở lên/tổng số tổ chức cơ sở đảng", "2% trở lên so với
// tổng số đảng viên": a counted whole after the percent, directly or through "/" or "so với".
let shareRe: RegExp | null = null;
function shareBaseRe(): RegExp {
  shareRe ??= new RegExp(
    `^(\\s*trở lên)?\\s*(?:\\/\\s*|so với\\s+|\\s)(?:(${wordAlternation(SHARE_BASES)})|((?:tổng số|số)\\s+(?:${COUNT_WORDS_ALT()})))(?![\\p{L}])`,
    'u',
  );
  return shareRe;
}
const PERCENT_RE = /^\s*[%‰]/;
const SPACE_PER_YEAR_RE = /^\s+(?:mỗi|một|hằng|hàng)\s+năm(?![\p{L}])/u;

/** A unit read after a figure. */
export type UnitMatch = {
  /** Normalized unit; '' when none was recognized. */
  unit: string;
  /** End offset of the unit in the text (the figure's end when no unit). */
  end: number;
  /** `/năm` closed the unit: a yearly rate or amount. */
  perYear: boolean;
  /** Added to the figure by a compound amount (`2 tỷ 365 triệu` adds 0,365 to 2). */
  addend: number;
  /** Offset where a figure consumed by a compound amount ends, so it is not read again. */
  consumedUntil: number;
  /** The unit counts parts of the document or meeting (`39 chỉ tiêu`, `49 đồng chí`). */
  isMeta: boolean;
  /** "10% trở lên/tổng số …": the bound was written inside the unit, so it is read here. */
  isAtLeast?: boolean;
};

function factorOf(scaleWords: string): number {
  return scaleWords
    .trim()
    .split(/\s+/)
    .reduce((f, w) => f * (SCALE_FACTORS[w] ?? 1), 1);
}

/**
 * Normalizes a unit as written: single spaces, no spaces around `/`, `tỉ` → `tỷ`,
 * `ngàn` → `nghìn`, `%` without a space before `/`.
 */
export function normalizeUnit(raw: string): string {
  // A text repeats a few units thousands of times: remember them rather than run five
  // replacements on each.
  let unit = normalizedUnits.get(raw);
  if (unit === undefined) {
    if (normalizedUnits.size >= 2000) normalizedUnits.clear();
    unit = normalizeUnitOnce(raw);
    normalizedUnits.set(raw, unit);
  }
  return unit;
}

const normalizedUnits = new Map<string, string>();

function normalizeUnitOnce(raw: string): string {
  return raw
    .replace(/\s+/g, ' ')
    .replace(/\s*\/\s*/g, '/')
    .trim()
    .replace(/(^|[^\p{L}])tỉ(?![\p{L}])/gu, '$1tỷ')
    .replace(/(^|[^\p{L}])Tỉ(?![\p{L}])/gu, '$1Tỷ')
    .replace(/(^|[^\p{L}])ngàn(?![\p{L}])/gu, '$1nghìn')
    .replace(/(^|[^\p{L}])Ngàn(?![\p{L}])/gu, '$1Nghìn');
}

/**
 * Reads the unit that follows a figure ending at `pos`. `lower` is the lower-cased copy of
 * `text`. Never throws; returns an empty unit when nothing is recognized.
 */
export function readUnit(text: string, lower: string, pos: number): UnitMatch {
  const rest = lower.slice(pos, pos + 120);
  let len = 0;
  // The compound part ("365 triệu" in "2 tỷ 365 triệu đồng") is folded into the value and
  // left out of the unit text.
  let cutStart = 0;
  let cutEnd = 0;
  let addend = 0;
  let consumedUntil = pos;
  let isMeta = false;

  const pct = PERCENT_RE.exec(rest);
  let isAtLeast = false;
  let baseText = '';
  if (pct) {
    len = pct[0].length;
    const base = pct[0].trim() === '%' ? shareBaseRe().exec(rest.slice(len)) : null;
    if (base) {
      isAtLeast = base[1] !== undefined;
      const words = (base[2] ?? base[3] ?? '').replace(/\s+/g, ' ');
      baseText =
        words === 'grdp' || words === 'gdp'
          ? words.toUpperCase()
          : text.slice(pos + len + base[0].length - words.length, pos + len + base[0].length);
      len += base[0].length;
    }
  } else {
    const scale = SCALE_RE.exec(rest);
    if (scale) {
      len = scale[0].length;
      const factor = factorOf(scale[0]);
      const compound = COMPOUND_RE.exec(rest.slice(len));
      if (compound && compound[1] && compound[2]) {
        const subFactor = factorOf(compound[2]);
        if (subFactor < factor) {
          addend = (Number(compound[1]) * subFactor) / factor;
          cutStart = len;
          len += compound[0].length;
          cutEnd = len;
          consumedUntil = pos + len;
        }
      }
      const cur = CURRENCY_RE.exec(rest.slice(len));
      if (cur) len += cur[0].length;
      else {
        const count = COUNT_RE.exec(rest.slice(len));
        if (count) len += count[0].length;
      }
    } else {
      const cur = CURRENCY_RE.exec(rest);
      if (cur) len = cur[0].length;
      else if (META_RE.test(rest) && !COUNT_RE.test(rest)) {
        isMeta = true;
      } else {
        const count = COUNT_RE.exec(rest);
        const meta = META_RE.exec(rest);
        if (count && !(meta && meta[0].length > count[0].length)) len = count[0].length;
        else if (meta) isMeta = true;
      }
    }
  }

  let perYear = false;
  let perWords = '';
  let nounEnd = -1;
  if (len > 0 && !baseText) {
    for (let i = 0; i < 3; i++) {
      const per = PER_RE.exec(rest.slice(len));
      if (!per) break;
      len += per[0].length;
    }
    const words = PER_WORDS_RE.exec(rest.slice(len));
    if (words && !/\//.test(rest.slice(0, len))) {
      perWords = `/${words[1]}`;
      nounEnd = len;
      len += words[0].length;
    }
  }
  let unit = baseText
    ? `% ${normalizeUnit(baseText)}`
    : normalizeUnit(text.slice(pos, pos + cutStart) + text.slice(pos + cutEnd, pos + (nounEnd >= 0 ? nounEnd : len)) + perWords);
  // A yearly rate keeps its unit bare (`%`), with `perYear`; per-capita yearly income keeps
  // `/người/năm` because that is how the amount itself is named.
  if (/\/năm$/.test(unit) && !/\/người\/năm$/.test(unit)) {
    unit = unit.slice(0, -'/năm'.length);
    perYear = true;
  }
  if (len > 0 && SPACE_PER_YEAR_RE.test(rest.slice(len))) perYear = true;
  return { unit, end: pos + len, perYear, addend, consumedUntil, isMeta, isAtLeast };
}

/**
 * Reads a counted noun at `pos` (after `không còn`), or '' when none. Used for targets of
 * zero, which have no figure of their own.
 */
export function readCountNoun(text: string, lower: string, pos: number): { unit: string; end: number } {
  const m = COUNT_RE.exec(lower.slice(pos, pos + 60));
  if (!m) return { unit: '', end: pos };
  return { unit: normalizeUnit(text.slice(pos, pos + m[0].length)), end: pos + m[0].length };
}

/**
 * The counted whole after a fraction ("1/3 số hộ cận nghèo" → `% số hộ cận nghèo`), or null
 * when none follows. The fraction's value is already a percent of it.
 */
export function readFractionBase(text: string, lower: string, pos: number): { unit: string; end: number } | null {
  const m = shareBaseRe().exec(lower.slice(pos, pos + 120));
  if (!m || m[1] !== undefined) return null;
  const words = m[2] ?? m[3] ?? '';
  return { unit: `% ${normalizeUnit(text.slice(pos + m[0].length - words.length, pos + m[0].length))}`, end: pos + m[0].length };
}
