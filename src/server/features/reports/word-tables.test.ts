import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemo } from '../../test/demo';
import { columnWidths } from '../../lib/party-docx';
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

type TableXml = {
  grid: number[];
  rows: { isHeader: boolean; cells: { width: number; type: string; text: string; isBold: boolean; size: number }[] }[];
};

/** The tables of a .docx body, cell by cell (text, width, bold, font size in half-points). */
async function tablesOf(buffer: Buffer): Promise<TableXml[]> {
  const xml = await (await JSZip.loadAsync(buffer)).file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map(([, t]) => ({
    grid: [...t!.matchAll(/<w:gridCol w:w="(\d+)"/g)].map((m) => Number(m[1])),
    rows: [...t!.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>|<w:tr [^>]*>([\s\S]*?)<\/w:tr>/g)].map((r) => {
      const row = r[1] ?? r[2] ?? '';
      return {
        isHeader: row.includes('<w:tblHeader'),
        cells: [...row.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map(([, c]) => ({
          width: Number(/<w:tcW [^>]*w:w="(\d+)"/.exec(c!)?.[1] ?? /<w:tcW w:w="(\d+)"/.exec(c!)?.[1] ?? 0),
          type: /<w:tcW [^>]*w:type="(\w+)"/.exec(c!)?.[1] ?? '',
          text: [...c!.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''),
          isBold: /<w:b\/>|<w:b w:val="true"\/>/.test(c!),
          size: Number(/<w:sz w:val="(\d+)"/.exec(c!)?.[1] ?? 24),
        })),
      };
    }),
  }));
}

// Times New Roman advance widths in em, rounded up: capitals and Đ about 0,72, lower case and
// digits 0,5, "/" 0,28; bold about 5% wider. Word's default cell margins are 108 twips a side.
const CELL_MARGINS = 2 * 108;
function wordTwips(word: string, halfPoints: number, isBold: boolean): number {
  let em = 0;
  for (const ch of word) em += ch === '/' ? 0.28 : ch === ch.toLocaleUpperCase('vi') && ch !== ch.toLocaleLowerCase('vi') ? 0.72 : 0.5;
  return em * (isBold ? 1.05 : 1) * (halfPoints / 2) * 20;
}
/** The widest word of a cell must fit between its margins, or it breaks mid-word. */
const fits = (c: { text: string; width: number; size: number; isBold: boolean }) =>
  Math.max(0, ...c.text.split(/\s+/).map((w) => wordTwips(w, c.size, c.isBold))) + CELL_MARGINS <= c.width;

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
