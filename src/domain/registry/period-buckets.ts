/**
 * How a period [from, to] (both days included) is read from the kept counts: whole calendar
 * years from the yearly rows, whole months from the monthly rows, and only the days left at
 * the edges from the events themselves. A term (5 years) is 5 rows per org; a quarter is 3.
 */
export type PeriodBuckets = { years: string[]; months: string[]; days: [string, string][] };

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const parse = (s: string) => new Date(`${s}T00:00:00Z`);
const addDays = (s: string, n: number) => {
  const d = parse(s);
  d.setUTCDate(d.getUTCDate() + n);
  return iso(d);
};
const endOfMonth = (s: string) => iso(new Date(Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)), 0)));

/** The buckets covering [from, to]; empty when `from` is after `to`. */
export function periodBuckets(from: string, to: string): PeriodBuckets {
  const out: PeriodBuckets = { years: [], months: [], days: [] };
  let cursor = from;
  while (cursor <= to) {
    const year = cursor.slice(0, 4);
    if (cursor.endsWith('-01-01') && `${year}-12-31` <= to) {
      out.years.push(cursor);
      cursor = `${Number(year) + 1}-01-01`;
      continue;
    }
    const monthEnd = endOfMonth(cursor);
    if (cursor.endsWith('-01') && monthEnd <= to) {
      out.months.push(cursor);
      cursor = addDays(monthEnd, 1);
      continue;
    }
    const stop = monthEnd < to ? monthEnd : to;
    const last = out.days[out.days.length - 1];
    if (last && addDays(last[1], 1) === cursor) last[1] = stop;
    else out.days.push([cursor, stop]);
    cursor = addDays(stop, 1);
  }
  return out;
}

/** Every day from `first` to `last`, both included (empty when `first` is after `last`). */
export function daysBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) out.push(d);
  return out;
}
