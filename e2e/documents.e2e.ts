import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './support/browser';
import { adminJourney } from './support/journey';

/**
 * The cascade in the browser, on the demo: a ward committee enters a target the way the
 * resolution writes it ("8,5-8,7" and "%/năm"), links it to the provincial target, sees it in
 * the top-down view of that target, and finds the wards still without a plan in the gap view.
 */
describe('documents and the cascade in the browser', () => {
  let page: Page;
  let pageErrors: string[];
  let current = '';
  const wardPlan = 'Kế hoạch thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XI của Đảng ủy phường Tân Đông Hiệp';
  const targetText = 'Giá trị sản xuất trên địa bàn phường tăng bình quân';

  const journey = adminJourney('documents', () => current, 'old-tree');
  beforeAll(() => {
    ({ page, errors: pageErrors } = journey);
  });

  it('enters a target with a range in Vietnamese notation', async () => {
    current = 'target';
    await page.goto('/documents');
    await page.getByTestId('documents-table').getByRole('link', { name: wardPlan }).click();
    await page.getByTestId('document-title').waitFor();
    await page.getByTestId('add-item').click();
    const form = page.locator('form#item-form');
    await form.waitFor();
    await form.getByLabel('Nội dung').fill(targetText);
    await form.getByLabel('Chỉ số').click();
    await page.keyboard.type('GRDP');
    // The catalog loads when the dialog opens: pick the option by name, not the first one Enter would take.
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'Tốc độ tăng trưởng tổng sản phẩm' }).click();
    await form.getByLabel('Giá trị', { exact: true }).fill('8,5-8,7');
    await form.getByLabel('Đơn vị tính').fill('%/năm');
    await expect.poll(() => form.getByTestId('target-preview').textContent()).toContain('8,5–8,7%/năm');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.waitFor({ state: 'hidden' });
    const row = page.getByTestId('items-table').locator('tr', { hasText: targetText });
    await expect.poll(() => row.getByTestId('item-statement').textContent()).toBe('8,5–8,7%/năm');
    await screenshot(page, 'documents-target');
  });

  it('links the ward plan’s target to the provincial target', async () => {
    current = 'link';
    const row = page.getByTestId('items-table').locator('tr', { hasText: targetText });
    await row.getByRole('button', { name: 'Liên kết' }).click();
    const modal = page.getByRole('dialog');
    const suggestion = modal
      .getByTestId('link-suggestions')
      .locator('.ant-list-item', { hasText: '01-NQ/TU' })
      .filter({ hasText: 'Tổng sản phẩm trên địa bàn tỉnh' });
    // Same indicator first: the provincial GRDP target leads the suggestions.
    await expect.poll(() => suggestion.textContent()).toContain('cùng chỉ số');
    await suggestion.getByRole('button', { name: 'Liên kết' }).click();
    await suggestion.getByText('Đã liên kết').waitFor();
    await screenshot(page, 'documents-link');
    await modal.getByRole('button', { name: 'Xong' }).click();
    await expect.poll(() => row.textContent()).toContain('Cụ thể hóa');
  });

  it('shows the ward in the top-down view of the provincial target', async () => {
    current = 'top-down';
    const row = page.getByTestId('items-table').locator('tr', { hasText: targetText });
    await row.getByRole('link', { name: /01-NQ\/TU/ }).click();
    await page.getByTestId('cascade-title').waitFor();
    expect(await page.getByTestId('cascade-title').textContent()).toContain('Tổng sản phẩm trên địa bàn tỉnh');
    const children = page.getByTestId('cascade-children');
    await children.getByText('Đảng ủy phường Tân Đông Hiệp').waitFor();
    expect(await children.textContent()).toContain('Thành ủy Dĩ An');
    expect(await children.textContent()).toContain('8,5–8,7%/năm');
    await screenshot(page, 'documents-top-down');
  });

  it('finds the wards without a plan in the gap view', async () => {
    current = 'gaps';
    await page.getByRole('link', { name: '01-NQ/TU' }).first().click();
    await page.getByTestId('document-title').waitFor();
    await page.getByRole('tab', { name: 'Khoảng trống triển khai' }).click();
    const missing = page.getByTestId('gap-missing-orgs');
    await missing.waitFor();
    await page.getByRole('spinbutton', { name: 'Số cấp' }).fill('2');
    await missing.getByText('Đảng ủy phường Bình Thắng').waitFor();
    expect(await missing.textContent()).toContain('Đảng ủy phường Tân Đông Hiệp');
    expect(await missing.textContent()).not.toContain('Thành ủy Dĩ An');
    await page.getByTestId('gap-count-untaken').click();
    await page.getByTestId('gap-untaken-items').waitFor();
    await screenshot(page, 'documents-gaps');
    expect(pageErrors).toEqual([]);
  });
});
