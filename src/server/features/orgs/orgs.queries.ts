import type { Queryable } from '../../db/pool';
import { inScopeSql } from '../../lib/actor';

/**
 * Members of the org's subtree: the kept subtree total plus member changes not yet folded into
 * it (migration 202612020821), or, while the tree changed since the totals were built, the sum
 * of every org of the subtree (for the country's root that is 55,000 rows, hundreds of ms).
 */
const subtreeMembersSql = (o: string) => `(CASE WHEN (SELECT tree_version = built_version FROM coverage_tree_state)
    THEN COALESCE((SELECT s.members FROM org_subtree_members s WHERE s.org_id = ${o}.id), 0)
       + COALESCE((SELECT sum(d.n) FROM coverage_deltas d JOIN orgs x ON x.id = d.org_id
                    WHERE d.document_id IS NULL AND x.path <@ ${o}.path), 0)
    ELSE (SELECT COALESCE(sum(d.member_count), 0) FROM orgs d WHERE d.path <@ ${o}.path) END)::int`;

/** Columns of an org summary (the subtree's member count from the kept totals, see above). */
export const orgSummaryColumns = `
  o.id, o.parent_id AS "parentId", o.path::text AS path, o.code, o.name, o.kind,
  o.head_name AS "headName", o.head_title AS "headTitle",
  o.is_non_state_enterprise AS "isNonStateEnterprise", o.is_sample AS "isSample",
  to_char(o.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(o.valid_to, 'YYYY-MM-DD') AS "validTo",
  (o.valid_to IS NOT NULL AND o.valid_to <= current_date) AS "isClosed",
  o.member_count AS "memberCount",
  ${subtreeMembersSql('o')} AS "subtreeMemberCount",
  (SELECT count(*)::int FROM orgs c WHERE c.parent_id = o.id) AS "childCount",
  o.version`;

export type OrgRow = {
  id: number;
  parentId: number | null;
  path: string;
  code: string;
  name: string;
  kind: string;
  headName: string | null;
  headTitle: string | null;
  isNonStateEnterprise: boolean;
  isSample: boolean;
  validFrom: string;
  validTo: string | null;
  isClosed: boolean;
  memberCount: number;
  subtreeMemberCount: number;
  childCount: number;
  version: number;
};

/** An org inside `scope` (null = everything), or undefined: callers turn that into 404. */
export async function findOrgInScope(db: Queryable, id: number, scope: string[] | null): Promise<OrgRow | undefined> {
  const { rows } = await db.query<OrgRow>(`SELECT ${orgSummaryColumns} FROM orgs o WHERE o.id = $1 AND ${inScopeSql('o.path', '$2')}`, [
    id,
    scope,
  ]);
  return rows[0];
}

/** Locks an org row for the rest of the transaction and returns its raw fields. */
export async function lockOrg(tx: Queryable, id: number) {
  const { rows } = await tx.query<{
    id: number;
    path: string;
    parent_id: number | null;
    version: number;
    name: string;
    code: string;
    kind: string;
  }>('SELECT id, path::text AS path, parent_id, version, name, code, kind FROM orgs WHERE id = $1 FOR UPDATE', [id]);
  return rows[0];
}
