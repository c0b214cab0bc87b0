import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { startTestServer } from '../src/server/test/app-server';
import { logIn, pickOrg, screenshot } from './support/browser';
import { adminJourney } from './support/journey';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The commission plans an entry in its 2023 program… of this year, starts it, forms the team
 * and sends the notice; the subject (a ward's reporter, on a phone) writes its self-report;
 * the commission records a session, the team report, a finding and the conclusion and sends
 * it; the subject reports the recommendation done and the commission accepts it; the share of
 * organizations inspected on the dashboard moves by one.
 */
describe('Inspection and supervision in the browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let page: Page;
  let errors: string[];
  let current = '';
  let subjectContext: BrowserContext;
  const year = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
  const journey = adminJourney('oversight', () => current, 'old-tree');

  async function api(method: string, path: string, body?: unknown) {
    return page.evaluate(
      async ([m, p, b]) => {
        const csrf = ((await (await fetch('/api/auth/me')).json()) as { csrfToken: string }).csrfToken;
        const res = await fetch(`/api${p as string}`, {
          method: m as string,
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
          body: b ? JSON.stringify(b) : undefined,
        });
        return { status: res.status, json: (await res.json()) as Json };
      },
      [method, path, body] as const,
    );
  }

  beforeAll(() => {
    ({ page, server, errors } = journey);
  });
  afterAll(async () => subjectContext?.close());

  it('runs a supervision from the program to an accepted recommendation', async () => {
    current = 'setup';
    // Fresh names on each attempt: a retried journey must not collide with its first try's users.
    const stamp = Date.now().toString().slice(-7);
    const orgId = async (q: string) =>
      ((await api('GET', `/orgs/search?q=${encodeURIComponent(q)}`)).json as unknown as { id: number; name: string }[])[0]!.id;
    const province = await orgId('Tỉnh ủy Bình Dương');
    const ward = await orgId('phuong tan dong hiep');
    const password = `E2e-${stamp}-passw0rd`;
    for (const [username, fullName, org, role] of [
      [`ubkt${stamp}`, 'Nguyễn Văn Kiểm', province, 'inspector'],
      [`tk${stamp}`, 'Lê Thị Thư', province, 'viewer'],
      [`tdh${stamp}`, 'Trần Văn Phường', ward, 'reporter'],
    ] as const) {
      const res = await api('POST', '/users', { username, fullName, password, roles: [{ orgId: org, role }] });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
    }
    const programs = (await api('GET', '/oversight/programs')).json as unknown as { id: number; year: number; symbol: string }[];
    const program = programs.find((p) => p.year === 2023 && p.symbol.endsWith('UBKTTU'))!;

    current = 'dashboard-before';
    await page.goto('/oversight');
    const before = (await page.getByTestId('coverage-year').textContent())!.split('/').map(Number);

    current = 'plan-entry';
    await page.goto(`/oversight/programs/${program.id}`);
    await page.getByTestId('add-entry').click();
    const dialog = page.getByRole('dialog');
    await pickOrg(page, 'entry-subject', 'tan dong hiep', 'Đảng ủy phường Tân Đông Hiệp');
    await dialog.getByTestId('entry-content').fill('Việc lãnh đạo thực hiện Nghị quyết Đại hội XI ở cơ sở');
    // The ward's targets as the pickers offer them: the add dialog links the first, the edit dialog the second.
    const offered = (await api('GET', `/oversight/programs/${program.id}/link-options?kind=item&subjectOrgId=${ward}`)).json as unknown as {
      id: number;
      label: string;
    }[];
    // Only labels no other option contains, so that a pick by its words picks that one.
    const targets = offered.filter((t) => offered.filter((u) => u.label.includes(t.label)).length === 1);
    expect(targets.length).toBeGreaterThanOrEqual(3);
    const pickTarget = async (pickerTestId: string, label: string, alsoKept: string[] = []) => {
      const picker = page.getByTestId(pickerTestId);
      const chosen = (l: string) => picker.locator('.ant-select-selection-item', { hasText: l });
      const missing = async () => {
        for (const l of [label, ...alsoKept]) if ((await chosen(l).count()) === 0) return l;
        return null;
      };
      // The list is drawn again when the search's answer arrives, and a click in that instant
      // lands on another row (as a person's would): pick again until every target shows.
      for (let attempt = 0; attempt < 4; attempt++) {
        const l = await missing();
        if (l === null) break;
        const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: l }).first();
        if (!(await option.isVisible())) await picker.click();
        await option.click({ timeout: 8_000 }).catch(() => undefined);
        await chosen(l)
          .waitFor({ timeout: 3_000 })
          .catch(() => undefined);
      }
      for (const l of [label, ...alsoKept]) await chosen(l).waitFor();
      // A click on the dialog's title closes the list, which would otherwise cover the fields below.
      await page.locator('.ant-modal-title:visible').click();
    };
    await pickTarget('entry-items', targets[0]!.label);
    await dialog.getByTestId('entry-theme').fill('Thực hiện Nghị quyết Đại hội');
    await dialog.locator('.ant-picker-range input').first().click();
    await page.keyboard.type(`01/12/${year}`);
    await page.keyboard.press('Enter');
    await page.keyboard.type(`31/12/${year}`);
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });

    current = 'edit-entry';
    await page.getByTestId('edit-entry-2').click();
    const edit = page.getByTestId('edit-entry');
    // The add dialog's link was saved: the edit dialog starts from it, by its words.
    await edit.getByTestId('edit-entry-items').locator('.ant-select-selection-item', { hasText: targets[0]!.label }).waitFor();
    // Links change in the edit dialog too, with the entry form's pickers: a second target of the ward.
    await pickTarget('edit-entry-items', targets[1]!.label, [targets[0]!.label]);
    await edit.getByTestId('edit-entry-theme').fill('Thực hiện Nghị quyết Đại hội XI');
    await edit.getByRole('button', { name: 'Lưu' }).click();
    await edit.waitFor({ state: 'hidden' });
    const saved = (await api('GET', `/oversight/programs/${program.id}`)).json as { entries: { position: number; itemIds: number[] }[] };
    expect(saved.entries.find((x) => x.position === 2)!.itemIds.sort()).toEqual([targets[0]!.id, targets[1]!.id].sort());
    // After a reload the entry lists both targets under its content.
    await page.reload();
    const linked = page.getByTestId('entry-2-items');
    await linked.getByText(targets[0]!.label).waitFor();
    await linked.getByText(targets[1]!.label).waitFor();
    // A pick made and cancelled is gone when the dialog opens again.
    await page.getByTestId('edit-entry-2').click();
    await pickTarget('edit-entry-items', targets[2]!.label, [targets[0]!.label, targets[1]!.label]);
    await edit.getByRole('button', { name: 'Hủy' }).click();
    await edit.waitFor({ state: 'hidden' });
    await page.getByTestId('edit-entry-2').click();
    await expect.poll(() => edit.getByTestId('edit-entry-items').locator('.ant-select-selection-item').count()).toBe(2);
    await edit.getByRole('button', { name: 'Hủy' }).click();
    await edit.waitFor({ state: 'hidden' });
    await page.getByRole('cell', { name: 'Việc lãnh đạo thực hiện Nghị quyết Đại hội XI ở cơ sở' }).waitFor();
    await page.getByTestId('start-entry-2').click();
    await page.getByTestId('inspection-title').waitFor();
    const id = Number(page.url().split('/').pop());

    current = 'form-team';
    const choose = async (testId: string, name: string) => {
      await page.getByTestId(testId).click();
      await page.keyboard.type(name);
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: name }).first().click();
    };
    await choose('team-head', 'Kiểm');
    await choose('team-secretary', 'Thị Thư');
    await page.getByTestId('step-team').click();
    await page.getByTestId('field-planText').fill('Làm việc với Ban Thường vụ Đảng ủy phường; kiểm tra hồ sơ.');
    await page.getByTestId('field-noticeText').fill('Thông báo giám sát chuyên đề đối với Đảng ủy phường Tân Đông Hiệp.');
    await page.getByTestId('step-notice').click();
    await expect.poll(() => page.getByTestId('inspection-status').textContent()).toBe('Đã thông báo');

    current = 'self-report';
    subjectContext = await journey.browser.newContext({
      baseURL: server.url,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
    });
    const phone = await subjectContext.newPage();
    phone.setDefaultTimeout(15_000);
    await logIn(phone, `tdh${stamp}`, password);
    await phone.goto(`/oversight/inspections/${id}`);
    // Evidence for the self-report: a wrong kind is refused before sending, a PDF is attached.
    const evidence = phone.getByTestId('self-report-files').locator('input[type=file]');
    await evidence.setInputFiles({ name: 'ghi-chu.txt', mimeType: 'text/plain', buffer: Buffer.from('không phải minh chứng') });
    await phone.getByTestId('self-report-files-error').getByText('Tệp ghi-chu.txt không đúng loại').waitFor();
    await evidence.setInputFiles({
      name: 'bien-ban-hop-chi-bo.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
    });
    await phone.getByTestId('self-report-files').getByRole('link', { name: 'bien-ban-hop-chi-bo.pdf' }).waitFor();
    await phone.getByTestId('field-text').fill('Đảng ủy phường báo cáo tự kiểm tra việc thực hiện Nghị quyết.');
    await phone.getByTestId('step-self-report').click();
    await expect.poll(() => phone.getByTestId('inspection-status').textContent()).toBe('Đã có báo cáo tự kiểm tra');
    // The pre-filled figures show once, though the subject may still send again.
    await phone.getByTestId('self-report-form').waitFor();
    expect(await phone.locator('.ant-descriptions-title', { hasText: 'Số liệu từ hệ thống' }).count()).toBe(1);
    await screenshot(phone, 'oversight-subject-390');

    current = 'team-work';
    await page.reload();
    await page.getByTestId('session-place').fill('Trụ sở Đảng ủy phường');
    await page.getByTestId('session-minutes').fill('Biên bản làm việc với Ban Thường vụ Đảng ủy phường.');
    await page.getByTestId('step-sessions').click();
    await page.getByTestId('field-text').fill('Báo cáo kết quả giám sát của đoàn.');
    await page.getByTestId('step-team-report').click();
    await page.getByTestId('finding-text').fill('Chưa cụ thể hóa kịp thời một số chỉ tiêu của Nghị quyết.');
    // The target the finding concerns, picked among those of the subject's subtree.
    await page.getByTestId('finding-items').click();
    const target = page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
    await target.waitFor();
    const targetText = (await target.getAttribute('title'))!;
    await target.click();
    await page.keyboard.press('Escape');
    await page.getByTestId('step-findings').click();
    await expect.poll(() => page.getByTestId('inspection-status').textContent()).toBe('Đã có nhận xét');
    await page.getByTestId('findings').getByText(targetText.slice(0, 40)).waitFor();
    // The team sees the subject's evidence, and refines its draft finding before concluding.
    await page.getByTestId('self-report-files').getByRole('link', { name: 'bien-ban-hop-chi-bo.pdf' }).waitFor();
    await page.getByTestId('findings').getByRole('button', { name: 'Sửa' }).click();
    const editFinding = page.getByTestId('edit-finding');
    await editFinding.getByTestId('edit-finding-text').fill('Chưa cụ thể hóa kịp thời 2 chỉ tiêu của Nghị quyết.');
    await editFinding.getByRole('button', { name: 'Lưu' }).click();
    await editFinding.waitFor({ state: 'hidden' });
    await page.getByTestId('findings').getByText('Chưa cụ thể hóa kịp thời 2 chỉ tiêu của Nghị quyết.').waitFor();
    await screenshot(page, 'oversight-findings-1440');

    current = 'conclusion';
    await page.getByTestId('conclusion-text').fill('Đảng ủy phường triển khai Nghị quyết nghiêm túc; cần cụ thể hóa các chỉ tiêu.');
    await page.getByTestId('rec-text-0').fill('Bổ sung kế hoạch cụ thể hóa các chỉ tiêu của Nghị quyết.');
    // A requirement (yêu cầu) besides the recommendation: listed apart.
    await page.getByTestId('add-requirement').click();
    await page.getByTestId('rec-text-1').fill('Báo cáo kết quả khắc phục về Ủy ban Kiểm tra.');
    await page.getByTestId('step-conclusion').click();
    await page.getByTestId('step-conclusion-send').click();
    await expect.poll(() => page.getByTestId('inspection-status').textContent()).toBe('Theo dõi thực hiện kết luận');
    await page.getByTestId('requirements').getByText('Báo cáo kết quả khắc phục về Ủy ban Kiểm tra.').waitFor();
    await expect.poll(() => page.getByTestId('recommendations').first().textContent()).toContain('Bổ sung kế hoạch cụ thể hóa');

    current = 'follow-up';
    await phone.reload();
    await phone.getByTestId('rec-evidence-1').fill('Đã ban hành Kế hoạch số 12-KH/ĐU cụ thể hóa các chỉ tiêu.');
    await phone
      .getByTestId('rec-files-1')
      .locator('input[type=file]')
      .setInputFiles({ name: 'ke-hoach-12.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await phone.getByTestId('rec-files-1').getByRole('link', { name: 'ke-hoach-12.pdf' }).waitFor();
    await screenshot(phone, 'oversight-follow-up-390');
    await phone.getByTestId('rec-report-1').click();
    await expect.poll(() => phone.getByTestId('rec-status-1').textContent()).toBe('Đã báo cáo thực hiện');
    await page.reload();
    await page.getByTestId('rec-accept-1').click();
    await expect.poll(() => page.getByTestId('rec-status-1').textContent()).toBe('Đã nghiệm thu');
    await screenshot(page, 'oversight-inspection-1440');

    current = 'dashboard-after';
    await page.goto('/oversight');
    await expect
      .poll(async () => (await page.getByTestId('coverage-year').textContent())!.split('/').map(Number))
      .toEqual([before[0]! + 1, before[1]!]);
    await screenshot(page, 'oversight-dashboard-1440');

    current = 'timeline';
    // The ward's page leads to its inspections in one timeline: the recommendation accepted, the requirement not yet.
    await page.goto(`/orgs?orgId=${ward}`);
    await page.getByTestId('oversight-timeline-link').click();
    await page.getByRole('heading', { name: 'Quá trình kiểm tra, giám sát: Đảng ủy phường Tân Đông Hiệp' }).waitFor();
    const file = page.locator('.ant-timeline-item', {
      has: page.getByRole('link', { name: 'Việc lãnh đạo thực hiện Nghị quyết Đại hội XI ở cơ sở' }),
    });
    await expect.poll(() => file.textContent()).toContain('1/2 kiến nghị, yêu cầu đã nghiệm thu');
    await screenshot(page, 'oversight-timeline-1440');
    expect(errors).toEqual([]);
  }, 300_000);
});
