/**
 * Yearly programs of inspection and supervision (chương trình kiểm tra, giám sát năm …): a
 * committee's or its commission's numbered document whose entries plan the year.
 */
import type { Db } from '../../db/pool';
import { inTransaction } from '../../db/pool';
import { scopeOf, type Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';
import { AppError, notFound, versionConflict } from '../../lib/errors';
import { findOrgInScope } from '../orgs';
import type { CreateEntryInput, CreateProgramInput } from '../../../contracts/oversight';
import { nextOversightNumber } from './oversight.queries';
import { requireEntryLinks } from './entry-links';

const programNotFound = () => notFound({ vi: 'Không tìm thấy chương trình kiểm tra, giám sát.', en: 'Program not found.' });
const orgNotFound = () => notFound({ vi: 'Không tìm thấy tổ chức.', en: 'Organization not found.' });

const programColumns = `p.id, p.org_id AS "orgId", o.name AS "orgName", o.path::text AS "orgPath", p.body, p.year, p.number, p.symbol, p.title,
  to_char(p.issue_date, 'YYYY-MM-DD') AS "issueDate", p.is_sample AS "isSample", p.version`;

export type ProgramRow = {
  id: number;
  orgId: number;
  orgName: string;
  orgPath: string;
  body: 'committee' | 'inspection_commission';
  year: number;
  number: number;
  symbol: string;
  title: string;
  issueDate: string | null;
  isSample: boolean;
  version: number;
};

export async function findPrograms(db: Db, actor: Actor, q: { orgId?: number; year?: number }) {
  const scope = scopeOf(actor, 'inspections.read');
  const { rows } = await db.query<ProgramRow & { entryCount: number }>(
    `SELECT ${programColumns}, (SELECT count(*)::int FROM oversight_entries e WHERE e.program_id = p.id) AS "entryCount"
       FROM oversight_programs p JOIN orgs o ON o.id = p.org_id
      WHERE ($1::ltree[] IS NULL OR o.path <@ $1::ltree[]) AND ($2::bigint IS NULL OR p.org_id = $2) AND ($3::int IS NULL OR p.year = $3)
      ORDER BY p.year DESC, o.path, p.body LIMIT 500`,
    [scope, q.orgId ?? null, q.year ?? null],
  );
  return rows;
}

export async function getProgram(db: Db, actor: Actor, id: number) {
  const scope = scopeOf(actor, 'inspections.read');
  const { rows } = await db.query<ProgramRow>(
    `SELECT ${programColumns} FROM oversight_programs p JOIN orgs o ON o.id = p.org_id WHERE p.id = $1 AND ($2::ltree[] IS NULL OR o.path <@ $2::ltree[])`,
    [id, scope],
  );
  const program = rows[0];
  if (!program) throw programNotFound();
  const { rows: entries } = await db.query(
    `SELECT e.id, e.version, e.position, e.kind, e.basis, e.content, e.theme, e.subject_org_ids AS "subjectOrgIds", e.subject_member_ids AS "subjectMemberIds",
            e.document_ids AS "documentIds", e.item_ids AS "itemIds", e.task_ids AS "taskIds",
            to_char(e.period_start, 'YYYY-MM-DD') AS "periodStart", to_char(e.period_end, 'YYYY-MM-DD') AS "periodEnd", e.responsible_body AS "responsibleBody",
            (SELECT array_agg(o.name ORDER BY o.name COLLATE "vi-x-icu") FROM orgs o WHERE o.id = ANY(e.subject_org_ids)) AS "subjectOrgNames",
            (SELECT array_agg(m.full_name ORDER BY m.full_name COLLATE "vi-x-icu") FROM members m WHERE m.id = ANY(e.subject_member_ids)) AS "subjectMemberNames",
            (SELECT array_agg(d.symbol) FROM documents d WHERE d.id = ANY(e.document_ids)) AS "documentSymbols",
            (SELECT count(*)::int FROM inspections x WHERE x.entry_id = e.id) AS "inspectionCount",
            -- Labels as the link pickers write them (link-options.service.ts).
            json_build_object(
              'member', (SELECT COALESCE(json_agg(json_build_object('id', m.id, 'label', m.full_name, 'detail', o.name) ORDER BY m.full_name COLLATE "vi-x-icu"), '[]')
                           FROM members m JOIN orgs o ON o.id = m.org_id WHERE m.id = ANY(e.subject_member_ids)),
              'document', (SELECT COALESCE(json_agg(json_build_object('id', d.id, 'label', d.symbol || ' — ' || d.title, 'detail', o.name) ORDER BY d.id), '[]')
                             FROM documents d JOIN orgs o ON o.id = d.org_id WHERE d.id = ANY(e.document_ids)),
              'item', (SELECT COALESCE(json_agg(json_build_object('id', i.id, 'label', i.text, 'detail', d.symbol) ORDER BY d.id, i.position), '[]')
                         FROM document_items i JOIN documents d ON d.id = i.document_id WHERE i.id = ANY(e.item_ids)),
              'task', (SELECT COALESCE(json_agg(json_build_object('id', t.id, 'label', t.title, 'detail', lo.name || COALESCE(' · hạn ' || to_char(t.due_date, 'DD/MM/YYYY'), '')) ORDER BY t.id), '[]')
                         FROM tasks t JOIN orgs lo ON lo.id = t.lead_org_id WHERE t.id = ANY(e.task_ids))) AS links
       FROM oversight_entries e WHERE e.program_id = $1 ORDER BY e.position, e.id`,
    [id],
  );
  return { ...program, entries };
}

export async function createProgram(db: Db, actor: Actor, input: CreateProgramInput, opts: { isSample?: boolean } = {}) {
  const scope = scopeOf(actor, 'inspections.write');
  const org = await findOrgInScope(db, input.orgId, scope);
  if (!org) throw orgNotFound();
  const id = await inTransaction(db, async (tx) => {
    const { rows: existing } = await tx.query(`SELECT 1 FROM oversight_programs WHERE org_id = $1 AND body = $2 AND year = $3`, [
      org.id,
      input.body,
      input.year,
    ]);
    if (existing[0])
      throw new AppError('conflict', {
        vi: `Đã có chương trình kiểm tra, giám sát năm ${input.year} của cơ quan này.`,
        en: `A program for ${input.year} exists already.`,
      });
    const { number, symbol } = await nextOversightNumber(tx, org, input.body, 'program', input.year);
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO oversight_programs (org_id, body, year, number, symbol, title, issue_date, is_sample) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [org.id, input.body, input.year, number, symbol, input.title.normalize('NFC'), input.issueDate ?? null, opts.isSample ?? false],
    );
    const newId = rows[0]!.id;
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'oversight_program',
      entityId: newId,
      orgId: org.id,
      orgPath: org.path,
      summary: `Chương trình ${symbol}`,
      after: input,
    });
    return newId;
  });
  return getProgram(db, actor, id);
}

/** Adds an entry; its subjects are checked against the program's org subtree, its links against the subjects' (entry-links.ts). */
export async function addEntry(db: Db, actor: Actor, programId: number, input: CreateEntryInput) {
  const scope = scopeOf(actor, 'inspections.write');
  await inTransaction(db, async (tx) => {
    const { rows } = await tx.query<ProgramRow>(
      `SELECT ${programColumns} FROM oversight_programs p JOIN orgs o ON o.id = p.org_id WHERE p.id = $1 AND ($2::ltree[] IS NULL OR o.path <@ $2::ltree[]) FOR UPDATE OF p`,
      [programId, scope],
    );
    const program = rows[0];
    if (!program) throw programNotFound();
    if (program.version !== input.version) throw versionConflict();
    await requireEntryLinks(tx, actor, program.orgPath, input);
    const { rows: inserted } = await tx.query<{ id: number }>(
      `INSERT INTO oversight_entries (program_id, position, kind, basis, content, theme, subject_org_ids, subject_member_ids, document_ids, item_ids, task_ids, period_start, period_end, responsible_body)
       VALUES ($1, (SELECT COALESCE(max(position), 0) + 1 FROM oversight_entries WHERE program_id = $1), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
      [
        programId,
        input.kind,
        input.basis,
        input.content.normalize('NFC'),
        input.theme.normalize('NFC'),
        input.subjectOrgIds,
        input.subjectMemberIds,
        input.documentIds,
        input.itemIds,
        input.taskIds,
        input.periodStart,
        input.periodEnd,
        input.responsibleBody,
      ],
    );
    await tx.query(`UPDATE oversight_programs SET version = version + 1, updated_at = now() WHERE id = $1`, [programId]);
    await recordAudit(tx, actor, {
      action: 'add_entry',
      entity: 'oversight_program',
      entityId: programId,
      orgId: program.orgId,
      orgPath: program.orgPath,
      summary: `Thêm nội dung vào ${program.symbol}`,
      after: { entryId: inserted[0]!.id, ...input },
    });
  });
  return getProgram(db, actor, programId);
}
