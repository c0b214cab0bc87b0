/**
 * The shares of subjects at each level, kept as parts: "tỷ lệ đảng viên hoàn thành tốt
 * nhiệm vụ trở lên" is (excellent + good) / rated, never an average of lower orgs' percents.
 */
import { GRADE_LEVELS, gradeRank, type GradeLevel } from './rule-sets';

export type LevelCounts = Record<GradeLevel, number>;
export const emptyCounts = (): LevelCounts => ({ excellent: 0, good: 0, completed: 0, failed: 0 });

export type Share = { numerator: number; denominator: number; percent: number | null };

/** Share of `counts` at `atLeast` or above; percent rounded to 0,1 and null when nobody is rated. */
export function shareAtLeast(counts: LevelCounts, atLeast: GradeLevel): Share {
  const denominator = GRADE_LEVELS.reduce((a, l) => a + counts[l], 0);
  const numerator = GRADE_LEVELS.filter((l) => gradeRank(l) >= gradeRank(atLeast)).reduce((a, l) => a + counts[l], 0);
  return { numerator, denominator, percent: denominator === 0 ? null : Math.round((numerator * 1000) / denominator) / 10 };
}

/** Adds counts (a subtree's children into its total). */
export function addCounts(a: LevelCounts, b: LevelCounts): LevelCounts {
  return { excellent: a.excellent + b.excellent, good: a.good + b.good, completed: a.completed + b.completed, failed: a.failed + b.failed };
}

/**
 * Orgs or members rated "không hoàn thành" in two consecutive years, from their yearly
 * levels: the rules' consequences (review of the org, removal of the member) start there.
 */
export function failedTwoYearsRunning(byYear: ReadonlyMap<number, GradeLevel>): number[] {
  const years: number[] = [];
  for (const [year, level] of byYear) if (level === 'failed' && byYear.get(year - 1) === 'failed') years.push(year);
  return years.sort((a, b) => a - b);
}
