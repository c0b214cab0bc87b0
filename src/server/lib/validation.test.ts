import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app';
import type { Db } from '../db/pool';
import { createTestDb } from '../test/db';
import { buildOrg, buildUser } from '../test/factories';
import { buildTestApp, loginAs, type TestClient } from '../test/http';

let app: App;
let db: Db;
let drop: () => Promise<void>;
let manager: TestClient;

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
  const ward = await buildOrg(db, { kind: 'commune_committee' });
  const m = await buildUser(db, [{ org: ward, role: 'manager' }]);
  manager = await loginAs(app, m.username, m.password);
});
afterAll(async () => {
  await app.close();
  await drop();
});

type Field = { field: string; message: string };
const fieldsOf = async (lang: string, url: string) =>
  (await manager.request('GET', url, undefined, { 'accept-language': lang })).json().error.details.fields as Field[];

describe('validation messages', () => {
  it('are Vietnamese by default', async () => {
    const fields = await fieldsOf('vi', '/api/members?sort=tuoi&pageSize=abc');
    const sort = fields.find((f) => f.field === 'querystring.sort')!;
    expect(sort.message).toMatch(/không hợp lệ/);
    expect(sort.message).not.toMatch(/Invalid/);
    expect(fields.find((f) => f.field === 'querystring.pageSize')!.message).toMatch(/mong đợi số/);
  });

  it('are English for a request in English', async () => {
    const fields = await fieldsOf('en-US,en;q=0.9', '/api/members?sort=tuoi&pageSize=abc');
    expect(fields.find((f) => f.field === 'querystring.sort')!.message).toMatch(/^Invalid option/);
    expect(fields.find((f) => f.field === 'querystring.pageSize')!.message).toMatch(/expected number/);
  });

  it('keep a message written on the schema', async () => {
    const res = await manager.request(
      'POST',
      '/api/documents',
      { orgId: 1, kind: 'plan', term: '2020', title: 'Kế hoạch' },
      { 'accept-language': 'en' },
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields).toContainEqual({ field: 'body.term', message: 'Nhiệm kỳ có dạng 2020-2025' });
  });
});
