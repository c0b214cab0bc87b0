import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { logIn, newAppPage, pageApi, screenshot, type Json } from './support/browser';
import { adminJourney } from './support/journey';

/**
 * The editorial group's workspace in the browser: a draft circulated to two units, whose
 * leaders comment on an item from their own pages, a comment spoken at the conference entered
 * by the secretary, the dispositions in place, the item revised, the next version with its
 * comparison, and the adoption at the conference of the version consulted on.
 */
describe('Consultation on a draft in the browser', () => {
  let page: Page;
  let errors: string[];
  let current = '';
  const journey = adminJourney('consultation', () => current);

  const api = (method: string, path: string, body?: unknown) => pageApi(page, method, path, body);

  beforeAll(() => {
    ({ page, errors } = journey);
  });

  it('gathers two units’ comments and a speaker’s, disposes of them, issues the next version, compares and adopts it', async () => {
    current = 'setup';
    const me = (await api('GET', '/auth/me')).json;
    const city = (
      (await api('GET', `/orgs/search?q=${encodeURIComponent('Thành ủy Thành phố Hồ Chí Minh')}`)).json as unknown as Json[]
    )[0]!;
    const children = (await api('GET', `/orgs/tree?parentId=${city.id}`)).json as unknown as Json[];
    // Two units under the city: its first children, or the first's own when it has one only.
    const below = (await api('GET', `/orgs/tree?parentId=${children[0]!.id}`)).json as unknown as Json[];
    const units = [...children, ...below].slice(0, 2);
    const draft = await api('POST', '/documents', {
      orgId: city.id,
      kind: 'action_program',
      term: '2025-2030',
      title: 'Chương trình hành động về chuyển đổi số giai đoạn 2025–2030',
    });
    expect(draft.status, JSON.stringify(draft.json)).toBe(201);
    const id = draft.json.id as number;
    expect((await api('POST', `/documents/${id}/items`, { kind: 'part', text: 'Phần I. Mục tiêu' })).status).toBe(201);
    expect((await api('POST', `/documents/${id}/items`, { kind: 'task', text: 'Chuyển đổi số trong cơ quan đảng' })).status).toBe(201);
    expect((await api('PUT', `/documents/${id}/consultation/team`, { members: [{ userId: me.id, role: 'head' }] })).status).toBe(200);
    const v1 = await api('POST', `/documents/${id}/consultation/versions`, { note: 'Dự thảo lần 1' });
    expect(v1.status).toBe(201);
    const round = await api('POST', `/consultation/versions/${v1.json.id}/rounds`, {
      deadline: '2099-12-31',
      orgIds: units.map((o) => o.id),
    });
    expect(round.status, JSON.stringify(round.json)).toBe(201);

    // Each unit's leader comments on the task from the draft's page, in the unit's name.
    current = 'org-comments';
    const password = 'Mat-khau-thu-2025';
    for (const [n, o] of units.entries()) {
      const username = `e2e.gopy.${n + 1}`;
      const made = await api('POST', '/users', {
        username,
        fullName: `Lãnh đạo ${o.name}`,
        password,
        roles: [{ orgId: o.id, role: 'manager' }],
      });
      // 409: made by a first attempt of this journey (the browser project retries once).
      expect([200, 201, 409], JSON.stringify(made.json)).toContain(made.status);
      const unit = await newAppPage(journey.browser, journey.server.url);
      await logIn(unit.page, username, password);
      const recipient = (round.json.recipients as Json[]).find((r) => r.orgId === o.id)!.id as number;
      await unit.page.goto(`/drafts/${v1.json.id}?recipient=${recipient}`);
      // The item's own form, below the form for the whole document.
      const item = unit.page.locator('.ant-list-item').filter({ hasText: 'Chuyển đổi số trong cơ quan đảng' });
      await item.getByRole('button', { name: /Góp ý mục: Chuyển đổi số/ }).click();
      // Both forms name their field "body", so the label points at the first: take the item's own box.
      await item.locator('textarea').first().fill(`${o.name} đề nghị bổ sung chuyển đổi số cho doanh nghiệp`);
      await item.getByRole('button', { name: 'Gửi góp ý' }).click();
      await unit.page.getByText('Đã gửi góp ý.').waitFor();
      if (n === 1) await screenshot(unit.page, 'consultation-unit-comment');
      expect(unit.errors).toEqual([]);
      await unit.page.context().close();
    }

    current = 'conference';
    await page.goto(`/consultation/documents/${id}`);
    await page.getByRole('tab', { name: 'Ý kiến tại hội nghị' }).click();
    await page.getByLabel('Người phát biểu').fill('Đồng chí Bí thư Đảng ủy phường');
    await page.getByLabel('Mục được góp ý').click();
    await page.keyboard.type('Chuyển đổi số');
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: 'Chuyển đổi số trong cơ quan đảng' })
      .first()
      .click();
    await page.getByLabel('Nội dung phát biểu').fill('Bổ sung chuyển đổi số cho doanh nghiệp và người dân');
    await page.getByLabel('Đề nghị sửa thành (nếu có)').fill('Chuyển đổi số trong cơ quan đảng, doanh nghiệp và người dân');
    await page.getByRole('button', { name: 'Ghi ý kiến' }).click();
    await page.getByText('Đã ghi ý kiến phát biểu.').waitFor();

    current = 'dispose';
    await page.getByRole('tab', { name: /Góp ý theo mục/ }).click();
    const card = (text: string) => page.locator('.consultation-comment').filter({ hasText: text });
    const dispose = async (text: string, reason?: string) => {
      if (reason) {
        await card(text).getByText('Giải trình', { exact: true }).click();
        await card(text).getByLabel('Lý do').fill(reason);
      }
      await card(text).getByRole('button', { name: 'Lưu xử lý' }).click();
      await card(text).getByRole('button', { name: 'Cập nhật xử lý' }).waitFor();
    };
    await dispose('Bổ sung chuyển đổi số cho doanh nghiệp và người dân');
    await dispose(`${units[0]!.name} đề nghị`);
    await dispose(`${units[1]!.name} đề nghị`, 'Đã có trong nội dung sửa theo ý kiến tại hội nghị');
    await screenshot(page, 'consultation-comments');

    current = 'revise-and-issue';
    await page.getByRole('tab', { name: 'Dự thảo và gửi xin ý kiến' }).click();
    await page.getByRole('button', { name: /Sửa mục: Chuyển đổi số/ }).click();
    await page.getByLabel('Nội dung', { exact: true }).fill('Chuyển đổi số trong cơ quan đảng, doanh nghiệp và người dân');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByText('Đã sửa mục của dự thảo.').waitFor();
    await page.getByRole('button', { name: 'Phát hành dự thảo lần 2' }).click();
    await page.getByText('Đã phát hành dự thảo lần 2.').waitFor();

    current = 'compare';
    await page.getByRole('tab', { name: 'So sánh phiên bản' }).click();
    const changed = page.getByTestId('change-changed');
    await changed.waitFor();
    await expect
      .poll(async () => (await changed.textContent()) ?? '')
      .toContain(`Tiếp thu ý kiến: ${units[0]!.name as string}; Đồng chí Bí thư Đảng ủy phường (phát biểu tại hội nghị)`);
    await screenshot(page, 'consultation-compare');

    current = 'adopt';
    await page.getByRole('tab', { name: 'Thông qua' }).click();
    await page.getByLabel('Tên hội nghị').fill('Hội nghị Ban Chấp hành Đảng bộ Thành phố');
    await page.getByLabel('Ngày họp').fill('15/12/2025');
    await page.keyboard.press('Enter');
    await page.getByLabel('Số đại biểu có mặt').fill('60');
    await page.getByLabel('Tán thành', { exact: true }).fill('58');
    await page.getByRole('button', { name: 'Ghi nhận thông qua' }).click();
    await page.getByText('Văn bản đã được thông qua.').waitFor();
    await page.getByText('Đã thông qua 15/12/2025').waitFor();
    // The document adopted is the version consulted on: version 2, item for item.
    const ws = (await api('GET', `/documents/${id}/consultation`)).json;
    expect(ws.adoption.adoptedVersionNo).toBe(2);
    const v2 = (await api('GET', `/consultation/versions/${(ws.versions as Json[]).at(-1)!.id}`)).json;
    const adopted = (await api('GET', `/documents/${id}`)).json;
    const byKey = (items: Json[]) => items.map((i) => `${i.stableKey as string} ${i.text as string}`).sort();
    expect(byKey(adopted.items as Json[])).toEqual(byKey(v2.items as Json[]));
    expect(byKey(adopted.items as Json[]).join('\n')).toContain('Chuyển đổi số trong cơ quan đảng, doanh nghiệp và người dân');
    expect(adopted.status).toBe('adopted');
    await screenshot(page, 'consultation-adopted');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'consultation-adopted-phone');
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(errors).toEqual([]);
  });
});
