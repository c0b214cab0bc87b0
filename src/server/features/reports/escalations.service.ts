/**
 * Escalation of follow-up (issue 12). A report not submitted, an approval not given or an
 * explanation not answered N days after its due date is raised to the head of the org above
 * the late one: its managers get a notification and a letter. N is the nearest
 * `followup_settings` row at or above the late org, else DEFAULT_ESCALATION_DAYS.
 *
 * Once: each item is a row of `escalations`, unique by (kind, subject); the daily job inserts
 * with ON CONFLICT DO NOTHING and notifies only what it inserted, so a rerun, a second process
 * or a job racing the same day sends nothing twice (the job also runs under the scheduler's lock).
 */
import { inTransaction, type Db } from '../../db/pool';
import { DEFAULT_ESCALATION_DAYS } from '../../../domain/reports';
import { vnToday } from '../../../domain/vn-time';
import { inScopeSql, scopeOf, type Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';
import { notFound, versionConflict } from '../../lib/errors';
import { findOrgInScope } from '../orgs';
import { requireManageReporting } from './reports.policy';
import type { EscalationsQuery, FollowupSettingsInput } from '../../../contracts/reports';

const orgNotFound = () => notFound({ vi: 'Không tìm thấy tổ chức.', en: 'Organization not found.' });

/**
 * Open items past their due date: the late org, the org it concerns and the due date. An
 * approval is late at the org above the reporting one (its approvers), due when that org's own
 * report is (the schedule's level offset); a returned report is again the org's to submit.
 */
const CANDIDATES = `
  SELECT 'report_submission' AS kind, r.id AS subject_id, r.org_id AS subject_org_id, r.org_id AS late_org_id, r.due_date,
         'Báo cáo kỳ ' || r.period_key || ' của ' || o.name || ' chưa được gửi' AS title, '/reports/' || r.id AS link
    FROM reports r JOIN orgs o ON o.id = r.org_id
   WHERE r.status IN ('draft','returned') AND r.due_date < $1::date
  UNION ALL
  SELECT 'report_approval', r.id, r.org_id, o.parent_id, r.due_date + s.level_offset_days,
         'Báo cáo kỳ ' || r.period_key || ' của ' || o.name || ' chưa được duyệt', '/reports/' || r.id
    FROM reports r JOIN orgs o ON o.id = r.org_id JOIN report_schedules s ON s.id = r.schedule_id
   WHERE r.status = 'submitted' AND o.parent_id IS NOT NULL AND r.due_date + s.level_offset_days < $1::date
  UNION ALL
  SELECT 'explanation_answer', e.id, e.org_id, e.org_id, e.due_date,
         'Yêu cầu giải trình gửi ' || o.name || ' chưa được trả lời', '/explanations/' || e.id
    FROM explanation_requests e JOIN orgs o ON o.id = e.org_id
   WHERE e.status = 'open' AND e.due_date < $1::date`;

/**
 * Escalates what is due by `today` (a Vietnamese day) inside `scope` (null: everywhere, the
 * daily job); returns how many items were escalated and how many notifications and letters sent.
 */
export async function escalateFollowUp(db: Db, today = vnToday(), scope: string[] | null = null) {
  const hasSmtp = Boolean(process.env.SMTP_HOST);
  return inTransaction(db, async (tx) => {
    const { rows } = await tx.query<{ id: number }>(
      `WITH c AS (${CANDIDATES}),
       judged AS (
         SELECT c.*, lo.parent_id AS head_org_id,
                COALESCE((SELECT s.escalation_days FROM followup_settings s JOIN orgs so ON so.id = s.org_id
                           WHERE lo.path <@ so.path ORDER BY nlevel(so.path) DESC LIMIT 1), $2::int) AS days
           FROM c JOIN orgs lo ON lo.id = c.late_org_id
          WHERE lo.parent_id IS NOT NULL AND lo.valid_to IS NULL AND ${inScopeSql('lo.path', '$3')}
       )
       INSERT INTO escalations (kind, subject_id, subject_org_id, late_org_id, head_org_id, title, link, due_date, escalation_days, escalated_on)
       SELECT kind, subject_id, subject_org_id, late_org_id, head_org_id, title, link, due_date, days, $1::date
         FROM judged WHERE due_date + days <= $1::date
       ON CONFLICT (kind, subject_id) DO NOTHING
       RETURNING id`,
      [today, DEFAULT_ESCALATION_DAYS, scope],
    );
    const ids = rows.map((r) => r.id);
    if (ids.length === 0) return { today, escalated: 0, notifications: 0, mails: 0 };
    const { rowCount: notifications } = await tx.query(
      `INSERT INTO notifications (user_id, kind, title, body, link, dedupe_key)
       SELECT DISTINCT ON (ur.user_id, x.id) ur.user_id, 'escalation', 'Chuyển cấp trên: việc quá hạn ' || x.escalation_days || ' ngày',
              x.title || ' (hạn ' || to_char(x.due_date, 'DD/MM/YYYY') || ')', x.link, 'escalation:' || x.id
         FROM escalations x JOIN user_roles ur ON ur.org_id = x.head_org_id AND ur.role = 'manager'
        WHERE x.id = ANY($1::bigint[])
       ON CONFLICT DO NOTHING`,
      [ids],
    );
    const { rowCount: mails } = await tx.query(
      `INSERT INTO mail_outbox (to_address, subject, body, status, dedupe_key, org_id)
       SELECT DISTINCT ON (u.id, x.id) u.email, '[Resolute] Việc quá hạn chuyển cấp trên: ' || x.title,
              x.title || ', hạn ' || to_char(x.due_date, 'DD/MM/YYYY') || ', đã quá ' || x.escalation_days
                || ' ngày. Đồng chí là người đứng đầu ' || ho.name || ', xin theo dõi và đôn đốc trên Resolute.',
              CASE WHEN $2 THEN 'pending' ELSE 'held' END, 'mail:escalation:' || u.id || ':' || x.id, x.head_org_id
         FROM escalations x JOIN orgs ho ON ho.id = x.head_org_id
         JOIN user_roles ur ON ur.org_id = x.head_org_id AND ur.role = 'manager'
         JOIN users u ON u.id = ur.user_id AND u.email IS NOT NULL AND NOT u.is_disabled
        WHERE x.id = ANY($1::bigint[])
       ON CONFLICT (dedupe_key) DO NOTHING`,
      [ids, hasSmtp],
    );
    return { today, escalated: ids.length, notifications: notifications ?? 0, mails: mails ?? 0 };
  });
}

/**
 * Who was escalated and for what, for a dashboard: escalations whose late org lies in the
 * caller's reports.read scope and, with `orgId`, in that org's subtree (404 outside the scope).
 * `isResolved` says whether the item has since been done (submitted, approved, answered).
 */
export async function findEscalations(db: Db, actor: Actor, q: EscalationsQuery) {
  const scope = scopeOf(actor, 'reports.read');
  let under: string | null = null;
  if (q.orgId !== undefined) {
    const org = await findOrgInScope(db, q.orgId, scope);
    if (!org) throw orgNotFound();
    under = org.path;
  }
  const { rows } = await db.query(
    `SELECT x.id, x.kind, x.title, x.link, so.name AS "subjectOrgName", lo.id AS "lateOrgId", lo.name AS "lateOrgName",
            ho.name AS "headOrgName", to_char(x.due_date, 'YYYY-MM-DD') AS "dueDate", x.escalation_days AS "escalationDays",
            to_char(x.escalated_on, 'YYYY-MM-DD') AS "escalatedOn",
            CASE x.kind
              WHEN 'report_submission' THEN (SELECT r.status NOT IN ('draft','returned') FROM reports r WHERE r.id = x.subject_id)
              WHEN 'report_approval' THEN (SELECT r.status <> 'submitted' FROM reports r WHERE r.id = x.subject_id)
              ELSE (SELECT e.status <> 'open' FROM explanation_requests e WHERE e.id = x.subject_id)
            END AS "isResolved"
       FROM escalations x JOIN orgs lo ON lo.id = x.late_org_id JOIN orgs so ON so.id = x.subject_org_id JOIN orgs ho ON ho.id = x.head_org_id
      WHERE ${inScopeSql('lo.path', '$1')} AND ($2::ltree IS NULL OR lo.path <@ $2::ltree)
      ORDER BY x.escalated_on DESC, x.id DESC
      LIMIT $3`,
    [scope, under, q.limit],
  );
  return rows.map((r) => ({ ...r, isResolved: r.isResolved ?? true }));
}

/** The escalation days that apply to an org (its own setting, an ancestor's, or the default). */
export async function getFollowupSettings(db: Db, actor: Actor, orgId: number) {
  const org = await findOrgInScope(db, orgId, scopeOf(actor, 'reports.read'));
  if (!org) throw orgNotFound();
  const { rows } = await db.query<{ orgId: number; orgName: string; escalationDays: number; version: number }>(
    `SELECT s.org_id AS "orgId", so.name AS "orgName", s.escalation_days AS "escalationDays", s.version
       FROM followup_settings s JOIN orgs so ON so.id = s.org_id, orgs o
      WHERE o.id = $1 AND o.path <@ so.path ORDER BY nlevel(so.path) DESC LIMIT 1`,
    [orgId],
  );
  const found = rows[0];
  return {
    orgId,
    escalationDays: found?.escalationDays ?? DEFAULT_ESCALATION_DAYS,
    // Where the number comes from: this org, an org above (named), or the default.
    source: found ? (found.orgId === orgId ? 'own' : 'inherited') : 'default',
    sourceOrgName: found?.orgName ?? null,
    version: found && found.orgId === orgId ? found.version : 0,
  } as const;
}

/** Sets an org's escalation days (the org's reporting managers; version 0 for the first time). */
export async function saveFollowupSettings(db: Db, actor: Actor, orgId: number, input: FollowupSettingsInput) {
  const org = await findOrgInScope(db, orgId, scopeOf(actor, 'reports.read'));
  if (!org) throw orgNotFound();
  requireManageReporting(actor, { orgPath: org.path });
  await inTransaction(db, async (tx) => {
    const { rows } = await tx.query<{ version: number; escalationDays: number }>(
      `SELECT version, escalation_days AS "escalationDays" FROM followup_settings WHERE org_id = $1 FOR UPDATE`,
      [orgId],
    );
    const before = rows[0];
    if ((before?.version ?? 0) !== input.version) throw versionConflict();
    await tx.query(
      `INSERT INTO followup_settings (org_id, escalation_days) VALUES ($1, $2)
       ON CONFLICT (org_id) DO UPDATE SET escalation_days = EXCLUDED.escalation_days, version = followup_settings.version + 1, updated_at = now()`,
      [orgId, input.escalationDays],
    );
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'followup_settings',
      entityId: orgId,
      orgId: org.id,
      orgPath: org.path,
      summary: `Chuyển cấp trên sau ${input.escalationDays} ngày quá hạn`,
      before: before ? { escalationDays: before.escalationDays } : null,
      after: { escalationDays: input.escalationDays },
    });
  });
  return getFollowupSettings(db, actor, orgId);
}
