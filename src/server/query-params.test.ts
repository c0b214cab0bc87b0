import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import type { App, RouteEntry } from './app';
import type { Db } from './db/pool';
import { createTestDb } from './test/db';
import { buildOrg, buildUser, type TestOrg } from './test/factories';
import { buildTestApp, loginAs, type TestClient } from './test/http';
import { queryBoolean, queryId, queryInt } from '../contracts/query-params';

let app: App;
let db: Db;
let drop: () => Promise<void>;
let routes: RouteEntry[];
let admin: TestClient;
let province: TestOrg;

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app, routes } = await buildTestApp(db));
  province = await buildOrg(db, { name: 'Tỉnh ủy thử' });
  const a = await buildUser(db, [{ org: province, role: 'admin' }]);
  admin = await loginAs(app, a.username, a.password);
});
afterAll(async () => {
  await app.close();
  await drop();
});

type Shape = Record<string, ZodType>;
const shapeOf = (schema: unknown): Shape | null =>
  schema && typeof schema === 'object' && 'shape' in schema ? (schema as { shape: Shape }).shape : null;

/** Every query parameter of the API that reads as a boolean: its text "false" parses to a boolean. */
function booleanParams() {
  const found: { method: string; url: string; name: string; field: ZodType }[] = [];
  for (const r of routes) {
    const shape = shapeOf(r.schema?.querystring);
    if (!shape || !r.url.startsWith('/api')) continue;
    for (const [name, field] of Object.entries(shape)) {
      const parsed = field.safeParse('false');
      if (parsed.success && typeof parsed.data === 'boolean') {
        for (const m of [r.method].flat()) if (m !== 'HEAD') found.push({ method: m, url: r.url, name, field });
      }
    }
  }
  return found;
}

describe('query parameter parsers', () => {
  it('read booleans from true/false/1/0 only', () => {
    const b = queryBoolean();
    expect(['true', '1', 'false', '0'].map((v) => b.parse(v))).toEqual([true, true, false, false]);
    for (const v of ['', 'yes', 'FALSE ', 'no', '2']) expect(b.safeParse(v).success).toBe(false);
  });

  it('read whole numbers and ids from digits only', () => {
    expect(queryInt().parse('-12')).toBe(-12);
    for (const v of ['', ' ', '1e3', '1.5', 'abc']) expect(queryInt().safeParse(v).success).toBe(false);
    expect(queryId().parse('42')).toBe(42);
    expect(queryId().safeParse('0').success).toBe(false);
  });
});

describe('every numeric path and query parameter of the API', () => {
  it('reads digits only: "1e3", " " and "" are refused, never read as 1000 or 0', () => {
    const found: string[] = [];
    for (const r of routes) {
      if (!r.url.startsWith('/api')) continue;
      for (const part of ['params', 'querystring'] as const) {
        for (const [name, field] of Object.entries(shapeOf(r.schema?.[part]) ?? {})) {
          const seven = field.safeParse('7');
          if (!seven.success || typeof seven.data !== 'number') continue;
          const at = `${r.method} ${r.url} ${part}.${name}`;
          found.push(at);
          for (const bad of ['1e3', ' ', '', '0x10', '7.5']) expect(field.safeParse(bad).success, `${at} = "${bad}"`).toBe(false);
        }
      }
    }
    expect(found.length).toBeGreaterThan(100);
  });
});

describe('every boolean query parameter of the API', () => {
  it('is found by walking the route table', () => {
    const names = booleanParams().map((p) => `${p.method} ${p.url} ${p.name}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'POST /api/documents/:id/import commit',
        'GET /api/orgs/tree includeClosed',
        'GET /api/documents subtree',
        'GET /api/documents latest',
        'GET /api/members nonState',
      ]),
    );
  });

  it('reads "false" and "0" as false, "true" and "1" as true, and refuses anything else', () => {
    for (const { method, url, name, field } of booleanParams()) {
      const at = `${method} ${url} ?${name}`;
      expect(field.parse('false'), at).toBe(false);
      expect(field.parse('0'), at).toBe(false);
      expect(field.parse('true'), at).toBe(true);
      expect(field.parse('1'), at).toBe(true);
      expect(field.safeParse('maybe').success, at).toBe(false);
    }
  });

  it('answers 400 on the field to a value that is not a boolean, and accepts false, over HTTP', async () => {
    for (const { method, url, name } of booleanParams()) {
      const path = url.replace(/:[a-zA-Z]+/g, '999999999');
      const bad = await admin.request(method, `${path}?${name}=maybe`);
      expect(bad.statusCode, `${method} ${path}?${name}=maybe`).toBe(400);
      expect(bad.json().error.details.fields.map((f: { field: string }) => f.field)).toContain(`querystring.${name}`);
      const ok = await admin.request(method, `${path}?${name}=false`);
      const fields = ok.statusCode === 400 ? (ok.json().error.details?.fields ?? []) : [];
      expect(
        fields.map((f: { field: string }) => f.field),
        `${method} ${path}?${name}=false`,
      ).not.toContain(`querystring.${name}`);
    }
  });

  it('includeClosed=false hides closed orgs; includeClosed=true shows them', async () => {
    const open = await buildOrg(db, { parent: province, name: 'Chi bộ đang hoạt động' });
    const closed = await buildOrg(db, { parent: province, name: 'Chi bộ đã giải thể' });
    await db.query(`UPDATE orgs SET valid_from = current_date - 60, valid_to = current_date - 30 WHERE id = $1`, [closed.id]);
    const ids = async (flag: string) =>
      (await admin.get(`/api/orgs/tree?parentId=${province.id}&includeClosed=${flag}`)).json().map((o: { id: number }) => o.id);
    expect(await ids('false')).toEqual([open.id]);
    expect(await ids('0')).toEqual([open.id]);
    expect((await ids('true')).sort()).toEqual([open.id, closed.id].sort());
  });

  it('latest=false lists earlier versions too', async () => {
    const doc = await admin.post('/api/documents', { orgId: province.id, kind: 'plan', term: '2020-2025', title: 'Kế hoạch có hai bản' });
    expect(doc.statusCode, doc.body).toBe(201);
    await db.query(`UPDATE documents SET status = 'amended' WHERE id = $1`, [doc.json().id]);
    const count = async (flag: string) => (await admin.get(`/api/documents?orgId=${province.id}&latest=${flag}`)).json().total;
    expect(await count('true')).toBe(0);
    expect(await count('false')).toBe(1);
  });
});
