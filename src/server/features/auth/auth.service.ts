import { createHash, randomBytes } from 'node:crypto';
import type { Db, Queryable } from '../../db/pool';
import type { Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { hashPassword, passwordProblem, verifyPassword } from '../../lib/password';
import { createSession, deleteUserSessions } from '../../lib/sessions';
import { matchTotp } from '../../lib/totp';
import type { LoginInput } from '../../../contracts/auth';

// Failed logins counted over a window: per account against guessing one password, per address
// against spraying many accounts, per known device apart from both. Counted in the database so
// every app process shares them.
export const WINDOW_MIN = 15;
const MAX_PER_ACCOUNT = 5;
const MAX_PER_ADDRESS = 20;
const MAX_PER_DEVICE = 5;
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');
export const accountKeyOf = (username: string) => `user:${username.toLowerCase()}`;

/** The time a lock ends, as Vietnamese read it: HH:mm of Vietnam's clock (UTC+7). */
function vnClock(at: Date): string {
  const vn = new Date(at.getTime() + 7 * 3600_000);
  return `${String(vn.getUTCHours()).padStart(2, '0')}:${String(vn.getUTCMinutes()).padStart(2, '0')}`;
}

const locked = (until: Date) =>
  new AppError(
    'rate_limited',
    {
      vi: `Tài khoản tạm khóa vì đăng nhập sai nhiều lần. Hãy thử lại sau ${vnClock(until)} (giờ Việt Nam), hoặc nhờ quản trị viên mở khóa.`,
      en: `Locked after too many failed logins. Try again after ${vnClock(until)} (Vietnam time), or ask an administrator to unlock it.`,
    },
    { retryAt: until.toISOString() },
  );

const wrongCredentials = () =>
  new AppError('unauthenticated', { vi: 'Tên đăng nhập hoặc mật khẩu không đúng.', en: 'Wrong user name or password.' });

const anonymousActor = (username: string, ip: string | null): Actor => ({
  userId: null,
  username,
  fullName: username.slice(0, 100),
  ip,
  grants: [],
  memberId: null,
  locale: 'vi',
});

type LoginUser = {
  id: number;
  username: string;
  full_name: string;
  password_hash: string;
  is_disabled: boolean;
  totp_secret: string | null;
  totp_enabled_at: Date | null;
  totp_last_step: string | null;
  is_privileged: boolean;
};

/**
 * Counts this attempt as a failure BEFORE the password is checked, then reads the counts: of
 * 60 attempts sent at once, each sees at least the attempts committed before it, so no more
 * than the limit ever reach the password check. Returns the attempt's rows, to take back on
 * success; over a limit, takes them back itself (refused attempts do not extend the lock) and
 * throws the lock notice saying when to retry.
 */
async function countAttempt(db: Db, limits: [string, number][]): Promise<string[]> {
  const keys = limits.map(([k]) => k);
  const { rows: inserted } = await db.query<{ tid: string }>(
    'INSERT INTO login_failures (key) SELECT unnest($1::text[]) RETURNING ctid::text AS tid',
    [keys],
  );
  const attempt = inserted.map((r) => r.tid);
  const { rows } = await db.query<{ key: string; n: number; oldest: Date }>(
    `SELECT key, count(*)::int AS n, min(at) AS oldest FROM login_failures
      WHERE key = ANY($1) AND at > now() - make_interval(mins => $2) GROUP BY key`,
    [keys, WINDOW_MIN],
  );
  for (const [key, max] of limits) {
    const row = rows.find((r) => r.key === key);
    if (row && row.n > max) {
      await takeBack(db, attempt);
      throw locked(new Date(row.oldest.getTime() + WINDOW_MIN * 60_000));
    }
  }
  return attempt;
}

const takeBack = (db: Queryable, tids: string[]) => db.query('DELETE FROM login_failures WHERE ctid = ANY($1::tid[])', [tids]);

/**
 * Checks the credentials (and the one-time code of an account that has one) and opens a new
 * session. Throws `unauthenticated` with one message for a wrong name or password (no hint
 * which), with `details.totpRequired` when only the code is missing, and `rate_limited` with the
 * time to retry when locked. A device that logged in before (its cookie) is limited on its own.
 */
export async function login(db: Db, input: LoginInput, ip: string | null, userAgent: string | null, deviceToken: string | null) {
  const { rows } = await db.query<LoginUser>(
    `SELECT id, username, full_name, password_hash, is_disabled, totp_secret, totp_enabled_at, totp_last_step::text,
            EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = users.id AND r.role IN ('admin', 'manager')) AS is_privileged
       FROM users WHERE lower(username) = lower($1)`,
    [input.username],
  );
  const user = rows[0];
  const deviceHash = deviceToken ? sha256(deviceToken) : null;
  const isKnownDevice =
    user && deviceHash
      ? (await db.query('SELECT 1 FROM known_devices WHERE token_hash = $1 AND user_id = $2', [deviceHash, user.id])).rowCount === 1
      : false;
  const limits: [string, number][] = isKnownDevice
    ? [[`device:${deviceHash}`, MAX_PER_DEVICE]]
    : [
        [accountKeyOf(input.username), MAX_PER_ACCOUNT],
        [`ip:${ip ?? 'unknown'}`, MAX_PER_ADDRESS],
      ];
  let attempt: string[];
  try {
    attempt = await countAttempt(db, limits);
  } catch (err) {
    if (user)
      await recordAudit(db, anonymousActor(input.username, ip), {
        action: 'login_locked',
        entity: 'user',
        entityId: user.id,
        orgId: null,
        orgPath: null,
        summary: `Đăng nhập bị chặn do sai nhiều lần: ${user.username}`,
      });
    throw err;
  }

  // Hash even for an unknown user so the answer takes as long either way.
  const ok = await verifyPassword(input.password, user?.password_hash ?? DUMMY_HASH);
  if (!user || !ok || user.is_disabled) {
    await db.query(`DELETE FROM login_failures WHERE at < now() - interval '1 day'`);
    await recordAudit(db, anonymousActor(input.username, ip), {
      action: 'login_failed',
      entity: 'user',
      entityId: user?.id ?? null,
      orgId: null,
      orgPath: null,
      summary: `Đăng nhập sai: ${input.username.slice(0, 100)}`,
    });
    throw wrongCredentials();
  }
  if (user.totp_enabled_at && user.totp_secret) {
    if (!input.totpCode) {
      // The password was right: this attempt is not a failure, the form just asks for the code.
      await takeBack(db, attempt);
      throw new AppError(
        'unauthenticated',
        { vi: 'Hãy nhập mã xác thực 6 số từ ứng dụng trên điện thoại.', en: 'Enter the 6-digit code from your authenticator app.' },
        { totpRequired: true },
      );
    }
    const step = matchTotp(user.totp_secret, input.totpCode, Date.now() / 1000);
    if (step === null || (user.totp_last_step !== null && step <= Number(user.totp_last_step))) {
      await recordAudit(db, anonymousActor(input.username, ip), {
        action: 'login_failed',
        entity: 'user',
        entityId: user.id,
        orgId: null,
        orgPath: null,
        summary: `Mã xác thực sai: ${user.username}`,
      });
      throw new AppError(
        'unauthenticated',
        { vi: 'Mã xác thực không đúng hoặc đã dùng.', en: 'The code is wrong or was already used.' },
        { totpRequired: true },
      );
    }
    await db.query('UPDATE users SET totp_last_step = $2 WHERE id = $1', [user.id, step]);
  }
  await takeBack(db, attempt);
  await db.query('DELETE FROM login_failures WHERE key = ANY($1)', [limits.map(([k]) => k).filter((k) => !k.startsWith('ip:'))]);
  const mustEnrol = user.is_privileged && !user.totp_enabled_at && (await isTotpRequired(db));
  const session = await createSession(db, user.id, ip, userAgent, { mustEnrolTotp: mustEnrol });
  const device = isKnownDevice && deviceToken ? deviceToken : randomBytes(32).toString('base64url');
  await db.query(
    `INSERT INTO known_devices (token_hash, user_id) VALUES ($1, $2)
     ON CONFLICT (token_hash) DO UPDATE SET last_used_at = now() WHERE known_devices.user_id = $2`,
    [sha256(device), user.id],
  );
  await recordAudit(
    db,
    { ...anonymousActor(user.username, ip), userId: user.id, fullName: user.full_name },
    { action: 'login', entity: 'user', entityId: user.id, orgId: null, orgPath: null, summary: `Đăng nhập: ${user.username}` },
  );
  return { ...session, deviceToken: device, mustEnrolTotp: mustEnrol };
}

/** Whether an administrator has required a second factor of administrators and managers. */
export async function isTotpRequired(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ value: unknown }>(`SELECT value FROM app_settings WHERE key = 'auth.require_totp'`);
  return rows[0]?.value === true;
}

/** Changes the caller's password after checking the current one; ends all their sessions. */
export async function changePassword(db: Db, userId: number, current: string, next: string) {
  const { rows } = await db.query<{ password_hash: string; username: string }>('SELECT password_hash, username FROM users WHERE id = $1', [
    userId,
  ]);
  const problem = passwordProblem(next, rows[0]?.username);
  if (problem) throw new AppError('validation_failed', problem, { fields: [{ field: 'body.newPassword', message: problem.vi }] });
  if (!rows[0] || !(await verifyPassword(current, rows[0].password_hash))) {
    throw new AppError(
      'validation_failed',
      { vi: 'Mật khẩu hiện tại không đúng.', en: 'The current password is wrong.' },
      {
        fields: [{ field: 'body.currentPassword', message: 'Mật khẩu hiện tại không đúng.' }],
      },
    );
  }
  await db.query('UPDATE users SET password_hash = $2, updated_at = now(), version = version + 1 WHERE id = $1', [
    userId,
    await hashPassword(next),
  ]);
  await deleteUserSessions(db, userId);
}
