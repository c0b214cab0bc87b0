/**
 * `Authorization: Bearer <token>` for other systems. A token resolves to an ordinary actor whose
 * one grant is derived from the token (viewer for read, manager for read-write, on the token's
 * org), so every service applies the very scope rules it applies to a person.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/pool';
import type { Role } from '../../domain/access/permissions';
import { vnToday } from '../../domain/vn-time';
import type { Actor } from './actor';
import { recordAudit } from './audit';
import { AppError } from './errors';

export const TOKEN_PREFIX = 'rsl_';
export type TokenAccess = 'read' | 'write';

/** The role a token acts with: the same table of permissions as a person holding it. */
export const tokenRole: Record<TokenAccess, Role> = { read: 'viewer', write: 'manager' };

export const hashToken = (token: string): Buffer => createHash('sha256').update(token).digest();

/** A new token: 32 random bytes, shown once; only its sha256 is kept. */
export function newToken(): { token: string; hash: Buffer; prefix: string } {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(token), prefix: token.slice(0, TOKEN_PREFIX.length + 6) };
}

/** The token of an `Authorization: Bearer` header, or null when the request carries none. */
export function bearerOf(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1]! : null;
}

const invalid = (vi: string, en: string) => new AppError('unauthenticated', { vi, en });

/**
 * The actor of a bearer token. 401 when the token is unknown, revoked or expired. Notes the use:
 * `last_used_at` at most once a minute and one `api_use` audit row per token per Vietnamese day
 * (the changes a token makes are audited by the services, as anyone's are).
 */
export async function actorOfToken(db: Queryable, token: string, ip: string | null): Promise<{ actor: Actor; tokenId: number }> {
  const { rows } = await db.query<{
    id: number;
    user_id: number;
    system_name: string;
    access: TokenAccess;
    org_id: number;
    org_path: string;
    is_expired: boolean;
    is_revoked: boolean;
  }>(
    `SELECT t.id, t.user_id, t.system_name, t.access, t.org_id, o.path::text AS org_path,
            t.expires_at <= now() AS is_expired, t.revoked_at IS NOT NULL AS is_revoked
       FROM api_tokens t JOIN orgs o ON o.id = t.org_id WHERE t.token_hash = $1`,
    [hashToken(token)],
  );
  const row = rows[0];
  if (!row) throw invalid('Mã truy cập API không hợp lệ.', 'Invalid API token.');
  if (row.is_revoked) throw invalid('Mã truy cập API đã bị thu hồi.', 'The API token was revoked.');
  if (row.is_expired) throw invalid('Mã truy cập API đã hết hạn.', 'The API token has expired.');
  const actor: Actor = {
    userId: row.user_id,
    username: `api:${row.id}`,
    fullName: `Hệ thống ngoài: ${row.system_name}`,
    ip,
    grants: [{ role: tokenRole[row.access], orgId: row.org_id, orgPath: row.org_path }],
    memberId: null,
    locale: 'vi',
  };
  const today = vnToday();
  // The old day is read under the row lock, so two first requests of a day audit once.
  const { rows: noted } = await db.query<{ is_first_today: boolean }>(
    `UPDATE api_tokens t SET last_used_at = now(), last_audited_on = $2::date
       FROM (SELECT id, last_audited_on AS before FROM api_tokens WHERE id = $1 FOR UPDATE) b
      WHERE t.id = b.id AND (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute' OR t.last_audited_on IS DISTINCT FROM $2::date)
      RETURNING b.before IS DISTINCT FROM $2::date AS is_first_today`,
    [row.id, today],
  );
  if (noted[0]?.is_first_today) {
    await recordAudit(db, actor, {
      action: 'api_use',
      entity: 'api_token',
      entityId: row.id,
      orgId: row.org_id,
      orgPath: row.org_path,
      summary: `Mã truy cập API được dùng trong ngày ${today}: ${row.system_name}`,
    });
  }
  return { actor, tokenId: row.id };
}
