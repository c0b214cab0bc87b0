import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { pageApi, pickOrg, screenshot } from './support/browser';
import { adminJourney } from './support/journey';
import { vnToday } from '../src/domain/vn-time';
import { dayBefore } from '../src/domain/reorg/versions';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const vn = (iso: string) => iso.split('-').reverse().join('/');

/**
 * Reorganizing and undoing, in the browser: an administrator splits the provincial newspaper's
 * party organization into two new ones from the reorganization page, looks at the preview,
 * places each cell, confirms, sees the new orgs in the tree, then undoes it and sees the tree as
 * before. Then a district committee merged into a neighbour keeps its dashboard as of the day
 * before the merge: the same figures, on the tree of that day.
 */
describe('Reorganization operations in the browser', () => {
  let page: Page;
  let errors: string[];
  let current = '';
  const journey = adminJourney('reorg-ops', () => current, 'old-tree');
  // Dated this month, after every operation the demo may hold; the old tree is the day before.
  const effective = `${vnToday().slice(0, 7)}-01`;
  const before = dayBefore(effective);

  const api = async (path: string) => (await pageApi(page, 'GET', path)).json;
  const find = async (q: string) => ((await api(`/orgs/search?q=${encodeURIComponent(q)}`)) as unknown as Json[])[0];
  const atWidths = async (label: string) => {
    await screenshot(page, `${label}-1440`);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(400);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    await screenshot(page, `${label}-390`);
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(width, `${label} scrolls sideways at 390 px`).toBeLessThanOrEqual(390);
  };
  const choose = async (testId: string, option: string) => {
    await page.getByTestId(testId).click();
    const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option });
    await item.first().waitFor();
    // The list slides in: a click during the animation can miss on a loaded machine.
    await page.waitForTimeout(300);
    await item.first().click();
  };

  beforeAll(() => {
    ({ page, errors } = journey);
  });

  it('splits an org into new parts with the preview, shows them in the tree, and undoes it', async () => {
    current = 'setup';
    const paper = (await find('Đảng bộ Báo Bình Dương'))!;
    const cells = (await api(`/orgs/tree?parentId=${paper.id}`)) as unknown as Json[];
    const parentId = (await api(`/orgs/${paper.id}`)).parentId as number;
    const parts = ['Đảng bộ Báo Bình Dương – Khối Nội dung', 'Đảng bộ Báo Bình Dương – Khối Kỹ thuật'];

    current = 'form';
    await page.goto('/reorg');
    await page.getByTestId('reorg-kind').waitFor({ timeout: 30_000 });
    await page.getByTestId('reorg-kind').getByText('Chia tách').click();
    await page.locator('#reorg-date').fill(vn(effective));
    await page.locator('#reorg-date').press('Enter');
    await page.getByTestId('reorg-decision').fill('Quyết định số 1250-QĐ/TU ngày 25/11/2026 của Ban Thường vụ Tỉnh ủy (mẫu)');
    await pickOrg(page, 'reorg-source-0', 'bao binh duong', paper.name);
    for (const [i, name] of parts.entries()) {
      await page.getByTestId('add-new-part').click();
      await page.getByTestId(`new-part-name-${i}`).fill(name);
      await page.getByTestId(`new-part-code-${i}`).fill(`BD.BAO.${i + 1}`);
    }
    await atWidths('reorg-split-form');

    current = 'preview';
    await page.getByTestId('reorg-preview-button').click();
    const preview = page.getByTestId('reorg-preview');
    await preview.waitFor({ timeout: 20_000 });
    // Every cell waits for a part: the first goes to the first part, the others to the second.
    for (const [i, cell] of cells.entries()) {
      await choose(`cell-to-${cell.id}`, `${parts[i === 0 ? 0 : 1]} (tổ chức mới)`);
      await expect.poll(() => page.getByTestId(`cell-to-${cell.id}`).textContent(), { timeout: 20_000 }).toContain(parts[i === 0 ? 0 : 1]);
    }
    await expect.poll(() => page.getByTestId('reorg-problems').count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('reorg-confirm').isDisabled(), { timeout: 20_000 }).toBe(false);
    await atWidths('reorg-split-preview');

    current = 'confirm';
    await page.getByTestId('reorg-confirm').click();
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    await page.getByTestId('reorg-done').waitFor({ timeout: 30_000 });
    const first = (await find(parts[0]!))!;
    const second = (await find(parts[1]!))!;
    expect(first.parentId ?? (await api(`/orgs/${first.id}`)).parentId).toBe(parentId);
    expect((await api(`/orgs/${cells[0]!.id}`)).parentId).toBe(first.id);
    expect(first.subtreeMemberCount + second.subtreeMemberCount).toBe(paper.subtreeMemberCount);

    current = 'tree';
    await page.goto(`/orgs?orgId=${first.id}`);
    await page.getByTestId('org-detail').waitFor();
    await expect.poll(() => page.getByTestId('org-tree').textContent(), { timeout: 20_000 }).toContain(parts[1]);
    await atWidths('reorg-split-tree');

    current = 'undo';
    await page.goto('/reorg');
    const history = page.getByTestId('reorg-history');
    await history.waitFor();
    const latest = history.locator('.ant-list-item').first();
    await expect.poll(() => latest.textContent(), { timeout: 20_000 }).toContain('Chia tách');
    await latest.getByRole('button', { name: 'Hoàn tác' }).click();
    await page.getByTestId('reorg-undo-ok').click();
    await expect.poll(() => latest.textContent(), { timeout: 20_000 }).toContain('Đã hoàn tác');
    await atWidths('reorg-split-undone');

    current = 'tree-after-undo';
    expect((await api(`/orgs/${cells[0]!.id}`)).parentId).toBe(paper.id);
    expect(await find(parts[0]!)).toBeUndefined();
    await page.goto(`/orgs?orgId=${paper.id}`);
    await page.getByTestId('org-detail').waitFor();
    const tree = page.getByTestId('org-tree');
    await expect.poll(() => tree.textContent(), { timeout: 20_000 }).toContain(paper.name);
    expect(await tree.textContent()).not.toContain('Khối Nội dung');
    expect(errors).toEqual([]);
  }, 180_000);

  it("keeps a merged org's dashboard as of the day before the merge, on the tree of that day", async () => {
    current = 'dashboard-setup';
    const province = (await find('Tỉnh ủy Bình Dương'))!;
    const resolution = ((await api(`/documents?orgId=${province.id}&kind=resolution&pageSize=200`)) as Json).items.find(
      (d: Json) => d.symbol === '01-NQ/TU' && d.term === '2020-2025',
    ) as Json;
    const diAn = (await find('Thành ủy Dĩ An'))!;
    const siblings = (await api(`/orgs/tree?parentId=${(await api(`/orgs/${diAn.id}`)).parentId}`)) as unknown as Json[];
    // A neighbour that holds organizations (not a cell) takes Dĩ An's wards.
    const neighbour = siblings.find((o) => o.id !== diAn.id && o.kind !== 'cell')!;
    const dash = async () => (await api(`/documents/${resolution.id}/dashboard?orgId=${diAn.id}&asOf=${before}`)) as Json;
    const old = await dash();

    current = 'merge';
    const merged = await pageApi(page, 'POST', '/reorg/operations', {
      kind: 'merge',
      effectiveDate: effective,
      decision: 'Quyết định số 1251-QĐ/TU ngày 25/11/2026 của Ban Thường vụ Tỉnh ủy (mẫu)',
      sourceOrgIds: [diAn.id],
      targetOrgIds: [neighbour.id],
    });
    expect(merged.status, JSON.stringify(merged.json)).toBe(201);
    const after = await dash();
    expect(after.tree.isPastTree).toBe(true);
    const figures = (d: Json) => d.targets.map((t: Json) => [t.text, t.latest, t.status]);
    expect(figures(after)).toEqual(figures(old));
    expect(after.children.map((c: Json) => c.orgName)).toEqual(old.children.map((c: Json) => c.orgName));

    current = 'dashboard-page';
    await page.goto(`/dashboard/${resolution.id}?orgId=${diAn.id}`);
    await page.getByTestId('dashboard-title').waitFor({ timeout: 30_000 });
    await page.locator('#dashboard-as-of').fill(vn(before));
    await page.locator('#dashboard-as-of').press('Enter');
    await expect
      .poll(() => page.getByTestId('dashboard-tree').textContent(), { timeout: 30_000 })
      .toBe(`Cơ cấu tổ chức tại ngày ${vn(before)}`);
    const table = page.getByTestId('targets-table');
    for (const t of after.targets.filter((x: Json) => x.latest !== null).slice(0, 3))
      await expect.poll(() => table.textContent(), { timeout: 20_000 }).toContain(t.text);
    await screenshot(page, 'reorg-dashboard-as-of-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(400);
    await screenshot(page, 'reorg-dashboard-as-of-390');
    await page.setViewportSize({ width: 1440, height: 900 });

    current = 'drill-converted';
    // Converted to today's boundaries, the list behind a number asks for today's tree as the numbers do.
    await page.getByTestId('converted-tree').click();
    await expect
      .poll(() => page.getByTestId('dashboard-tree').textContent(), { timeout: 30_000 })
      .toContain('Số liệu quy đổi theo địa giới mới');
    const converted = (await api(`/documents/${resolution.id}/dashboard?orgId=${diAn.id}&asOf=${before}&tree=current`)) as Json;
    const status = Object.entries(converted.targetCounts as Record<string, number>).find(([, n]) => n > 0)![0];
    const asked = page.waitForRequest(
      (req) => req.url().includes('/dashboard/list') && new URL(req.url()).searchParams.get('tree') === 'current',
      { timeout: 30_000 },
    );
    await page.getByTestId(`count-${status}`).click();
    await asked;
    const listed = (await api(
      `/documents/${resolution.id}/dashboard/list?orgId=${diAn.id}&asOf=${before}&tree=current&list=targets&status=${status}`,
    )) as Json;
    expect(listed.rows.length).toBe(converted.targetCounts[status]);
    const drawer = page.getByTestId('drill-drawer');
    for (const t of listed.rows.slice(0, 3)) await expect.poll(() => drawer.textContent(), { timeout: 20_000 }).toContain(t.text);
    await screenshot(page, 'reorg-dashboard-drill-converted-1440');
    expect(errors).toEqual([]);
  }, 180_000);
});
