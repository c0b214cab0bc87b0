import type { Queryable } from '../../db/pool';

/** What a committed operation wrote down about its changes (reorg.service.ts `commitReorgTx`). */
export type OperationChanges = {
  newOrgId?: number;
  newOrgIds?: number[];
  children?: { orgId: number; fromParentId: number | null }[];
  sourceParents?: { orgId: number; parentId: number | null }[];
  movedMembers?: { from: number; to: number; ids: number[] }[];
  taskUnits?: { id: number; leadOrgId: number; partnerOrgIds: number[] }[];
  reportOrgs?: { id: number; orgId: number }[];
  explanationOrgs?: { id: number; orgId: number }[];
  bridgePointOrgs?: { id: number; orgId: number }[];
  roles?: { ended: { id: number; userId: number; orgId: number; role: string }[]; added?: number[] };
  closed?: number[];
  fromParentId?: number | null;
  oldName?: string;
  oldKind?: string;
};

export type OperationRow = {
  id: number;
  kind: 'merge' | 'split' | 'dissolve' | 'rename' | 'move' | 'change_kind';
  effectiveDate: string;
  decision: string;
  summary: string;
  status: 'committed' | 'undone';
  createdAt: string;
  undoneAt: string | null;
  createdByName: string | null;
  request: { sourceOrgIds: number[]; targetOrgIds?: number[] };
  changes: OperationChanges;
};

const operationColumns = `op.id::int, op.kind, to_char(op.effective_date, 'YYYY-MM-DD') AS "effectiveDate", op.decision, op.summary,
  op.status, op.created_at AS "createdAt", op.undone_at AS "undoneAt", u.full_name AS "createdByName", op.request, op.changes`;

/** The orgs an operation names: its sources, targets and the orgs it founded. */
export function involvedOrgIds(op: Pick<OperationRow, 'request' | 'changes'>): number[] {
  return [
    ...new Set([
      ...op.request.sourceOrgIds,
      ...(op.request.targetOrgIds ?? []),
      ...(op.changes.newOrgId === undefined ? [] : [op.changes.newOrgId]),
      ...(op.changes.newOrgIds ?? []),
    ]),
  ];
}

/** The operation, locked when `forUpdate` (an undo and a second undo wait for each other). */
export async function findOperation(db: Queryable, id: number, forUpdate: boolean): Promise<OperationRow | null> {
  const { rows } = await db.query<OperationRow>(
    `SELECT ${operationColumns} FROM reorg_operations op LEFT JOIN users u ON u.id = op.created_by WHERE op.id = $1
     ${forUpdate ? 'FOR UPDATE OF op' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

/** The paths of the orgs of `ids` that still exist, with whether each lies inside `scope` (null: all). */
export async function orgPaths(db: Queryable, ids: readonly number[], scope: string[] | null) {
  const { rows } = await db.query<{ id: number; path: string; name: string; inScope: boolean }>(
    `SELECT id::int, path::text, name, ($2::ltree[] IS NULL OR path <@ $2::ltree[]) AS "inScope" FROM orgs WHERE id = ANY($1::bigint[]) ORDER BY id`,
    [ids, scope],
  );
  return rows;
}

/**
 * The latest operations naming an org inside `scope` (or `orgId` alone), newest first, with
 * the paths of the orgs each names (for the caller's abilities).
 */
export async function findOperations(db: Queryable, scope: string[] | null, orgId: number | null) {
  const { rows } = await db.query<OperationRow & { paths: string[] }>(
    `WITH ops AS (
       SELECT op.*, ARRAY(SELECT DISTINCT x::bigint FROM jsonb_array_elements_text(
                COALESCE(op.request->'sourceOrgIds', '[]') || COALESCE(op.request->'targetOrgIds', '[]')
                || COALESCE(op.changes->'newOrgIds', '[]')
                || CASE WHEN op.changes ? 'newOrgId' THEN jsonb_build_array(op.changes->'newOrgId') ELSE '[]' END) x) AS org_ids
         FROM reorg_operations op)
     SELECT ${operationColumns}, ARRAY(SELECT o.path::text FROM orgs o WHERE o.id = ANY(op.org_ids)) AS paths
       FROM ops op LEFT JOIN users u ON u.id = op.created_by
      WHERE ($2::bigint IS NULL OR $2 = ANY(op.org_ids))
        AND EXISTS (SELECT 1 FROM orgs o WHERE o.id = ANY(op.org_ids) AND ($1::ltree[] IS NULL OR o.path <@ $1::ltree[]))
      ORDER BY op.created_at DESC, op.id DESC LIMIT 200`,
    [scope, orgId],
  );
  return rows;
}

/** Committed operations after `id` that name one of `orgIds`: they must be undone first. */
export async function findLaterOperations(db: Queryable, id: number, orgIds: readonly number[]) {
  const { rows } = await db.query<{ id: number; summary: string }>(
    `SELECT op.id::int, op.summary FROM reorg_operations op
      WHERE op.id > $1 AND op.status = 'committed'
        AND EXISTS (SELECT 1 FROM org_lineage l WHERE l.operation_id = op.id AND (l.from_org_id = ANY($2::bigint[]) OR l.to_org_id = ANY($2::bigint[])))
      ORDER BY op.id`,
    [id, orgIds],
  );
  return rows;
}

export type RecordedSince = { what: 'reports' | 'values' | 'tasks' | 'memberEvents' | 'studySessions' | 'documents'; n: number };

/**
 * What was recorded against `orgIds` (the orgs that received something) after the operation's commit: reports,
 * indicator values, task changes, member events, study sessions, documents. Rows the operation
 * itself moved carry its own transaction's time, which is not after it.
 */
export async function findRecordedSince(
  db: Queryable,
  orgIds: readonly number[],
  memberIds: readonly number[],
  operationId: number,
): Promise<RecordedSince[]> {
  // The commit's time is read here, at full precision: rows the operation moved carry exactly it.
  const { rows } = await db.query<RecordedSince>(
    `WITH op AS (SELECT created_at AS at FROM reorg_operations WHERE id = $3)
     SELECT x.* FROM op, LATERAL (
       SELECT 'reports' AS what, count(*)::int AS n FROM reports WHERE org_id = ANY($1::bigint[]) AND greatest(created_at, updated_at) > op.at
       UNION ALL SELECT 'values', count(*)::int FROM org_indicator_values WHERE org_id = ANY($1::bigint[]) AND updated_at > op.at
       UNION ALL SELECT 'tasks', count(*)::int FROM tasks
                  WHERE (org_id = ANY($1::bigint[]) OR lead_org_id = ANY($1::bigint[]) OR partner_org_ids && $1::bigint[])
                    AND greatest(created_at, updated_at) > op.at
       UNION ALL SELECT 'memberEvents', count(*)::int FROM membership_events
                  WHERE (org_id = ANY($1::bigint[]) OR member_id = ANY($2::bigint[])) AND created_at > op.at
       UNION ALL SELECT 'studySessions', count(*)::int FROM study_sessions WHERE org_id = ANY($1::bigint[]) AND greatest(created_at, updated_at) > op.at
       UNION ALL SELECT 'documents', count(*)::int FROM documents WHERE org_id = ANY($1::bigint[]) AND greatest(created_at, updated_at) > op.at
     ) x WHERE x.n > 0`,
    [orgIds, memberIds, operationId],
  );
  return rows;
}

/**
 * Joins the stretches an undo split in two: the undo re-applies the old parent, name or cell on
 * the operation's day, so the history gets [from, day) and [day, …) with the same values; the
 * history reads as if the operation never was only once they are one stretch again.
 */
export async function mergeStretches(db: Queryable, day: string, rootIds: readonly number[], memberIds: readonly number[]) {
  await db.query(
    `WITH pair AS (
       SELECT a.id AS keep, b.id AS gone, b.valid_to FROM org_versions a
         JOIN org_versions b ON b.org_id = a.org_id AND b.valid_from = a.valid_to
        WHERE b.valid_from = $1::date
          AND a.org_id IN (SELECT d.id FROM orgs r JOIN orgs d ON d.path <@ r.path WHERE r.id = ANY($2::bigint[]))
          AND (a.parent_id, a.path, a.name, a.kind) IS NOT DISTINCT FROM (b.parent_id, b.path, b.name, b.kind)),
     del AS (DELETE FROM org_versions v USING pair WHERE v.id = pair.gone)
     UPDATE org_versions v SET valid_to = pair.valid_to FROM pair WHERE v.id = pair.keep`,
    [day, rootIds],
  );
  if (memberIds.length === 0) return;
  await db.query(
    `WITH pair AS (
       SELECT a.member_id, a.valid_from AS keep_from, b.valid_from AS gone_from, b.valid_to FROM member_placements a
         JOIN member_placements b ON b.member_id = a.member_id AND b.valid_from = a.valid_to AND b.org_id = a.org_id
        WHERE a.member_id = ANY($2::bigint[]) AND b.valid_from = $1::date),
     del AS (DELETE FROM member_placements p USING pair WHERE p.member_id = pair.member_id AND p.valid_from = pair.gone_from)
     UPDATE member_placements p SET valid_to = pair.valid_to FROM pair WHERE p.member_id = pair.member_id AND p.valid_from = pair.keep_from`,
    [day, memberIds],
  );
}
