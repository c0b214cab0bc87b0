/**
 * Naming what a target measures from the words around its figure. The name is a proposal a
 * person edits; it drops the words that say when, how much and how (`phấn đấu`, `đến năm
 * 2025`, `bình quân`, `đạt`) and keeps the noun phrase.
 */
import { squash } from './text';

const MAX_LENGTH = 120;

const LEADING = new RegExp(
  '^(?:' +
    [
      '[-+•*–—·]+',
      '\\(\\d{1,3}\\)',
      '(?:\\d{1,2}|[a-zđ]|[ivx]{1,4})[.)]',
      'phấn đấu(?: để)?',
      '(?:đến|tới|vào|trước|trong)\\s+(?:hết\\s+|cuối\\s+)?(?:năm\\s+)?(?:19|20)\\d\\d',
      'năm\\s+(?:19|20)\\d\\d',
      '(?:giai đoạn|nhiệm kỳ)\\s+(?:19|20)\\d\\d\\s*[-–—]\\s*(?:19|20)\\d\\d',
      'trong đó(?: có)?',
      'riêng',
      'bao gồm',
      'cụ thể(?: là)?',
      'mục tiêu(?: là)?',
      'chỉ tiêu(?: là)?',
      'hằng năm',
      'hàng năm',
      'mỗi năm',
      'bình quân hằng năm',
      'và',
      'có',
      'đạt',
      'bảo đảm',
      'đảm bảo',
      'đến',
      'thì',
      ',',
      ':',
    ].join('|') +
    ')(?![\\p{L}])\\s*',
  'iu',
);

const TRAILING = new RegExp(
  '\\s*(?:' +
    [
      'đạt(?: mức| tỷ lệ| tỉ lệ)?',
      'là',
      'bình quân(?: hằng năm| hàng năm| mỗi năm)?',
      'ở mức',
      'chiếm(?: tỷ lệ| tỉ lệ)?',
      'có',
      'tăng',
      'giảm',
      'được',
      'mỗi năm',
      'hằng năm',
      'hàng năm',
      'phấn đấu',
      '(?:đến|tới|vào|trước|trong)\\s+(?:hết\\s+|cuối\\s+)?(?:năm\\s+)?(?:19|20)\\d\\d',
      '(?:giai đoạn|nhiệm kỳ)\\s+(?:19|20)\\d\\d\\s*[-–—]\\s*(?:19|20)\\d\\d',
      'năm\\s+(?:19|20)\\d\\d',
      '[,:;(\\-–≥≤<>=~≈]',
    ].join('|') +
    ')$',
  'iu',
);

function strip(text: string): string {
  let s = squash(text);
  for (let i = 0; i < 12; i++) {
    const next = s.replace(LEADING, '').replace(TRAILING, '').trim();
    if (next === s) break;
    s = next;
  }
  return s;
}

function clip(text: string): string {
  if (text.length <= MAX_LENGTH) return text;
  const cut = text.slice(0, MAX_LENGTH);
  const space = cut.lastIndexOf(' ');
  return (space > 40 ? cut.slice(0, space) : cut).trim();
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The counted whole of a share unit ("% số thôn" → "thôn", "% dân số", "%" → ""), or null for another unit. */
function shareNoun(unit: string): string | null {
  if (unit === '%') return '';
  const m = /^% (?:số |tổng số )?(.+)$/u.exec(unit);
  if (!m || /^(?:grdp|gdp)$/iu.test(m[1]!) || /^tổng /u.test(m[1]!)) return null;
  return m[1]!;
}

const PER_POPULATION = /^(.+?)\/((?:vạn|nghìn|1\.000|10\.000|100\.000|100) (?:dân|người|trẻ.*))$/u;
const RANK_VERB =
  /\s+(?:nằm trong|nằm trong nhóm|thuộc|thuộc nhóm|duy trì trong|duy trì|vươn lên|đứng trong|đứng|xếp trong|trong|vào)(?![\p{L}]).*$/iu;

/**
 * The name of a target, made whole from what its unit says: a rank is "Xếp hạng …", a fraction
 * of a counted whole is "Số …" of it, a rate per population keeps its base ("Số bác sĩ trên
 * vạn dân"). Returns the name unchanged otherwise.
 */
export function refineName(name: string, unit: string, how: { isFraction: boolean; isRank: boolean }): string {
  if (how.isFraction && unit.startsWith('% ')) return capitalize(unit.slice(2));
  if (how.isRank) {
    const about = /(?:^|\s)về\s+(.+)$/iu.exec(name);
    let subject = about ? about[1]! : name.replace(RANK_VERB, '');
    subject = subject.replace(/(?:^|\s)(?:top|tốp|nhóm)(?:\s+hạng)?.*$/iu, '').trim();
    if (subject === '' || /^(?:thuộc|nằm|top|tốp|nhóm)/iu.test(subject)) return name;
    return /^xếp hạng/iu.test(subject) ? capitalize(subject) : `Xếp hạng ${subject.charAt(0).toLowerCase()}${subject.slice(1)}`;
  }
  const per = PER_POPULATION.exec(unit);
  if (per) {
    const [, noun = '', base = ''] = per;
    const lowered = name.toLowerCase();
    if (lowered.includes(base) || lowered.includes(' trên ')) return name;
    const head = name !== '' && lowered.includes(noun.split(' ')[0]!) && !/^\d/.test(name) ? name : `Số ${noun}`;
    return `${head} trên ${base}`;
  }
  return name;
}

/**
 * Proposes an indicator name from the clause words before the figure's comparator
 * (`before`), the counted noun (`countUnit`, '' when the unit is not a noun) and the words
 * after the unit (`after`). Returns '' when nothing nameable is left.
 */
export function nameIndicator(before: string, countUnit: string, after: string, unit = ''): string {
  // What comes before "phấn đấu" is the sentence's preamble, not the indicator.
  const aim = before.split(/phấn đấu/iu);
  const head = strip(aim[aim.length - 1] ?? '');
  const tail = strip(after.replace(/(?:^|\s)trở (?:lên|xuống)(?![\p{L}])/u, ' '));
  const weakHead = head === '' || /^(?:toàn tỉnh|toàn thành phố|toàn huyện|toàn đảng bộ|cả nước|toàn xã)$/iu.test(head);
  // "70% số thôn đạt chuẩn thôn văn hóa": a share named by what follows it is a rate of the
  // counted whole ("Tỷ lệ thôn đạt chuẩn thôn văn hóa").
  const share = shareNoun(unit);
  if (weakHead && share !== null && tail !== '') return clip(capitalize(squash(`Tỷ lệ ${share} ${tail}`)));
  if (countUnit) {
    const named = head.toLowerCase().includes(countUnit.toLowerCase());
    const parts = [weakHead ? `Số ${countUnit}` : named ? head : `${head} ${countUnit}`, tail].filter(Boolean);
    return clip(capitalize(squash(parts.join(' '))));
  }
  return clip(capitalize(weakHead ? tail : head));
}
