/**
 * Completeness and timeliness of reporting: of the reports expected from a set of orgs for a
 * period, how many were submitted and how many on time. A report counts as on time when it
 * was first submitted by the end of its due date; a resubmission after a return keeps the
 * first date, since returning is the reviewer's doing.
 */

export type ReportTally = { expected: number; submitted: number; onTime: number; approved: number; late: number };

export type ReportForTally = {
  status: 'draft' | 'submitted' | 'returned' | 'approved';
  dueDate: string;
  /** 'YYYY-MM-DD' of the first submission in Vietnam's calendar, or null. */
  firstSubmittedOn: string | null;
};

/** An empty tally. */
export function emptyTally(): ReportTally {
  return { expected: 0, submitted: 0, onTime: 0, approved: 0, late: 0 };
}

/**
 * Tallies reports as of a date ('YYYY-MM-DD'). `late` counts those past due and not yet
 * submitted, or submitted after their due date. Never throws.
 */
export function tallyReports(reports: readonly ReportForTally[], asOf: string): ReportTally {
  const t = emptyTally();
  for (const r of reports) {
    t.expected += 1;
    const isIn = r.firstSubmittedOn !== null;
    if (isIn) t.submitted += 1;
    if (r.status === 'approved') t.approved += 1;
    if (isIn && r.firstSubmittedOn! <= r.dueDate) t.onTime += 1;
    else if ((isIn && r.firstSubmittedOn! > r.dueDate) || (!isIn && asOf > r.dueDate)) t.late += 1;
  }
  return t;
}

/** Adds tallies (children into a parent). */
export function addTallies(a: ReportTally, b: ReportTally): ReportTally {
  return {
    expected: a.expected + b.expected,
    submitted: a.submitted + b.submitted,
    onTime: a.onTime + b.onTime,
    approved: a.approved + b.approved,
    late: a.late + b.late,
  };
}

/** Share in percent with one decimal, or null when nothing was expected. */
export function percentOf(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part / whole) * 1000) / 10;
}

/**
 * An org's own value of a rate from its parts: numerator / denominator × 100, or null when
 * the denominator is zero or missing. Throws RangeError when a part is negative or the
 * numerator exceeds the denominator.
 */
export function rateFromParts(numerator: number | null, denominator: number | null): number | null {
  if (numerator === null || denominator === null) return null;
  if (numerator < 0 || denominator < 0) throw new RangeError('Tử số và mẫu số không được âm');
  if (denominator === 0) return null;
  if (numerator > denominator) throw new RangeError('Tử số không được lớn hơn mẫu số');
  return Math.round((numerator / denominator) * 100 * 100) / 100;
}
