import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { pageApi, screenshot } from './support/browser';
import { adminJourney } from './support/journey';

/**
 * The new term: the city drafts a resolution of the 2025–2030 term; the carry-over wizard lists
 * what Bình Dương's 2020–2025 resolution left (targets not reached, unfinished tasks), the
 * user ticks some, picks the new draft, previews and confirms; the new document shows where
 * each item came from, and the old one where it went.
 */
describe('Carry-over into the new term in the browser', () => {
  let page: Page;
  let errors: string[];
  let current = '';
  const journey = adminJourney('carry-over', () => current);

  const api = (method: string, path: string, body?: unknown) => pageApi(page, method, path, body);
  const choose = async (testId: string, typed: string, option: string) => {
    await page.getByTestId(testId).click();
    await page.keyboard.type(typed);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
  };

  beforeAll(() => {
    ({ page, errors } = journey);
  });

  it('carries targets not reached and an unfinished task of Bình Dương 2020–2025 into a 2025–2030 resolution of the city', async () => {
    current = 'setup';
    const city = (
      (await api('GET', `/orgs/search?q=${encodeURIComponent('Thành ủy Thành phố Hồ Chí Minh')}`)).json as unknown as { id: number }[]
    )[0]!;
    const draft = await api('POST', '/documents', {
      orgId: city.id,
      kind: 'resolution',
      term: '2025-2030',
      title: 'Nghị quyết về phát triển khoa học, công nghệ và chuyển đổi số của Thành phố',
    });
    expect(draft.status, JSON.stringify(draft.json)).toBe(201);
    expect(draft.json.symbol).toBe('02-NQ/TU');

    current = 'pick-source';
    await page.goto('/carry-over');
    await choose('source-select', 'Bình Dương lần thứ XI', 'Đảng bộ tỉnh Bình Dương lần thứ XI');
    await page.getByTestId('to-checklist').click();

    current = 'checklist';
    const targets = page.getByTestId('group-targets');
    await targets.waitFor();
    await expect.poll(() => targets.getByRole('checkbox').count()).toBeGreaterThan(1);
    await targets.getByRole('checkbox').nth(0).check();
    await targets.getByRole('checkbox').nth(1).check();
    const tasks = page.getByTestId('group-tasks');
    await tasks.getByRole('checkbox').first().check();
    await screenshot(page, 'carry-over-checklist');
    await page.getByTestId('to-target').click();

    current = 'pick-target';
    await choose('target-select', '02-NQ/TU', '02-NQ/TU');
    await page.getByTestId('to-preview').click();
    const preview = page.getByTestId('preview');
    await preview.waitFor();
    await expect.poll(async () => preview.locator('.ant-list-item').count()).toBe(3);
    await expect.poll(async () => (await preview.textContent()) ?? '').toContain('Nguồn: 01-NQ/TU, nhiệm kỳ 2020–2025');

    current = 'confirm';
    await page.getByTestId('confirm-carry').click();
    await page.getByTestId('open-target').click();

    current = 'new-document';
    const links = page.getByTestId('carry-links');
    await links.waitFor();
    await expect.poll(async () => links.locator('.ant-list-item').count()).toBe(3);
    await expect.poll(async () => (await links.textContent()) ?? '').toContain('từ 01-NQ/TU của Tỉnh ủy Bình Dương, nhiệm kỳ 2020–2025');
    await screenshot(page, 'carry-over-new-document');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'carry-over-new-document-phone');
    await page.setViewportSize({ width: 1440, height: 900 });

    current = 'old-document';
    await links.getByRole('link', { name: '01-NQ/TU' }).first().click();
    const back = page.getByTestId('carry-links');
    await expect
      .poll(async () => (await back.textContent()) ?? '')
      .toContain('vào 02-NQ/TU của Thành ủy Thành phố Hồ Chí Minh, nhiệm kỳ 2025–2030');
    expect(errors).toEqual([]);
  });
});
