/**
 * The shape of the evaluation set: a statement written the way resolutions are written,
 * and the targets a careful reader would enter from it. Only targets are scored: kind,
 * comparator, numbers and unit; the due year and the yearly flag are checked where given.
 */
import type { TargetComparator } from '../types';

export type ExpectedTarget = {
  comparator: TargetComparator;
  value: number | null;
  valueMin: number | null;
  valueMax: number | null;
  unit: string;
  byYear?: number | null;
  perYear?: boolean;
};

export type EvalCase = {
  text: string;
  /** Empty for a trap: a statement whose figures are not targets. */
  targets: ExpectedTarget[];
};

type Extra = { byYear?: number | null; perYear?: boolean };

const single =
  (comparator: TargetComparator) =>
  (value: number, unit: string, extra: Extra = {}): ExpectedTarget => ({
    comparator,
    value,
    valueMin: null,
    valueMax: null,
    unit,
    ...extra,
  });

export const eq = single('=');
export const atLeast = single('>=');
export const atMost = single('<=');
export const about = single('approx');
export const incBy = single('increase_by');
export const decBy = single('decrease_by');
export const reduceTo = single('reduce_to');
export const incTo = single('increase_to');

export function range(valueMin: number, valueMax: number, unit: string, extra: Extra = {}): ExpectedTarget {
  return { comparator: 'range', value: null, valueMin, valueMax, unit, ...extra };
}

/** A statement and its expected targets. */
export function c(text: string, ...targets: ExpectedTarget[]): EvalCase {
  return { text, targets };
}
