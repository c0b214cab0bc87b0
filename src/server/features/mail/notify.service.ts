/**
 * A reminder to people: a notification in the app and, for those with an address, a letter in
 * the outbox (held while no SMTP is set). Both carry the notice's dedupe key, so a job that runs
 * again sends nothing twice.
 */
import type { Queryable } from '../../db/pool';
import { queueMail } from './mail-outbox.service';

export type Notice = {
  userId: number;
  email: string | null;
  orgId: number;
  title: string;
  body: string;
  link: string;
  /** Unique per person and reminder; the letter's key is derived from it. */
  key: string;
};

/** Writes the notices of one `kind`; `mailBody` words the letter from a notice. */
export async function notifyWithMail(db: Queryable, kind: string, notices: Notice[], mailBody: (n: Notice) => string) {
  const { rowCount } = await db.query(
    `INSERT INTO notifications (user_id, kind, title, body, link, dedupe_key)
     SELECT u, $6, t, b, l, k FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[]) x(u, t, b, k, l)
     ON CONFLICT DO NOTHING`,
    [
      notices.map((n) => n.userId),
      notices.map((n) => n.title),
      notices.map((n) => n.body),
      notices.map((n) => n.key),
      notices.map((n) => n.link),
      kind,
    ],
  );
  const mails = await queueMail(
    db,
    notices
      .filter((n) => n.email)
      .map((n) => ({
        toAddress: n.email!,
        subject: `[Resolute] ${n.title}`,
        body: mailBody(n),
        dedupeKey: `mail:${n.userId}:${n.key}`,
        orgId: n.orgId,
      })),
    { isHeld: !process.env.SMTP_HOST },
  );
  return { notifications: rowCount ?? 0, mails };
}

/**
 * One notice in the app to the people holding any of `roles` in an org (its leaders and
 * reporters, usually): a request, a notice or a conclusion addressed to the org itself.
 */
export async function notifyOrgPeople(
  db: Queryable,
  notice: { orgId: number; roles: readonly string[]; kind: string; title: string; body: string; link: string; key: string },
) {
  await db.query(
    `INSERT INTO notifications (user_id, kind, title, body, link, dedupe_key)
     SELECT DISTINCT ur.user_id, $3, $4, $5, $6, $7 FROM user_roles ur WHERE ur.org_id = $1 AND ur.role = ANY($2::text[])
     ON CONFLICT DO NOTHING`,
    [notice.orgId, notice.roles, notice.kind, notice.title, notice.body, notice.link, notice.key],
  );
}
