import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './app';
import { createTestDb } from './test/db';
import { buildTestApp } from './test/http';

let app: App;
let routes: Awaited<ReturnType<typeof buildTestApp>>['routes'];
let drop: () => Promise<void>;

beforeAll(async () => {
  const t = await createTestDb();
  drop = t.drop;
  ({ app, routes } = await buildTestApp(t.db));
});
afterAll(async () => {
  await app.close();
  await drop();
});

describe('route table', () => {
  it('has a declared access on every API route', () => {
    // The API reference (/api/docs/*) is the swagger-ui plugin's static pages: public by nature.
    const api = routes.filter((r) => r.url.startsWith('/api') && !r.url.startsWith('/api/docs'));
    expect(api.length).toBeGreaterThan(20);
    const missing = api.filter((r) => !r.access).map((r) => `${String(r.method)} ${r.url}`);
    expect(missing).toEqual([]);
  });
});

describe('health and API reference', () => {
  it('answers ok when the database is up', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: 'ok', storage: 'ok' });
  });

  it('serves an OpenAPI 3.1 document generated from the route schemas', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/orgs/{id}']).toBeDefined();
    expect(doc.paths['/api/members'].get.parameters.some((p: { name: string }) => p.name === 'pageSize')).toBe(true);
  });

  it('serves the browsable reference', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('swagger');
  });

  it('answers unknown API paths with the one error shape', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/nothing-here', headers: { 'accept-language': 'vi' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not_found', message: 'Không tìm thấy.', details: null } });
  });
});
