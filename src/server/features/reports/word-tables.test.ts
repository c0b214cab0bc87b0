import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemo } from '../../test/demo';
import { columnWidths } from '../../lib/party-docx';
import { fits, tablesOf } from '../../test/word-tables';
import { TARGET_COLUMNS, TASK_COLUMNS } from './reports.docx';

/**
 * The tables of the Word files, read back from their XML: fixed column widths in twips (Word and
 * LibreOffice read percentages differently), a repeated header row, and every header word (and
 * every date) narrow enough for its column, so that no header breaks in the middle of a word.
 */
let demo: Awaited<ReturnType<typeof openDemo>>;

beforeAll(async () => {
  demo = await openDemo();
}, 300_000); // includes waiting for another file to build the demo template (test/db.ts)
afterAll(async () => demo?.close());

/** A Word file as the browser downloads it, as the administrator. */
async function download(url: string): Promise<Buffer> {
  const res = await demo.admin.get(url);
  expect(res.statusCode).toBe(200);
  return res.rawPayload;
}

const docOf = async (orgName: string) =>
  (
    await demo.db.query<{ id: number }>(
      `SELECT d.id FROM documents d JOIN orgs o ON o.id = d.org_id WHERE o.name = $1 AND d.kind = 'resolution' AND d.term = '2020-2025' ORDER BY d.id LIMIT 1`,
      [orgName],
    )
  ).rows[0]!.id;

describe('Word tables', () => {
  it('gives the progress report fixed column widths, a repeated header, and headers and dates that fit their columns', async () => {
    const buffer = await download(`/api/documents/${await docOf('Tỉnh ủy Bình Dương')}/progress-report.docx?periodKey=2024-Q4`);
    const tables = await tablesOf(buffer);
    const byHeader = (first: string) => tables.find((t) => t.rows[0]?.cells[1]?.text === first)!;
    const targets = byHeader('Chỉ tiêu');
    const tasks = byHeader('Nhiệm vụ');
    expect(targets.grid).toEqual(columnWidths(TARGET_COLUMNS));
    expect(tasks.grid).toEqual(columnWidths(TASK_COLUMNS));
    for (const [table, header] of [
      [targets, ['TT', 'Chỉ tiêu', 'Mục tiêu', 'Kết quả', 'Đánh giá', 'Ghi chú']],
      [tasks, ['TT', 'Nhiệm vụ', 'Đơn vị chủ trì', 'Thời hạn', 'Tình hình']],
    ] as const) {
      expect(table.rows[0]!.isHeader).toBe(true);
      expect(table.rows[0]!.cells.map((c) => c.text)).toEqual(header);
      expect(table.rows.length).toBeGreaterThan(1);
      for (const row of table.rows) {
        expect(row.cells.map((c) => c.width)).toEqual(table.grid);
        expect(new Set(row.cells.map((c) => c.type))).toEqual(new Set(['dxa']));
      }
      expect(table.rows[0]!.cells.filter((c) => !fits(c))).toEqual([]);
    }
    // A due date is one word: it must not break either.
    const dates = tasks.rows.slice(1).map((r) => r.cells[3]!);
    expect(dates.some((c) => /^\d{2}\/\d{2}\/\d{4}$/.test(c.text))).toBe(true);
    expect(dates.filter((c) => !fits(c))).toEqual([]);
  });

  it('gives the document’s targets table fixed column widths and headers that fit', async () => {
    const buffer = await download(`/api/documents/${await docOf('Tỉnh ủy Bình Dương')}/export.docx`);
    const tables = await tablesOf(buffer);
    const targets = tables.find((t) => t.rows[0]?.cells.map((c) => c.text).join('|') === 'TT|Chỉ tiêu|Mục tiêu|Năm')!;
    // TT, Chỉ tiêu, Mục tiêu, Năm: documents.docx.ts DOCUMENT_TARGET_COLUMNS.
    expect(targets.grid).toEqual(columnWidths([8, 52, 26, 14]));
    expect(targets.rows[0]!.isHeader).toBe(true);
    for (const row of targets.rows) expect(row.cells.map((c) => c.width)).toEqual(targets.grid);
    expect(targets.rows[0]!.cells.filter((c) => !fits(c))).toEqual([]);
  });

  it('would have caught the old widths: "TT" bold does not fit 5% of the page', () => {
    expect(fits({ text: 'TT', width: columnWidths([5])[0]!, size: 24, isBold: true })).toBe(false);
  });
});
