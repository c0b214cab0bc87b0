import type { Json } from './browser';

/**
 * A person's own API session from the test process (no browser): logs in with the form's
 * endpoint, keeps the session cookie and CSRF token, and throws on any refusal. Journeys use it
 * to find the records a person may open and to set up what the demo does not have.
 */
export async function apiClient(base: string, username: string, password: string) {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  let cookie = cookiesOf(csrfRes);
  let csrf = ((await csrfRes.json()) as { csrfToken: string }).csrfToken;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
    body: JSON.stringify({ username, password }),
  });
  if (login.status !== 200) throw new Error(`login of ${username}: ${login.status}`);
  cookie = cookiesOf(login);
  csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}/api${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrf, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await res.json().catch(() => null)) as Json;
    if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body: unknown) => call('POST', path, body),
    /** The answer, or null when the person may not see it (a refusal means: no such page for them). */
    tryGet: (path: string): Promise<Json | null> => call('GET', path).catch(() => null),
  };
}
export type Api = Awaited<ReturnType<typeof apiClient>>;

const cookiesOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

/** The first row of a list answer (a page `{ items }` or a plain array), or undefined. */
export const firstOf = (answer: Json | Json[] | null): Json | undefined =>
  Array.isArray(answer) ? (answer[0] as Json | undefined) : (answer?.items as Json[] | undefined)?.[0];

/** The org of the demo named exactly `name`. */
export async function demoOrg(api: Api, name: string): Promise<Json> {
  const hits = (await api.get(`/orgs/search?q=${encodeURIComponent(name)}`)) as unknown as Json[];
  const org = hits.find((o) => o.name === name);
  if (!org) throw new Error(`no org named ${name} in the demo`);
  return org;
}

/**
 * The orgs a journey's people work in, chosen by what they are rather than by name, so that a
 * journey still finds them after the demo's 2025 reorganization ends some orgs (a district,
 * a province that merged): the open province committee with the most members, its open ward
 * (commune committee) with the most members, and the org above that ward (a district before
 * 2025, the province or city after).
 */
export async function demoOrgsByRole(admin: Api): Promise<{ province: Json; approverOrg: Json; ward: Json }> {
  const open = (orgs: Json[]) => orgs.filter((o) => !o.isClosed);
  const largest = (orgs: Json[]) => [...orgs].sort((a, b) => (b.subtreeMemberCount as number) - (a.subtreeMemberCount as number))[0];
  const roots = open((await admin.get('/orgs/tree?includeClosed=false')) as unknown as Json[]);
  const provinces: Json[] = [];
  for (const root of roots)
    provinces.push(...((await admin.get(`/orgs/tree?parentId=${root.id}&includeClosed=false`)) as unknown as Json[]));
  const province = largest(open(provinces).filter((o) => o.kind === 'province_committee'));
  if (!province) throw new Error('the demo has no open province committee');
  const wards = (await admin.get(`/orgs/search?q=${encodeURIComponent('Đảng ủy')}&kind=commune_committee&limit=100`)) as unknown as Json[];
  const ward = largest(open(wards).filter((o) => (o.path as string).startsWith(`${province.path as string}.`)));
  if (!ward) throw new Error(`the demo has no open ward under ${province.name as string}`);
  const approverOrg = await admin.get(`/orgs/${ward.parentId as number}`);
  return { province, approverOrg, ward };
}
