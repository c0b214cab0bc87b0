import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { pickOrg, screenshot } from './support/browser';
import { adminJourney } from './support/journey';

/**
 * Tasks from a resolution, on the demo: the province assigns a strategic breakthrough to every
 * ward committee under Thành ủy Dĩ An at once and finds the seven wards in the document's task
 * list; then attaches the signed copy, refused first for a wrong file type.
 */
describe('tasks and attachments of a document in the browser', () => {
  let page: Page;
  let pageErrors: string[];
  let current = '';
  const resolution = 'Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Bình Dương lần thứ XI, nhiệm kỳ 2020-2025';
  const breakthrough = 'Tập trung phát triển hạ tầng giao thông theo hướng đô thị hóa';

  const journey = adminJourney('documents-tasks', () => current, 'old-tree');
  beforeAll(() => {
    ({ page, errors: pageErrors } = journey);
  });

  it('assigns a breakthrough to every ward under Thành ủy Dĩ An and lists the tasks', async () => {
    current = 'bulk';
    await page.goto('/documents');
    await page.getByTestId('documents-table').getByRole('link', { name: resolution }).click();
    await page.getByTestId('document-title').waitFor();
    const row = page.getByTestId('items-table').locator('tr', { hasText: breakthrough });
    await row.getByRole('button', { name: 'Giao nhiệm vụ' }).click();
    const form = page.locator('form#task-form');
    await form.waitFor();
    // The dialog is still zooming in when it first shows: click until the bulk fields appear.
    const bulk = page.getByTestId('task-mode').getByText('Hàng loạt');
    await expect
      .poll(
        async () => {
          await bulk.click();
          return page.getByTestId('task-under-org').isVisible();
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    await pickOrg(page, 'task-under-org', 'thanh uy di an', 'Thành ủy Dĩ An');
    expect(await form.getByTestId('task-org-kind').textContent()).toContain('Đảng ủy xã, phường');
    await form.getByLabel('Hạn hoàn thành').fill('31/12/2025');
    // Enter takes the typed date and, as in every form of the app, submits it.
    await form.getByLabel('Hạn hoàn thành').press('Enter');
    await page.getByText('Đã giao nhiệm vụ cho 7 tổ chức').waitFor();
    await form.waitFor({ state: 'hidden' });

    await page.getByRole('tab', { name: 'Nhiệm vụ được giao' }).click();
    const tasks = page.getByTestId('tasks-table');
    // The demo's reports already track tasks from another item; ours are the ones due 31/12/2025.
    const ours = tasks.locator('tbody tr', { hasText: '31/12/2025' });
    await ours.filter({ hasText: 'Đảng ủy phường Tân Đông Hiệp' }).waitFor();
    expect(await ours.count()).toBe(7);
    const ward = ours.filter({ hasText: 'Đảng ủy phường Tân Đông Hiệp' });
    expect(await ward.textContent()).toContain('Chưa thực hiện');
    expect(await ward.textContent()).toContain(breakthrough);
    expect(await ward.textContent()).toContain('Đột phá 4');
    await ward.scrollIntoViewIfNeeded();
    await screenshot(page, 'documents-tasks');
  });

  it('refuses a file that is not PDF or Word, in Vietnamese, then attaches the signed PDF', async () => {
    current = 'files';
    await page.getByRole('tab', { name: /Tệp đính kèm/ }).click();
    const panel = page.getByTestId('files-panel');
    const input = panel.locator('input[type=file]');
    await input.setInputFiles({ name: 'bien-ban.txt', mimeType: 'text/plain', buffer: Buffer.from('không phải bản ký') });
    await panel.getByTestId('upload-error').getByText('Tệp bien-ban.txt không phải PDF hoặc Word').waitFor();
    await input.setInputFiles({ name: 'NQ-01-ban-ky.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await panel.getByRole('link', { name: 'NQ-01-ban-ky.pdf' }).waitFor();
    expect(await page.getByRole('tab', { name: /Tệp đính kèm/ }).textContent()).toContain('(1)');
    await screenshot(page, 'documents-files');
    expect(pageErrors).toEqual([]);
  });
});
