import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer } from '../src/server/test/app-server';
import { launchBrowser, logIn, newAppPage, pickOrg, screenshot } from './support/browser';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A logged-in API client on the Node side, to set the scene and to play a second phone. */
async function apiClient(base: string, username?: string, password?: string) {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  let cookie = csrfRes.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  let csrf = ((await csrfRes.json()) as { csrfToken: string }).csrfToken;
  if (username) {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`login ${res.status}`);
    cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  }
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}/api${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrf, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await res.json().catch(() => null)) as Json;
    if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  return { get: (p: string) => call('GET', p), post: (p: string, b?: unknown, h?: Record<string, string>) => call('POST', p, b ?? {}, h) };
}

/**
 * Study journeys: a member scanning a bridge point's QR code on a phone, the host's list
 * filling in live, the coverage dashboard moving, a make-up session, and a reflection
 * accepted by the cell's secretary. They run on the demo's make-up session that is under way.
 */
describe('Study and check-in in the browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let host: Page;
  let hostErrors: string[];
  let admin: Awaited<ReturnType<typeof apiClient>>;
  let makeup: Json;
  let point: Json;
  let missing: Json[];
  let current = '';
  const stamp = Date.now().toString().slice(-6);
  const extraContexts: BrowserContext[] = [];

  const phonePage = async () => {
    const context = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
    });
    extraContexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  };

  beforeAll(async () => {
    server = await startTestServer('old-tree');
    browser = await launchBrowser();
    ({ page: host, errors: hostErrors } = await newAppPage(browser, server.url));
    admin = await apiClient(server.url, 'admin', server.adminPassword);
    const sessions = await admin.get('/study/sessions?when=upcoming&pageSize=50');
    makeup = sessions.items.find((s: Json) => s.makeupOf !== null);
    point = (await admin.get(`/study/sessions/${makeup.id}/points`))[0];
    missing = (await admin.get(`/study/points/${point.id}/roll?filter=missing&pageSize=10`)).items;
    await logIn(host, 'admin', server.adminPassword);
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && host) await screenshot(host, `failed-study-${current}`).catch(() => undefined);
  });

  afterAll(async () => {
    for (const c of extraContexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it('checks a member in by scanning the QR code on a phone, and the host sees it live', async () => {
    current = 'checkin';
    await host.goto(`/study/points/${point.id}`);
    const qrUrl = (await host.getByTestId('point-qr-url').textContent())!.trim();
    expect(qrUrl).toMatch(/\/checkin\/q1\./);
    await host.getByTestId('point-qr').locator('svg').waitFor();
    const member = missing[0]!;

    // The host's roll carries each member's personal code (it is on the invitation too).
    const personalCode = member.personalCode as string;

    const phone = await phonePage();
    await phone.goto(qrUrl);
    await phone.getByText(point.name).waitFor();
    await phone.getByLabel('Mã đảng viên').fill(member.code);
    await phone.getByLabel('Mã điểm danh cá nhân').fill(personalCode);
    await phone.getByRole('button', { name: 'Điểm danh', exact: true }).click();
    const result = phone.getByTestId('checkin-result');
    await result.waitFor();
    // An anonymous phone is told the check-in succeeded, never whose code it was.
    // (A retried journey finds the member already checked in by its first attempt.)
    expect(await result.textContent()).toMatch(/Điểm danh thành công|đã điểm danh/);
    expect(await result.textContent()).not.toContain(member.fullName);
    await screenshot(phone, 'study-checkin-phone');

    // The member code alone does not check anyone in: a wrong personal code gets a clear message.
    const again = await phonePage();
    await again.goto(qrUrl);
    await again.getByLabel('Mã đảng viên').fill(missing[1]!.code);
    await again.getByLabel('Mã điểm danh cá nhân').fill('ABCD-EFGH');
    await again.getByRole('button', { name: 'Điểm danh', exact: true }).click();
    expect(await again.getByTestId('checkin-error').textContent()).toContain('mã điểm danh cá nhân không đúng');
    const forged = await phonePage();
    await forged.goto(qrUrl.replace(/.{4}$/, 'AAAA'));
    await forged.getByText('Mã QR không hợp lệ').waitFor();

    const live = host.getByTestId('live-list');
    await live.getByRole('cell', { name: member.fullName, exact: true }).waitFor({ timeout: 5_000 });
    await screenshot(host, 'study-host-live');
    expect(hostErrors).toEqual([]);
  });

  it('shows the host each member’s personal code on the roll, and a printable sheet of them', async () => {
    current = 'codes';
    await host.goto(`/study/points/${point.id}`);
    const member = missing[2]!;
    await host.getByTestId('personal-code').first().waitFor({ timeout: 60_000 });
    expect(await host.getByTestId('personal-code').allTextContents()).toContain(member.personalCode);
    await host.getByTestId('print-codes').click();
    const sheet = host.getByTestId('point-codes');
    await sheet.getByTestId('sheet-personal-code').first().waitFor({ timeout: 60_000 });
    const codes = await host.getByTestId('sheet-personal-code').allTextContents();
    expect(codes).toContain(member.personalCode);
    expect(codes.length).toBeGreaterThanOrEqual(missing.length);
    await screenshot(host, 'study-codes-1440');
    // Printed, the sheet stands alone: no menu, no buttons.
    await host.emulateMedia({ media: 'print' });
    expect(await host.getByRole('button', { name: 'In danh sách' }).isVisible()).toBe(false);
    await screenshot(host, 'study-codes-print');
    await host.emulateMedia({ media: 'screen' });
    await host.setViewportSize({ width: 390, height: 844 });
    await sheet.getByText(member.personalCode as string).waitFor();
    expect(await sheet.getByText(member.personalCode as string).isVisible()).toBe(true);
    expect((await sheet.getByText(member.personalCode as string).boundingBox())!.x + 40).toBeLessThan(390);
    await screenshot(host, 'study-codes-390');
    await host.setViewportSize({ width: 1440, height: 900 });
    expect(hostErrors).toEqual([]);
  });

  it('moves the coverage dashboard when members check in', async () => {
    current = 'coverage';
    const documentId = makeup.documents[0].id;
    await host.goto(`/study/coverage?documentId=${documentId}&orgId=${makeup.orgId}`);
    const studied = host.getByTestId('coverage-studied');
    await studied.waitFor();
    const read = async () => Number((await studied.locator('.ant-statistic-content-value').textContent())!.replace(/\D/g, ''));
    const before = await read();
    const phone = await apiClient(server.url);
    const { token } = await admin.get(`/study/points/${point.id}/qr`);
    for (const m of missing.slice(1, 4)) await phone.post('/study/checkin', { token, memberCode: m.code, personalCode: m.personalCode });
    await expect.poll(read, { timeout: 5_000, interval: 300 }).toBe(before + 3);
    await screenshot(host, 'study-coverage');
  });

  it('creates a make-up session for the absentees of a ward', async () => {
    current = 'makeup';
    await host.goto(`/study/sessions/${makeup.makeupOf}`);
    await host.getByTestId('create-makeup').click();
    const dialog = host.getByRole('dialog', { name: 'Tạo buổi học bù' });
    await dialog.waitFor();
    await pickOrg(host, 'makeup-org', 'binh thang', 'Đảng ủy phường Bình Thắng');
    await dialog.getByRole('button', { name: 'Tạo' }).click();
    await host.getByText('Điểm học bù — Đảng ủy phường Bình Thắng').waitFor();
    await host.getByText('Học bù', { exact: true }).first().waitFor();
    expect(await host.getByText('Học bù cho').count()).toBe(1);
    await screenshot(host, 'study-makeup');
  });

  it('takes a member’s reflection, accepted by the cell’s secretary', async () => {
    current = 'reflection';
    const member = missing[5]!;
    const password = `E2e-study-${stamp}-pw`;
    await admin.post('/users', {
      username: `dv${stamp}`,
      fullName: member.fullName,
      password,
      memberId: member.memberId,
      roles: [{ orgId: makeup.orgId, role: 'member' }],
    });
    await admin.post('/users', {
      username: `bt${stamp}`,
      fullName: 'Bí thư chi bộ',
      password,
      roles: [{ orgId: makeup.orgId, role: 'reporter' }],
    });

    const phone = await phonePage();
    await logIn(phone, `dv${stamp}`, password);
    await phone.goto('/study/me');
    const docs = phone.getByTestId('my-documents');
    await docs.getByRole('button', { name: 'Viết bài thu hoạch' }).first().click();
    await phone
      .getByLabel('Nội dung bài thu hoạch')
      .fill(
        'Qua học tập Nghị quyết, tôi nhận thức rõ hơn mục tiêu xây dựng đô thị thông minh và trách nhiệm nêu gương của đảng viên ở khu phố nơi cư trú.',
      );
    await phone.getByRole('button', { name: 'Nộp bài' }).click();
    await docs.getByText('Bài thu hoạch: Chờ duyệt').waitFor();

    const secretary = await phonePage();
    await secretary.setViewportSize({ width: 1280, height: 900 });
    await logIn(secretary, `bt${stamp}`, password);
    await secretary.goto('/study/reflections');
    const card = secretary.getByTestId(`reflection-${member.code}`);
    await card.getByRole('button', { name: 'Chấp nhận' }).click();
    await secretary.getByText(`Đã chấp nhận bài của đồng chí ${member.fullName}.`).waitFor();

    await phone.reload();
    await phone.getByTestId('my-documents').getByText('Bài thu hoạch: Đã chấp nhận').waitFor();
    await screenshot(phone, 'study-reflection-accepted');
  });

  it('edits a session in its drawer, with Vietnamese validation, and renames a bridge point', async () => {
    current = 'edit-session';
    await host.goto(`/study/sessions/${makeup.makeupOf}`);
    await host.getByTestId('edit-session').click();
    const drawer = host.getByRole('dialog', { name: 'Sửa hội nghị' });
    await drawer.waitFor();
    const title = drawer.getByTestId('session-title');
    const before = await title.inputValue();
    await title.fill('');
    await drawer.getByTestId('edit-session-save').click();
    await drawer.getByText('Hãy nhập tên hội nghị').first().waitFor();
    const renamed = `${before} (sửa ${stamp})`;
    await title.fill(renamed);
    await title.press('Enter');
    await host.getByText('Đã lưu hội nghị.').waitFor();
    await drawer.waitFor({ state: 'hidden' });
    await host.getByRole('heading', { name: renamed }).waitFor();

    const points = await admin.get(`/study/sessions/${makeup.makeupOf}/points`);
    const target = points[points.length - 1];
    await host.getByTestId(`edit-point-${target.id}`).click();
    const dialog = host.getByRole('dialog', { name: 'Sửa điểm cầu' });
    await dialog.getByLabel('Địa điểm').fill(`Hội trường ${stamp}`);
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await host.getByText('Đã lưu điểm cầu.').waitFor();
    await host.getByRole('cell', { name: `Hội trường ${stamp}` }).waitFor();
    await screenshot(host, 'study-session-edited');
    expect((await admin.get(`/study/sessions/${makeup.makeupOf}`)).title).toBe(renamed);
  });

  it('takes a reflection as a file, refusing a wrong type before sending', async () => {
    current = 'reflection-file';
    const member = missing[6]!;
    const password = `E2e-file-${stamp}-pw`;
    await admin.post('/users', {
      username: `tf${stamp}`,
      fullName: member.fullName,
      password,
      memberId: member.memberId,
      roles: [{ orgId: makeup.orgId, role: 'member' }],
    });
    const phone = await phonePage();
    await logIn(phone, `tf${stamp}`, password);
    await phone.goto('/study/me');
    const docs = phone.getByTestId('my-documents');
    await docs.getByRole('button', { name: 'Viết bài thu hoạch' }).first().click();
    const dialog = phone.getByRole('dialog');
    await dialog.getByText('Nộp tệp', { exact: true }).click();
    const input = dialog.locator('input[type=file]');
    let uploads = 0;
    phone.on('request', (r) => {
      if (r.url().includes('/reflections/upload')) uploads++;
    });
    await input.setInputFiles({ name: 'virus.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') });
    await dialog.getByRole('button', { name: 'Nộp bài' }).click();
    await dialog.getByText('Chỉ nhận tệp PDF, Word, văn bản hoặc ảnh.').waitFor();
    expect(uploads).toBe(0);
    await input.setInputFiles({
      name: 'bai-thu-hoach.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Bài thu hoạch học tập Nghị quyết: nhận thức, liên hệ bản thân, việc sẽ làm.'),
    });
    await dialog.getByTestId('reflection-file-name').getByText('bai-thu-hoach.txt').waitFor();
    await dialog.getByRole('button', { name: 'Nộp bài' }).click();
    await docs.getByText('Bài thu hoạch: Chờ duyệt').first().waitFor();
    const attached = phone.getByText('bai-thu-hoach.txt').first();
    await attached.waitFor();
    await attached.scrollIntoViewIfNeeded();
    expect(uploads).toBe(1);
    await screenshot(phone, 'study-reflection-file');
  });
});
