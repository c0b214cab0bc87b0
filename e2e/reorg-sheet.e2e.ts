import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { pageApi, pickOrg, screenshot, type Json } from './support/browser';
import { adminJourney } from './support/journey';
import { vnToday } from '../src/domain/vn-time';

/**
 * The mapping of a reorganization agreed in Excel: an administrator previews the merge of two
 * wards, downloads the mapping pre-filled from the preview, sends one cell elsewhere in the
 * workbook, uploads it; the preview follows the sheet, and the confirmed operation does what
 * the sheet said. The orgs are made for the journey, so the demo's own history stays apart.
 */
describe('A reorganization mapped in a spreadsheet', () => {
  let page: Page;
  let current = '';
  const journey = adminJourney('reorg-sheet', () => current);
  // The orgs are founded today, so the operation takes effect today.
  const effective = vnToday();
  // A retry of the journey founds its orgs again: fresh codes each attempt.
  let tag = '';
  const vn = (iso: string) => iso.split('-').reverse().join('/');

  beforeAll(() => {
    ({ page } = journey);
  });

  it('downloads the mapping, changes a row in the workbook, uploads it, and the operation follows it', async () => {
    current = 'setup';
    tag = String(Date.now() % 100000);
    const root = ((await pageApi(page, 'GET', '/orgs/tree')).json as unknown as Json[])[0]!;
    const org = async (parentId: number, code: string, name: string, kind: string) => {
      const res = await pageApi(page, 'POST', '/orgs', { parentId, code, name, kind });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
      return res.json;
    };
    const city = await org(root.id, `TN${tag}.TP`, `Đảng bộ Thành phố Thử Nghiệm ${tag}`, 'province_committee');
    const east = await org(city.id, `TN${tag}.DONG`, `Đảng ủy phường Thử Đông ${tag}`, 'commune_committee');
    const west = await org(city.id, `TN${tag}.TAY`, `Đảng ủy phường Thử Tây ${tag}`, 'commune_committee');
    await org(east.id, `TN${tag}.DONG.KP1`, 'Chi bộ khu phố Thử Một', 'cell');
    const two = await org(west.id, `TN${tag}.TAY.KP2`, 'Chi bộ khu phố Thử Hai', 'cell');

    current = 'form';
    await page.goto('/reorg');
    await page.getByTestId('reorg-kind').waitFor({ timeout: 30_000 });
    await page.getByTestId('reorg-kind').getByText('Hợp nhất, sáp nhập').click();
    await page.locator('#reorg-date').fill(vn(effective));
    await page.locator('#reorg-date').press('Enter');
    await page.getByTestId('reorg-decision').fill('Quyết định số 99-QĐ/TU ngày 20/11/2026 (thử nghiệm)');
    await pickOrg(page, 'reorg-source-0', 'thu dong', east.name);
    await pickOrg(page, 'reorg-source-1', 'thu tay', west.name);
    await pickOrg(page, 'reorg-new-parent', 'thanh pho thu nghiem', city.name);
    await page.getByTestId('reorg-new-name').fill(`Đảng ủy phường Thử Nghiệm ${tag}`);
    await page.getByTestId('reorg-new-code').fill(`TN${tag}.MOI`);
    await page.getByTestId('reorg-preview-button').click();
    await page.getByTestId('reorg-mapping-sheet').waitFor({ timeout: 20_000 });

    current = 'download';
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByText('Tải bảng phân bổ (.xlsx)').click()]);
    expect(download.suggestedFilename()).toBe('bang-phan-bo.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Phân bổ')!;
    const rows: string[][] = [];
    ws.eachRow((row, n) => {
      if (n > 1) rows.push([row.getCell(2).text, row.getCell(6).text]);
    });
    expect(rows).toEqual([
      [`TN${tag}.DONG.KP1`, `TN${tag}.MOI`],
      [`TN${tag}.TAY.KP2`, `TN${tag}.MOI`],
    ]);

    current = 'upload';
    // The meeting agreed: the second cell goes straight under the city.
    ws.eachRow((row) => {
      if (row.getCell(2).text === `TN${tag}.TAY.KP2`) row.getCell(6).value = `TN${tag}.TP`;
    });
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    await page.getByTestId('reorg-mapping-sheet').locator('input[type=file]').setInputFiles({
      name: 'bang-phan-bo.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: filled,
    });
    await page.getByText('Đã đọc 2 dòng của bảng phân bổ').waitFor({ timeout: 20_000 });
    await expect
      .poll(() => page.getByTestId(`cell-to-${two.id}`).textContent(), { timeout: 20_000 })
      .toContain('Đảng bộ Thành phố Thử Nghiệm');
    await screenshot(page, 'reorg-sheet-preview');

    current = 'confirm';
    await expect.poll(() => page.getByTestId('reorg-confirm').isDisabled(), { timeout: 20_000 }).toBe(false);
    await page.getByTestId('reorg-confirm').click();
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    await page.getByTestId('reorg-done').waitFor();
    expect((await pageApi(page, 'GET', `/orgs/${two.id}`)).json.parentId).toBe(city.id);
  });
});
