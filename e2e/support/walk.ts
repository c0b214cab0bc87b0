import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { canOpen, homeOf, pagesFor, type NavUser } from '../../src/web/app/navigation';
import { apiClient, demoOrgsByRole, firstOf, type Api } from './api';
import { logIn, screenshot, type Json } from './browser';

/**
 * The walk of every page a person can open (e2e/every-page.e2e.ts): who walks, which pages they
 * have, and what is checked on each. Kept apart from the test so that the same walk runs from a
 * script while a page is being fixed.
 */

export const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1440, height: 900 };

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

export type Person = { name: string; password: string; user: NavUser; paths: string[] };

export const PASSWORD = 'Mat-khau-thu-2025';

/** The detail pages one click away from the person's lists, each in the person's scope. */
async function detailPaths(api: Api, user: NavUser): Promise<string[]> {
  const paths: string[] = ['/account'];
  const own = user.grants[0];
  if (own) paths.push(`/orgs?orgId=${own.orgId}`);
  // A resolution with targets, when the person reads one: an empty document hides how its rows fit a phone.
  const resolutions = ((await api.tryGet('/documents?kind=resolution&pageSize=10'))?.items as Json[] | undefined) ?? [];
  let doc: { id: unknown; target?: Json } | undefined;
  for (const r of resolutions) {
    const target = ((await api.tryGet(`/documents/${r.id}`))?.items as Json[] | undefined)?.find((i) => i.kind === 'target');
    doc ??= { id: r.id };
    if (target) {
      doc = { id: r.id, target };
      break;
    }
  }
  if (doc) {
    paths.push(`/documents/${doc.id}`, `/dashboard/${doc.id}`);
    if (doc.target) paths.push(`/cascade/${doc.target.id}`);
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

/**
 * The people of the walk, each with an account made for it on orgs chosen by role (see
 * demoOrgsByRole): a ward reporter, the approver above the ward, a provincial leader, a ward
 * manager, a party member of the ward, a provincial inspector and the administrator; the member
 * also walks the public check-in page of a bridge point.
 */
export async function castOfTheWalk(baseURL: string, adminPassword: string): Promise<Person[]> {
  const admin = await apiClient(baseURL, 'admin', adminPassword);
  const { province, approverOrg, ward } = await demoOrgsByRole(admin);
  const member = firstOf(await admin.get(`/members?orgId=${ward.id as number}&pageSize=1`));
  if (!member) throw new Error(`no member in ${ward.name as string}`);
  const cast: [string, string, NavUser['grants'][number]['role'], Json, number | null][] = [
    ['baocao', 'Báo cáo phường', 'reporter', ward, null],
    ['pheduyet', 'Phê duyệt cấp trên', 'approver', approverOrg, null],
    ['lanhdao', 'Lãnh đạo tỉnh', 'viewer', province, null],
    ['quanly', 'Quản lý phường', 'manager', ward, null],
    ['dangvien', member.fullName as string, 'member', ward, member.id as number],
    ['kiemtra', 'Kiểm tra tỉnh', 'inspector', province, null],
  ];
  for (const [username, fullName, role, org, memberId] of cast)
    await admin.post('/users', {
      username,
      fullName,
      password: PASSWORD,
      memberId: memberId ?? undefined,
      roles: [{ orgId: org.id, role }],
    });
  const accounts: [string, string][] = [...cast.map(([u]): [string, string] => [u, PASSWORD]), ['admin', adminPassword]];
  const people = await Promise.all(
    accounts.map(async ([name, password]): Promise<Person> => {
      const api = await apiClient(baseURL, name, password);
      const me = await api.get('/auth/me');
      const user: NavUser = { memberId: me.memberId as number | null, grants: me.grants as NavUser['grants'] };
      const paths = [...new Set([homeOf(user), ...pagesFor(user), ...(await detailPaths(api, user))])];
      return { name, password, user, paths };
    }),
  );
  // The check-in page a phone opens from a bridge point's QR code (public, no account needed).
  const upcoming = (await admin.get('/study/sessions?when=upcoming&pageSize=50')).items as Json[];
  const makeup = upcoming.find((s) => s.makeupOf !== null);
  const point = makeup ? firstOf(await admin.get(`/study/sessions/${makeup.id as number}/points`)) : undefined;
  if (!point) throw new Error('the demo has no make-up session with a bridge point');
  const { url } = await admin.get(`/study/points/${point.id as number}/qr`);
  people.find((p) => p.name === 'dangvien')!.paths.push(new URL(url as string).pathname);
  return people;
}

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

/**
 * The serious and critical axe-core violations of the page, kept only when a second scan a
 * moment later finds them again: a scan taken while Ant Design relays out a widget for the new
 * width (the tab list between its two renders) sees a state no person ever does.
 */
async function axeProblems(page: Page, label: string): Promise<string[]> {
  const first = await axeScan(page);
  if (first.length === 0) return [];
  await page.waitForTimeout(1_000);
  await settle(page);
  const ruleOf = (v: string) => v.split(' ')[0];
  const firstRules = new Set(first.map(ruleOf));
  return (await axeScan(page)).filter((v) => firstRules.has(ruleOf(v))).map((v) => `${label}: axe ${v}`);
}

/** One axe-core scan of the page as it is now: its serious and critical violations. */
async function axeScan(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
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
}

const slug = (path: string) =>
  path
    .replace(/^\//, '')
    .replace(/[^a-z0-9]+/gi, '-')
    .slice(0, 40) || 'home';
/** A page address without its ids: the same page of another record is the same markup. */
const shape = (path: string) => path.replace(/\/checkin\/.*/, '/checkin/:token').replace(/(?<=[/=])\d+(?=\/|$)/g, ':id');

/** Walks one person's pages in its own browser context; returns every problem found. */
export async function walk(browser: Browser, baseURL: string, person: Person, scanned: Set<string>): Promise<string[]> {
  const { name } = person;
  const context = await browser.newContext({ baseURL, viewport: PHONE, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
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
