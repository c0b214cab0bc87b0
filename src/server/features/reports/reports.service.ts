/**
 * Periodic reports: schedules per document, one report per org and period built from what the
 * org holds in the cascade, and the workflow draft → submitted → approved / returned →
 * resubmitted. Approval locks the figures and feeds them into the rollups (rollups.service).
 */
import { acceptAttachment, checkOrgQuota } from '../../lib/attachments';
import type { UploadedFile } from '../../lib/upload';
import type pg from 'pg';
import type { Db } from '../../db/pool';
import { inTransaction, retryOnceIfUnavailable } from '../../db/pool';
import {
  isReportEditable,
  nextReportStatus,
  rateFromParts,
  reportLateness,
  type ReportAction,
  type ReportStatus,
} from '../../../domain/reports';
import { dueDate, parsePeriodKey, periodsOfTerm, type PeriodType } from '../../../domain/targets';
import { scopeOf, systemActor, type Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';
import { AppError, notFound, versionConflict } from '../../lib/errors';
import { findDocumentReadable, updateTask } from '../documents';
import {
  reportAbilities,
  requireManageReporting,
  requireNotSubmitter,
  requireReportApprove,
  requireReportWrite,
  waitingForSql,
} from './reports.policy';
import {
  findHeldTargets,
  findHeldTasks,
  findHoldingOrgs,
  findPreviousReport,
  findReportInScope,
  reportColumns,
  type ReportRow,
} from './reports.queries';
import type { CreateScheduleInput, ListReportsQuery, ReportedTarget, ReportedTask, SaveReportInput } from '../../../contracts/reports';
import { applyApprovedValues, childrenTotals, rollupFolding, withdrawApprovedValues } from './rollups.service';
import { foldAfterCommit } from './rollup-fold';
import { findStudySources, STUDY_RATE_CODE, studyCoverageOf } from './study-actuals.service';
import { coveragePercent } from '../../../domain/study/coverage';
import { vnToday } from '../../../domain/vn-time';
import { clearReapprovals, openReapprovals } from './reapprovals.service';

export const reportNotFound = () => notFound({ vi: 'Không tìm thấy báo cáo.', en: 'Report not found.' });
const documentNotFound = () => notFound({ vi: 'Không tìm thấy văn bản.', en: 'Document not found.' });

export function termYears(term: string): { startYear: number; endYear: number } {
  const [a, b] = term.split('-').map(Number);
  return { startYear: a!, endYear: b! };
}

export function presentReport(actor: Actor, row: ReportRow) {
  return { ...row, abilities: reportAbilities(actor, row) };
}

// --- Schedules ------------------------------------------------------------------------------

export async function findSchedules(db: Db, actor: Actor, documentId: number) {
  const doc = await findDocumentReadable(db, documentId, scopeOf(actor, 'reports.read'));
  if (!doc) throw documentNotFound();
  const { rows } = await db.query(
    `SELECT s.id, s.document_id AS "documentId", s.period_type AS "periodType", s.due_days AS "dueDays",
            s.level_offset_days AS "levelOffsetDays", s.version,
            (SELECT count(*)::int FROM reports r WHERE r.schedule_id = s.id) AS "reportCount"
       FROM report_schedules s WHERE s.document_id = $1 ORDER BY array_position(ARRAY['month','quarter','half_year','year','midterm','final'], s.period_type)`,
    [documentId],
  );
  return rows;
}

/** Creates a document's schedule and opens a report for every holding org and period of the term. */
export async function createSchedule(
  db: Db,
  actor: Actor,
  documentId: number,
  input: CreateScheduleInput,
  opts: { isSample?: boolean } = {},
) {
  const doc = await findDocumentReadable(db, documentId, scopeOf(actor, 'reports.read'));
  if (!doc) throw documentNotFound();
  requireManageReporting(actor, doc);
  return inTransaction(db, async (tx) => {
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO report_schedules (document_id, period_type, due_days, level_offset_days) VALUES ($1, $2, $3, $4)
       ON CONFLICT (document_id, period_type) DO NOTHING RETURNING id`,
      [documentId, input.periodType, input.dueDays, input.levelOffsetDays],
    );
    if (!rows[0]) {
      throw new AppError(
        'conflict',
        { vi: 'Văn bản đã có lịch báo cáo loại kỳ này.', en: 'This schedule already exists.' },
        { fields: [{ field: 'body.periodType', message: 'Đã có lịch báo cáo loại kỳ này.' }] },
      );
    }
    const opened = await openReports(tx, rows[0].id, opts);
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'report_schedule',
      entityId: rows[0].id,
      orgId: doc.orgId,
      orgPath: doc.orgPath,
      summary: `Lập lịch báo cáo ${doc.symbol}`,
      after: input,
    });
    return { id: rows[0].id, documentId, ...input, reportCount: opened };
  });
}

/**
 * Creates the missing reports of a schedule: one per org holding targets or tasks of the
 * cascade and per period of the term, due `dueDays` after the period ends, each level below
 * the document's org `levelOffsetDays` earlier. Idempotent; returns how many it created.
 */
export async function openReports(tx: pg.PoolClient | Db, scheduleId: number, opts: { isSample?: boolean } = {}): Promise<number> {
  const { rows: s } = await tx.query<{
    documentId: number;
    periodType: PeriodType;
    dueDays: number;
    levelOffsetDays: number;
    term: string;
  }>(
    `SELECT s.document_id AS "documentId", s.period_type AS "periodType", s.due_days AS "dueDays", s.level_offset_days AS "levelOffsetDays", d.term
       FROM report_schedules s JOIN documents d ON d.id = s.document_id WHERE s.id = $1`,
    [scheduleId],
  );
  const sched = s[0]!;
  const { startYear, endYear } = termYears(sched.term);
  const periods = periodsOfTerm(sched.periodType, startYear, endYear);
  const holders = await findHoldingOrgs(tx, sched.documentId);
  const orgIds: number[] = [],
    keys: string[] = [],
    starts: string[] = [],
    ends: string[] = [],
    dues: string[] = [];
  for (const h of holders) {
    for (const p of periods) {
      orgIds.push(h.orgId);
      keys.push(p.key);
      starts.push(p.start);
      ends.push(p.end);
      dues.push(dueDate(p, sched.dueDays, sched.levelOffsetDays, h.depth));
    }
  }
  const { rowCount } = await tx.query(
    `INSERT INTO reports (schedule_id, document_id, org_id, period_type, period_key, period_start, period_end, due_date, is_sample)
     SELECT $1, $2, x.org_id, $3, x.pk, x.ps::date, x.pe::date, x.due::date, $9
       FROM unnest($4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[]) x(org_id, pk, ps, pe, due)
     ON CONFLICT (schedule_id, org_id, period_key) DO NOTHING`,
    [scheduleId, sched.documentId, sched.periodType, orgIds, keys, starts, ends, dues, opts.isSample ?? false],
  );
  return rowCount ?? 0;
}

// --- Reports --------------------------------------------------------------------------------

/** Reports in the caller's scope, filtered; `waiting` picks those the caller should act on. */
export async function findReports(db: Db, actor: Actor, q: ListReportsQuery) {
  const scope = scopeOf(actor, 'reports.read');
  // "Waiting for me" is filtered in SQL, by the policy's own rules, so pages and totals are exact.
  const waiting = q.waiting ? waitingForSql(actor, q.waiting, 8) : { sql: 'true', params: [] };
  const { rows } = await db.query<ReportRow & { total: number }>(
    `SELECT ${reportColumns}, count(*) OVER ()::int AS total
       FROM reports r JOIN orgs o ON o.id = r.org_id JOIN documents d ON d.id = r.document_id
      WHERE ($1::ltree[] IS NULL OR o.path <@ $1::ltree[])
        AND ($2::bigint IS NULL OR r.document_id = $2) AND ($3::bigint IS NULL OR r.org_id = $3)
        AND ($4::text IS NULL OR r.period_key = $4) AND ($5::text IS NULL OR r.status = $5)
        AND ${waiting.sql}
      ORDER BY r.due_date, o.name COLLATE "vi-x-icu", r.id
      LIMIT $6 OFFSET $7`,
    [
      scope,
      q.documentId ?? null,
      q.orgId ?? null,
      q.periodKey ?? null,
      q.status ?? null,
      q.pageSize,
      (q.page - 1) * q.pageSize,
      ...waiting.params,
    ],
  );
  return {
    items: rows.map(({ total: _t, ...r }) => presentReport(actor, r)),
    total: rows[0]?.total ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/**
 * A report with its form: each target the org holds (its figure, for rates the parts, the
 * source and a note) beside the children's approved total; each task it leads; its files and
 * the history of the workflow.
 */
export async function getReport(db: Db, actor: Actor, id: number) {
  const row = await findReportInScope(db, id, scopeOf(actor, 'reports.read'));
  if (!row) throw reportNotFound();
  const [targets, tasks, values, updates, events, files, reapprovals] = await Promise.all([
    findHeldTargets(db, row.documentId, row.orgId),
    findHeldTasks(db, row.documentId, row.orgId),
    db.query<ReportedTarget>(
      `SELECT item_id AS "itemId", value, numerator, denominator, source, note, includes_children AS "includesChildren" FROM report_target_values WHERE report_id = $1`,
      [id],
    ),
    db.query<ReportedTask>(
      `SELECT task_id AS "taskId", status, progress, done_text AS "doneText" FROM report_task_updates WHERE report_id = $1`,
      [id],
    ),
    db.query(
      `SELECT id, action, from_status AS "fromStatus", to_status AS "toStatus", comment, actor_name AS "actorName", created_at AS "createdAt" FROM report_events WHERE report_id = $1 ORDER BY id`,
      [id],
    ),
    db.query(
      `SELECT id, file_name AS "fileName", mime_type AS "mimeType", size_bytes AS "sizeBytes", created_at AS "createdAt" FROM report_files WHERE report_id = $1 ORDER BY id`,
      [id],
    ),
    openReapprovals(db, id),
  ]);
  const children = await childrenTotals(
    db,
    row.orgPath,
    row.periodKey,
    targets.map((t) => t.indicatorId).filter((x): x is number => x !== null),
  );
  const studyOf = await studySuggestions(db, row, targets);
  const previous = await findPreviousReport(db, row);
  const previousOf = new Map((previous?.values ?? []).map((v) => [v.itemId, v]));
  const valueOf = new Map(values.rows.map((v) => [v.itemId, v]));
  const updateOf = new Map(updates.rows.map((u) => [u.taskId, u]));
  return {
    ...presentReport(actor, row),
    targets: targets.map((t) => ({
      ...t,
      reported: valueOf.get(t.itemId) ?? null,
      children: t.indicatorId !== null && t.aggregation && t.aggregation !== 'none' ? (children.get(t.indicatorId) ?? null) : null,
      fromStudy: studyOf.get(t.itemId) ?? null,
      previousReported: previousOf.get(t.itemId) ?? null,
    })),
    previous: previous ? { id: previous.id, periodKey: previous.periodKey, status: previous.status } : null,
    lateness: reportLateness(
      { dueDate: row.dueDate, firstSubmittedOn: row.firstSubmittedAt ? vnToday(new Date(row.firstSubmittedAt)) : null },
      vnToday(),
    ),
    tasks: tasks.map((t) => ({ ...t, reported: updateOf.get(t.taskId) ?? null })),
    events: events.rows,
    files: files.rows,
    reapprovals,
  };
}

/**
 * The suggested figure of each STUDY_RATE target: the study coverage of the org's subtree at the
 * period's end (or today, for a period still running), so the reporter does not count members
 * by hand. Targets of a document nobody has checked in for get none.
 */
async function studySuggestions(db: Db, row: ReportRow, targets: { itemId: number; documentId: number; indicatorCode: string | null }[]) {
  const out = new Map<number, { value: number; numerator: number; denominator: number; asOf: string }>();
  const asOf = [row.periodEnd, vnToday()].sort()[0]!;
  for (const t of targets) {
    if (t.indicatorCode?.toUpperCase() !== STUDY_RATE_CODE) continue;
    const parts = await studyCoverageOf(db, await findStudySources(db, t.documentId), row.orgPath, asOf);
    if (!parts || parts.studied === 0) continue;
    out.set(t.itemId, { value: coveragePercent(parts), numerator: parts.studied, denominator: parts.members, asOf });
  }
  return out;
}

async function lockReport(tx: pg.PoolClient, actor: Actor, id: number): Promise<ReportRow> {
  const row = await findReportInScope(tx, id, scopeOf(actor, 'reports.read'), true);
  if (!row) throw reportNotFound();
  return row;
}

const lockedReport = (status: string) =>
  new AppError(
    'conflict',
    {
      vi:
        status === 'approved'
          ? 'Báo cáo đã được duyệt và khóa; cấp trên cần trả lại để sửa.'
          : 'Báo cáo đã gửi, đang chờ duyệt; không sửa được.',
      en: status === 'approved' ? 'The report is approved and locked.' : 'The report is submitted and waiting for approval.',
    },
    { reason: 'report_locked' },
  );

/** Saves the figures, task updates and narrative of a draft or returned report. */
export async function saveReport(db: Db, actor: Actor, id: number, input: SaveReportInput) {
  await inTransaction(db, async (tx) => {
    const row = await lockReport(tx, actor, id);
    requireReportWrite(actor, row.orgPath);
    if (row.version !== input.version) throw versionConflict();
    if (!isReportEditable(row.status)) throw lockedReport(row.status);
    const [targets, tasks] = await Promise.all([
      findHeldTargets(tx, row.documentId, row.orgId),
      findHeldTasks(tx, row.documentId, row.orgId),
    ]);
    const targetOf = new Map(targets.map((t) => [t.itemId, t]));
    const taskIds = new Set(tasks.map((t) => t.taskId));
    const fields: { field: string; message: string }[] = [];
    input.targets.forEach((t, i) => {
      const held = targetOf.get(t.itemId);
      if (!held) fields.push({ field: `body.targets.${i}.itemId`, message: 'Chỉ tiêu này không thuộc báo cáo của tổ chức.' });
      else if (held.aggregation === 'rate' && t.numerator != null && t.denominator != null) {
        try {
          t.value = rateFromParts(t.numerator, t.denominator);
        } catch (e) {
          fields.push({ field: `body.targets.${i}.numerator`, message: (e as Error).message });
        }
      }
    });
    input.tasks.forEach((t, i) => {
      if (!taskIds.has(t.taskId)) fields.push({ field: `body.tasks.${i}.taskId`, message: 'Nhiệm vụ này không do tổ chức chủ trì.' });
    });
    if (fields.length > 0)
      throw new AppError('validation_failed', { vi: 'Dữ liệu báo cáo chưa hợp lệ.', en: 'Some report fields are invalid.' }, { fields });

    for (const t of input.targets) {
      await tx.query(
        `INSERT INTO report_target_values (report_id, item_id, value, numerator, denominator, source, note, includes_children)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (report_id, item_id) DO UPDATE SET value = EXCLUDED.value, numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator,
           source = EXCLUDED.source, note = EXCLUDED.note, includes_children = EXCLUDED.includes_children`,
        [
          id,
          t.itemId,
          t.value ?? null,
          t.numerator ?? null,
          t.denominator ?? null,
          t.source?.normalize('NFC') ?? null,
          t.note?.normalize('NFC') ?? null,
          t.includesChildren ?? false,
        ],
      );
    }
    for (const t of input.tasks) {
      await tx.query(
        `INSERT INTO report_task_updates (report_id, task_id, status, progress, done_text) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (report_id, task_id) DO UPDATE SET status = EXCLUDED.status, progress = EXCLUDED.progress, done_text = EXCLUDED.done_text`,
        [id, t.taskId, t.status, t.progress, t.doneText?.normalize('NFC') ?? null],
      );
    }
    await tx.query(`UPDATE reports SET narrative = COALESCE($2, narrative), version = version + 1, updated_at = now() WHERE id = $1`, [
      id,
      input.narrative?.normalize('NFC') ?? null,
    ]);
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'report',
      entityId: id,
      orgId: row.orgId,
      orgPath: row.orgPath,
      summary: `Cập nhật báo cáo ${row.periodKey} của ${row.orgName}`,
      after: input,
    });
  });
  return getReport(db, actor, id);
}

async function snapshotOf(tx: pg.PoolClient, id: number) {
  const { rows } = await tx.query<{ s: unknown }>(
    `SELECT json_build_object(
       'narrative', (SELECT narrative FROM reports WHERE id = $1),
       'targets', COALESCE((SELECT json_agg(v ORDER BY v.item_id) FROM report_target_values v WHERE v.report_id = $1), '[]'),
       'tasks', COALESCE((SELECT json_agg(u ORDER BY u.task_id) FROM report_task_updates u WHERE u.report_id = $1), '[]')) AS s`,
    [id],
  );
  return rows[0]!.s;
}

type TransitionInput = { version: number; idempotencyKey?: string; comment?: string };

/** Who submitted the report: whoever did may not approve it (reports.policy, requireNotSubmitter). */
async function submitterOf(tx: pg.PoolClient, id: number): Promise<number | null> {
  const { rows } = await tx.query<{ submitted_by: number | null }>('SELECT submitted_by FROM reports WHERE id = $1', [id]);
  return rows[0]?.submitted_by == null ? null : Number(rows[0].submitted_by);
}

/**
 * Moves a report through the workflow. Submitting and approving carry an idempotency key: a
 * retry with the key of the action that already happened answers with the report as it is
 * now, not with a conflict. A stale version is 409; an action the status does not allow is 409.
 */
export async function transitionReport(db: Db, actor: Actor, id: number, action: ReportAction, input: TransitionInput) {
  const write = async (tx: pg.PoolClient) => {
    const row = await lockReport(tx, actor, id);
    if (action === 'submit') requireReportWrite(actor, row.orgPath);
    else requireReportApprove(actor, row.orgPath);
    if (action === 'approve') requireNotSubmitter(actor, await submitterOf(tx, id));
    const key = input.idempotencyKey ? `${action}:${input.idempotencyKey}` : null;
    if (key) {
      const { rows } = await tx.query<{ k: string | null }>('SELECT last_action_key AS k FROM reports WHERE id = $1', [id]);
      if (rows[0]?.k === key) return { replay: true };
    }
    if (row.version !== input.version) throw versionConflict();
    const next = nextReportStatus(row.status, action);
    if (!next) {
      throw new AppError(
        'conflict',
        {
          vi: `Không thể ${actionWords[action]} báo cáo đang ở trạng thái "${statusWords[row.status]}".`,
          en: `Cannot ${action} a report that is ${row.status}.`,
        },
        { reason: 'invalid_transition', status: row.status },
      );
    }
    if (action === 'submit') await requireCompleteParts(tx, id);
    const snapshot = await snapshotOf(tx, id);
    await tx.query(
      `UPDATE reports SET status = $2, version = version + 1, updated_at = now(), last_action_key = COALESCE($3, last_action_key),
              submitted_at = CASE WHEN $4 THEN now() ELSE submitted_at END,
              first_submitted_at = CASE WHEN $4 THEN COALESCE(first_submitted_at, now()) ELSE first_submitted_at END,
              submitted_by = CASE WHEN $4 THEN $5 ELSE submitted_by END,
              approved_at = CASE WHEN $6 THEN now() WHEN $2 = 'returned' THEN NULL ELSE approved_at END,
              approved_by = CASE WHEN $6 THEN $5 WHEN $2 = 'returned' THEN NULL ELSE approved_by END,
              return_comment = CASE WHEN $2 = 'returned' THEN $7 ELSE return_comment END
        WHERE id = $1`,
      [id, next.status, key, action === 'submit', actor.userId, action === 'approve', input.comment ?? null],
    );
    await tx.query(
      `INSERT INTO report_events (report_id, action, from_status, to_status, comment, actor_id, actor_name, snapshot) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, next.event, row.status, next.status, input.comment ?? null, actor.userId, actor.fullName, JSON.stringify(snapshot)],
    );
    if (next.status === 'approved') {
      await clearReapprovals(tx, id);
      await applyApprovedValues(tx, row);
      // Approved task progress goes onto the tasks through their owner's service, in this
      // transaction: the approval and the progress it carries commit together.
      const { rows } = await tx.query<{ taskId: number; status: string; progress: number }>(
        'SELECT task_id AS "taskId", status, progress FROM report_task_updates WHERE report_id = $1 ORDER BY task_id',
        [id],
      );
      for (const u of rows) await pushTaskUpdate(db, tx, u);
    }
    if (next.event === 'reopen') await withdrawApprovedValues(tx, row);
    await recordAudit(tx, actor, {
      action: next.event,
      entity: 'report',
      entityId: id,
      orgId: row.orgId,
      orgPath: row.orgPath,
      summary: `${eventWords[next.event]} báo cáo ${row.periodKey} của ${row.orgName}`,
      before: { status: row.status },
      after: { status: next.status, comment: input.comment ?? null },
    });
    return { replay: false, isRolled: next.status === 'approved' || next.event === 'reopen' };
  };
  // A keyed action is tried once more when the database went away mid-way (a failover): if the
  // first try committed, the retry finds its key and replays; if not, the retry does it once.
  const outcome = await (input.idempotencyKey ? retryOnceIfUnavailable(() => inTransaction(db, write)) : inTransaction(db, write));
  // The approval appended its changes; the answer waits until they are in every ancestor.
  // A replay folds too: the first try may have committed and lost its connection before its fold.
  const isRolled = outcome.replay || ('isRolled' in outcome && outcome.isRolled);
  if (isRolled && !rollupFolding.isInline) await foldAfterCommit(db);
  return getReport(db, actor, id);
}

/** Writes an approved task update onto the task; the row lock makes its version current. */
async function pushTaskUpdate(db: Db, tx: pg.PoolClient, u: { taskId: number; status: string; progress: number }) {
  const { rows } = await tx.query<{ version: number }>('SELECT version FROM tasks WHERE id = $1 FOR UPDATE', [u.taskId]);
  if (!rows[0]) return;
  await updateTask(
    db,
    systemActor('Phê duyệt báo cáo'),
    u.taskId,
    { version: rows[0].version, status: u.status as 'done', progress: u.progress },
    tx,
  );
}

/** Rates need their parts: a percent alone cannot be rolled up. */
async function requireCompleteParts(tx: pg.PoolClient, id: number) {
  const { rows } = await tx.query<{ itemId: number }>(
    `SELECT v.item_id AS "itemId" FROM report_target_values v JOIN document_items i ON i.id = v.item_id JOIN indicators ind ON ind.id = i.indicator_id
      WHERE v.report_id = $1 AND ind.aggregation = 'rate' AND v.value IS NOT NULL AND (v.numerator IS NULL OR v.denominator IS NULL)`,
    [id],
  );
  if (rows.length > 0) {
    throw new AppError(
      'validation_failed',
      { vi: 'Chỉ tiêu tỷ lệ cần nhập tử số và mẫu số.', en: 'Rate targets need numerator and denominator.' },
      {
        fields: rows.map((r) => ({ field: `targets.${r.itemId}.numerator`, message: 'Hãy nhập tử số và mẫu số.' })),
      },
    );
  }
}

const actionWords: Record<ReportAction, string> = { submit: 'gửi', return: 'trả lại', approve: 'duyệt' };
const statusWords: Record<ReportStatus, string> = { draft: 'đang soạn', submitted: 'đã gửi', returned: 'bị trả lại', approved: 'đã duyệt' };
const eventWords = { submit: 'Gửi', resubmit: 'Gửi lại', return: 'Trả lại', approve: 'Duyệt', reopen: 'Mở lại' } as const;

/** Adds an evidence file to a report that can still be edited. */
export async function addReportFile(db: Db, actor: Actor, id: number, upload: UploadedFile) {
  return inTransaction(db, async (tx) => {
    const row = await lockReport(tx, actor, id);
    requireReportWrite(actor, row.orgPath);
    if (!isReportEditable(row.status)) throw lockedReport(row.status);
    // Evidence: documents, sheets, slides, scans and photos, judged by content.
    const file = acceptAttachment(upload, ['pdf', 'docx', 'xlsx', 'pptx', 'ole', 'odt', 'ods', 'png', 'jpeg']);
    await checkOrgQuota(tx, row.orgId, file.buffer.length);
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO report_files (report_id, file_name, mime_type, size_bytes, content, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [id, file.name.normalize('NFC'), file.mimeType, file.buffer.length, file.buffer, actor.userId],
    );
    await recordAudit(tx, actor, {
      action: 'attach',
      entity: 'report',
      entityId: id,
      orgId: row.orgId,
      orgPath: row.orgPath,
      summary: `Đính kèm ${file.name}`,
    });
    return { id: rows[0]!.id, fileName: file.name, mimeType: file.mimeType, sizeBytes: file.buffer.length };
  });
}

export async function getReportFile(db: Db, actor: Actor, id: number, fileId: number) {
  const row = await findReportInScope(db, id, scopeOf(actor, 'reports.read'));
  if (!row) throw reportNotFound();
  const { rows } = await db.query<{ fileName: string; mimeType: string; content: Buffer }>(
    'SELECT file_name AS "fileName", mime_type AS "mimeType", content FROM report_files WHERE id = $1 AND report_id = $2',
    [fileId, id],
  );
  if (!rows[0]) throw notFound({ vi: 'Không tìm thấy tệp.', en: 'File not found.' });
  return rows[0];
}

/** The period of a report key within a document's term, for labels. */
export function periodOf(key: string, term: string) {
  return parsePeriodKey(key, termYears(term));
}
