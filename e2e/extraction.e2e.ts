import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import JSZip from 'jszip';
import { screenshot } from './support/browser';
import { adminJourney } from './support/journey';

/**
 * Paste and review in the browser: a provincial committee pastes the economic targets and the
 * breakthroughs of its resolution into a draft, checks what was read beside the text, drops
 * one row, accepts the rest and finds them in the document with the values the text states.
 */
describe('importing items from a pasted text', () => {
  let page: Page;
  let current = '';
  let documentId = 0;

  // Written for this test in the manner of a provincial congress resolution.
  const passage = [
    'Các chỉ tiêu chủ yếu về kinh tế đến năm 2025: tốc độ tăng trưởng kinh tế (GRDP) bình quân đạt 8,5-8,7%/năm; tỉ trọng công nghiệp và dịch vụ chiếm trên 90% trong cơ cấu kinh tế; thu ngân sách tăng bình quân 8%/năm; thu hút đầu tư nước ngoài đạt trên 9 tỉ USD; đến năm 2025 có khoảng 80.000 doanh nghiệp đang hoạt động.',
    'Ba khâu đột phá của nhiệm kỳ:',
    '1. Nâng cao chất lượng nguồn nhân lực gắn với chuyển đổi số;',
    '2. Hoàn thiện hạ tầng giao thông kết nối vùng;',
    '3. Cải cách thủ tục hành chính, nâng cao chỉ số năng lực cạnh tranh cấp tỉnh.',
  ].join('\n');
  const statements = ['8,5–8,7%/năm', 'trên 90%', 'tăng 8%/năm', 'trên 9 tỷ USD', 'khoảng 80.000 doanh nghiệp'];

  const journey = adminJourney('extraction', () => current, 'old-tree');
  beforeAll(async () => {
    ({ page } = journey);
    // The draft to import into is set up through the API; the journey is the review itself.
    documentId = await page.evaluate(async () => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const hits = (await (await fetch(`/api/orgs/search?q=${encodeURIComponent('Tỉnh ủy Bình Dương')}`)).json()) as {
        id: number;
        name: string;
      }[];
      const org = hits.find((h) => h.name === 'Tỉnh ủy Bình Dương')!;
      const res = await fetch('/api/documents', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({
          orgId: org.id,
          kind: 'action_program',
          term: '2020-2025',
          title: 'Chương trình hành động phát triển kinh tế nhiệm kỳ 2020-2025',
        }),
      });
      return ((await res.json()) as { id: number }).id;
    });
  });

  it('reads the pasted text into an editable table beside the source, each item’s words marked', async () => {
    current = 'review';
    expect(documentId).toBeGreaterThan(0);
    await page.goto(`/documents/${documentId}`);
    await page.getByTestId('document-title').waitFor();
    await page.getByTestId('import-from-text').click();
    await page.getByTestId('extract-paste').fill(passage);
    await page.getByTestId('extract-read').click();
    const table = page.getByTestId('extract-table');
    await table.waitFor();
    const rows = table.locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(8);
    expect(await table.getByTestId('extract-statement').allTextContents()).toEqual(
      statements.map((s, i) => `Hiểu là: ${s}${i === 0 || i === 4 ? ' (2025)' : ''}`),
    );
    // The catalog indicator is proposed for each target.
    expect(await rows.nth(3).getByTestId('extract-indicator').textContent()).toContain('Vốn đầu tư trực tiếp nước ngoài thu hút');
    // Clicking a row marks its words in the source text.
    await rows.nth(3).getByRole('button', { name: 'Xem trong văn bản' }).click();
    await expect.poll(() => page.getByTestId('extract-src-r3').getAttribute('class')).toContain('is-active');
    expect(await page.getByTestId('extract-src-r3').textContent()).toBe('thu hút đầu tư nước ngoài đạt trên 9 tỉ USD');
    await screenshot(page, 'extraction-review');
  });

  it('drops a row, accepts the rest and adds them to the document with their values', async () => {
    current = 'accept';
    const rows = page.getByTestId('extract-table').locator('tbody tr.ant-table-row');
    // The heading's year holds for every target: the user fills it in where the parser left it out.
    await rows.nth(1).getByRole('spinbutton', { name: 'Năm' }).fill('2025');
    await expect.poll(() => rows.nth(1).getByTestId('extract-statement').textContent()).toBe('Hiểu là: trên 90% (2025)');
    await rows.nth(7).getByTestId('extract-drop').click();
    await page.getByTestId('extract-accept-all').click();
    await expect.poll(() => page.getByTestId('extract-counts').textContent()).toBe('7/7 mục được nhận');
    await page.getByTestId('extract-add').click();
    await page.getByTestId('extract-table').waitFor({ state: 'hidden' });
    const items = page.getByTestId('items-table');
    await expect
      .poll(() => items.getByTestId('item-statement').allTextContents())
      .toEqual(statements.map((s, i) => (i === 0 || i === 1 || i === 4 ? `${s} (2025)` : s)));
    const text = (await items.textContent()) ?? '';
    expect(text).toContain('Hoàn thiện hạ tầng giao thông kết nối vùng');
    expect(text).not.toContain('Cải cách thủ tục hành chính');
    expect(text).toContain('Tốc độ tăng trưởng tổng sản phẩm trên địa bàn (GRDP)');
    await screenshot(page, 'extraction-added');
  });

  it('reads a Word file the same way, and says so when a text holds nothing to propose', async () => {
    current = 'docx';
    const zip = new JSZip();
    const paragraphs = passage
      .split('\n')
      .map((p) => `<w:p><w:r><w:t xml:space="preserve">${p}</w:t></w:r></w:p>`)
      .join('');
    zip.file(
      'word/document.xml',
      `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs}</w:body></w:document>`,
    );
    await page.getByTestId('import-from-text').click();
    await page.getByRole('tab', { name: 'Tải tệp Word (.docx)' }).click();
    await page
      .getByTestId('extract-docx')
      .locator('input[type=file]')
      .setInputFiles({
        name: 'nghi-quyet.docx',
        mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        buffer: await zip.generateAsync({ type: 'nodebuffer' }),
      });
    const rows = page.getByTestId('extract-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(8);
    await page.getByRole('button', { name: 'Quay lại sửa văn bản' }).click();
    await page.getByTestId('extract-paste').fill('Hội nghị diễn ra trong không khí dân chủ, đoàn kết.');
    await page.getByTestId('extract-paste').press('Control+Enter');
    await page.getByTestId('extract-empty').waitFor();
    expect(await page.getByTestId('extract-add').isDisabled()).toBe(true);
    await screenshot(page, 'extraction-empty');
  });
});
