/**
 * Turns a target's statement into the one threshold that decides whether it is met.
 * Every comparator reduces to "at least X" or "at most X" once the indicator's direction is
 * known: a range for GRDP growth is met from its minimum up (beating the range is no failure),
 * a range for inflation is met from its maximum down.
 */
import type { IndicatorDirection, TargetSpec } from './target-spec';

/** The threshold that decides a target, on the quantity the target is judged by. */
export type TargetGoal = {
  kind: 'at_least' | 'at_most';
  threshold: number;
  /**
   * A ceiling that must hold until the due year ("dưới 3%"): meeting it early is staying on
   * track, not achieving it, because the next year can break it. Targets to reach a level
   * ("tăng lên", "giảm còn", "ít nhất") are achieved once reached, as mid-term reviews count
   * them ("đạt và vượt").
   */
  mustHold: boolean;
  /** "trên 1.500", "dưới 3%": reaching the threshold exactly does not meet it. */
  isStrict?: boolean;
};

/**
 * How far from a "khoảng" (about) figure still counts as meeting it. Resolutions round such
 * figures ("khoảng 80.000 doanh nghiệp"), so a result within 5% of it is treated as met; a
 * caller with its own rule passes another tolerance.
 */
export const APPROX_TOLERANCE = 0.05;

/**
 * Resolves the goal of a spec. For perYear specs the threshold applies to the yearly average
 * (a decrease of 1,5%/năm is an average of at most -1,5); for others to the indicator's level
 * at the due year (tăng 10% from a baseline of 200 is at least 220).
 * Returns null when the goal needs a baseline the spec lacks, or a value it lacks.
 */
export function resolveGoal(
  spec: TargetSpec,
  direction: IndicatorDirection,
  approxTolerance: number = APPROX_TOLERANCE,
): TargetGoal | null {
  const higher = direction === 'higher_better';
  const isPercent = spec.unit.trim() === '%';
  const v = spec.value;

  switch (spec.comparator) {
    case 'range': {
      if (spec.valueMin === null || spec.valueMax === null) return null;
      return higher
        ? { kind: 'at_least', threshold: spec.valueMin, mustHold: false }
        : { kind: 'at_most', threshold: spec.valueMax, mustHold: true };
    }
    case '=':
      if (v === null) return null;
      return higher ? { kind: 'at_least', threshold: v, mustHold: false } : { kind: 'at_most', threshold: v, mustHold: true };
    case 'approx':
      if (v === null) return null;
      return higher
        ? { kind: 'at_least', threshold: v - approxTolerance * Math.abs(v), mustHold: false }
        : { kind: 'at_most', threshold: v + approxTolerance * Math.abs(v), mustHold: true };
    case '>=':
    case 'increase_to':
      if (v === null) return null;
      return { kind: 'at_least', threshold: v, mustHold: false };
    case '>':
      if (v === null) return null;
      return { kind: 'at_least', threshold: v, mustHold: false, isStrict: true };
    case '<=':
      if (v === null) return null;
      return { kind: 'at_most', threshold: v, mustHold: true };
    case '<':
      if (v === null) return null;
      return { kind: 'at_most', threshold: v, mustHold: true, isStrict: true };
    case 'reduce_to':
      if (v === null) return null;
      return { kind: 'at_most', threshold: v, mustHold: false };
    case 'increase_by': {
      if (v === null) return null;
      if (spec.perYear) return { kind: 'at_least', threshold: v, mustHold: false };
      if (spec.baselineValue === null) return null;
      const b = spec.baselineValue;
      return { kind: 'at_least', threshold: isPercent ? b * (1 + v / 100) : b + v, mustHold: false };
    }
    case 'decrease_by': {
      if (v === null) return null;
      if (spec.perYear) return { kind: 'at_most', threshold: -v, mustHold: false };
      if (spec.baselineValue === null) return null;
      const b = spec.baselineValue;
      return { kind: 'at_most', threshold: isPercent ? b * (1 - v / 100) : b - v, mustHold: false };
    }
  }
}

/**
 * True when a value meets the goal. A relative slack of 1e-9 absorbs floating-point noise, so
 * five years of exactly 8,5% growth meet an 8,5% average.
 */
export function meetsGoal(value: number, goal: Pick<TargetGoal, 'kind' | 'threshold' | 'isStrict'>): boolean {
  const eps = 1e-9 * Math.max(1, Math.abs(goal.threshold));
  if (goal.isStrict) return goal.kind === 'at_least' ? value > goal.threshold + eps : value < goal.threshold - eps;
  return goal.kind === 'at_least' ? value >= goal.threshold - eps : value <= goal.threshold + eps;
}
