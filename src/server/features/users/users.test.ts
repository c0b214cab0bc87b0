import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import { buildOrg, buildUser, type TestOrg } from '../../test/factories';
import { buildTestApp, loginAs, type TestClient } from '../../test/http';

let app: App;
let db: Db;
let drop: () => Promise<void>;
let province: TestOrg, ward: TestOrg, otherWard: TestOrg;
let admin: TestClient, manager: TestClient;

beforeAll(async () => {
  const t = await createTestDb();
  ({ db, drop } = t);
  ({ app } = await buildTestApp(db));
  province = await buildOrg(db);
  ward = await buildOrg(db, { parent: province, kind: 'commune_committee' });
  otherWard = await buildOrg(db, { parent: province, kind: 'commune_committee' });
  const a = await buildUser(db, [{ org: province, role: 'admin' }]);
  admin = await loginAs(app, a.username, a.password);
  const m = await buildUser(db, [{ org: ward, role: 'manager' }]);
  manager = await loginAs(app, m.username, m.password);
});
afterAll(async () => {
  await app.close();
  await drop();
});

describe('users', () => {
  it('creates a user with a generated password shown once, who can then log in', async () => {
    const res = await manager.post('/api/users', {
      username: 'bt.kp1',
      fullName: 'Lê Thị Hạnh',
      roles: [{ orgId: ward.id, role: 'reporter' }],
    });
    expect(res.statusCode).toBe(201);
    const { user, generatedPassword } = res.json();
    expect(generatedPassword).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(user.roles).toEqual([{ orgId: ward.id, orgName: ward.name, orgCode: ward.code, role: 'reporter' }]);
    const client = await loginAs(app, 'bt.kp1', generatedPassword);
    expect((await client.get('/api/auth/me')).json().fullName).toBe('Lê Thị Hạnh');
    const { rows } = await db.query('SELECT password_hash FROM users WHERE username = $1', ['bt.kp1']);
    expect(rows[0].password_hash).toMatch(/^scrypt\$/);
  });

  it('refuses a taken user name and bad input with field messages', async () => {
    const dup = await manager.post('/api/users', {
      username: 'BT.KP1',
      fullName: 'Trùng Tên',
      roles: [{ orgId: ward.id, role: 'viewer' }],
    });
    expect(dup.statusCode).toBe(409);
    const bad = await manager.post('/api/users', { username: 'có dấu', fullName: 'A', roles: [] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: { field: string }) => f.field)).toEqual(
      expect.arrayContaining(['body.username', 'body.fullName', 'body.roles']),
    );
  });

  it('refuses a common password typed for a new user, and one holding the user name', async () => {
    const common = await manager.post('/api/users', {
      username: 'bt.common',
      fullName: 'Mật Khẩu Yếu',
      password: 'Vietnam@123',
      roles: [{ orgId: ward.id, role: 'viewer' }],
    });
    expect(common.statusCode).toBe(400);
    expect(common.json().error.details.fields).toEqual([{ field: 'body.password', message: expect.stringContaining('quá phổ biến') }]);
    const named = await manager.post('/api/users', {
      username: 'bt.named',
      fullName: 'Chứa Tên',
      password: 'bt.named-2026-xuan',
      roles: [{ orgId: ward.id, role: 'viewer' }],
    });
    expect(named.statusCode).toBe(400);
    const { rows } = await db.query('SELECT count(*)::int AS n FROM users WHERE username IN ($1, $2)', ['bt.common', 'bt.named']);
    expect(rows[0].n).toBe(0);
  });

  it('lets a manager grant roles only inside the subtree and never admin', async () => {
    expect(
      (await manager.post('/api/users', { username: 'x.out', fullName: 'Ngoài Phạm Vi', roles: [{ orgId: otherWard.id, role: 'viewer' }] }))
        .statusCode,
    ).toBe(404);
    expect(
      (await manager.post('/api/users', { username: 'x.admin', fullName: 'Quản Trị Giả', roles: [{ orgId: ward.id, role: 'admin' }] }))
        .statusCode,
    ).toBe(403);
  });

  it('lists only users with roles in the scope', async () => {
    const outside = await buildUser(db, [{ org: otherWard, role: 'viewer' }]);
    const names = (await manager.get('/api/users?pageSize=200')).json().items.map((u: { username: string }) => u.username);
    expect(names).not.toContain(outside.username);
    expect((await manager.get(`/api/users/${outside.id}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/users/${outside.id}`)).statusCode).toBe(200);
  });

  it('ends every session of a user who is disabled', async () => {
    const u = await buildUser(db, [{ org: ward, role: 'viewer' }]);
    const client = await loginAs(app, u.username, u.password);
    const current = (await manager.get(`/api/users/${u.id}`)).json();
    const res = await manager.patch(`/api/users/${u.id}`, { version: current.version, isDisabled: true });
    expect(res.statusCode).toBe(200);
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
    const anon = await loginAs(app, u.username, u.password).catch((e: Error) => e);
    expect(anon).toBeInstanceOf(Error);
    const stale = await manager.patch(`/api/users/${u.id}`, { version: current.version, isDisabled: false });
    expect(stale.statusCode).toBe(409);
  });

  it('resets a password and ends the sessions', async () => {
    const u = await buildUser(db, [{ org: ward, role: 'viewer' }]);
    const client = await loginAs(app, u.username, u.password);
    const current = (await manager.get(`/api/users/${u.id}`)).json();
    const res = await manager.post(`/api/users/${u.id}/reset-password`, { version: current.version });
    expect(res.statusCode).toBe(200);
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
    await loginAs(app, u.username, res.json().generatedPassword);
  });
});
