/**
 * Follow-up of a conclusion's recommendations: the subject (the owner org) reports what it did
 * with evidence, the commission accepts or reopens; overdue ones are escalated to the
 * committee that ran the inspection (the committee above the subject) through the app's
 * notifications, once per recommendation.
 */
import type { Db } from '../../db/pool';
import { inTransaction } from '../../db/pool';
import { followUpWrite, nextRecommendationStatus, type RecommendationAction } from '../../../domain/oversight';
import { vnToday } from '../../../domain/vn-time';
import { scopeOf, type Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';
import { forbidden, notFound, versionConflict } from '../../lib/errors';
import { abilitiesOf, canReportRecommendationDone, partsFor, refused } from './oversight.policy';
import { loadInspection, recommendationColumns, recommendationFrom, type RecommendationRow } from './inspections.queries';
import { getInspection } from './inspections.service';

const recommendationNotFound = () => notFound({ vi: 'Không tìm thấy kiến nghị.', en: 'Recommendation not found.' });

/**
 * Moves one recommendation; the file's audience rules decide who may (404 when the file is
 * hidden). Progress is written on its task (done, or back in progress when reopened), the
 * commission's verdict on the recommendation: the follow-up state is read from both.
 */
export async function decideRecommendation(
  db: Db,
  actor: Actor,
  id: number,
  action: RecommendationAction,
  input: { version: number; evidence?: string; note?: string },
) {
  const inspectionId = await inTransaction(db, async (tx) => {
    // Lock the recommendation and its task, then read them through the view.
    const { rows: locked } = await tx.query<{ inspectionId: number; taskId: number | null }>(
      `SELECT r.inspection_id AS "inspectionId", r.task_id AS "taskId" FROM inspection_recommendations r WHERE r.id = $1 FOR UPDATE`,
      [id],
    );
    if (!locked[0]) throw recommendationNotFound();
    if (locked[0].taskId !== null) await tx.query(`SELECT 1 FROM tasks WHERE id = $1 FOR UPDATE`, [locked[0].taskId]);
    const { rows } = await tx.query<RecommendationRow>(`SELECT ${recommendationColumns} FROM ${recommendationFrom} WHERE r.id = $1`, [id]);
    const rec = rows[0]!;
    const file = await loadInspection(tx, rec.inspectionId, actor.userId);
    if (!file) throw recommendationNotFound();
    const { audience, parts } = partsFor(actor, file);
    if (!parts.has('recommendations')) throw recommendationNotFound();
    if (action === 'report_done') {
      if (!canReportRecommendationDone(actor, rec.ownerPath, file))
        throw forbidden({
          vi: 'Chỉ tổ chức chịu trách nhiệm mới báo cáo thực hiện kiến nghị.',
          en: 'Only the owner reports a recommendation done.',
        });
    } else if (!abilitiesOf(actor, file, audience).commission) {
      throw forbidden({
        vi: 'Chỉ cơ quan kiểm tra chủ trì mới nghiệm thu kiến nghị.',
        en: 'Only the commission decides on recommendations.',
      });
    }
    if (file.status !== 'follow_up' || rec.taskId === null)
      throw refused('Chỉ theo dõi kiến nghị sau khi gửi thông báo kết luận và trước khi kết thúc.');
    if (rec.version !== input.version) throw versionConflict();
    const verdict = nextRecommendationStatus(rec.status, action, input.evidence);
    if ('refused' in verdict) throw refused(verdict.refused);
    const write = followUpWrite(action);
    if (write.taskStatus !== null) {
      await tx.query(
        `UPDATE tasks SET status = $2, progress = CASE WHEN $2 = 'done' THEN 100 ELSE progress END, version = version + 1, updated_at = now() WHERE id = $1`,
        [rec.taskId, write.taskStatus],
      );
    }
    if (action === 'report_done') {
      await tx.query(
        `UPDATE inspection_recommendations SET decision = $2, evidence = $3, reported_at = now(), version = version + 1 WHERE id = $1`,
        [id, write.decision, input.evidence!.normalize('NFC')],
      );
    } else {
      await tx.query(
        `UPDATE inspection_recommendations SET decision = $2, decided_note = $3, decided_at = now(), version = version + 1 WHERE id = $1`,
        [id, write.decision, input.note?.normalize('NFC') ?? null],
      );
    }
    await recordAudit(tx, actor, {
      action,
      entity: 'inspection_recommendation',
      entityId: id,
      orgId: rec.ownerOrgId,
      orgPath: rec.ownerPath,
      summary: `Kiến nghị ${rec.position} của hồ sơ ${file.id}: ${verdict.status}`,
      before: { status: rec.status, taskStatus: rec.taskStatus },
      after: { status: verdict.status, taskId: rec.taskId, taskStatus: write.taskStatus ?? rec.taskStatus, ...input },
    });
    return file.id;
  });
  return getInspection(db, actor, inspectionId);
}

/**
 * Notifies the managers of the running committee of every recommendation past its deadline
 * and still waiting for the subject, once each (escalated_on marks it). `scopePath` limits it
 * to files run inside a subtree; null for all (the daily job). Returns how many were escalated.
 */
export async function escalateOverdue(db: Db, scopePath: string[] | null, today = vnToday()): Promise<number> {
  return inTransaction(db, async (tx) => {
    const { rows } = await tx.query<{ id: number }>(
      `UPDATE inspection_recommendations r SET escalated_on = $1::date
         FROM recommendation_follow_up v, inspections x JOIN orgs ro ON ro.id = x.org_id
        WHERE v.id = r.id AND x.id = r.inspection_id AND v.status IN ('open','reopened') AND v.deadline < $1::date AND r.escalated_on IS NULL
          AND x.status = 'follow_up' AND ($2::ltree[] IS NULL OR ro.path <@ $2::ltree[])
        RETURNING r.id`,
      [today, scopePath],
    );
    if (rows.length === 0) return 0;
    await tx.query(
      `INSERT INTO notifications (user_id, kind, title, body, link, dedupe_key)
       SELECT DISTINCT ON (ur.user_id, r.id) ur.user_id, 'oversight_overdue', 'Kiến nghị sau kiểm tra, giám sát quá hạn',
              so.name || ': ' || left(r.text, 200) || ' (hạn ' || to_char(r.deadline, 'DD/MM/YYYY') || ')', '/oversight/inspections/' || x.id, 'oversight-overdue:' || r.id
         FROM recommendation_follow_up r JOIN inspections x ON x.id = r.inspection_id JOIN orgs so ON so.id = x.subject_org_id
         JOIN user_roles ur ON ur.org_id = x.org_id AND ur.role IN ('manager','admin')
        WHERE r.id = ANY($1::bigint[])
       ON CONFLICT DO NOTHING`,
      [rows.map((r) => r.id)],
    );
    return rows.length;
  });
}

/** The route's entry: escalates in the caller's inspections.write scope. */
export async function escalateOverdueInScope(db: Db, actor: Actor) {
  const scope = scopeOf(actor, 'inspections.write');
  return { escalated: await escalateOverdue(db, scope) };
}
