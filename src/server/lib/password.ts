import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { readFileSync } from 'node:fs';

// scrypt with N=2^15, r=8 (about 32 MiB and 50-100 ms a hash here): OWASP's floor for
// scrypt, slow enough to make offline guessing expensive, fast enough for a login.
const PARAMS = { N: 2 ** 15, r: 8, p: 1 };
const KEYLEN = 32;

function scryptAsync(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEYLEN, { ...opts, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** Returns `scrypt$N$r$p$salt$hash` (base64url parts). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Checks a password against a stored hash in constant time; false for any malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A random password people can type: 16 characters without look-alikes (0/O, 1/l/I). */
export function generatePassword(length = 16): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

// The passwords people pick first (top lists' shapes, keyboard walks, years, Vietnamese words
// such as "matkhau" and "anhyeuem" with the usual endings): shipped with the app, one a line,
// lower-case. Loaded once, when first needed.
let common: Set<string> | null = null;
const commonPasswords = () =>
  (common ??= new Set(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter(Boolean),
  ));

/** True when the password, ignoring case, is on the shipped list of common passwords. */
export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.normalize('NFC').toLowerCase());
}

/** Rules for a new password, with the reason in Vietnamese and English when it fails. */
export function passwordProblem(password: string, username?: string): { vi: string; en: string } | null {
  if (password.length < 10) return { vi: 'Mật khẩu phải có ít nhất 10 ký tự.', en: 'The password needs at least 10 characters.' };
  if (password.length > 200) return { vi: 'Mật khẩu quá dài.', en: 'The password is too long.' };
  if (isCommonPassword(password)) {
    return {
      vi: 'Mật khẩu này quá phổ biến, dễ bị đoán. Hãy chọn mật khẩu khác, ví dụ một câu ngắn dễ nhớ.',
      en: 'This password is too common and easy to guess. Choose another, for example a short sentence.',
    };
  }
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    return { vi: 'Mật khẩu không được chứa tên đăng nhập.', en: 'The password must not contain the user name.' };
  }
  if (/^(.)\1+$/.test(password)) return { vi: 'Mật khẩu không được chỉ lặp một ký tự.', en: 'The password must not repeat one character.' };
  return null;
}
