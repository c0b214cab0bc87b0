import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import { buildOrg, buildUser } from '../../test/factories';
import { anonymous, buildTestApp, loginAs } from '../../test/http';
import { buildApp } from '../../app';

let app: App;
let db: Db;
let drop: () => Promise<void>;
let user: { id: number; username: string; password: string };

beforeAll(async () => {
  const t = await createTestDb();
  ({ db, drop } = t);
  ({ app } = await buildTestApp(db));
  const root = await buildOrg(db);
  user = await buildUser(db, [{ org: root, role: 'viewer' }]);
});
afterAll(async () => {
  await app.close();
  await drop();
});

describe('login', () => {
  it('opens a session with an HttpOnly, SameSite cookie and a fresh id each time', async () => {
    const anon = await anonymous(app);
    const first = await anon.post('/api/auth/login', { username: user.username, password: user.password });
    const second = await anon.post('/api/auth/login', { username: user.username, password: user.password });
    expect(first.statusCode).toBe(200);
    const c1 = first.cookies.find((c) => c.name === 'resolute_session')!;
    const c2 = second.cookies.find((c) => c.name === 'resolute_session')!;
    expect(c1.httpOnly).toBe(true);
    expect(c1.sameSite).toBe('Strict');
    expect(c1.secure).toBeFalsy();
    expect(c1.value).not.toBe(c2.value);
    expect(first.json()).toMatchObject({ username: user.username, grants: [{ role: 'viewer' }] });
  });

  it('marks the cookie Secure when served over HTTPS behind a proxy', async () => {
    const { app: proxied } = await buildApp({ db, webDir: null, trustProxy: true });
    const csrf = await proxied.inject({ method: 'GET', url: '/api/auth/csrf' });
    const res = await proxied.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: {
        'x-forwarded-proto': 'https',
        cookie: `resolute_csrf=${csrf.json().csrfToken}`,
        'x-csrf-token': csrf.json().csrfToken,
        'content-type': 'application/json',
      },
      payload: JSON.stringify({ username: user.username, password: user.password }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.cookies.find((c) => c.name === 'resolute_session')!.secure).toBe(true);
    await proxied.close();
  });

  it('answers a wrong password with one message in Vietnamese', async () => {
    const anon = await anonymous(app);
    const res = await anon.post('/api/auth/login', { username: user.username, password: 'wrong-password' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toEqual({ code: 'unauthenticated', message: 'Tên đăng nhập hoặc mật khẩu không đúng.', details: null });
  });

  it('answers in English when the client asks for it', async () => {
    const anon = await anonymous(app);
    const res = await anon.request('POST', '/api/auth/login', { username: 'nobody', password: 'x' }, { 'accept-language': 'en' });
    expect(res.json().error.message).toBe('Wrong user name or password.');
  });

  it('rejects a login without the CSRF token', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: user.password } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf_failed');
  });

  it('rate-limits failed logins per account', async () => {
    const root = await buildOrg(db);
    const victim = await buildUser(db, [{ org: root, role: 'viewer' }]);
    const anon = await anonymous(app);
    for (let i = 0; i < 5; i += 1) {
      expect((await anon.post('/api/auth/login', { username: victim.username, password: `guess-${i}` })).statusCode).toBe(401);
    }
    // Even the right password waits now: the attacker must not learn that it is right.
    const blocked = await anon.post('/api/auth/login', { username: victim.username, password: victim.password });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.message).toMatch(
      /^Tài khoản tạm khóa vì đăng nhập sai nhiều lần\. Hãy thử lại sau \d\d:\d\d \(giờ Việt Nam\)/,
    );
  });

  it('rate-limits failed logins per address across accounts', async () => {
    const anon = await anonymous(app);
    const attempts = [];
    // Every injected request comes from the same address; earlier tests' failures count too.
    await db.query('DELETE FROM login_failures');
    for (let i = 0; i < 21; i += 1)
      attempts.push((await anon.post('/api/auth/login', { username: `ghost${i}`, password: 'x' })).statusCode);
    expect(attempts.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(attempts[20]).toBe(429);
    await db.query('DELETE FROM login_failures');
  }, 120_000);
});

describe('sessions', () => {
  it('refuses a state-changing request with a stale CSRF token', async () => {
    const client = await loginAs(app, user.username, user.password);
    const res = await client.request('PUT', '/api/auth/locale', { locale: 'en' }, { 'x-csrf-token': 'forged' });
    expect(res.statusCode).toBe(403);
  });

  it('ends the session at logout', async () => {
    const client = await loginAs(app, user.username, user.password);
    expect((await client.get('/api/auth/me')).statusCode).toBe(200);
    expect((await client.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('ends a session idle for 30 minutes', async () => {
    const client = await loginAs(app, user.username, user.password);
    await db.query(`UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE user_id = $1`, [user.id]);
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('ends a session 12 hours after login even when active', async () => {
    const client = await loginAs(app, user.username, user.password);
    await db.query(`UPDATE sessions SET created_at = now() - interval '12 hours 1 minute' WHERE user_id = $1`, [user.id]);
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('answers 401 to an anonymous caller before validating the body', async () => {
    const anon = await anonymous(app);
    const res = await anon.post('/api/orgs', { nonsense: true });
    expect(res.statusCode).toBe(401);
  });

  it('remembers the interface language', async () => {
    const client = await loginAs(app, user.username, user.password);
    expect((await client.put('/api/auth/locale', { locale: 'en' })).statusCode).toBe(204);
    expect((await client.get('/api/auth/me')).json().locale).toBe('en');
  });

  it('changes the password, checks the current one and ends every session', async () => {
    const root = await buildOrg(db);
    const u = await buildUser(db, [{ org: root, role: 'viewer' }]);
    const client = await loginAs(app, u.username, u.password);
    const wrong = await client.post('/api/auth/password', { currentPassword: 'nope', newPassword: 'a-new-password-1' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.fields[0].field).toBe('body.currentPassword');
    const short = await client.post('/api/auth/password', { currentPassword: u.password, newPassword: 'short' });
    expect(short.statusCode).toBe(400);
    expect((await client.post('/api/auth/password', { currentPassword: u.password, newPassword: 'a-new-password-1' })).statusCode).toBe(
      204,
    );
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
    await loginAs(app, u.username, 'a-new-password-1');
  });
});
