/**
 * What a program entry may name, checked on every write of one (adding and editing): its
 * subjects inside the program's org, and its links (documents, targets, tasks) inside the
 * subtree of its subject orgs, the same subtree the entry form's pickers search
 * (link-options.service.ts). An entry on members only links inside the program's subtree, as
 * its picker offers before a subject org is chosen. An id outside is a 404 naming it.
 */
import type { Queryable } from '../../db/pool';
import { scopeOf, type Actor } from '../../lib/actor';
import { documentsConcerning, itemsConcerning, membersWithin, orgsWithin, requireAll, tasksWithin } from './oversight.queries';

export type EntryLinks = {
  subjectOrgIds: number[];
  subjectMemberIds: number[];
  documentIds: number[];
  itemIds: number[];
  taskIds: number[];
};

export async function requireEntryLinks(db: Queryable, actor: Actor, programPath: string, e: EntryLinks): Promise<void> {
  requireAll(e.subjectOrgIds, await orgsWithin(db, e.subjectOrgIds, programPath), {
    vi: 'Không tìm thấy tổ chức',
    en: 'Organization not found',
  });
  requireAll(e.subjectMemberIds, await membersWithin(db, e.subjectMemberIds, programPath), {
    vi: 'Không tìm thấy đảng viên',
    en: 'Member not found',
  });
  const within = await subjectPaths(db, e.subjectOrgIds, programPath);
  requireAll(e.documentIds, await documentsConcerning(db, e.documentIds, within, scopeOf(actor, 'documents.read')), {
    vi: 'Không tìm thấy văn bản',
    en: 'Document not found',
  });
  requireAll(e.itemIds, await itemsConcerning(db, e.itemIds, within), { vi: 'Không tìm thấy chỉ tiêu', en: 'Target not found' });
  requireAll(e.taskIds, await tasksWithin(db, e.taskIds, within), { vi: 'Không tìm thấy nhiệm vụ', en: 'Task not found' });
}

async function subjectPaths(db: Queryable, subjectOrgIds: readonly number[], programPath: string): Promise<string[]> {
  if (subjectOrgIds.length === 0) return [programPath];
  const { rows } = await db.query<{ path: string }>(`SELECT path::text FROM orgs WHERE id = ANY($1::bigint[])`, [subjectOrgIds]);
  return rows.map((r) => r.path);
}
