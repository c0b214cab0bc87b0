import type { Db, Queryable } from '../../db/pool';
import { inTransaction } from '../../db/pool';
import { inScopeSql, scopeOf, type Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';
import { AppError, notFound, versionConflict } from '../../lib/errors';
import type { CreateOrgInput, OrgSummary, SaveCommitteeInput, UpdateOrgInput } from '../../../contracts/orgs';
import { findOrgInScope, lockOrg, orgSummaryColumns, type OrgRow } from './orgs.queries';
import { canWriteOrg, requireOrgWrite } from './orgs.policy';

const orgNotFound = () => notFound({ vi: 'Không tìm thấy tổ chức.', en: 'Organization not found.' });

/** Adds what the actor may do with the org, by the same rules the routes enforce. */
export function presentOrg(actor: Actor, row: OrgRow): OrgSummary {
  const canWrite = canWriteOrg(actor, row.path);
  return {
    ...(row as OrgSummary),
    abilities: {
      update: canWrite,
      createChild: canWrite && !row.isClosed,
      delete: canWrite && row.childCount === 0 && row.memberCount === 0 && row.parentId !== null,
    },
  };
}

/** Children of an org, or the top orgs of the actor's scope; Vietnamese name order. */
export async function findOrgChildren(db: Db, actor: Actor, parentId: number | undefined, includeClosed = true) {
  const scope = scopeOf(actor, 'orgs.read');
  const closed = includeClosed ? '' : 'AND (o.valid_to IS NULL OR o.valid_to > current_date)';
  if (parentId === undefined) {
    // The roots of the scope: orgs the actor holds a role on, that no other scope path covers.
    const { rows } = await db.query<OrgRow>(
      scope === null
        ? `SELECT ${orgSummaryColumns} FROM orgs o WHERE o.parent_id IS NULL ${closed} ORDER BY o.name COLLATE "vi-x-icu"`
        : `SELECT ${orgSummaryColumns} FROM orgs o WHERE o.path = ANY($1::ltree[]) ${closed} ORDER BY o.name COLLATE "vi-x-icu"`,
      scope === null ? [] : [scope],
    );
    return rows.map((r) => presentOrg(actor, r));
  }
  const parent = await findOrgInScope(db, parentId, scope);
  if (!parent) throw orgNotFound();
  const { rows } = await db.query<OrgRow>(
    `SELECT ${orgSummaryColumns} FROM orgs o WHERE o.parent_id = $1 ${closed}
      ORDER BY (o.kind = 'cell'), o.name COLLATE "vi-x-icu"`,
    [parentId],
  );
  return rows.map((r) => presentOrg(actor, r));
}

/** Orgs whose name or code matches `q` ignoring diacritics and case ("dang uy khoi" finds "Đảng ủy Khối"). */
export async function searchOrgs(db: Db, actor: Actor, q: string, limit: number, kind?: string) {
  const scope = scopeOf(actor, 'orgs.read');
  const folded = q.normalize('NFC');
  const { rows } = await db.query<OrgRow & { pathNames: string[] }>(
    `SELECT ${orgSummaryColumns},
            (SELECT array_agg(a.name ORDER BY nlevel(a.path)) FROM orgs a WHERE a.path @> o.path AND a.id <> o.id) AS "pathNames"
       FROM orgs o
      WHERE (vn_fold(o.name) LIKE '%' || vn_fold($1) || '%' OR upper(o.code) = upper($1)
             -- Any name the org ever had (Thị ủy Dĩ An before it became Thành ủy Dĩ An).
             OR o.id IN (SELECT v.org_id FROM org_versions v WHERE vn_fold(v.name) LIKE '%' || vn_fold($1) || '%'))
        AND ${inScopeSql('o.path', '$2')}
        AND ($4::text IS NULL OR o.kind = $4)
      ORDER BY (o.name ILIKE '%' || $1 || '%') DESC, nlevel(o.path), o.name COLLATE "vi-x-icu"
      LIMIT $3`,
    [folded, scope, limit, kind ?? null],
  );
  return rows.map((r) => ({ ...presentOrg(actor, r), pathNames: r.pathNames ?? [] }));
}

/** One org with ancestors and committees; 404 outside the actor's scope. */
export async function getOrg(db: Db, actor: Actor, id: number) {
  const row = await findOrgInScope(db, id, scopeOf(actor, 'orgs.read'));
  if (!row) throw orgNotFound();
  const [{ rows: ancestors }, { rows: committees }] = await Promise.all([
    db.query<{ id: number; name: string; code: string }>(
      `SELECT a.id, a.name, a.code FROM orgs a WHERE a.path @> $1::ltree AND a.id <> $2 ORDER BY nlevel(a.path)`,
      [row.path, id],
    ),
    db.query(
      `SELECT c.id, c.role, c.term, c.size,
              COALESCE(json_agg(json_build_object('fullName', m.full_name, 'position', m.position, 'title', m.title, 'isSample', m.is_sample)
                ORDER BY m.sort_order, m.id) FILTER (WHERE m.id IS NOT NULL), '[]') AS people
         FROM committees c LEFT JOIN committee_members m ON m.committee_id = c.id
        WHERE c.org_id = $1 GROUP BY c.id
        ORDER BY c.term DESC, array_position(ARRAY['executive','standing','inspection'], c.role)`,
      [id],
    ),
  ]);
  return {
    ...presentOrg(actor, row),
    ancestors,
    committees,
    deleteBlockedReason: deleteBlockedReason(row),
  };
}

function deleteBlockedReason(row: OrgRow): string | null {
  if (row.parentId === null) return 'Không thể xóa tổ chức gốc.';
  const parts: string[] = [];
  if (row.childCount > 0) parts.push(`${row.childCount} tổ chức trực thuộc`);
  if (row.memberCount > 0) parts.push(`${row.memberCount} đảng viên`);
  if (parts.length === 0) return null;
  return `Không thể xóa vì tổ chức còn ${parts.join(' và ')}. Hãy dùng "Kết thúc hoạt động" (ngày kết thúc hiệu lực) để giữ lịch sử.`;
}

const codeTaken = (code: string) =>
  new AppError(
    'conflict',
    { vi: `Mã "${code}" đã được dùng cho tổ chức khác.`, en: `Code "${code}" is already used.` },
    {
      fields: [{ field: 'body.code', message: `Mã "${code}" đã được dùng cho tổ chức khác.` }],
    },
  );

async function assertCodeFree(db: Db | import('pg').PoolClient, code: string, exceptId: number | null) {
  const { rows } = await db.query('SELECT 1 FROM orgs WHERE upper(code) = upper($1) AND id IS DISTINCT FROM $2', [code, exceptId]);
  if (rows.length > 0) throw codeTaken(code);
}

export async function createOrg(db: Db, actor: Actor, input: CreateOrgInput) {
  const id = await inTransaction(db, async (tx) => {
    const parent = await findOrgInScope(tx, input.parentId, scopeOf(actor, 'orgs.read'));
    if (!parent) throw orgNotFound();
    requireOrgWrite(actor, parent.path);
    if (parent.isClosed) {
      throw new AppError('conflict', {
        vi: 'Tổ chức cấp trên đã giải thể, không thể thêm tổ chức trực thuộc.',
        en: 'The parent organization is closed.',
      });
    }
    await assertCodeFree(tx, input.code, null);
    // The path needs the new id: take it from the sequence first.
    const { rows } = await tx.query<{ id: number; path: string }>(
      `WITH n AS (SELECT nextval(pg_get_serial_sequence('orgs', 'id')) AS id)
       INSERT INTO orgs (id, path, parent_id, code, name, kind, head_name, head_title, is_non_state_enterprise, valid_from)
       OVERRIDING SYSTEM VALUE
       SELECT n.id, ($1::text || '.' || n.id)::ltree, $2, $3, $4, $5, $6, $7, $8, COALESCE($9::date, current_date) FROM n
       RETURNING id, path::text`,
      [
        parent.path,
        parent.id,
        input.code,
        input.name.normalize('NFC'),
        input.kind,
        input.headName ?? null,
        input.headTitle ?? null,
        input.isNonStateEnterprise,
        input.validFrom ?? null,
      ],
    );
    const created = rows[0]!;
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'org',
      entityId: created.id,
      orgId: created.id,
      orgPath: created.path,
      summary: `Tạo tổ chức ${input.name}`,
      after: input,
    });
    return created.id;
  });
  return getOrg(db, actor, id);
}

export async function updateOrg(db: Db, actor: Actor, id: number, input: UpdateOrgInput) {
  await inTransaction(db, async (tx) => {
    const before = await findOrgInScope(tx, id, scopeOf(actor, 'orgs.read'));
    if (!before) throw orgNotFound();
    requireOrgWrite(actor, before.path);
    await lockOrg(tx, id);
    if (input.code && input.code.toUpperCase() !== before.code.toUpperCase()) await assertCodeFree(tx, input.code, id);
    const { rowCount } = await tx.query(
      `UPDATE orgs SET code = COALESCE($3, code), name = COALESCE($4, name), kind = COALESCE($5, kind),
              head_name = CASE WHEN $6::boolean THEN $7 ELSE head_name END,
              head_title = CASE WHEN $8::boolean THEN $9 ELSE head_title END,
              is_non_state_enterprise = COALESCE($10, is_non_state_enterprise),
              version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2`,
      [
        id,
        input.version,
        input.code ?? null,
        input.name?.normalize('NFC') ?? null,
        input.kind ?? null,
        input.headName !== undefined,
        input.headName ?? null,
        input.headTitle !== undefined,
        input.headTitle ?? null,
        input.isNonStateEnterprise ?? null,
      ],
    );
    if (rowCount === 0) throw versionConflict();
    const { version: _v, ...changes } = input;
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'org',
      entityId: id,
      orgId: id,
      orgPath: before.path,
      summary: `Sửa tổ chức ${before.name}`,
      before: pick(before, Object.keys(changes)),
      after: changes,
    });
  });
  return getOrg(db, actor, id);
}

/** Moves an org (and its subtree) under a new parent; refuses to move it into itself. */
export async function moveOrg(db: Db, actor: Actor, id: number, version: number, newParentId: number) {
  await inTransaction(db, async (tx) => {
    const scope = scopeOf(actor, 'orgs.read');
    const org = await findOrgInScope(tx, id, scope);
    const parent = await findOrgInScope(tx, newParentId, scope);
    if (!org || !parent) throw orgNotFound();
    requireOrgWrite(actor, org.path);
    requireOrgWrite(actor, parent.path);
    if (org.parentId === null) throw new AppError('conflict', { vi: 'Không thể chuyển tổ chức gốc.', en: 'The root cannot be moved.' });
    if (parent.path === org.path || parent.path.startsWith(`${org.path}.`)) {
      throw new AppError('conflict', {
        vi: 'Không thể chuyển một tổ chức vào chính nó hoặc tổ chức trực thuộc của nó.',
        en: 'An organization cannot move under itself.',
      });
    }
    const locked = await lockOrg(tx, id);
    if (!locked || locked.version !== version) throw versionConflict();
    const newPath = `${parent.path}.${id}`;
    await reparentOrgsTx(tx, [{ orgId: id, newParentId }]);
    await recordAudit(tx, actor, {
      action: 'move',
      entity: 'org',
      entityId: id,
      orgId: id,
      orgPath: newPath,
      summary: `Chuyển ${org.name} sang ${parent.name}`,
      before: { parentId: org.parentId },
      after: { parentId: newParentId },
    });
  });
  return getOrg(db, actor, id);
}

/**
 * Moves several subtrees at once, each org under its new parent, in one statement: the triggers
 * on orgs then write the dated history and recompute the rollups above the old and new places
 * once. The subtrees must be disjoint and no new parent may lie inside a moved subtree (the
 * callers check). Used by a move and by reorganizations.
 */
export async function reparentOrgsTx(tx: Queryable, moves: readonly { orgId: number; newParentId: number }[]) {
  if (moves.length === 0) return;
  await tx.query(
    // subpath() refuses an offset equal to the length, so each moved org itself is a case of its own.
    `WITH m AS (SELECT * FROM unnest($1::bigint[], $2::bigint[]) AS m(org_id, parent_id)),
     mv AS (SELECT m.org_id, m.parent_id, c.path AS old, np.path || c.id::text AS new
              FROM m JOIN orgs c ON c.id = m.org_id JOIN orgs np ON np.id = m.parent_id)
     UPDATE orgs o SET path = CASE WHEN o.id = mv.org_id THEN mv.new ELSE mv.new || subpath(o.path, nlevel(mv.old)) END,
            parent_id = CASE WHEN o.id = mv.org_id THEN mv.parent_id ELSE o.parent_id END,
            version = o.version + CASE WHEN o.id = mv.org_id THEN 1 ELSE 0 END, updated_at = now()
       FROM mv WHERE o.path <@ mv.old`,
    [moves.map((m) => m.orgId), moves.map((m) => m.newParentId)],
  );
}

/** Closes an org from a date: the history stays, the org leaves current lists. */
export async function closeOrg(db: Db, actor: Actor, id: number, version: number, validTo: string) {
  await inTransaction(db, async (tx) => {
    const org = await findOrgInScope(tx, id, scopeOf(actor, 'orgs.read'));
    if (!org) throw orgNotFound();
    requireOrgWrite(actor, org.path);
    if (org.parentId === null) throw new AppError('conflict', { vi: 'Không thể giải thể tổ chức gốc.', en: 'The root cannot be closed.' });
    if (validTo < org.validFrom) {
      throw new AppError(
        'validation_failed',
        { vi: 'Ngày kết thúc phải sau ngày bắt đầu hiệu lực.', en: 'The end date must follow the start date.' },
        {
          fields: [{ field: 'body.validTo', message: 'Ngày kết thúc phải sau ngày bắt đầu hiệu lực.' }],
        },
      );
    }
    const { rowCount } = await tx.query(
      'UPDATE orgs SET valid_to = $3, version = version + 1, updated_at = now() WHERE id = $1 AND version = $2',
      [id, version, validTo],
    );
    if (rowCount === 0) throw versionConflict();
    await recordAudit(tx, actor, {
      action: 'close',
      entity: 'org',
      entityId: id,
      orgId: id,
      orgPath: org.path,
      summary: `Giải thể ${org.name} từ ${validTo}`,
      before: { validTo: org.validTo },
      after: { validTo },
    });
  });
  return getOrg(db, actor, id);
}

/** Deletes an empty org; one with members or children can only be closed, and the error says so. */
export async function deleteOrg(db: Db, actor: Actor, id: number, version: number) {
  await inTransaction(db, async (tx) => {
    const org = await findOrgInScope(tx, id, scopeOf(actor, 'orgs.read'));
    if (!org) throw orgNotFound();
    requireOrgWrite(actor, org.path);
    await lockOrg(tx, id);
    const reason = deleteBlockedReason(org);
    if (reason)
      throw new AppError('conflict', {
        vi: reason,
        en: 'Only an organization with no members and no children can be deleted; close it instead.',
      });
    const { rowCount } = await tx.query('DELETE FROM orgs WHERE id = $1 AND version = $2', [id, version]);
    if (rowCount === 0) throw versionConflict();
    await recordAudit(tx, actor, {
      action: 'delete',
      entity: 'org',
      entityId: id,
      orgId: id,
      orgPath: org.path,
      summary: `Xóa tổ chức ${org.name}`,
      before: org,
    });
  });
}

/** Replaces the people of one committee of an org for a term. */
export async function saveCommittee(db: Db, actor: Actor, orgId: number, input: SaveCommitteeInput) {
  await inTransaction(db, async (tx) => {
    const org = await findOrgInScope(tx, orgId, scopeOf(actor, 'orgs.read'));
    if (!org) throw orgNotFound();
    requireOrgWrite(actor, org.path);
    if (input.people.length > input.size) {
      throw new AppError('validation_failed', {
        vi: `Số người (${input.people.length}) vượt quá số lượng ủy viên (${input.size}).`,
        en: 'More people than seats.',
      });
    }
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO committees (org_id, role, term, size) VALUES ($1, $2, $3, $4)
       ON CONFLICT (org_id, role, term) DO UPDATE SET size = EXCLUDED.size RETURNING id`,
      [orgId, input.role, input.term, input.size],
    );
    const committeeId = rows[0]!.id;
    await tx.query('DELETE FROM committee_members WHERE committee_id = $1', [committeeId]);
    await tx.query(
      `INSERT INTO committee_members (committee_id, full_name, position, title, sort_order)
       SELECT $1, p.full_name, p.position, p.title, p.ord FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS p(full_name, position, title, ord)`,
      [
        committeeId,
        input.people.map((p) => p.fullName.normalize('NFC')),
        input.people.map((p) => p.position),
        input.people.map((p) => p.title ?? null),
      ],
    );
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'committee',
      entityId: committeeId,
      orgId,
      orgPath: org.path,
      summary: `Cập nhật ${input.role} nhiệm kỳ ${input.term} của ${org.name}`,
      after: input,
    });
  });
  return getOrg(db, actor, orgId);
}

function pick(row: object, keys: string[]) {
  return Object.fromEntries(Object.entries(row).filter(([k]) => keys.includes(k)));
}
