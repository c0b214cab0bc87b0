/**
 * Reads a target the way people type it in the target form ("trên 9 tỷ USD", "8,5-8,7" with
 * the unit "%/năm") and writes a spec back as Vietnamese text. The two are inverses: whatever
 * formatTargetSpec writes, parseTargetInput reads back to the same statement.
 */
import { formatVnNumber, parseVnNumber } from '../vn-number';
import { buildTargetSpec, validateTargetSpec, type TargetComparator, type TargetStatement } from './target-spec';

/** A text the parser cannot read; `field` says which form box to highlight. */
export class TargetInputError extends Error {
  readonly field: 'value' | 'unit';

  constructor(field: 'value' | 'unit', message: string) {
    super(message);
    this.name = 'TargetInputError';
    this.field = field;
  }
}

/**
 * `symbol` writes bounds as ≥, >, ≤, < (exact, compact for tables); `words` writes them as
 * resolutions do: "ít nhất", "trên", "tối đa", "dưới".
 */
export type TargetFormatStyle = 'symbol' | 'words';

type Bound = '=' | '>' | '>=' | '<' | '<=' | 'approx';
type Change = 'increase' | 'decrease';
type Level = 'reduce_to' | 'increase_to';
type Effect = { bound?: Bound; change?: Change; level?: Level };

/**
 * A keyword at the start of the text, not followed by a letter ("trên" must not match
 * "trênx"). JavaScript's \b only knows ASCII letters, so a Unicode lookahead stands in for it.
 */
function keyword(words: string): RegExp {
  return new RegExp(`^(?:${words.replace(/ /g, '\\s+')})(?![\\p{L}])\\s*`, 'iu');
}

function symbol(chars: string): RegExp {
  return new RegExp(`^(?:${chars})\\s*`, 'u');
}

// Longer phrases first: "giảm xuống còn" before "giảm", "không dưới" before "dưới".
const PREFIXES: ReadonlyArray<readonly [RegExp, Effect]> = [
  [keyword('phấn đấu|đạt được|đạt mức|đạt|chiếm|ở mức|mức|bằng|là|có|thêm'), {}],
  [keyword('giảm xuống còn|giảm xuống|giảm còn|còn'), { level: 'reduce_to' }],
  [keyword('tăng lên đến|tăng lên|tăng đến|nâng lên|lên'), { level: 'increase_to' }],
  [keyword('tăng'), { change: 'increase' }],
  [keyword('giảm'), { change: 'decrease' }],
  // "không dưới" before "dưới" and "không vượt" before "vượt": a negated strict bound is the
  // non-strict one the other way.
  [keyword('không dưới|không ít hơn|không thấp hơn|ít nhất|tối thiểu|từ'), { bound: '>=' }],
  [keyword('không vượt quá|không vượt|không quá|không cao hơn|tối đa'), { bound: '<=' }],
  [keyword('cao hơn|lớn hơn|nhiều hơn|trên|hơn|vượt'), { bound: '>' }],
  [keyword('thấp hơn|nhỏ hơn|ít hơn|dưới'), { bound: '<' }],
  [keyword('khoảng|xấp xỉ|gần|chừng'), { bound: 'approx' }],
  [symbol('≥|>='), { bound: '>=' }],
  [symbol('≤|<='), { bound: '<=' }],
  [symbol('>'), { bound: '>' }],
  [symbol('<'), { bound: '<' }],
  [symbol('≈|~'), { bound: 'approx' }],
  [symbol('='), { bound: '=' }],
];

const PER_YEAR = String.raw`\s*(?:\/\s*năm|(?:mỗi|hằng|hàng|một)\s+năm)(?![\p{L}])`;
const AVERAGE = String.raw`(?<![\p{L}])bình\s+quân(?![\p{L}])`;
const NUM = String.raw`[+-]?\d(?:[\d.,]*\d)?`;
const RANGE = new RegExp(`^(${NUM})\\s*(%?)\\s*(?:-|–|—|đến|tới)\\s*(${NUM})`, 'iu');
const SINGLE = new RegExp(`^(${NUM})`, 'u');
const AT_LEAST_SUFFIX = /(?<![\p{L}])trở\s+lên(?![\p{L}])/iu;
const AT_MOST_SUFFIX = /(?<![\p{L}])trở\s+xuống(?![\p{L}])/iu;
// "9 tỷ" + "USD" typed in two boxes is one unit; any other pair of different units is a mistake.
const MULTIPLIER_WORD = /^(?:nghìn|ngàn|triệu|tỷ|tỉ|vạn)$/iu;

function clean(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.;:]+$/u, '')
    .trim();
}

/** "tỉ" and "tỷ" are both correct spellings; one unit keeps one spelling so rollups group it. */
function normalizeUnit(unit: string): string {
  return clean(unit)
    .replace(/(?<![\p{L}])tỉ(?![\p{L}])/gu, 'tỷ')
    .replace(/(?<![\p{L}])Tỉ(?![\p{L}])/gu, 'Tỷ');
}

function readNumber(text: string): number {
  const n = parseVnNumber(text);
  if (n === null) throw new TargetInputError('value', `Không đọc được số "${text}"`);
  return n;
}

function combineUnits(inline: string, typed: string): string {
  if (inline === '') return typed;
  if (typed === '' || inline.toLowerCase() === typed.toLowerCase()) return inline;
  if (MULTIPLIER_WORD.test(inline)) return `${inline} ${typed}`;
  throw new TargetInputError('unit', `Đơn vị tính ghi ở hai nơi và không khớp: "${inline}" và "${typed}"`);
}

/**
 * Parses what a user types for a target: the value text and, optionally, the unit text from
 * its own box. ("8,5-8,7", "%/năm") → range 8,5..8,7 unit "%" perYear; "trên 9 tỷ USD" →
 * `>=` 9 unit "tỷ USD"; "giảm còn 1,5%" → reduce_to 1,5; "tăng 8%/năm" → increase_by 8 perYear.
 * "ít nhất" gives `>=` and "trên" gives `>`: they are different promises and both are kept.
 * After "tăng"/"giảm" a bound word is absorbed (increase_by already means "at least this much"),
 * and a range of decreases becomes a range of negative changes ("giảm 1-2%/năm" → -2..-1).
 * Returns the statement only; due year, baseline and path come from their own form fields.
 * Throws TargetInputError when the text holds no number, a number is malformed, the two unit
 * texts disagree, the unit holds a number ("2 tỷ 365 triệu"), or the statement is invalid.
 */
export function parseTargetInput(valueText: string, unitText = ''): TargetStatement {
  let text = clean(valueText);
  let typedUnit = clean(unitText);
  let perYear = false;

  // "/năm" and "bình quân" may sit anywhere, in either box; both mean a yearly average.
  for (const source of [PER_YEAR, AVERAGE]) {
    const found = new RegExp(source, 'iu');
    if (found.test(text) || found.test(typedUnit)) perYear = true;
    const all = new RegExp(source, 'giu');
    text = clean(text.replace(all, ' '));
    typedUnit = clean(typedUnit.replace(all, ' '));
  }

  let bound: Bound | undefined;
  let change: Change | undefined;
  let level: Level | undefined;
  for (let matched = true; matched;) {
    matched = false;
    for (const [pattern, effect] of PREFIXES) {
      const m = pattern.exec(text);
      if (m === null || m[0] === '') continue;
      text = text.slice(m[0].length);
      bound = effect.bound ?? bound;
      change = effect.change ?? change;
      level = effect.level ?? level;
      matched = true;
      break;
    }
  }

  let valueMin: number | null = null;
  let valueMax: number | null = null;
  let value: number | null = null;
  let rest: string;
  const range = RANGE.exec(text);
  const single = range === null ? SINGLE.exec(text) : null;
  if (range !== null) {
    valueMin = readNumber(range[1] ?? '');
    valueMax = readNumber(range[3] ?? '');
    rest = text.slice(range[0].length);
    // "8,5%-8,7%": the first percent sign belongs to the unit that follows the second number.
    if (range[2] === '%' && clean(rest) === '') rest = '%';
  } else if (single !== null) {
    value = readNumber(single[1] ?? '');
    rest = text.slice(single[0].length);
  } else {
    throw new TargetInputError('value', `Không tìm thấy con số trong "${clean(valueText)}"`);
  }

  if (AT_LEAST_SUFFIX.test(rest)) {
    bound = '>=';
    rest = rest.replace(AT_LEAST_SUFFIX, ' ');
  } else if (AT_MOST_SUFFIX.test(rest)) {
    bound = '<=';
    rest = rest.replace(AT_MOST_SUFFIX, ' ');
  }

  const unit = combineUnits(normalizeUnit(rest), normalizeUnit(typedUnit));
  if (/(?:^|\s)[+-]?\d/u.test(unit)) {
    throw new TargetInputError('unit', `Chỉ ghi một con số, đơn vị tính không chứa số: "${unit}"`);
  }

  let comparator: TargetComparator;
  if (valueMin !== null && valueMax !== null) {
    comparator = 'range';
    if (change === 'decrease') [valueMin, valueMax] = [-valueMax, -valueMin];
  } else if (change === 'increase') {
    comparator = 'increase_by';
  } else if (change === 'decrease') {
    comparator = 'decrease_by';
  } else {
    comparator = level ?? bound ?? '=';
  }

  const statement: TargetStatement = { comparator, value, valueMin, valueMax, unit, perYear };
  const errors = validateTargetSpec(buildTargetSpec(statement));
  const message = errors.valueMin ?? errors.valueMax ?? errors.value ?? errors.perYear ?? errors.comparator;
  if (message !== undefined) throw new TargetInputError('value', message);
  if (errors.unit !== undefined) throw new TargetInputError('unit', errors.unit);
  return statement;
}

/** Four decimals keep every figure a resolution writes, and what is written reads back exact. */
const DECIMALS = 4;

function withUnit(numberText: string, unit: string, perYear: boolean): string {
  const u = unit.trim();
  const body = u === '' ? numberText : u.startsWith('%') ? `${numberText}${u}` : `${numberText} ${u}`;
  return perYear ? `${body}/năm` : body;
}

/**
 * Writes a target's statement as Vietnamese text: "8,5–8,7%/năm", "≥ 300 đảng viên" (or
 * "trên 300 đảng viên" with style `words`), "khoảng 80.000 doanh nghiệp", "giảm còn 1,5%",
 * "tăng 8%/năm". A range of negative changes is written as a decrease ("giảm 1–2%/năm").
 * Throws TypeError when the numbers its comparator needs are missing.
 */
export function formatTargetSpec(spec: TargetStatement, options: { style?: TargetFormatStyle } = {}): string {
  const style = options.style ?? 'symbol';
  const n = (x: number): string => formatVnNumber(x, DECIMALS);

  if (spec.comparator === 'range') {
    if (spec.valueMin === null || spec.valueMax === null) {
      throw new TypeError('A range target needs valueMin and valueMax');
    }
    if (spec.valueMax < 0) {
      return `giảm ${withUnit(`${n(-spec.valueMax)}–${n(-spec.valueMin)}`, spec.unit, spec.perYear)}`;
    }
    return withUnit(`${n(spec.valueMin)}–${n(spec.valueMax)}`, spec.unit, spec.perYear);
  }

  if (spec.value === null) throw new TypeError(`A ${spec.comparator} target needs a value`);
  const prefix: Record<Exclude<TargetComparator, 'range'>, string> = {
    '=': '',
    '>': style === 'words' ? 'trên ' : '> ',
    '>=': style === 'words' ? 'ít nhất ' : '≥ ',
    '<': style === 'words' ? 'dưới ' : '< ',
    '<=': style === 'words' ? 'tối đa ' : '≤ ',
    approx: 'khoảng ',
    increase_by: 'tăng ',
    decrease_by: 'giảm ',
    reduce_to: 'giảm còn ',
    increase_to: 'tăng lên ',
  };
  return `${prefix[spec.comparator]}${withUnit(n(spec.value), spec.unit, spec.perYear)}`;
}
