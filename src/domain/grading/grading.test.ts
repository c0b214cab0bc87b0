import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_RULE_SETS,
  QD_124,
  QD_132,
  QD_366,
  checkQuota,
  conditionGap,
  expectedStep,
  failedTwoYearsRunning,
  gradeRank,
  gradingPeriod,
  nextEvaluationStatus,
  quotaLimit,
  ruleSetFor,
  ruleSetProblems,
  scoreSheet,
  shareAtLeast,
  type GradeLevel,
  type RuleSet,
  type SubjectKind,
  type TaskFacts,
} from './index';

const noTasks: TaskFacts = { total: 0, onTime: 0, late: 0, overdue: 0, beyond: 0 };
const allOnTime: TaskFacts = { total: 10, onTime: 10, late: 0, overdue: 0, beyond: 3 };

/** Points spread over a sheet's criteria in proportion to their weight, summing to `total`. */
function pointsFor(rules: RuleSet, subject: SubjectKind, total: number): Record<string, number> {
  const points: Record<string, number> = {};
  for (const c of rules.criteria[subject]) points[c.key] = (c.maxPoints * total) / 100;
  return points;
}
const grade = (rules: RuleSet, subject: SubjectKind, total: number, tasks: TaskFacts = allOnTime) =>
  scoreSheet(rules, { subject, points: pointsFor(rules, subject, total), tasks }).level;

describe('built-in rule sets', () => {
  it('are sound', () => {
    for (const s of BUILT_IN_RULE_SETS) expect(ruleSetProblems(s)).toEqual([]);
  });
  it('pick the rule set in force for the period', () => {
    expect(ruleSetFor(BUILT_IN_RULE_SETS, 'year', '2021-12-31')?.code).toBe('QD132');
    expect(ruleSetFor(BUILT_IN_RULE_SETS, 'year', '2023-12-31')?.code).toBe('QD124');
    expect(ruleSetFor(BUILT_IN_RULE_SETS, 'year', '2024-12-31')?.code).toBe('QD124');
    expect(ruleSetFor(BUILT_IN_RULE_SETS, 'year', '2025-12-31')?.code).toBe('QD366');
    expect(ruleSetFor(BUILT_IN_RULE_SETS, 'quarter', '2026-03-31')?.code).toBe('QD366');
    expect(ruleSetFor(BUILT_IN_RULE_SETS, 'quarter', '2024-03-31')).toBeNull();
    expect(ruleSetFor(BUILT_IN_RULE_SETS, 'year', '2017-12-31')).toBeNull();
  });
  it('prefers the newer version of the same start', () => {
    const copy: RuleSet = { ...QD_366, version: 2, quota: { level: 'excellent', maxShare: 0.15 } };
    expect(ruleSetFor([...BUILT_IN_RULE_SETS, copy], 'year', '2026-12-31')?.version).toBe(2);
  });
  it('reports a broken copy', () => {
    const broken: RuleSet = { ...QD_366, levels: [...QD_366.levels].reverse() };
    expect(ruleSetProblems(broken).length).toBeGreaterThan(0);
  });
});

describe('QĐ 366 levels at their thresholds', () => {
  for (const subject of ['member', 'org'] as const) {
    it(`grades a ${subject} at 90 / 89,99 / 70 / 69,99 / 50 / 49,99`, () => {
      expect(grade(QD_366, subject, 90)).toBe('excellent');
      expect(grade(QD_366, subject, 89.99)).toBe('good');
      expect(grade(QD_366, subject, 70)).toBe('good');
      expect(grade(QD_366, subject, 69.99)).toBe('completed');
      expect(grade(QD_366, subject, 50)).toBe('completed');
      expect(grade(QD_366, subject, 49.99)).toBe('failed');
    });
  }
  it('keeps 100 points below excellent when a task is overdue, and says why', () => {
    const r = scoreSheet(QD_366, {
      subject: 'org',
      points: pointsFor(QD_366, 'org', 100),
      tasks: { total: 10, onTime: 8, late: 0, overdue: 2, beyond: 5 },
    });
    expect(r.level).toBe('good');
    expect(r.reasons[0]).toBe('Chưa đạt mức Xuất sắc: 2 nhiệm vụ quá hạn, điều kiện mức Xuất sắc là 100% đúng hạn');
  });
  it('asks 30% of tasks beyond requirement for excellent', () => {
    expect(grade(QD_366, 'member', 95, { total: 10, onTime: 10, late: 0, overdue: 0, beyond: 3 })).toBe('excellent');
    expect(grade(QD_366, 'member', 95, { total: 10, onTime: 10, late: 0, overdue: 0, beyond: 2 })).toBe('good');
    expect(grade(QD_366, 'member', 95, noTasks)).toBe('good');
  });
  it('allows at most 20% of tasks behind schedule for completed', () => {
    expect(grade(QD_366, 'member', 60, { total: 10, onTime: 8, late: 1, overdue: 1, beyond: 0 })).toBe('completed');
    const r = scoreSheet(QD_366, {
      subject: 'member',
      points: pointsFor(QD_366, 'member', 60),
      tasks: { total: 10, onTime: 7, late: 2, overdue: 1, beyond: 0 },
    });
    expect(r.level).toBe('failed');
    expect(r.reasons.at(-1)).toContain('3/10 nhiệm vụ chậm tiến độ (30%), điều kiện mức Hoàn thành là không quá 20%');
  });
});

describe('QĐ 124 and QĐ 132 levels at their thresholds', () => {
  for (const rules of [QD_124, QD_132]) {
    for (const subject of ['member', 'org'] as const) {
      it(`${rules.code}: grades a ${subject} at 90 / 89,99 / 70 / 69,99 / 50 / 49,99`, () => {
        expect(grade(rules, subject, 90, noTasks)).toBe('excellent');
        expect(grade(rules, subject, 89.99, noTasks)).toBe('good');
        expect(grade(rules, subject, 70, noTasks)).toBe('good');
        expect(grade(rules, subject, 69.99, noTasks)).toBe('completed');
        expect(grade(rules, subject, 50, noTasks)).toBe('completed');
        expect(grade(rules, subject, 49.99, noTasks)).toBe('failed');
      });
    }
    it(`${rules.code}: one weak criterion keeps a high total below excellent`, () => {
      const points = { politics: 20, ethics: 20, discipline: 20, results: 31 };
      const r = scoreSheet(rules, { subject: 'member', points, tasks: noTasks });
      expect(r.total).toBe(91);
      expect(r.level).toBe('good');
      expect(r.reasons[0]).toContain('Kết quả thực hiện chức trách');
    });
  }
});

describe('score sheet', () => {
  it('clamps points to each criterion and ignores unknown keys', () => {
    const r = scoreSheet(QD_366, { subject: 'member', points: { politics_ethics: 45, results: -3, bogus: 50 }, tasks: noTasks });
    expect(r.criteria.map((c) => c.points)).toEqual([30, 0]);
    expect(r.total).toBe(30);
  });
});

const arbTasks = fc.record({ onTime: fc.nat(20), late: fc.nat(5), overdue: fc.nat(5), beyond: fc.nat(20) }).map((t) => ({
  ...t,
  total: t.onTime + t.late + t.overdue,
  beyond: Math.min(t.beyond, t.onTime),
}));
const arbCase = fc.record({
  rules: fc.constantFrom(...BUILT_IN_RULE_SETS),
  subject: fc.constantFrom<SubjectKind>('member', 'org'),
  fractions: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }),
  tasks: arbTasks,
});
const pointsOf = (rules: RuleSet, subject: SubjectKind, fractions: number[]) =>
  Object.fromEntries(rules.criteria[subject].map((c, i) => [c.key, Math.round(c.maxPoints * fractions[i]! * 100) / 100]));

describe('properties', () => {
  it('never proposes a level above what its points and conditions allow', () => {
    fc.assert(
      fc.property(arbCase, ({ rules, subject, fractions, tasks }) => {
        const r = scoreSheet(rules, { subject, points: pointsOf(rules, subject, fractions), tasks });
        const rule = rules.levels.find((l) => l.level === r.level)!;
        expect(r.total).toBeGreaterThanOrEqual(rule.minPoints);
        for (const c of rule.conditions) expect(conditionGap(c, r.level, r.criteria, tasks)).toBeNull();
      }),
    );
  });
  it('never lowers the level when any criterion is raised', () => {
    fc.assert(
      fc.property(arbCase, fc.nat(3), fc.double({ min: 0, max: 1, noNaN: true }), ({ rules, subject, fractions, tasks }, which, raise) => {
        const before = scoreSheet(rules, { subject, points: pointsOf(rules, subject, fractions), tasks });
        const raised = fractions.map((f, i) => (i === which ? Math.min(1, f + raise) : f));
        const after = scoreSheet(rules, { subject, points: pointsOf(rules, subject, raised), tasks });
        expect(gradeRank(after.level)).toBeGreaterThanOrEqual(gradeRank(before.level));
      }),
    );
  });
  it('never exceeds the quota, whatever the order of decisions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom<GradeLevel>('excellent', 'good', 'completed', 'failed'), { maxLength: 60 }),
        fc.constantFrom(...BUILT_IN_RULE_SETS),
        (wanted, rules) => {
          let taken = 0;
          for (const level of wanted) {
            if (level === 'excellent' && checkQuota(rules.quota, wanted.length, taken).ok) taken += 1;
          }
          expect(taken).toBeLessThanOrEqual(quotaLimit(rules.quota, wanted.length));
          expect(taken).toBe(Math.min(wanted.filter((l) => l === 'excellent').length, quotaLimit(rules.quota, wanted.length)));
        },
      ),
    );
  });
});

describe('quota', () => {
  it('refuses with the numbers', () => {
    expect(quotaLimit(QD_366.quota, 10)).toBe(2);
    expect(checkQuota(QD_366.quota, 10, 1)).toEqual({ ok: true });
    const r = checkQuota(QD_366.quota, 10, 2);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe('Vượt tỷ lệ mức Hoàn thành xuất sắc: đã có 2/10, tối đa 2 (20%)');
  });
});

describe('workflow', () => {
  it('goes in order and skips nothing', () => {
    expect(nextEvaluationStatus('draft', 'self_assess')).toBe('self_assessed');
    expect(nextEvaluationStatus('draft', 'decide')).toBeNull();
    expect(nextEvaluationStatus('self_assessed', 'propose')).toBeNull();
    expect(nextEvaluationStatus('proposed', 'decide')).toBe('decided');
    expect(nextEvaluationStatus('decided', 'self_assess')).toBeNull();
    expect(expectedStep('commented')).toBe('propose');
    expect(expectedStep('decided')).toBeNull();
  });
});

describe('shares', () => {
  it('keeps numerator and denominator of "good or above"', () => {
    expect(shareAtLeast({ excellent: 1, good: 7, completed: 1, failed: 1 }, 'good')).toEqual({
      numerator: 8,
      denominator: 10,
      percent: 80,
    });
    expect(shareAtLeast({ excellent: 0, good: 0, completed: 0, failed: 0 }, 'good').percent).toBeNull();
  });
  it('flags two failed years running', () => {
    expect(
      failedTwoYearsRunning(
        new Map<number, GradeLevel>([
          [2022, 'failed'],
          [2023, 'failed'],
          [2024, 'good'],
        ]),
      ),
    ).toEqual([2023]);
    expect(
      failedTwoYearsRunning(
        new Map<number, GradeLevel>([
          [2021, 'failed'],
          [2023, 'failed'],
        ]),
      ),
    ).toEqual([]);
  });
});

describe('grading periods', () => {
  it('reads years, quarters and terms', () => {
    expect(gradingPeriod('year', '2025')).toEqual({ start: '2025-01-01', end: '2025-12-31', label: 'năm 2025' });
    expect(gradingPeriod('quarter', '2026-Q3')).toEqual({ start: '2026-07-01', end: '2026-09-30', label: 'quý III/2026' });
    expect(gradingPeriod('quarter', '2026-Q1')?.end).toBe('2026-03-31');
    expect(gradingPeriod('term', '2020-2025')?.end).toBe('2025-12-31');
    expect(gradingPeriod('quarter', '2026')).toBeNull();
    expect(gradingPeriod('term', '2025-2020')).toBeNull();
  });
});
