import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { startTestServer } from '../src/server/test/app-server';
import { launchBrowser, logIn, newAppPage, pickOrg, screenshot } from './support/browser';

/**
 * The journeys that matter most, in the order a new secretary of a committee lives them:
 * log in, find an org, add a member, import a file with a mistake in it, see it all in the log.
 * They share one server and one logged-in page; each ends with a screenshot of its last page.
 */
describe('Resolute in the browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  let current = '';
  const workDir = mkdtempSync(join(tmpdir(), 'resolute-e2e-files-'));
  const stamp = Date.now().toString().slice(-6);
  const newMember = { name: 'Nguyễn Thị Ánh Tuyết', code: `E2E.${stamp}` };

  beforeAll(async () => {
    server = await startTestServer('old-tree');
    browser = await launchBrowser();
    ({ page, errors: pageErrors } = await newAppPage(browser, server.url));
  });

  afterEach(async (ctx) => {
    // A failed journey leaves its screen behind for whoever reads the report.
    if (ctx.task.result?.state === 'fail' && page) await screenshot(page, `failed-${current}`).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('logs in, after a wrong password is refused in Vietnamese', async () => {
    current = 'login';
    await page.goto('/');
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await page.getByLabel('Tên đăng nhập').fill('admin');
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/mật khẩu không đúng/i);

    await logIn(page, 'admin', server.adminPassword);
    expect(await page.getByTestId('current-user').textContent()).toBeTruthy();
    await page.getByRole('heading', { name: 'Cơ cấu tổ chức' }).waitFor();
    await screenshot(page, 'login');
  });

  it('finds an org by a search typed without diacritics', async () => {
    current = 'org-search';
    await page.goto('/orgs');
    await page.getByPlaceholder('Tìm tổ chức đảng theo tên hoặc mã').fill('dang uy khoi');
    const hit = page
      .getByTestId('org-search-hits')
      .getByRole('button', { name: /Đảng ủy Khối/ })
      .first();
    await hit.waitFor();
    await hit.click();
    const detail = page.getByTestId('org-detail');
    await detail.getByRole('heading', { name: /Đảng ủy Khối/ }).waitFor();
    expect(await detail.textContent()).toContain('Đảng viên toàn đảng bộ');
    await screenshot(page, 'org-search');
  });

  it('adds a member with the drawer, submitting with Enter', async () => {
    current = 'add-member';
    await page.goto('/members');
    await page.getByRole('button', { name: 'Thêm đảng viên' }).click();
    const drawer = page.getByRole('dialog', { name: 'Thêm đảng viên' });
    await drawer.waitFor();
    await pickOrg(page, 'member-org', 'chi bo so tu phap', 'Chi bộ Sở Tư pháp');
    await drawer.getByLabel('Họ và tên').fill(newMember.name);
    await drawer.getByLabel('Mã đảng viên').fill(newMember.code);
    await drawer.getByLabel('Nữ').check();
    await drawer.getByLabel('Mã đảng viên').press('Enter');
    await drawer.waitFor({ state: 'hidden' });

    await page.getByPlaceholder('Tìm theo tên hoặc mã').fill(newMember.code);
    await page.getByPlaceholder('Tìm theo tên hoặc mã').press('Enter');
    await page.getByText('Tổng số 1 đảng viên').waitFor();
    await page.getByTestId('members-table').getByRole('cell', { name: newMember.name, exact: true }).waitFor();
    await screenshot(page, 'add-member');
  });

  it('previews an import file and shows the error of its bad row, writing nothing', async () => {
    current = 'import';
    const file = join(workDir, 'dang-vien.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Đảng viên');
    ws.addRow([
      'Mã đảng viên',
      'Họ và tên',
      'Giới tính',
      'Ngày sinh',
      'Ngày vào Đảng',
      'Trạng thái',
      'Mã chi bộ',
      'Chi bộ',
      'DN ngoài khu vực Nhà nước',
      'Điện thoại',
      'Email',
    ]);
    ws.addRow([`IMP.${stamp}.1`, 'Trần Văn Bình', 'Nam', '15/03/1985', '20/05/2010', 'Chính thức', 'BD.KHOI.STP', '', '', '', '']);
    ws.addRow([`IMP.${stamp}.2`, 'Lê Thị Cúc', 'X', '01/01/1990', '', 'Chính thức', 'BD.KHOI.STP', '', '', '', '']);
    await wb.xlsx.writeFile(file);

    await page.goto('/members');
    await page.getByRole('button', { name: 'Nhập từ Excel' }).click();
    const modal = page.getByRole('dialog', { name: 'Nhập đảng viên từ tệp Excel' });
    await modal.waitFor();
    await pickOrg(page, 'import-org', 'dang uy khoi', 'Đảng ủy Khối');
    await modal.locator('input[type=file]').setInputFiles(file);
    await modal.getByRole('button', { name: 'Xem trước' }).click();

    const preview = page.getByTestId('import-preview');
    await preview.waitFor();
    const errorRow = preview.getByTestId('import-row-error').first();
    await errorRow.waitFor();
    expect(await errorRow.textContent()).toMatch(/Giới tính "X" không hợp lệ/);
    expect(await preview.getByRole('button', { name: 'Xác nhận nhập' }).isDisabled()).toBe(true);
    await screenshot(page, 'import-error');

    await modal
      .getByRole('button', { name: /Hủy|Đóng/ })
      .first()
      .click();
    await page.getByPlaceholder('Tìm theo tên hoặc mã').fill(`IMP.${stamp}`);
    await page.getByPlaceholder('Tìm theo tên hoặc mã').press('Enter');
    await page.getByText('Chưa có đảng viên nào phù hợp').waitFor();
  });

  it('shows the new member in the audit log, with the values it was created with', async () => {
    current = 'audit';
    await page.goto('/audit');
    const table = page.getByTestId('audit-table');
    const row = table.getByRole('row').filter({ hasText: newMember.code }).first();
    await row.waitFor();
    expect(await row.textContent()).toContain('Thêm mới');
    await row.getByRole('button', { name: /Mở rộng|Expand/i }).click();
    await table.getByText(newMember.name).first().waitFor();
    await screenshot(page, 'audit');
    expect(pageErrors).toEqual([]);
  });
});
