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
  /** The measured thing as a careful reader names it; scored apart, by shared words. */
  indicator?: string;
  /** A target measured against a reference, not a number ("cao hơn mức bình quân của vùng"). */
  reference?: string;
  /** The achieved figure of a report's "achieved/planned" pair ("12.500/10.000 tỷ đồng"). */
  achieved?: number;
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
export const gt = single('>');
export const lt = single('<');
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

type TargetExtra = Extra & { reference?: string; achieved?: number };

/**
 * One expected target in the compact form of the 2025–2030 set: comparator, a value or a
 * `[min, max]` range (null for a target against a reference), the full unit with its base,
 * and the indicator's name.
 */
export function t(
  comparator: TargetComparator,
  value: number | [number, number] | null,
  unit: string,
  indicator: string,
  extra: TargetExtra = {},
): ExpectedTarget {
  const isRange = Array.isArray(value);
  return {
    comparator,
    value: isRange ? null : value,
    valueMin: isRange ? value[0] : null,
    valueMax: isRange ? value[1] : null,
    unit,
    indicator,
    ...extra,
  };
}

/** A target whose value is a reference: "cao hơn mức bình quân của vùng". */
export function rel(comparator: TargetComparator, reference: string, indicator: string, extra: Extra = {}): ExpectedTarget {
  return { comparator, value: null, valueMin: null, valueMax: null, unit: '', indicator, reference, ...extra };
}
