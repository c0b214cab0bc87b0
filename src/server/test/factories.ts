/**
 * Factories with overrides for integration tests: build what a test needs in a line,
 * through the same SQL shapes the services use.
 */
import { randomBytes } from 'node:crypto';
import type { Role } from '../../domain/access/permissions';
import type { Db } from '../db/pool';
import { hashPassword } from '../lib/password';

let seq = 0;
const next = () => `${Date.now().toString(36)}${(seq += 1)}`;

export type TestOrg = { id: number; path: string; code: string; name: string };

export async function buildOrg(db: Db, overrides: Partial<{ parent: TestOrg | null; code: string; name: string; kind: string; id: number }> = {}): Promise<TestOrg> {
  const code = overrides.code ?? `ORG${next()}`;
  const name = overrides.name ?? `Tổ chức ${code}`;
  const parent = overrides.parent ?? null;
  const { rows } = await db.query<{ id: number; path: string }>(
    `WITH n AS (SELECT COALESCE($6::bigint, nextval(pg_get_serial_sequence('orgs', 'id'))) AS id)
     INSERT INTO orgs (id, path, parent_id, code, name, kind) OVERRIDING SYSTEM VALUE
     SELECT n.id, (CASE WHEN $1::text IS NULL THEN n.id::text ELSE $1 || '.' || n.id END)::ltree, $2, $3, $4, $5 FROM n
     RETURNING id, path::text`,
    [parent?.path ?? null, parent?.id ?? null, code, name, overrides.kind ?? (parent ? 'cell' : 'province_committee'), overrides.id ?? null],
  );
  return { ...rows[0]!, code, name };
}

export type TestMember = { id: number; code: string; fullName: string; version: number };

export async function buildMember(db: Db, org: TestOrg, overrides: Partial<{ code: string; fullName: string }> = {}): Promise<TestMember> {
  const code = overrides.code ?? `M${next()}`;
  const fullName = overrides.fullName ?? 'Nguyễn Văn An';
  const given = fullName.split(' ').pop()!;
  const { rows } = await db.query<{ id: number; version: number }>(
    `INSERT INTO members (org_id, code, full_name, given_name, gender) VALUES ($1, $2, $3, $4, 'male') RETURNING id, version`,
    [org.id, code, fullName, given],
  );
  return { ...rows[0]!, code, fullName };
}

// One hash for every test user: scrypt is deliberately slow, and tests make many users.
let sharedHash: Promise<string> | null = null;
export const TEST_PASSWORD = `Test-${randomBytes(6).toString('hex')}`;

export async function buildUser(db: Db, grants: { org: TestOrg; role: Role }[], overrides: Partial<{ username: string; fullName: string }> = {}) {
  sharedHash ??= hashPassword(TEST_PASSWORD);
  const username = overrides.username ?? `user${next()}`;
  const { rows } = await db.query<{ id: number }>(
    'INSERT INTO users (username, full_name, password_hash) VALUES ($1, $2, $3) RETURNING id',
    [username, overrides.fullName ?? `Người dùng ${username}`, await sharedHash],
  );
  for (const g of grants) {
    await db.query('INSERT INTO user_roles (user_id, org_id, role) VALUES ($1, $2, $3)', [rows[0]!.id, g.org.id, g.role]);
  }
  return { id: rows[0]!.id, username, password: TEST_PASSWORD };
}
