import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import { buildOrg, buildUser, type TestOrg } from '../../test/factories';
import { buildTestApp, loginAs, type TestClient } from '../../test/http';
import type { App } from '../../app';

/**
 * The statistics table of the Word file (HD 36) read back from its XML: fixed widths in twips,
 * a repeated header, and every header word narrow enough for its column, so that no header
 * ("Chuyển đảng chính thức", "Tổ chức Công đoàn, Đoàn …") breaks in the middle of a word.
 */
let app: App;
let db: Db;
let drop: () => Promise<void>;
let province: TestOrg;
let manager: TestClient;

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
  province = await buildOrg(db, { id: 720, name: 'Tỉnh ủy Bình Dương', kind: 'province_committee' });
  await buildOrg(db, { parent: province, name: 'Đảng ủy Khối Các cơ quan và doanh nghiệp tỉnh', kind: 'bloc_committee' });
  await buildOrg(db, { parent: province, name: 'Chi bộ Công ty TNHH Một thành viên Xổ số kiến thiết', kind: 'grassroots' });
  const u = await buildUser(db, [{ org: province, role: 'manager' }]);
  manager = await loginAs(app, u.username, u.password);
}, 120_000);
afterAll(async () => drop());

type Cell = { width: number; text: string; isBold: boolean; size: number };

async function statisticsTable(buffer: Buffer) {
  const xml = await (await JSZip.loadAsync(buffer)).file('word/document.xml')!.async('string');
  const tables = [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map(([, t]) => t!);
  const t = tables.find((x) => x.includes('>STT<'))!;
  return {
    grid: [...t.matchAll(/<w:gridCol w:w="(\d+)"/g)].map((m) => Number(m[1])),
    rows: [...t.matchAll(/<w:tr(?: [^>]*)?>([\s\S]*?)<\/w:tr>/g)].map(([, row]) => ({
      isHeader: row!.includes('<w:tblHeader'),
      cells: [...row!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map(([, c]): Cell => ({
        width: Number(/<w:tcW [^>]*w:w="(\d+)"/.exec(c!)?.[1] ?? 0),
        text: [...c!.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''),
        isBold: /<w:b\/>|<w:b w:val="true"\/>/.test(c!),
        size: Number(/<w:sz w:val="(\d+)"/.exec(c!)?.[1] ?? 24),
      })),
    })),
  };
}

// Times New Roman advance widths in em, rounded up (as word-tables.test.ts of the reports):
// m and w 0,78, M and W 0,89, other capitals and Đ 0,72, other lower case and digits 0,5,
// punctuation 0,33; bold about 5% wider; Word's default cell margins are 108 twips a side.
const CELL_MARGINS = 2 * 108;
function wordTwips(word: string, halfPoints: number, isBold: boolean): number {
  let em = 0;
  for (const ch of word) {
    const base = ch.normalize('NFD')[0]!;
    em += /[mw]/.test(base)
      ? 0.78
      : /[MW]/.test(base)
        ? 0.89
        : /[(),.:;/]/.test(ch)
          ? 0.33
          : ch === ch.toLocaleUpperCase('vi') && ch !== ch.toLocaleLowerCase('vi')
            ? 0.72
            : 0.5;
  }
  return em * (isBold ? 1.05 : 1) * (halfPoints / 2) * 20;
}
const fits = (c: Cell) => Math.max(0, ...c.text.split(/\s+/).map((w) => wordTwips(w, c.size, c.isBold))) + CELL_MARGINS <= c.width;

describe('the statistics Word file', () => {
  it('has fixed column widths, a repeated header, and header words that fit their columns', async () => {
    const res = await manager.get(`/api/registry/statistics.docx?orgId=${province.id}&from=2024-01-01&to=2024-12-31`);
    expect(res.statusCode).toBe(200);
    const table = await statisticsTable(res.rawPayload);
    const header = table.rows[0]!;
    expect(header.isHeader).toBe(true);
    expect(header.cells.map((c) => c.text).slice(0, 3)).toEqual(['STT', 'Đơn vị', 'Kết nạp']);
    expect(header.cells).toHaveLength(table.grid.length);
    for (const row of table.rows) expect(row.cells.map((c) => c.width)).toEqual(table.grid);
    expect(header.cells.filter((c) => !fits(c)).map((c) => c.text)).toEqual([]);
    // The units' names and the totals fit too (a unit's name wraps between words, never inside one).
    expect(table.rows.slice(1).flatMap((r) => r.cells.filter((c) => !fits(c)).map((c) => c.text))).toEqual([]);
  });

  it('would catch a header too narrow: "nghiệp" bold at 7,5 pt does not fit 600 twips', () => {
    expect(fits({ text: 'doanh nghiệp', width: 600, size: 15, isBold: true })).toBe(false);
  });
});
