/**
 * Reminders before and after a report's due date, in the app and by e-mail. Mail goes to the
 * outbox; the sender job (the mail feature, src/server/jobs) delivers it when SMTP is
 * configured, otherwise it waits there for an admin to read ('held'). Dedupe keys make a rerun
 * of the same day send nothing twice; the reminder job runs daily and at start-up.
 */
import { inTransaction, type Db, type Queryable } from '../../db/pool';
import { inScopeSql, type Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';
import { addDays, periodKeyLabel } from '../../../domain/targets';
import { notifyWithMail } from '../mail';
import { formatVnDate, vnToday } from '../../../domain/vn-time';
import { reminderAuditOrg, reminderScope } from './reports.policy';

/**
 * Sends reminders for reports due within `daysBefore` days or overdue, of the orgs inside
 * `scope` (null: everywhere, as the daily job does); returns how many were created.
 */
export async function sendReminders(db: Queryable, today = vnToday(), daysBefore = 3, scope: string[] | null = null) {
  const horizon = addDays(today, daysBefore);
  const { rows } = await db.query<{
    userId: number;
    email: string | null;
    orgId: number;
    orgName: string;
    reportId: number;
    periodKey: string;
    due: string;
  }>(
    `SELECT DISTINCT ON (u.id, r.id) u.id AS "userId", u.email, r.org_id::int AS "orgId", o.name AS "orgName", r.id::int AS "reportId",
            r.period_key AS "periodKey", to_char(r.due_date, 'YYYY-MM-DD') AS due
       FROM reports r JOIN orgs o ON o.id = r.org_id JOIN user_roles ur ON ur.org_id = r.org_id AND ur.role IN ('reporter','manager')
       JOIN users u ON u.id = ur.user_id AND NOT u.is_disabled
      WHERE r.status IN ('draft','returned') AND r.due_date <= $2::date AND r.period_end < $1::date AND ${inScopeSql('o.path', '$3')}`,
    [today, horizon, scope],
  );
  const notices = rows.map((r) => {
    const isOverdue = r.due < today;
    return {
      ...r,
      title: `${isOverdue ? 'Báo cáo quá hạn' : 'Báo cáo sắp đến hạn'}: ${r.orgName}`,
      body: `${periodKeyLabel(r.periodKey)}, hạn ${formatVnDate(r.due)}.`,
      link: `/reports/${r.reportId}`,
      // Overdue: once a day until it is sent; due soon: once.
      key: isOverdue ? `overdue:${r.reportId}:${today}` : `due:${r.reportId}`,
    };
  });
  const hasSmtp = Boolean(process.env.SMTP_HOST);
  if (notices.length === 0) return { today, notifications: 0, mails: 0, smtp: hasSmtp };
  const sent = await notifyWithMail(db, 'report_due', notices, (n) => `${n.title}. ${n.body} Vui lòng hoàn thành và gửi trên Resolute.`);
  return { today, ...sent, smtp: hasSmtp };
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
