/**
 * The periodic statistics table as files: an .xlsx workbook (title, header, one row per unit,
 * the total, and the same figures by kind of organization) and a Word report in the Party's
 * document format (Hướng dẫn 36-HD/VPTW: header, title, the table in landscape, sign-off).
 */
import ExcelJS from 'exceljs';
import { AlignmentType, Document, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Db } from '../../db/pool';
import { orgKindLabels, type OrgKind } from '../../../domain/orgs/org-kinds';
import { formatVnNumber } from '../../../domain/vn-number';
import { formatVnDate } from '../../../domain/vn-time';
import type { Actor } from '../../lib/actor';
import { FONT, MM, partyFooter, partyHeader, reportNumberLine } from '../../lib/party-docx';
import { EXTRA_COLUMNS, getStatistics, STATISTIC_COLUMNS, type StatisticKey, type StatisticRow } from './statistics.service';

const COLUMNS: { key: StatisticKey; vi: string }[] = [...STATISTIC_COLUMNS, ...EXTRA_COLUMNS];
const kindLabel = (k: string) => orgKindLabels[k as OrgKind]?.vi ?? k;
const slug = (s: string) => s.replaceAll('-', '');

type Statistics = Awaited<ReturnType<typeof getStatistics>>;

/** Units summed by kind of organization (chi bộ, đảng bộ cơ sở, …), in the table's order. */
function byKind(t: Statistics): StatisticRow[] {
  const out = new Map<string, StatisticRow>();
  for (const r of t.rows) {
    let k = out.get(r.orgKind);
    if (!k) {
      k = { orgId: 0, orgName: kindLabel(r.orgKind), orgKind: r.orgKind, figures: { ...r.figures } };
      for (const c of COLUMNS) k.figures[c.key] = 0;
      out.set(r.orgKind, k);
    }
    for (const c of COLUMNS) k.figures[c.key] += r.figures[c.key];
  }
  return [...out.values()];
}

const TITLE = 'BIỂU THỐNG KÊ ĐẢNG VIÊN VÀ TỔ CHỨC ĐẢNG';
const period = (t: Statistics) => `Từ ngày ${formatVnDate(t.from)} đến ngày ${formatVnDate(t.to)} — ${t.orgName}`;

export async function exportStatisticsXlsx(db: Db, actor: Actor, q: { orgId: number; from: string; to: string }) {
  const t = await getStatistics(db, actor, q);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Resolute';
  const ws = wb.addWorksheet('Thống kê đảng viên', {
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1 },
  });
  const width = COLUMNS.length + 2;
  ws.mergeCells(1, 1, 1, width);
  ws.getCell(1, 1).value = TITLE;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, width);
  ws.getCell(2, 1).value = period(t);
  ws.getCell(2, 1).alignment = { horizontal: 'center' };
  const header = ws.getRow(4);
  header.values = ['STT', 'Đơn vị', ...COLUMNS.map((c) => c.vi)];
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  header.height = 72;
  ws.getColumn(1).width = 6;
  ws.getColumn(2).width = 34;
  for (let i = 3; i <= width; i++) ws.getColumn(i).width = 12;
  // Column numbers under the header, as the department's forms number them (1), (2), …
  ws.getRow(5).values = Array.from({ length: width }, (_, i) => `(${i + 1})`);
  ws.getRow(5).alignment = { horizontal: 'center' };
  let r = 6;
  const put = (label: [string | number, string], f: Record<StatisticKey, number>, bold = false) => {
    const row = ws.getRow(r++);
    row.values = [label[0], label[1], ...COLUMNS.map((c) => f[c.key])];
    if (bold) row.font = { bold: true };
  };
  t.rows.forEach((u, i) => put([i + 1, u.orgName], u.figures));
  put(['', 'Tổng cộng'], t.total, true);
  r++;
  ws.getRow(r++).values = ['', 'Theo loại tổ chức'];
  ws.getRow(r - 1).font = { bold: true, italic: true };
  byKind(t).forEach((k, i) => put([i + 1, k.orgName], k.figures));
  for (let row = 4; row < r; row++)
    for (let col = 1; col <= width; col++)
      ws.getCell(row, col).border = {
        top: { style: 'thin' },
        bottom: { style: 'thin' },
        left: { style: 'thin' },
        right: { style: 'thin' },
      };
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { buffer, fileName: `Thong-ke-dang-vien-${slug(t.from)}-${slug(t.to)}.xlsx` };
}

async function ancestorsOf(db: Db, orgId: number) {
  const { rows } = await db.query<{ name: string; kind: string }>(
    `SELECT a.name, a.kind FROM orgs a WHERE a.path @> (SELECT path FROM orgs WHERE id = $1) ORDER BY nlevel(a.path)`,
    [orgId],
  );
  return rows;
}

const text = (t: string, o: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
  new TextRun({ text: t, bold: o.bold, italics: o.italics, size: o.size ?? 26, font: FONT });
const centered = (t: string, o: { bold?: boolean; italics?: boolean; size?: number } = {}, after = 0) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after }, children: [text(t, o)] });
const cell = (t: string, o: { bold?: boolean; width: number; align?: 'left' | 'center'; size?: number }) =>
  new TableCell({
    width: { size: o.width, type: WidthType.DXA },
    children: [
      new Paragraph({
        alignment: o.align === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER,
        children: [text(t, { bold: o.bold, size: o.size ?? 18 })],
      }),
    ],
  });

export async function exportStatisticsDocx(db: Db, actor: Actor, q: { orgId: number; from: string; to: string }) {
  const t = await getStatistics(db, actor, q);
  const ancestors = await ancestorsOf(db, t.orgId);
  const issuer = { name: t.orgName, kind: t.orgKind };
  // A4 landscape: 297 mm less 20 + 15 mm margins leaves 262 mm for 17 columns.
  const pageWidth = Math.round(297 * MM);
  const textWidth = pageWidth - Math.round(35 * MM);
  const first = [Math.round(textWidth * 0.04), Math.round(textWidth * 0.13)];
  const rest = Math.floor((textWidth - first[0]! - first[1]!) / COLUMNS.length);
  const widths = [...first, ...COLUMNS.map(() => rest)];
  const row = (cells: string[], bold = false) =>
    new TableRow({ children: cells.map((c, i) => cell(c, { bold, width: widths[i]!, align: i === 1 ? 'left' : 'center' })) });
  const n = (v: number) => formatVnNumber(v);
  const table = new Table({
    width: { size: textWidth, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({
        tableHeader: true,
        children: ['STT', 'Đơn vị', ...COLUMNS.map((c) => c.vi)].map((h, i) => cell(h, { bold: true, width: widths[i]!, size: 15 })),
      }),
      row(Array.from({ length: widths.length }, (_, i) => `(${i + 1})`)),
      ...t.rows.map((u, i) => row([String(i + 1), u.orgName, ...COLUMNS.map((c) => n(u.figures[c.key]))])),
      row(['', 'Tổng cộng', ...COLUMNS.map((c) => n(t.total[c.key]))], true),
      row(['', 'Theo loại tổ chức', ...COLUMNS.map(() => '')], true),
      ...byKind(t).map((k, i) => row([String(i + 1), k.orgName, ...COLUMNS.map((c) => n(k.figures[c.key]))])),
    ],
  });
  const document = new Document({
    creator: 'Resolute',
    title: TITLE,
    styles: { default: { document: { run: { font: FONT, size: 26 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: Math.round(210 * MM), height: pageWidth, orientation: PageOrientation.LANDSCAPE },
            margin: { top: Math.round(20 * MM), bottom: Math.round(15 * MM), left: Math.round(20 * MM), right: Math.round(15 * MM) },
          },
        },
        children: [
          partyHeader({ ancestors, issuerName: t.orgName, number: reportNumberLine(issuer), date: null }),
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 240 }, children: [text(TITLE, { bold: true, size: 28 })] }),
          centered(period(t), { italics: true }, 200),
          table,
          new Paragraph({
            spacing: { before: 120, after: 240 },
            children: [text('Số liệu tổng hợp từ sự kiện đảng viên trên hệ thống, không nhập tay.', { italics: true, size: 22 })],
          }),
          partyFooter({ issuer, recipients: ['Cấp ủy cấp trên', 'Lưu VP, Ban Tổ chức'] }),
        ],
      },
    ],
  });
  return { buffer: await Packer.toBuffer(document), fileName: `Thong-ke-dang-vien-${slug(t.from)}-${slug(t.to)}.docx` };
}
