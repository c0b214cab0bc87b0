import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app';
import type { Db } from '../db/pool';
import { createTestDb } from '../test/db';
import { buildOrg, buildUser, type TestOrg } from '../test/factories';
import { anonymous, buildTestApp, loginAs, multipartBody, type TestClient } from '../test/http';
import { safeFileName } from './upload';
import { stripInvisible } from './text-guard';

let app: App;
let db: Db;
let drop: () => Promise<void>;
let ward: TestOrg, cell: TestOrg;
let manager: TestClient;

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
  const province = await buildOrg(db);
  ward = await buildOrg(db, { parent: province, kind: 'commune_committee' });
  cell = await buildOrg(db, { parent: ward });
  const m = await buildUser(db, [{ org: ward, role: 'manager' }]);
  manager = await loginAs(app, m.username, m.password);
});
afterAll(async () => {
  await app.close();
  await drop();
});

describe('a NUL byte anywhere in a request', () => {
  it.each([
    ['GET', '/api/members?q=An%00'],
    ['GET', '/api/users?q=%00'],
    ['GET', '/api/orgs/search?q=ph%00'],
    ['GET', '/api/documents/search?q=x%00y'],
  ])('answers 400 with a message for %s %s, never 500', async (method, url) => {
    const res = await manager.request(method, url);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation_failed', message: 'Dữ liệu gửi lên có ký tự không hợp lệ (NUL).' });
    expect(res.json().error.details.fields[0].field).toBe('querystring.q');
  });

  it('answers 400 for a NUL in the login name, naming the field', async () => {
    const anon = await anonymous(app);
    const res = await anon.post('/api/auth/login', { username: 'admin\u0000', password: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields).toEqual([{ field: 'body.username', message: 'Dữ liệu gửi lên có ký tự không hợp lệ (NUL).' }]);
  });

  it('answers 400 for a NUL in a body string, a path parameter and a multipart field', async () => {
    const body = await manager.post('/api/members', { orgId: ward.id, code: 'NUL-0001', fullName: 'Nguyễn\u0000 Văn An', gender: 'male' });
    expect(body.statusCode).toBe(400);
    expect(body.json().error.details.fields[0].field).toBe('body.fullName');
    const param = await manager.get('/api/members/1%00');
    expect(param.statusCode).toBe(400);
    const { body: form, contentType } = multipartBody(
      { orgId: `${ward.id}\u0000` },
      { field: 'file', name: 'a.xlsx', content: Buffer.from('x') },
    );
    const multipart = await manager.request('POST', '/api/members/import/preview', form, { 'content-type': contentType });
    expect(multipart.statusCode).toBe(400);
    expect(multipart.json().error.details.fields[0].field).toBe('body.orgId');
  });
});

describe('invisible characters in names', () => {
  it('strips zero-width and direction-override characters from a name before it is stored', async () => {
    const res = await manager.post('/api/members', {
      orgId: cell.id,
      code: 'ZW-0001',
      fullName: 'Nguy\u200Bễn Văn \u202EnA\u202C\uFEFF',
      gender: 'male',
    });
    expect(res.statusCode, res.body).toBe(201);
    const { rows } = await db.query<{ full_name: string }>(`SELECT full_name FROM members WHERE code = 'ZW-0001'`);
    expect(rows[0]!.full_name).toBe('Nguyễn Văn Na');
  });

  it('keeps Vietnamese letters and ordinary punctuation', () => {
    expect(stripInvisible('Đỗ Thị Ước (Bí thư) – 74.1')).toBe('Đỗ Thị Ước (Bí thư) – 74.1');
  });

  it('makes an uploaded file name safe: no folders, controls or direction overrides', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('bao-cao\u202Excod.pdf')).toBe('bao-caoxcod.pdf');
    expect(safeFileName('a\r\nb".pdf')).toBe('ab.pdf');
    expect(safeFileName('...')).toBe('tep');
    expect(safeFileName(`${'x'.repeat(300)}.docx`)).toHaveLength(120);
  });
});
