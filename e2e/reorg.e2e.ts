import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { pickOrg, screenshot } from './support/browser';
import { adminJourney } from './support/journey';
import { vnToday } from '../src/domain/vn-time';
import { dayBefore } from '../src/domain/reorg/versions';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const vn = (iso: string) => iso.split('-').reverse().join('/');

/**
 * The tree changes, in the browser: an administrator merges the party organizations of the
 * provincial newspaper and of the radio and television station into a new one, looks at the
 * preview, sends one cell elsewhere, confirms; the new org shows where it came from, and the
 * tree as of the day before the merge still shows the two old orgs with their members of that
 * day. Every page of the journey fits a 390 px phone.
 */
describe('Reorganizing the tree in the browser', () => {
  let page: Page;
  let errors: string[];
  let current = '';
  const journey = adminJourney('reorg', () => current, 'old-tree');
  // Dated this month, after every operation the demo may hold; the old tree is the day before.
  const effective = `${vnToday().slice(0, 7)}-01`;
  const before = dayBefore(effective);

  async function api(path: string) {
    return page.evaluate(async (p) => (await (await fetch(`/api${p}`)).json()) as Json, path);
  }
  const find = async (q: string) => ((await api(`/orgs/search?q=${encodeURIComponent(q)}`)) as unknown as Json[])[0]!;
  const fitsPhone = async (label: string) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(400);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    await screenshot(page, `${label}-390`);
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(width, `${label} scrolls sideways at 390 px`).toBeLessThanOrEqual(390);
  };

  beforeAll(() => {
    ({ page, errors } = journey);
  });

  it('merges two orgs with the preview and a cell sent elsewhere; the old tree still answers', async () => {
    current = 'setup';
    const paper = await find('Đảng bộ Báo Bình Dương');
    const station = await find('Đảng bộ Đài Phát thanh và Truyền hình Bình Dương');
    const ict = await find('Đảng bộ Sở Thông tin và Truyền thông');
    const paperDetail = await api(`/orgs/${paper.id}`);
    const parent = (paperDetail.ancestors as Json[]).at(-1)!;
    const paperCells = (await api(`/orgs/tree?parentId=${paper.id}`)) as unknown as Json[];
    const inspectionCell = paperCells.find((c) => c.name === 'Chi bộ Thanh tra')!;
    const moving = paper.subtreeMemberCount + station.subtreeMemberCount;

    current = 'form';
    await page.goto('/reorg');
    await page.getByTestId('reorg-kind').waitFor({ timeout: 30_000 });
    await page.getByTestId('reorg-kind').getByText('Hợp nhất, sáp nhập').click();
    await page.locator('#reorg-date').fill('01/01/2019');
    await page.locator('#reorg-date').press('Enter');
    await page.getByTestId('reorg-decision').fill('Quyết định số 1234-QĐ/TU ngày 20/11/2026 của Ban Thường vụ Tỉnh ủy (mẫu)');
    await pickOrg(page, 'reorg-source-0', 'bao binh duong', paper.name);
    await pickOrg(page, 'reorg-source-1', 'dai phat thanh', station.name);
    await pickOrg(page, 'reorg-new-parent', parent.name, parent.name);
    await page.getByTestId('reorg-new-name').fill('Đảng bộ Báo và Phát thanh, Truyền hình Bình Dương');
    await page.getByTestId('reorg-new-code').fill('BD.BPTTH');

    current = 'bad-date';
    // Dated before the orgs existed: the preview says why in Vietnamese, by the date field, and nothing can be confirmed.
    await page.getByTestId('reorg-preview-button').click();
    await page.getByTestId('reorg-problems').waitFor();
    expect(await page.getByTestId('reorg-problems').textContent()).toContain('thời gian chồng lấn');
    await expect.poll(() => page.locator('.ant-form-item-has-error').first().textContent(), { timeout: 20_000 }).toContain('Ngày hiệu lực');
    expect(await page.getByTestId('reorg-confirm').isDisabled()).toBe(true);

    current = 'preview';
    await page.locator('#reorg-date').fill(vn(effective));
    await page.locator('#reorg-date').press('Enter');
    await page.getByTestId('reorg-preview-button').click();
    await expect.poll(() => page.getByTestId('reorg-problems').count(), { timeout: 20_000 }).toBe(0);
    const preview = page.getByTestId('reorg-preview');
    await expect.poll(() => preview.textContent(), { timeout: 20_000 }).toContain(`${moving} đảng viên chuyển sinh hoạt`);
    expect(await page.getByTestId('reorg-cells').locator('tbody tr.ant-table-row').count()).toBe(paper.childCount + station.childCount);
    await screenshot(page, 'reorg-preview');

    current = 'mapping';
    // The newspaper's inspection cell goes to the Department of Information's organization instead.
    await page.getByTestId(`cell-to-${inspectionCell.id}`).click();
    const other = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'Tổ chức khác…' });
    await other.waitFor();
    // The list slides in: a click during the animation can miss on a loaded machine.
    await page.waitForTimeout(400);
    await other.click();
    await pickOrg(page, `cell-to-${inspectionCell.id}`, 'so thong tin va truyen thong', ict.name);
    await expect.poll(() => page.getByTestId('reorg-confirm').isDisabled(), { timeout: 20_000 }).toBe(false);
    await fitsPhone('reorg-preview');

    current = 'confirm';
    await page.getByTestId('reorg-confirm').click();
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    await page.getByTestId('reorg-done').waitFor();
    const moved = await api(`/orgs/${inspectionCell.id}`);
    expect(moved.parentId).toBe(ict.id);
    const merged = await find('Đảng bộ Báo và Phát thanh, Truyền hình Bình Dương');
    expect(merged.subtreeMemberCount).toBe(moving - inspectionCell.subtreeMemberCount);

    current = 'lineage';
    await page.getByRole('button', { name: 'Xem tổ chức' }).click();
    const cameFrom = page.getByTestId('lineage-came-from');
    await cameFrom.waitFor();
    const lineage = (await cameFrom.textContent()) ?? '';
    expect(lineage).toContain(paper.name);
    expect(lineage).toContain(station.name);
    expect(lineage).toContain(`hiệu lực từ ${vn(effective)}`);
    expect(lineage).toContain('Quyết định số 1234-QĐ/TU');
    await screenshot(page, 'reorg-lineage');

    current = 'tree-as-of';
    // The day before: the newspaper's organization, with its members of that day, under its old parent.
    await page.goto(`/orgs?orgId=${paper.id}`);
    await page.getByTestId('org-detail').waitFor();
    await page.locator('#org-tree-as-of').fill(vn(before));
    await page.locator('#org-tree-as-of').press('Enter');
    const banner = page.getByTestId('tree-as-of-banner');
    await expect.poll(() => banner.textContent(), { timeout: 20_000 }).toContain(`Đang xem cơ cấu tổ chức tại ngày ${vn(before)}`);
    const oldTree = page.getByTestId('org-tree-as-of');
    const paperNode = oldTree.locator('.org-node').filter({ hasText: paper.name });
    await expect.poll(() => paperNode.first().textContent(), { timeout: 20_000 }).toContain(String(paper.subtreeMemberCount));
    expect(await oldTree.locator('.org-node').filter({ hasText: 'Đảng bộ Báo và Phát thanh, Truyền hình' }).count()).toBe(0);
    await screenshot(page, 'reorg-tree-as-of');
    await fitsPhone('reorg-tree-as-of');

    current = 'today';
    await page.getByTestId('tree-as-of-today').click();
    await page.getByTestId('org-tree').waitFor();
    expect(errors).toEqual([]);
  }, 120_000);

  it('opens a new term with its congress from the org page', async () => {
    current = 'term';
    const ict = await find('Đảng bộ Sở Thông tin và Truyền thông');
    await page.goto(`/orgs?orgId=${ict.id}`);
    await page.getByTestId('open-term').click();
    await page.getByTestId('term-start-year').waitFor();
    await page.getByTestId('term-start-year').fill('2025');
    await page.getByTestId('term-end-year').fill('2030');
    await page.locator('#term-start-date').fill('20/06/2025');
    await page.locator('#term-start-date').press('Enter');
    await page.getByTestId('congress-ordinal').fill('2');
    const range = page.locator('.ant-modal .ant-picker-range input');
    await range.nth(0).fill('19/06/2025');
    await range.nth(0).press('Enter');
    await range.nth(1).fill('20/06/2025');
    await range.nth(1).press('Enter');
    await page.getByTestId('congress-delegates').fill('120');
    await fitsPhone('reorg-term-form');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    const term = page.getByTestId('term-2025-2030');
    await term.waitFor();
    const text = (await term.textContent()) ?? '';
    expect(text).toContain('Nhiệm kỳ 2025–2030');
    expect(text).toContain('Đại hội lần thứ II, 19/06/2025 – 20/06/2025');
    expect(text).toContain('120 đại biểu');
    await screenshot(page, 'reorg-term');
    expect(errors).toEqual([]);
  }, 60_000);
});
