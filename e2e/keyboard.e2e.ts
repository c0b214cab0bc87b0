import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer } from '../src/server/test/app-server';
import { vnToday } from '../src/domain/vn-time';
import { apiClient, firstOf, type Api } from './support/api';
import { launchBrowser, logIn, screenshot, type Json } from './support/browser';

/**
 * Keyboard only, no mouse, on a phone (390 px): a ward reporter fills a report with targets and
 * a task (Tab and Shift+Tab between fields, the arrow keys in the task's status, Enter to save,
 * Enter on the send button), and a member checks in on the public check-in page (the two codes,
 * Space on the button). At every stop the focused element shows a ring. Screenshots at 390 and
 * 1440 px.
 */

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };
const PASSWORD = 'Mat-khau-thu-2025';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
/** A ward report to write that holds targets and tasks. */
let report: Json;
/** The check-in page of a session under way, and a member of it not yet checked in. */
let checkinPath = '';
let absentee: Json;

/**
 * A report to write of an open ward (commune committee), with the ward's tasks and a target of
 * its own; the ward is found by kind, not by name, so that the journey holds on the demo before
 * and after the 2025 reorganization. The demo's wards hold tasks only; when the report has no
 * target, the ward adopts a plan implementing the document with one target, as its office would
 * (a report shows the targets of the ward's documents in the cascade).
 */
async function wardReportToWrite(admin: Api): Promise<Json> {
  const open = (await admin.get('/reports?waiting=write&pageSize=100')).items as Json[];
  let chosen: Json | undefined;
  for (const r of open) {
    const org = await admin.get(`/orgs/${r.orgId as number}`);
    if (org.kind !== 'commune_committee' || org.isClosed) continue;
    const full = await admin.get(`/reports/${r.id as number}`);
    if ((full.tasks as Json[]).length > 0) chosen = full;
    if (chosen) break;
  }
  if (!chosen) throw new Error('the demo has no ward report to write with tasks');
  const wardId = chosen.orgId as number;
  if ((chosen.targets as Json[]).length > 0) return chosen;
  const implemented = await admin.get(`/documents/${chosen.documentId}`);
  const plan = await admin.post('/documents', {
    orgId: wardId,
    kind: 'plan',
    term: implemented.term,
    title: 'Kế hoạch phát triển đảng viên của phường',
    implementsIds: [chosen.documentId],
  });
  await admin.post(`/documents/${plan.id}/items`, {
    kind: 'target',
    text: 'Kết nạp đảng viên mới',
    target: { valueText: 'ít nhất 30', unitText: 'đảng viên' },
  });
  const draft = await admin.get(`/documents/${plan.id}`);
  await admin.post(`/documents/${plan.id}/adopt`, { version: draft.version, issueDate: vnToday() });
  const withTarget = await admin.get(`/reports/${chosen.id}`);
  if ((withTarget.targets as Json[]).length === 0) throw new Error('the plan of the ward gave its report no target');
  return withTarget;
}

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const admin = await apiClient(server.url, 'admin', server.adminPassword);
  report = await wardReportToWrite(admin);
  await admin.post('/users', {
    username: 'baocao',
    fullName: 'Báo cáo phường',
    password: PASSWORD,
    roles: [{ orgId: report.orgId, role: 'reporter' }],
  });
  // The check-in page a phone opens from a bridge point's QR code (public, no account needed).
  const upcoming = (await admin.get('/study/sessions?when=upcoming&pageSize=50')).items as Json[];
  const makeup = upcoming.find((s) => s.makeupOf !== null);
  const point = makeup ? firstOf(await admin.get(`/study/sessions/${makeup.id}/points`)) : undefined;
  if (!point) throw new Error('the demo has no make-up session with a bridge point');
  checkinPath = new URL((await admin.get(`/study/points/${point.id}/qr`)).url as string).pathname;
  const missing = firstOf(await admin.get(`/study/points/${point.id}/roll?filter=missing&pageSize=5`));
  if (!missing) throw new Error('every member of the make-up session is already checked in');
  absentee = missing;
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function phonePage(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ baseURL: server.url, viewport: PHONE, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.setDefaultNavigationTimeout(60_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

type Focus = { id: string; testId: string; tag: string; role: string; ring: boolean; describe: string };

/** The element that has the focus, and whether a ring of at least 2 px shows where it is. */
async function focused(page: Page): Promise<Focus> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { id: '', testId: '', tag: 'body', role: '', ring: true, describe: 'body' };
    // A field inside a frame (a number with its unit, a select) shows the ring on the frame.
    const framed = el.closest<HTMLElement>('.ant-input-number, .ant-input-affix-wrapper, .ant-picker, .ant-select') ?? el;
    const style = getComputedStyle(framed);
    const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    const testId = el.getAttribute('data-testid') ?? el.closest('[data-testid]')?.getAttribute('data-testid') ?? '';
    return {
      id: el.id,
      testId,
      tag: el.tagName.toLowerCase(),
      role: el.getAttribute('role') ?? '',
      ring,
      describe: `${el.tagName.toLowerCase()}#${el.id}[${testId}] "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`,
    };
  });
}

/**
 * Presses `key` until the focus is on an element that matches (at most `max` times); every
 * element passed on the way must show its focus ring.
 */
async function tabTo(page: Page, match: (f: Focus) => boolean, key = 'Tab', max = 60): Promise<Focus> {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press(key);
    const f = await focused(page);
    expect(f.ring, `focus ring on ${f.describe}`).toBe(true);
    if (match(f)) return f;
  }
  throw new Error(`${key} never reached the element`);
}

describe('keyboard only', () => {
  // A browser on a busy machine walks a long form slowly.
  it('fills, saves and sends a ward report on a phone with the keyboard alone', { timeout: 300_000 }, async () => {
    const { context, page, errors } = await phonePage();
    await logIn(page, 'baocao', PASSWORD);
    await page.goto(`/reports/${report.id}`);
    await page.getByTestId('report-save').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const target = (report.targets as Json[])[0]!;
    const task = (report.tasks as Json[])[0]!;
    const field = (f: string) => `target-${target.itemId}-${f}`;

    // From the top of the page, Tab reaches the first target's figure; its source and note
    // follow in reading order.
    const first = await tabTo(page, (f) => f.id.startsWith(`target-${target.itemId}-`));
    expect(first.id).toBe(field('value'));
    await page.keyboard.type('12');
    await page.keyboard.press('Tab');
    expect((await focused(page)).id).toBe(field('source'));
    await page.keyboard.type('Thống kê phường');
    await page.keyboard.press('Tab');
    expect((await focused(page)).id).toBe(field('note'));
    await page.keyboard.type('Nhập bằng bàn phím');

    // The task's status: Tab to it, open it with the arrow keys, choose with Enter.
    await tabTo(page, (f) => f.id === `task-${task.taskId}-status`);
    await page.keyboard.press('ArrowDown');
    await page.locator('.ant-select-dropdown:visible').waitFor();
    const before = (await page.getByTestId(`task-status-${task.taskId}`).textContent()) ?? '';
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
    const after = (await page.getByTestId(`task-status-${task.taskId}`).textContent()) ?? '';
    expect(after).not.toBe(before);
    // Its progress: Tab, then the arrow up raises it by one.
    await page.keyboard.press('Tab');
    expect((await focused(page)).id).toBe(`task-${task.taskId}-progress`);
    const progress = Number((await page.locator(`#task-${task.taskId}-progress`).inputValue()) || 0);
    await page.keyboard.press('ArrowUp');
    expect(Number(await page.locator(`#task-${task.taskId}-progress`).inputValue())).toBe(progress + 1);

    // Enter in a field saves the draft.
    await page.keyboard.press('Enter');
    await page.getByText('Đã lưu báo cáo.').waitFor();
    await screenshot(page, 'keyboard-report-390');

    // Shift+Tab walks back up to the send button; Enter sends the report.
    const send = await tabTo(page, (f) => f.testId === 'report-submit' && f.tag === 'button', 'Shift+Tab', 120);
    expect(send.ring).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByText('Đã gửi báo cáo.').waitFor();
    expect(await page.getByTestId('report-status').textContent()).toBe('Chờ duyệt');
    // Sent, the report reads as text with what was typed, and no greyed-out input.
    const read = page.getByTestId(`target-read-${target.itemId}`);
    await read.waitFor();
    expect(await page.locator('input:disabled, textarea:disabled').count()).toBe(0);
    expect(await read.textContent()).toContain('Thống kê phường');
    expect(await read.textContent()).toContain('12');
    await screenshot(page, 'keyboard-report-sent-390');
    await page.setViewportSize(DESKTOP);
    await screenshot(page, 'keyboard-report-sent-1440');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('checks a member in on the check-in page with the keyboard alone', { timeout: 180_000 }, async () => {
    const { context, page, errors } = await phonePage();
    await page.goto(checkinPath);
    await page.locator('h1').waitFor();
    await tabTo(page, (f) => f.id === 'checkin-member-code', 'Tab', 15);
    await page.keyboard.type(absentee.code as string);
    await page.keyboard.press('Tab');
    expect((await focused(page)).id).toBe('checkin-personal-code');
    await page.keyboard.type(absentee.personalCode as string);
    await screenshot(page, 'keyboard-checkin-codes-390');
    // Tab to the button and press Space on it.
    const button = await tabTo(page, (f) => f.tag === 'button', 'Tab', 5);
    expect(button.describe).toContain('Điểm danh');
    await page.keyboard.press('Space');
    await page.getByTestId('checkin-result').waitFor();
    expect(await page.locator('h1').textContent()).toMatch(/Điểm danh thành công|đã điểm danh/);
    await screenshot(page, 'keyboard-checkin-390');
    await page.setViewportSize(DESKTOP);
    await screenshot(page, 'keyboard-checkin-1440');
    expect(errors).toEqual([]);
    await context.close();
  });
});
