import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer } from '../src/server/test/app-server';
import { launchBrowser, logIn, newAppPage, screenshot } from './support/browser';

/**
 * Grading on the demo tree, as the people who do it: a member fills their self-assessment with
 * the review of their pledge, the cell comments and proposes with the vote count, the
 * grassroots committee decides; a second "excellent" over the quota is refused with the
 * numbers; the round's results move.
 */
describe('evaluation and grading in the browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let current = '';
  let last: Page | null = null;
  const password = 'Resolute-e2e-2026!';
  let roundId = 0;
  /** The Bloc's resolution: its targets "100% chi bộ … hoàn thành tốt" and "≥ 90% đảng viên …" take decided ratings. */
  let blocResolutionId = 0;

  async function apiAs(username: string, pw: string) {
    const base = server.url;
    const csrfRes = await fetch(`${base}/api/auth/csrf`);
    let cookie = (csrfRes.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
    const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, cookie },
      body: JSON.stringify({ username, password: pw }),
    });
    expect(login.status).toBe(200);
    cookie = [cookie, ...(login.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0])].filter(Boolean).join('; ');
    const me = (await login.json()) as { csrfToken: string };
    return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${base}/api${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken, cookie },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };
  }
  async function pageAs(username: string, width = 1440): Promise<Page> {
    const { page } = await newAppPage(browser, server.url);
    await page.setViewportSize({ width, height: 900 });
    await logIn(page, username, password);
    last = page;
    return page;
  }

  beforeAll(async () => {
    server = await startTestServer('old-tree');
    browser = await launchBrowser();
    const admin = await apiAs('admin', server.adminPassword);
    // Under the Bloc, so that its decided ratings count in the Bloc resolution's two targets.
    const bloc = (await admin<{ id: number }[]>('GET', '/orgs/search?q=BD.KHOI'))[0]!;
    blocResolutionId = (await admin<{ items: { id: number }[] }>('GET', `/documents?orgId=${bloc.id}&kind=resolution&term=2020-2025`))
      .items[0]!.id;
    const gr = await admin<{ id: number }>('POST', '/orgs', {
      parentId: bloc.id,
      code: 'E2E.GR',
      name: 'Đảng bộ Cơ quan thử nghiệm',
      kind: 'grassroots',
    });
    const cell = await admin<{ id: number }>('POST', '/orgs', {
      parentId: gr.id,
      code: 'E2E.CB1',
      name: 'Chi bộ Văn phòng thử nghiệm',
      kind: 'cell',
    });
    const members: { id: number }[] = [];
    for (const [i, name] of ['Nguyễn Thị Hạnh', 'Trần Văn Minh', 'Lê Thị Ngọc', 'Phạm Văn Quang', 'Võ Thị Thu'].entries()) {
      members.push(
        await admin('POST', '/members', { orgId: cell.id, code: `E2E-${i}`, fullName: name, gender: i % 2 ? 'male' : 'female' }),
      );
    }
    await admin('POST', '/users', {
      username: 'e2e.member',
      fullName: 'Nguyễn Thị Hạnh',
      password,
      memberId: members[0]!.id,
      roles: [{ orgId: cell.id, role: 'member' }],
    });
    await admin('POST', '/users', {
      username: 'e2e.cell',
      fullName: 'Bí thư Chi bộ Văn phòng',
      password,
      roles: [{ orgId: cell.id, role: 'reporter' }],
    });
    await admin('POST', '/users', {
      username: 'e2e.bloc',
      fullName: 'Văn phòng Đảng ủy Khối',
      password,
      roles: [{ orgId: bloc.id, role: 'viewer' }],
    });
    await admin('POST', '/users', {
      username: 'e2e.grassroots',
      fullName: 'Bí thư Đảng bộ Cơ quan',
      password,
      roles: [{ orgId: gr.id, role: 'approver' }],
    });
    const docs = await admin<{ items: { id: number }[] }>('GET', '/documents?pageSize=1');
    const member = await apiAs('e2e.member', password);
    await member('POST', '/study/me/pledges', {
      documentId: docs.items[0]!.id,
      year: 2025,
      commitments: ['Hoàn thành số hóa hồ sơ của phòng', 'Không để việc quá hạn'],
    });
    roundId = (
      await admin<{ id: number }>('POST', '/grading/rounds', {
        orgId: gr.id,
        periodKind: 'year',
        periodKey: '2025',
        selfAssessDue: '2025-12-10',
        reviewDue: '2025-12-20',
        decideDue: '2025-12-31',
      })
    ).id;
    // A second member already proposed "excellent", so the quota (1 of 5) is tested in the page.
    const cellApi = await apiAs('e2e.cell', password);
    const list = await cellApi<{ items: { id: number; memberId: number; version: number }[] }>(
      'GET',
      `/grading/rounds/${roundId}/evaluations?subjectKind=member`,
    );
    const other = list.items.find((e) => e.memberId === members[1]!.id)!;
    let v = (
      await cellApi<{ version: number }>('PUT', `/grading/evaluations/${other.id}`, {
        version: other.version,
        points: { politics_ethics: 30, results: 68 },
        tasks: { total: 4, onTime: 4, late: 0, overdue: 0, beyond: 2 },
      })
    ).version;
    v = (await cellApi<{ version: number }>('POST', `/grading/evaluations/${other.id}/self-assess`, { version: v })).version;
    v = (await cellApi<{ version: number }>('POST', `/grading/evaluations/${other.id}/comment`, { version: v, comment: 'Gương mẫu.' }))
      .version;
    await cellApi('POST', `/grading/evaluations/${other.id}/propose`, {
      version: v,
      level: 'excellent',
      votes: { present: 5, agree: 5, disagree: 0 },
    });
    // The cell itself: self-assessed by its secretary, proposed "good" above it, decided in the page.
    const orgs = await admin<{ items: { id: number; orgId: number; version: number }[] }>(
      'GET',
      `/grading/rounds/${roundId}/evaluations?subjectKind=org`,
    );
    const cellEval = orgs.items.find((e) => e.orgId === cell.id)!;
    v = (
      await cellApi<{ version: number }>('PUT', `/grading/evaluations/${cellEval.id}`, {
        version: cellEval.version,
        points: { leadership: 52, party_building: 20, oversight: 11 },
        tasks: { total: 4, onTime: 4, late: 0, overdue: 0, beyond: 0 },
      })
    ).version;
    v = (await cellApi<{ version: number }>('POST', `/grading/evaluations/${cellEval.id}/self-assess`, { version: v })).version;
    v = (
      await admin<{ version: number }>('POST', `/grading/evaluations/${cellEval.id}/comment`, {
        version: v,
        comment: 'Chi bộ lãnh đạo hoàn thành tốt nhiệm vụ.',
      })
    ).version;
    await admin('POST', `/grading/evaluations/${cellEval.id}/propose`, {
      version: v,
      level: 'good',
      votes: { present: 7, agree: 7, disagree: 0 },
    });
  }, 420_000);

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && last) await screenshot(last, `failed-grading-${current}`).catch(() => undefined);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a member self-assesses with a pledge review, the cell proposes, the committee decides, a quota is refused and the results move', async () => {
    current = 'self-assessment';
    const member = await pageAs('e2e.member', 390);
    await member.goto('/grading/me');
    const form = member.locator('[data-testid^="evaluation-"]').first();
    await form.getByTestId('points-politics_ethics').fill('29');
    await form.getByTestId('points-results').fill('66');
    await form.getByTestId('tasks-total').fill('5');
    await form.getByTestId('tasks-onTime').fill('5');
    await form.getByTestId('tasks-beyond').fill('2');
    await form.locator('[data-testid^="pledge-"]').getByText('Thực hiện một phần').click();
    await form.getByTestId('narrative-strengths').fill('Hoàn thành tốt nhiệm vụ chuyên môn, số hóa 80% hồ sơ.');
    await form.getByTestId('narrative-remedies').fill('Hoàn thành số hóa trong quý I.');
    await form.getByTestId('save-evaluation').click();
    await expect
      .poll(() => member.getByTestId('sheet-result').textContent(), { timeout: 20_000 })
      .toContain('Hoàn thành xuất sắc nhiệm vụ');
    await member.getByTestId('send-evaluation').click();
    await expect
      .poll(() => member.locator('[data-testid^="evaluation-"]').first().textContent(), { timeout: 20_000 })
      .toContain('Đã tự đánh giá');
    await screenshot(member, 'grading-member-390');

    current = 'cell';
    const cell = await pageAs('e2e.cell');
    await cell.goto(`/grading/rounds/${roundId}`);
    const row = cell.locator('[data-testid^="review-"]', { hasText: 'Nguyễn Thị Hạnh' });
    await row.getByRole('button', { name: 'Nhận xét' }).click();
    await cell.getByTestId('step-comment').fill('Chi bộ thống nhất với bản tự kiểm điểm; đồng chí cần hoàn thành cam kết số hóa.');
    await cell.getByRole('dialog').getByRole('button', { name: 'Ghi nhận' }).click();
    await row.getByRole('button', { name: 'Đề xuất' }).click();
    await cell.getByTestId('votes-present').fill('5');
    await cell.getByTestId('votes-agree').fill('5');
    await cell.getByRole('dialog').getByRole('button', { name: 'Ghi nhận' }).click();
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain('Đề xuất: Hoàn thành xuất sắc nhiệm vụ');

    current = 'targets-before';
    const committee = await pageAs('e2e.grassroots');
    // The Bloc resolution's dashboard, as its committee reads it, before anything of 2025 is decided.
    const viewer = await pageAs('e2e.bloc');
    // The "actual" cell of a target's row (after the expand and the target's text and goal).
    const actualOf = (text: string | RegExp) =>
      viewer
        .getByTestId('targets-table')
        .locator('tr')
        .filter({ has: viewer.locator('td', { hasText: text }) })
        .locator('td')
        .nth(3);
    const orgGood = actualOf('chi bộ, đảng bộ cơ sở được xếp loại hoàn thành tốt');
    const memberGood = actualOf(/^Đảng viên hoàn thành tốt nhiệm vụ$/);
    await viewer.goto(`/dashboard/${blocResolutionId}`);
    await orgGood.waitFor();
    const orgBefore = (await orgGood.textContent())!;
    const memberBefore = (await memberGood.textContent())!;
    // Before: the demo's last decided year (2024), not perfect.
    expect(orgBefore).toContain('2024');
    expect(memberBefore).toContain('2024');

    current = 'decide';
    await committee.goto(`/grading/rounds/${roundId}`);
    await committee.getByRole('tab', { name: 'Kết quả xếp loại' }).click();
    await expect.poll(() => committee.getByTestId('share-members').textContent(), { timeout: 20_000 }).toContain('0/0');
    await committee.getByRole('tab', { name: 'Nhận xét, đề xuất, quyết định' }).click();
    const hanh = committee.locator('[data-testid^="review-"]', { hasText: 'Nguyễn Thị Hạnh' });
    await hanh.getByRole('button', { name: 'Quyết định' }).click();
    await committee.getByRole('dialog').getByRole('button', { name: 'Ghi nhận' }).click();
    await expect.poll(() => hanh.textContent(), { timeout: 20_000 }).toContain('Xếp loại: Hoàn thành xuất sắc nhiệm vụ');
    // The cell's own rating, decided by the committee above it.
    await committee.getByLabel('Đối tượng đánh giá').click();
    await committee.locator('.ant-select-item-option', { hasText: /^Tổ chức đảng$/ }).click();
    const cellRow = committee.locator('[data-testid^="review-"]', { hasText: 'Chi bộ Văn phòng thử nghiệm' });
    await cellRow.getByRole('button', { name: 'Quyết định' }).click();
    await committee.getByRole('dialog').getByRole('button', { name: 'Ghi nhận' }).click();
    await expect.poll(() => cellRow.textContent(), { timeout: 20_000 }).toContain('Xếp loại: Hoàn thành tốt nhiệm vụ');
    await committee.getByLabel('Đối tượng đánh giá').click();
    await committee.locator('.ant-select-item-option', { hasText: /^Đảng viên$/ }).click();

    current = 'quota';
    const minh = committee.locator('[data-testid^="review-"]', { hasText: 'Trần Văn Minh' });
    await minh.getByRole('button', { name: 'Quyết định' }).click();
    await committee.getByRole('dialog').getByRole('button', { name: 'Ghi nhận' }).click();
    await expect
      .poll(() => committee.locator('.ant-message').textContent(), { timeout: 20_000 })
      .toContain('Vượt tỷ lệ mức Hoàn thành xuất sắc: đã có 1/5, tối đa 1 (20%)');
    await committee.getByRole('dialog').getByRole('button', { name: 'Hủy' }).click();

    current = 'results';
    await committee.getByRole('tab', { name: 'Kết quả xếp loại' }).click();
    await expect.poll(() => committee.getByTestId('share-members').textContent(), { timeout: 20_000 }).toContain('1/1');
    await screenshot(committee, 'grading-results-1440');
    await committee.setViewportSize({ width: 390, height: 900 });
    await screenshot(committee, 'grading-results-390');

    current = 'targets-after';
    // Both targets now read 2025 from the decided ratings: 1 of 1 cell, 1 of 1 member decided, each good or above.
    await viewer.reload();
    await expect.poll(async () => orgGood.textContent(), { timeout: 20_000 }).toContain('2025');
    const orgAfter = (await orgGood.textContent())!;
    const memberAfter = (await memberGood.textContent())!;
    expect(memberAfter).toContain('2025');
    expect(orgAfter).not.toEqual(orgBefore);
    expect(memberAfter).not.toEqual(memberBefore);
    expect(orgAfter).toMatch(/^100\b/);
    expect(memberAfter).toMatch(/^100\b/);
    await screenshot(viewer, 'grading-targets-moved-1440');

    current = 'open-dialog';
    // The period is picked as people name it, not typed as a key.
    await committee.setViewportSize({ width: 1440, height: 900 });
    await committee.goto('/grading');
    await committee.getByTestId('open-round').click();
    const dialog = committee.getByRole('dialog');
    await dialog.getByLabel('Loại kỳ').click();
    await committee.locator('.ant-select-item-option', { hasText: /^Quý$/ }).click();
    await dialog.getByTestId('round-quarter').click();
    await committee.locator('.ant-select-item-option', { hasText: /^Quý II$/ }).click();
    await dialog.getByTestId('round-year').fill('2026');
    await expect.poll(() => dialog.textContent(), { timeout: 20_000 }).toContain('Quý II');
    await screenshot(committee, 'grading-open-round-1440');
    await dialog.getByRole('button', { name: 'Hủy' }).click();

    current = 'rule-sets';
    // The same member in a 2024 round (QĐ 124, in force then) and a 2026 quarter (QĐ 366): each
    // form names the rules it is scored under.
    const admin = await apiAs('admin', server.adminPassword);
    const grId = (await admin<{ orgId: number }>('GET', `/grading/rounds/${roundId}`)).orgId;
    await admin('POST', '/grading/rounds', {
      orgId: grId,
      periodKind: 'year',
      periodKey: '2024',
      selfAssessDue: '2024-12-10',
      reviewDue: '2024-12-20',
      decideDue: '2024-12-31',
    });
    await admin('POST', '/grading/rounds', {
      orgId: grId,
      periodKind: 'quarter',
      periodKey: '2026-Q1',
      selfAssessDue: '2026-03-25',
      reviewDue: '2026-03-28',
      decideDue: '2026-03-31',
    });
    await member.reload();
    const forms = member.locator('[data-testid^="evaluation-"]');
    await expect.poll(() => forms.count(), { timeout: 20_000 }).toBe(3);
    const texts = await forms.allTextContents();
    expect(texts.find((t) => t.includes('năm 2024'))).toContain('QĐ 124-QĐ/TW');
    expect(texts.find((t) => t.includes('quý I/2026'))).toContain('QĐ 366-QĐ/TW');
    // Graded under each: the 2024 sheet has QĐ 124's four criteria, the 2026 quarter QĐ 366's two with the tasks.
    const y2024 = forms.filter({ hasText: 'năm 2024' });
    for (const [key, points] of [
      ['politics', '17'],
      ['ethics', '17'],
      ['discipline', '17'],
      ['results', '34'],
    ] as const)
      await y2024.getByTestId(`points-${key}`).fill(points);
    await y2024.getByTestId('save-evaluation').click();
    await expect.poll(() => y2024.getByTestId('sheet-result').textContent(), { timeout: 20_000 }).toContain('Hoàn thành tốt nhiệm vụ');
    expect(await y2024.getByTestId('sheet-result').textContent()).toContain('85');
    const q2026 = forms.filter({ hasText: 'quý I/2026' });
    expect(await q2026.getByTestId('points-politics').count()).toBe(0);
    await q2026.getByTestId('points-politics_ethics').fill('27');
    await q2026.getByTestId('points-results').fill('63');
    await q2026.getByTestId('tasks-total').fill('4');
    await q2026.getByTestId('tasks-onTime').fill('4');
    await q2026.getByTestId('tasks-beyond').fill('2');
    await q2026.getByTestId('save-evaluation').click();
    await expect.poll(() => q2026.getByTestId('sheet-result').textContent(), { timeout: 20_000 }).toContain('Hoàn thành xuất sắc nhiệm vụ');
    await screenshot(member, 'grading-two-rule-sets-390');
  }, 300_000);
});
