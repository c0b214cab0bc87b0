/**
 * Undoing a mistaken reorganization while nothing has been recorded against the orgs that
 * received something from it: the tree, placements, roles, tasks' units, report obligations,
 * bridge points and explanation requests go back as they were, in one transaction, audited, and
 * the history (org_versions, member_placements, lineage) reads as if the operation never was.
 */
import type pg from 'pg';
import { formatVnNumber } from '../../../domain/vn-number';
import { inTransaction, type Db, type Queryable } from '../../db/pool';
import { scopeOf, type Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';
import { AppError, notFound } from '../../lib/errors';
import { reparentOrgsTx } from '../orgs';
import { canReorganize, requireReorganize } from './reorg.policy';
import {
  findLaterOperations,
  findOperation,
  findOperations,
  findRecordedSince,
  involvedOrgIds,
  mergeStretches,
  orgPaths,
  type OperationChanges,
  type OperationRow,
  type RecordedSince,
} from './undo.queries';

const operationNotFound = () => notFound({ vi: 'Không tìm thấy thao tác sắp xếp.', en: 'Operation not found.' });
const refuse = (vi: string, en: string) => new AppError('conflict', { vi, en });

const recordedLabels: Record<RecordedSince['what'], { vi: string; en: string }> = {
  reports: { vi: 'báo cáo', en: 'reports' },
  values: { vi: 'số liệu chỉ tiêu', en: 'indicator values' },
  tasks: { vi: 'thay đổi nhiệm vụ', en: 'task changes' },
  memberEvents: { vi: 'biến động đảng viên', en: 'member events' },
  studySessions: { vi: 'buổi học tập', en: 'study sessions' },
  documents: { vi: 'văn bản', en: 'documents' },
};

const present = (op: OperationRow) => ({
  id: op.id,
  kind: op.kind,
  effectiveDate: op.effectiveDate,
  decision: op.decision,
  summary: op.summary,
  status: op.status,
  successorOrgId: op.changes.newOrgId ?? (op.kind === 'merge' || op.kind === 'dissolve' ? (op.request.targetOrgIds?.[0] ?? null) : null),
  createdAt: new Date(op.createdAt).toISOString(),
});

/** The operations naming an org the caller reads (or one org), newest first, with whether the caller may undo each. */
export async function findReorgOperations(db: Db, actor: Actor, orgId: number | undefined) {
  const scope = scopeOf(actor, 'reorg.read');
  const rows = await findOperations(db, scope, orgId ?? null);
  return {
    operations: rows.map((op) => ({
      ...present(op),
      undoneAt: op.undoneAt === null ? null : new Date(op.undoneAt).toISOString(),
      createdByName: op.createdByName,
      abilities: { undo: op.status === 'committed' && canReorganize(actor, op.paths) },
    })),
  };
}

/** The orgs that received something: what is recorded there afterwards blocks the undo. */
function receivingOrgIds(op: OperationRow): number[] {
  const c = op.changes;
  if (op.kind === 'move' || op.kind === 'rename' || op.kind === 'change_kind') return op.request.sourceOrgIds;
  return [
    ...new Set([
      ...(op.request.targetOrgIds ?? []),
      ...(c.newOrgId === undefined ? [] : [c.newOrgId]),
      ...(c.newOrgIds ?? []),
      ...(c.movedMembers ?? []).map((m) => m.to),
    ]),
  ];
}

/**
 * Undoes operation `id`. 404 outside the caller's scope, 403 unless the caller may reorganize
 * every org it names, 409 with the reason when it was undone already, a later operation names
 * the same orgs, or something was recorded against the receiving orgs since.
 */
export async function undoReorg(db: Db, actor: Actor, id: number) {
  return inTransaction(db, (tx) => undoReorgTx(tx, actor, id));
}

async function undoReorgTx(tx: pg.PoolClient, actor: Actor, id: number) {
  const readScope = scopeOf(actor, 'reorg.read');
  const op = await findOperation(tx, id, true);
  if (!op) throw operationNotFound();
  const involved = involvedOrgIds(op);
  const orgs = await orgPaths(tx, involved, readScope);
  if (!orgs.some((o) => o.inScope)) throw operationNotFound();
  requireReorganize(
    actor,
    orgs.map((o) => o.path),
  );
  if (op.status === 'undone') throw refuse('Thao tác này đã được hoàn tác.', 'The operation was undone already.');
  const c = op.changes;
  const closing = op.kind === 'merge' || op.kind === 'split' || op.kind === 'dissolve';
  if (closing && c.sourceParents === undefined)
    throw refuse(
      'Thao tác này được ghi trước khi có chức năng hoàn tác nên không hoàn tác được; hãy thực hiện thao tác ngược lại.',
      'The operation predates undo; reorganize back instead.',
    );
  // Locks the orgs (id order, as the commit does): a record inserted against one of them holds
  // a key-share lock on its row until it commits, so an undo and such a write serialize and the
  // check below sees whichever committed first.
  await tx.query('SELECT id FROM orgs WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE', [involved]);
  const later = await findLaterOperations(tx, op.id, involved);
  if (later.length > 0)
    throw refuse(
      `Không thể hoàn tác: đã có thao tác sắp xếp sau trên cùng tổ chức (${later.map((l) => l.summary).join('; ')}). Hãy hoàn tác thao tác đó trước.`,
      'A later operation names the same orgs: undo it first.',
    );
  const receiving = receivingOrgIds(op);
  const memberIds = (c.movedMembers ?? []).flatMap((m) => m.ids);
  const recorded = await findRecordedSince(tx, receiving, memberIds, op.id);
  if (recorded.length > 0) {
    const names = orgs.filter((o) => receiving.includes(o.id)).map((o) => o.name);
    throw new AppError(
      'conflict',
      {
        vi: `Không thể hoàn tác: từ khi thực hiện thao tác đã có ${recorded
          .map((r) => `${formatVnNumber(r.n)} ${recordedLabels[r.what].vi}`)
          .join(', ')} được ghi nhận cho ${names.join(', ')}.`,
        en: `Cannot undo: since the operation ${recorded.map((r) => `${r.n} ${recordedLabels[r.what].en}`).join(', ')} were recorded for ${names.join(', ')}.`,
      },
      { recorded },
    );
  }
  await tx.query(`SELECT set_config('resolute.effective_date', $1, true)`, [op.effectiveDate]);
  const touchedRoots = closing ? await revertClosing(tx, op) : await revertOne(tx, op);
  await tx.query('DELETE FROM org_lineage WHERE operation_id = $1', [op.id]);
  await mergeStretches(tx, op.effectiveDate, touchedRoots, memberIds);
  const newOrgs = [...(c.newOrgId === undefined ? [] : [c.newOrgId]), ...(c.newOrgIds ?? [])];
  // A founded org is gone with its operation: nothing was recorded on it, its children and
  // members went back, and the triggers emptied its rollups when its subtree left.
  if (newOrgs.length > 0) await tx.query('DELETE FROM orgs WHERE id = ANY($1::bigint[])', [newOrgs]);
  const { rows } = await tx.query<{ undoneAt: string }>(
    `UPDATE reorg_operations SET status = 'undone', undone_at = now(), undone_by = $2 WHERE id = $1 RETURNING undone_at AS "undoneAt"`,
    [op.id, actor.userId],
  );
  const anchor = orgs.find((o) => !newOrgs.includes(o.id)) ?? orgs[0]!;
  await recordAudit(tx, actor, {
    action: 'undo',
    entity: 'reorg_operation',
    entityId: op.id,
    orgId: anchor.id,
    orgPath: anchor.path,
    summary: `Hoàn tác: ${op.summary}`,
    before: { status: 'committed', changes: c },
    after: { status: 'undone', undoneAt: rows[0]!.undoneAt },
  });
  return { ...present(op), status: 'undone' as const };
}

/** Reverts a merge, split or dissolve; returns the orgs whose subtrees' history to re-join. */
async function revertClosing(tx: Queryable, op: OperationRow): Promise<number[]> {
  const c = op.changes as Required<Pick<OperationChanges, 'sourceParents'>> & OperationChanges;
  const ended = c.roles?.ended ?? [];
  if ((c.roles?.added ?? []).length > 0) await tx.query('DELETE FROM user_roles WHERE id = ANY($1::bigint[])', [c.roles!.added]);
  if (ended.length > 0)
    await tx.query(
      // With their former ids: a role is the same grant again, not a new one.
      `INSERT INTO user_roles (id, user_id, org_id, role) OVERRIDING SYSTEM VALUE
       SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[]) ON CONFLICT DO NOTHING`,
      [ended.map((r) => r.id), ended.map((r) => r.userId), ended.map((r) => r.orgId), ended.map((r) => r.role)],
    );
  for (const [table, moved] of [
    ['reports', c.reportOrgs],
    ['explanation_requests', c.explanationOrgs],
    ['bridge_points', c.bridgePointOrgs],
  ] as const) {
    if (!moved || moved.length === 0) continue;
    await tx.query(
      `UPDATE ${table} t SET org_id = x.o, version = t.version + 1, updated_at = now() FROM unnest($1::bigint[], $2::bigint[]) x(id, o) WHERE t.id = x.id`,
      [moved.map((m) => m.id), moved.map((m) => m.orgId)],
    );
  }
  const tasks = c.taskUnits ?? [];
  if (tasks.length > 0)
    await tx.query(
      `UPDATE tasks t SET lead_org_id = x.lead, version = t.version + 1, updated_at = now(),
              partner_org_ids = (SELECT COALESCE(array_agg(p::bigint), '{}') FROM jsonb_array_elements_text(x.partners) p)
         FROM unnest($1::bigint[], $2::bigint[], $3::jsonb[]) x(id, lead, partners) WHERE t.id = x.id`,
      [tasks.map((t) => t.id), tasks.map((t) => t.leadOrgId), tasks.map((t) => JSON.stringify(t.partnerOrgIds))],
    );
  const moved = c.movedMembers ?? [];
  if (moved.length > 0)
    await tx.query(
      `UPDATE members m SET org_id = x.f, version = m.version + 1, updated_at = now() FROM unnest($1::bigint[], $2::bigint[]) x(id, f) WHERE m.id = x.id`,
      [moved.flatMap((g) => g.ids), moved.flatMap((g) => g.ids.map(() => g.from))],
    );
  const sources = op.request.sourceOrgIds;
  await tx.query('UPDATE orgs SET valid_to = NULL, version = version + 1, updated_at = now() WHERE id = ANY($1::bigint[])', [sources]);
  const children = c.children ?? [];
  // Sources first: a child's former parent may be a source, whose path must be back in place
  // before the child's new path is built from it.
  await reparent(tx, c.sourceParents);
  await reparent(
    tx,
    children.map((ch) => ({ orgId: ch.orgId, parentId: ch.fromParentId })),
  );
  return [...sources, ...children.map((ch) => ch.orgId)];
}

/** Reverts a move, rename or change of kind. */
async function revertOne(tx: Queryable, op: OperationRow): Promise<number[]> {
  const orgId = op.request.sourceOrgIds[0]!;
  if (op.kind === 'move') await reparent(tx, [{ orgId, parentId: op.changes.fromParentId ?? null }]);
  else if (op.kind === 'rename')
    await tx.query('UPDATE orgs SET name = $2, version = version + 1, updated_at = now() WHERE id = $1', [orgId, op.changes.oldName]);
  else await tx.query('UPDATE orgs SET kind = $2, version = version + 1, updated_at = now() WHERE id = $1', [orgId, op.changes.oldKind]);
  return [orgId];
}

/** Puts orgs back under their former parents; a former top-level org becomes a root again. */
async function reparent(tx: Queryable, moves: { orgId: number; parentId: number | null }[]) {
  const { rows } = await tx.query<{ id: number; parentId: number | null }>(
    'SELECT id::int, parent_id::int AS "parentId" FROM orgs WHERE id = ANY($1::bigint[])',
    [moves.map((m) => m.orgId)],
  );
  const current = new Map(rows.map((r) => [r.id, r.parentId]));
  const changed = moves.filter((m) => current.has(m.orgId) && current.get(m.orgId) !== m.parentId);
  await reparentOrgsTx(
    tx,
    changed.flatMap((m) => (m.parentId === null ? [] : [{ orgId: m.orgId, newParentId: m.parentId }])),
  );
  for (const m of changed.filter((x) => x.parentId === null))
    await tx.query(
      `UPDATE orgs o SET path = subpath(o.path, nlevel(s.path) - 1), parent_id = CASE WHEN o.id = s.id THEN NULL ELSE o.parent_id END,
              version = o.version + CASE WHEN o.id = s.id THEN 1 ELSE 0 END, updated_at = now()
         FROM orgs s WHERE s.id = $1 AND o.path <@ s.path`,
      [m.orgId],
    );
}
