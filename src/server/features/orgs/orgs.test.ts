import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import { buildMember, buildOrg, buildUser, type TestOrg } from '../../test/factories';
import { anonymous, buildTestApp, loginAs, type TestClient } from '../../test/http';

let app: App;
let db: Db;
let drop: () => Promise<void>;
let province: TestOrg, city: TestOrg, ward: TestOrg, wardCell: TestOrg, otherWard: TestOrg;
let admin: TestClient, manager: TestClient, viewer: TestClient;

beforeAll(async () => {
  const t = await createTestDb();
  ({ db, drop } = t);
  ({ app } = await buildTestApp(db));
  // Ids chosen for the path-prefix trap: ward 9002 ('9001.9002') and 90023 ('9001.90023').
  province = await buildOrg(db, { id: 9001, name: 'Tỉnh ủy Bình Dương', code: 'T-BD' });
  ward = await buildOrg(db, { id: 9002, parent: province, name: 'Đảng ủy phường Tân Đông Hiệp', kind: 'commune_committee' });
  otherWard = await buildOrg(db, { id: 90023, parent: province, name: 'Đảng ủy phường Đông Hòa', kind: 'commune_committee' });
  city = await buildOrg(db, { parent: province, name: 'Đảng ủy Khối Các cơ quan và doanh nghiệp tỉnh', kind: 'bloc_committee' });
  wardCell = await buildOrg(db, { parent: ward, name: 'Chi bộ Khu phố 1' });
  await buildMember(db, wardCell);
  const a = await buildUser(db, [{ org: province, role: 'admin' }]);
  admin = await loginAs(app, a.username, a.password);
  const m = await buildUser(db, [{ org: ward, role: 'manager' }]);
  manager = await loginAs(app, m.username, m.password);
  const v = await buildUser(db, [{ org: ward, role: 'viewer' }]);
  viewer = await loginAs(app, v.username, v.password);
});
afterAll(async () => {
  await app.close();
  await drop();
});

describe('browsing the tree', () => {
  it('starts at the roots of the caller’s scope', async () => {
    const res = await manager.get('/api/orgs/tree');
    expect(res.statusCode).toBe(200);
    expect(res.json().map((o: { id: number }) => o.id)).toEqual([ward.id]);
  });

  it('shows own and subtree member counts and child counts', async () => {
    const res = await admin.get(`/api/orgs/tree?parentId=${province.id}`);
    const w = res.json().find((o: { id: number }) => o.id === ward.id);
    expect(w).toMatchObject({ memberCount: 0, subtreeMemberCount: 1, childCount: 1 });
  });

  it('finds an org by a search without diacritics', async () => {
    const res = await admin.get(`/api/orgs/search?q=${encodeURIComponent('dang uy khoi')}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()[0]).toMatchObject({ id: city.id, pathNames: ['Tỉnh ủy Bình Dương'] });
    const upper = await admin.get(`/api/orgs/search?q=${encodeURIComponent('TAN DONG HIEP')}`);
    expect(upper.json()[0].id).toBe(ward.id);
  });

  it('keeps search inside the scope', async () => {
    const res = await manager.get(`/api/orgs/search?q=${encodeURIComponent('phuong')}`);
    expect(res.json().map((o: { id: number }) => o.id)).toEqual([ward.id]);
  });
});

describe('scope is a subtree', () => {
  it('answers 404 for an org whose path merely starts with the same digits (9001.9002 vs 9001.90023)', async () => {
    expect((await manager.get(`/api/orgs/${ward.id}`)).statusCode).toBe(200);
    expect((await manager.get(`/api/orgs/${wardCell.id}`)).statusCode).toBe(200);
    expect((await manager.get(`/api/orgs/${otherWard.id}`)).statusCode).toBe(404);
    expect((await manager.get(`/api/orgs/tree?parentId=${otherWard.id}`)).statusCode).toBe(404);
    expect((await manager.patch(`/api/orgs/${otherWard.id}`, { version: 1, name: 'Đổi tên' })).statusCode).toBe(404);
  });

  it('answers 404 for the parent above the caller’s subtree', async () => {
    expect((await manager.get(`/api/orgs/${province.id}`)).statusCode).toBe(404);
  });

  it('answers 403 to a viewer who tries to change an org they can see', async () => {
    const res = await viewer.patch(`/api/orgs/${ward.id}`, { version: 1, name: 'Đổi tên' });
    expect(res.statusCode).toBe(403);
  });

  it('answers 401 without a session', async () => {
    const anon = await anonymous(app);
    expect((await anon.get(`/api/orgs/${ward.id}`)).statusCode).toBe(401);
  });
});

describe('changing orgs', () => {
  it('creates a child, validating the input with field messages', async () => {
    const bad = await manager.post('/api/orgs', { parentId: ward.id, code: 'có dấu', name: 'X', kind: 'cell' });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['body.code', 'body.name']));
    const res = await manager.post('/api/orgs', { parentId: ward.id, code: 'P-TDH-KP2', name: 'Chi bộ Khu phố 2', kind: 'cell' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: 'Chi bộ Khu phố 2', ancestors: [{ id: province.id }, { id: ward.id }] });
    const dup = await manager.post('/api/orgs', { parentId: ward.id, code: 'p-tdh-kp2', name: 'Chi bộ trùng mã', kind: 'cell' });
    expect(dup.statusCode).toBe(409);
  });

  it('refuses to create an org outside the scope', async () => {
    const res = await manager.post('/api/orgs', { parentId: otherWard.id, code: 'OUT-1', name: 'Chi bộ ngoài phạm vi', kind: 'cell' });
    expect(res.statusCode).toBe(404);
  });

  it('renames with the version and answers 409 to a stale write', async () => {
    const org = (await manager.get(`/api/orgs/${wardCell.id}`)).json();
    const first = await manager.patch(`/api/orgs/${wardCell.id}`, { version: org.version, name: 'Chi bộ Khu phố 1A' });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(org.version + 1);
    const stale = await manager.patch(`/api/orgs/${wardCell.id}`, { version: org.version, name: 'Chi bộ Khu phố 1B' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
  });

  it('lets only one of two concurrent edits with the same version win', async () => {
    const org = (await admin.get(`/api/orgs/${city.id}`)).json();
    const results = await Promise.all(
      ['Tên A', 'Tên B', 'Tên C'].map((name) =>
        admin.patch(`/api/orgs/${city.id}`, { version: org.version, name: `Đảng ủy Khối ${name}` }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
  });

  it('moves an org with its subtree, and refuses a move under itself', async () => {
    const cell = (await admin.post('/api/orgs', { parentId: ward.id, code: 'MOVE-1', name: 'Chi bộ chuyển', kind: 'cell' })).json();
    const into = await admin.post(`/api/orgs/${ward.id}/move`, {
      version: (await admin.get(`/api/orgs/${ward.id}`)).json().version,
      newParentId: cell.id,
    });
    expect(into.statusCode).toBe(409);
    const moved = await admin.post(`/api/orgs/${cell.id}/move`, { version: cell.version, newParentId: otherWard.id });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().path).toBe(`9001.90023.${cell.id}`);
    // A ward manager no longer sees it.
    expect((await manager.get(`/api/orgs/${cell.id}`)).statusCode).toBe(404);
  });

  it('does not delete an org with members, says why, and closes it instead', async () => {
    const detail = (await manager.get(`/api/orgs/${wardCell.id}`)).json();
    expect(detail.deleteBlockedReason).toMatch(/1 đảng viên/);
    expect(detail.abilities.delete).toBe(false);
    const res = await manager.del(`/api/orgs/${wardCell.id}?version=${detail.version}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/Không thể xóa vì tổ chức còn 1 đảng viên/);
    const early = await manager.post(`/api/orgs/${wardCell.id}/close`, { version: detail.version, validTo: '1999-01-01' });
    expect(early.statusCode).toBe(400);
    const closed = await manager.post(`/api/orgs/${wardCell.id}/close`, { version: detail.version, validTo: '2030-12-31' });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().validTo).toBe('2030-12-31');
  });

  it('deletes an empty org', async () => {
    const cell = (await manager.post('/api/orgs', { parentId: ward.id, code: 'DEL-1', name: 'Chi bộ tạm', kind: 'cell' })).json();
    expect((await manager.del(`/api/orgs/${cell.id}?version=${cell.version}`)).statusCode).toBe(204);
    expect((await manager.get(`/api/orgs/${cell.id}`)).statusCode).toBe(404);
  });

  it('saves a committee with positions', async () => {
    const res = await manager.put(`/api/orgs/${ward.id}/committees`, {
      role: 'standing',
      term: '2020-2025',
      size: 5,
      people: [
        { fullName: 'Trần Văn Nam', position: 'secretary' },
        { fullName: 'Võ Văn Minh', position: 'deputy_secretary' },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().committees[0]).toMatchObject({
      role: 'standing',
      size: 5,
      people: [{ fullName: 'Trần Văn Nam', position: 'secretary' }, { position: 'deputy_secretary' }],
    });
  });
});
