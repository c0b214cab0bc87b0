/**
 * The quota of the top level: at most `maxShare` of the subjects graded together (one round,
 * one kind of subject, one deciding org) may be rated excellent, rounded down, as the
 * decisions' "không vượt quá 20%" is read.
 */
import type { Quota } from './rule-sets';

/** The most subjects of a group of `groupSize` that may get the quota's level. */
export function quotaLimit(quota: Quota, groupSize: number): number {
  // The epsilon keeps 0.2 × 10 at 2 despite binary fractions.
  return Math.floor(quota.maxShare * groupSize + 1e-9);
}

export type QuotaCheck = { ok: true } | { ok: false; limit: number; taken: number; groupSize: number; message: string };

/**
 * Whether one more subject may be decided at the quota's level, given how many already are
 * (`taken`, not counting this subject). The refusal carries the numbers in Vietnamese.
 */
export function checkQuota(quota: Quota, groupSize: number, taken: number): QuotaCheck {
  const limit = quotaLimit(quota, groupSize);
  if (taken + 1 <= limit) return { ok: true };
  return {
    ok: false,
    limit,
    taken,
    groupSize,
    message: `Vượt tỷ lệ mức Hoàn thành xuất sắc: đã có ${taken}/${groupSize}, tối đa ${limit} (${Math.round(quota.maxShare * 100)}%)`,
  };
}
