/**
 * Every role against every kind of route, inside the caller's subtree and just outside it.
 * The table says what each role may do; the test walks it for a record in scope, and checks
 * that a record in a sibling subtree whose path shares the caller's digits answers 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles, type Role } from '../domain/access/permissions';
import type { App } from './app';
import type { Db } from './db/pool';
import { createTestDb } from './test/db';
import { buildMember, buildOrg, buildUser, type TestMember, type TestOrg } from './test/factories';
import { buildTestApp, loginAs, type TestClient } from './test/http';

let app: App;
let db: Db;
let drop: () => Promise<void>;
let ward: TestOrg, cell: TestOrg, trapCell: TestOrg;
let member: TestMember, trapMember: TestMember;
const clients = new Map<Role, TestClient>();

beforeAll(async () => {
  const t = await createTestDb();
  ({ db, drop } = t);
  ({ app } = await buildTestApp(db));
  const province = await buildOrg(db, { id: 7001 });
  ward = await buildOrg(db, { id: 7002, parent: province, kind: 'commune_committee' });
  const trapWard = await buildOrg(db, { id: 70021, parent: province, kind: 'commune_committee' });
  cell = await buildOrg(db, { parent: ward });
  trapCell = await buildOrg(db, { parent: trapWard });
  member = await buildMember(db, cell);
  trapMember = await buildMember(db, trapCell);
  for (const role of roles) {
    const u = await buildUser(db, [{ org: ward, role }]);
    clients.set(role, await loginAs(app, u.username, u.password));
  }
});
afterAll(async () => {
  await app.close();
  await drop();
});

type Check = {
  name: string;
  allowed: Role[];
  call: (c: TestClient, target: { org: TestOrg; member: TestMember }) => Promise<{ statusCode: number }>;
};
const checks: Check[] = [
  {
    name: 'read an org',
    allowed: ['admin', 'manager', 'reporter', 'approver', 'inspector', 'viewer'],
    call: (c, t) => c.get(`/api/orgs/${t.org.id}`),
  },
  {
    name: 'rename an org',
    allowed: ['admin', 'manager'],
    call: (c, t) => c.patch(`/api/orgs/${t.org.id}`, { version: 999, name: 'Tên mới hợp lệ' }),
  },
  {
    name: 'read a member',
    allowed: ['admin', 'manager', 'reporter', 'approver', 'inspector', 'viewer'],
    call: (c, t) => c.get(`/api/members/${t.member.id}`),
  },
  {
    name: 'edit a member',
    allowed: ['admin', 'manager'],
    call: (c, t) => c.patch(`/api/members/${t.member.id}`, { version: 999, phone: '0912345678' }),
  },
  {
    name: 'list members of the org',
    allowed: ['admin', 'manager', 'reporter', 'approver', 'inspector', 'viewer'],
    call: (c, t) => c.get(`/api/members?orgId=${t.org.id}`),
  },
  {
    name: 'read the audit log of the org',
    allowed: ['admin', 'manager', 'inspector'],
    call: (c, t) => c.get(`/api/audit?orgId=${t.org.id}`),
  },
  { name: 'list users of the org', allowed: ['admin', 'manager'], call: (c, t) => c.get(`/api/users?orgId=${t.org.id}`) },
];

describe.each(checks)('$name', ({ allowed, call }) => {
  it.each([...roles])('as %s: allowed in the subtree, 403 without the permission', async (role) => {
    const res = await call(clients.get(role)!, { org: cell, member });
    if (allowed.includes(role)) {
      // 409 is a stale version: the write passed the permission and scope checks.
      expect([200, 409]).toContain(res.statusCode);
    } else {
      expect(res.statusCode).toBe(403);
    }
  });

  it.each(allowed)('as %s: 404 for the same record just outside the subtree', async (role) => {
    const res = await call(clients.get(role)!, { org: trapCell, member: trapMember });
    expect(res.statusCode).toBe(404);
  });
});
