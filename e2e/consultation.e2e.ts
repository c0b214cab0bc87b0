import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { pageApi, screenshot, type Json } from './support/browser';
import { adminJourney } from './support/journey';

/**
 * The editorial group's workspace in the browser: a draft circulated to two units, a comment
 * spoken at the conference entered by the secretary, its disposition in place, the item
 * revised, the next version with its comparison, and the adoption at the conference.
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

  it('takes a conference comment in, issues the next version, compares and adopts', async () => {
    current = 'setup';
    const me = (await api('GET', '/auth/me')).json;
    const city = (
      (await api('GET', `/orgs/search?q=${encodeURIComponent('Thành ủy Thành phố Hồ Chí Minh')}`)).json as unknown as Json[]
    )[0]!;
    const children = (await api('GET', `/orgs/tree?parentId=${city.id}`)).json as unknown as Json[];
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
      orgIds: children.slice(0, 2).map((o) => o.id),
    });
    expect(round.status, JSON.stringify(round.json)).toBe(201);

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
    await page.getByText('Bổ sung chuyển đổi số cho doanh nghiệp và người dân').waitFor();
    await page.getByRole('button', { name: 'Lưu xử lý' }).click();
    await page.getByText('Đã lưu cách xử lý góp ý.').waitFor();
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
    await expect.poll(async () => (await changed.textContent()) ?? '').toContain('Tiếp thu ý kiến: Đồng chí Bí thư Đảng ủy phường');
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
    await screenshot(page, 'consultation-adopted');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'consultation-adopted-phone');
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(errors).toEqual([]);
  });
});
