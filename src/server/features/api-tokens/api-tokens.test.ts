import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnToday } from '../../../domain/vn-time';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import { buildMember, buildOrg, buildUser, type TestMember, type TestOrg } from '../../test/factories';
import { anonymous, buildTestApp, loginAs, type TestClient } from '../../test/http';

let app: App;
let db: Db;
let drop: () => Promise<void>;
let province: TestOrg, ward: TestOrg, otherWard: TestOrg, otherProvince: TestOrg;
let inWard: TestMember, inOtherWard: TestMember;
let admin: TestClient;

const nextMonth = () => {
  const d = new Date(`${vnToday()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 30);
  return d.toISOString().slice(0, 10);
};

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
  province = await buildOrg(db);
  ward = await buildOrg(db, { parent: province, kind: 'commune_committee' });
  otherWard = await buildOrg(db, { parent: province, kind: 'commune_committee' });
  otherProvince = await buildOrg(db);
  inWard = await buildMember(db, ward, { fullName: 'Nguyễn Văn Trong Phạm Vi' });
  inOtherWard = await buildMember(db, otherWard, { fullName: 'Lê Thị Ngoài Phạm Vi' });
  const a = await buildUser(db, [{ org: province, role: 'admin' }]);
  admin = await loginAs(app, a.username, a.password);
});
afterAll(async () => {
  await app.close();
  await drop();
});

/** A request as another system makes it: the bearer header only, no cookie, no CSRF token. */
const asSystem = (token: string, method: string, url: string, body?: unknown) =>
  app.inject({
    method: method as 'GET',
    url,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    payload: body === undefined ? undefined : JSON.stringify(body),
  });

async function issue(access: 'read' | 'write', org: TestOrg = ward, systemName = 'Kho dữ liệu tỉnh') {
  const res = await admin.post('/api/api-tokens', { systemName, orgId: org.id, access, expiresOn: nextMonth() });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: number; token: string; tokenPrefix: string; status: string };
}

describe('API tokens', () => {
  it('are issued by an administrator, shown once and stored as a sha256 only', async () => {
    const issued = await issue('read');
    expect(issued.token).toMatch(/^rsl_[A-Za-z0-9_-]{43}$/);
    expect(issued).toMatchObject({
      status: 'active',
      tokenPrefix: issued.token.slice(0, 10),
      access: 'read',
      orgId: ward.id,
      systemName: 'Kho dữ liệu tỉnh',
    });
    const list = await admin.get('/api/api-tokens');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(issued.token);
    expect(list.json().find((t: { id: number }) => t.id === issued.id)).toMatchObject({
      status: 'active',
      tokenPrefix: issued.tokenPrefix,
    });
    const { rows } = await db.query<{ token_hash: Buffer }>('SELECT token_hash FROM api_tokens WHERE id = $1', [issued.id]);
    expect(rows[0]!.token_hash.equals(createHash('sha256').update(issued.token).digest())).toBe(true);
    const { rows: audit } = await db.query(`SELECT action, summary FROM audit_log WHERE entity = 'api_token' AND entity_id = $1`, [
      String(issued.id),
    ]);
    expect(audit).toEqual([{ action: 'create', summary: 'Cấp mã truy cập API (chỉ đọc) cho Kho dữ liệu tỉnh' }]);
  });

  it('answers 400, 401, 403 and 404 when issuing as it should', async () => {
    const invalid = await admin.post('/api/api-tokens', { systemName: '', orgId: ward.id, access: 'read', expiresOn: nextMonth() });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.details.fields[0].field).toBe('body.systemName');
    const past = await admin.post('/api/api-tokens', { systemName: 'Cũ', orgId: ward.id, access: 'read', expiresOn: '2020-01-01' });
    expect(past.json().error.details.fields[0].field).toBe('body.expiresOn');
    expect(
      (await (await anonymous(app)).post('/api/api-tokens', { systemName: 'X', orgId: ward.id, access: 'read', expiresOn: nextMonth() }))
        .statusCode,
    ).toBe(401);
    const m = await buildUser(db, [{ org: province, role: 'manager' }]);
    const manager = await loginAs(app, m.username, m.password);
    expect(
      (await manager.post('/api/api-tokens', { systemName: 'X', orgId: ward.id, access: 'read', expiresOn: nextMonth() })).statusCode,
    ).toBe(403);
    expect((await manager.get('/api/api-tokens')).statusCode).toBe(403);
    expect(
      (await admin.post('/api/api-tokens', { systemName: 'X', orgId: otherProvince.id, access: 'read', expiresOn: nextMonth() }))
        .statusCode,
    ).toBe(404);
  });

  it('read: reads the subtree without CSRF, 404 outside it, 403 on a write or on accounts', async () => {
    const { token } = await issue('read');
    const list = await asSystem(token, 'GET', `/api/members?orgId=${ward.id}`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(inWard.fullName);
    expect((await asSystem(token, 'GET', `/api/members/${inWard.id}`)).statusCode).toBe(200);
    expect((await asSystem(token, 'GET', `/api/members/${inOtherWard.id}`)).statusCode).toBe(404);
    expect((await asSystem(token, 'GET', `/api/members?orgId=${otherWard.id}`)).statusCode).toBe(404);
    const write = await asSystem(token, 'POST', '/api/members', {
      orgId: ward.id,
      code: 'API-R-1',
      fullName: 'Phạm Văn Ghi',
      gender: 'male',
    });
    expect(write.statusCode).toBe(403);
    expect((await asSystem(token, 'GET', '/api/users')).statusCode).toBe(403);
    expect((await asSystem(token, 'GET', '/api/auth/me')).statusCode).toBe(403);
    expect((await asSystem('rsl_not-a-token', 'GET', `/api/members?orgId=${ward.id}`)).statusCode).toBe(401);
  });

  it('read-write: writes in the subtree like a manager, audited as the system; 404 outside it', async () => {
    const { id, token } = await issue('write', ward, 'Hệ thống báo cáo cấp trên');
    const cell = await buildOrg(db, { parent: ward });
    const otherCell = await buildOrg(db, { parent: otherWard });
    const created = await asSystem(token, 'POST', '/api/members', {
      orgId: cell.id,
      code: 'API-W-1',
      fullName: 'Phạm Văn Ghi',
      gender: 'male',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(
      (await asSystem(token, 'POST', '/api/members', { orgId: otherCell.id, code: 'API-W-2', fullName: 'Phạm Văn Ngoài', gender: 'male' }))
        .statusCode,
    ).toBe(404);
    const { rows } = await db.query<{ actor_name: string; n: number }>(
      `SELECT a.actor_name, count(*)::int AS n FROM audit_log a JOIN api_tokens t ON t.user_id = a.actor_id
        WHERE t.id = $1 AND a.action = 'create' AND a.entity = 'member' GROUP BY a.actor_name`,
      [id],
    );
    expect(rows).toEqual([{ actor_name: 'Hệ thống ngoài: Hệ thống báo cáo cấp trên', n: 1 }]);
  });

  it('notes each use cheaply: last used time, and one audit row per token per day', async () => {
    const { id, token } = await issue('read');
    await Promise.all(Array.from({ length: 5 }, () => asSystem(token, 'GET', `/api/members?orgId=${ward.id}`)));
    await asSystem(token, 'GET', `/api/orgs/${ward.id}`);
    const { rows } = await db.query(
      `SELECT action, summary FROM audit_log WHERE entity = 'api_token' AND entity_id = $1 AND action = 'api_use'`,
      [String(id)],
    );
    expect(rows).toEqual([{ action: 'api_use', summary: `Mã truy cập API được dùng trong ngày ${vnToday()}: Kho dữ liệu tỉnh` }]);
    const list = (await admin.get('/api/api-tokens')).json();
    expect(list.find((t: { id: number }) => t.id === id).lastUsedAt).not.toBeNull();
  });

  it('expired or revoked: 401 with the reason', async () => {
    const expired = await issue('read');
    await db.query(`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`, [expired.id]);
    const late = await asSystem(expired.token, 'GET', `/api/members?orgId=${ward.id}`);
    expect(late.statusCode).toBe(401);
    expect(late.json().error.message).toBe('Mã truy cập API đã hết hạn.');
    const revoked = await issue('write');
    expect((await asSystem(revoked.token, 'GET', `/api/members?orgId=${ward.id}`)).statusCode).toBe(200);
    const res = await admin.post(`/api/api-tokens/${revoked.id}/revoke`);
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('revoked');
    const after = await asSystem(revoked.token, 'GET', `/api/members?orgId=${ward.id}`);
    expect(after.statusCode).toBe(401);
    expect(after.json().error.message).toBe('Mã truy cập API đã bị thu hồi.');
    expect((await admin.post('/api/api-tokens/987654321/revoke')).statusCode).toBe(404);
  });

  it('are described in the OpenAPI document as bearer authentication', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toContainEqual({ bearer: [] });
  });
});
