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
import { periodKeyLabel } from '../../../domain/targets';
import { formatVnDate, vnToday } from '../../../domain/vn-time';
import { notifyWithMail } from '../mail';
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
         r.period_key, o.name AS org_name, '/reports/' || r.id AS link
    FROM reports r JOIN orgs o ON o.id = r.org_id
   WHERE r.status IN ('draft','returned') AND r.due_date < $1::date
  UNION ALL
  SELECT 'report_approval', r.id, r.org_id, o.parent_id, r.due_date + s.level_offset_days, r.period_key, o.name, '/reports/' || r.id
    FROM reports r JOIN orgs o ON o.id = r.org_id JOIN report_schedules s ON s.id = r.schedule_id
   WHERE r.status = 'submitted' AND o.parent_id IS NOT NULL AND r.due_date + s.level_offset_days < $1::date
  UNION ALL
  SELECT 'explanation_answer', e.id, e.org_id, e.org_id, e.due_date, NULL, o.name, '/explanations/' || e.id
    FROM explanation_requests e JOIN orgs o ON o.id = e.org_id
   WHERE e.status = 'open' AND e.due_date < $1::date`;

/**
 * Escalates what is due by `today` (a Vietnamese day) inside `scope` (null: everywhere, the
 * daily job); returns how many items were escalated and how many notifications and letters sent.
 */
export async function escalateFollowUp(db: Db, today = vnToday(), scope: string[] | null = null) {
  return inTransaction(db, async (tx) => {
    const { rows: due } = await tx.query<
      Omit<Escalated, 'id' | 'title'> & {
        subjectId: number;
        subjectOrgId: number;
        lateOrgId: number;
        periodKey: string | null;
        orgName: string;
      }
    >(
      `WITH c AS (${CANDIDATES})
       SELECT c.kind, c.subject_id::int AS "subjectId", c.subject_org_id::int AS "subjectOrgId", c.late_org_id::int AS "lateOrgId",
              lo.parent_id::int AS "headOrgId", c.period_key AS "periodKey", c.org_name AS "orgName", c.link,
              to_char(c.due_date, 'YYYY-MM-DD') AS "dueDate", d.days
         FROM c JOIN orgs lo ON lo.id = c.late_org_id,
              LATERAL (SELECT COALESCE((SELECT s.escalation_days FROM followup_settings s JOIN orgs so ON so.id = s.org_id
                                         WHERE lo.path <@ so.path ORDER BY nlevel(so.path) DESC LIMIT 1), $2::int) AS days) d
        WHERE lo.parent_id IS NOT NULL AND lo.valid_to IS NULL AND ${inScopeSql('lo.path', '$3')} AND c.due_date + d.days <= $1::date`,
      [today, DEFAULT_ESCALATION_DAYS, scope],
    );
    if (due.length === 0) return { today, escalated: 0, notifications: 0, mails: 0 };
    const titled = due.map((d) => ({ ...d, title: titleOf(d) }));
    // Only what this run inserted is announced: a rerun or a racing process finds it taken.
    const { rows: escalated } = await tx.query<Escalated>(
      `INSERT INTO escalations (kind, subject_id, subject_org_id, late_org_id, head_org_id, title, link, due_date, escalation_days, escalated_on)
       SELECT *, $10::date FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::text[], $7::text[], $8::date[], $9::int[])
       ON CONFLICT (kind, subject_id) DO NOTHING
       RETURNING id::int, kind, head_org_id::int AS "headOrgId", title, link, to_char(due_date, 'YYYY-MM-DD') AS "dueDate", escalation_days AS days`,
      [
        titled.map((d) => d.kind),
        titled.map((d) => d.subjectId),
        titled.map((d) => d.subjectOrgId),
        titled.map((d) => d.lateOrgId),
        titled.map((d) => d.headOrgId),
        titled.map((d) => d.title),
        titled.map((d) => d.link),
        titled.map((d) => d.dueDate),
        titled.map((d) => d.days),
        today,
      ],
    );
    if (escalated.length === 0) return { today, escalated: 0, notifications: 0, mails: 0 };
    const { rows: heads } = await tx.query<{ userId: number; email: string | null; escalationId: number; headName: string }>(
      `SELECT DISTINCT u.id::int AS "userId", u.email, x.id::int AS "escalationId", ho.name AS "headName"
         FROM escalations x JOIN orgs ho ON ho.id = x.head_org_id
         JOIN user_roles ur ON ur.org_id = x.head_org_id AND ur.role = 'manager' JOIN users u ON u.id = ur.user_id AND NOT u.is_disabled
        WHERE x.id = ANY($1::bigint[])`,
      [escalated.map((x) => x.id)],
    );
    const byId = new Map(escalated.map((x) => [x.id, x]));
    const headOf = new Map<string, string>();
    const notices = heads.map((h) => {
      const x = byId.get(h.escalationId)!;
      const key = `escalation:${x.id}`;
      headOf.set(key, h.headName);
      return {
        userId: h.userId,
        email: h.email,
        orgId: x.headOrgId,
        title: `Chuyển cấp trên: ${x.title}`,
        body: `Quá hạn ${x.days} ngày (hạn ${formatVnDate(x.dueDate)})`,
        link: x.link,
        key,
      };
    });
    const sent = await notifyWithMail(
      tx,
      'escalation',
      notices,
      (n) => `${n.title}: ${n.body}. Đồng chí là người đứng đầu ${headOf.get(n.key)}, xin theo dõi và đôn đốc trên Resolute.`,
    );
    return { today, escalated: escalated.length, ...sent };
  });
}

type Escalated = { id: number; kind: string; headOrgId: number; title: string; link: string; dueDate: string; days: number };

/** What is late, in words: the period as people read it ("Quý I/2025"), never its key. */
function titleOf(d: { kind: string; periodKey: string | null; orgName: string }) {
  if (d.kind === 'explanation_answer') return `Yêu cầu giải trình gửi ${d.orgName} chưa được trả lời`;
  const what = d.kind === 'report_approval' ? 'chưa được duyệt' : 'chưa được gửi';
  return `Báo cáo ${periodKeyLabel(d.periodKey)} của ${d.orgName} ${what}`;
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
