import { describe, expect, it } from 'vitest';
import { screenshot } from './support/browser';
import { adminJourney } from './support/journey';

type Candidate = { id: number; orgId: number; fullName: string; missingSteps: string[]; status: string };

/**
 * The organization department takes a demo candidate through every admission step to the
 * ceremony; the Bloc's figures count the new member at once; the overdue reviews are listed.
 */
describe('party building from the member registry in the browser', () => {
  let current = '';
  const journey = adminJourney('registry', () => current);

  it('lists the overdue reviews and the figures with their people one click away', async () => {
    current = 'overdue';
    const { page } = journey;
    await page.goto('/registry');
    await page.getByRole('heading', { name: 'Công tác phát triển đảng viên' }).waitFor();
    await page.getByTestId('figure-admitted').waitFor();
    await page.getByRole('button', { name: /Danh sách: Kết nạp đảng viên mới/ }).click();
    await page
      .getByRole('dialog')
      .getByText(/Tổng số: [1-9]/)
      .waitFor();
    await screenshot(page, 'registry-drill');
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: 'Quá hạn chuyển chính thức' }).click();
    const rows = page.locator('tr.ant-table-row:visible');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await rows.first().textContent()).toMatch(/\d{2}\/\d{2}\/\d{4}/);
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'registry-overdue-390');
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, 'registry-overdue');
  });

  it('admits a candidate through every step, and the figure moves', async () => {
    current = 'admit';
    const { page } = journey;
    const { items } = (await (await page.request.get(`/api/registry/candidates?orgId=${await rootId()}`)).json()) as { items: Candidate[] };
    const c = items.find((x) => x.status === 'in_progress' && x.missingSteps[0] === 'course')!;
    const before = await admittedCount();
    await page.getByRole('tab', { name: 'Quần chúng ưu tú' }).click();
    const row = page.locator('tr.ant-table-row:visible', { hasText: c.fullName });
    const dialog = page.getByRole('dialog');
    const step = async (date: string, fill?: (d: typeof dialog) => Promise<void>) => {
      await row.getByRole('button').click();
      await dialog.waitFor();
      if (fill) await fill(dialog);
      await dialog.getByLabel('Ngày', { exact: true }).fill(date);
      await dialog.getByLabel('Ngày', { exact: true }).press('Enter');
      // The dialog closes once the list shows the next step: a refresh, slow on a busy machine.
      await dialog.waitFor({ state: 'hidden', timeout: 45_000 });
    };
    await step('01/08/2025');
    await step('20/08/2025', async (d) => {
      // The picker offers the official members of the candidate's cell; two are taken.
      await d.getByLabel('Người giới thiệu').click();
      const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
      await options.nth(1).waitFor();
      // Picked by name, not by place: the list may redraw between two clicks on a busy machine.
      const names = (await options.allTextContents()).slice(0, 2);
      for (const name of names) {
        const option = options.filter({ hasText: name }).first();
        if ((await option.getAttribute('aria-selected')) !== 'true') await option.click();
      }
      await expect.poll(() => d.locator('.ant-select-selection-item').count()).toBe(2);
    });
    await step('05/09/2025', (d) => d.getByLabel(/nghị quyết/).fill('Nghị quyết số 12-NQ/CB'));
    await step('20/09/2025', (d) => d.getByLabel(/nghị quyết/).fill('Quyết định số 345-QĐ/ĐUK'));
    await expect.poll(() => row.textContent()).toContain('Chờ lễ kết nạp');
    await step('01/10/2025', (d) => d.getByLabel('Mã đảng viên').fill(`KN-E2E-${c.id}`));
    await expect.poll(() => row.textContent()).toContain('Đã kết nạp 01/10/2025');
    await screenshot(page, 'registry-admitted');
    expect(await admittedCount()).toBe(before + 1);
    expect(journey.errors).toEqual([]);

    async function rootId() {
      const me = (await (await page.request.get('/api/auth/me')).json()) as { grants: { orgId: number }[] };
      return me.grants[0]!.orgId;
    }
    async function admittedCount() {
      const res = await page.request.get(`/api/registry/indicators?orgId=${await rootId()}&from=2021-01-01&to=2025-12-31`);
      return ((await res.json()) as { figures: { admitted: number } }).figures.admitted;
    }
  });
});
