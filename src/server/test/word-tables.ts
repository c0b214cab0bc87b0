import JSZip from 'jszip';

/**
 * The tables of a Word file read back from its XML, and whether a cell's words fit its width:
 * the tests of every Word export check that no header or date breaks in the middle of a word.
 */
export type TableXml = {
  grid: number[];
  rows: { isHeader: boolean; cells: { width: number; type: string; text: string; isBold: boolean; size: number }[] }[];
};

/** The tables of a .docx body, cell by cell (text, width, bold, font size in half-points). */
export async function tablesOf(buffer: Buffer): Promise<TableXml[]> {
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
export const fits = (c: { text: string; width: number; size: number; isBold: boolean }) =>
  Math.max(0, ...c.text.split(/\s+/).map((w) => wordTwips(w, c.size, c.isBold))) + CELL_MARGINS <= c.width;
