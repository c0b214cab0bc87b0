/**
 * The one way other features put mail in the outbox this feature delivers (see
 * mail-sender.service): they compose the letters, the outbox owns its table and its rules.
 */
import type { Db, Queryable } from '../../db/pool';
import { inScopeSql, scopeOf, type Actor } from '../../lib/actor';

/** `orgId`: the org the letter concerns; the outbox is read within the caller's scope by it. */
export type QueuedMail = { toAddress: string; subject: string; body: string; dedupeKey: string; orgId: number };

/**
 * Queues letters inside the caller's transaction: 'pending' for the sender job, or 'held' (read
 * by administrators in the outbox page) when SMTP is not set up. A letter whose dedupe key was
 * queued before is skipped, so sending again reaches only the new addressees. Returns how many
 * letters were queued.
 */
export async function queueMail(tx: Queryable, letters: readonly QueuedMail[], opts: { isHeld: boolean }): Promise<number> {
  if (letters.length === 0) return 0;
  const { rowCount } = await tx.query(
    `INSERT INTO mail_outbox (to_address, subject, body, status, dedupe_key, org_id)
     SELECT x.t, x.s, x.b, $5, x.k, x.o FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $6::bigint[]) x(t, s, b, k, o)
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [
      letters.map((l) => l.toAddress),
      letters.map((l) => l.subject),
      letters.map((l) => l.body),
      letters.map((l) => l.dedupeKey),
      opts.isHeld ? 'held' : 'pending',
      letters.map((l) => l.orgId),
    ],
  );
  return rowCount ?? 0;
}

/**
 * The outbox, newest first, of the letters about orgs inside the caller's mail.read scope
 * (admins, managers, inspectors: the holders of audit.read), the same rule as the audit log. Letters hold people's
 * addresses and what they were told: a ward's inspector reads the ward's mail, not the country's.
 */
export async function findOutbox(db: Db, actor: Actor) {
  const scope = scopeOf(actor, 'mail.read');
  const { rows } = await db.query(
    `SELECT m.id, m.to_address AS "toAddress", m.subject, m.body, m.status, m.created_at AS "createdAt", m.sent_at AS "sentAt", m.attempts, m.error,
            m.next_attempt_at AS "nextAttemptAt"
       FROM mail_outbox m LEFT JOIN orgs o ON o.id = m.org_id
      WHERE ${inScopeSql('o.path', '$1')}
      ORDER BY m.id DESC LIMIT 500`,
    [scope],
  );
  return rows;
}
