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

export type SessionInfo = {
  actor: Actor;
  csrfToken: string;
  idHash: string;
  /** Shown to the user in their session list; the cookie's hash never leaves the server. */
  publicId: string;
  /** A privileged user who must enrol a second factor may do nothing else yet. */
  mustEnrolTotp: boolean;
  /** When the user last re-entered their password (and code) in this session. */
  reauthAt: Date | null;
};

/** Creates a session with a fresh id (never reusing a pre-login one) and returns its cookie token. Logging in counts as a fresh re-authentication. */
export async function createSession(
  db: Queryable,
  userId: number,
  ip: string | null,
  userAgent: string | null,
  opts: { mustEnrolTotp?: boolean } = {},
) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db.query(
    'INSERT INTO sessions (id_hash, user_id, csrf_token, ip, user_agent, must_enrol_totp, reauth_at) VALUES ($1, $2, $3, $4, $5, $6, now())',
    [hashToken(token), userId, csrfToken, ip, userAgent?.slice(0, 300) ?? null, opts.mustEnrolTotp ?? false],
  );
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
    public_id: string;
    must_enrol_totp: boolean;
    reauth_at: Date | null;
    last_seen_ms: number;
    grants: RoleGrant[] | null;
  }>(
    `SELECT s.user_id, u.username, u.full_name, u.member_id, u.locale, s.csrf_token, s.public_id, s.must_enrol_totp, s.reauth_at,
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
    publicId: row.public_id,
    mustEnrolTotp: row.must_enrol_totp,
    reauthAt: row.reauth_at,
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

export type SessionListItem = {
  id: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  isCurrent: boolean;
};

/** The user's live sessions, most recent first, the caller's own marked. */
export async function findUserSessions(db: Queryable, userId: number, currentIdHash: string): Promise<SessionListItem[]> {
  const { rows } = await db.query<SessionListItem>(
    `SELECT public_id::text AS id, user_agent AS "userAgent", ip, created_at AS "createdAt", last_seen_at AS "lastSeenAt", id_hash = $2 AS "isCurrent"
       FROM sessions
      WHERE user_id = $1 AND last_seen_at > now() - make_interval(secs => $3) AND created_at > now() - make_interval(secs => $4)
      ORDER BY last_seen_at DESC`,
    [userId, currentIdHash, IDLE_TIMEOUT_MS / 1000, ABSOLUTE_TIMEOUT_MS / 1000],
  );
  return rows;
}

/** Ends one of the user's sessions by its public id; false when the user has no such session. */
export async function endUserSession(db: Queryable, userId: number, publicId: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM sessions WHERE user_id = $1 AND public_id = $2::uuid', [userId, publicId]);
  return rowCount === 1;
}
