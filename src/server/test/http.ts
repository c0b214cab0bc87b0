/**
 * Drives the real app in-process (fastify.inject) as a browser would: cookies, CSRF header,
 * Accept-Language. `loginAs` returns a client bound to that user's session.
 */
import type { LightMyRequestResponse } from 'fastify';
import { buildApp, type App } from '../app';
import type { Db } from '../db/pool';

export type TestClient = {
  request: (method: string, url: string, body?: unknown, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  get: (url: string) => Promise<LightMyRequestResponse>;
  post: (url: string, body?: unknown) => Promise<LightMyRequestResponse>;
  patch: (url: string, body?: unknown) => Promise<LightMyRequestResponse>;
  put: (url: string, body?: unknown) => Promise<LightMyRequestResponse>;
  del: (url: string) => Promise<LightMyRequestResponse>;
};

export async function buildTestApp(db: Db): Promise<{ app: App; routes: Awaited<ReturnType<typeof buildApp>>['routes'] }> {
  return buildApp({ db, webDir: null });
}

function client(app: App, cookie: string, csrf: string): TestClient {
  const request = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: { cookie, 'x-csrf-token': csrf, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      payload: body === undefined ? undefined : Buffer.isBuffer(body) ? body : JSON.stringify(body),
    });
  return {
    request,
    get: (url) => request('GET', url),
    post: (url, body) => request('POST', url, body ?? {}),
    patch: (url, body) => request('PATCH', url, body),
    put: (url, body) => request('PUT', url, body),
    del: (url) => request('DELETE', url),
  };
}

/** An anonymous client holding a pre-session CSRF cookie, as the login page has. */
export async function anonymous(app: App): Promise<TestClient> {
  const res = await app.inject({ method: 'GET', url: '/api/auth/csrf' });
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  return client(app, cookie, res.json().csrfToken);
}

export async function loginAs(app: App, username: string, password: string): Promise<TestClient> {
  const anon = await anonymous(app);
  const res = await anon.post('/api/auth/login', { username, password });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const session = res.cookies.find((c) => c.name === 'resolute_session');
  return client(app, `resolute_session=${session!.value}`, res.json().csrfToken);
}

/** A multipart/form-data body with text fields and one file, as a browser's FormData sends it. */
export function multipartBody(fields: Record<string, string>, file: { field: string; name: string; content: Buffer; type?: string }) {
  const boundary = `----resolute${Date.now().toString(16)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
    ),
  );
  parts.push(file.content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
