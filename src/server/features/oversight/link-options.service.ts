/**
 * The searchable choices behind the forms' link pickers: what a program entry or a finding may
 * name (targets, tasks, reports, members, documents). Each list is cut to the subtree the write
 * will check (oversight.queries.ts), so a picker never offers an id the server would refuse.
 */
import type { Db, Queryable } from '../../db/pool';
import { scopeOf, type Actor } from '../../lib/actor';
import { notFound } from '../../lib/errors';
import type { LinkKind, LinkOption } from '../../../contracts/oversight';
import { abilitiesOf, inspectionNotFound, partsFor, requireRole } from './oversight.policy';
import { loadInspection } from './inspections.queries';
import { orgsWithin } from './oversight.queries';

const LIMIT = 30;
/** Accent-blind "contains" on an SQL expression, the search text in `$2` (null: everything). */
const matches = (expr: string) => `($2::text IS NULL OR vn_fold(${expr}) LIKE '%' || vn_fold($2) || '%')`;

/**
 * Options of `kind` concerning the subtree at `path`: targets of documents issued at or above
 * it or inside it, tasks led and reports sent inside it, its members on the roll, documents
 * it carries out or issued (readable by `documentScope`). `preferDocumentId` lists its
 * targets first.
 */
async function optionsWithin(
  db: Queryable,
  kind: LinkKind,
  path: string,
  q: string | undefined,
  opts: { preferDocumentId?: number | null; documentScope?: string[] | null } = {},
): Promise<LinkOption[]> {
  const text = q && q.length > 0 ? q : null;
  switch (kind) {
    case 'item': {
      const { rows } = await db.query<LinkOption>(
        `SELECT i.id, i.text AS label, d.symbol AS detail FROM document_items i JOIN documents d ON d.id = i.document_id JOIN orgs o ON o.id = d.org_id
          WHERE i.kind = 'target' AND (o.path <@ $1::ltree OR o.path @> $1::ltree) AND (${matches('i.text')} OR ${matches('d.symbol')})
          ORDER BY (d.id IS NOT DISTINCT FROM $3::bigint) DESC, nlevel(o.path) DESC, d.issue_date DESC NULLS LAST, d.id, i.position LIMIT ${LIMIT}`,
        [path, text, opts.preferDocumentId ?? null],
      );
      return rows;
    }
    case 'task': {
      const { rows } = await db.query<LinkOption>(
        `SELECT t.id, t.title AS label, lo.name || COALESCE(' · hạn ' || to_char(t.due_date, 'DD/MM/YYYY'), '') AS detail
           FROM tasks t JOIN orgs lo ON lo.id = t.lead_org_id
          WHERE lo.path <@ $1::ltree AND (${matches('t.title')} OR ${matches('lo.name')})
          ORDER BY (t.status = 'done'), t.due_date NULLS LAST, t.id LIMIT ${LIMIT}`,
        [path, text],
      );
      return rows;
    }
    case 'report': {
      const { rows } = await db.query<LinkOption>(
        `SELECT r.id, o.name || ' — ' || r.period_key AS label, d.symbol AS detail
           FROM reports r JOIN orgs o ON o.id = r.org_id LEFT JOIN documents d ON d.id = r.document_id
          WHERE o.path <@ $1::ltree AND (${matches('o.name')} OR ${matches('r.period_key')})
          ORDER BY r.period_end DESC, o.name COLLATE "vi-x-icu", r.id LIMIT ${LIMIT}`,
        [path, text],
      );
      return rows;
    }
    case 'member': {
      const { rows } = await db.query<LinkOption>(
        `SELECT m.id, m.full_name AS label, o.name AS detail FROM members m JOIN orgs o ON o.id = m.org_id
          WHERE o.path <@ $1::ltree AND m.status IN ('official','probationary') AND (${matches('m.full_name')} OR m.code ILIKE $2 || '%')
          ORDER BY m.full_name COLLATE "vi-x-icu", m.id LIMIT ${LIMIT}`,
        [path, text],
      );
      return rows;
    }
    case 'document': {
      const { rows } = await db.query<LinkOption>(
        `SELECT d.id, d.symbol || ' — ' || d.title AS label, o.name AS detail FROM documents d JOIN orgs o ON o.id = d.org_id
          WHERE (o.path <@ $1::ltree OR o.path @> $1::ltree) AND ($3::ltree[] IS NULL OR o.path <@ $3::ltree[] OR o.path @> $3::ltree[])
            AND (${matches('d.symbol')} OR ${matches('d.title')})
          ORDER BY nlevel(o.path) DESC, d.issue_date DESC NULLS LAST, d.id LIMIT ${LIMIT}`,
        [path, text, opts.documentScope ?? null],
      );
      return rows;
    }
  }
}

/** What a finding of inspection `id` may be linked to: inside the subject's subtree; the team's (and the commission's) picker. */
export async function findFindingLinkOptions(db: Db, actor: Actor, id: number, query: { kind: LinkKind; q?: string }) {
  const row = await loadInspection(db, id, actor.userId);
  if (!row) throw inspectionNotFound();
  const { audience } = partsFor(actor, row);
  requireRole(abilitiesOf(actor, row, audience).team, {
    vi: 'Chỉ thành viên đoàn kiểm tra, giám sát mới ghi nhận xét.',
    en: 'Only the team records findings.',
  });
  return optionsWithin(db, query.kind, row.subjectPath, query.q, { preferDocumentId: row.documentId });
}

/**
 * What an entry of program `id` may name: inside the chosen subject's subtree (which must lie
 * in the program's org), or the program's whole subtree before a subject is chosen.
 */
export async function findEntryLinkOptions(db: Db, actor: Actor, id: number, query: { kind: LinkKind; subjectOrgId?: number; q?: string }) {
  const scope = scopeOf(actor, 'inspections.write');
  const { rows } = await db.query<{ path: string }>(
    `SELECT o.path::text FROM oversight_programs p JOIN orgs o ON o.id = p.org_id WHERE p.id = $1 AND ($2::ltree[] IS NULL OR o.path <@ $2::ltree[])`,
    [id, scope],
  );
  const program = rows[0];
  if (!program) throw notFound({ vi: 'Không tìm thấy chương trình kiểm tra, giám sát.', en: 'Program not found.' });
  let path = program.path;
  if (query.subjectOrgId !== undefined) {
    if ((await orgsWithin(db, [query.subjectOrgId], program.path)).length === 0)
      throw notFound({ vi: 'Không tìm thấy tổ chức.', en: 'Organization not found.' });
    const { rows: subject } = await db.query<{ path: string }>(`SELECT path::text FROM orgs WHERE id = $1`, [query.subjectOrgId]);
    path = subject[0]!.path;
  }
  return optionsWithin(db, query.kind, path, query.q, { documentScope: scopeOf(actor, 'documents.read') });
}
