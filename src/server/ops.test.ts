/**
 * What an operator and a browser see of the HTTP layer: caching and HSTS headers, the
 * out-of-space answer, and structured logs that hold no secrets and no personal data.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from './app';
import type { Db } from './db/pool';
import { resetStorageState } from './features/health/storage-state';
import { createTestDb } from './test/db';
import { buildOrg, buildUser, TEST_PASSWORD } from './test/factories';
import { anonymous } from './test/http';

let db: Db;
let drop: () => Promise<void>;
/** The owner's connection: the app role may not create functions (a stand-in failure needs one). */
let adminDb: () => Db;
let app: App;
let proxied: App;
const logLines: string[] = [];
const logStream = new Writable({
  write(chunk, _enc, done) {
    logLines.push(...String(chunk).split('\n').filter(Boolean));
    done();
  },
});

beforeAll(async () => {
  ({ db, drop, adminDb } = await createTestDb());
  ({ app } = await buildApp({ db, webDir: null, logger: { level: 'info', stream: logStream } }));
  ({ app: proxied } = await buildApp({ db, webDir: null, trustProxy: true }));
});
afterAll(async () => {
  await app.close();
  await proxied.close();
  await drop();
});

describe('HTTP headers', () => {
  it('forbids caching API answers', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['cache-control']).toBe('no-store');
    const missing = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['cache-control']).toBe('no-store');
  });

  it('sends HSTS only over HTTPS, never over plain HTTP', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/health' })).headers['strict-transport-security']).toBeUndefined();
    // A proxy that is not trusted cannot claim HTTPS.
    const spoofed = await app.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' } });
    expect(spoofed.headers['strict-transport-security']).toBeUndefined();
    const behindTls = await proxied.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' } });
    expect(behindTls.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });
});

describe('disk full', () => {
  it('answers in Vietnamese that the server is out of space, reports it in health, and logs an error line without secrets', async () => {
    resetStorageState();
    const org = await buildOrg(db);
    const user = await buildUser(db, [{ org, role: 'admin' }], { fullName: 'Trần Thị Bí Mật' });
    // PostgreSQL's own disk_full error (53100), raised where the login writes its session.
    await adminDb().query(`CREATE FUNCTION test_disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; END $$`);
    await adminDb().query('CREATE TRIGGER test_disk_full BEFORE INSERT ON sessions FOR EACH ROW EXECUTE FUNCTION test_disk_full()');
    try {
      const anon = await anonymous(app);
      const res = await anon.request(
        'POST',
        '/api/auth/login',
        { username: user.username, password: TEST_PASSWORD },
        {
          authorization: 'Bearer secret-bearer-token',
        },
      );
      expect(res.statusCode).toBe(507);
      expect(res.json().error.code).toBe('out_of_space');
      expect(res.json().error.message).toMatch(/hết dung lượng/);
      const en = await anon.request(
        'POST',
        '/api/auth/login',
        { username: user.username, password: TEST_PASSWORD },
        { 'accept-language': 'en' },
      );
      expect(en.json().error.message).toMatch(/out of storage space/);

      const health = await app.inject({ method: 'GET', url: '/api/health' });
      expect(health.statusCode).toBe(503);
      expect(health.json()).toEqual({ status: 'degraded', database: 'ok', storage: 'full' });

      const errors = logLines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.level === 50);
      expect(errors.some((l) => l.msg === 'out of storage space' && (l.err as { code: string }).code === '53100')).toBe(true);
      const all = logLines.join('\n');
      expect(all).not.toContain(TEST_PASSWORD);
      expect(all).not.toContain('secret-bearer-token');
      expect(all).not.toContain(user.username);
      expect(all).not.toContain('Bí Mật');
      expect(all).not.toMatch(/resolute_csrf=|resolute_session=/);
    } finally {
      await adminDb().query('DROP TRIGGER test_disk_full ON sessions; DROP FUNCTION test_disk_full()');
      resetStorageState();
    }
  });

  it('logs request lines by route pattern, without the query string', async () => {
    logLines.length = 0;
    await app.inject({ method: 'GET', url: '/api/members?q=Nguy%E1%BB%85n%20V%C4%83n%20Kh%C3%A1ch' });
    const lines = logLines.map((l) => JSON.parse(l) as { req?: { route: string } });
    expect(lines.some((l) => l.req?.route === '/api/members')).toBe(true);
    expect(logLines.join('\n')).not.toMatch(/Nguy|Kh%C3%A1ch|q=/);
  });
});
