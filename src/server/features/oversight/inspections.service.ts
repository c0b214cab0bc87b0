/**
 * One inspection or supervision, from the entry in the program to closing: the team, the
 * notice, the subject's self-report, working sessions, the team's report, findings and the
 * conclusion. Every step goes through the domain's workflow (nextOversightStatus); every read
 * by someone outside the team is written to the audit log.
 */
import type pg from 'pg';
import type { Db } from '../../db/pool';
import { inTransaction } from '../../db/pool';
import {
  availableOversightActions,
  OVERSIGHT_STATUS_LABELS,
  nextOversightStatus,
  recommendationView,
  teamProblems,
  type OversightAction,
} from '../../../domain/oversight';
import { vnToday } from '../../../domain/vn-time';
import { scopeOf, type Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';
import { badRequest, notFound, versionConflict } from '../../lib/errors';
import { findOrgInScope } from '../orgs';
import { notifyOrgPeople } from '../mail';
import {
  abilitiesOf,
  canWriteAsSubject,
  inspectionNotFound,
  isReadAuditedFor,
  mayReportInPage,
  partsFor,
  refused,
  requireRole,
  visibleInspectionsSql,
} from './oversight.policy';
import {
  documentsReadable,
  itemsConcerning,
  membersWithin,
  nextOversightNumber,
  orgsWithin,
  reportsWithin,
  requireAll,
  tasksWithin,
} from './oversight.queries';
import type { ConclusionInput, CreateInspectionInput, FindingInput, FormTeamInput } from '../../../contracts/oversight';
import {
  findFindings,
  findRecommendations,
  findTeam,
  inspectionColumns,
  inspectionFrom,
  loadInspection,
  workflowFacts,
  type InspectionRow,
} from './inspections.queries';
import { selfReportFigures } from './self-report.service';
import { findEvidence } from './evidence.service';

const audit = (tx: pg.PoolClient, actor: Actor, row: InspectionRow, action: string, summary: string, after?: unknown) =>
  recordAudit(tx, actor, { action, entity: 'inspection', entityId: row.id, orgId: row.orgId, orgPath: row.runPath, summary, after });

/** Creates an inspection, from a program entry or standalone (upon signs of violation). */
export async function createInspection(db: Db, actor: Actor, input: CreateInspectionInput, opts: { isSample?: boolean } = {}) {
  const scope = scopeOf(actor, 'inspections.write');
  const org = await findOrgInScope(db, input.orgId, scope);
  if (!org) throw notFound({ vi: 'Không tìm thấy tổ chức.', en: 'Organization not found.' });
  requireAll([input.subjectOrgId], await orgsWithin(db, [input.subjectOrgId], org.path), {
    vi: 'Không tìm thấy tổ chức được kiểm tra',
    en: 'Subject organization not found',
  });
  const { rows: subj } = await db.query<{ path: string }>(`SELECT path::text FROM orgs WHERE id = $1`, [input.subjectOrgId]);
  if (input.subjectMemberId !== undefined) {
    requireAll([input.subjectMemberId], await membersWithin(db, [input.subjectMemberId], subj[0]!.path), {
      vi: 'Không tìm thấy đảng viên',
      en: 'Member not found',
    });
  }
  if (input.documentId !== undefined) {
    requireAll([input.documentId], await documentsReadable(db, [input.documentId], scopeOf(actor, 'documents.read')), {
      vi: 'Không tìm thấy văn bản',
      en: 'Document not found',
    });
  }
  if (input.entryId !== undefined) {
    const { rows } = await db.query(
      `SELECT 1 FROM oversight_entries e JOIN oversight_programs p ON p.id = e.program_id WHERE e.id = $1 AND p.org_id = $2`,
      [input.entryId, org.id],
    );
    if (!rows[0]) throw notFound({ vi: 'Không tìm thấy nội dung trong chương trình.', en: 'Program entry not found.' });
  }
  const id = await inTransaction(db, async (tx) => {
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO inspections (org_id, entry_id, kind, basis, responsible_body, subject_org_id, subject_member_id, content, theme, document_id, period_start, period_end, year, is_sample)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
      [
        org.id,
        input.entryId ?? null,
        input.kind,
        input.basis,
        input.responsibleBody,
        input.subjectOrgId,
        input.subjectMemberId ?? null,
        input.content.normalize('NFC'),
        input.theme.normalize('NFC'),
        input.documentId ?? null,
        input.periodStart,
        input.periodEnd,
        Number(input.periodStart.slice(0, 4)),
        opts.isSample ?? false,
      ],
    );
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'inspection',
      entityId: rows[0]!.id,
      orgId: org.id,
      orgPath: org.path,
      summary: `Kiểm tra, giám sát: ${input.content.slice(0, 200)}`,
      after: input,
    });
    return rows[0]!.id;
  });
  return getInspection(db, actor, id);
}

/** Files the caller may open, newest first. */
export async function findInspections(db: Db, actor: Actor, q: { orgId?: number; subjectOrgId?: number; year?: number }) {
  const vis = visibleInspectionsSql(actor, 4);
  const { rows } = await db.query<InspectionRow>(
    `SELECT ${inspectionColumns}, false AS "isTeamMember" FROM ${inspectionFrom}
      WHERE ($1::bigint IS NULL OR x.org_id = $1) AND ($2::bigint IS NULL OR x.subject_org_id = $2) AND ($3::int IS NULL OR x.year = $3) AND ${vis.sql}
      ORDER BY x.period_start DESC, x.id DESC LIMIT 500`,
    [q.orgId ?? null, q.subjectOrgId ?? null, q.year ?? null, ...vis.params],
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    basis: r.basis,
    orgName: r.orgName,
    subjectOrgId: r.subjectOrgId,
    subjectOrgName: r.subjectOrgName,
    subjectMemberName: r.subjectMemberName,
    content: r.content,
    theme: r.theme,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    year: r.year,
    status: r.status,
    statusLabel: OVERSIGHT_STATUS_LABELS[actor.locale][r.status],
    isSample: r.isSample,
  }));
}

/**
 * The file as the caller may see it: parts outside the caller's audience are left out (the
 * subject never receives the minutes, the team's report or draft findings). A read by anyone
 * outside the team is audited.
 */
export async function getInspection(db: Db, actor: Actor, id: number) {
  const row = await loadInspection(db, id, actor.userId);
  if (!row) throw inspectionNotFound();
  const { audience, parts } = partsFor(actor, row);
  if (isReadAuditedFor(actor, audience)) {
    await inTransaction(db, (tx) => audit(tx, actor, row, 'read', `Xem hồ sơ kiểm tra, giám sát (${audience})`));
  }
  const [team, findings, recommendations, facts, earlier, evidence] = await Promise.all([
    parts.has('team') ? findTeam(db, id) : [],
    parts.has('findings') ? findFindings(db, id) : [],
    parts.has('recommendations') ? findRecommendations(db, id) : [],
    workflowFacts(db, id),
    earlierConclusions(db, row),
    findEvidence(db, id, parts),
  ]);
  const today = vnToday();
  const abilities = abilitiesOf(actor, row, audience);
  return {
    id: row.id,
    orgId: row.orgId,
    orgName: row.orgName,
    entryId: row.entryId,
    kind: row.kind,
    basis: row.basis,
    responsibleBody: row.responsibleBody,
    subjectOrgId: row.subjectOrgId,
    subjectOrgName: row.subjectOrgName,
    subjectMemberId: row.subjectMemberId,
    subjectMemberName: row.subjectMemberName,
    content: row.content,
    theme: row.theme,
    documentId: row.documentId,
    documentSymbol: row.documentSymbol,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    year: row.year,
    status: row.status,
    statusLabel: OVERSIGHT_STATUS_LABELS[actor.locale][row.status],
    isSample: row.isSample,
    version: row.version,
    audience,
    parts: [...parts],
    decision: parts.has('team') ? { symbol: row.decisionSymbol, date: row.decisionDate } : null,
    team,
    plan: parts.has('plan') ? { symbol: row.planSymbol, text: row.planText } : null,
    notice: parts.has('notice') ? { text: row.noticeText, sentAt: row.notifiedAt } : null,
    selfReport: parts.has('self_report') ? { text: row.selfReportText, figures: row.selfReportFigures, sentAt: row.selfReportedAt } : null,
    findings,
    conclusion:
      parts.has('conclusion') && row.conclusionText !== null
        ? { symbol: row.conclusionSymbol, text: row.conclusionText, concludedAt: row.concludedAt, sentAt: row.conclusionSentAt }
        : null,
    recommendations: recommendations.map((r) => ({
      ...r,
      view: recommendationView(r.status, r.deadline, today),
      // The subject's side reports in the page: the subject itself, or the org owning this one (its task).
      canReport: row.status === 'follow_up' && r.status !== 'accepted' && mayReportInPage(actor, audience, r.ownerPath, row),
    })),
    counts: facts,
    earlier,
    evidence,
    abilities: {
      ...abilities,
      actions: availableOversightActions(row.status, facts).filter((a) => mayAct(a, abilities)),
    },
  };
}

function mayAct(action: OversightAction, a: { commission: boolean; team: boolean; subject: boolean }): boolean {
  switch (action) {
    case 'form_team':
    case 'send_notice':
    case 'conclude':
    case 'send_conclusion':
    case 'close':
      return a.commission;
    case 'record_session':
    case 'submit_team_report':
    case 'record_finding':
      return a.team;
    case 'submit_self_report':
      return a.subject;
  }
}

/** Earlier files on the same subject, with how far their recommendations were carried out. */
async function earlierConclusions(db: Db, row: InspectionRow) {
  const { rows } = await db.query(
    `SELECT x.id, x.kind, x.theme, x.content, to_char(x.period_start, 'YYYY-MM-DD') AS "periodStart", x.status, x.conclusion_symbol AS "conclusionSymbol",
            count(r.id)::int AS recommendations, count(r.id) FILTER (WHERE r.status = 'accepted')::int AS accepted
       FROM inspections x LEFT JOIN recommendation_follow_up r ON r.inspection_id = x.id
      WHERE x.subject_org_id = $1 AND x.id <> $2 AND x.period_start <= $3::date AND x.status IN ('follow_up','closed')
      GROUP BY x.id ORDER BY x.period_start DESC LIMIT 20`,
    [row.subjectOrgId, row.id, row.periodStart],
  );
  return rows;
}

/** The team's working papers: minutes of the sessions, the team's report and the draft findings. 404 for the subject. */
export async function getInspectionNotes(db: Db, actor: Actor, id: number) {
  const row = await loadInspection(db, id, actor.userId);
  if (!row) throw inspectionNotFound();
  const { audience, parts } = partsFor(actor, row);
  if (!parts.has('sessions')) throw inspectionNotFound();
  if (isReadAuditedFor(actor, audience)) {
    await inTransaction(db, (tx) => audit(tx, actor, row, 'read_notes', `Xem tài liệu làm việc của đoàn (${audience})`));
  }
  const { rows: sessions } = await db.query(
    `SELECT s.id, to_char(s.held_on, 'YYYY-MM-DD') AS "heldOn", s.place, s.minutes, u.full_name AS "createdByName" FROM inspection_sessions s
       LEFT JOIN users u ON u.id = s.created_by WHERE s.inspection_id = $1 ORDER BY s.held_on, s.id`,
    [id],
  );
  return { sessions, teamReport: row.teamReportText, findings: await findFindings(db, id) };
}

/** The figures the subject's self-report starts from, as of today. */
export async function getSelfReportDraft(db: Db, actor: Actor, id: number) {
  const row = await loadInspection(db, id, actor.userId);
  if (!row) throw inspectionNotFound();
  const { parts } = partsFor(actor, row);
  if (!parts.has('self_report')) throw inspectionNotFound();
  return selfReportFigures(db, { orgId: row.subjectOrgId, path: row.subjectPath, documentId: row.documentId });
}

type Side = 'commission' | 'team' | 'subject';
const sideMessages: Record<Side, { vi: string; en: string }> = {
  commission: { vi: 'Chỉ cơ quan kiểm tra chủ trì mới thực hiện bước này.', en: 'Only the commission running it may do this.' },
  team: { vi: 'Chỉ thành viên đoàn kiểm tra, giám sát mới thực hiện bước này.', en: 'Only the team may do this.' },
  subject: { vi: 'Chỉ tổ chức, đảng viên được kiểm tra, giám sát mới gửi nội dung này.', en: 'Only the subject may send this.' },
};

/**
 * One step of the workflow in one transaction: lock, check who may act, check the version and
 * the order, write, bump the version and status, audit.
 */
async function step(
  db: Db,
  actor: Actor,
  id: number,
  version: number,
  action: OversightAction,
  side: Side,
  write: (tx: pg.PoolClient, row: InspectionRow) => Promise<string>,
) {
  await inTransaction(db, async (tx) => {
    const row = await loadInspection(tx, id, actor.userId, true);
    if (!row) throw inspectionNotFound();
    const { audience } = partsFor(actor, row);
    const a = abilitiesOf(actor, row, audience);
    requireRole(side === 'commission' ? a.commission : side === 'team' ? a.team : canWriteAsSubject(actor, row), sideMessages[side]);
    if (row.version !== version) throw versionConflict();
    const verdict = nextOversightStatus(row.status, action, await workflowFacts(tx, id));
    if ('refused' in verdict) throw refused(verdict.refused);
    const summary = await write(tx, row);
    await tx.query(`UPDATE inspections SET status = $2, version = version + 1, updated_at = now() WHERE id = $1`, [id, verdict.status]);
    await audit(tx, actor, row, action, summary);
  });
  return getInspection(db, actor, id);
}

/** The decision forming the team (head, members, secretary), numbered from the body's counter. */
export async function formTeam(db: Db, actor: Actor, id: number, input: FormTeamInput) {
  const problems = teamProblems(input.team);
  if (problems.length > 0)
    throw badRequest(
      { vi: problems.join(' '), en: 'The team is not valid.' },
      { fields: [{ field: 'body.team', message: problems.join(' ') }] },
    );
  return step(db, actor, id, input.version, 'form_team', 'commission', async (tx, row) => {
    // Team members are people of the running committee's subtree: a user with a role there.
    const userIds = input.team.map((t) => t.userId);
    const { rows } = await tx.query<{ id: number }>(
      `SELECT DISTINCT u.id FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN orgs o ON o.id = ur.org_id
        WHERE u.id = ANY($1::bigint[]) AND NOT u.is_disabled AND o.path <@ $2::ltree`,
      [userIds, row.runPath],
    );
    requireAll(
      userIds,
      rows.map((r) => r.id),
      { vi: 'Không tìm thấy người dùng', en: 'User not found' },
    );
    await tx.query(`DELETE FROM inspection_team WHERE inspection_id = $1`, [id]);
    await tx.query(
      `INSERT INTO inspection_team (inspection_id, user_id, role) SELECT $1, u, r FROM unnest($2::bigint[], $3::text[]) AS t(u, r)`,
      [id, userIds, input.team.map((t) => t.role)],
    );
    if (row.decisionSymbol === null) {
      const { rows: orgRows } = await tx.query<{ id: number; kind: string; name: string }>(
        `SELECT id, kind, name FROM orgs WHERE id = $1`,
        [row.orgId],
      );
      const body = row.responsibleBody === 'inspection_commission' ? 'inspection_commission' : 'committee';
      const decision = await nextOversightNumber(tx, orgRows[0]!, body, 'decision', Number(input.decisionDate.slice(0, 4)));
      const plan = await nextOversightNumber(tx, orgRows[0]!, body, 'plan', Number(input.decisionDate.slice(0, 4)));
      await tx.query(`UPDATE inspections SET decision_symbol = $2, decision_date = $3, plan_symbol = $4 WHERE id = $1`, [
        id,
        decision.symbol,
        input.decisionDate,
        plan.symbol,
      ]);
    } else {
      await tx.query(`UPDATE inspections SET decision_date = $2 WHERE id = $1`, [id, input.decisionDate]);
    }
    return `Thành lập đoàn (${input.team.length} người)`;
  });
}

export async function sendNotice(db: Db, actor: Actor, id: number, input: { version: number; planText: string; noticeText: string }) {
  return step(db, actor, id, input.version, 'send_notice', 'commission', async (tx, row) => {
    await tx.query(`UPDATE inspections SET plan_text = $2, notice_text = $3, notified_at = now() WHERE id = $1`, [
      id,
      input.planText.normalize('NFC'),
      input.noticeText.normalize('NFC'),
    ]);
    // The subject's leaders learn of it in the app.
    await notifySubject(tx, row, id, 'oversight_notice', 'Thông báo kiểm tra, giám sát');
    return 'Gửi kế hoạch và thông báo';
  });
}

/** The subject's self-report, with the app's figures as they stand now. */
export async function submitSelfReport(db: Db, actor: Actor, id: number, input: { version: number; text: string }) {
  const row = await loadInspection(db, id, actor.userId);
  if (!row) throw inspectionNotFound();
  partsFor(actor, row);
  const figures = await selfReportFigures(db, { orgId: row.subjectOrgId, path: row.subjectPath, documentId: row.documentId });
  return step(db, actor, id, input.version, 'submit_self_report', 'subject', async (tx) => {
    await tx.query(`UPDATE inspections SET self_report_text = $2, self_report_figures = $3, self_reported_at = now() WHERE id = $1`, [
      id,
      input.text.normalize('NFC'),
      JSON.stringify(figures),
    ]);
    return 'Gửi báo cáo tự kiểm tra';
  });
}

export async function recordSession(
  db: Db,
  actor: Actor,
  id: number,
  input: { version: number; heldOn: string; place: string; minutes: string },
) {
  return step(db, actor, id, input.version, 'record_session', 'team', async (tx) => {
    await tx.query(`INSERT INTO inspection_sessions (inspection_id, held_on, place, minutes, created_by) VALUES ($1, $2, $3, $4, $5)`, [
      id,
      input.heldOn,
      input.place.normalize('NFC'),
      input.minutes.normalize('NFC'),
      actor.userId,
    ]);
    return `Biên bản buổi làm việc ngày ${input.heldOn}`;
  });
}

export async function submitTeamReport(db: Db, actor: Actor, id: number, input: { version: number; text: string }) {
  return step(db, actor, id, input.version, 'submit_team_report', 'team', async (tx) => {
    await tx.query(`UPDATE inspections SET team_report_text = $2 WHERE id = $1`, [id, input.text.normalize('NFC')]);
    return 'Báo cáo của đoàn';
  });
}

/** A finding linked to the targets, tasks, reports and members it concerns, each checked against the subject. */
export async function recordFinding(db: Db, actor: Actor, id: number, input: FindingInput) {
  return step(db, actor, id, input.version, 'record_finding', 'team', async (tx, row) => {
    requireAll(input.itemIds, await itemsConcerning(tx, input.itemIds, row.subjectPath), {
      vi: 'Không tìm thấy chỉ tiêu',
      en: 'Target not found',
    });
    requireAll(input.taskIds, await tasksWithin(tx, input.taskIds, row.subjectPath), {
      vi: 'Không tìm thấy nhiệm vụ',
      en: 'Task not found',
    });
    requireAll(input.reportIds, await reportsWithin(tx, input.reportIds, row.subjectPath), {
      vi: 'Không tìm thấy báo cáo',
      en: 'Report not found',
    });
    requireAll(input.memberIds, await membersWithin(tx, input.memberIds, row.subjectPath), {
      vi: 'Không tìm thấy đảng viên',
      en: 'Member not found',
    });
    await tx.query(
      `INSERT INTO inspection_findings (inspection_id, kind, theme, text, item_ids, task_ids, report_ids, member_ids, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        id,
        input.kind,
        input.theme.normalize('NFC'),
        input.text.normalize('NFC'),
        input.itemIds,
        input.taskIds,
        input.reportIds,
        input.memberIds,
        actor.userId,
      ],
    );
    const column = { strength: 'strengths', limitation: 'limitations', shortcoming: 'shortcomings', violation: 'violations' }[input.kind];
    await tx.query(`UPDATE inspections SET ${column} = ${column} + 1 WHERE id = $1`, [id]);
    return `Nhận xét (${input.kind})`;
  });
}

/** The conclusion with its recommendations, each with an owner (the subject or an org under it) and a deadline. */
export async function conclude(db: Db, actor: Actor, id: number, input: ConclusionInput) {
  return step(db, actor, id, input.version, 'conclude', 'commission', async (tx, row) => {
    const owners = [...new Set(input.recommendations.map((r) => r.ownerOrgId))];
    requireAll(owners, await orgsWithin(tx, owners, row.subjectPath), {
      vi: 'Không tìm thấy tổ chức chịu trách nhiệm',
      en: 'Owner organization not found',
    });
    const { rows: orgRows } = await tx.query<{ id: number; kind: string; name: string }>(`SELECT id, kind, name FROM orgs WHERE id = $1`, [
      row.orgId,
    ]);
    const body = row.responsibleBody === 'inspection_commission' ? 'inspection_commission' : 'committee';
    const { symbol } = await nextOversightNumber(tx, orgRows[0]!, body, 'conclusion', Number(vnToday().slice(0, 4)));
    await tx.query(`UPDATE inspections SET conclusion_text = $2, conclusion_symbol = $3, concluded_at = now() WHERE id = $1`, [
      id,
      input.text.normalize('NFC'),
      symbol,
    ]);
    await tx.query(
      `INSERT INTO inspection_recommendations (inspection_id, position, text, owner_org_id, deadline, kind)
       SELECT $1, p, t, o, d, k FROM unnest($2::text[], $3::bigint[], $4::date[], $5::text[]) WITH ORDINALITY AS r(t, o, d, k, p)`,
      [
        id,
        input.recommendations.map((r) => r.text.normalize('NFC')),
        input.recommendations.map((r) => r.ownerOrgId),
        input.recommendations.map((r) => r.deadline),
        input.recommendations.map((r) => r.kind),
      ],
    );
    const required = input.recommendations.filter((r) => r.kind === 'requirement').length;
    return `Kết luận ${symbol} với ${input.recommendations.length - required} kiến nghị, ${required} yêu cầu`;
  });
}

/** What the commission sends reaches the subject's leaders and reporters in the app, once. */
function notifySubject(tx: pg.PoolClient, row: { subjectOrgId: number; content: string }, id: number, kind: string, title: string) {
  const key = kind.replace('_', '-');
  return notifyOrgPeople(tx, {
    orgId: row.subjectOrgId,
    roles: ['manager', 'reporter'],
    kind,
    title,
    body: row.content.slice(0, 300),
    link: `/oversight/inspections/${id}`,
    key: `${key}:${id}`,
  });
}

/** Sends the conclusion to the subject: from now on it sees the conclusion and follows up the recommendations. */
export async function sendConclusion(db: Db, actor: Actor, id: number, version: number) {
  return step(db, actor, id, version, 'send_conclusion', 'commission', async (tx, row) => {
    await tx.query(`UPDATE inspections SET conclusion_sent_at = now() WHERE id = $1`, [id]);
    await recommendationsToTasks(tx, row);
    await notifySubject(tx, row, id, 'oversight_conclusion', 'Thông báo kết luận kiểm tra, giám sát');
    return 'Gửi thông báo kết luận';
  });
}

/**
 * Each recommendation of the conclusion being sent becomes a task of its owner org, assigned by
 * the running committee, due on its deadline: it shows in the owner's task list and periodic
 * reports from now on (not before: a conclusion not sent is still the commission's draft).
 */
async function recommendationsToTasks(tx: pg.PoolClient, row: InspectionRow) {
  const { rows } = await tx.query<{ id: number; kind: string; text: string; ownerOrgId: number; ownerPath: string; deadline: string }>(
    `SELECT r.id, r.kind, r.text, r.owner_org_id AS "ownerOrgId", o.path::text AS "ownerPath", to_char(r.deadline, 'YYYY-MM-DD') AS deadline
       FROM inspection_recommendations r JOIN orgs o ON o.id = r.owner_org_id WHERE r.inspection_id = $1 AND r.task_id IS NULL ORDER BY r.position`,
    [row.id],
  );
  for (const r of rows) {
    const { rows: task } = await tx.query<{ id: number }>(
      `INSERT INTO tasks (org_id, title, lead_org_id, due_date) VALUES ($1, $2, $3, $4::date) RETURNING id`,
      [
        row.orgId,
        `Thực hiện ${r.kind === 'requirement' ? 'yêu cầu' : 'kiến nghị'} theo Thông báo kết luận ${row.conclusionSymbol ?? ''}: ${r.text}`.normalize(
          'NFC',
        ),
        r.ownerOrgId,
        r.deadline,
      ],
    );
    await tx.query(`UPDATE inspection_recommendations SET task_id = $2 WHERE id = $1`, [r.id, task[0]!.id]);
  }
}

export async function closeInspection(db: Db, actor: Actor, id: number, version: number) {
  return step(db, actor, id, version, 'close', 'commission', async (tx) => {
    await tx.query(`UPDATE inspections SET closed_at = now() WHERE id = $1`, [id]);
    return 'Kết thúc cuộc kiểm tra, giám sát';
  });
}

/** People the commission may name to the team: users holding a role in the running committee's subtree. */
export async function findTeamCandidates(db: Db, actor: Actor, id: number) {
  const row = await loadInspection(db, id, actor.userId);
  if (!row) throw inspectionNotFound();
  const { audience } = partsFor(actor, row);
  requireRole(abilitiesOf(actor, row, audience).commission, sideMessages.commission);
  const { rows } = await db.query<{ userId: number; fullName: string; orgName: string }>(
    `SELECT DISTINCT ON (u.id) u.id AS "userId", u.full_name AS "fullName", o.name AS "orgName"
       FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN orgs o ON o.id = ur.org_id
      WHERE NOT u.is_disabled AND o.path <@ $1::ltree ORDER BY u.id, nlevel(o.path) LIMIT 500`,
    [row.runPath],
  );
  return rows.sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'));
}
