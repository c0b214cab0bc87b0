/**
 * Judges a target against the values reported so far: achieved, on track, at risk, off track,
 * or not yet assessable, with a one-line Vietnamese reason a committee can read aloud.
 *
 * Three kinds of target are judged differently:
 * - a yearly average ("bình quân/năm") by the average of the years so far and the rate the
 *   remaining years still need to bring the whole period's average to the goal;
 * - a yearly target ("hằng năm 100% …", `eachYear`) year by year: each year met or not, and
 *   over the term in how many years it was met;
 * - a level to reach or keep by a due year by the latest value, the planned trajectory from
 *   the baseline (straight, or the yearly path when one was entered) and the trend to the due
 *   year.
 */
import { formatVnNumber } from '../vn-number';
import { arithmeticAverage, compoundAverageRate, requiredArithmeticAmount, requiredCompoundRate } from './growth';
import { formatTargetSpec } from './target-input';
import { meetsGoal, resolveGoal, type TargetGoal } from './target-goal';
import {
  defaultDirection,
  isGrowthRateSpec,
  validateTargetSpec,
  type IndicatorDirection,
  type TargetSpec,
  type YearValue,
} from './target-spec';
import { fitLine, interpolate } from './trend';

/** Where a target stands. */
export type TargetStatus = 'achieved' | 'on_track' | 'at_risk' | 'off_track' | 'not_assessable';

/** Every status, best first: the order of a legend or a sorted list. */
export const TARGET_STATUSES: readonly TargetStatus[] = ['achieved', 'on_track', 'at_risk', 'off_track', 'not_assessable'];

/** Status labels by language; Vietnamese is what reports and dashboards show. */
export const TARGET_STATUS_LABELS: Readonly<Record<'vi' | 'en', Readonly<Record<TargetStatus, string>>>> = {
  vi: {
    achieved: 'Đạt',
    on_track: 'Đúng tiến độ',
    at_risk: 'Có nguy cơ',
    off_track: 'Chậm tiến độ',
    not_assessable: 'Chưa đánh giá được',
  },
  en: {
    achieved: 'Achieved',
    on_track: 'On track',
    at_risk: 'At risk',
    off_track: 'Off track',
    not_assessable: 'Not assessable',
  },
};

/**
 * One year's reported value. For a perYear target it is that year's figure being averaged: a
 * growth rate in percent (signed: -1,5 means it fell 1,5%) for unit `%`, else the year's amount.
 * A share may come with its parts; when both are given they decide the value (numerator /
 * denominator, × 100 for unit `%`), because a stored percent may have been rounded.
 */
export type TargetActual = {
  year: number;
  value: number;
  numerator?: number;
  denominator?: number;
};

export type EvaluateTargetOptions = {
  /** The year the evaluation is made in; values of later years are ignored. */
  asOfYear: number;
  /** The term's first year as named ("2020" of "2020–2025"); the default baseline year. */
  termStartYear: number;
  /** The term's last year; the default due year. */
  termEndYear: number;
  /** Defaults to the comparator's own ({@link defaultDirection}). */
  direction?: IndicatorDirection;
  /** How much more than the trend still counts as at risk; defaults to {@link AT_RISK_MARGIN}. */
  atRiskMargin?: number;
  /** Passed to resolveGoal for "khoảng" targets. */
  approxTolerance?: number;
};

export type TargetEvaluation = {
  status: TargetStatus;
  reason: string;
  /**
   * The trend carried to the due year, one point per remaining year, in the same quantity as
   * the actuals (yearly rates for perYear targets, levels otherwise). Empty once judged.
   */
  forecast: YearValue[];
  /**
   * What each remaining year still needs: the yearly rate (%) or amount for perYear targets,
   * the change per year in the indicator's unit for levels. Absent once judged or not needed.
   */
  requiredRate?: number;
};

/**
 * The line between at risk and off track: a target is at risk when what it still needs each
 * year is at most 10% more than its trend delivers. A trend read from three to five yearly
 * values moves by about that much with a single good or bad year, so a gap this small is
 * within what the data can tell apart from being on track: it needs attention, not alarm.
 * Needing more than that asks for a clear break from the trend: the target is off track.
 */
export const AT_RISK_MARGIN = 0.1;

const RATE_DECIMALS = 1;

/**
 * Evaluates a target as of a year.
 * - Before the first yearly value of the period: `not_assessable`, with the reason.
 * - The verdict is final once the due year's own figure is in (`byYear ?? termEndYear`): met
 *   is `achieved`, not met is `off_track` (missed). After the due year and before its figure
 *   arrives the target is `not_assessable`, waiting for that figure: the years before it do
 *   not decide a term (issue 12). During the due year, without its figure, it is judged on
 *   its progress like any year before. A target due after the term is not judged at the
 *   term's end: it is a milestone, still on its way.
 * - Before it, a level already reached is `achieved`, except a ceiling that must hold to the
 *   end ("dưới 3%"), which is `on_track` while it holds. Otherwise the status compares what
 *   each remaining year needs with the trend, using {@link AT_RISK_MARGIN}; a level behind its
 *   planned trajectory is at best `at_risk`.
 * A spec that fails validation, or an increase without its baseline, is `not_assessable`.
 * Throws RangeError when the term or asOfYear are not whole years with start < end, an actual
 * is not finite, two actuals share a year, or a growth rate is -100% or below.
 */
export function evaluateTarget(spec: TargetSpec, actuals: readonly TargetActual[], opts: EvaluateTargetOptions): TargetEvaluation {
  const { asOfYear, termStartYear, termEndYear } = opts;
  for (const year of [asOfYear, termStartYear, termEndYear]) {
    if (!Number.isInteger(year)) throw new RangeError(`${year} is not a whole year`);
  }
  if (termStartYear >= termEndYear) {
    throw new RangeError('termStartYear must be before termEndYear');
  }

  const errors = Object.values(validateTargetSpec(spec));
  if (errors.length > 0) return notAssessable(`Chỉ tiêu chưa hợp lệ: ${errors[0]}`);

  const direction = opts.direction ?? defaultDirection(spec.comparator);
  const goal = resolveGoal(spec, direction, opts.approxTolerance);
  if (goal === null) return notAssessable('Thiếu giá trị gốc để tính mục tiêu');

  const startYear = spec.baselineYear ?? termStartYear;
  const dueYear = spec.byYear ?? termEndYear;
  if (dueYear <= startYear) {
    return notAssessable(`Năm cần đạt (${dueYear}) phải sau năm gốc (${startYear})`);
  }

  const points = toPoints(actuals, spec.unit);
  const known = points.filter((p) => p.year > startYear && p.year <= Math.min(asOfYear, dueYear));
  const context: Context = {
    spec,
    goal,
    startYear,
    dueYear,
    asOfYear,
    // Final on the due year's own figure, never on the years before it.
    isFinal: known.some((p) => p.year === dueYear),
    isAwaitingFinal: asOfYear > dueYear && !known.some((p) => p.year === dueYear),
    margin: opts.atRiskMargin ?? AT_RISK_MARGIN,
    // Values after the due year say nothing about a target due earlier.
    known,
    baseline: baselinePoint(spec, points, startYear),
  };
  if (spec.eachYear) return evaluateEachYear(context);
  return spec.perYear ? evaluateAverage(context) : evaluateLevel(context);
}

/** The term is over and its last year's figure is not in yet: say so, and what is known. */
function awaitingFinal(dueYear: number, known: string): TargetEvaluation {
  return notAssessable(`Chờ số liệu năm ${dueYear} để kết luận${known === '' ? '' : `; đã có: ${known}`}`);
}

type Context = {
  spec: TargetSpec;
  goal: TargetGoal;
  startYear: number;
  dueYear: number;
  asOfYear: number;
  isFinal: boolean;
  isAwaitingFinal: boolean;
  margin: number;
  known: YearValue[];
  baseline: YearValue | null;
};

function notAssessable(reason: string): TargetEvaluation {
  return { status: 'not_assessable', reason, forecast: [] };
}

function toPoints(actuals: readonly TargetActual[], unit: string): YearValue[] {
  const byYear = new Map<number, number>();
  for (const a of actuals) {
    if (!Number.isInteger(a.year)) throw new RangeError(`${a.year} is not a whole year`);
    if (byYear.has(a.year)) throw new RangeError(`Two values for the year ${a.year}`);
    const value = actualValue(a, unit);
    if (value !== null) byYear.set(a.year, value);
  }
  return [...byYear.entries()].map(([year, value]) => ({ year, value })).sort((a, b) => a.year - b.year);
}

function actualValue(a: TargetActual, unit: string): number | null {
  if (a.numerator !== undefined && a.denominator !== undefined) {
    if (!Number.isFinite(a.numerator) || !Number.isFinite(a.denominator)) {
      throw new RangeError(`The parts of ${a.year} are not finite numbers`);
    }
    // A share of nothing is unknown, not zero: a cell with no members has no admission rate.
    if (a.denominator === 0) return null;
    return (a.numerator / a.denominator) * (unit.trim() === '%' ? 100 : 1);
  }
  if (!Number.isFinite(a.value)) throw new RangeError(`The value of ${a.year} is not finite`);
  return a.value;
}

function baselinePoint(spec: TargetSpec, points: YearValue[], startYear: number): YearValue | null {
  if (spec.baselineValue !== null && spec.baselineYear !== null) {
    return { year: spec.baselineYear, value: spec.baselineValue };
  }
  // Without an entered baseline, a value reported for the term's first year serves as one.
  return points.find((p) => p.year === startYear) ?? null;
}

/**
 * Compares what each remaining year needs with what the trend delivers; for at_most goals
 * the comparison is mirrored (needing a value at or above the trend is on track).
 */
function effortStatus(kind: TargetGoal['kind'], required: number, trend: number, margin: number): 'on_track' | 'at_risk' | 'off_track' {
  const slack = margin * Math.abs(trend);
  const eps = 1e-9 * Math.max(1, Math.abs(trend));
  if (kind === 'at_least') {
    if (required <= trend + eps) return 'on_track';
    return required <= trend + slack + eps ? 'at_risk' : 'off_track';
  }
  if (required >= trend - eps) return 'on_track';
  return required >= trend - slack - eps ? 'at_risk' : 'off_track';
}

function yearSpan(from: number, to: number): string {
  return from === to ? `${from}` : `${from}–${to}`;
}

function amountText(value: number, unit: string, decimals = 2): string {
  const n = formatVnNumber(value, decimals);
  const u = unit.trim();
  if (u === '') return n;
  return u.startsWith('%') ? `${n}${u}` : `${n} ${u}`;
}

/**
 * The unit of the indicator's level. "Tăng 10%" from a baseline states a relative change: the
 * `%` is not the level's unit (the level may be in tỷ đồng), and the statement does not name it.
 */
function levelUnit(spec: TargetSpec): string {
  const isRelativeChange =
    !spec.perYear && (spec.comparator === 'increase_by' || spec.comparator === 'decrease_by') && spec.unit.trim() === '%';
  return isRelativeChange ? '' : spec.unit;
}

function goalText(spec: TargetSpec, goal: TargetGoal): string {
  const text = formatTargetSpec(spec);
  // "tăng 10%" alone hides the level it means; show it.
  if (!spec.perYear && (spec.comparator === 'increase_by' || spec.comparator === 'decrease_by')) {
    return `${text} (${amountText(goal.threshold, levelUnit(spec))})`;
  }
  return text;
}

// ---------------------------------------------------------------------------------------------
// Yearly averages ("bình quân/năm")

function evaluateAverage(c: Context): TargetEvaluation {
  const { spec, goal, startYear, dueYear } = c;
  const firstYear = startYear + 1;
  if (c.known.length === 0) {
    if (c.isAwaitingFinal) return awaitingFinal(dueYear, '');
    return notAssessable(`Chưa có số liệu năm nào từ năm ${firstYear}`);
  }
  const lastYear = c.known[c.known.length - 1]?.year ?? firstYear;
  const reported = new Set(c.known.map((p) => p.year));
  const missing: number[] = [];
  for (let y = firstYear; y <= lastYear; y++) if (!reported.has(y)) missing.push(y);
  // An average over years with a hole in them is not the period's average; say what is missing.
  if (missing.length > 0) return notAssessable(`Thiếu số liệu năm ${missing.join(', ')}`);

  const values = c.known.map((p) => p.value);
  const isRate = isGrowthRateSpec(spec);
  const average = (isRate ? compoundAverageRate(values) : arithmeticAverage(values)) ?? 0;
  const soFar = averageText(isRate, average, values.length, firstYear, lastYear, spec.unit);
  const remaining = dueYear - lastYear;
  if (c.isAwaitingFinal) return awaitingFinal(dueYear, soFar);

  if (c.isFinal || remaining === 0) {
    const isMet = meetsGoal(average, goal);
    return {
      status: isMet ? 'achieved' : 'off_track',
      reason: `${soFar}, ${isMet ? 'đạt' : 'không đạt'} mục tiêu ${goalText(spec, goal)}`,
      forecast: [],
    };
  }

  const required = isRate
    ? requiredCompoundRate(goal.threshold, values, remaining)
    : requiredArithmeticAmount(goal.threshold, values, remaining);
  const forecast: YearValue[] = [];
  for (let y = lastYear + 1; y <= dueYear; y++) forecast.push({ year: y, value: average });
  const need = needText(isRate, goal.kind, required, spec.unit);
  const aim = aimText(isRate, goal, spec.unit);
  return {
    status: effortStatus(goal.kind, required, average, c.margin),
    reason: `${soFar}, ${need} trong ${yearSpan(lastYear + 1, dueYear)} ${aim}`,
    forecast,
    requiredRate: required,
  };
}

function averageText(isRate: boolean, average: number, years: number, from: number, to: number, unit: string): string {
  if (isRate) {
    const verb = average < 0 ? 'Giảm' : 'Tăng';
    const rate = formatVnNumber(Math.abs(average), RATE_DECIMALS);
    return years === 1 ? `${verb} ${rate}% năm ${from}` : `${verb} bình quân ${rate}%/năm ${yearSpan(from, to)}`;
  }
  return years === 1 ? `Năm ${from}: ${amountText(average, unit)}` : `Bình quân ${amountText(average, unit)}/năm ${yearSpan(from, to)}`;
}

function needText(isRate: boolean, kind: TargetGoal['kind'], required: number, unit: string): string {
  if (!isRate) {
    return `${kind === 'at_least' ? 'cần' : 'tối đa'} ${amountText(required, unit)}/năm`;
  }
  const rate = (x: number): string => `${formatVnNumber(Math.abs(x), RATE_DECIMALS)}%/năm`;
  if (kind === 'at_least') {
    return required >= 0 ? `cần ${rate(required)}` : `chỉ cần không giảm quá ${rate(required)}`;
  }
  return required >= 0 ? `chỉ được tăng tối đa ${rate(required)}` : `cần giảm ít nhất ${rate(required)}`;
}

function aimText(isRate: boolean, goal: TargetGoal, unit: string): string {
  const t = goal.threshold;
  if (!isRate) {
    return `để ${goal.kind === 'at_least' ? 'đạt' : 'không vượt'} bình quân ${amountText(t, unit)}/năm`;
  }
  const pct = `${formatVnNumber(Math.abs(t), RATE_DECIMALS)}%`;
  if (goal.kind === 'at_least') return t >= 0 ? `để đạt ${pct}` : `để không giảm quá ${pct}`;
  return t >= 0 ? `để không vượt ${pct}` : `để giảm bình quân ${pct}/năm`;
}

// ---------------------------------------------------------------------------------------------
// Levels to reach or keep by a due year

function evaluateLevel(c: Context): TargetEvaluation {
  const { spec, goal, dueYear } = c;
  const latest = c.known[c.known.length - 1];
  if (latest === undefined) {
    if (c.isAwaitingFinal) return awaitingFinal(dueYear, '');
    return notAssessable(`Chưa có số liệu năm nào sau năm ${c.startYear}`);
  }
  const target = goalText(spec, goal);
  const unit = levelUnit(spec);
  const now = `Năm ${latest.year}: ${amountText(latest.value, unit)}`;
  if (c.isAwaitingFinal) return awaitingFinal(dueYear, now);
  const isMet = meetsGoal(latest.value, goal);

  if (c.isFinal) {
    return {
      status: isMet ? 'achieved' : 'off_track',
      reason: `${now}, ${isMet ? 'đạt' : 'không đạt'} mục tiêu ${target}`,
      forecast: [],
    };
  }

  const series = c.baseline !== null && c.baseline.year < (c.known[0]?.year ?? latest.year) ? [c.baseline, ...c.known] : c.known;
  const line = fitLine(series);
  const forecast: YearValue[] = [];
  if (line !== null) {
    // The trend is anchored at the latest value: it is the best-known level, and the fitted
    // line only gives the pace. A line through all points would forecast from a level the
    // indicator is no longer at.
    for (let y = latest.year + 1; y <= dueYear; y++) {
      forecast.push({ year: y, value: latest.value + line.slope * (y - latest.year) });
    }
  }
  const atDue = forecast[forecast.length - 1];
  const forecastText = atDue === undefined ? '' : `; dự báo năm ${dueYear}: ${amountText(atDue.value, unit)}`;

  if (isMet) {
    if (!goal.mustHold) {
      return {
        status: 'achieved',
        reason: `${now}, đã đạt mục tiêu ${target} trước năm ${dueYear}`,
        forecast,
      };
    }
    // A ceiling is kept, not reached: it is on track while it holds and the trend keeps it.
    const willBreak = atDue !== undefined && !meetsGoal(atDue.value, goal);
    return {
      status: willBreak ? 'at_risk' : 'on_track',
      reason: `${now}, trong mức mục tiêu ${target}${forecastText}${willBreak ? ', vượt mức mục tiêu' : ''}`,
      forecast,
    };
  }

  if (line === null) {
    return notAssessable(`${now}, chưa đạt mục tiêu ${target}; cần giá trị gốc hoặc số liệu ít nhất hai năm để dự báo`);
  }

  const yearsLeft = dueYear - latest.year;
  const required = (goal.threshold - latest.value) / yearsLeft;
  const planned = plannedValue(c, latest.year);
  const isBehindPlan = planned !== null && !meetsGoal(latest.value, { kind: goal.kind, threshold: planned });
  let status = effortStatus(goal.kind, required, line.slope, c.margin);
  // The trend may still reach the goal from behind the plan, but the plan is the commitment:
  // a year behind it is a warning even when the forecast is fine.
  if (status === 'on_track' && isBehindPlan) status = 'at_risk';

  const plan = planned === null ? '' : ` (lộ trình: ${amountText(planned, unit)})`;
  // A level in percent changes by percentage points, not percent.
  const changeUnit = unit.trim() === '%' ? 'điểm %' : unit;
  const need = `cần ${required >= 0 ? 'tăng' : 'giảm'} ${amountText(Math.abs(required), changeUnit)}/năm`;
  return {
    status,
    reason: `${now}${plan}${forecastText}; ${need} để đạt mục tiêu ${target}`,
    forecast,
    requiredRate: required,
  };
}

/**
 * The planned value for a year: on the yearly path when one was entered (starting from the
 * baseline and ending at the goal if the path stops short of the due year), else on the
 * straight line from the baseline to the goal. Null when there is no plan to compare with.
 */
function plannedValue(c: Context, year: number): number | null {
  const plan: YearValue[] = [];
  const path = c.spec.yearlyPath ?? [];
  const firstPathYear = path[0]?.year ?? c.dueYear;
  if (c.baseline !== null && c.baseline.year < firstPathYear) plan.push(c.baseline);
  plan.push(...path);
  const last = plan[plan.length - 1];
  if (plan.length > 0 && last !== undefined && last.year < c.dueYear) {
    plan.push({ year: c.dueYear, value: c.goal.threshold });
  }
  if (plan.length < 2 && path.length === 0) return null;
  return interpolate(plan, year);
}

// ---------------------------------------------------------------------------------------------
// Yearly targets ("hằng năm")

/**
 * Each year from the first after the baseline is met or not on its own figure. During the term
 * the status is the latest year's (met: on track; missed: off track); once the due year's
 * figure is in, the term is achieved only when every year was met, and the reason says in how
 * many years it was.
 */
function evaluateEachYear(c: Context): TargetEvaluation {
  const { spec, goal, startYear, dueYear } = c;
  const target = goalText(spec, goal);
  const unit = levelUnit(spec);
  if (c.known.length === 0) {
    if (c.isAwaitingFinal) return awaitingFinal(dueYear, '');
    return notAssessable(`Chưa có số liệu năm nào từ năm ${startYear + 1}`);
  }
  const met = c.known.filter((p) => meetsGoal(p.value, goal)).map((p) => p.year);
  const missed = c.known.filter((p) => !meetsGoal(p.value, goal)).map((p) => p.year);
  const lastYear = c.isFinal ? dueYear : c.known[c.known.length - 1]!.year;
  const total = lastYear - startYear;
  const reported = new Set(c.known.map((p) => p.year));
  const absent: number[] = [];
  for (let y = startYear + 1; y <= lastYear; y++) if (!reported.has(y)) absent.push(y);
  const parts = [`Hằng năm ${target}: đạt ${met.length}/${total} năm`];
  if (missed.length > 0) parts.push(`không đạt năm ${missed.join(', ')}`);
  if (absent.length > 0) parts.push(`thiếu số liệu năm ${absent.join(', ')}`);
  const counted = parts.join('; ');
  if (c.isAwaitingFinal) return awaitingFinal(dueYear, counted);
  if (c.isFinal) {
    return { status: met.length === total ? 'achieved' : 'off_track', reason: counted, forecast: [] };
  }
  const latest = c.known[c.known.length - 1]!;
  const latestText = `năm ${latest.year}: ${amountText(latest.value, unit)}`;
  return {
    status: meetsGoal(latest.value, goal) ? 'on_track' : 'off_track',
    reason: `${counted} (${latestText})`,
    forecast: [],
  };
}
