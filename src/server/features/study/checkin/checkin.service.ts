import type { Db } from '../../../db/pool';
import { checkinMessages, type CheckinReason } from '../../../../domain/study/messages';
import { verifyQrToken, type QrCheck, type QrPayload } from '../../../../domain/study/qr-token';
import { isPersonalCode } from '../../../../domain/study/personal-code';
import { windowState } from '../../../../domain/study/checkin-window';
import { AppError, type ErrorCode } from '../../../lib/errors';
import { GroupCommitter } from './group-commit';
import { getQrSecret } from './qr-secret';
import { SharedLimiter } from './rate-limit';
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
 * checked in memory, abuse limits are counted in PostgreSQL (shared by every app process, a
 * batch of requests per round trip), and the write joins a group commit. Everything that
 * needs the database (member, window, expected attendees) is judged inside the batch.
 */
export class CheckinDesk {
  private readonly committer: GroupCommitter<CheckinItem, CheckinOutcome>;
  private readonly limiter: SharedLimiter;

  constructor(
    private readonly db: Db,
    opts = { maxWaitMs: 4, maxBatch: 500, maxInFlight: 2 },
    // Wrong personal codes: guessing one (31^8 values) is stopped long before it could succeed.
    private readonly limits: CheckinLimits = defaultCheckinLimits,
  ) {
    this.committer = new GroupCommitter((items) => writeCheckins(db, items), opts);
    this.limiter = new SharedLimiter(db);
  }

  /**
   * Checks a member in. The QR token says where; the person is proved by their logged-in
   * session, or by their member code with its personal code. The member's name is answered
   * only to their own session: an anonymous caller learns nothing about who a code belongs to.
   */
  async checkIn(req: CheckinRequest, locale: 'vi' | 'en'): Promise<CheckinResult> {
    const verdict = await this.verify(req.token);
    if (!verdict.ok) throw checkinError(verdict.reason === 'expired' ? 'token_expired' : 'token_invalid');
    const placeKey = `${req.ip}|${verdict.payload.pointId}`;
    const allowed = await this.limiter.check([
      { key: `checkin:${placeKey}`, limit: this.limits.perAddressAndPoint, windowMs: MINUTE, isHit: true },
      { key: `checkin-fail:${placeKey}`, limit: this.limits.failuresPerAddressAndPoint, windowMs: MINUTE, isHit: false },
      { key: `checkin-fail:${req.ip}`, limit: this.limits.failuresPerAddress, windowMs: MINUTE, isHit: false },
    ]);
    if (allowed.includes(false)) throw checkinError('rate_limited');
    const memberCode = req.memberCode?.trim() || null;
    if (!memberCode && !req.sessionMemberId) throw checkinError('identify_required');
    if (memberCode) {
      if (!req.personalCode?.trim()) throw checkinError('identify_required');
      if (!isPersonalCode(await getQrSecret(this.db), memberCode, req.personalCode)) {
        await this.limiter.check([
          { key: `checkin-fail:${placeKey}`, limit: this.limits.failuresPerAddressAndPoint, windowMs: MINUTE, isHit: true },
          { key: `checkin-fail:${req.ip}`, limit: this.limits.failuresPerAddress, windowMs: MINUTE, isHit: true },
        ]);
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
