/**
 * Daily reminders of probation reviews (the jobs of src/server/jobs): a probationary member's
 * review falls due twelve months after the admission (Điều lệ Đảng, Điều 5). The managers of
 * the member's cell and of the committee above it are told `daysBefore` days ahead and once
 * the date has passed without a decision. Each reminder has a dedupe key (the admission and
 * the kind), so each is sent exactly once however often the job runs.
 */
import type { Queryable } from '../../db/pool';
import { addDays } from '../../../domain/targets';
import { formatVnDate, vnToday } from '../../../domain/vn-time';
import { notifyWithMail } from '../mail';

export async function sendReviewReminders(db: Queryable, today = vnToday(), daysBefore = 30) {
  const { rows } = await db.query<{
    userId: number;
    email: string | null;
    admissionId: number;
    memberId: number;
    fullName: string;
    code: string;
    cellName: string;
    orgId: number;
    reviewDue: string;
  }>(
    // Open probations due within the window, or already past due: `closed_on` is kept by the
    // event triggers, so a member made official (or gone) is never reminded.
    `WITH due AS (
       SELECT p.admission_id, m.id AS member_id, m.full_name, m.code, c.id AS cell_id, c.name AS cell_name, c.parent_id, p.review_due
         FROM registry_probations p JOIN members m ON m.id = p.member_id JOIN orgs c ON c.id = m.org_id
        WHERE p.closed_on IS NULL AND p.review_due <= $1::date AND m.status = 'probationary'
     )
     SELECT DISTINCT u.id AS "userId", u.email, due.admission_id AS "admissionId", due.member_id AS "memberId",
            due.full_name AS "fullName", due.code, due.cell_name AS "cellName", ur.org_id AS "orgId",
            to_char(due.review_due, 'YYYY-MM-DD') AS "reviewDue"
       FROM due JOIN user_roles ur ON ur.role = 'manager' AND (ur.org_id = due.cell_id OR ur.org_id = due.parent_id)
       JOIN users u ON u.id = ur.user_id AND NOT u.is_disabled`,
    [addDays(today, daysBefore)],
  );
  if (rows.length === 0) return { today, notifications: 0, mails: 0 };
  const notices = rows.map((r) => {
    const isOverdue = r.reviewDue < today;
    return {
      ...r,
      title: `${isOverdue ? 'Quá hạn' : 'Sắp đến hạn'} xét chuyển đảng chính thức: ${r.fullName} (${r.code})`.slice(0, 300),
      body: `${r.cellName}: hạn xét ${formatVnDate(r.reviewDue)}.`,
      link: `/registry/members/${r.memberId}`,
      key: `registry-review:${r.admissionId}:${isOverdue ? 'overdue' : 'due'}`,
    };
  });
  const sent = await notifyWithMail(db, 'registry_review_due', notices, (n) => `${n.body} Xem trên Resolute (${n.link}).`);
  return { today, ...sent };
}
