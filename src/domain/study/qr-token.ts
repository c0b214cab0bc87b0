import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The QR code of a bridge point carries a token naming the session, the point and an expiry,
 * signed with a server secret: `q1.<sessionId>.<pointId>.<expiresAtSeconds>.<signature>`, the
 * signature being 16 bytes of HMAC-SHA256 in base64url. Short enough for a small QR code; no
 * database read is needed to reject a forged or expired one.
 */
export type QrPayload = { sessionId: number; pointId: number; expiresAt: number };

export type QrCheck = { ok: true; payload: QrPayload } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

const PREFIX = 'q1';
const SIG_BYTES = 16;

function signature(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest().subarray(0, SIG_BYTES).toString('base64url');
}

/** The signed token for a payload. `expiresAt` is in seconds since the epoch. */
export function signQrToken(payload: QrPayload, secret: string): string {
  const body = `${PREFIX}.${payload.sessionId}.${payload.pointId}.${Math.floor(payload.expiresAt)}`;
  return `${body}.${signature(body, secret)}`;
}

const isId = (s: string | undefined) => s !== undefined && /^[1-9]\d{0,15}$/.test(s);

/** Checks a token's shape, signature and expiry at `nowSeconds`; never throws. */
export function verifyQrToken(token: string, secret: string, nowSeconds: number): QrCheck {
  const parts = token.split('.');
  if (parts.length !== 5 || parts[0] !== PREFIX || !isId(parts[1]) || !isId(parts[2]) || !/^\d{1,12}$/.test(parts[3] ?? '')) {
    return { ok: false, reason: 'malformed' };
  }
  const body = parts.slice(0, 4).join('.');
  const expected = Buffer.from(signature(body, secret));
  const given = Buffer.from(parts[4] ?? '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
  const payload = { sessionId: Number(parts[1]), pointId: Number(parts[2]), expiresAt: Number(parts[3]) };
  if (payload.expiresAt < nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, payload };
}
