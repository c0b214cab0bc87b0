/**
 * The one way the web app talks to the API: same-origin cookies, the CSRF header on every
 * write, the chosen language in Accept-Language, and the API's error shape turned into ApiError.
 */

export type Locale = 'vi' | 'en';
export type FieldError = { field: string; message: string };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
  }

  get isVersionConflict(): boolean {
    return this.code === 'version_conflict';
  }

  /** Field errors from a 400, as `{ field: 'body.fullName', message }`. */
  get fields(): FieldError[] {
    const d = this.details as { fields?: unknown } | null;
    if (!d || !Array.isArray(d.fields)) return [];
    return d.fields.filter((f): f is FieldError => typeof f === 'object' && f !== null && typeof (f as FieldError).field === 'string');
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;
type RequestOptions = { query?: Query; body?: unknown; form?: FormData; signal?: AbortSignal; asFile?: boolean };

let csrfToken: string | null = null;
let locale: Locale = 'vi';
let onUnauthenticated: (() => void) | null = null;
let onReauthRequired: (() => Promise<boolean>) | null = null;

export function setCsrfToken(token: string | null) {
  csrfToken = token;
}
export function setApiLocale(next: Locale) {
  locale = next;
}
/** Called when a request made with a session gets 401: the session ended elsewhere. */
export function setUnauthenticatedHandler(handler: (() => void) | null) {
  onUnauthenticated = handler;
}

/**
 * Called when the server asks the user to prove who they are again before a sensitive change
 * (403 with `details.reauthRequired`): resolves true once they did, and the request is retried.
 */
export function setReauthHandler(handler: (() => Promise<boolean>) | null) {
  onReauthRequired = handler;
}

/** `?a=1&b=x` from the defined, non-empty values; '' when there are none. */
export function toQueryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

async function ensureCsrf(): Promise<string> {
  if (csrfToken) return csrfToken;
  const res = await fetch('/api/auth/csrf', { credentials: 'same-origin', headers: { 'Accept-Language': locale } });
  const data = (await res.json()) as { csrfToken: string };
  csrfToken = data.csrfToken;
  return csrfToken;
}

async function send(method: string, path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { 'Accept-Language': locale, Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.form) body = opts.form;
  else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (method !== 'GET' && method !== 'HEAD') headers['x-csrf-token'] = await ensureCsrf();
  return fetch(`/api${path}${toQueryString(opts.query)}`, {
    method,
    headers,
    body,
    credentials: 'same-origin',
    signal: opts.signal,
  });
}

async function toError(res: Response): Promise<ApiError> {
  try {
    const data = (await res.json()) as { error?: { code?: string; message?: string; details?: unknown } };
    if (data.error) {
      return new ApiError(res.status, data.error.code ?? 'internal', data.error.message ?? res.statusText, data.error.details ?? null);
    }
  } catch {
    // Not our JSON (a proxy's page): fall through to a generic error.
  }
  const message = locale === 'vi' ? 'Không kết nối được với máy chủ. Vui lòng thử lại.' : 'Could not reach the server. Please try again.';
  return new ApiError(res.status, res.status === 401 ? 'unauthenticated' : 'internal', message, null);
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  let res: Response;
  try {
    res = await send(method, path, opts);
    if (res.status === 403 && method !== 'GET') {
      const err = await toError(res.clone());
      if (err.code === 'csrf_failed') {
        // The token went stale (a new session, a server restart): fetch a fresh one once.
        csrfToken = null;
        res = await send(method, path, opts);
      } else if ((err.details as { reauthRequired?: boolean } | null)?.reauthRequired && onReauthRequired && (await onReauthRequired())) {
        res = await send(method, path, opts);
      }
    }
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    const message = locale === 'vi' ? 'Không kết nối được với máy chủ. Vui lòng thử lại.' : 'Could not reach the server. Please try again.';
    throw new ApiError(0, 'network', message, null);
  }
  if (!res.ok) {
    const err = await toError(res);
    if (res.status === 401 && path !== '/auth/me' && path !== '/auth/login') onUnauthenticated?.();
    throw err;
  }
  if (res.status === 204) return undefined as T;
  if (opts.asFile) return (await res.blob()) as T;
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('application/json')) return undefined as T;
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body: body ?? {} }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body: body ?? {} }),
  delete: <T>(path: string, query?: Query) => request<T>('DELETE', path, { query }),
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, { form }),
  /** A file the server builds from a body (a template pre-filled from a form). */
  postForFile: (path: string, body: unknown) => request<Blob>('POST', path, { body, asFile: true }),
};

/** Hands a file the page received to the browser's download, under `name`. */
export function saveFile(file: Blob, name: string) {
  const url = URL.createObjectURL(file);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  // The click has handed the file over; the next task may let it go.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The URL of a GET download (export, template); the browser sends the session cookie. */
export function downloadUrl(path: string, query?: Query): string {
  return `/api${path}${toQueryString(query)}`;
}

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
