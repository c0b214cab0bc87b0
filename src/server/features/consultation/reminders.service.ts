/**
 * Daily reminders of consultation deadlines (the jobs of src/server/jobs): recipients that have
 * not answered, three days before the deadline and once it has passed. A person is reminded in
 * their name; an org through its leaders and reporters. Dedupe keys make a rerun harmless.
 */
import type { Queryable } from '../../db/pool';
import { addDays } from '../../../domain/targets';
import { formatVnDate, vnToday } from '../../../domain/vn-time';
import { notifyWithMail } from '../mail';

export async function sendConsultationReminders(db: Queryable, today = vnToday(), daysBefore = 3) {
  const { rows } = await db.query<{
    userId: number;
    email: string | null;
    recipientId: number;
    orgId: number;
    title: string;
    deadline: string;
    link: string;
  }>(
    `WITH due AS (
       SELECT c.id, c.org_id, c.user_id, r.deadline, r.version_id, d.title, d.org_id AS doc_org
         FROM consultation_recipients c JOIN consultation_rounds r ON r.id = c.round_id
         JOIN documents d ON d.id = r.document_id AND d.status = 'draft'
        WHERE c.answered_at IS NULL AND r.deadline <= $2::date AND r.deadline >= $1::date - 30
     )
     SELECT DISTINCT x.user_id AS "userId", u.email, x.id AS "recipientId", x.org AS "orgId", x.title, to_char(x.deadline, 'YYYY-MM-DD') AS deadline, x.link
       FROM (SELECT due.id, due.user_id, due.doc_org AS org, due.title, due.deadline, '/drafts/' || due.version_id || '?recipient=' || due.id AS link
               FROM due WHERE due.user_id IS NOT NULL
             UNION ALL
             SELECT due.id, ur.user_id, due.org_id, due.title, due.deadline, '/consultation' FROM due
               JOIN user_roles ur ON ur.org_id = due.org_id AND ur.role IN ('manager','reporter')) x
       JOIN users u ON u.id = x.user_id AND NOT u.is_disabled`,
    [today, addDays(today, daysBefore)],
  );
  if (rows.length === 0) return { today, notifications: 0, mails: 0 };
  const notices = rows.map((r) => {
    const isOverdue = r.deadline < today;
    return {
      ...r,
      title: `${isOverdue ? 'Quá hạn' : 'Sắp đến hạn'} góp ý dự thảo: ${r.title}`.slice(0, 300),
      body: `Hạn góp ý ${formatVnDate(r.deadline)}.`,
      key: `consultation:${r.recipientId}:${isOverdue ? 'overdue' : 'due'}`,
    };
  });
  const sent = await notifyWithMail(db, 'consultation_due', notices, (n) => `${n.body} Vui lòng góp ý trên Resolute (${n.link}).`);
  return { today, ...sent };
}
