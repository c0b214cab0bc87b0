import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer } from '../src/server/test/app-server';
import { canOpen, homeOf, pagesFor, type NavUser } from '../src/web/app/navigation';
import { launchBrowser, logIn, screenshot } from './support/browser';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Every page each role can open, on a phone (390 px) and on a desktop (1440 px): the menu's
 * pages (navigation.ts) and the detail pages reached with the demo's ids (a document, its
 * dashboard and cascade, a report, a session, a bridge point, the check-in page, an inspection,
 * a program, a subject's timeline, a grading round, the account). Five people of the demo: the
 * administrator, a provincial leader, a city approver, a ward reporter and a party member. Each
 * page must fit the screen (no sideways scroll), have an h1, load without an error, show no raw
 * key, code or English word, and pass an axe-core scan without serious or critical violations.
 * One browser, one login per person; a screenshot of each page at each width is saved.
 */

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WIDTHS = [
  { width: 390, height: 844 },
  { width: 1440, height: 900 },
] as const;

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
  'Invalid',
  'Required',
  'Error',
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
type Api = Awaited<ReturnType<typeof apiClient>>;

/** The first row of a list answer (a page `{ items }` or a plain array), or undefined. */
const firstOf = (answer: Json | Json[] | null): Json | undefined =>
  Array.isArray(answer) ? answer[0] : (answer?.items as Json[] | undefined)?.[0];
/** The list answer of `path` as the person sees it; a refusal means no detail page to open. */
const tryGet = async (api: Api, path: string): Promise<Json | Json[] | null> => api.get(path).catch(() => null);

type Person = { name: string; username: string; password: string; user: NavUser; paths: string[] };

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
const people: Person[] = [];
/** For the keyboard journeys: the check-in page of a session under way, a member not yet there, a ward report to write. */
let checkinPath = '';
let absentee: Json | undefined;
let draftReport: Json | undefined;

/**
 * The detail pages a person can reach, found through the person's own API session (so each
 * is in the person's scope): the first document, report, session, point, inspection, program
 * and grading round the person's lists show.
 */
async function detailPaths(api: Api, user: NavUser, orgId: number): Promise<string[]> {
  const paths: string[] = ['/account'];
  const doc = firstOf(await tryGet(api, '/documents?kind=resolution&pageSize=5'));
  if (doc) {
    paths.push(`/documents/${doc.id}`, `/dashboard/${doc.id}`);
    const full = (await tryGet(api, `/documents/${doc.id}`)) as Json | null;
    const target = (full?.items as Json[] | undefined)?.find((i) => i.kind === 'target');
    if (target) paths.push(`/cascade/${target.id}`);
  }
  const report = firstOf(await tryGet(api, '/reports?pageSize=5'));
  if (report) paths.push(`/reports/${report.id}`);
  const session = firstOf(await tryGet(api, '/study/sessions?pageSize=5'));
  if (session) {
    paths.push(`/study/sessions/${session.id}`);
    const point = firstOf(await tryGet(api, `/study/sessions/${session.id}/points`));
    if (point) paths.push(`/study/points/${point.id}`);
  }
  const program = firstOf(await tryGet(api, '/oversight/programs'));
  if (program) paths.push(`/oversight/programs/${program.id}`);
  const inspection = firstOf(await tryGet(api, '/oversight/inspections'));
  if (inspection) paths.push(`/oversight/inspections/${inspection.id}`, `/oversight/orgs/${inspection.subjectOrgId ?? orgId}`);
  const round = firstOf(await tryGet(api, '/grading/rounds'));
  if (round) paths.push(`/grading/rounds/${round.id}`);
  return paths.filter((p) => canOpen(user, p));
}

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
  const grant = (role: NavUser['grants'][number]['role'], o: Json) => [{ role, orgId: o.id as number, orgPath: o.path as string }];
  const root = (await admin.get('/auth/me')) as Json;
  const cast: [string, string, NavUser, Json][] = [
    ['admin', server.adminPassword, { memberId: null, grants: root.grants }, province],
    ['lanhdao', password, { memberId: null, grants: grant('viewer', province) }, province],
    ['pheduyet', password, { memberId: null, grants: grant('approver', city) }, city],
    ['baocao', password, { memberId: null, grants: grant('reporter', ward) }, ward],
    ['dangvien', password, { memberId: member.id as number, grants: grant('member', ward) }, ward],
  ];
  for (const [username, pw, user, o] of cast) {
    const api = username === 'admin' ? admin : await apiClient(server.url, username, pw);
    const paths = [...new Set([homeOf(user), ...pagesFor(user), ...(await detailPaths(api, user, o.id as number))])];
    people.push({ name: username, username, password: pw, user, paths });
  }
  // The check-in page a phone opens from a bridge point's QR code (public, no account needed).
  const makeup = firstOf(
    ((await admin.get('/study/sessions?when=upcoming&pageSize=50')) as Json).items.filter((s: Json) => s.makeupOf !== null),
  );
  const point = makeup ? firstOf(await admin.get(`/study/sessions/${makeup.id}/points`)) : undefined;
  if (point) {
    const { url } = (await admin.get(`/study/points/${point.id}/qr`)) as Json;
    checkinPath = new URL(url as string).pathname;
    people[0]!.paths.push(checkinPath);
    absentee = firstOf(await admin.get(`/study/points/${point.id}/roll?filter=missing&pageSize=5`));
  }
  draftReport = firstOf(await admin.get(`/reports?orgId=${ward.id}&waiting=write&pageSize=5`));
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Waits until the page has drawn: its heading is there and nothing is still loading. */
async function settle(page: Page) {
  await page
    .locator('h1')
    .first()
    .waitFor({ timeout: 15_000 })
    .catch(() => undefined);
  await page
    .waitForFunction(() => !document.querySelector('.ant-spin-spinning, [role="status"] .ant-spin'), undefined, { timeout: 10_000 })
    .catch(() => undefined);
  await page.waitForTimeout(150);
}

/** What is wrong with the page now: each problem as one line. */
async function checkPage(page: Page, label: string, width: number, runAxe: boolean): Promise<string[]> {
  const problems: string[] = [];
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  if (scrollWidth > width) problems.push(`${label}: ${scrollWidth} px wide at ${width} px`);
  if ((await page.locator('h1').count()) === 0) problems.push(`${label}: no h1`);
  const text = await page.evaluate((skip) => {
    const clone = document.body.cloneNode(true) as HTMLElement;
    for (const s of skip) clone.querySelectorAll(s).forEach((e) => e.remove());
    clone.querySelectorAll('script,style,noscript').forEach((e) => e.remove());
    return clone.innerText;
  }, DATA_SELECTORS);
  if (text.includes('Không tải được dữ liệu')) problems.push(`${label}: a part of the page did not load`);
  for (const m of new Set(text.match(KEY_LIKE) ?? [])) problems.push(`${label}: key or code on screen "${m}"`);
  for (const w of ENGLISH) if (new RegExp(`\\b${w}\\b`).test(text)) problems.push(`${label}: English word "${w}"`);
  if (!runAxe) return problems;
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
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

const slug = (path: string) =>
  path
    .replace(/^\//, '')
    .replace(/[^a-z0-9]+/gi, '-')
    .slice(0, 40) || 'home';
/** A page address without its ids: the same page of another record is the same markup. */
const shape = (path: string) => path.replace(/\/checkin\/.*/, '/checkin/:token').replace(/\/\d+(?=\/|$)/g, '/:id');

describe('every page of every role, on a phone and on a desktop', () => {
  it('fits the screen, has an h1, speaks Vietnamese and passes axe on each page', async () => {
    const problems: string[] = [];
    // The axe scan (seconds a page on a busy machine) runs once per page shape and width: the
    // same page for another role differs only in its data and buttons, which the text and
    // width checks still cover for every role.
    const scanned = new Set<string>();
    let visits = 0;
    const started = Date.now();
    for (const person of people) {
      const context = await browser.newContext({
        baseURL: server.url,
        viewport: WIDTHS[0],
        locale: 'vi-VN',
        timezoneId: 'Asia/Ho_Chi_Minh',
      });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      try {
        await logIn(page, person.username, person.password);
      } catch (e) {
        await screenshot(page, `pages-${person.name}-login-failed`);
        problems.push(`${person.name}: could not log in (${(e as Error).message.split('\n')[0]}) ${errors.join(' | ')}`);
        await context.close();
        continue;
      }
      await page.waitForURL((u) => u.pathname !== '/');
      const home = homeOf(person.user);
      const landed = new URL(page.url()).pathname;
      if (!(landed === home || landed.startsWith(`${home}/`))) problems.push(`${person.name}: landed on ${landed}, not ${home}`);
      for (const size of WIDTHS) {
        await page.setViewportSize(size);
        if (size.width === 390) {
          // The phone menu is a drawer that opens from the header.
          await page.getByTestId('nav-open').click();
          await page.getByTestId('nav-drawer').waitFor();
          await screenshot(page, `pages-${person.name}-390-menu`);
          await page.keyboard.press('Escape');
        }
        for (const path of person.paths) {
          await page.goto(path);
          await settle(page);
          visits += 1;
          const key = `${shape(path)} ${size.width}`;
          const runAxe = !scanned.has(key);
          scanned.add(key);
          problems.push(...(await checkPage(page, `${person.name} ${size.width} ${path}`, size.width, runAxe)));
          const at = new URL(page.url()).pathname;
          if (at !== path.split('?')[0]) problems.push(`${person.name} ${size.width} ${path}: sent to ${at}`);
          await screenshot(page, `pages-${person.name}-${size.width}-${slug(path)}`);
        }
      }
      for (const e of new Set(errors)) problems.push(`${person.name}: page error ${e}`);
      await context.close();
    }
    console.log(`every-page: ${visits} visits, ${scanned.size} axe scans, ${Math.round((Date.now() - started) / 1000)} s`);
    expect(problems).toEqual([]);
  }, 1_200_000);
});

/** The element that has the focus: its label (aria-label, label element or text) and its ring. */
async function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return { name: '', ring: 'none', tag: '', id: '', testId: '' };
    const labelled =
      el.getAttribute('aria-label') ??
      (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null) ??
      el.textContent ??
      '';
    const style = getComputedStyle(el);
    return {
      name: labelled.trim(),
      ring: `${style.outlineStyle} ${style.outlineWidth}`,
      tag: el.tagName.toLowerCase(),
      id: el.id,
      testId: el.getAttribute('data-testid') ?? el.closest('[data-testid]')?.getAttribute('data-testid') ?? '',
    };
  });
}

/** Presses Tab (or Shift+Tab) until the focus is on an element whose test id or label matches, at most `max` times. */
async function tabTo(page: Page, match: (f: Awaited<ReturnType<typeof focused>>) => boolean, max = 60, key = 'Tab') {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press(key);
    const f = await focused(page);
    if (match(f)) return f;
  }
  throw new Error('Tab never reached the element');
}

describe('keyboard only', () => {
  it('fills, saves and sends a ward report on a phone with the keyboard alone', async () => {
    expect(draftReport, 'the demo has a ward report to write').toBeDefined();
    const reporter = people.find((p) => p.name === 'baocao')!;
    const context = await browser.newContext({ baseURL: server.url, viewport: WIDTHS[0], locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await logIn(page, reporter.username, reporter.password);
    await page.goto(`/reports/${draftReport!.id}`);
    await page.getByTestId('report-save').waitFor();
    // The form is cards: nothing scrolls sideways on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const cards = page.locator('[data-testid^="target-card-"]');
    expect(await cards.count()).toBeGreaterThan(0);
    const firstCard = (await cards.first().getAttribute('data-testid'))!.replace('target-card-', '');

    // Tab from the top reaches the first target's first figure; the fields follow in reading order.
    await page.locator('h1').click();
    const first = await tabTo(page, (f) => f.id.startsWith(`target-${firstCard}-`));
    expect(first.ring).toMatch(/^solid [1-9]/);
    const order = [first.id];
    for (let i = 0; i < 3; i += 1) {
      await page.keyboard.press('Tab');
      order.push((await focused(page)).id);
    }
    const fields = order.filter((id) => id.startsWith(`target-${firstCard}-`)).map((id) => id.split('-').pop());
    expect(fields.slice(-2)).toEqual(['source', 'note']);
    // Type a figure in the first field, a source and a note, and press Enter: the draft is saved.
    await page.locator(`#${order[0]}`).focus();
    await page.keyboard.type('12');
    await page.locator(`#target-${firstCard}-source`).focus();
    await page.keyboard.type('Thống kê phường');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Nhập bằng bàn phím');
    await page.keyboard.press('Enter');
    await page.getByText('Đã lưu báo cáo.').waitFor();
    await screenshot(page, 'keyboard-report-390');
    // Shift+Tab walks back to the send button; Enter sends the report.
    const send = await tabTo(page, (f) => f.testId === 'report-submit', 60, 'Shift+Tab');
    expect(send.ring).toMatch(/^solid [1-9]/);
    await page.keyboard.press('Enter');
    await page.getByText('Đã gửi báo cáo.').waitFor();
    expect(await page.getByTestId('report-status').textContent()).toBe('Chờ duyệt');
    // Sent, the report reads as text: the figure typed is there, no greyed-out input.
    await page.getByTestId(`target-read-${firstCard}`).waitFor();
    expect(await page.locator('input:disabled, textarea:disabled').count()).toBe(0);
    expect(await page.getByTestId(`target-read-${firstCard}`).textContent()).toContain('Thống kê phường');
    await page.setViewportSize(WIDTHS[1]);
    await screenshot(page, 'keyboard-report-sent-1440');
    await context.close();
  });

  it('checks a member in on the check-in page with the keyboard alone', async () => {
    expect(checkinPath, 'the demo has a session under way').not.toBe('');
    const context = await browser.newContext({ baseURL: server.url, viewport: WIDTHS[0], locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(checkinPath);
    await page.locator('h1').waitFor();
    const code = await tabTo(page, (f) => f.id === 'checkin-member-code', 10);
    expect(code.ring).toMatch(/^solid [1-9]/);
    await page.keyboard.type(absentee!.code as string);
    await page.keyboard.press('Tab');
    expect((await focused(page)).id).toBe('checkin-personal-code');
    await page.keyboard.type(absentee!.personalCode as string);
    await page.keyboard.press('Enter');
    await page.getByTestId('checkin-result').waitFor();
    expect(await page.getByTestId('checkin-result').textContent()).toMatch(/Điểm danh thành công|đã điểm danh/);
    await screenshot(page, 'keyboard-checkin-390');
    await context.close();
  });
});
