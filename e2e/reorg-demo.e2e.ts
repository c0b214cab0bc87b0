import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, type Json } from './support/browser';
import { adminJourney } from './support/journey';

/**
 * The demo after its 2025 reorganization, as an office in 2026 sees it: today's tree has the
 * merged city with the new wards of Dĩ An straight under it; Tỉnh ủy Bình Dương is found by its
 * name, says it went into the city on 01/07/2025 under QĐ 321-QĐ/TW, and the tree of
 * 30/06/2025 shows it again with Thành ủy Dĩ An and its seven wards.
 */
describe('The 2025 reorganization in the demo', () => {
  let page: Page;
  let errors: string[];
  let current = '';
  const journey = adminJourney('reorg-demo', () => current);
  const api = async (path: string) => page.evaluate(async (p) => (await (await fetch(`/api${p}`)).json()) as Json, path);
  /** The org named exactly `name`, open or closed (an old and a new ward share a name). */
  const find = async (name: string, isClosed = false) =>
    ((await api(`/orgs/search?q=${encodeURIComponent(name)}&limit=50`)) as unknown as Json[]).find(
      (o) => o.name === name && o.isClosed === isClosed,
    )!;

  beforeAll(() => {
    ({ page, errors } = journey);
  });

  it('shows the merged city today and Bình Dương as it stood on 30/06/2025', async () => {
    current = 'today';
    const city = await find('Thành ủy Thành phố Hồ Chí Minh');
    const ward = await find('Đảng ủy phường Đông Hòa');
    expect(ward.parentId).toBe(city.id);
    await page.goto(`/orgs?orgId=${ward.id as number}`);
    await page.getByTestId('org-detail').waitFor();
    const cameFrom = page.getByTestId('lineage-came-from');
    await expect.poll(() => cameFrom.textContent(), { timeout: 20_000 }).toContain('Đảng ủy phường Bình Thắng');
    expect(await cameFrom.textContent()).toContain('hiệu lực từ 01/07/2025');
    await screenshot(page, 'reorg-demo-ward');

    current = 'province';
    const province = await find('Tỉnh ủy Bình Dương', true);
    await page.goto(`/orgs?orgId=${province.id as number}`);
    await page.getByTestId('org-detail').waitFor();
    const wentInto = page.getByTestId('lineage-went-into');
    await expect.poll(() => wentInto.textContent(), { timeout: 20_000 }).toContain('Thành ủy Thành phố Hồ Chí Minh');
    expect(await wentInto.textContent()).toContain('321-QĐ/TW');

    current = 'tree-as-of';
    await page.locator('#org-tree-as-of').fill('30/06/2025');
    await page.locator('#org-tree-as-of').press('Enter');
    const banner = page.getByTestId('tree-as-of-banner');
    await expect.poll(() => banner.textContent(), { timeout: 20_000 }).toContain('Đang xem cơ cấu tổ chức tại ngày 30/06/2025');
    const oldTree = page.getByTestId('org-tree-as-of');
    await expect.poll(() => oldTree.textContent(), { timeout: 20_000 }).toContain('Tỉnh ủy Bình Dương');
    await screenshot(page, 'reorg-demo-tree-2025-06-30');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'reorg-demo-tree-2025-06-30-390');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(errors).toEqual([]);
  }, 120_000);
});
