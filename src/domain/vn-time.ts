/**
 * Vietnam's calendar. Offices work on Vietnam's days (UTC+7, no daylight saving), so "today",
 * "overdue" and "as of" are Vietnamese dates whatever the server's time zone is.
 */
const VN_OFFSET_MS = 7 * 3600_000;

/** Today's date in Vietnam as `YYYY-MM-DD` (at 23:30 UTC it is already the next day). */
export function vnToday(now: Date = new Date()): string {
  return new Date(now.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}
