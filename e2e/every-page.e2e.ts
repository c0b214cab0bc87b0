import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer } from '../src/server/test/app-server';
import { canOpen, homeOf, pagesFor, type NavUser } from '../src/web/app/navigation';
import { apiClient, demoOrg, firstOf, type Api } from './support/api';
import { launchBrowser, logIn, screenshot, type Json } from './support/browser';

/**
 * Every page of five people of the demo: a ward reporter, a city approver, a provincial leader,
 * a ward manager and a party member. Each walks the pages
 * its menu offers (navigation.ts) and the detail pages one click away, found through its own API
 * session (a document, its dashboard and a target's cascade, a report, a session, a bridge
 * point, an org, an inspection, a program, a grading round, a member's record; the member also
 * the public check-in page). On a phone (390 px) each page must fit the screen, have an h1, load,
 * and show no raw key, code or English word; at 1440 px an axe-core scan fails on serious or
 * critical violations (once per page shape: another person's copy differs only in data and
 * buttons, which the phone checks cover). A screenshot is saved at both widths. One browser
 * context per person; people walk side by side, a few at a time.
 */

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };
/** People walking at once: more only makes each page slower on a 2-core machine. */
const LANES = 2;

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

type Person = { name: string; password: string; user: NavUser; paths: string[] };

const PASSWORD = 'Mat-khau-thu-2025';
let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
const people = new Map<string, Person>();

/** The detail pages one click away from the person's lists, each in the person's scope. */
async function detailPaths(api: Api, user: NavUser): Promise<string[]> {
  const paths: string[] = ['/account'];
  const own = user.grants[0];
  if (own) paths.push(`/orgs?orgId=${own.orgId}`);
  const doc = firstOf(await api.tryGet('/documents?kind=resolution&pageSize=5'));
  if (doc) {
    paths.push(`/documents/${doc.id}`, `/dashboard/${doc.id}`);
    const full = await api.tryGet(`/documents/${doc.id}`);
    const target = (full?.items as Json[] | undefined)?.find((i) => i.kind === 'target');
    if (target) paths.push(`/cascade/${target.id}`);
  }
  const report = firstOf(await api.tryGet('/reports?pageSize=5'));
  if (report) paths.push(`/reports/${report.id}`);
  const session = firstOf(await api.tryGet('/study/sessions?pageSize=5'));
  if (session) {
    paths.push(`/study/sessions/${session.id}`);
    const point = firstOf(await api.tryGet(`/study/sessions/${session.id}/points`));
    if (point) paths.push(`/study/points/${point.id}`);
  }
  const inspection = firstOf(await api.tryGet('/oversight/inspections'));
  if (inspection) {
    paths.push(`/oversight/inspections/${inspection.id}`);
    if (inspection.subjectOrgId) paths.push(`/oversight/orgs/${inspection.subjectOrgId}`);
  }
  const program = firstOf(await api.tryGet('/oversight/programs'));
  if (program) paths.push(`/oversight/programs/${program.id}`);
  const round = firstOf(await api.tryGet('/grading/rounds'));
  if (round) paths.push(`/grading/rounds/${round.id}`);
  if (own && pagesFor(user).includes('/registry')) {
    const member = firstOf(await api.tryGet(`/members?orgId=${own.orgId}&pageSize=1`));
    if (member) paths.push(`/registry/members/${member.id}`);
  }
  return paths.filter((p) => canOpen(user, p.split('?')[0]!));
}

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const admin = await apiClient(server.url, 'admin', server.adminPassword);
  const province = await demoOrg(admin, 'Tỉnh ủy Bình Dương');
  const city = await demoOrg(admin, 'Thành ủy Dĩ An');
  const ward = await demoOrg(admin, 'Đảng ủy phường Dĩ An');
  const member = firstOf(await admin.get(`/members?orgId=${ward.id}&pageSize=1`))!;
  const cast: [string, string, NavUser['grants'][number]['role'], Json, number | null][] = [
    ['baocao', 'Báo cáo phường', 'reporter', ward, null],
    ['pheduyet', 'Phê duyệt Thành ủy', 'approver', city, null],
    ['lanhdao', 'Lãnh đạo Tỉnh ủy', 'viewer', province, null],
    ['quanly', 'Quản lý phường', 'manager', ward, null],
    ['dangvien', member.fullName as string, 'member', ward, member.id as number],
  ];
  for (const [username, fullName, role, org, memberId] of cast)
    await admin.post('/users', {
      username,
      fullName,
      password: PASSWORD,
      memberId: memberId ?? undefined,
      roles: [{ orgId: org.id, role }],
    });
  const accounts: [string, string][] = cast.map(([u]): [string, string] => [u, PASSWORD]);
  await Promise.all(
    accounts.map(async ([name, password]) => {
      const api = await apiClient(server.url, name, password);
      const me = await api.get('/auth/me');
      const user: NavUser = { memberId: me.memberId as number | null, grants: me.grants as NavUser['grants'] };
      const paths = [...new Set([homeOf(user), ...pagesFor(user), ...(await detailPaths(api, user))])];
      people.set(name, { name, password, user, paths });
    }),
  );
  // The check-in page a phone opens from a bridge point's QR code (public, no account needed).
  const upcoming = (await admin.get('/study/sessions?when=upcoming&pageSize=50')).items as Json[];
  const makeup = upcoming.find((s) => s.makeupOf !== null);
  const point = makeup ? firstOf(await admin.get(`/study/sessions/${makeup.id}/points`)) : undefined;
  if (!point) throw new Error('the demo has no make-up session with a bridge point');
  const { url } = await admin.get(`/study/points/${point.id}/qr`);
  people.get('dangvien')!.paths.push(new URL(url as string).pathname);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/**
 * Waits until the page of this visit has drawn: a heading the previous page did not have is
 * there (open() marks the old ones when it changes pages) and nothing is still loading.
 */
async function settle(page: Page) {
  await page
    .locator('h1:not([data-left])')
    .first()
    .waitFor({ timeout: 10_000 })
    .catch(() => undefined);
  // A dashboard computed on a busy machine can take a while; the wait ends as soon as it is drawn.
  await page
    .waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton-active'), undefined, { timeout: 20_000 })
    .catch(() => undefined);
}

/**
 * Opens `path` inside the running app (the router follows the history), as a click in the menu
 * would: reloading the whole app for each page tripled the walk's time on a busy machine.
 */
async function open(page: Page, path: string) {
  const isInApp = await page.evaluate((pathname) => {
    // The same page with other search params keeps its heading element; another page replaces it.
    const heading = pathname === window.location.pathname ? null : 'data-left';
    document.querySelectorAll('h1').forEach((h) => (heading ? h.setAttribute(heading, '') : h.removeAttribute('data-left')));
    return !!document.querySelector('[data-testid="current-user"]');
  }, path.split('?')[0]!);
  if (!isInApp || path.startsWith('/checkin/')) {
    await page.goto(path);
    return;
  }
  await page.evaluate((p) => {
    window.history.pushState({}, '', p);
    window.dispatchEvent(new PopStateEvent('popstate', { state: {} }));
  }, path);
}

/** What is wrong with the page on a phone: its width, its heading, its words. */
async function phoneProblems(page: Page, label: string): Promise<string[]> {
  const problems: string[] = [];
  const { width, headings, text } = await page.evaluate((skip) => {
    const clone = document.body.cloneNode(true) as HTMLElement;
    for (const s of [...skip, 'script', 'style', 'noscript']) clone.querySelectorAll(s).forEach((e) => e.remove());
    const read = clone.innerText;
    return { width: document.documentElement.scrollWidth, headings: document.querySelectorAll('h1').length, text: read };
  }, DATA_SELECTORS);
  if (width > PHONE.width) problems.push(`${label}: ${width} px wide at ${PHONE.width} px`);
  if (headings === 0) problems.push(`${label}: no h1`);
  if (text.includes('Không tải được dữ liệu')) problems.push(`${label}: a part of the page did not load`);
  for (const m of new Set(text.match(KEY_LIKE) ?? [])) problems.push(`${label}: key or code on screen "${m}"`);
  for (const w of ENGLISH) if (new RegExp(`\\b${w}\\b`).test(text)) problems.push(`${label}: English word "${w}"`);
  return problems;
}

/** The serious and critical axe-core violations of the page as it is now. */
async function axeProblems(page: Page, label: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<Result> } }).axe;
    const r = await axe.run(document, {
      resultTypes: ['violations'],
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id} (${v.impact}) at ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(' '))
            .join(', ')}`,
      );
  });
  return violations.map((v) => `${label}: axe ${v}`);
}

const slug = (path: string) =>
  path
    .replace(/^\//, '')
    .replace(/[^a-z0-9]+/gi, '-')
    .slice(0, 40) || 'home';
/** A page address without its ids: the same page of another record is the same markup. */
const shape = (path: string) => path.replace(/\/checkin\/.*/, '/checkin/:token').replace(/(?<=[/=])\d+(?=\/|$)/g, ':id');
const scanned = new Set<string>();

/** Walks one person's pages in its own browser context; returns every problem found. */
async function walk(person: Person): Promise<string[]> {
  const { name } = person;
  const context = await browser.newContext({ baseURL: server.url, viewport: PHONE, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  // The first load parses the whole app: on a saturated machine that alone can take half a minute.
  page.setDefaultNavigationTimeout(60_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const problems: string[] = [];
  const started = Date.now();
  try {
    await logIn(page, name, person.password);
    await page.waitForURL((u) => u.pathname !== '/');
    const home = homeOf(person.user);
    const landed = new URL(page.url()).pathname;
    if (!(landed === home || landed.startsWith(`${home}/`))) problems.push(`${name}: landed on ${landed}, not ${home}`);
    // The phone menu is a drawer that opens from the header.
    await page.getByTestId('nav-open').click();
    await page.getByTestId('nav-drawer').waitFor();
    await screenshot(page, `pages-${name}-390-menu`);
    await page.keyboard.press('Escape');
    for (const path of person.paths) {
      const label = `${name} ${path}`;
      await page.setViewportSize(PHONE);
      await open(page, path);
      await settle(page);
      const at = new URL(page.url()).pathname;
      // The dashboard's entry opens the dashboard of a document (/dashboard/:id).
      if (at !== path.split('?')[0] && !at.startsWith(`${path}/`)) problems.push(`${label}: sent to ${at}`);
      problems.push(...(await phoneProblems(page, label)));
      await screenshot(page, `pages-${name}-390-${slug(path)}`);
      if (scanned.has(shape(path))) continue;
      scanned.add(shape(path));
      await page.setViewportSize(DESKTOP);
      await settle(page);
      problems.push(...(await axeProblems(page, label)));
      await screenshot(page, `pages-${name}-1440-${slug(path)}`);
    }
  } finally {
    for (const e of new Set(errors)) problems.push(`${name}: page error ${e}`);
    await context.close();
  }
  console.log(
    `every-page ${name}: ${person.paths.length} pages in ${Math.round((Date.now() - started) / 1000)} s${problems.map((p) => `\n  ${p}`).join('')}`,
  );
  return problems;
}

/** At most LANES walks at once; each test waits for its turn. */
let running = 0;
const waiting: (() => void)[] = [];
async function inLane<T>(work: () => Promise<T>): Promise<T> {
  if (running >= LANES) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await work();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

describe.concurrent('every page of every role', () => {
  for (const name of ['quanly', 'pheduyet', 'baocao', 'lanhdao', 'dangvien']) {
    // No retry: a second walk would only repeat the same findings, at the same cost. The time
    // allowed covers the wait for a lane.
    it(
      `${name}: lands home; each page fits a phone, has an h1, speaks Vietnamese and passes axe at 1440 px`,
      { timeout: 1_500_000, retry: 0 },
      async ({ expect }) => {
        const problems = await inLane(() => walk(people.get(name)!));
        expect(problems).toEqual([]);
      },
    );
  }
});
