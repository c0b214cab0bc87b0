/**
 * Remembers when the app last failed for lack of disk space, so that health can report it:
 * `SELECT 1` still answers on a full disk, but every write fails.
 */
const WINDOW_MS = 5 * 60_000;
let lastOutOfSpaceAt = 0;

export function noteOutOfSpace(now = Date.now()): void {
  lastOutOfSpaceAt = now;
}

/** Whether a write failed for lack of space in the last five minutes. */
export function isOutOfSpaceRecently(now = Date.now()): boolean {
  return lastOutOfSpaceAt > 0 && now - lastOutOfSpaceAt < WINDOW_MS;
}

/** Clears the state (a test's start). */
export function resetStorageState(): void {
  lastOutOfSpaceAt = 0;
}
