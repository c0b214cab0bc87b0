import type { Db } from '../../db/pool';
import { inScopeSql, scopeOf, type Actor } from '../../lib/actor';
import { notFound } from '../../lib/errors';
import type { z } from 'zod';
import type { auditQuery } from '../../../contracts/audit';

/**
 * Audit entries of the actor's scope, newest first. Entries of no org (system-wide changes)
 * are shown only to those whose scope includes a root org.
 */
export async function findAuditEntries(db: Db, actor: Actor, q: z.infer<typeof auditQuery>) {
  const scope = scopeOf(actor, 'audit.read');
  const params: unknown[] = [scope];
  // The entry's org as it stands now (a moved org's manager reads its past entries); the path
  // written at the time only for entries that name no org.
  const path = 'COALESCE(o.path, a.org_path)';
  const where = [
    `(${inScopeSql(path, '$1')} OR (${path} IS NULL AND ($1::ltree[] IS NULL OR EXISTS (SELECT 1 FROM orgs r WHERE r.parent_id IS NULL AND r.path <@ $1::ltree[]))))`,
  ];
  if (q.orgId) {
    const { rows } = await db.query<{ path: string }>(`SELECT path::text AS path FROM orgs WHERE id = $1 AND ${inScopeSql('path', '$2')}`, [
      q.orgId,
      scope,
    ]);
    if (!rows[0]) throw notFound({ vi: 'Không tìm thấy tổ chức.', en: 'Organization not found.' });
    params.push(rows[0].path);
    where.push(`${path} <@ $${params.length}::ltree`);
  }
  if (q.actorId) {
    params.push(q.actorId);
    where.push(`a.actor_id = $${params.length}`);
  }
  if (q.entity) {
    params.push(q.entity);
    where.push(`a.entity = $${params.length}`);
  }
  // Dates are the office's calendar days in Vietnam (UTC+7).
  if (q.from) {
    params.push(q.from);
    where.push(`a.at >= ($${params.length}::date)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`);
  }
  if (q.to) {
    params.push(q.to);
    where.push(`a.at < ($${params.length}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`);
  }
  const w = where.join(' AND ');
  const [{ rows }, { rows: count }] = await Promise.all([
    db.query(
      `SELECT a.id, to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, a.actor_id AS "actorId", a.actor_name AS "actorName", a.ip,
              a.action, a.entity, a.entity_id AS "entityId", a.org_id AS "orgId", o.name AS "orgName", a.summary, a.before, a.after
         FROM audit_log a LEFT JOIN orgs o ON o.id = a.org_id
        WHERE ${w} ORDER BY a.at DESC, a.id DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log a LEFT JOIN orgs o ON o.id = a.org_id WHERE ${w}`, params),
  ]);
  return { items: rows, total: count[0]?.n ?? 0, page: q.page, pageSize: q.pageSize };
}
