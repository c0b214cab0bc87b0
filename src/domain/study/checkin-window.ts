/**
 * When a session accepts check-ins: from `openMinutes` before its start to `closeMinutes`
 * after its end. A member scanning outside that gets told whether it is too early or too late.
 */
export type CheckinWindow = { startsAt: Date; endsAt: Date; openMinutes: number; closeMinutes: number };
export type WindowState = 'too_early' | 'open' | 'closed';

const MINUTE = 60_000;

export function checkinOpensAt(w: CheckinWindow): Date {
  return new Date(w.startsAt.getTime() - w.openMinutes * MINUTE);
}
export function checkinClosesAt(w: CheckinWindow): Date {
  return new Date(w.endsAt.getTime() + w.closeMinutes * MINUTE);
}

/** Where `now` falls in the session's check-in window. */
export function windowState(w: CheckinWindow, now: Date): WindowState {
  if (now < checkinOpensAt(w)) return 'too_early';
  if (now > checkinClosesAt(w)) return 'closed';
  return 'open';
}

/**
 * How long a point's QR code stays valid: until check-in closes, so a printed code works for
 * the whole session and dies with it.
 */
export function qrExpirySeconds(w: CheckinWindow): number {
  return Math.floor(checkinClosesAt(w).getTime() / 1000);
}
