import type { Db } from '../../db/pool';
import { AppError } from '../../lib/errors';
import { hashPassword, passwordProblem, verifyPassword } from '../../lib/password';
import { createSession, deleteUserSessions } from '../../lib/sessions';
import type { LoginInput } from './auth.schema';

// Failed logins counted over a window: per account against guessing one password, per address
// against spraying many accounts. Counted in the database so every app process shares them.
const WINDOW_MIN = 15;
const MAX_PER_ACCOUNT = 5;
const MAX_PER_ADDRESS = 20;

const rateLimited = () =>
  new AppError('rate_limited', {
    vi: `Đăng nhập sai quá nhiều lần. Hãy thử lại sau ${WINDOW_MIN} phút.`,
    en: `Too many failed logins. Try again in ${WINDOW_MIN} minutes.`,
  });

/**
 * Checks the credentials and opens a new session. Throws `unauthenticated` with one message for
 * a wrong name or password (no hint which), and `rate_limited` after too many failures.
 */
export async function login(db: Db, input: LoginInput, ip: string | null, userAgent: string | null) {
  const accountKey = `user:${input.username.toLowerCase()}`;
  const addressKey = `ip:${ip ?? 'unknown'}`;
  const { rows: counts } = await db.query<{ key: string; n: number }>(
    `SELECT key, count(*)::int AS n FROM login_failures
      WHERE key = ANY($1) AND at > now() - make_interval(mins => $2) GROUP BY key`,
    [[accountKey, addressKey], WINDOW_MIN],
  );
  const failures = (key: string) => counts.find((c) => c.key === key)?.n ?? 0;
  if (failures(accountKey) >= MAX_PER_ACCOUNT || failures(addressKey) >= MAX_PER_ADDRESS) throw rateLimited();

  const { rows } = await db.query<{ id: number; password_hash: string; is_disabled: boolean }>(
    'SELECT id, password_hash, is_disabled FROM users WHERE lower(username) = lower($1)',
    [input.username],
  );
  const user = rows[0];
  // Hash even for an unknown user so the answer takes as long either way.
  const ok = user
    ? await verifyPassword(input.password, user.password_hash)
    : await verifyPassword(input.password, 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  if (!user || !ok || user.is_disabled) {
    await db.query('INSERT INTO login_failures (key) VALUES ($1), ($2)', [accountKey, addressKey]);
    await db.query(`DELETE FROM login_failures WHERE at < now() - interval '1 day'`);
    throw new AppError('unauthenticated', {
      vi: 'Tên đăng nhập hoặc mật khẩu không đúng.',
      en: 'Wrong user name or password.',
    });
  }
  await db.query('DELETE FROM login_failures WHERE key = $1', [accountKey]);
  return createSession(db, user.id, ip, userAgent);
}

/** Changes the caller's password after checking the current one; ends all their sessions. */
export async function changePassword(db: Db, userId: number, current: string, next: string) {
  const problem = passwordProblem(next);
  if (problem) throw new AppError('validation_failed', problem, { fields: [{ field: 'body.newPassword', message: problem.vi }] });
  const { rows } = await db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [userId]);
  if (!rows[0] || !(await verifyPassword(current, rows[0].password_hash))) {
    throw new AppError('validation_failed', { vi: 'Mật khẩu hiện tại không đúng.', en: 'The current password is wrong.' }, {
      fields: [{ field: 'body.currentPassword', message: 'Mật khẩu hiện tại không đúng.' }],
    });
  }
  await db.query('UPDATE users SET password_hash = $2, updated_at = now(), version = version + 1 WHERE id = $1', [
    userId,
    await hashPassword(next),
  ]);
  await deleteUserSessions(db, userId);
}
