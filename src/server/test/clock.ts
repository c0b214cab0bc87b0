/**
 * A fixed clock for the server under test. Only `Date` is faked (timers, I/O and the database's
 * own `now()` keep running), so a test can ask the app what "today" is at an awkward hour, such
 * as 23:30 UTC, which is already 06:30 of the next day in Vietnam.
 *
 * Log in before fixing the clock: sessions expire by the database's time.
 */
import { afterEach, vi } from 'vitest';

export function fixClock(iso: string): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(iso));
}

export function realClock(): void {
  vi.useRealTimers();
}

/** Restores the real clock after every test of the file that calls it. */
export function restoreClockAfterEach(): void {
  afterEach(() => realClock());
}
