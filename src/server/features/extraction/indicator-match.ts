/**
 * Matching an extracted indicator name ("Thu hút vốn đầu tư trực tiếp nước ngoài") to the
 * catalog ("Vốn đầu tư trực tiếp nước ngoài thu hút"). Resolutions name the same thing in many
 * word orders, so the proposal compares folded content words; the import itself only accepts an
 * exact match ignoring diacritics, because a person has already confirmed the proposal.
 */
import { foldVietnamese } from '../../../domain/vn-text';

export type CatalogIndicator = { id: number; name: string; unit: string };
/** The catalog row that matched (as the catalog gave it: the answer sends the whole indicator), with its score. */
export type IndicatorMatch = { id: number; name: string; unit: string; score: number; isExact: boolean };

/** Below this Dice score two names share too few words to be the same indicator. */
const MIN_SCORE = 0.5;

/** "tỉ" and "tỷ" are one word spelled two ways; folded they differ ("ti", "ty"). */
function unifySpelling(text: string): string {
  return text
    .normalize('NFC')
    .replace(/(?<![\p{L}])([tT])([ỉỈ])(?![\p{L}])/gu, (_, t: string, i: string) => `${t}${i === 'ỉ' ? 'ỷ' : 'Ỷ'}`);
}

/** The comparison key of a name: folded, spelling unified, punctuation and spaces collapsed. */
export function indicatorKey(name: string): string {
  return foldVietnamese(unifySpelling(name))
    .replace(/[^a-z0-9%]+/g, ' ')
    .trim();
}

// Many words name one thing, and a few words change what is measured. Applied to the folded
// name, longest first; the one-word forms then stand for the thing itself.
const SYNONYMS: Array<[RegExp, string]> = [
  [/\bti (le|trong)\b/g, 'ty $1'],
  [/\btang truong kinh te\b/g, 'tang truong grdp'],
  [/\b(?:tong san pham tren dia ban|tong san pham|gdp)\b/g, 'grdp'],
  [/\b(?:to chuc co so dang|to chuc dang|chi bo dang bo co so|dang bo co so|chi bo|to chuc co so)\b/g, 'tcdang'],
  [/\bdang vien\b/g, 'dangvien'],
  [
    /\b(?:doanh nghiep ngoai khu vuc kinh te nha nuoc|doanh nghiep ngoai khu vuc nha nuoc|doanh nghiep ngoai nha nuoc|doanh nghiep tu nhan|khu vuc tu nhan)\b/g,
    'dnngoainhanuoc',
  ],
  [/\b(?:von dau tu truc tiep nuoc ngoai|dau tu truc tiep nuoc ngoai|von dau tu nuoc ngoai|dau tu nuoc ngoai|von fdi|fdi)\b/g, 'fdi'],
  [/\b(?:nguoi dan|dan cu|dan so)\b/g, 'danso'],
  [/\b(?:do che phu|che phu)\b/g, 'chephu'],
  [/\bcan ngheo\b/g, 'canngheo'],
  [/\bnhap khau\b/g, 'nhapkhau'],
  [/\b(?:xuat khau|gia tri xuat khau)\b/g, 'xuatkhau'],
  [/\b(?:bao hiem y te|bhyt)\b/g, 'bhyt'],
  [/\b(?:bao hiem xa hoi|bhxh)\b/g, 'bhxh'],
  [/\bbac si\b/g, 'bacsi'],
  [/\bduoc si\b/g, 'duocsi'],
  [/\bgiuong benh\b/g, 'giuongbenh'],
  [/\bnong thon moi nang cao\b/g, 'ntmnangcao'],
  [/\bnong thon moi kieu mau\b/g, 'ntmkieumau'],
  [/\bnong thon moi\b/g, 'ntm'],
  [/\bthanh lap moi\b/g, 'thanhlapmoi'],
  [/\bdan toc thieu so\b/g, 'dtts'],
  [/\b(?:thu tuc hanh chinh|dich vu cong)\b/g, 'tthc'],
  [/\b(?:truc tuyen toan trinh|truc tuyen)\b/g, 'tructuyen'],
  [/\b(?:bao phu|tham gia|co the)\b/g, 'thamgia'],
  [/\b(?:hoan thanh tot nhiem vu tro len|hoan thanh tot nhiem vu)\b/g, 'htt'],
  [/\b(?:do thi hoa)\b/g, 'dothihoa'],
];

/**
 * Words that decide which thing is measured: a name holding one cannot be an indicator without
 * it ("hộ cận nghèo" is not "hộ nghèo", members are not party organizations, imports are not
 * exports). A catalog name holding one the text lacks is a narrower indicator: it scores less.
 */
const DECISIVE = new Set([
  'tcdang',
  'dangvien',
  'dnngoainhanuoc',
  'canngheo',
  'nhapkhau',
  'xuatkhau',
  'bhyt',
  'bhxh',
  'bacsi',
  'duocsi',
  'giuongbenh',
  'ntmnangcao',
  'ntmkieumau',
  'thanhlapmoi',
  'dtts',
]);

// Words every indicator name has or that say nothing of what is measured.
const STOP = new Set(
  'va cua cac cho trong tren duoi voi theo nham de la co duoc nhung mot tai tu den nam phan dau tiep tuc thuc hien day manh tang cuong ty le so toan tinh moi ve o khu vuc dat binh quan chung muc do cung cap giai quyet'.split(
    ' ',
  ),
);

/** The content words of an indicator name, folded, with synonyms brought to one form. */
export function meaningWords(name: string): Set<string> {
  let key = indicatorKey(name);
  for (const [re, to] of SYNONYMS) key = key.replace(re, to);
  return new Set(key.split(' ').filter((w) => w.length > 1 && !STOP.has(w) && !/^\d+$/.test(w)));
}

type UnitKind = 'percent' | 'money' | 'per' | 'count' | 'none';

/** What kind of quantity a unit measures: a share, money, a rate per population, a count. */
function unitKind(unit: string): UnitKind {
  const u = indicatorKey(unit);
  if (u === '') return 'none';
  if (u.startsWith('%')) return 'percent';
  if (/\b(?:dong|usd|vnd)\b/.test(u)) return 'money';
  if (unit.includes('/')) return 'per';
  return 'count';
}

/**
 * How sure a match of the extracted name and unit to one catalog indicator is (0..1): the Dice
 * score of their meaning words; 0 when the text names a decisive word the indicator lacks;
 * lowered when the indicator is narrower, and when the units measure different kinds of
 * quantity (a share against an amount) or are different units of one kind.
 */
export function matchConfidence(name: string, unit: string, candidate: CatalogIndicator): number {
  const a = meaningWords(name);
  const b = meaningWords(candidate.name);
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) {
    if (b.has(w)) shared++;
    else if (DECISIVE.has(w)) return 0;
  }
  // One shared word ("Xã" and "Tỷ lệ xã đạt chuẩn nông thôn mới") is a coincidence, not a meaning.
  if (shared < Math.min(2, b.size)) return 0;
  let score = (2 * shared) / (a.size + b.size);
  for (const w of b) if (DECISIVE.has(w) && !a.has(w)) score *= 0.7;
  const ka = unitKind(unit);
  const kb = unitKind(candidate.unit);
  if (ka !== 'none' && kb !== 'none') {
    if (ka !== kb) score *= 0.6;
    else if (indicatorKey(unit) !== indicatorKey(candidate.unit) && ka !== 'money') score *= 0.9;
  }
  return score;
}

/**
 * The catalog indicator an extracted name most likely means, or null when none is close
 * enough (see `matchConfidence`). An exact match ignoring diacritics scores 1.
 */
export function matchIndicator<T extends CatalogIndicator>(name: string, unit: string, catalog: readonly T[]): IndicatorMatch | null {
  const key = indicatorKey(name);
  if (key === '') return null;
  let best: IndicatorMatch | null = null;
  for (const c of catalog) {
    if (indicatorKey(c.name) === key) return { id: c.id, name: c.name, unit: c.unit, score: 1, isExact: true };
    const score = matchConfidence(name, unit, c);
    if (score >= MIN_SCORE && (best === null || score > best.score))
      best = { id: c.id, name: c.name, unit: c.unit, score: Math.round(score * 100) / 100, isExact: false };
  }
  return best;
}

/** The catalog indicator with exactly this name ignoring diacritics, if any. */
export function findIndicatorByName<T extends CatalogIndicator>(name: string, catalog: readonly T[]): T | undefined {
  const key = indicatorKey(name);
  return key === '' ? undefined : catalog.find((c) => indicatorKey(c.name) === key);
}

/**
 * A catalog code for a new indicator from its name: "Số hợp tác xã" → "SO_HOP_TAC_XA", cut to
 * fit the 40 characters the catalog allows, with a numeric suffix when the code is taken.
 */
export function indicatorCodeFor(name: string, taken: ReadonlySet<string>): string {
  const base = indicatorKey(name).replace(/%/g, ' ').trim().toUpperCase().replace(/\s+/g, '_').slice(0, 34).replace(/_+$/, '') || 'CHI_SO';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const code = `${base}_${n}`;
    if (!taken.has(code)) return code;
  }
}
