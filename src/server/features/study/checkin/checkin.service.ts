import type { Db } from '../../../db/pool';
import { checkinMessages, type CheckinReason } from '../../../../domain/study/messages';
import { verifyQrToken, type QrCheck, type QrPayload } from '../../../../domain/study/qr-token';
import { isPersonalCode } from '../../../../domain/study/personal-code';
import { windowState } from '../../../../domain/study/checkin-window';
import { AppError, type ErrorCode } from '../../../lib/errors';
import { GroupCommitter } from './group-commit';
import { getQrSecret } from './qr-secret';
import { SharedLimiter, WindowLimiter } from './rate-limit';
import { writeCheckins, type CheckinItem, type CheckinOutcome } from './checkin.writer';

const reasonCode: Record<Exclude<CheckinReason, 'checked_in' | 'already_checked_in'>, ErrorCode> = {
  token_invalid: 'bad_request',
  token_expired: 'bad_request',
  too_early: 'conflict',
  closed: 'conflict',
  cancelled: 'conflict',
  member_unknown: 'not_found',
  not_expected: 'forbidden',
  identify_required: 'validation_failed',
  rate_limited: 'rate_limited',
};

/** Throws the error a failed check-in answers with: the reason in `details`, the message in Vietnamese first. */
export function checkinError(reason: Exclude<CheckinReason, 'checked_in' | 'already_checked_in'>): AppError {
  return new AppError(reasonCode[reason], checkinMessages[reason], { reason });
}

export type CheckinRequest = {
  token: string;
  memberCode: string | null;
  /** The member's personal check-in code: with the member code, it proves the person. */
  personalCode: string | null;
  /** The member behind a logged-in session, if any: the session proves the person. */
  sessionMemberId: number | null;
  /** The client's address as the server sees it: limits never key on what the client chooses. */
  ip: string;
};

export type CheckinLimits = {
  /** Requests per minute from one address at one point: a hall's members share one network. */
  perAddressAndPoint: number;
  /** Failed identifications per minute from one address at one point. */
  failuresPerAddressAndPoint: number;
  /** Failed identifications per minute from one address, over all points. */
  failuresPerAddress: number;
};
const MINUTE = 60_000;
export const defaultCheckinLimits: CheckinLimits = { perAddressAndPoint: 1200, failuresPerAddressAndPoint: 10, failuresPerAddress: 30 };

export type CheckinResult = { status: 'checked_in' | 'already_checked_in'; message: string; fullName: string | null };

/**
 * The check-in path, built for the first minutes of a national conference: the token is
 * checked in memory, and the write joins a group commit. Everything that needs the database
 * (member, window, expected attendees) is judged inside the batch.
 *
 * Wrong personal codes are counted in PostgreSQL, shared by every app process: each failure
 * adds to the count (awaited; failures are rare) and learns the total over all processes, so
 * the eleventh wrong code at a point is refused whichever process it reaches. The addresses
 * over a guessing limit are kept in memory, learned from this process's failures at once and
 * from the other processes' every second, so a right code costs no extra round trip: from a
 * blocked address it may pass on another process for at most that second.
 */
export class CheckinDesk {
  private readonly committer: GroupCommitter<CheckinItem, CheckinOutcome>;
  private readonly limiter: SharedLimiter;
  private readonly perAddressAndPoint: WindowLimiter;
  private blocked = new Set<string>();
  private blockedAt = 0;
  // What this process's own failures blocked, in their minute: a refresh that read the
  // counters just before such a failure committed must not forget it.
  private local = { minute: 0, keys: new Set<string>() };
  private refreshing: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    opts = { maxWaitMs: 4, maxBatch: 500, maxInFlight: 2 },
    // Wrong personal codes: guessing one (31^8 values) is stopped long before it could succeed.
    private readonly limits: CheckinLimits = defaultCheckinLimits,
  ) {
    this.committer = new GroupCommitter((items) => writeCheckins(db, items), opts);
    this.limiter = new SharedLimiter(db);
    this.perAddressAndPoint = new WindowLimiter(limits.perAddressAndPoint, MINUTE);
  }

  /**
   * Checks a member in. The QR token says where; the person is proved by their logged-in
   * session, or by their member code with its personal code. The member's name is answered
   * only to their own session: an anonymous caller learns nothing about who a code belongs to.
   */
  async checkIn(req: CheckinRequest, locale: 'vi' | 'en'): Promise<CheckinResult> {
    const verdict = await this.verify(req.token);
    if (!verdict.ok) throw checkinError(verdict.reason === 'expired' ? 'token_expired' : 'token_invalid');
    const placeKey = `checkin-fail:${req.ip}|${verdict.payload.pointId}`;
    const addressKey = `checkin-fail:${req.ip}`;
    if (!this.perAddressAndPoint.hit(placeKey)) throw checkinError('rate_limited');
    // Refreshed behind the request, never awaited: the hot path makes no extra round trip.
    void this.refreshBlocked();
    if (this.isBlocked(placeKey) || this.isBlocked(addressKey)) throw checkinError('rate_limited');
    const memberCode = req.memberCode?.trim() || null;
    if (!memberCode && !req.sessionMemberId) throw checkinError('identify_required');
    if (memberCode) {
      if (!req.personalCode?.trim()) throw checkinError('identify_required');
      if (!isPersonalCode(await getQrSecret(this.db), memberCode, req.personalCode)) {
        const [atPlace, fromAddress] = await this.limiter.count([
          { key: placeKey, limit: this.limits.failuresPerAddressAndPoint, windowMs: MINUTE, isHit: true },
          { key: addressKey, limit: this.limits.failuresPerAddress, windowMs: MINUTE, isHit: true },
        ]);
        if (atPlace! >= this.limits.failuresPerAddressAndPoint) this.blockLocally(placeKey);
        if (fromAddress! >= this.limits.failuresPerAddress) this.blockLocally(addressKey);
        if (atPlace! > this.limits.failuresPerAddressAndPoint || fromAddress! > this.limits.failuresPerAddress)
          throw checkinError('rate_limited');
        throw checkinError('member_unknown');
      }
    }
    const outcome = await this.committer.submit({
      sessionId: verdict.payload.sessionId,
      pointId: verdict.payload.pointId,
      memberId: memberCode ? null : req.sessionMemberId,
      memberCode,
    });
    if (outcome.reason === 'checked_in' || outcome.reason === 'already_checked_in') {
      const isSelf = req.sessionMemberId !== null && outcome.memberId === req.sessionMemberId;
      return { status: outcome.reason, message: checkinMessages[outcome.reason][locale], fullName: isSelf ? outcome.fullName : null };
    }
    throw checkinError(outcome.reason);
  }

  private blockLocally(key: string) {
    const minute = Date.now() - (Date.now() % MINUTE);
    if (this.local.minute !== minute) this.local = { minute, keys: new Set() };
    this.local.keys.add(key);
  }

  private isBlocked(key: string): boolean {
    const minute = Date.now() - (Date.now() % MINUTE);
    return (this.local.minute === minute && this.local.keys.has(key)) || this.blocked.has(key);
  }

  /** Re-reads the blocked addresses of this minute (all processes' failures) once a second; never fails. */
  private refreshBlocked(): Promise<void> {
    const now = Date.now();
    if (now - this.blockedAt < 1000 && now - (now % MINUTE) <= this.blockedAt) return Promise.resolve();
    this.refreshing ??= (async () => {
      const least = Math.min(this.limits.failuresPerAddressAndPoint, this.limits.failuresPerAddress);
      const rows = await this.limiter.overLimit('checkin-fail:', MINUTE, least);
      const limitOf = (key: string) => (key.includes('|') ? this.limits.failuresPerAddressAndPoint : this.limits.failuresPerAddress);
      this.blocked = new Set(rows.filter((r) => r.hits >= limitOf(r.key)).map((r) => r.key));
      this.blockedAt = Date.now();
    })()
      .catch(() => undefined)
      .finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  // A conference shows a few thousand distinct codes, each scanned by hundreds: remember the
  // ones that verified (expiry is still checked every time) instead of hashing per request.
  // Per process by design: it only remembers a pure function of the token and the secret
  // that every process reads from app_settings, so two processes can never disagree.
  private readonly verified = new Map<string, QrPayload>();

  private async verify(token: string): Promise<QrCheck> {
    const now = Math.floor(Date.now() / 1000);
    const known = this.verified.get(token);
    if (known) return known.expiresAt < now ? { ok: false, reason: 'expired' } : { ok: true, payload: known };
    const verdict = verifyQrToken(token, await getQrSecret(this.db), now);
    if (verdict.ok) {
      if (this.verified.size >= 50_000) this.verified.clear();
      this.verified.set(token, verdict.payload);
    }
    return verdict;
  }

  async close(): Promise<void> {
    await Promise.all([this.committer.close(), this.limiter.close()]);
  }
}

export type CheckinInfo = {
  sessionId: number;
  pointId: number;
  sessionTitle: string;
  pointName: string;
  place: string | null;
  startsAt: string;
  endsAt: string;
  window: 'too_early' | 'open' | 'closed';
  isCancelled: boolean;
};

/** What the mobile page shows before the member identifies: the session and the point. */
export async function getCheckinInfo(db: Db, token: string): Promise<CheckinInfo> {
  const verdict = verifyQrToken(token, await getQrSecret(db), Math.floor(Date.now() / 1000));
  if (!verdict.ok) throw checkinError(verdict.reason === 'expired' ? 'token_expired' : 'token_invalid');
  const { rows } = await db.query<{
    title: string;
    name: string;
    place: string | null;
    starts_at: Date;
    ends_at: Date;
    open: number;
    close: number;
    status: string;
  }>(
    `SELECT s.title, bp.name, bp.place, s.starts_at, s.ends_at, s.checkin_open_minutes AS open, s.checkin_close_minutes AS close, s.status
       FROM bridge_points bp JOIN study_sessions s ON s.id = bp.session_id WHERE bp.id = $1 AND s.id = $2`,
    [verdict.payload.pointId, verdict.payload.sessionId],
  );
  const r = rows[0];
  if (!r) throw checkinError('token_invalid');
  return {
    sessionId: verdict.payload.sessionId,
    pointId: verdict.payload.pointId,
    sessionTitle: r.title,
    pointName: r.name,
    place: r.place,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    window: windowState({ startsAt: r.starts_at, endsAt: r.ends_at, openMinutes: r.open, closeMinutes: r.close }, new Date()),
    isCancelled: r.status === 'cancelled',
  };
}
