import type { Queryable } from '../db/pool';
import { isWithin, type RoleGrant } from '../../domain/access/permissions';

/**
 * Which record a route's id names, for auditing a 404 that hid a record outside the caller's
 * scope (issue 9: "denied requests, 403/404 on records that exist"). One table here instead of
 * a line in every service: the path before a parameter names the record's table, and
 * `orgId`/`memberId` name an org or a member wherever they appear.
 */
type RecordKind = { entity: string; pathSql: string };

const orgPath = (table: string, orgColumn = 'org_id'): string =>
  `SELECT o.path::text AS path FROM ${table} x JOIN orgs o ON o.id = x.${orgColumn} WHERE x.id = $1`;

const kinds: Record<string, RecordKind> = {
  org: { entity: 'org', pathSql: 'SELECT path::text AS path FROM orgs WHERE id = $1' },
  member: { entity: 'member', pathSql: orgPath('members') },
  user: { entity: 'user', pathSql: 'SELECT o.path::text AS path FROM user_roles r JOIN orgs o ON o.id = r.org_id WHERE r.user_id = $1' },
  document: { entity: 'document', pathSql: orgPath('documents') },
  item: {
    entity: 'document_item',
    pathSql:
      'SELECT o.path::text AS path FROM document_items i JOIN documents d ON d.id = i.document_id JOIN orgs o ON o.id = d.org_id WHERE i.id = $1',
  },
  task: { entity: 'task', pathSql: orgPath('tasks') },
  session: { entity: 'study_session', pathSql: orgPath('study_sessions') },
  point: { entity: 'bridge_point', pathSql: orgPath('bridge_points') },
  reflection: {
    entity: 'reflection',
    pathSql:
      'SELECT o.path::text AS path FROM reflections r JOIN members m ON m.id = r.member_id JOIN orgs o ON o.id = m.org_id WHERE r.id = $1',
  },
  report: { entity: 'report', pathSql: orgPath('reports') },
  explanation: { entity: 'explanation_request', pathSql: orgPath('explanation_requests') },
  program: { entity: 'oversight_program', pathSql: orgPath('oversight_programs') },
  inspection: { entity: 'inspection', pathSql: orgPath('inspections') },
  recommendation: { entity: 'inspection_recommendation', pathSql: orgPath('inspection_recommendations', 'owner_org_id') },
  round: { entity: 'grading_round', pathSql: orgPath('grading_rounds') },
  evaluation: { entity: 'grading_evaluation', pathSql: orgPath('grading_evaluations') },
};

/** The path before a route's first parameter, and what that parameter names. */
const byPrefix: Record<string, keyof typeof kinds> = {
  '/api/orgs': 'org',
  '/api/members': 'member',
  '/api/users': 'user',
  '/api/documents': 'document',
  '/api/items': 'item',
  '/api/tasks': 'task',
  '/api/study/sessions': 'session',
  '/api/study/points': 'point',
  '/api/study/reflections': 'reflection',
  '/api/reports': 'report',
  '/api/explanations': 'explanation',
  '/api/oversight/programs': 'program',
  '/api/oversight/inspections': 'inspection',
  '/api/oversight/recommendations': 'recommendation',
  '/api/oversight/orgs': 'org',
  '/api/grading/rounds': 'round',
  '/api/grading/evaluations': 'evaluation',
  '/api/grading/orgs': 'org',
};

const byName: Record<string, keyof typeof kinds> = { orgId: 'org', memberId: 'member' };

export type DeniedRecord = { entity: string; id: number; orgPath: string };

/** The ids a request names that we know how to look up: path parameters, then orgId/memberId in the query or body. */
function candidates(routeUrl: string, params: unknown, query: unknown, body: unknown): { kind: RecordKind; id: number }[] {
  const out: { kind: RecordKind; id: number }[] = [];
  const add = (kindName: keyof typeof kinds | undefined, value: unknown) => {
    const id = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : NaN;
    if (kindName && Number.isSafeInteger(id) && id > 0) out.push({ kind: kinds[kindName]!, id });
  };
  const p = (params ?? {}) as Record<string, unknown>;
  const names = [...routeUrl.matchAll(/\/:(\w+)/g)].map((m) => m[1]!);
  names.forEach((name, i) => add(byName[name] ?? (i === 0 ? byPrefix[routeUrl.slice(0, routeUrl.indexOf('/:'))] : undefined), p[name]));
  for (const source of [query, body]) {
    if (!source || typeof source !== 'object' || Array.isArray(source)) continue;
    for (const [name, kind] of Object.entries(byName)) add(kind, (source as Record<string, unknown>)[name]);
  }
  return out;
}

/**
 * The first record a 404 answer hid: one the request names that exists but lies outside every
 * org the caller holds a role on. Null when every id named is unknown (a typo, a deleted record)
 * or inside the caller's orgs (a 404 for another reason): those are not refusals.
 */
export async function findDeniedRecord(
  db: Queryable,
  grants: readonly RoleGrant[],
  request: { routeUrl: string; params: unknown; query: unknown; body: unknown },
): Promise<DeniedRecord | null> {
  for (const { kind, id } of candidates(request.routeUrl, request.params, request.query, request.body)) {
    const { rows } = await db.query<{ path: string }>(kind.pathSql, [id]);
    if (rows.length === 0) continue;
    const outside = rows.find((r) => !grants.some((g) => isWithin(r.path, g.orgPath)));
    if (outside) return { entity: kind.entity, id, orgPath: outside.path };
  }
  return null;
}
