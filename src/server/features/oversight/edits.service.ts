/**
 * Edits after the first writing: a program entry (the commission re-plans its year) and a
 * draft finding (the team refines it until the conclusion). Each sends back the version it
 * read (409 when stale), checks every id it names against the same subtree as on creation, and
 * is audited with what it was and what it became.
 */
import type { Db } from '../../db/pool';
import { inTransaction } from '../../db/pool';
import { scopeOf, type Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';
import { AppError, notFound, versionConflict } from '../../lib/errors';
import { itemsConcerning, membersWithin, reportsWithin, requireAll, tasksWithin } from './oversight.queries';
import { requireEntryLinks } from './entry-links';
import type { UpdateEntryInput, UpdateFindingInput } from '../../../contracts/oversight';
import { abilitiesOf, partsFor, refused, requireRole } from './oversight.policy';
import { loadInspection } from './inspections.queries';
import { getProgram } from './programs.service';
import { getInspection } from './inspections.service';

const entryNotFound = () => notFound({ vi: 'Không tìm thấy nội dung trong chương trình.', en: 'Program entry not found.' });
const findingNotFound = () => notFound({ vi: 'Không tìm thấy nhận xét.', en: 'Finding not found.' });

type EntryRow = {
  id: number;
  programId: number;
  orgId: number;
  orgPath: string;
  version: number;
  kind: string;
  basis: string;
  content: string;
  theme: string;
  subjectOrgIds: number[];
  subjectMemberIds: number[];
  documentIds: number[];
  itemIds: number[];
  taskIds: number[];
  periodStart: string;
  periodEnd: string;
  responsibleBody: string;
};

/** Edits one entry of a yearly program (inspections.write over the program's org). */
export async function updateEntry(db: Db, actor: Actor, id: number, input: UpdateEntryInput) {
  const scope = scopeOf(actor, 'inspections.write');
  const programId = await inTransaction(db, async (tx) => {
    const { rows } = await tx.query<EntryRow>(
      `SELECT e.id, e.program_id AS "programId", p.org_id AS "orgId", o.path::text AS "orgPath", e.version, e.kind, e.basis, e.content, e.theme,
              e.subject_org_ids AS "subjectOrgIds", e.subject_member_ids AS "subjectMemberIds", e.document_ids AS "documentIds", e.item_ids AS "itemIds",
              e.task_ids AS "taskIds", to_char(e.period_start, 'YYYY-MM-DD') AS "periodStart", to_char(e.period_end, 'YYYY-MM-DD') AS "periodEnd", e.responsible_body AS "responsibleBody"
         FROM oversight_entries e JOIN oversight_programs p ON p.id = e.program_id JOIN orgs o ON o.id = p.org_id
        WHERE e.id = $1 AND ($2::ltree[] IS NULL OR o.path <@ $2::ltree[]) FOR UPDATE OF e`,
      [id, scope],
    );
    const before = rows[0];
    if (!before) throw entryNotFound();
    if (before.version !== input.version) throw versionConflict();
    const { version: _v, ...changes } = input;
    const after = { ...before, ...changes };
    const fieldError = (field: string, vi: string) =>
      new AppError('validation_failed', { vi, en: vi }, { fields: [{ field: `body.${field}`, message: vi }] });
    if (after.subjectOrgIds.length + after.subjectMemberIds.length === 0)
      throw fieldError('subjectOrgIds', 'Cần chọn ít nhất một đối tượng (tổ chức hoặc đảng viên)');
    if (after.periodEnd < after.periodStart) throw fieldError('periodEnd', 'Thời gian kết thúc phải sau thời gian bắt đầu');
    // A new subject moves the subtree the links must lie in: every link is checked again then.
    const linkFields = ['subjectOrgIds', 'subjectMemberIds', 'documentIds', 'itemIds', 'taskIds'] as const;
    if (linkFields.some((f) => changes[f] !== undefined)) await requireEntryLinks(tx, actor, before.orgPath, after);
    await tx.query(
      `UPDATE oversight_entries SET kind = $2, basis = $3, content = $4, theme = $5, subject_org_ids = $6, subject_member_ids = $7, document_ids = $8, item_ids = $9,
              task_ids = $10, period_start = $11, period_end = $12, responsible_body = $13, version = version + 1 WHERE id = $1`,
      [
        id,
        after.kind,
        after.basis,
        after.content.normalize('NFC'),
        after.theme.normalize('NFC'),
        after.subjectOrgIds,
        after.subjectMemberIds,
        after.documentIds,
        after.itemIds,
        after.taskIds,
        after.periodStart,
        after.periodEnd,
        after.responsibleBody,
      ],
    );
    const { orgId, orgPath, programId: pid, ...shown } = before;
    await recordAudit(tx, actor, {
      action: 'update_entry',
      entity: 'oversight_program',
      entityId: pid,
      orgId,
      orgPath,
      summary: `Sửa nội dung ${id} của chương trình kiểm tra, giám sát`,
      before: shown,
      after: { ...shown, ...changes, version: before.version + 1 },
    });
    return pid;
  });
  return getProgram(db, actor, programId);
}

type FindingRow = {
  id: number;
  inspectionId: number;
  version: number;
  kind: 'strength' | 'limitation' | 'shortcoming' | 'violation';
  theme: string;
  text: string;
  itemIds: number[];
  taskIds: number[];
  reportIds: number[];
  memberIds: number[];
};
const countColumn = { strength: 'strengths', limitation: 'limitations', shortcoming: 'shortcomings', violation: 'violations' } as const;

/** Edits a draft finding: by the team, before the conclusion; the per-kind counts of the file follow a change of kind. */
export async function updateFinding(db: Db, actor: Actor, id: number, input: UpdateFindingInput) {
  const inspectionId = await inTransaction(db, async (tx) => {
    const { rows: ids } = await tx.query<{ inspectionId: number }>(
      `SELECT inspection_id AS "inspectionId" FROM inspection_findings WHERE id = $1`,
      [id],
    );
    if (!ids[0]) throw findingNotFound();
    const file = await loadInspection(tx, ids[0].inspectionId, actor.userId, true);
    if (!file) throw findingNotFound();
    const { audience, parts } = partsFor(actor, file);
    if (!parts.has('findings')) throw findingNotFound();
    requireRole(abilitiesOf(actor, file, audience).team, {
      vi: 'Chỉ thành viên đoàn kiểm tra, giám sát mới sửa nhận xét.',
      en: 'Only the team edits findings.',
    });
    if (!['team_reported', 'findings'].includes(file.status)) throw refused('Chỉ sửa nhận xét trước khi có kết luận.');
    const { rows } = await tx.query<FindingRow>(
      `SELECT id, inspection_id AS "inspectionId", version, kind, theme, text, item_ids AS "itemIds", task_ids AS "taskIds", report_ids AS "reportIds", member_ids AS "memberIds"
         FROM inspection_findings WHERE id = $1 FOR UPDATE`,
      [id],
    );
    const before = rows[0]!;
    if (before.version !== input.version) throw versionConflict();
    const { version: _v, ...changes } = input;
    if (changes.itemIds)
      requireAll(changes.itemIds, await itemsConcerning(tx, changes.itemIds, file.subjectPath), {
        vi: 'Không tìm thấy chỉ tiêu',
        en: 'Target not found',
      });
    if (changes.taskIds)
      requireAll(changes.taskIds, await tasksWithin(tx, changes.taskIds, file.subjectPath), {
        vi: 'Không tìm thấy nhiệm vụ',
        en: 'Task not found',
      });
    if (changes.reportIds)
      requireAll(changes.reportIds, await reportsWithin(tx, changes.reportIds, file.subjectPath), {
        vi: 'Không tìm thấy báo cáo',
        en: 'Report not found',
      });
    if (changes.memberIds)
      requireAll(changes.memberIds, await membersWithin(tx, changes.memberIds, file.subjectPath), {
        vi: 'Không tìm thấy đảng viên',
        en: 'Member not found',
      });
    const after = { ...before, ...changes };
    await tx.query(
      `UPDATE inspection_findings SET kind = $2, theme = $3, text = $4, item_ids = $5, task_ids = $6, report_ids = $7, member_ids = $8, version = version + 1, updated_at = now()
        WHERE id = $1`,
      [
        id,
        after.kind,
        after.theme.normalize('NFC'),
        after.text.normalize('NFC'),
        after.itemIds,
        after.taskIds,
        after.reportIds,
        after.memberIds,
      ],
    );
    if (after.kind !== before.kind) {
      await tx.query(
        `UPDATE inspections SET ${countColumn[before.kind]} = ${countColumn[before.kind]} - 1, ${countColumn[after.kind]} = ${countColumn[after.kind]} + 1 WHERE id = $1`,
        [file.id],
      );
    }
    await recordAudit(tx, actor, {
      action: 'update_finding',
      entity: 'inspection',
      entityId: file.id,
      orgId: file.orgId,
      orgPath: file.runPath,
      summary: `Sửa nhận xét ${id}`,
      before,
      after: { ...after, version: before.version + 1 },
    });
    return file.id;
  });
  return getInspection(db, actor, inspectionId);
}

/**
 * The page of a member under inspection: the files on them that were sent to them (the notice
 * and plan, the conclusion and recommendations once sent) with what they wrote back (their
 * self-report, the explanation). Never another member's file; each read is audited as any
 * read outside the team.
 */
export async function getMyInspections(db: Db, actor: Actor) {
  if (actor.memberId === null) return [];
  const { rows } = await db.query<{ id: number }>(
    `SELECT id FROM inspections WHERE subject_member_id = $1 AND status NOT IN ('planned','team_formed') ORDER BY period_start DESC, id DESC LIMIT 20`,
    [actor.memberId],
  );
  const files = [];
  for (const r of rows) {
    try {
      files.push(await getInspection(db, actor, r.id));
    } catch (err) {
      // A file the member's audience does not reach (none should) is left out, not an error.
      if (!(err instanceof AppError && err.code === 'not_found')) throw err;
    }
  }
  return files;
}
