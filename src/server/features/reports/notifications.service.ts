import type { Db } from '../../db/pool';
import type { Actor } from '../../lib/actor';
import { notFound } from '../../lib/errors';

/**
 * Marking in-app notifications read. A notification belongs to one user: another user's id is
 * answered 404 like an id that does not exist. Reading is the user's own state, not a change
 * to shared records, so it leaves no audit entry. Marking twice keeps the first time.
 */
export async function markNotificationRead(db: Db, actor: Actor, id: number) {
  const { rows } = await db.query<{ id: number; readAt: string }>(
    `UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING id, read_at AS "readAt"`,
    [id, actor.userId],
  );
  if (!rows[0]) throw notFound({ vi: 'Không tìm thấy thông báo.', en: 'Notification not found.' });
  return rows[0];
}

/** Marks every unread notification of the caller read; returns how many were unread. */
export async function markAllNotificationsRead(db: Db, actor: Actor) {
  const { rowCount } = await db.query(`UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL`, [actor.userId]);
  return { count: rowCount ?? 0 };
}
