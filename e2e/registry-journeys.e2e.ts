import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { pageApi, pickOrg, screenshot, type Json } from './support/browser';
import { adminJourney } from './support/journey';

type Org = { id: number; code: string; name: string; kind: string };

/**
 * Party building as the organization department lives it end to end: an admission in a
 * non-state enterprise moves the Bloc's "1.800, trong đó 300" targets on the resolution's
 * dashboard; a member leaves a cell of Bình Dương for a cell of Bình Phước with a transfer
 * code and keeps their member code.
 */
describe('party building journeys across the registry and the dashboard', () => {
  let current = '';
  const journey = adminJourney('registry-journeys', () => current, 'old-tree');
  const stamp = Date.now().toString().slice(-6);

  it('moves both of the Bloc’s admission targets by one when a candidate in a non-state enterprise is admitted', async () => {
    current = 'targets';
    const { page } = journey;
    const bloc = (await search(page, 'Đảng ủy Khối')).find((o) => o.code === 'BD.KHOI')!;
    expect(bloc).toBeTruthy();
    const docs = await get(page, `/documents?orgId=${bloc.id}&kind=resolution&term=2020-2025`);
    const resolutionId = (docs.items as Json[])[0]!.id as number;
    // A cell of the Bloc with official members to introduce: the cell of a demo candidate.
    const demo = (await get(page, `/registry/candidates?orgId=${bloc.id}`)).items as Json[];
    const cellId = demo[0]!.orgId as number;
    const fullName = `Trần Thị Mỹ Duyên ${stamp}`;
    const created = await pageApi(page, 'POST', '/registry/candidates', {
      orgId: cellId,
      fullName,
      gender: 'female',
      birthDate: '1998-04-12',
      isNonStateEnterprise: true,
    });
    expect(created.status).toBe(201);

    // The "actual" cell of a target's row (after the expand, the target's text and its goal).
    const actualOf = (text: RegExp) =>
      page
        .getByTestId('targets-table')
        .locator('tr')
        .filter({ has: page.locator('td', { hasText: text }) })
        .locator('td')
        .nth(3);
    const admitted = actualOf(/^Kết nạp đảng viên mới$/);
    const nse = actualOf(/^Trong đó đảng viên trong doanh nghiệp ngoài khu vực Nhà nước$/);
    const figure = async (cell: typeof admitted) => Number(((await cell.textContent()) ?? '').match(/^[\d.]+/)![0].replace(/\./g, ''));
    await page.goto(`/dashboard/${resolutionId}`);
    await admitted.waitFor();
    await nse.waitFor();
    const before = { admitted: await figure(admitted), nse: await figure(nse) };
    expect(before.admitted).toBeGreaterThan(before.nse);
    await admitted.scrollIntoViewIfNeeded();
    await screenshot(page, 'registry-targets-before');

    // The admission, step by step, on the registry page of the candidate's cell.
    current = 'targets-admit';
    const cell = (await get(page, `/orgs/${cellId}`)) as unknown as Org;
    await page.goto('/registry');
    await page.getByRole('heading', { name: 'Công tác phát triển đảng viên' }).waitFor();
    await pickOrg(page, 'registry-org', cell.code, cell.name);
    await page.getByRole('tab', { name: 'Quần chúng ưu tú' }).click();
    const row = page.locator('tr.ant-table-row:visible', { hasText: fullName });
    await expect.poll(() => row.textContent()).toContain('Bước tiếp: Lớp bồi dưỡng nhận thức về Đảng');
    const dialog = page.getByRole('dialog');
    const step = async (date: string, after: RegExp, fill?: (d: typeof dialog) => Promise<void>) => {
      await row.getByRole('button').click();
      await dialog.waitFor();
      if (fill) await fill(dialog);
      await dialog.getByLabel('Ngày', { exact: true }).fill(date);
      await dialog.getByLabel('Ngày', { exact: true }).press('Enter');
      await dialog.waitFor({ state: 'hidden' });
      // The row shows the new state before the next click (a slow machine must not reopen a step).
      await expect.poll(() => row.textContent(), { timeout: 15_000 }).toMatch(after);
    };
    await step('01/08/2025', /Bước tiếp: Hai đảng viên chính thức giới thiệu/);
    await step('20/08/2025', /Bước tiếp: Nghị quyết của chi bộ/, async (d) => {
      await d.getByLabel('Người giới thiệu').click();
      const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
      await options.nth(1).waitFor();
      await options.nth(0).click();
      await options.nth(1).click();
    });
    await step('05/09/2025', /Bước tiếp: Quyết định của cấp ủy cấp trên/, (d) => d.getByLabel(/nghị quyết/).fill('Nghị quyết số 21-NQ/CB'));
    await step('20/09/2025', /Chờ lễ kết nạp/, (d) => d.getByLabel(/nghị quyết/).fill('Quyết định số 512-QĐ/ĐUK'));
    await step('01/10/2025', /Đã kết nạp 01\/10\/2025/, (d) => d.getByLabel('Mã đảng viên').fill(`KN-NSE-${stamp}`));

    current = 'targets-after';
    await page.goto(`/dashboard/${resolutionId}`);
    await admitted.waitFor();
    expect(await figure(admitted)).toBe(before.admitted + 1);
    expect(await figure(nse)).toBe(before.nse + 1);
    await admitted.scrollIntoViewIfNeeded();
    await screenshot(page, 'registry-targets-after');
    // On a phone the figure sits under the target's words.
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      const table = page.getByTestId('targets-table');
      await table.scrollIntoViewIfNeeded();
      await expect.poll(() => table.textContent()).toContain(`Thực hiện: ${(before.nse + 1).toLocaleString('vi-VN')}`);
      await screenshot(page, 'registry-targets-after-390');
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
    expect(journey.errors).toEqual([]);
  });

  it('transfers a member from a cell of Bình Dương to a cell of Bình Phước, keeping the member code', async () => {
    current = 'transfer';
    const { page } = journey;
    const from = (await search(page, 'BD.KHOI.STP')).find((o) => o.code === 'BD.KHOI.STP')!;
    // Chi bộ Khu phố 1 of phường Tân Phú, Đồng Xoài (Bình Phước): the search takes a code whole.
    const to = (await search(page, 'BP.DONGXOAI.P-TANPHU.KP01')).find((o) => o.kind === 'cell')!;
    expect(from).toBeTruthy();
    expect(to).toBeTruthy();
    const today = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
    // A member on the roll with nothing recorded after today (a transfer follows every past event).
    const members = (await get(page, `/members?orgId=${from.id}&pageSize=50`)).items as Json[];
    let member: Json | undefined;
    for (const m of members) {
      const t = await get(page, `/registry/members/${m.id}/timeline`);
      if (['official', 'probationary'].includes(t.standing as string) && !(t.events as Json[]).some((e) => e.kind === 'transfer_out')) {
        member = m;
        break;
      }
    }
    expect(member).toBeTruthy();

    // The sending cell records the transfer out on the member's page and reads the code it gives.
    await page.goto(`/registry/members/${member!.id}`);
    await page.getByRole('heading', { name: member!.fullName as string }).waitFor();
    await page.getByRole('button', { name: 'Ghi sự kiện' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ghi sự kiện sinh hoạt đảng' });
    await dialog.waitFor();
    await dialog.getByLabel('Sự kiện', { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'Chuyển sinh hoạt đi' }).click();
    await dialog.getByLabel('Nơi đến', { exact: true }).fill(`${to.name}, Tỉnh ủy Bình Phước`);
    await dialog.getByLabel('Số, ngày quyết định').fill('Giấy giới thiệu số 15-GGT/ĐUK');
    await dialog.getByLabel('Ngày', { exact: true }).fill(today);
    await dialog.getByLabel('Ngày', { exact: true }).press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    const code = page.getByText('Mã chuyển sinh hoạt:').locator('code');
    await code.waitFor();
    const transferCode = ((await code.textContent()) ?? '').trim();
    expect(transferCode).toMatch(/^[A-Z0-9]{10}$/i);
    await screenshot(page, 'registry-transfer-out');

    // The receiving cell enters the code on the registry page.
    current = 'transfer-receive';
    await page.goto('/registry');
    await page.getByRole('heading', { name: 'Công tác phát triển đảng viên' }).waitFor();
    await page.getByRole('button', { name: 'Tiếp nhận sinh hoạt đảng', exact: true }).click();
    const receive = page.getByRole('dialog', { name: 'Tiếp nhận sinh hoạt đảng' });
    await receive.waitFor();
    // A code no transfer gave is refused in Vietnamese and the dialog stays open to correct it.
    await receive.getByLabel('Mã chuyển sinh hoạt').fill('ZZZZ9999ZZ');
    await pickOrg(page, 'receive-org', to.code, to.name);
    await receive.getByLabel('Số, ngày quyết định').fill('Quyết định số 88-QĐ/ĐU');
    await receive.getByLabel('Ngày', { exact: true }).fill(today);
    await receive.getByLabel('Ngày', { exact: true }).press('Enter');
    await page.locator('.ant-message').getByText('Không tìm thấy giấy chuyển sinh hoạt với mã này.').waitFor();
    expect(await receive.isVisible()).toBe(true);
    await receive.getByLabel('Mã chuyển sinh hoạt').fill(transferCode);
    await receive.getByLabel('Mã chuyển sinh hoạt').press('Enter');
    await receive.waitFor({ state: 'hidden' });

    // The member is on the new cell's list with the same code, and the timeline holds both events.
    current = 'transfer-list';
    await page.goto(`/members?orgId=${to.id}`);
    const moved = page.getByTestId('members-table').locator('tr.ant-table-row', { hasText: member!.code as string });
    await moved.waitFor();
    expect(await moved.textContent()).toContain(member!.fullName as string);
    await screenshot(page, 'registry-transfer-list');
    await page.goto(`/registry/members/${member!.id}`);
    const timeline = page.locator('.ant-timeline');
    await timeline.getByText('Tiếp nhận sinh hoạt').waitFor();
    expect(await timeline.textContent()).toContain('Chuyển sinh hoạt đi');
    expect(await page.locator('.ant-descriptions').textContent()).toContain(member!.code as string);
    expect(await page.locator('.ant-descriptions').textContent()).toContain(to.name);
    await screenshot(page, 'registry-transfer-timeline');
    expect(journey.errors).toEqual([]);
  });
});

async function get(page: Page, path: string): Promise<Json> {
  const res = await page.request.get(`/api${path}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as Json;
}

async function search(page: Page, q: string): Promise<Org[]> {
  return (await get(page, `/orgs/search?q=${encodeURIComponent(q)}`)) as unknown as Org[];
}
