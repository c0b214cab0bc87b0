import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './support/browser';
import { adminJourney } from './support/journey';

type Item = { id: number; kind: string; text: string; parentItemId: number | null; indicatorName: string | null; statement: string | null };

/**
 * A new user pastes a sectioned program (targets, "III. NHIỆM VỤ TRỌNG TÂM" with numbered
 * tasks and their a), b) sub-tasks, "IV. KHÂU ĐỘT PHÁ"), types the figure of a target the text
 * only measures against the province's plan, accepts everything, and finds the items nested as
 * in the text; the new indicators wait for the administrator instead of entering the catalog.
 */
describe('importing a sectioned program', () => {
  let page: Page;
  let current = '';
  let documentId = 0;
  let catalogBefore = 0;

  // Written for this test in the manner of a 2025–2030 ward action program.
  const program = [
    'II. MỤC TIÊU CỤ THỂ',
    'Tỷ lệ che phủ rừng',
    '≥ 45%',
    '(2) Tỷ lệ chi bộ có sinh hoạt chuyên đề hằng quý đạt 100%.',
    'Số đảng viên mới kết nạp theo kế hoạch của tỉnh.',
    'III. NHIỆM VỤ TRỌNG TÂM',
    '1. Đẩy mạnh chuyển đổi số trong các cơ quan đảng',
    'a) Số hóa toàn bộ hồ sơ đảng viên trước năm 2026',
    'b) Triển khai sổ tay đảng viên điện tử ở mọi chi bộ',
    '2. Nâng cao chất lượng sinh hoạt chi bộ',
    'IV. KHÂU ĐỘT PHÁ',
    '1. Phát triển nguồn nhân lực chất lượng cao',
    '2. Hoàn thiện hạ tầng giao thông kết nối vùng',
  ].join('\n');

  const api = <T>(path: string) => page.evaluate(async (p) => (await fetch(`/api${p}`)).json(), path) as Promise<T>;

  const journey = adminJourney('extraction-sections', () => current, 'old-tree');
  beforeAll(async () => {
    ({ page } = journey);
    documentId = await page.evaluate(async () => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const hits = (await (await fetch(`/api/orgs/search?q=${encodeURIComponent('Tỉnh ủy Bình Dương')}`)).json()) as {
        id: number;
        name: string;
      }[];
      const res = await fetch('/api/documents', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({
          orgId: hits.find((h) => h.name === 'Tỉnh ủy Bình Dương')!.id,
          kind: 'action_program',
          term: '2025-2030',
          title: 'Chương trình hành động nhiệm kỳ 2025-2030',
        }),
      });
      return ((await res.json()) as { id: number }).id;
    });
    catalogBefore = (await api<unknown[]>('/indicators')).length;
  });

  it('refuses the target with no figure until its value is typed, then accepts every row', async () => {
    current = 'review';
    await page.goto(`/documents/${documentId}`);
    await page.getByTestId('document-title').waitFor();
    await page.getByTestId('import-from-text').click();
    await page.getByTestId('extract-paste').fill(program);
    await page.getByTestId('extract-read').click();
    const rows = page.getByTestId('extract-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(9);
    await page.getByTestId('extract-accept-all').click();
    await expect.poll(() => page.getByTestId('extract-counts').textContent()).toBe('8/9 mục được nhận');
    const refused = rows.nth(2);
    const message = 'Chỉ tiêu này chỉ ghi “kế hoạch của tỉnh”, chưa có con số: hãy nhập giá trị cụ thể rồi mới nhận.';
    expect(await refused.getByRole('alert').first().textContent()).toBe(message);
    const accept = refused.getByRole('checkbox', { name: 'Nhận mục 3' });
    await accept.click();
    await page.locator('.ant-message').getByText(message).waitFor();
    expect(await accept.isChecked()).toBe(false);
    await refused.getByTestId('extract-value').fill('150');
    await refused.getByTestId('extract-unit').fill('đảng viên');
    await accept.click();
    await expect.poll(() => page.getByTestId('extract-counts').textContent()).toBe('9/9 mục được nhận');
    // New indicators are proposals, not catalog entries: the review says so.
    expect(await rows.nth(0).getByTestId('extract-proposed-new').count()).toBe(1);
    await screenshot(page, 'extraction-sections-review');
  });

  it('adds the items nested as in the text, without adding any indicator to the catalog', async () => {
    current = 'accept';
    await page.getByTestId('extract-add').click();
    await page.getByTestId('extract-table').waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('items-table').getByTestId('item-statement').count(), { timeout: 15_000 }).toBe(3);
    const { items } = await api<{ items: Item[] }>(`/documents/${documentId}`);
    const byText = new Map(items.map((i) => [i.text, i]));
    const parentOf = (text: string) => items.find((i) => i.id === byText.get(text)?.parentItemId)?.text ?? null;
    expect(items.map((i) => i.kind)).toEqual([
      'target',
      'target',
      'target',
      'task',
      'task',
      'task',
      'task',
      'breakthrough',
      'breakthrough',
    ]);
    expect(parentOf('Số hóa toàn bộ hồ sơ đảng viên trước năm 2026')).toBe('Đẩy mạnh chuyển đổi số trong các cơ quan đảng');
    expect(parentOf('Triển khai sổ tay đảng viên điện tử ở mọi chi bộ')).toBe('Đẩy mạnh chuyển đổi số trong các cơ quan đảng');
    expect(parentOf('Nâng cao chất lượng sinh hoạt chi bộ')).toBeNull();
    expect(parentOf('Phát triển nguồn nhân lực chất lượng cao')).toBeNull();
    expect(items.map((i) => i.statement).filter(Boolean)).toEqual(['ít nhất 45%', '100%', 'ít nhất 150 đảng viên']);
    expect((await api<unknown[]>('/indicators')).length).toBe(catalogBefore);
    await page.locator('[data-testid^="item-"]').filter({ hasText: 'Số hóa toàn bộ hồ sơ' }).first().scrollIntoViewIfNeeded();
    await screenshot(page, 'extraction-sections-added-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'extraction-sections-added-390');
  });

  it('shows the proposed indicators to the administrator, who accepts one renamed', async () => {
    current = 'proposals';
    await page.goto('/indicator-proposals');
    const names = page.getByTestId('proposal-name');
    await names.first().waitFor();
    await expect
      .poll(() => names.allTextContents(), { timeout: 15_000 })
      .toEqual(expect.arrayContaining(['Tỷ lệ che phủ rừng', 'Tỷ lệ chi bộ có sinh hoạt chuyên đề hằng quý']));
    await screenshot(page, 'indicator-proposals-390');
    await page.setViewportSize({ width: 1440, height: 900 });
    const row = page.locator('tr').filter({ hasText: 'Tỷ lệ che phủ rừng' });
    await row.getByTestId('proposal-accept').click();
    await page.getByTestId('proposal-new-name').fill('Tỷ lệ che phủ rừng (%)');
    await page.getByRole('button', { name: 'Nhận vào danh mục' }).last().click();
    await expect
      .poll(async () => (await api<{ name: string }[]>('/indicators')).some((i) => i.name === 'Tỷ lệ che phủ rừng (%)'), {
        timeout: 15_000,
      })
      .toBe(true);
    await expect.poll(() => names.allTextContents(), { timeout: 15_000 }).not.toContain('Tỷ lệ che phủ rừng');
    await screenshot(page, 'indicator-proposals-1440');
    expect(journey.errors).toEqual([]);
  });
});
