/**
 * Reminders before and after a report's due date, in the app and by e-mail. Mail goes to the
 * outbox; the sender job (mail-sender.service, src/server/jobs) delivers it when SMTP is
 * configured, otherwise it waits there for an admin to read ('held'). Dedupe keys make a rerun
 * of the same day send nothing twice; the reminder job runs daily and at start-up.
 */
import type { Db } from '../../db/pool';
import { scopeOf, type Actor } from '../../lib/actor';
import { addDays } from '../../../domain/targets';
import { vnToday } from '../../../domain/vn-time';


/** Sends reminders for reports due within `daysBefore` days or overdue; returns how many were created. */
export async function sendReminders(db: Db, today = vnToday(), daysBefore = 3) {
  const horizon = addDays(today, daysBefore);
  const hasSmtp = Boolean(process.env.SMTP_HOST);
  const { rowCount: inApp } = await db.query(
    `INSERT INTO notifications (user_id, kind, title, body, link, dedupe_key)
     SELECT DISTINCT ON (ur.user_id, r.id) ur.user_id, 'report_due',
            CASE WHEN r.due_date < $1::date THEN 'Báo cáo quá hạn' ELSE 'Báo cáo sắp đến hạn' END,
            o.name || ' — kỳ ' || r.period_key || ', hạn ' || to_char(r.due_date, 'DD/MM/YYYY'), '/reports/' || r.id,
            CASE WHEN r.due_date < $1::date THEN 'overdue:' || r.id || ':' || $1 ELSE 'due:' || r.id END
       FROM reports r JOIN orgs o ON o.id = r.org_id JOIN user_roles ur ON ur.org_id = r.org_id AND ur.role IN ('reporter','manager')
      WHERE r.status IN ('draft','returned') AND r.due_date <= $2::date AND r.period_end < $1::date
     ON CONFLICT DO NOTHING`,
    [today, horizon],
  );
  const { rowCount: mail } = await db.query(
    `INSERT INTO mail_outbox (to_address, subject, body, status, dedupe_key)
     SELECT u.email, CASE WHEN r.due_date < $1::date THEN '[Resolute] Báo cáo quá hạn: ' ELSE '[Resolute] Báo cáo sắp đến hạn: ' END || o.name || ' — ' || r.period_key,
            'Báo cáo kỳ ' || r.period_key || ' của ' || o.name || ' có hạn ' || to_char(r.due_date, 'DD/MM/YYYY') || '. Vui lòng hoàn thành và gửi trên Resolute.',
            CASE WHEN $3 THEN 'pending' ELSE 'held' END,
            'mail:' || u.id || ':' || r.id || ':' || CASE WHEN r.due_date < $1::date THEN 'overdue:' || $1 ELSE 'due' END
       FROM reports r JOIN orgs o ON o.id = r.org_id JOIN user_roles ur ON ur.org_id = r.org_id AND ur.role IN ('reporter','manager')
       JOIN users u ON u.id = ur.user_id AND u.email IS NOT NULL AND NOT u.is_disabled
      WHERE r.status IN ('draft','returned') AND r.due_date <= $2::date AND r.period_end < $1::date
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [today, horizon, hasSmtp],
  );
  return { today, notifications: inApp ?? 0, mails: mail ?? 0, smtp: hasSmtp };
}

/** The outbox, newest first (admins and inspectors: audit.read). */
export async function findOutbox(db: Db, actor: Actor) {
  scopeOf(actor, 'audit.read');
  const { rows } = await db.query(
    `SELECT id, to_address AS "toAddress", subject, body, status, created_at AS "createdAt", sent_at AS "sentAt", attempts, error,
            next_attempt_at AS "nextAttemptAt" FROM mail_outbox ORDER BY id DESC LIMIT 500`);
  return rows;
}
