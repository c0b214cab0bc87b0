/**
 * The account's own security: re-authentication before sensitive changes, enrolling an
 * authenticator app, the administrator's login settings and unlocking a locked account.
 */
import QRCode from 'qrcode';
import type { Db } from '../../db/pool';
import type { Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { verifyPassword } from '../../lib/password';
import { matchTotp, newTotpSecret, otpauthUri } from '../../lib/totp';
import { getUser } from '../users';
import { requireManageLogins } from './auth.policy';
import { accountKeyOf, isTotpRequired } from './auth.service';

const ISSUER = 'Resolute';

const fieldError = (field: string, vi: string, en: string) =>
  new AppError('validation_failed', { vi, en }, { fields: [{ field, message: vi }] });

/** Checks the password (and the code when enrolled) and marks this session as just re-authenticated. */
export async function reauthenticate(db: Db, actor: Actor, idHash: string, input: { password: string; totpCode?: string }) {
  const { rows } = await db.query<{
    password_hash: string;
    totp_secret: string | null;
    totp_enabled_at: Date | null;
    totp_last_step: string | null;
  }>('SELECT password_hash, totp_secret, totp_enabled_at, totp_last_step::text FROM users WHERE id = $1', [actor.userId]);
  const user = rows[0];
  if (!user || !(await verifyPassword(input.password, user.password_hash))) {
    await recordAudit(db, actor, {
      action: 'reauth_failed',
      entity: 'user',
      entityId: actor.userId,
      orgId: null,
      orgPath: null,
      summary: 'Xác nhận lại mật khẩu sai',
    });
    throw fieldError('body.password', 'Mật khẩu không đúng.', 'Wrong password.');
  }
  if (user.totp_enabled_at && user.totp_secret) {
    const step = input.totpCode ? matchTotp(user.totp_secret, input.totpCode, Date.now() / 1000) : null;
    if (step === null || (user.totp_last_step !== null && step <= Number(user.totp_last_step))) {
      throw fieldError('body.totpCode', 'Mã xác thực không đúng hoặc đã dùng.', 'The code is wrong or was already used.');
    }
    await db.query('UPDATE users SET totp_last_step = $2 WHERE id = $1', [actor.userId, step]);
  }
  await db.query('UPDATE sessions SET reauth_at = now() WHERE id_hash = $1', [idHash]);
}

/** A new pending secret (replacing any unconfirmed one) with its otpauth URI and QR code. */
export async function startTotpSetup(db: Db, actor: Actor) {
  const { rows } = await db.query<{ enabled: boolean }>('SELECT totp_enabled_at IS NOT NULL AS enabled FROM users WHERE id = $1', [
    actor.userId,
  ]);
  if (rows[0]?.enabled)
    throw new AppError('conflict', { vi: 'Tài khoản đã bật xác thực hai lớp.', en: 'Two-factor authentication is already on.' });
  const secret = newTotpSecret();
  await db.query('UPDATE users SET totp_secret = $2 WHERE id = $1', [actor.userId, secret]);
  const uri = otpauthUri(ISSUER, actor.username, secret);
  return { secret, uri, qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 240 }) };
}

/** Confirms the pending secret with a first code: from now on logins ask for a code. */
export async function enableTotp(db: Db, actor: Actor, code: string) {
  const { rows } = await db.query<{ totp_secret: string | null; totp_enabled_at: Date | null }>(
    'SELECT totp_secret, totp_enabled_at FROM users WHERE id = $1',
    [actor.userId],
  );
  const user = rows[0];
  if (!user?.totp_secret || user.totp_enabled_at)
    throw new AppError('conflict', { vi: 'Hãy bắt đầu lại việc cài đặt ứng dụng xác thực.', en: 'Start the authenticator setup again.' });
  const step = matchTotp(user.totp_secret, code, Date.now() / 1000);
  if (step === null)
    throw fieldError(
      'body.code',
      'Mã không đúng. Hãy kiểm tra giờ trên điện thoại và nhập mã mới nhất.',
      'Wrong code. Check the phone’s clock and enter the latest code.',
    );
  await db.query('UPDATE users SET totp_enabled_at = now(), totp_last_step = $2 WHERE id = $1', [actor.userId, step]);
  await db.query('UPDATE sessions SET must_enrol_totp = false WHERE user_id = $1', [actor.userId]);
  await recordAudit(db, actor, {
    action: 'totp_enabled',
    entity: 'user',
    entityId: actor.userId,
    orgId: null,
    orgPath: null,
    summary: 'Bật xác thực hai lớp',
  });
}

/**
 * Turns the second factor off for one's own account. Asks for the password and a fresh code
 * (whoever holds an open session alone must not be able to weaken the account), and is refused
 * while an administrator requires the second factor of this user's roles.
 */
export async function disableTotp(db: Db, actor: Actor, input: { password: string; totpCode: string }) {
  const { rows } = await db.query<{
    password_hash: string;
    totp_secret: string | null;
    totp_enabled_at: Date | null;
    totp_last_step: string | null;
    is_privileged: boolean;
  }>(
    `SELECT password_hash, totp_secret, totp_enabled_at, totp_last_step::text,
            EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = users.id AND r.role IN ('admin', 'manager')) AS is_privileged
       FROM users WHERE id = $1`,
    [actor.userId],
  );
  const user = rows[0];
  if (!user?.totp_enabled_at || !user.totp_secret) {
    throw new AppError('conflict', { vi: 'Tài khoản chưa bật xác thực hai lớp.', en: 'Two-factor authentication is not on.' });
  }
  if (user.is_privileged && (await isTotpRequired(db))) {
    throw new AppError(
      'forbidden',
      {
        vi: 'Quản trị viên yêu cầu xác thực hai lớp cho vai trò của bạn, nên không thể tắt.',
        en: 'Your administrator requires two-factor authentication for your role, so it cannot be turned off.',
      },
      { totpRequired: true },
    );
  }
  if (!(await verifyPassword(input.password, user.password_hash))) {
    await recordAudit(db, actor, {
      action: 'reauth_failed',
      entity: 'user',
      entityId: actor.userId,
      orgId: null,
      orgPath: null,
      summary: 'Xác nhận lại mật khẩu sai',
    });
    throw fieldError('body.password', 'Mật khẩu không đúng.', 'Wrong password.');
  }
  const step = matchTotp(user.totp_secret, input.totpCode, Date.now() / 1000);
  if (step === null || (user.totp_last_step !== null && step <= Number(user.totp_last_step))) {
    throw fieldError('body.totpCode', 'Mã xác thực không đúng hoặc đã dùng.', 'The code is wrong or was already used.');
  }
  await db.query('UPDATE users SET totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = $1', [actor.userId]);
  await recordAudit(db, actor, {
    action: 'totp_disabled',
    entity: 'user',
    entityId: actor.userId,
    orgId: null,
    orgPath: null,
    summary: 'Tắt xác thực hai lớp',
  });
}

export async function getAuthSettings(db: Db) {
  return { requireTotp: await isTotpRequired(db) };
}

export async function setAuthSettings(db: Db, actor: Actor, input: { requireTotp: boolean }) {
  requireManageLogins(actor);
  await db.query(
    `INSERT INTO app_settings (key, value) VALUES ('auth.require_totp', $1::jsonb) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    [JSON.stringify(input.requireTotp)],
  );
  await recordAudit(db, actor, {
    action: 'settings',
    entity: 'app_settings',
    entityId: 'auth.require_totp',
    orgId: null,
    orgPath: null,
    summary: input.requireTotp ? 'Bắt buộc xác thực hai lớp cho quản trị và quản lý' : 'Bỏ bắt buộc xác thực hai lớp',
    after: input,
  });
  return getAuthSettings(db);
}

/** Clears the failed logins that lock a user's account; the user must be in the administrator's scope (404). */
export async function unlockUser(db: Db, actor: Actor, userId: number) {
  const user = await getUser(db, actor, userId);
  requireManageLogins(actor);
  await db.query('DELETE FROM login_failures WHERE key = $1', [accountKeyOf(user.username)]);
  await recordAudit(db, actor, {
    action: 'unlock',
    entity: 'user',
    entityId: userId,
    orgId: null,
    orgPath: null,
    summary: `Mở khóa đăng nhập: ${user.username}`,
  });
}
