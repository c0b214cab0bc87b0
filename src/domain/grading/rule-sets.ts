/**
 * Grading rule sets (bộ tiêu chí, thang điểm) as data. A rule set names its legal basis, the
 * period kinds it grades, the criteria with their points per kind of subject (a member or a
 * party organization), the four levels with their thresholds and conditions, and the quota of
 * the top level. An administrator adds a version by copying one and changing it: nothing here
 * is code that has to change.
 *
 * Points: QĐ 366-QĐ/TW (30/08/2025) scores on 100 points. QĐ 132-QĐ/TW (08/3/2018) and
 * QĐ 124-QĐ/TW (04/10/2023) rate criteria in words; the 100-point sheet used for them here is
 * the scale committees' guidelines commonly map those words to (each criterion at least
 * "xuất sắc" ≈ 80%, "tốt" ≈ 60% of its points), so that one engine grades all three.
 */

export type GradeLevel = 'excellent' | 'good' | 'completed' | 'failed';
/** Highest first: the order in which levels are tried. */
export const GRADE_LEVELS: readonly GradeLevel[] = ['excellent', 'good', 'completed', 'failed'];

export const GRADE_LABELS: Readonly<Record<'vi' | 'en', Readonly<Record<GradeLevel, string>>>> = {
  vi: {
    excellent: 'Hoàn thành xuất sắc nhiệm vụ',
    good: 'Hoàn thành tốt nhiệm vụ',
    completed: 'Hoàn thành nhiệm vụ',
    failed: 'Không hoàn thành nhiệm vụ',
  },
  en: { excellent: 'Excellent', good: 'Good', completed: 'Completed', failed: 'Failed' },
};
/** The short name of a level in reasons ("điều kiện mức Tốt …"). */
export const GRADE_SHORT_VI: Readonly<Record<GradeLevel, string>> = {
  excellent: 'Xuất sắc',
  good: 'Tốt',
  completed: 'Hoàn thành',
  failed: 'Không hoàn thành',
};

/** Rank of a level: higher is better (failed 0 … excellent 3). */
export const gradeRank = (level: GradeLevel): number => GRADE_LEVELS.length - 1 - GRADE_LEVELS.indexOf(level);

export type SubjectKind = 'member' | 'org';
export type GradingPeriodKind = 'quarter' | 'year' | 'term';

export type Criterion = { key: string; label: string; maxPoints: number };

/** A condition a level asks for besides its points. Shares are fractions (0.3 is 30%). */
export type LevelCondition =
  /** Every task done on time: no task late or overdue. */
  | { kind: 'all_on_time' }
  /** At least this share of tasks done beyond requirement. */
  | { kind: 'min_beyond_share'; min: number }
  /** At most this share of tasks behind schedule (late or overdue). */
  | { kind: 'max_behind_share'; max: number }
  /** Every criterion scored at least this share of its points. */
  | { kind: 'min_each_criterion_share'; min: number };

export type LevelRule = { level: GradeLevel; minPoints: number; conditions: LevelCondition[] };

/** The top level may go to at most `maxShare` of the subjects graded together (rounded down). */
export type Quota = { level: 'excellent'; maxShare: number };

export type RuleSet = {
  code: string;
  /** 1 for a built-in; a copy with changes gets the next number. */
  version: number;
  name: string;
  legalBasis: { symbol: string; date: string; title: string };
  /** The first day of the periods it grades (by the period's last day); the next set's start ends it. */
  effectiveFrom: string;
  periodKinds: GradingPeriodKind[];
  criteria: Record<SubjectKind, Criterion[]>;
  /** Highest first; the last is `failed` with 0 points and no conditions. */
  levels: LevelRule[];
  quota: Quota;
};

const qualitativeLevels: LevelRule[] = [
  { level: 'excellent', minPoints: 90, conditions: [{ kind: 'min_each_criterion_share', min: 0.8 }] },
  { level: 'good', minPoints: 70, conditions: [{ kind: 'min_each_criterion_share', min: 0.6 }] },
  { level: 'completed', minPoints: 50, conditions: [] },
  { level: 'failed', minPoints: 0, conditions: [] },
];

const memberCriteria2018: Criterion[] = [
  { key: 'politics', label: 'Tư tưởng chính trị', maxPoints: 20 },
  { key: 'ethics', label: 'Phẩm chất đạo đức, lối sống', maxPoints: 20 },
  { key: 'discipline', label: 'Tác phong, lề lối làm việc; ý thức tổ chức kỷ luật', maxPoints: 20 },
  { key: 'results', label: 'Kết quả thực hiện chức trách, nhiệm vụ được giao', maxPoints: 40 },
];
const orgCriteria2018: Criterion[] = [
  { key: 'leadership', label: 'Lãnh đạo thực hiện nhiệm vụ chính trị', maxPoints: 40 },
  { key: 'party_building', label: 'Công tác xây dựng Đảng về chính trị, tư tưởng, đạo đức, tổ chức và cán bộ', maxPoints: 30 },
  { key: 'oversight', label: 'Công tác kiểm tra, giám sát và thi hành kỷ luật đảng', maxPoints: 15 },
  { key: 'mass', label: 'Lãnh đạo công tác dân vận, mặt trận và đoàn thể', maxPoints: 15 },
];

export const QD_132: RuleSet = {
  code: 'QD132',
  version: 1,
  name: 'Kiểm điểm, đánh giá, xếp loại chất lượng hằng năm (QĐ 132-QĐ/TW)',
  legalBasis: {
    symbol: '132-QĐ/TW',
    date: '2018-03-08',
    title: 'Quy định về việc kiểm điểm và đánh giá, xếp loại chất lượng hằng năm đối với tập thể, cá nhân trong hệ thống chính trị',
  },
  effectiveFrom: '2018-03-08',
  periodKinds: ['year'],
  criteria: { member: memberCriteria2018, org: orgCriteria2018 },
  levels: qualitativeLevels,
  // "không vượt quá 20%" of those graded together.
  quota: { level: 'excellent', maxShare: 0.2 },
};

export const QD_124: RuleSet = {
  code: 'QD124',
  version: 1,
  name: 'Kiểm điểm, đánh giá, xếp loại chất lượng hằng năm (QĐ 124-QĐ/TW)',
  legalBasis: {
    symbol: '124-QĐ/TW',
    date: '2023-10-04',
    title: 'Quy định về kiểm điểm và đánh giá, xếp loại chất lượng hằng năm đối với tập thể, cá nhân trong hệ thống chính trị',
  },
  effectiveFrom: '2023-10-04',
  periodKinds: ['year', 'term'],
  criteria: { member: memberCriteria2018, org: orgCriteria2018 },
  levels: qualitativeLevels,
  quota: { level: 'excellent', maxShare: 0.2 },
};

export const QD_366: RuleSet = {
  code: 'QD366',
  version: 1,
  name: 'Kiểm điểm, đánh giá, xếp loại chất lượng theo thang điểm 100 (QĐ 366-QĐ/TW)',
  legalBasis: {
    symbol: '366-QĐ/TW',
    date: '2025-08-30',
    title: 'Quy định về kiểm điểm, đánh giá, xếp loại chất lượng đối với tập thể, cá nhân trong hệ thống chính trị',
  },
  effectiveFrom: '2025-08-30',
  periodKinds: ['quarter', 'year', 'term'],
  criteria: {
    member: [
      { key: 'politics_ethics', label: 'Chính trị tư tưởng, đạo đức, lối sống, ý thức tổ chức kỷ luật', maxPoints: 30 },
      { key: 'results', label: 'Kết quả thực hiện nhiệm vụ được giao (số lượng, chất lượng, tiến độ)', maxPoints: 70 },
    ],
    org: [
      { key: 'leadership', label: 'Lãnh đạo, chỉ đạo thực hiện nhiệm vụ chính trị, chỉ tiêu được giao', maxPoints: 60 },
      { key: 'party_building', label: 'Công tác xây dựng Đảng và hệ thống chính trị', maxPoints: 25 },
      { key: 'oversight', label: 'Kiểm tra, giám sát, dân vận', maxPoints: 15 },
    ],
  },
  levels: [
    { level: 'excellent', minPoints: 90, conditions: [{ kind: 'all_on_time' }, { kind: 'min_beyond_share', min: 0.3 }] },
    { level: 'good', minPoints: 70, conditions: [] },
    { level: 'completed', minPoints: 50, conditions: [{ kind: 'max_behind_share', max: 0.2 }] },
    { level: 'failed', minPoints: 0, conditions: [] },
  ],
  quota: { level: 'excellent', maxShare: 0.2 },
};

export const BUILT_IN_RULE_SETS: readonly RuleSet[] = [QD_132, QD_124, QD_366];

/**
 * The rule set in force for a period: the latest (by effective date, then version) whose
 * effective date is on or before the period's last day and that grades this kind of period.
 * Null when none does (a quarter before QĐ 366, a year before 2018).
 */
export function ruleSetFor(sets: readonly RuleSet[], periodKind: GradingPeriodKind, periodEnd: string): RuleSet | null {
  let best: RuleSet | null = null;
  for (const s of sets) {
    if (s.effectiveFrom > periodEnd) continue;
    if (!best || s.effectiveFrom > best.effectiveFrom || (s.effectiveFrom === best.effectiveFrom && s.version > best.version)) best = s;
  }
  // The set in force is the latest one; a kind it does not grade is not graded under an older one.
  return best && best.periodKinds.includes(periodKind) ? best : null;
}

/** Problems that make a rule set unusable, in Vietnamese; empty when it is sound. */
export function ruleSetProblems(s: RuleSet): string[] {
  const problems: string[] = [];
  for (const kind of ['member', 'org'] as const) {
    const total = s.criteria[kind].reduce((a, c) => a + c.maxPoints, 0);
    if (total <= 0) problems.push(`Tiêu chí (${kind}) phải có tổng điểm lớn hơn 0`);
    if (new Set(s.criteria[kind].map((c) => c.key)).size !== s.criteria[kind].length) problems.push(`Mã tiêu chí (${kind}) bị trùng`);
  }
  const order = s.levels.map((l) => l.level).join(',');
  if (order !== GRADE_LEVELS.join(',')) problems.push('Các mức phải theo thứ tự: xuất sắc, tốt, hoàn thành, không hoàn thành');
  for (let i = 1; i < s.levels.length; i++) {
    if (s.levels[i]!.minPoints > s.levels[i - 1]!.minPoints) problems.push('Ngưỡng điểm của mức thấp hơn không được cao hơn mức trên');
  }
  const last = s.levels[s.levels.length - 1];
  if (last && (last.minPoints !== 0 || last.conditions.length > 0)) problems.push('Mức "không hoàn thành" không có ngưỡng và điều kiện');
  if (s.quota.maxShare < 0 || s.quota.maxShare > 1) problems.push('Tỷ lệ tối đa của mức xuất sắc phải từ 0 đến 100%');
  return problems;
}
