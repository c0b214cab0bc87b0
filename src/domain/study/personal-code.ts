import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A member's personal check-in code: what proves the person at a bridge point when they are
 * not logged in. The point's QR code only says where; the member code is printed on cards and
 * sequential, so anyone could type it. The personal code is 8 characters of an HMAC of the
 * member code under the server's secret: it cannot be guessed from the member code, needs no
 * storage, and is handed to the member on their invitation or by the host's roll sheet.
 * The alphabet leaves out I, L, O, 0 and 1, which are misread on paper.
 */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const LENGTH = 8;

/** The personal code of the member with `memberCode`, shown as `ABCD-EFGH`. */
export function personalCheckinCode(secret: string, memberCode: string): string {
  const mac = createHmac('sha256', secret).update(`personal-checkin:${memberCode}`).digest();
  let out = '';
  for (let i = 0; i < LENGTH; i++) out += ALPHABET[mac[i]! % ALPHABET.length];
  return `${out.slice(0, 4)}-${out.slice(4)}`;
}

/** The code as typed (any case, spaces or dashes) in its canonical form, or null when it cannot be one. */
export function normalizePersonalCode(typed: string): string | null {
  const s = typed.toUpperCase().replace(/[\s-]/g, '');
  if (s.length !== LENGTH || [...s].some((c) => !ALPHABET.includes(c))) return null;
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}

/** True when `typed` is the member's personal code; compared in constant time. */
export function isPersonalCode(secret: string, memberCode: string, typed: string): boolean {
  const given = normalizePersonalCode(typed);
  if (!given) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(personalCheckinCode(secret, memberCode)));
}
