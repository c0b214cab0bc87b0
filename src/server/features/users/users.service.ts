import type pg from 'pg';
import type { Db } from '../../db/pool';
import { inTransaction } from '../../db/pool';
import type { Role } from '../../../domain/access/permissions';
import { canEditUser, requireEditUser, requireGrantRole } from './users.policy';
import { inScopeSql, scopeOf, type Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';
import { AppError, notFound, versionConflict } from '../../lib/errors';
import { generatePassword, hashPassword, passwordProblem } from '../../lib/password';
import { deleteUserSessions } from '../../lib/sessions';
import { findOrgInScope } from '../orgs';
import type { CreateUserInput, UpdateUserInput } from '../../../contracts/users';

const userNotFound = () => notFound({ vi: 'Không tìm thấy người dùng.', en: 'User not found.' });

type UserRow = {
  id: number;
  username: string;
  fullName: string;
  email: string | null;
  isDisabled: boolean;
  memberId: number | null;
  roles: { orgId: number; orgName: string; orgCode: string; role: Role; orgPath: string }[];
  version: number;
  createdAt: string;
};

const userColumns = `
  u.id, u.username, u.full_name AS "fullName", u.email, u.is_disabled AS "isDisabled", u.member_id AS "memberId", u.version,
  to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt",
  COALESCE((SELECT json_agg(json_build_object('orgId', o.id, 'orgName', o.name, 'orgCode', o.code, 'role', r.role, 'orgPath', o.path::text) ORDER BY nlevel(o.path), r.role)
              FROM user_roles r JOIN orgs o ON o.id = r.org_id WHERE r.user_id = u.id), '[]') AS roles`;

function present(actor: Actor, row: UserRow) {
  return { ...row, roles: row.roles.map(({ orgPath: _p, ...r }) => r), abilities: { update: canEditUser(actor, row) } };
}

/** Users holding at least one role inside the actor's scope. */
export async function findUsers(db: Db, actor: Actor, q: { q?: string; orgId?: number; page: number; pageSize: number }) {
  const scope = scopeOf(actor, 'users.read');
  const params: unknown[] = [scope];
  let where = `EXISTS (SELECT 1 FROM user_roles r JOIN orgs o ON o.id = r.org_id WHERE r.user_id = u.id AND ${inScopeSql('o.path', '$1')}`;
  if (q.orgId) {
    const org = await findOrgInScope(db, q.orgId, scope);
    if (!org) throw notFound({ vi: 'Không tìm thấy tổ chức.', en: 'Organization not found.' });
    params.push(org.path);
    where += ` AND o.path <@ $${params.length}::ltree`;
  }
  where += ')';
  if (q.q) {
    params.push(q.q.normalize('NFC'));
    where += ` AND (vn_fold(u.full_name) LIKE '%' || vn_fold($${params.length}) || '%' OR u.username ILIKE '%' || $${params.length} || '%')`;
  }
  const [{ rows }, { rows: count }] = await Promise.all([
    db.query<UserRow>(
      `SELECT ${userColumns} FROM users u WHERE ${where} ORDER BY u.full_name COLLATE "vi-x-icu" LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users u WHERE ${where}`, params),
  ]);
  return { items: rows.map((r) => present(actor, r)), total: count[0]?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

async function loadUser(db: Db | pg.PoolClient, actor: Actor, id: number) {
  const scope = scopeOf(actor, 'users.read');
  const { rows } = await db.query<UserRow>(
    `SELECT ${userColumns} FROM users u WHERE u.id = $1 AND EXISTS (
       SELECT 1 FROM user_roles r JOIN orgs o ON o.id = r.org_id WHERE r.user_id = u.id AND ${inScopeSql('o.path', '$2')})`,
    [id, scope],
  );
  return rows[0];
}

export async function getUser(db: Db, actor: Actor, id: number) {
  const row = await loadUser(db, actor, id);
  if (!row) throw userNotFound();
  return present(actor, row);
}

/** Checks that each grant is on an org inside the actor's scope and of a role the actor may hand out there. */
async function checkGrants(tx: pg.PoolClient, actor: Actor, grants: { orgId: number; role: Role }[]) {
  const scope = scopeOf(actor, 'users.write');
  const { rows } = await tx.query<{ id: number; path: string }>(
    `SELECT id, path::text AS path FROM orgs WHERE id = ANY($1::bigint[]) AND ${inScopeSql('path', '$2')}`,
    [grants.map((g) => g.orgId), scope],
  );
  const found = new Map(rows.map((r) => [r.id, r.path]));
  for (const g of grants) {
    const path = found.get(g.orgId);
    if (path === undefined) throw notFound({ vi: 'Không tìm thấy tổ chức được gán vai trò.', en: 'Organization of a role not found.' });
    requireGrantRole(actor, g.role, path);
  }
}

/** A member linked to an account must lie in the actor's scope: 404 otherwise, as for any record outside it. */
async function checkMember(tx: pg.PoolClient, actor: Actor, memberId: number | null | undefined) {
  if (memberId === null || memberId === undefined) return;
  const { rows } = await tx.query(
    `SELECT 1 FROM members m JOIN orgs mo ON mo.id = m.org_id WHERE m.id = $1 AND ${inScopeSql('mo.path', '$2')}`,
    [memberId, scopeOf(actor, 'users.write')],
  );
  if (!rows[0]) throw notFound({ vi: 'Không tìm thấy đảng viên.', en: 'Member not found.' });
}

async function writeRoles(tx: pg.PoolClient, userId: number, grants: { orgId: number; role: Role }[]) {
  await tx.query('DELETE FROM user_roles WHERE user_id = $1', [userId]);
  await tx.query(
    `INSERT INTO user_roles (user_id, org_id, role) SELECT $1, g.org_id, g.role FROM unnest($2::bigint[], $3::text[]) AS g(org_id, role)
     ON CONFLICT DO NOTHING`,
    [userId, grants.map((g) => g.orgId), grants.map((g) => g.role)],
  );
}

/** Creates a user; without a password, one is generated and returned once. */
export async function createUser(db: Db, actor: Actor, input: CreateUserInput) {
  // A password an administrator types obeys the same rules as one the user chooses.
  const problem = input.password ? passwordProblem(input.password, input.username) : null;
  if (problem) throw new AppError('validation_failed', problem, { fields: [{ field: 'body.password', message: problem.vi }] });
  const generated = input.password ? null : generatePassword();
  const hash = await hashPassword(input.password ?? generated!);
  const id = await inTransaction(db, async (tx) => {
    await checkGrants(tx, actor, input.roles);
    await checkMember(tx, actor, input.memberId);
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO users (username, full_name, email, password_hash, member_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (lower(username)) DO NOTHING RETURNING id`,
      [input.username, input.fullName.normalize('NFC'), input.email || null, hash, input.memberId ?? null],
    );
    if (!rows[0]) {
      throw new AppError(
        'conflict',
        { vi: `Tên đăng nhập "${input.username}" đã có người dùng.`, en: 'That user name is taken.' },
        {
          fields: [{ field: 'body.username', message: `Tên đăng nhập "${input.username}" đã có người dùng.` }],
        },
      );
    }
    await writeRoles(tx, rows[0].id, input.roles);
    const { rows: org } = await tx.query<{ path: string }>('SELECT path::text AS path FROM orgs WHERE id = $1', [input.roles[0]!.orgId]);
    const { password: _p, ...shown } = input;
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'user',
      entityId: rows[0].id,
      orgId: input.roles[0]!.orgId,
      orgPath: org[0]?.path ?? null,
      summary: `Tạo người dùng ${input.username}`,
      after: shown,
    });
    return rows[0].id;
  });
  return { user: await getUser(db, actor, id), generatedPassword: generated };
}

async function lockManageable(tx: pg.PoolClient, actor: Actor, id: number, version: number) {
  const user = await loadUser(tx, actor, id);
  if (!user) throw userNotFound();
  requireEditUser(actor, user);
  const { rows } = await tx.query<{ version: number }>('SELECT version FROM users WHERE id = $1 FOR UPDATE', [id]);
  if (rows[0]?.version !== version) throw versionConflict();
  return user;
}

/** Edits a user; disabling ends their sessions at once. */
export async function updateUser(db: Db, actor: Actor, id: number, input: UpdateUserInput) {
  await inTransaction(db, async (tx) => {
    const before = await lockManageable(tx, actor, id, input.version);
    if (input.roles) {
      await checkGrants(tx, actor, input.roles);
      await writeRoles(tx, id, input.roles);
    }
    await checkMember(tx, actor, input.memberId);
    await tx.query(
      `UPDATE users SET full_name = COALESCE($2, full_name), email = CASE WHEN $3::boolean THEN $4 ELSE email END,
              is_disabled = COALESCE($5, is_disabled), member_id = CASE WHEN $6::boolean THEN $7 ELSE member_id END,
              version = version + 1, updated_at = now() WHERE id = $1`,
      [
        id,
        input.fullName?.normalize('NFC') ?? null,
        input.email !== undefined,
        input.email || null,
        input.isDisabled ?? null,
        input.memberId !== undefined,
        input.memberId ?? null,
      ],
    );
    if (input.isDisabled || input.roles) await deleteUserSessions(tx, id);
    const firstRole = before.roles[0];
    await recordAudit(tx, actor, {
      action: input.isDisabled ? 'disable' : 'update',
      entity: 'user',
      entityId: id,
      orgId: firstRole?.orgId ?? null,
      orgPath: firstRole?.orgPath ?? null,
      summary: `${input.isDisabled ? 'Khóa' : 'Sửa'} người dùng ${before.username}`,
      before: {
        fullName: before.fullName,
        email: before.email,
        isDisabled: before.isDisabled,
        memberId: before.memberId,
        roles: before.roles.map((r) => ({ orgId: r.orgId, role: r.role })),
      },
      after: { ...input, version: undefined },
    });
  });
  return getUser(db, actor, id);
}

/** Sets a new generated password, ends the user's sessions and returns the password once. */
export async function resetPassword(db: Db, actor: Actor, id: number, version: number) {
  const generated = generatePassword();
  const hash = await hashPassword(generated);
  await inTransaction(db, async (tx) => {
    const user = await lockManageable(tx, actor, id, version);
    await tx.query('UPDATE users SET password_hash = $2, version = version + 1, updated_at = now() WHERE id = $1', [id, hash]);
    await deleteUserSessions(tx, id);
    await recordAudit(tx, actor, {
      action: 'reset_password',
      entity: 'user',
      entityId: id,
      orgId: user.roles[0]?.orgId ?? null,
      orgPath: user.roles[0]?.orgPath ?? null,
      summary: `Đặt lại mật khẩu cho ${user.username}`,
    });
  });
  return { generatedPassword: generated };
}
