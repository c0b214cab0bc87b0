import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/pool';
import type { RoleGrant } from '../../domain/access/permissions';
import type { Actor } from './actor';

export const SESSION_COOKIE = 'resolute_session';
/** A session ends after 30 minutes without a request, and 12 hours after login whatever happens. */
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
// Writing last_seen_at on every request would turn reads into writes; a minute's slack is harmless.
const TOUCH_EVERY_MS = 60 * 1000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export type SessionInfo = { actor: Actor; csrfToken: string; idHash: string };

/** Creates a session with a fresh id (never reusing a pre-login one) and returns its cookie token. */
export async function createSession(db: Queryable, userId: number, ip: string | null, userAgent: string | null) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db.query('INSERT INTO sessions (id_hash, user_id, csrf_token, ip, user_agent) VALUES ($1, $2, $3, $4, $5)', [
    hashToken(token),
    userId,
    csrfToken,
    ip,
    userAgent?.slice(0, 300) ?? null,
  ]);
  return { token, csrfToken };
}

/** Loads the live session behind a cookie token with its user's grants, or null when none. */
export async function loadSession(db: Queryable, token: string, ip: string | null): Promise<SessionInfo | null> {
  const idHash = hashToken(token);
  const { rows } = await db.query<{
    user_id: number;
    username: string;
    full_name: string;
    member_id: number | null;
    locale: 'vi' | 'en';
    csrf_token: string;
    last_seen_ms: number;
    grants: RoleGrant[] | null;
  }>(
    `SELECT s.user_id, u.username, u.full_name, u.member_id, u.locale, s.csrf_token,
            (extract(epoch FROM now() - s.last_seen_at) * 1000)::float8 AS last_seen_ms,
            (SELECT json_agg(json_build_object('role', r.role, 'orgId', r.org_id, 'orgPath', o.path::text))
               FROM user_roles r JOIN orgs o ON o.id = r.org_id WHERE r.user_id = u.id) AS grants
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id_hash = $1 AND NOT u.is_disabled
        AND s.last_seen_at > now() - make_interval(secs => $2)
        AND s.created_at > now() - make_interval(secs => $3)`,
    [idHash, IDLE_TIMEOUT_MS / 1000, ABSOLUTE_TIMEOUT_MS / 1000],
  );
  const row = rows[0];
  if (!row) return null;
  if (row.last_seen_ms > TOUCH_EVERY_MS) {
    await db.query('UPDATE sessions SET last_seen_at = now() WHERE id_hash = $1', [idHash]);
  }
  return {
    idHash,
    csrfToken: row.csrf_token,
    actor: {
      userId: row.user_id,
      username: row.username,
      fullName: row.full_name,
      ip,
      grants: row.grants ?? [],
      memberId: row.member_id,
      locale: row.locale,
    },
  };
}

export async function deleteSession(db: Queryable, idHash: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
}

/** Ends every session of a user: on logout everywhere, disabling, or a password change. */
export async function deleteUserSessions(db: Queryable, userId: number): Promise<void> {
  await db.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
}
