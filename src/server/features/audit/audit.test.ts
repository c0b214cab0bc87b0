import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import { buildOrg, buildUser, type TestOrg } from '../../test/factories';
import { buildTestApp, loginAs, type TestClient } from '../../test/http';
import { vnToday } from '../../../domain/vn-time';

let app: App;
let db: Db;
let drop: () => Promise<void>;
let adminDb: () => Db;
let province: TestOrg, ward: TestOrg, cell: TestOrg, otherWard: TestOrg;
let manager: TestClient, otherManager: TestClient;
let managerId: number;

beforeAll(async () => {
  const t = await createTestDb();
  ({ db, drop, adminDb } = t);
  ({ app } = await buildTestApp(db));
  province = await buildOrg(db);
  ward = await buildOrg(db, { parent: province, kind: 'commune_committee' });
  cell = await buildOrg(db, { parent: ward });
  otherWard = await buildOrg(db, { parent: province, kind: 'commune_committee' });
  const m = await buildUser(db, [{ org: ward, role: 'manager' }], { fullName: 'Nguyễn Văn Quản' });
  managerId = m.id;
  manager = await loginAs(app, m.username, m.password);
  const o = await buildUser(db, [{ org: otherWard, role: 'manager' }]);
  otherManager = await loginAs(app, o.username, o.password);
});
afterAll(async () => {
  await app.close();
  await drop();
});

describe('audit log', () => {
  it('records who changed what, from where, before and after, in the same transaction', async () => {
    const created = await manager.post('/api/members', { orgId: cell.id, code: '74.7000001', fullName: 'Trần Thị Lan', gender: 'female' });
    const m = created.json();
    await manager.patch(`/api/members/${m.id}`, { version: m.version, phone: '0911222333' });
    const res = await manager.get(`/api/audit?entity=member&orgId=${ward.id}`);
    expect(res.statusCode).toBe(200);
    const [update, create] = res.json().items;
    expect(update).toMatchObject({
      action: 'update',
      actorId: managerId,
      actorName: 'Nguyễn Văn Quản',
      entity: 'member',
      entityId: String(m.id),
      before: { phone: null },
      after: { phone: '0911222333' },
    });
    expect(update.ip).toBeTruthy();
    expect(create).toMatchObject({ action: 'create', orgName: cell.name });
  });

  it('writes no audit row when the change fails', async () => {
    const before = (await manager.get('/api/audit')).json().total;
    const res = await manager.post('/api/members', { orgId: cell.id, code: '74.7000001', fullName: 'Trùng Mã', gender: 'male' });
    expect(res.statusCode).toBe(409);
    expect((await manager.get('/api/audit')).json().total).toBe(before);
  });

  it('filters by person, entity and date, and shows only the caller’s scope', async () => {
    expect((await manager.get(`/api/audit?actorId=${managerId}`)).json().total).toBeGreaterThan(0);
    expect((await manager.get('/api/audit?entity=org')).json().total).toBe(0);
    // The server filters by Vietnam's calendar: between 17:00 and 24:00 UTC the UTC date is yesterday there.
    const today = vnToday();
    expect((await manager.get(`/api/audit?from=${today}&to=${today}`)).json().total).toBeGreaterThan(0);
    expect((await manager.get('/api/audit?to=2000-01-01')).json().total).toBe(0);
    expect((await otherManager.get('/api/audit')).json().total).toBe(0);
    expect((await otherManager.get(`/api/audit?orgId=${ward.id}`)).statusCode).toBe(404);
  });

  it('counts a change made at 23:30 UTC on the next day of Vietnam’s calendar', async () => {
    // 2026-03-01 23:30 UTC is 06:30 on 2 March in Vietnam.
    await db.query(
      `INSERT INTO audit_log (at, actor_id, actor_name, action, entity, entity_id, org_id, org_path)
       VALUES ('2026-03-01T23:30:00Z', $1, 'Nguyễn Văn Quản', 'update', 'member', 'late', $2, $3::ltree)`,
      [managerId, cell.id, cell.path],
    );
    const on = async (day: string) => (await manager.get(`/api/audit?entity=member&from=${day}&to=${day}`)).json();
    expect((await on('2026-03-02')).items.map((i: { entityId: string }) => i.entityId)).toEqual(['late']);
    expect((await on('2026-03-01')).total).toBe(0);
  });

  it('is append-only', async () => {
    // The app's role may not change history at all; even the owner is stopped by the trigger.
    await expect(db.query('UPDATE audit_log SET actor_name = $1', ['someone else'])).rejects.toThrow(/permission denied/);
    await expect(db.query('DELETE FROM audit_log')).rejects.toThrow(/permission denied/);
    await expect(adminDb().query('UPDATE audit_log SET actor_name = $1', ['someone else'])).rejects.toThrow(/append-only/);
    await expect(adminDb().query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
  });
});
