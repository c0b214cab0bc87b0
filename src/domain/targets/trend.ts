/**
 * Straight lines through yearly values: the planned trajectory to a target (lộ trình) and the
 * trend of what was achieved. Both are linear on purpose: a five-year term gives at most five
 * points, too few to fit anything richer without inventing a shape.
 */
import type { YearValue } from './target-spec';

/** A line value = intercept + slope · year. */
export type Line = { slope: number; intercept: number };

/**
 * The least-squares line through the points.
 * Returns null with fewer than two distinct years (no pace can be read from one point).
 */
export function fitLine(points: readonly YearValue[]): Line | null {
  const n = points.length;
  if (n < 2) return null;
  const meanX = points.reduce((s, p) => s + p.year, 0) / n;
  const meanY = points.reduce((s, p) => s + p.value, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.year - meanX) ** 2;
    sxy += (p.year - meanX) * (p.value - meanY);
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return { slope, intercept: meanY - slope * meanX };
}

/**
 * The value at `year` on the polyline through `points` (sorted by year): interpolated between
 * points, held flat after the last one. Returns null before the first point or when there are
 * no points, since a plan says nothing about the years before it starts.
 */
export function interpolate(points: readonly YearValue[], year: number): number | null {
  const first = points[0];
  if (first === undefined || year < first.year) return null;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (a === undefined || b === undefined) continue;
    if (year <= b.year) {
      return a.value + ((b.value - a.value) * (year - a.year)) / (b.year - a.year);
    }
  }
  return points[points.length - 1]?.value ?? null;
}
