/**
 * Reminders before and after a report's due date, in the app and by e-mail. Mail goes to the
 * outbox; the sender job (the mail feature, src/server/jobs) delivers it when SMTP is
 * configured, otherwise it waits there for an admin to read ('held'). Dedupe keys make a rerun
 * of the same day send nothing twice; the reminder job runs daily and at start-up.
 */
import { inTransaction, type Db, type Queryable } from '../../db/pool';
import { inScopeSql, type Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';
import { addDays } from '../../../domain/targets';
import { vnToday } from '../../../domain/vn-time';
import { reminderAuditOrg, reminderScope } from './reports.policy';

/**
 * Sends reminders for reports due within `daysBefore` days or overdue, of the orgs inside
 * `scope` (null: everywhere, as the daily job does); returns how many were created.
 */
export async function sendReminders(db: Queryable, today = vnToday(), daysBefore = 3, scope: string[] | null = null) {
  const horizon = addDays(today, daysBefore);
  const hasSmtp = Boolean(process.env.SMTP_HOST);
  const { rowCount: inApp } = await db.query(
    `INSERT INTO notifications (user_id, kind, title, body, link, dedupe_key)
     SELECT DISTINCT ON (ur.user_id, r.id) ur.user_id, 'report_due',
            CASE WHEN r.due_date < $1::date THEN 'Báo cáo quá hạn' ELSE 'Báo cáo sắp đến hạn' END,
            o.name || ' — kỳ ' || r.period_key || ', hạn ' || to_char(r.due_date, 'DD/MM/YYYY'), '/reports/' || r.id,
            CASE WHEN r.due_date < $1::date THEN 'overdue:' || r.id || ':' || $1 ELSE 'due:' || r.id END
       FROM reports r JOIN orgs o ON o.id = r.org_id JOIN user_roles ur ON ur.org_id = r.org_id AND ur.role IN ('reporter','manager')
      WHERE r.status IN ('draft','returned') AND r.due_date <= $2::date AND r.period_end < $1::date AND ${inScopeSql('o.path', '$3')}
     ON CONFLICT DO NOTHING`,
    [today, horizon, scope],
  );
  const { rowCount: mail } = await db.query(
    `INSERT INTO mail_outbox (to_address, subject, body, status, dedupe_key, org_id)
     SELECT u.email, CASE WHEN r.due_date < $1::date THEN '[Resolute] Báo cáo quá hạn: ' ELSE '[Resolute] Báo cáo sắp đến hạn: ' END || o.name || ' — ' || r.period_key,
            'Báo cáo kỳ ' || r.period_key || ' của ' || o.name || ' có hạn ' || to_char(r.due_date, 'DD/MM/YYYY') || '. Vui lòng hoàn thành và gửi trên Resolute.',
            CASE WHEN $3 THEN 'pending' ELSE 'held' END,
            'mail:' || u.id || ':' || r.id || ':' || CASE WHEN r.due_date < $1::date THEN 'overdue:' || $1 ELSE 'due' END, r.org_id
       FROM reports r JOIN orgs o ON o.id = r.org_id JOIN user_roles ur ON ur.org_id = r.org_id AND ur.role IN ('reporter','manager')
       JOIN users u ON u.id = ur.user_id AND u.email IS NOT NULL AND NOT u.is_disabled
      WHERE r.status IN ('draft','returned') AND r.due_date <= $2::date AND r.period_end < $1::date AND ${inScopeSql('o.path', '$4')}
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [today, horizon, hasSmtp, scope],
  );
  return { today, notifications: inApp ?? 0, mails: mail ?? 0, smtp: hasSmtp };
}

/**
 * "Send reminders now" from the outbox page: an administrator's tool, for the orgs of the
 * administrator's subtree, on the server's Vietnamese date (the caller does not choose the
 * day), audited in the same transaction.
 */
export async function sendRemindersNow(db: Db, actor: Actor, daysBefore: number) {
  const scope = reminderScope(actor);
  return inTransaction(db, async (tx) => {
    const result = await sendReminders(tx, vnToday(), daysBefore, scope);
    const home = reminderAuditOrg(actor);
    await recordAudit(tx, actor, {
      action: 'send',
      entity: 'report_reminders',
      entityId: result.today,
      orgId: home?.orgId ?? null,
      orgPath: home?.orgPath ?? null,
      summary: `Gửi nhắc hạn báo cáo: ${result.notifications} thông báo, ${result.mails} thư`,
      after: { ...result, daysBefore },
    });
    return result;
  });
}
