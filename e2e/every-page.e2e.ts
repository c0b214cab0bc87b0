import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer } from '../src/server/test/app-server';
import { homeOf, type NavUser } from '../src/web/app/navigation';
import { launchBrowser, logIn, screenshot } from './support/browser';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Five people of the demo on a phone (390 px): the administrator, a provincial leader, a city
 * approver, a ward reporter and a party member. Each lands on its home, which fits the screen
 * (no sideways scroll), has an h1 and shows no raw key, code or English word; the menu opens
 * as a drawer. With RESOLUTE_AXE=1 each page also gets an axe-core scan that fails on serious
 * or critical violations. A screenshot of each page is saved.
 */

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/**
 * The axe-core scan takes 10–15 s a page on the shared 2-core machine, too slow for every run;
 * RESOLUTE_AXE=1 turns it on (it fails on serious or critical violations).
 */
const RUN_AXE = process.env.RESOLUTE_AXE === '1';
const WIDTHS = [{ width: 390, height: 844 }] as const;

/** Strings that look like a key or a code: snake_case words and dotted keys (`a.resubmit`). */
const KEY_LIKE = /\b[a-z]+(?:_[a-z]+)+\b|\b[a-z]{1,12}\.[a-z][A-Za-z_]{2,}\b/g;
/** English words that must not appear on a Vietnamese page. */
const ENGLISH = [
  'Loading',
  'Submit',
  'Cancel',
  'Overdue',
  'Dashboard',
  'Reports',
  'Organization',
  'undefined',
  'null',
  'NaN',
  'created',
  'updated',
  'Import',
  'Export',
];
/** Parts of the page whose text is data people typed or file names, not interface. */
const DATA_SELECTORS = ['.ant-select-selection-item', 'input', 'textarea', '[data-raw]'];

async function apiClient(base: string, username: string, password: string) {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  let cookie = csrfRes.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  let csrf = ((await csrfRes.json()) as { csrfToken: string }).csrfToken;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
    body: JSON.stringify({ username, password }),
  });
  if (login.status !== 200) throw new Error(`login ${login.status}`);
  cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
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
  return { get: (p: string) => call('GET', p), post: (p: string, b: unknown) => call('POST', p, b) };
}

type Person = { name: string; username: string; password: string; user: NavUser; extra: string[] };

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
const people: Person[] = [];

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const admin = await apiClient(server.url, 'admin', server.adminPassword);
  const org = async (q: string) =>
    ((await admin.get(`/orgs/search?q=${encodeURIComponent(q)}`)) as Json[]).find((o) => o.name === q) as Json;
  const province = await org('Tỉnh ủy Bình Dương');
  const city = await org('Thành ủy Dĩ An');
  const ward = await org('Đảng ủy phường Dĩ An');
  const members = (await admin.get(`/members?orgId=${ward.id}&pageSize=1`)) as Json;
  const member = members.items[0] as Json;
  const password = 'Mat-khau-thu-2025';
  const make = async (username: string, fullName: string, role: string, o: Json, memberId?: number) => {
    await admin.post('/users', { username, fullName, password, memberId, roles: [{ orgId: o.id, role }] });
  };
  await make('lanhdao', 'Lãnh đạo Tỉnh ủy', 'viewer', province);
  await make('pheduyet', 'Phê duyệt Thành ủy', 'approver', city);
  await make('baocao', 'Báo cáo phường', 'reporter', ward);
  await make('dangvien', member.fullName, 'member', ward, member.id);

  // Detail pages worth opening: a document, the dashboard, a report, a study session.
  const docs = (await admin.get('/documents?kind=resolution&pageSize=50')) as Json;
  const bd = docs.items.find((d: Json) => d.symbol === '01-NQ/TU' && d.orgName === 'Tỉnh ủy Bình Dương') as Json;
  const reports = (await admin.get(`/reports?documentId=${bd.id}&orgId=${ward.id}`)) as Json;
  const sessions = (await admin.get('/study/sessions')) as Json;
  const session = (sessions.items ?? sessions)[0] as Json | undefined;
  const grant = (role: NavUser['grants'][number]['role'], o: Json) => [{ role, orgId: o.id as number, orgPath: o.path as string }];
  const details = [
    `/documents/${bd.id}`,
    ...(reports.items[0] ? [`/reports/${reports.items[0].id}`] : []),
    ...(session ? [`/study/sessions/${session.id}`] : []),
  ];
  const root = (await admin.get('/auth/me')) as Json;
  people.push(
    { name: 'admin', username: 'admin', password: server.adminPassword, user: { memberId: null, grants: root.grants }, extra: details },
    { name: 'lanhdao', username: 'lanhdao', password, user: { memberId: null, grants: grant('viewer', province) }, extra: details },
    {
      name: 'pheduyet',
      username: 'pheduyet',
      password,
      user: { memberId: null, grants: grant('approver', city) },
      extra: [`/documents/${bd.id}`],
    },
    {
      name: 'baocao',
      username: 'baocao',
      password,
      user: { memberId: null, grants: grant('reporter', ward) },
      extra: reports.items[0] ? [`/reports/${reports.items[0].id}`] : [],
    },
    { name: 'dangvien', username: 'dangvien', password, user: { memberId: member.id as number, grants: grant('member', ward) }, extra: [] },
  );
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Waits until the page has drawn: its heading is there (pages show it once their data came). */
async function settle(page: Page) {
  await page
    .locator('h1')
    .first()
    .waitFor({ timeout: 20_000 })
    .catch(() => undefined);
  await page.waitForTimeout(250);
}

/** What is wrong with the page now: each problem as one line. */
async function checkPage(page: Page, label: string, width: number, isFullCheck: boolean): Promise<string[]> {
  const problems: string[] = [];
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  if (scrollWidth > width) problems.push(`${label}: ${scrollWidth} px wide at ${width} px`);
  if (!isFullCheck) return problems;
  if ((await page.locator('h1').count()) === 0) problems.push(`${label}: no h1`);
  const text = await page.evaluate((skip) => {
    const clone = document.body.cloneNode(true) as HTMLElement;
    for (const s of skip) clone.querySelectorAll(s).forEach((e) => e.remove());
    clone.querySelectorAll('script,style,noscript').forEach((e) => e.remove());
    return clone.innerText;
  }, DATA_SELECTORS);
  for (const m of text.match(KEY_LIKE) ?? []) problems.push(`${label}: key or code on screen "${m}"`);
  for (const w of ENGLISH) if (new RegExp(`\\b${w}\\b`).test(text)) problems.push(`${label}: English word "${w}"`);
  if (!RUN_AXE) return problems;
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id} (${v.impact}) at ${v.nodes
            .slice(0, 2)
            .map((n) => n.target.join(' '))
            .join(', ')}`,
      );
  });
  for (const v of violations) problems.push(`${label}: axe ${v}`);
  return problems;
}

const slug = (path: string) => path.replace(/^\//, '').replace(/[^a-z0-9]+/gi, '-') || 'home';

describe('a home for each role, on a phone', () => {
  it('lands each role on its home, which fits a phone and is Vietnamese; the menu is a drawer', async () => {
    const problems: string[] = [];
    // The full check (h1, words, axe) runs once per page address; the width check on every one.
    const checked = new Set<string>();
    for (const person of people) {
      for (const size of WIDTHS) {
        const context = await browser.newContext({ baseURL: server.url, viewport: size, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
        const page = await context.newPage();
        page.setDefaultTimeout(15_000);
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        try {
          await logIn(page, person.username, person.password);
        } catch (e) {
          await screenshot(page, `pages-${person.name}-${size.width}-login-failed`);
          problems.push(`${person.name} ${size.width}: could not log in (${(e as Error).message.split('\n')[0]}) ${errors.join(' | ')}`);
          await context.close();
          continue;
        }
        await page.waitForURL((u) => u.pathname !== '/');
        const home = homeOf(person.user);
        const landed = new URL(page.url()).pathname;
        if (!(landed === home || landed.startsWith(`${home}/`))) problems.push(`${person.name}: landed on ${landed}, not ${home}`);
        // Each role's home, the page it works on, at both widths. Walking every menu page of
        // every role took over ten minutes on the shared machine (see the report of issue 12).
        const paths = [home];
        for (const path of paths) {
          await page.goto(path);
          await settle(page);
          const label = `${person.name} ${size.width} ${path}`;
          const isFullCheck = !checked.has(path);
          checked.add(path);
          problems.push(...(await checkPage(page, label, size.width, isFullCheck)));
          await screenshot(page, `pages-${person.name}-${size.width}-${slug(path)}`);
        }
        if (size.width === 390) {
          // The phone menu is a drawer that opens from the header.
          await page.getByTestId('nav-open').click();
          await page.getByTestId('nav-drawer').waitFor();
          await screenshot(page, `pages-${person.name}-390-menu`);
        }
        for (const e of errors) problems.push(`${person.name} ${size.width}: page error ${e}`);
        await context.close();
      }
    }
    expect(problems).toEqual([]);
  }, 600_000);
});
