/**
 * Reminders of a round's deadlines, in the app and by e-mail: whoever holds the next step of
 * an evaluation is told once when its deadline is three days away and once when it has passed.
 * - self-assessment: the member themself (their account), or the rated org's reporters and
 *   managers;
 * - comment and proposal: the reporters and managers of the member's cell;
 * - decision: the managers and approvers of the competent level (decider org).
 * One notice per person, round and step, counting the evaluations waiting; dedupe keys make a
 * rerun of the same day send nothing twice. The notification and its letter are written by the
 * mail feature's notifyWithMail, as for every reminder. The daily job calls it (src/server/jobs).
 */
import type { Queryable } from '../../db/pool';
import { addDays } from '../../../domain/targets';
import { formatVnDate, vnToday } from '../../../domain/vn-time';
import { notifyWithMail } from '../mail';

type Due = {
  userId: number;
  email: string | null;
  roundId: number;
  roundName: string;
  orgId: number;
  step: 'self' | 'review' | 'decide';
  due: string;
  waiting: number;
  isMember: boolean;
};

const STEP_WORDS: Record<Due['step'], string> = { self: 'tự đánh giá', review: 'nhận xét, đề xuất', decide: 'quyết định xếp loại' };

export async function sendGradingReminders(db: Queryable, today = vnToday(), daysBefore = 3) {
  const horizon = addDays(today, daysBefore);
  const { rows } = await db.query<Due>(
    `WITH open AS (
       SELECT g.id, g.name, g.org_id, g.self_assess_due AS self_due, g.review_due, g.decide_due
         FROM grading_rounds g
        WHERE (g.self_assess_due <= $2::date OR g.review_due <= $2::date OR g.decide_due <= $2::date)
          AND g.decide_due >= $1::date - 30
     ),
     waiting AS (
       SELECT e.round_id, 'self' AS step, o.self_due AS due, e.subject_kind, e.org_id, e.member_id
         FROM grading_evaluations e JOIN open o ON o.id = e.round_id WHERE e.is_current AND e.status = 'draft' AND o.self_due <= $2::date
       UNION ALL
       SELECT e.round_id, 'review', o.review_due, e.subject_kind, e.org_id, NULL
         FROM grading_evaluations e JOIN open o ON o.id = e.round_id WHERE e.is_current AND e.status IN ('self_assessed','commented') AND o.review_due <= $2::date
       UNION ALL
       SELECT e.round_id, 'decide', o.decide_due, e.subject_kind, e.decider_org_id, NULL
         FROM grading_evaluations e JOIN open o ON o.id = e.round_id WHERE e.is_current AND e.status = 'proposed' AND o.decide_due <= $2::date
     ),
     addressed AS (
       -- A member's own self-assessment goes to their account...
       SELECT u.id AS user_id, w.round_id, w.step, w.due, w.org_id, true AS is_member
         FROM waiting w JOIN users u ON u.member_id = w.member_id AND NOT u.is_disabled WHERE w.step = 'self' AND w.member_id IS NOT NULL
       UNION ALL
       -- ...every other step to the holders of the right roles on exactly that org.
       SELECT ur.user_id, w.round_id, w.step, w.due, w.org_id, false
         FROM waiting w JOIN user_roles ur ON ur.org_id = w.org_id
          AND ur.role = ANY (CASE w.step WHEN 'decide' THEN ARRAY['manager','approver'] ELSE ARRAY['manager','reporter'] END)
        WHERE NOT (w.step = 'self' AND w.member_id IS NOT NULL)
     )
     SELECT a.user_id AS "userId", u.email, a.round_id AS "roundId", o.name AS "roundName", min(a.org_id)::int AS "orgId", a.step, to_char(a.due, 'YYYY-MM-DD') AS due,
            count(*)::int AS waiting, bool_and(a.is_member) AS "isMember"
       FROM addressed a JOIN users u ON u.id = a.user_id AND NOT u.is_disabled JOIN open o ON o.id = a.round_id
      GROUP BY a.user_id, u.email, a.round_id, o.name, a.step, a.due`,
    [today, horizon],
  );
  const notices = rows.map((r) => {
    const isOverdue = r.due < today;
    const what = r.isMember ? `Phiếu tự kiểm điểm của đồng chí` : `${r.waiting} phiếu chờ ${STEP_WORDS[r.step]}`;
    return {
      ...r,
      title: `${isOverdue ? 'Quá hạn' : 'Sắp đến hạn'} ${STEP_WORDS[r.step]}: ${r.roundName}`,
      body: `${what}; hạn ${formatVnDate(r.due)}.`,
      link: r.isMember ? '/grading/me' : `/grading/rounds/${r.roundId}`,
      key: `grading:${r.roundId}:${r.step}:${isOverdue ? 'overdue' : 'due'}`,
    };
  });
  if (notices.length === 0) return { today, notifications: 0, mails: 0 };
  const sent = await notifyWithMail(db, 'grading_due', notices, (n) => `${n.body} Vui lòng thực hiện trên Resolute (${n.link}).`);
  return { today, ...sent };
}
