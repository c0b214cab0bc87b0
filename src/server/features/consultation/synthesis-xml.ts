/**
 * The body of the synthesis report, one heading and one table per item, written as WordprocessingML
 * text. A provincial round holds 20,000 comments: built as `docx` objects (a paragraph, a run and
 * a cell object per field, then a tree walk to serialize them) that took minutes; as text it takes
 * a second or two. The markup is what `docx` writes for the same table (borders, fixed layout, a
 * repeated header row, rows that do not split across pages), less the font of every run: the
 * report's default font (Times New Roman) applies, and a third of the size goes.
 */

/** Characters XML 1.0 forbids: C0 controls but tab, line feed and carriage return; U+FFFE, U+FFFF. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text as XML character data: escaped, and without the control characters XML 1.0 forbids. */
export function xmlText(s: string): string {
  return s.replace(FORBIDDEN, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export type XmlRun = { text: string; bold?: boolean; italics?: boolean; size: number };
export type Align = 'left' | 'center' | 'both';

function run(r: XmlRun): string {
  return (
    `<w:r><w:rPr>${r.bold ? '<w:b/><w:bCs/>' : ''}${r.italics ? '<w:i/><w:iCs/>' : ''}` +
    `<w:sz w:val="${r.size}"/><w:szCs w:val="${r.size}"/></w:rPr><w:t xml:space="preserve">${xmlText(r.text)}</w:t></w:r>`
  );
}

/** A paragraph with the report's line spacing (15 pt). */
export function paragraphXml(runs: readonly XmlRun[], o: { align: Align; before?: number; after?: number }): string {
  let xml = `<w:p><w:pPr><w:spacing w:after="${o.after ?? 0}" w:before="${o.before ?? 0}" w:line="300"/><w:jc w:val="${o.align}"/></w:pPr>`;
  for (const r of runs) xml += run(r);
  return `${xml}</w:p>`;
}

/** One row of a table: each cell holds one or more paragraphs of runs. */
export type XmlRow = { paragraphs: XmlRun[][]; align: Align }[];

const border = (side: string) => `<w:${side} w:val="single" w:color="000000" w:sz="4"/>`;
const borders = `<w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders>`;

function rowXml(widths: readonly number[], row: XmlRow, props: string): string {
  let xml = `<w:tr><w:trPr>${props}</w:trPr>`;
  row.forEach((cell, n) => {
    xml += `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${widths[n]}"/></w:tcPr>`;
    for (const p of cell.paragraphs) xml += paragraphXml(p, { align: cell.align });
    xml += '</w:tc>';
  });
  return `${xml}</w:tr>`;
}

/** A bordered table of fixed column widths (twips) whose first row repeats on every page. */
export function tableXml(widths: readonly number[], header: XmlRow, rows: Iterable<XmlRow>): string {
  const parts = [
    `<w:tbl><w:tblPr><w:tblW w:type="dxa" w:w="${widths.reduce((a, b) => a + b, 0)}"/>${borders}<w:tblLayout w:type="fixed"/></w:tblPr>`,
    `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`,
    rowXml(widths, header, '<w:tblHeader/>'),
  ];
  for (const r of rows) parts.push(rowXml(widths, r, '<w:cantSplit/>'));
  parts.push('</w:tbl>');
  return parts.join('');
}
