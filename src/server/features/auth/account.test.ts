import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import { buildMember, buildOrg, buildUser, type TestOrg } from '../../test/factories';
import { anonymous, buildTestApp, loginAs, type TestClient } from '../../test/http';
import { base32Decode, totp } from '../../lib/totp';

let app: App;
let db: Db;
let drop: () => Promise<void>;
let province: TestOrg, ward: TestOrg, otherProvince: TestOrg;
let admin: TestClient;

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
  province = await buildOrg(db);
  ward = await buildOrg(db, { parent: province, kind: 'commune_committee' });
  otherProvince = await buildOrg(db);
  const a = await buildUser(db, [{ org: province, role: 'admin' }]);
  admin = await loginAs(app, a.username, a.password);
});
afterAll(async () => {
  await app.close();
  await drop();
});
beforeEach(async () => {
  // Every injected request comes from one address: keep the per-address count out of the way.
  await db.query(`DELETE FROM login_failures WHERE key LIKE 'ip:%'`);
});

/** A client that logs in through the real form, keeping the cookies a browser keeps (device too). */
async function browser() {
  const csrf = await app.inject({ method: 'GET', url: '/api/auth/csrf' });
  const jar = new Map(csrf.cookies.map((c) => [c.name, c.value]));
  let token = csrf.json().csrfToken as string;
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const request = async (method: string, url: string, body?: unknown) => {
    const res = await app.inject({
      method: method as 'GET',
      url,
      payload: body === undefined ? undefined : JSON.stringify(body),
      headers: { cookie: cookie(), 'x-csrf-token': token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    });
    for (const c of res.cookies) jar.set(c.name, c.value);
    if (url === '/api/auth/login' && res.statusCode === 200) token = res.json().csrfToken;
    return res;
  };
  return {
    request,
    login: (username: string, password: string, totpCode?: string) => request('POST', '/api/auth/login', { username, password, totpCode }),
    jar,
  };
}

describe('login limit', () => {
  it('lets no more than 5 of 60 parallel wrong passwords be tried', async () => {
    const victim = await buildUser(db, [{ org: ward, role: 'viewer' }]);
    const anon = await anonymous(app);
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => anon.post('/api/auth/login', { username: victim.username, password: `guess-${i}` })),
    );
    const tried = answers.filter((r) => r.statusCode === 401).length;
    expect(tried).toBeLessThanOrEqual(5);
    expect(answers.filter((r) => r.statusCode === 429).length).toBe(60 - tried);
    const locked = answers.find((r) => r.statusCode === 429)!.json().error;
    expect(locked.message).toMatch(
      /^Tài khoản tạm khóa vì đăng nhập sai nhiều lần\. Hãy thử lại sau \d\d:\d\d \(giờ Việt Nam\), hoặc nhờ quản trị viên mở khóa\.$/,
    );
    const retryAt = new Date(locked.details.retryAt).getTime();
    expect(retryAt).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect(retryAt).toBeLessThanOrEqual(Date.now() + 15 * 60_000);
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'login_locked' AND entity_id = $1`, [
      String(victim.id),
    ]);
    expect(rows[0].n).toBeGreaterThan(0);
  });

  it('lets an administrator unlock the account; others get 403, 404 or 401', async () => {
    const victim = await buildUser(db, [{ org: ward, role: 'viewer' }]);
    const stranger = await buildUser(db, [{ org: otherProvince, role: 'viewer' }]);
    const anon = await anonymous(app);
    for (let i = 0; i < 6; i += 1) await anon.post('/api/auth/login', { username: victim.username, password: `guess-${i}` });
    expect((await anon.post('/api/auth/login', { username: victim.username, password: victim.password })).statusCode).toBe(429);
    const m = await buildUser(db, [{ org: province, role: 'manager' }]);
    const manager = await loginAs(app, m.username, m.password);
    expect((await manager.post(`/api/users/${victim.id}/unlock`)).statusCode).toBe(403);
    expect((await admin.post(`/api/users/${stranger.id}/unlock`)).statusCode).toBe(404);
    expect((await anon.post(`/api/users/${victim.id}/unlock`)).statusCode).toBe(401);
    expect((await admin.post(`/api/users/abc/unlock`)).statusCode).toBe(400);
    expect((await admin.post(`/api/users/${victim.id}/unlock`)).statusCode).toBe(204);
    expect((await anon.post('/api/auth/login', { username: victim.username, password: victim.password })).statusCode).toBe(200);
  });

  it('does not lock the owner out of a device that logged in before', async () => {
    const owner = await buildUser(db, [{ org: ward, role: 'viewer' }]);
    const laptop = await browser();
    expect((await laptop.login(owner.username, owner.password)).statusCode).toBe(200);
    expect(laptop.jar.get('resolute_device')).toBeTruthy();
    const attacker = await anonymous(app);
    for (let i = 0; i < 8; i += 1) await attacker.post('/api/auth/login', { username: owner.username, password: `guess-${i}` });
    expect((await attacker.post('/api/auth/login', { username: owner.username, password: owner.password })).statusCode).toBe(429);
    expect((await laptop.login(owner.username, owner.password)).statusCode).toBe(200);
    // The device's own wrong passwords are limited too.
    const wrong = [];
    for (let i = 0; i < 6; i += 1) wrong.push((await laptop.login(owner.username, `typo-${i}`)).statusCode);
    expect(wrong).toEqual([401, 401, 401, 401, 401, 429]);
  });
});

describe('passwords', () => {
  it.each(['Vietnam@123', 'MATKHAU123456', 'Password123456', 'qwertyuiop', '1234567890', 'Anhyeuem123456'])(
    'refuses the common password %s in Vietnamese',
    async (pw) => {
      const u = await buildUser(db, [{ org: ward, role: 'viewer' }]);
      const client = await loginAs(app, u.username, u.password);
      const res = await client.post('/api/auth/password', { currentPassword: u.password, newPassword: pw });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.fields[0]).toEqual({
        field: 'body.newPassword',
        message: 'Mật khẩu này quá phổ biến, dễ bị đoán. Hãy chọn mật khẩu khác, ví dụ một câu ngắn dễ nhớ.',
      });
    },
  );

  it('refuses a password that holds the user name', async () => {
    const u = await buildUser(db, [{ org: ward, role: 'viewer' }], { username: 'nguyenvanan' });
    const client = await loginAs(app, u.username, u.password);
    const res = await client.post('/api/auth/password', { currentPassword: u.password, newPassword: 'NguyenVanAn-2026' });
    expect(res.json().error.message).toBe('Mật khẩu không được chứa tên đăng nhập.');
  });
});

async function enrol(client: {
  request: (
    m: string,
    u: string,
    b?: unknown,
  ) => Promise<{ statusCode: number; json: () => { secret: string; uri: string; qrDataUrl: string } }>;
}) {
  const setup = await client.request('POST', '/api/auth/totp/setup', {});
  expect(setup.statusCode).toBe(200);
  const { secret, uri, qrDataUrl } = setup.json();
  expect(uri).toContain(`secret=${secret}`);
  expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
  const now = Date.now() / 1000;
  expect(
    (await client.request('POST', '/api/auth/totp/enable', { code: '000000' === totp(base32Decode(secret), now) ? '111111' : '000000' }))
      .statusCode,
  ).toBe(400);
  expect((await client.request('POST', '/api/auth/totp/enable', { code: totp(base32Decode(secret), now) })).statusCode).toBe(204);
  return secret;
}

describe('two-factor authentication', () => {
  it('asks for the code after enrolment, accepts it once, and refuses a wrong or replayed one', async () => {
    const u = await buildUser(db, [{ org: ward, role: 'manager' }]);
    const b = await browser();
    await b.login(u.username, u.password);
    const secret = await enrol(b);
    const phone = await browser();
    const noCode = await phone.login(u.username, u.password);
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().error).toMatchObject({
      message: 'Hãy nhập mã xác thực 6 số từ ứng dụng trên điện thoại.',
      details: { totpRequired: true },
    });
    expect((await phone.login(u.username, u.password, '123')).statusCode).toBe(401);
    // The code used to enable is spent; the next step's code works once.
    const next = totp(base32Decode(secret), Date.now() / 1000 + 30);
    const ok = await phone.login(u.username, u.password, next);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ totpEnabled: true, mustEnrolTotp: false });
    expect((await (await browser()).login(u.username, u.password, next)).json().error.message).toBe('Mã xác thực không đúng hoặc đã dùng.');
  });

  it('when required by an administrator, a manager must enrol before anything else; a viewer need not', async () => {
    const mgr = await buildUser(db, [{ org: ward, role: 'manager' }]);
    const notAdmin = await loginAs(app, mgr.username, mgr.password);
    expect((await notAdmin.put('/api/auth/settings', { requireTotp: true })).statusCode).toBe(403);
    expect((await admin.put('/api/auth/settings', { requireTotp: true })).json()).toEqual({ requireTotp: true });
    try {
      const m = await buildUser(db, [{ org: ward, role: 'manager' }]);
      const b = await browser();
      const res = await b.login(m.username, m.password);
      expect(res.json().mustEnrolTotp).toBe(true);
      const blocked = await b.request('GET', '/api/members');
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json().error.details).toEqual({ totpEnrolmentRequired: true });
      await enrol(b);
      expect((await b.request('GET', `/api/members?orgId=${ward.id}`)).statusCode).toBe(200);
      const v = await buildUser(db, [{ org: ward, role: 'viewer' }]);
      expect((await (await browser()).login(v.username, v.password)).json().mustEnrolTotp).toBe(false);
    } finally {
      await admin.put('/api/auth/settings', { requireTotp: false });
    }
  });
});

describe('turning off one’s own second factor', () => {
  it('asks for the password and a fresh code, and is refused while required for the role', async () => {
    const u = await buildUser(db, [{ org: ward, role: 'manager' }]);
    const b = await browser();
    await b.login(u.username, u.password);
    expect((await b.request('POST', '/api/auth/totp/disable', { password: u.password, totpCode: '123456' })).statusCode).toBe(409);
    const secret = await enrol(b);
    // The code spent on enrolment, and the next step's code (valid for the next minute or so).
    const {
      rows: [{ step }],
    } = await db.query('SELECT totp_last_step::int AS step FROM users WHERE id = $1', [u.id]);
    const spent = totp(base32Decode(secret), step * 30);
    const fresh = totp(base32Decode(secret), (step + 1) * 30);
    expect((await (await anonymous(app)).post('/api/auth/totp/disable', { password: u.password, totpCode: fresh })).statusCode).toBe(401);
    const invalid = await b.request('POST', '/api/auth/totp/disable', { password: u.password, totpCode: 'abc' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.details.fields[0].field).toBe('body.totpCode');
    expect((await admin.put('/api/auth/settings', { requireTotp: true })).statusCode).toBe(200);
    try {
      const required = await b.request('POST', '/api/auth/totp/disable', { password: u.password, totpCode: fresh });
      expect(required.statusCode).toBe(403);
      expect(required.json().error.message).toBe('Quản trị viên yêu cầu xác thực hai lớp cho vai trò của bạn, nên không thể tắt.');
    } finally {
      await admin.put('/api/auth/settings', { requireTotp: false });
    }
    const wrongPassword = await b.request('POST', '/api/auth/totp/disable', { password: 'not-my-password', totpCode: fresh });
    expect(wrongPassword.json().error.details.fields[0]).toEqual({ field: 'body.password', message: 'Mật khẩu không đúng.' });
    expect(
      (await b.request('POST', '/api/auth/totp/disable', { password: u.password, totpCode: spent })).json().error.details.fields[0].field,
    ).toBe('body.totpCode');
    expect((await b.request('POST', '/api/auth/totp/disable', { password: u.password, totpCode: fresh })).statusCode).toBe(204);
    expect((await b.request('GET', '/api/auth/me')).json().totpEnabled).toBe(false);
    // The next login asks for no code, and the change is in the audit log.
    expect((await (await browser()).login(u.username, u.password)).statusCode).toBe(200);
    const { rows } = await db.query(`SELECT action FROM audit_log WHERE actor_id = $1 AND action LIKE 'totp_%' ORDER BY id`, [u.id]);
    expect(rows.map((r) => r.action)).toEqual(['totp_enabled', 'totp_disabled']);
  });
});

describe('re-authentication', () => {
  it('asks for the password again before granting roles or resetting a password when the login is old', async () => {
    const m = await buildUser(db, [{ org: province, role: 'admin' }]);
    const client = await loginAs(app, m.username, m.password);
    await db.query(`UPDATE sessions SET reauth_at = now() - interval '10 minutes' WHERE user_id = $1`, [m.id]);
    const target = await buildUser(db, [{ org: ward, role: 'viewer' }]);
    const create = await client.post('/api/users', {
      username: `reauth${Date.now()}`,
      fullName: 'Trần Văn Bình',
      roles: [{ orgId: ward.id, role: 'viewer' }],
    });
    expect(create.statusCode).toBe(403);
    expect(create.json().error.details).toEqual({ reauthRequired: true });
    expect((await client.post(`/api/users/${target.id}/reset-password`, { version: 1 })).json().error.details).toEqual({
      reauthRequired: true,
    });
    // Editing a name without roles needs no re-authentication.
    const version = (await client.get(`/api/users/${target.id}`)).json().version;
    expect((await client.patch(`/api/users/${target.id}`, { version, fullName: 'Tên Mới Đây' })).statusCode).toBe(200);
    const wrong = await client.post('/api/auth/reauth', { password: 'wrong-password' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.fields[0].field).toBe('body.password');
    expect((await client.post('/api/auth/reauth', { password: m.password })).statusCode).toBe(204);
    expect(
      (
        await client.post('/api/users', {
          username: `reauth${Date.now()}`,
          fullName: 'Trần Văn Bình',
          roles: [{ orgId: ward.id, role: 'viewer' }],
        })
      ).statusCode,
    ).toBe(201);
  });
});

describe('active sessions', () => {
  it('lists my sessions with device, address and last seen, and ends another one', async () => {
    const u = await buildUser(db, [{ org: ward, role: 'viewer' }]);
    const first = await loginAs(app, u.username, u.password);
    const second = await loginAs(app, u.username, u.password);
    const list = (await second.get('/api/auth/sessions')).json();
    expect(list).toHaveLength(2);
    expect(list.filter((s: { isCurrent: boolean }) => s.isCurrent)).toHaveLength(1);
    expect(list[0]).toEqual({
      id: expect.any(String),
      userAgent: 'lightMyRequest',
      ip: '127.0.0.1',
      createdAt: expect.any(String),
      lastSeenAt: expect.any(String),
      isCurrent: expect.any(Boolean),
    });
    const other = list.find((s: { isCurrent: boolean }) => !s.isCurrent);
    expect((await second.del(`/api/auth/sessions/${other.id}`)).statusCode).toBe(204);
    expect((await first.get('/api/auth/me')).statusCode).toBe(401);
    expect((await second.get('/api/auth/me')).statusCode).toBe(200);
    expect((await second.del(`/api/auth/sessions/${other.id}`)).statusCode).toBe(404);
    expect((await second.del('/api/auth/sessions/not-a-uuid')).statusCode).toBe(400);
    // Another user's session is not mine to end.
    const s = await buildUser(db, [{ org: ward, role: 'viewer' }]);
    const stranger = await loginAs(app, s.username, s.password);
    const mine = (await second.get('/api/auth/sessions')).json()[0].id;
    expect((await stranger.del(`/api/auth/sessions/${mine}`)).statusCode).toBe(404);
    expect((await (await anonymous(app)).get('/api/auth/sessions')).statusCode).toBe(401);
  });

  it('audits logins, failed logins and logouts', async () => {
    const u = await buildUser(db, [{ org: ward, role: 'viewer' }]);
    const anon = await anonymous(app);
    await anon.post('/api/auth/login', { username: u.username, password: 'wrong-one' });
    const client = await loginAs(app, u.username, u.password);
    await client.post('/api/auth/logout');
    const { rows } = await db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity = 'user' AND entity_id = $1 ORDER BY id`,
      [String(u.id)],
    );
    expect(rows.map((r) => r.action)).toEqual(['login_failed', 'login', 'logout']);
  });
});

describe('audit of personal data and refusals', () => {
  const auditRows = async (userId: number, action: string) =>
    (
      await db.query<{ entity: string; summary: string }>(`SELECT entity, summary FROM audit_log WHERE actor_id = $1 AND action = $2`, [
        userId,
        action,
      ])
    ).rows;
  const eventually = async <T>(read: () => Promise<T[]>) => {
    for (let i = 0; i < 50; i += 1) {
      const rows = await read();
      if (rows.length > 0) return rows;
      await new Promise((r) => setTimeout(r, 50));
    }
    return read();
  };

  it('records each member export, and a request refused with 403', async () => {
    const m = await buildUser(db, [{ org: ward, role: 'manager' }]);
    const client = await loginAs(app, m.username, m.password);
    expect((await client.get(`/api/members/export?orgId=${ward.id}`)).statusCode).toBe(200);
    expect(await eventually(() => auditRows(m.id, 'export'))).toEqual([
      { entity: 'members', summary: 'Xuất dữ liệu cá nhân: /api/members/export' },
    ]);
    const v = await buildUser(db, [{ org: ward, role: 'viewer' }]);
    const viewer = await loginAs(app, v.username, v.password);
    expect((await viewer.post('/api/members', { orgId: ward.id, code: 'DENY-1', fullName: 'Lê Văn Cấm', gender: 'male' })).statusCode).toBe(
      403,
    );
    expect(await eventually(() => auditRows(v.id, 'denied'))).toEqual([{ entity: 'request', summary: 'Bị từ chối: POST /api/members' }]);
  });

  it('records a 404 that hid an existing record outside the caller’s orgs, naming it by id only', async () => {
    const v = await buildUser(db, [{ org: ward, role: 'viewer' }]);
    const viewer = await loginAs(app, v.username, v.password);
    const stranger = await buildMember(db, otherProvince, { fullName: 'Trần Thị Ngoài Phạm Vi' });
    const mine = await buildMember(db, ward);
    expect((await viewer.get(`/api/members/${stranger.id}`)).statusCode).toBe(404);
    expect((await viewer.get(`/api/members?orgId=${otherProvince.id}`)).statusCode).toBe(404);
    // Unknown ids are typos, not refusals; and a record inside the caller's org is never one.
    expect((await viewer.get('/api/members/987654321')).statusCode).toBe(404);
    expect((await viewer.get(`/api/members/${mine.id}/nothing-here`)).statusCode).toBe(404);
    const rows = await eventually(async () => {
      const r = (
        await db.query<{
          entity: string;
          entity_id: string;
          org_id: string;
          org_path: string;
          summary: string;
          before: unknown;
          after: unknown;
        }>(
          `SELECT entity, entity_id, org_id::text, org_path::text, summary, before, after FROM audit_log WHERE actor_id = $1 AND action = 'denied' ORDER BY id`,
          [v.id],
        )
      ).rows;
      return r.length >= 2 ? r : [];
    });
    expect(rows).toEqual([
      {
        entity: 'member',
        entity_id: String(stranger.id),
        org_id: String(otherProvince.id),
        org_path: otherProvince.path,
        summary: 'Ngoài phạm vi (404): GET /api/members/:id',
        before: null,
        after: null,
      },
      {
        entity: 'org',
        entity_id: String(otherProvince.id),
        org_id: String(otherProvince.id),
        org_path: otherProvince.path,
        summary: 'Ngoài phạm vi (404): GET /api/members',
        before: null,
        after: null,
      },
    ]);
    expect(JSON.stringify(rows)).not.toContain('Ngoài Phạm Vi');
  });
});
