/**
 * The score sheet: points per criterion, the conditions each level asks for, and the level the
 * rules allow, with the reasons a higher level was not reached, in Vietnamese.
 */
import { GRADE_LEVELS, GRADE_SHORT_VI, type GradeLevel, type LevelCondition, type RuleSet, type SubjectKind } from './rule-sets';

/** How the subject's tasks went in the period (from the app for orgs; declared by members). */
export type TaskFacts = { total: number; onTime: number; late: number; overdue: number; beyond: number };

export type ScoreInput = { subject: SubjectKind; points: Record<string, number>; tasks: TaskFacts };

export type CriterionScore = { key: string; label: string; maxPoints: number; points: number };
export type ScoreResult = {
  total: number;
  maxTotal: number;
  criteria: CriterionScore[];
  level: GradeLevel;
  /** Why each level above the proposed one was not reached. */
  reasons: string[];
};

const pct = (x: number) => `${Math.round(x * 1000) / 10}`.replace('.', ',') + '%';

/** The unmet part of a condition in Vietnamese, or null when it holds. */
export function conditionGap(c: LevelCondition, level: GradeLevel, criteria: CriterionScore[], t: TaskFacts): string | null {
  const name = GRADE_SHORT_VI[level];
  const behind = t.late + t.overdue;
  switch (c.kind) {
    case 'all_on_time': {
      if (behind === 0) return null;
      const parts = [t.overdue > 0 ? `${t.overdue} nhiệm vụ quá hạn` : '', t.late > 0 ? `${t.late} nhiệm vụ trễ hạn` : ''].filter(Boolean);
      return `${parts.join(', ')}, điều kiện mức ${name} là 100% đúng hạn`;
    }
    case 'min_beyond_share': {
      const share = t.total === 0 ? 0 : t.beyond / t.total;
      if (share >= c.min) return null;
      return `${t.beyond}/${t.total} nhiệm vụ vượt yêu cầu (${pct(share)}), điều kiện mức ${name} là từ ${pct(c.min)} trở lên`;
    }
    case 'max_behind_share': {
      const share = t.total === 0 ? 0 : behind / t.total;
      if (share <= c.max) return null;
      return `${behind}/${t.total} nhiệm vụ chậm tiến độ (${pct(share)}), điều kiện mức ${name} là không quá ${pct(c.max)}`;
    }
    case 'min_each_criterion_share': {
      const low = criteria.filter((k) => k.points < c.min * k.maxPoints);
      if (low.length === 0) return null;
      return `tiêu chí "${low.map((k) => k.label).join('", "')}" dưới ${pct(c.min)} số điểm, điều kiện mức ${name} là mọi tiêu chí từ ${pct(c.min)} trở lên`;
    }
    default: {
      const unreachable: never = c;
      return unreachable;
    }
  }
}

/**
 * Scores a sheet under a rule set and proposes the highest level whose points and conditions
 * are all met. Points outside [0, max] and unknown criteria are clamped / ignored, never trusted.
 */
export function scoreSheet(rules: RuleSet, input: ScoreInput): ScoreResult {
  const criteria = rules.criteria[input.subject].map((c) => {
    const raw = input.points[c.key];
    const points = typeof raw === 'number' && Number.isFinite(raw) ? Math.min(c.maxPoints, Math.max(0, raw)) : 0;
    return { key: c.key, label: c.label, maxPoints: c.maxPoints, points };
  });
  const maxTotal = criteria.reduce((a, c) => a + c.maxPoints, 0);
  const raw = criteria.reduce((a, c) => a + c.points, 0);
  // Sheets with another total (a copy with 10-point criteria) are compared on a 100 scale.
  const total = Math.round((maxTotal === 100 ? raw : (raw * 100) / maxTotal) * 100) / 100;
  const reasons: string[] = [];
  for (const rule of rules.levels) {
    const gaps: string[] = [];
    if (total < rule.minPoints) gaps.push(`${fmt(total)} điểm, mức ${GRADE_SHORT_VI[rule.level]} cần từ ${rule.minPoints} điểm`);
    for (const c of rule.conditions) {
      const gap = conditionGap(c, rule.level, criteria, input.tasks);
      if (gap) gaps.push(gap);
    }
    if (gaps.length === 0) return { total, maxTotal, criteria, level: rule.level, reasons };
    reasons.push(`Chưa đạt mức ${GRADE_SHORT_VI[rule.level]}: ${gaps.join('; ')}`);
  }
  // A sound rule set ends with an unconditional `failed`; a broken copy still grades.
  return { total, maxTotal, criteria, level: GRADE_LEVELS[GRADE_LEVELS.length - 1]!, reasons };
}

const fmt = (n: number) => String(n).replace('.', ',');
