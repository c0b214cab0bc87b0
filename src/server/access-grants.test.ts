/**
 * Accounts hold to the granter's own rights: a member linked to an account lies in the
 * granter's scope, a grant never exceeds the granter's roles, only an administrator manages a
 * peer manager, and the person who submitted a report does not approve it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../domain/access/permissions';
import type { App } from './app';
import type { Db } from './db/pool';
import { createTestDb } from './test/db';
import { buildDocument, buildMember, buildOrg, buildReport, buildUser, type TestMember, type TestOrg } from './test/factories';
import { buildTestApp, loginAs, type TestClient } from './test/http';

let app: App;
let db: Db;
let drop: () => Promise<void>;
let province: TestOrg, city: TestOrg, ward: TestOrg, cell: TestOrg, otherWard: TestOrg;
let ownMember: TestMember, foreignMember: TestMember;
let admin: TestClient, wardManager: TestClient, cityManager: TestClient;
let seq = 0;

const login = async (grants: { org: TestOrg; role: Role }[]) => {
  const u = await buildUser(db, grants);
  return { ...u, client: await loginAs(app, u.username, u.password) };
};
const versionOf = async (id: number) =>
  (await db.query<{ version: number }>('SELECT version FROM users WHERE id = $1', [id])).rows[0]!.version;
const newUser = (client: TestClient, roles: { orgId: number; role: Role }[], extra: Record<string, unknown> = {}) =>
  client.post('/api/users', { username: `tk.grant${(seq += 1)}`, fullName: 'Người Dùng Thử', roles, ...extra });

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
  province = await buildOrg(db, { name: 'Tỉnh ủy thử quyền' });
  city = await buildOrg(db, { parent: province, name: 'Thành ủy thử quyền', kind: 'district_committee' });
  ward = await buildOrg(db, { parent: city, id: 990004, name: 'Đảng ủy phường Bốn', kind: 'commune_committee' });
  otherWard = await buildOrg(db, { parent: city, id: 9900041, name: 'Đảng ủy phường Bốn Mốt', kind: 'commune_committee' });
  cell = await buildOrg(db, { parent: ward, name: 'Chi bộ Bốn' });
  ownMember = await buildMember(db, cell, { fullName: 'Vũ Văn Trong' });
  foreignMember = await buildMember(db, await buildOrg(db, { parent: otherWard }), { fullName: 'Đinh Thị Ngoài' });
  admin = (await login([{ org: province, role: 'admin' }])).client;
  wardManager = (await login([{ org: ward, role: 'manager' }])).client;
  cityManager = (await login([{ org: city, role: 'manager' }])).client;
});
afterAll(async () => {
  await app.close();
  await drop();
});

describe('linking an account to a member', () => {
  it('answers 404 for a member outside the scope, on create and on edit', async () => {
    expect((await newUser(wardManager, [{ orgId: cell.id, role: 'member' }], { memberId: foreignMember.id })).statusCode).toBe(404);
    const { rows } = await db.query('SELECT count(*)::int AS n FROM users WHERE member_id = $1', [foreignMember.id]);
    expect(rows[0].n).toBe(0);
    const ok = await newUser(wardManager, [{ orgId: cell.id, role: 'member' }], { memberId: ownMember.id });
    expect(ok.statusCode).toBe(201);
    const id = ok.json().user.id as number;
    const edit = await wardManager.patch(`/api/users/${id}`, { version: await versionOf(id), memberId: foreignMember.id });
    expect(edit.statusCode).toBe(404);
    expect((await db.query('SELECT member_id FROM users WHERE id = $1', [id])).rows[0].member_id).toBe(ownMember.id);
  });
});

describe('grants never exceed the granter’s roles', () => {
  it.each(['approver', 'inspector', 'admin'] as const)('refuses a manager granting %s they do not hold', async (role) => {
    const res = await newUser(wardManager, [{ orgId: cell.id, role }]);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('chính mình có');
  });

  it('lets a manager grant what they hold, and approver where they are approver too', async () => {
    expect((await newUser(wardManager, [{ orgId: cell.id, role: 'reporter' }])).statusCode).toBe(201);
    const both = (
      await login([
        { org: ward, role: 'manager' },
        { org: ward, role: 'approver' },
      ])
    ).client;
    expect((await newUser(both, [{ orgId: cell.id, role: 'approver' }])).statusCode).toBe(201);
    expect((await newUser(both, [{ orgId: otherWard.id, role: 'viewer' }])).statusCode).toBe(404);
  });

  it('refuses raising an existing user to a role the manager lacks', async () => {
    const u = await buildUser(db, [{ org: cell, role: 'viewer' }]);
    const res = await wardManager.patch(`/api/users/${u.id}`, {
      version: await versionOf(u.id),
      roles: [{ orgId: cell.id, role: 'inspector' }],
    });
    expect(res.statusCode).toBe(403);
  });

  it('makes a manager only below one’s own org: a peer is an administrator’s', async () => {
    expect((await newUser(wardManager, [{ orgId: ward.id, role: 'manager' }])).statusCode).toBe(403);
    expect((await newUser(wardManager, [{ orgId: cell.id, role: 'manager' }])).statusCode).toBe(201);
  });
});

describe('password resets', () => {
  it('refuses a manager resetting a peer manager’s password; an administrator may', async () => {
    const peer = await buildUser(db, [{ org: ward, role: 'manager' }]);
    const res = await wardManager.post(`/api/users/${peer.id}/reset-password`, { version: await versionOf(peer.id) });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('quản trị hệ thống');
    expect((await admin.post(`/api/users/${peer.id}/reset-password`, { version: await versionOf(peer.id) })).statusCode).toBe(200);
    // The manager of the city above manages the ward's manager.
    expect((await cityManager.post(`/api/users/${peer.id}/reset-password`, { version: await versionOf(peer.id) })).statusCode).toBe(200);
  });

  it('refuses a user holding a role the manager lacks, and lets the reporter’s be reset', async () => {
    const approver = await buildUser(db, [
      { org: ward, role: 'reporter' },
      { org: cell, role: 'approver' },
    ]);
    expect((await wardManager.post(`/api/users/${approver.id}/reset-password`, { version: await versionOf(approver.id) })).statusCode).toBe(
      403,
    );
    const reporter = await buildUser(db, [{ org: cell, role: 'reporter' }]);
    const ok = await wardManager.post(`/api/users/${reporter.id}/reset-password`, { version: await versionOf(reporter.id) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().generatedPassword).toEqual(expect.any(String));
  });

  it('shows the edit ability by the same rule', async () => {
    const peer = await buildUser(db, [{ org: ward, role: 'manager' }]);
    expect((await wardManager.get(`/api/users/${peer.id}`)).json().abilities.update).toBe(false);
    expect((await cityManager.get(`/api/users/${peer.id}`)).json().abilities.update).toBe(true);
  });
});

describe('separation of duties on reports', () => {
  it('refuses the submitter approving their own report, in Vietnamese, and lets another approver', async () => {
    const doc = await buildDocument(db, ward, { kind: 'plan', title: 'Kế hoạch thử phân quyền' });
    const { id } = await buildReport(db, doc, ward, { narrative: 'Báo cáo thử' });
    // One person holding both roles: reporter of the ward, approver of the city above it.
    const both = (
      await login([
        { org: ward, role: 'reporter' },
        { org: city, role: 'approver' },
      ])
    ).client;
    const other = (await login([{ org: city, role: 'approver' }])).client;
    const sub = await both.post(`/api/reports/${id}/submit`, { version: 1, idempotencyKey: 'sod-submit-0001' });
    expect(sub.statusCode).toBe(200);
    const self = await both.post(`/api/reports/${id}/approve`, { version: sub.json().version, idempotencyKey: 'sod-approve-0001' });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.message).toContain('người gửi và người duyệt một báo cáo phải là hai người khác nhau');
    expect((await db.query('SELECT status FROM reports WHERE id = $1', [id])).rows[0].status).toBe('submitted');
    const ok = await other.post(`/api/reports/${id}/approve`, { version: sub.json().version, idempotencyKey: 'sod-approve-0002' });
    expect(ok.statusCode).toBe(200);
  });
});
