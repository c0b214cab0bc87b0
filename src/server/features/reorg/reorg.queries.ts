import type { Queryable } from '../../db/pool';
import type { TreeOrg } from '../../../domain/reorg';

export type LoadedOrg = TreeOrg & { code: string };

const columns = `o.id::int, o.parent_id::int AS "parentId", o.path::text AS path, o.name, o.code, o.kind,
  to_char(o.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(o.valid_to, 'YYYY-MM-DD') AS "validTo", o.member_count AS "memberCount"`;

/** The orgs of `ids` inside `scope` (null: all), locked when `forUpdate`; missing ones are left out. */
export async function findOrgsInScope(
  db: Queryable,
  ids: readonly number[],
  scope: string[] | null,
  forUpdate = false,
): Promise<LoadedOrg[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<LoadedOrg>(
    `SELECT ${columns} FROM orgs o WHERE o.id = ANY($1::bigint[]) AND ($2::ltree[] IS NULL OR o.path <@ $2::ltree[])
      ORDER BY o.id ${forUpdate ? 'FOR UPDATE' : ''}`,
    [ids, scope],
  );
  return rows;
}

/** The codes of `ids` (ids of orgs the caller already reached through a scoped read). */
export async function findOrgCodes(db: Queryable, ids: readonly number[]): Promise<Map<number, string>> {
  const { rows } = await db.query<{ id: number; code: string }>('SELECT id::int, code FROM orgs WHERE id = ANY($1::bigint[])', [
    [...new Set(ids)],
  ]);
  return new Map(rows.map((r) => [r.id, r.code]));
}

/** Orgs inside `scope` (null: all) by code, matched without regard to case (as the unique index): upper code → id. */
export async function findOrgsByCode(db: Queryable, codes: readonly string[], scope: string[] | null): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const { rows } = await db.query<{ id: number; code: string }>(
    `SELECT o.id::int, upper(o.code) AS code FROM orgs o
      WHERE upper(o.code) = ANY($1::text[]) AND ($2::ltree[] IS NULL OR o.path <@ $2::ltree[])`,
    [codes.map((c) => c.toUpperCase()), scope],
  );
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** Open children of the sources that are not sources themselves, with their subtree's members. */
export async function findChildren(db: Queryable, sourceIds: readonly number[], day: string) {
  const { rows } = await db.query<LoadedOrg & { subtreeMembers: number }>(
    `SELECT ${columns}, (SELECT COALESCE(sum(d.member_count), 0)::int FROM orgs d WHERE d.path <@ o.path) AS "subtreeMembers"
       FROM orgs o WHERE o.parent_id = ANY($1::bigint[]) AND NOT o.id = ANY($1::bigint[]) AND (o.valid_to IS NULL OR o.valid_to > $2::date)
      ORDER BY o.parent_id, o.name COLLATE "vi-x-icu"`,
    [sourceIds, day],
  );
  return rows;
}

/** The latest effective date of a committed operation on each org. */
export async function latestOperations(db: Queryable, orgIds: readonly number[]): Promise<Map<number, string>> {
  const { rows } = await db.query<{ orgId: number; day: string }>(
    `SELECT x.org_id::int AS "orgId", to_char(max(l.effective_date), 'YYYY-MM-DD') AS day
       FROM org_lineage l JOIN reorg_operations op ON op.id = l.operation_id AND op.status = 'committed'
       CROSS JOIN LATERAL (VALUES (l.from_org_id), (l.to_org_id)) x(org_id)
      WHERE x.org_id = ANY($1::bigint[]) GROUP BY x.org_id`,
    [orgIds],
  );
  return new Map(rows.map((r) => [r.orgId, r.day]));
}

/** What else a closing org carries: roles, open tasks, report obligations, bridge points, explanations, documents. */
export async function findCarried(db: Queryable, sourceIds: readonly number[], day: string) {
  const [roles, tasks, reports, points, explanations, documents] = await Promise.all([
    db.query<{ userRoleId: number; username: string; fullName: string; role: string; orgId: number; orgName: string }>(
      `SELECT r.id::int AS "userRoleId", u.username, u.full_name AS "fullName", r.role, r.org_id::int AS "orgId", o.name AS "orgName"
         FROM user_roles r JOIN users u ON u.id = r.user_id JOIN orgs o ON o.id = r.org_id
        WHERE r.org_id = ANY($1::bigint[]) ORDER BY o.name, u.full_name`,
      [sourceIds],
    ),
    db.query<{ id: number; title: string; leadOrgId: number; partnerOrgIds: number[]; leadOrgName: string }>(
      `SELECT t.id::int, t.title, t.lead_org_id::int AS "leadOrgId", t.partner_org_ids::int[] AS "partnerOrgIds", lo.name AS "leadOrgName"
         FROM tasks t JOIN orgs lo ON lo.id = t.lead_org_id
        WHERE (t.lead_org_id = ANY($1::bigint[]) OR t.partner_org_ids && $1::bigint[]) AND t.status NOT IN ('done','cancelled')
        ORDER BY t.id`,
      [sourceIds],
    ),
    db.query<{ open: number }>(
      `SELECT count(*)::int AS open FROM reports WHERE org_id = ANY($1::bigint[]) AND status IN ('draft','returned') AND period_end >= $2::date`,
      [sourceIds, day],
    ),
    db.query<{ id: number; name: string; sessionTitle: string; orgName: string }>(
      `SELECT p.id::int, p.name, s.title AS "sessionTitle", o.name AS "orgName"
         FROM bridge_points p JOIN study_sessions s ON s.id = p.session_id JOIN orgs o ON o.id = p.org_id
        WHERE p.org_id = ANY($1::bigint[]) AND s.ends_at >= $2::date ORDER BY s.starts_at, p.id`,
      [sourceIds, day],
    ),
    db.query<{ id: number; question: string; orgName: string }>(
      `SELECT e.id::int, e.question, o.name AS "orgName" FROM explanation_requests e JOIN orgs o ON o.id = e.org_id
        WHERE e.org_id = ANY($1::bigint[]) AND e.status = 'open' ORDER BY e.id`,
      [sourceIds],
    ),
    db.query<{ id: number; symbol: string; title: string; orgName: string }>(
      `SELECT d.id::int, d.symbol, d.title, o.name AS "orgName" FROM documents d JOIN orgs o ON o.id = d.org_id
        WHERE d.org_id = ANY($1::bigint[]) AND d.status <> 'amended' ORDER BY d.issue_date NULLS LAST, d.id`,
      [sourceIds],
    ),
  ]);
  return {
    roles: roles.rows,
    tasks: tasks.rows,
    openReports: reports.rows[0]?.open ?? 0,
    points: points.rows,
    explanations: explanations.rows,
    documents: documents.rows,
  };
}
