/**
 * Yearly averages of a target stated "bình quân/năm". Growth rates compound: 10% then 0% is
 * not 5% a year but 4,88%, so a rate target is judged by the geometric mean of the growth
 * factors, the way statistics offices compute "tốc độ tăng bình quân". Yearly amounts (members
 * admitted per year) simply add, so they take the arithmetic mean.
 */

/**
 * The compound (geometric) average of yearly growth rates in percent: `[10, 0]` → 4,88.
 * Returns null for an empty list.
 * Throws RangeError when a rate is -100% or below (the level would vanish or turn negative).
 */
export function compoundAverageRate(ratesPercent: readonly number[]): number | null {
  if (ratesPercent.length === 0) return null;
  let logSum = 0;
  for (const r of ratesPercent) logSum += Math.log(growthFactor(r));
  return (Math.exp(logSum / ratesPercent.length) - 1) * 100;
}

/**
 * The rate each remaining year must grow by for the whole period's compound average to equal
 * `targetAveragePercent`: ((1+T)^(n+m) / Π(1+rᵢ))^(1/m) − 1, in percent.
 * Throws RangeError when `remainingYears` is not a positive integer or a rate is -100% or below.
 */
export function requiredCompoundRate(targetAveragePercent: number, ratesSoFarPercent: readonly number[], remainingYears: number): number {
  assertRemaining(remainingYears);
  const totalYears = ratesSoFarPercent.length + remainingYears;
  let logAchieved = 0;
  for (const r of ratesSoFarPercent) logAchieved += Math.log(growthFactor(r));
  const logNeeded = totalYears * Math.log(growthFactor(targetAveragePercent)) - logAchieved;
  return (Math.exp(logNeeded / remainingYears) - 1) * 100;
}

/** The arithmetic mean of yearly amounts; null for an empty list. Never throws. */
export function arithmeticAverage(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/**
 * The amount each remaining year must reach for the whole period's mean to equal
 * `targetAverage`: (T·(n+m) − Σ) / m.
 * Throws RangeError when `remainingYears` is not a positive integer.
 */
export function requiredArithmeticAmount(targetAverage: number, valuesSoFar: readonly number[], remainingYears: number): number {
  assertRemaining(remainingYears);
  const total = valuesSoFar.reduce((sum, v) => sum + v, 0);
  return (targetAverage * (valuesSoFar.length + remainingYears) - total) / remainingYears;
}

function growthFactor(ratePercent: number): number {
  const factor = 1 + ratePercent / 100;
  if (!(factor > 0)) throw new RangeError(`A growth rate of ${ratePercent}% is not possible`);
  return factor;
}

function assertRemaining(remainingYears: number): void {
  if (!Number.isInteger(remainingYears) || remainingYears < 1) {
    throw new RangeError('remainingYears must be a positive integer');
  }
}
