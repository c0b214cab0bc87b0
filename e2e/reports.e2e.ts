import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer } from '../src/server/test/app-server';
import { launchBrowser, logIn, newAppPage, screenshot } from './support/browser';

/**
 * Periodic reports on the demo, as the people who use them: a ward of Dĩ An submits its
 * quarterly report, the city's approver returns it with a comment, the ward resubmits, the city
 * approves, and the province's dashboard counts it; then a provincial leader asks the city for
 * an explanation of a red target and reads the city's answer.
 */
describe('reports, approval and explanations in the browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  const pages: Page[] = [];
  const errors: string[][] = [];
  let current = '';
  let last: Page | null = null;
  let documentId = 0;
  const password = 'Resolute-e2e-2026!';
  const ward = 'Đảng ủy phường Bình An';
  const question = 'Đề nghị Thành ủy Dĩ An giải trình vì sao GRDP chưa đạt lộ trình (e2e).';
  const answerText = 'Thành ủy Dĩ An đã rà soát: dự án lớn chậm giải ngân; sẽ bù trong quý tới (e2e).';

  /** The admin's API session: users are created here, not through the users page. */
  async function adminApi() {
    const base = server.url;
    const csrfRes = await fetch(`${base}/api/auth/csrf`);
    let cookie = (csrfRes.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
    const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, cookie },
      body: JSON.stringify({ username: 'admin', password: server.adminPassword }),
    });
    expect(login.status).toBe(200);
    const session = (login.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]);
    cookie = [cookie, ...session].filter(Boolean).join('; ');
    const me = (await login.json()) as { csrfToken: string };
    const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${base}/api${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken, cookie },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };
    return call;
  }

  async function pageAs(username: string, pw = password): Promise<Page> {
    const { page, errors: pageErrors } = await newAppPage(browser, server.url);
    pages.push(page);
    errors.push(pageErrors);
    await logIn(page, username, pw);
    last = page;
    return page;
  }

  async function openReport(page: Page, tab: 'write' | 'approve') {
    await page.goto('/reports');
    await page.getByTestId(`reports-tab-${tab}`).click();
    const row = page
      .getByTestId('reports-table')
      .locator('tr', { hasText: ward })
      .filter({ hasText: 'Quý IV/2024' })
      .filter({ hasText: '01-NQ/TU' });
    await row.getByRole('link', { name: ward }).click();
    await page.getByTestId('report-title').waitFor();
  }

  const status = (page: Page) => page.getByTestId('report-status').textContent();

  beforeAll(async () => {
    server = await startTestServer('old-tree');
    browser = await launchBrowser();
    const api = await adminApi();
    const docs = await api<{ items: { id: number; symbol: string; orgName: string }[] }>('GET', '/documents?pageSize=100');
    documentId = docs.items.find((d) => d.symbol === '01-NQ/TU' && d.orgName === 'Tỉnh ủy Bình Dương')!.id;
    const reports = await api<{ items: { orgId: number; orgName: string }[] }>(
      'GET',
      `/reports?documentId=${documentId}&periodKey=2024-Q4&pageSize=100`,
    );
    const orgId = (name: string) => reports.items.find((r) => r.orgName === name)!.orgId;
    const users: [string, string, string, string][] = [
      ['e2e.ward', 'Cán bộ phường Bình An', 'reporter', ward],
      ['e2e.city.approver', 'Lãnh đạo Thành ủy Dĩ An', 'approver', 'Thành ủy Dĩ An'],
      ['e2e.city.reporter', 'Văn phòng Thành ủy Dĩ An', 'reporter', 'Thành ủy Dĩ An'],
      ['e2e.province', 'Lãnh đạo Tỉnh ủy', 'approver', 'Tỉnh ủy Bình Dương'],
    ];
    for (const [username, fullName, role, org] of users) {
      await api('POST', '/users', { username, fullName, password, roles: [{ orgId: orgId(org), role }] });
    }
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && last) await screenshot(last, `failed-reports-${current}`).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a ward submits, the city returns with a comment, the ward resubmits and the city approves; the province counts it', async () => {
    current = 'workflow';
    const province = await pageAs('e2e.province');
    // The dashboard opens on today; the journey's reports are of Q4 2024, picked explicitly.
    const pickQ4 = async () => {
      await province.getByTestId('dashboard-title').waitFor();
      await province.getByTestId('period-pick').click();
      await province.locator('.ant-select-item-option', { hasText: 'Quý IV/2024' }).click();
      await province.getByTestId('completeness').filter({ hasText: 'Quý IV/2024' }).waitFor();
    };
    await province.goto(`/dashboard/${documentId}`);
    await pickQ4();
    const before = await province.getByTestId('completeness-submitted').textContent();
    const approvedBefore = Number(await province.getByTestId('completeness-approved').textContent());
    const [inBefore, expected] = before!.split('/').map((x) => Number(x.replace(/\./g, '')));

    const wardPage = await pageAs('e2e.ward');
    await openReport(wardPage, 'write');
    expect(await status(wardPage)).toBe('Đang lập');
    await wardPage.getByLabel('Kết quả đã thực hiện').first().fill('Đã chỉnh trang 3 tuyến đường khu phố Bình Đường.');
    await wardPage.getByTestId('report-narrative').fill('Quý 4/2024 phường Bình An hoàn thành kế hoạch chỉnh trang đô thị.');
    await wardPage.getByTestId('report-submit').click();
    await expect.poll(() => status(wardPage)).toBe('Chờ duyệt');

    const city = await pageAs('e2e.city.approver');
    await openReport(city, 'approve');
    await city.getByTestId('report-return').click();
    await city.getByTestId('return-comment-input').fill('Đề nghị bổ sung số liệu cụ thể về các tuyến đường.');
    await city.getByRole('dialog').getByRole('button', { name: 'Trả lại' }).click();
    await expect.poll(() => status(city)).toBe('Bị trả lại');

    await openReport(wardPage, 'write');
    expect(await wardPage.getByTestId('return-comment').textContent()).toContain('bổ sung số liệu cụ thể');
    await wardPage.getByTestId('report-narrative').fill('Quý 4/2024 phường Bình An chỉnh trang 3 tuyến đường, tổng chiều dài 2,4 km.');
    await wardPage.getByTestId('report-submit').click();
    await expect.poll(() => status(wardPage)).toBe('Chờ duyệt');

    await openReport(city, 'approve');
    await city.getByTestId('report-approve').click();
    await expect.poll(() => status(city)).toBe('Đã duyệt');
    const history = city.getByTestId('report-history');
    expect(await history.textContent()).toContain('Đề nghị bổ sung số liệu cụ thể');
    expect(await history.locator('.ant-timeline-item').count()).toBe(4);
    await screenshot(city, 'reports-approved');

    await province.reload();
    await pickQ4();
    await expect.poll(() => province.getByTestId('completeness-submitted').textContent()).toBe(`${inBefore! + 1}/${expected}`);
    expect(Number(await province.getByTestId('completeness-approved').textContent())).toBe(approvedBefore + 1);
    await screenshot(province, 'reports-province-dashboard');

    // The number opens the list behind it, and the city's row drills down (the back button returns).
    await province.getByTestId('count-reports').click();
    await province.getByTestId('drill-drawer').getByRole('link', { name: ward }).waitFor();
    await province.keyboard.press('Escape');
    await province.getByTestId('children-table').getByRole('button', { name: 'Thành ủy Dĩ An' }).click();
    await expect.poll(() => province.getByTestId('dashboard-title').textContent()).toContain('Thành ủy Dĩ An');
    expect(province.url()).toMatch(/orgId=\d+/);
    await province.goBack();
    await expect.poll(() => province.getByTestId('dashboard-title').textContent()).toContain('Tỉnh ủy Bình Dương');
  });

  it('a provincial leader asks the city for an explanation of a red target and reads its answer', async () => {
    current = 'explanation';
    const province = pages[0]!;
    last = province;
    const grdp = province.getByTestId('targets-table').locator('tr', { hasText: 'Tổng sản phẩm trên địa bàn tỉnh (GRDP)' });
    await grdp.getByRole('button', { name: 'Yêu cầu giải trình' }).click();
    const dialog = province.getByRole('dialog');
    await dialog.getByTestId('explanation-org').click();
    await province.keyboard.type('Thành ủy Dĩ An');
    await province.keyboard.press('Enter');
    await dialog.getByTestId('explanation-question').fill(question);
    await dialog.getByRole('button', { name: 'Gửi' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const cityReporter = await pageAs('e2e.city.reporter');
    await cityReporter.goto('/my-work');
    const item = cityReporter.getByTestId('my-work-explanations').locator('.ant-list-item', { hasText: question });
    await item.getByRole('button', { name: 'Giải trình' }).click();
    const drawer = cityReporter.getByRole('dialog');
    await drawer.getByTestId('explanation-answer-input').fill(answerText);
    await drawer.getByTestId('explanation-answer').click();
    await expect.poll(() => drawer.getByTestId('explanation-status').textContent()).toBe('Đã giải trình');

    last = province;
    await province.reload();
    await province.getByTestId('dashboard-title').waitFor();
    await grdp.getByRole('button', { name: /Trao đổi/ }).click();
    const thread = province.getByTestId('explanations-drawer').locator('.ant-card', { hasText: question });
    await expect.poll(() => thread.textContent()).toContain(answerText);
    await province.waitForTimeout(400); // the drawer's slide-in, for a clean screenshot
    expect(await thread.getByTestId('explanation-status').textContent()).toBe('Đã giải trình');
    await screenshot(province, 'reports-explanation-answered');
  });

  it('the owner publishes chosen targets; anyone with the link reads them without logging in', async () => {
    current = 'public';
    const admin = await pageAs('admin', server.adminPassword);
    await admin.goto(`/dashboard/${documentId}`);
    await admin.getByTestId('share-open').click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByTestId('share-enabled').click();
    await dialog.getByRole('checkbox', { name: 'Thu ngân sách tăng' }).check();
    await dialog.getByTestId('share-save').click();
    const url = await dialog.getByTestId('share-url').inputValue();
    expect(url).toMatch(/\/public\/dashboards\/[A-Za-z0-9_-]{16,}$/);

    const { page: visitor, errors: visitorErrors } = await newAppPage(browser, server.url);
    errors.push(visitorErrors);
    last = visitor;
    await visitor.goto(new URL(url).pathname);
    await visitor.getByTestId('public-dashboard').getByText('Thu ngân sách tăng').waitFor();
    expect(await visitor.getByTestId('public-dashboard').textContent()).not.toContain('Thu hút đầu tư nước ngoài');
    expect(await visitor.getByLabel('Tên đăng nhập').count()).toBe(0);
    await screenshot(visitor, 'reports-public-dashboard');
    expect(errors.flat()).toEqual([]);
  });
});
