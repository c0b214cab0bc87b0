import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { pageApi, screenshot, type Json } from './support/browser';
import { adminJourney } from './support/journey';

/**
 * The organization department imports its events workbook: a file with one bad cell is refused
 * row by row and writes nothing; the corrected file is confirmed and the figure moves at once.
 */
describe('membership events imported from a workbook in the browser', () => {
  let current = '';
  const journey = adminJourney('registry-import', () => current);

  it('shows the bad row and writes nothing, then writes the corrected file and the figure moves', async () => {
    const { page } = journey;
    current = 'setup';
    await page.goto('/registry');
    await page.getByRole('heading', { name: 'Công tác phát triển đảng viên' }).waitFor();
    // The day the page's figures end (today in UTC), never after Vietnam's today.
    const iso = new Date().toISOString().slice(0, 10);
    const day = iso.split('-').reverse().join('/');
    const rootId = ((await pageApi(page, 'GET', '/auth/me')).json.grants as Json[])[0]!.orgId as number;
    const roster = (await pageApi(page, 'GET', `/registry/roster?orgId=${rootId}&asOf=${iso}`)).json.items as Json[];
    const pick: string[] = [];
    for (const m of roster.filter((x) => x.standing === 'official')) {
      const t = (await pageApi(page, 'GET', `/registry/members/${m.id}/timeline`)).json;
      // Nothing recorded on or after the day: a removal then is in date order.
      if ((t.events as Json[]).every((e) => e.date < iso)) pick.push(m.code as string);
      if (pick.length === 2) break;
    }
    expect(pick).toHaveLength(2);
    const workbook = async (secondDate: string) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Sự kiện');
      ws.addRow(['Loại sự kiện', 'Ngày', 'Mã đảng viên', 'Số quyết định', 'Ngày quyết định', 'Mã đơn vị đến', 'Hình thức chuyển']);
      ws.addRow(['Xóa tên', day, pick[0], '15-QĐ/ĐU', day]);
      ws.addRow(['xoa ten', secondDate, pick[1], '16-QĐ/ĐU', day]);
      return {
        name: 'su-kien.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: Buffer.from(await wb.xlsx.writeBuffer()),
      };
    };
    // Shown as Vietnamese numbers (1.234): the digits alone.
    const removed = async () =>
      Number(((await page.getByTestId('figure-removed').getByRole('button').textContent()) ?? '').replace(/\D/g, ''));
    await page.getByTestId('figure-removed').waitFor();
    const before = await removed();

    current = 'bad-file';
    await page.getByRole('button', { name: 'Nhập sự kiện từ Excel' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('link', { name: /Tải tệp mẫu/ }).waitFor();
    await dialog.locator('input[type=file]').setInputFiles(await workbook('31/02/2025'));
    await dialog.getByText('1 trong 2 dòng có lỗi: chưa ghi dòng nào.').waitFor();
    await dialog.getByText('Dòng 3, cột B (Ngày): ngày “31/02/2025” không đúng dạng dd/mm/yyyy').waitFor();
    expect(await dialog.getByRole('button', { name: /Ghi 1 sự kiện/ }).isDisabled()).toBe(true);
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'registry-import-error-390');
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, 'registry-import-error');
    const t = (await pageApi(page, 'GET', `/registry/indicators?orgId=${rootId}&from=2021-01-01&to=${iso}`)).json;
    expect(t.figures.removed).toBe(before);

    current = 'fixed-file';
    await dialog.locator('input[type=file]').setInputFiles(await workbook(day));
    await dialog.getByText('2 dòng hợp lệ.', { exact: false }).waitFor();
    await screenshot(page, 'registry-import-preview');
    await dialog.getByRole('button', { name: 'Ghi 2 sự kiện' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(removed).toBe(before + 2);
    await screenshot(page, 'registry-import-done');
    expect(journey.errors).toEqual([]);
  });
});
