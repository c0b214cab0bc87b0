/**
 * The checks a reviewer makes on the cascade: a lower target on the same indicator that asks
 * for less than the target it concretizes (a ward aiming at 80% study coverage under a
 * province aiming at 100%), and quota splits (1.800 new members split across lower orgs)
 * added up against the parent target.
 */
import { resolveGoal, type Aggregation, type IndicatorDirection, type TargetSpec } from '../targets';

export type CheckedTarget = TargetSpec & { indicatorId: number | null };

/**
 * True when `child` asks for less than `parent` on the same indicator: a lower floor for a
 * higher-is-better indicator, a higher ceiling for a lower-is-better one. Quota indicators
 * (aggregation `sum`) are split, not repeated, so a smaller share is never weaker; use
 * {@link quotaSplit} for them. Returns false when either side lacks a resolvable goal, the
 * indicators differ, or the units differ.
 */
export function isWeakerThanParent(
  child: CheckedTarget,
  parent: CheckedTarget,
  direction: IndicatorDirection,
  aggregation: Aggregation,
): boolean {
  if (aggregation === 'sum') return false;
  if (child.indicatorId === null || child.indicatorId !== parent.indicatorId) return false;
  if (child.unit.trim() !== parent.unit.trim() || child.perYear !== parent.perYear) return false;
  const c = resolveGoal(child, direction);
  const p = resolveGoal(parent, direction);
  if (c === null || p === null || c.kind !== p.kind) return false;
  const eps = 1e-9 * Math.max(1, Math.abs(p.threshold));
  return c.kind === 'at_least' ? c.threshold < p.threshold - eps : c.threshold > p.threshold + eps;
}

export type QuotaSplit = {
  parentValue: number | null;
  childrenSum: number;
  childCount: number;
  /** childrenSum − parentValue: negative when the split does not cover the parent's quota. */
  difference: number | null;
  isCovered: boolean | null;
};

/**
 * Adds up the values lower targets take of a quota. A child's value is its single value, or
 * for a range its minimum (what it commits to at least). Children without a value count 0.
 */
export function quotaSplit(
  parent: Pick<TargetSpec, 'comparator' | 'value' | 'valueMin'>,
  children: readonly Pick<TargetSpec, 'comparator' | 'value' | 'valueMin'>[],
): QuotaSplit {
  const amount = (t: Pick<TargetSpec, 'comparator' | 'value' | 'valueMin'>) => (t.comparator === 'range' ? t.valueMin : t.value);
  const parentValue = amount(parent);
  const childrenSum = children.reduce((s, c) => s + (amount(c) ?? 0), 0);
  const difference = parentValue === null ? null : Math.round((childrenSum - parentValue) * 1e6) / 1e6;
  return { parentValue, childrenSum, childCount: children.length, difference, isCovered: difference === null ? null : difference >= 0 };
}
