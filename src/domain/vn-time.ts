/**
 * Vietnam's calendar. Offices work on Vietnam's days (UTC+7, no daylight saving), so "today",
 * "overdue" and "as of" are Vietnamese dates whatever the server's time zone is.
 */
const VN_OFFSET_MS = 7 * 3600_000;

/** Today's date in Vietnam as `YYYY-MM-DD` (at 23:30 UTC it is already the next day). */
export function vnToday(now: Date = new Date()): string {
  return new Date(now.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** `2020-12-23` → `23/12/2020`, the way Vietnamese offices write dates; '' for none. */
export function formatVnDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** A moment → `06:30 02/12/2026`, the time and date in Vietnam whatever the server's zone. */
export function formatVnDateTime(at: Date | string): string {
  const local = new Date(new Date(at).getTime() + VN_OFFSET_MS).toISOString();
  return `${local.slice(11, 16)} ${formatVnDate(local.slice(0, 10))}`;
}
