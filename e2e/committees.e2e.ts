import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { startTestServer } from '../src/server/test/app-server';
import { logIn, screenshot } from './support/browser';
import { adminJourney } from './support/journey';

/**
 * A ward secretary records the ward's standing committee, then adds a deputy secretary to it
 * by keyboard; finally the user changes their own password, which ends the session.
 * The journeys share one server and one page and run in order.
 */
describe('Committees and the own account', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let page: Page;
  let pageErrors: string[];
  let current = '';
  const ward = 'Đảng ủy phường Tân Đông Hiệp';
  const term = '2020-2025';

  const journey = adminJourney('committees', () => current, 'old-tree');
  beforeAll(() => {
    ({ page, server, errors: pageErrors } = journey);
  });

  async function openWard() {
    await page.goto('/orgs');
    await page.getByPlaceholder('Tìm tổ chức đảng theo tên hoặc mã').fill('phuong tan dong hiep');
    const hit = page
      .getByTestId('org-search-hits')
      .getByRole('button', { name: new RegExp(ward) })
      .first();
    await hit.click();
    await page.getByTestId('org-detail').getByRole('heading', { name: ward }).waitFor();
  }

  it('records the standing committee of a ward with its secretary', async () => {
    current = 'committee-create';
    await openWard();
    await page.getByRole('button', { name: 'Thêm cấp ủy' }).click();
    const dialog = page.getByRole('dialog', { name: /Thêm cấp ủy/ });
    await dialog.waitFor();
    await dialog.getByLabel('Cơ quan').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'Ban Thường vụ' }).click();
    await dialog.getByLabel('Nhiệm kỳ').fill(term);
    await dialog.getByLabel('Số lượng ủy viên').fill('5');
    await dialog.getByLabel('Họ và tên 1').fill('Nguyễn Văn Hùng');
    await dialog.getByLabel('Chức danh 1').fill('Bí thư Đảng ủy phường');
    await dialog.getByLabel('Chức danh 1').press('Enter');
    await dialog.waitFor({ state: 'hidden' });

    const card = page.getByTestId(`committee-standing-${term}`);
    await card.waitFor();
    expect(await card.textContent()).toContain('Nguyễn Văn Hùng — Bí thư, Bí thư Đảng ủy phường');
  });

  it('adds a deputy secretary by keyboard and sees the committee listed in order', async () => {
    current = 'committee';
    await page.getByRole('button', { name: `Sửa Ban Thường vụ nhiệm kỳ ${term.replace('-', '–')}` }).click();
    const dialog = page.getByRole('dialog', { name: /Sửa Ban Thường vụ/ });
    await dialog.waitFor();
    await expect.poll(() => dialog.getByTestId('committee-seat-count').textContent()).toBe('Đã nhập 1/5 người');

    // A member first, then the deputy, who is moved above the member with Alt+↑.
    await dialog.getByRole('button', { name: 'Thêm người' }).press('Enter');
    await page.keyboard.type('Trần Thị Mai');
    await dialog.getByRole('button', { name: 'Thêm người' }).press('Enter');
    await page.keyboard.type('Lê Quang Vinh');
    await dialog.getByLabel('Chức vụ 3').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: /^Phó Bí thư$/ })
      .click();
    await dialog.getByLabel('Chức danh 3').fill('Chủ tịch UBND phường');
    await dialog.getByLabel('Chức danh 3').press('Alt+ArrowUp');
    expect(await dialog.getByLabel('Họ và tên 2').inputValue()).toBe('Lê Quang Vinh');
    expect(await dialog.getByLabel('Họ và tên 3').inputValue()).toBe('Trần Thị Mai');
    // The focus moved with the row.
    await expect.poll(() => dialog.getByLabel('Chức danh 2').evaluate((el) => el === document.activeElement)).toBe(true);
    await expect.poll(() => dialog.getByTestId('committee-seat-count').textContent()).toBe('Đã nhập 3/5 người');
    await screenshot(page, 'committee-form');

    // Removing a row by keyboard, then taking it back, leaves the focus in the list.
    await dialog.getByRole('button', { name: 'Bỏ người 3' }).press('Enter');
    await expect.poll(() => dialog.getByTestId('committee-seat-count').textContent()).toBe('Đã nhập 2/5 người');
    await dialog.getByRole('button', { name: 'Thêm người' }).press('Enter');
    await page.keyboard.type('Trần Thị Mai');

    // Fewer seats than people is refused before it reaches the server.
    await dialog.getByLabel('Số lượng ủy viên').fill('2');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.getByText('Số lượng phải ít nhất bằng số người đã nhập (3)').waitFor();
    await dialog.getByLabel('Số lượng ủy viên').fill('5');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const card = page.getByTestId(`committee-standing-${term}`);
    const items = card.getByRole('listitem');
    await expect.poll(() => items.count()).toBe(3);
    expect(await items.allTextContents()).toEqual([
      'Nguyễn Văn Hùng — Bí thư, Bí thư Đảng ủy phường',
      'Lê Quang Vinh — Phó Bí thư, Chủ tịch UBND phường',
      'Trần Thị Mai — Ủy viên',
    ]);
    expect(await card.textContent()).toContain('Đã nhập 3 người');
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'committee');
  });

  it('changes the own password, ends the session and logs in with the new one', async () => {
    current = 'password';
    const newPassword = 'Mat-khau-moi-2025';
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Đổi mật khẩu' }).click();
    const dialog = page.getByRole('dialog', { name: 'Đổi mật khẩu' });
    await dialog.waitFor();
    await dialog.getByLabel('Mật khẩu hiện tại').fill('sai-mat-khau-cu');
    await dialog.getByLabel('Mật khẩu mới', { exact: true }).fill('ngan');
    await dialog.getByLabel('Nhập lại mật khẩu mới').fill('ngan');
    await dialog.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await dialog.getByText('Mật khẩu cần ít nhất 10 ký tự').waitFor();

    await dialog.getByLabel('Mật khẩu mới', { exact: true }).fill(newPassword);
    await dialog.getByLabel('Nhập lại mật khẩu mới').fill(newPassword);
    await dialog.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await dialog.getByText('Mật khẩu hiện tại không đúng.').waitFor();

    await dialog.getByLabel('Mật khẩu hiện tại').fill(server.adminPassword);
    await dialog.getByLabel('Mật khẩu hiện tại').press('Enter');
    const notice = page.locator('.ant-notification-notice').filter({ hasText: 'Đã đổi mật khẩu' });
    await notice.waitFor();
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    // Let the notice finish fading in for the screenshot; an animation the page cancels (the
    // route change re-renders) rejects its promise, which only means it is over.
    await notice.evaluate((el) => Promise.allSettled(el.getAnimations({ subtree: true }).map((a) => a.finished)));
    await screenshot(page, 'password-changed');

    await logIn(page, 'admin', newPassword);
    await page.getByRole('heading', { name: 'Cơ cấu tổ chức' }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
