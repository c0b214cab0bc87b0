/**
 * Word export in the Party's document format (Hướng dẫn 36-HD/VPTW, 03/4/2018): A4, margins
 * 20-25 mm top and bottom, 30-35 mm left, 15-20 mm right; Times New Roman; the header in two
 * columns — the issuing body with its superior above it, an asterisk, and "Số 01-NQ/TU" on
 * the left; "ĐẢNG CỘNG SẢN VIỆT NAM" underlined, with the place and date in italics, on the
 * right —, then the type name and the summary, the numbered content, targets as a table, and
 * the signature and recipients blocks.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type ITableCellOptions,
} from 'docx';
import type { Db } from '../../db/pool';
import { documentKindLabels } from '../../../domain/documents';
import type { Actor } from '../../lib/actor';
import { getDocument } from './documents.service';
import { columnWidths, FONT, MM, partyHeader, partyPage } from '../../lib/party-docx';

const SIZE = 28; // half-points: 14 pt body text

type Run = { text: string; bold?: boolean; italics?: boolean; size?: number; underline?: boolean };
const run = (r: Run) =>
  new TextRun({
    text: r.text,
    bold: r.bold,
    italics: r.italics,
    size: r.size ?? SIZE,
    font: FONT,
    underline: r.underline ? {} : undefined,
  });
const para = (
  runs: Run[],
  opts: {
    align?: (typeof AlignmentType)[keyof typeof AlignmentType];
    before?: number;
    after?: number;
    indent?: number;
    firstLine?: number;
  } = {},
) =>
  new Paragraph({
    alignment: opts.align ?? AlignmentType.JUSTIFIED,
    spacing: { before: opts.before ?? 0, after: opts.after ?? 120, line: 300 },
    indent: opts.firstLine || opts.indent ? { firstLine: opts.firstLine, left: opts.indent } : undefined,
    children: runs.map(run),
  });

const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const noBorders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };

function cell(children: Paragraph[], widthPct: number, opts: Partial<ITableCellOptions> = {}) {
  return new TableCell({ children, width: { size: widthPct, type: WidthType.PERCENTAGE }, ...opts });
}

const upper = (s: string) => s.toLocaleUpperCase('vi');

/** Builds the .docx of a document; the caller checks read access through getDocument. */
export async function exportDocumentDocx(db: Db, actor: Actor, id: number): Promise<{ buffer: Buffer; fileName: string }> {
  const doc = await getDocument(db, actor, id);
  const { rows: ancestors } = await db.query<{ name: string; kind: string }>(
    `SELECT a.name, a.kind FROM orgs a WHERE a.path @> $1::ltree ORDER BY nlevel(a.path)`,
    [doc.orgPath],
  );
  const issuer = ancestors.at(-1)?.name ?? doc.orgName;
  const header = partyHeader({ ancestors, issuerName: issuer, number: `Số ${doc.symbol}`, date: doc.issueDate });

  const body: (Paragraph | Table)[] = [
    header,
    para([{ text: upper(documentKindLabels[doc.kind].vi), bold: true, size: 30 }], { align: AlignmentType.CENTER, before: 360, after: 60 }),
    para([{ text: doc.title, bold: true }], { align: AlignmentType.CENTER, after: 60 }),
    para([{ text: '-----' }], { align: AlignmentType.CENTER, after: 240 }),
  ];
  if (doc.summary) body.push(para([{ text: doc.summary }], { firstLine: 10 * MM }));
  if (doc.implements.length > 0) {
    body.push(
      para(
        [
          {
            text: `Thực hiện ${doc.implements.map((d) => `${documentKindLabels[d.kind as keyof typeof documentKindLabels]?.vi ?? ''} số ${d.symbol} của ${d.orgName}`).join('; ')},`,
          },
        ],
        { firstLine: 10 * MM },
      ),
    );
  }
  if (doc.amendReason)
    body.push(
      para([{ text: `Bổ sung, điều chỉnh (lần ${doc.versionNo - 1}): ${doc.amendReason}`, italics: true }], { firstLine: 10 * MM }),
    );

  // Targets go into one table under the item that holds them, as resolutions print them.
  const items = doc.items;
  let i = 0;
  while (i < items.length) {
    const item = items[i]!;
    if (item.kind === 'target') {
      const group: typeof items = [];
      while (i < items.length && items[i]!.kind === 'target' && items[i]!.parentItemId === item.parentItemId) group.push(items[i++]!);
      body.push(targetTable(group), para([{ text: '' }], { after: 60 }));
      continue;
    }
    const isHeading = item.kind === 'part' || item.kind === 'section';
    const label = item.outline ? `${item.outline} ` : '';
    const text = item.kind === 'milestone' && item.milestoneYear ? `${item.text}` : item.text;
    body.push(
      para(
        [{ text: `${label}${isHeading && item.kind === 'part' ? upper(text) : text}`, bold: isHeading || item.kind === 'breakthrough' }],
        { firstLine: 10 * MM, before: isHeading ? 120 : 0 },
      ),
    );
    i += 1;
  }

  // Recipients on the left, signature on the right.
  const signer =
    doc.orgKind === 'province_committee'
      ? 'T/M TỈNH ỦY'
      : doc.orgKind === 'bloc_committee'
        ? 'T/M ĐẢNG ỦY KHỐI'
        : `T/M ${upper(issuer.split(' ').slice(0, 2).join(' '))}`;
  body.push(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: noBorders,
      rows: [
        new TableRow({
          children: [
            cell(
              [
                para([{ text: 'Nơi nhận:', size: 24, underline: true }], { align: AlignmentType.LEFT, before: 240, after: 0 }),
                para([{ text: '- Các tổ chức đảng trực thuộc,', size: 22 }], { align: AlignmentType.LEFT, after: 0 }),
                para([{ text: '- Lưu Văn phòng.', size: 22 }], { align: AlignmentType.LEFT, after: 0 }),
              ],
              50,
            ),
            cell(
              [
                para([{ text: signer, bold: true }], { align: AlignmentType.CENTER, before: 240, after: 0 }),
                para([{ text: 'BÍ THƯ', bold: true }], { align: AlignmentType.CENTER, after: 1200 }),
              ],
              50,
            ),
          ],
        }),
      ],
    }),
  );

  const document = new Document({
    creator: 'Resolute',
    title: `${doc.symbol} ${doc.title}`,
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [
      {
        properties: partyPage,
        children: body,
      },
    ],
  });
  const buffer = await Packer.toBuffer(document);
  return { buffer, fileName: `${doc.symbol.replace(/\//g, '-')}.docx` };
}

/** Percent of the text width of the targets table: TT, Chỉ tiêu, Mục tiêu, Năm. */
export const DOCUMENT_TARGET_COLUMNS = [8, 52, 26, 14];

function targetTable(
  targets: { outline: string; text: string; statement: string | null; byYear: number | null; indicatorName: string | null }[],
) {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const borders = { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border };
  // Fixed widths in twips: LibreOffice reads percentage cells differently from Word and
  // squeezed a header into a column too narrow for its word (see columnWidths).
  const head = (t: string, w: number) =>
    new TableCell({
      children: [para([{ text: t, bold: true, size: 26 }], { align: AlignmentType.CENTER, after: 0 })],
      width: { size: columnWidths([w])[0]!, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
    });
  const td = (t: string, w: number, align: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.LEFT) =>
    new TableCell({
      children: [para([{ text: t, size: 26 }], { align, after: 0 })],
      width: { size: columnWidths([w])[0]!, type: WidthType.DXA },
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: columnWidths(DOCUMENT_TARGET_COLUMNS),
    layout: TableLayoutType.FIXED,
    borders,
    rows: [
      new TableRow({
        tableHeader: true,
        children: ['TT', 'Chỉ tiêu', 'Mục tiêu', 'Năm'].map((t, i) => head(t, DOCUMENT_TARGET_COLUMNS[i]!)),
      }),
      ...targets.map(
        (t, n) =>
          new TableRow({
            children: [
              td(String(n + 1), DOCUMENT_TARGET_COLUMNS[0]!, AlignmentType.CENTER),
              td(t.text, DOCUMENT_TARGET_COLUMNS[1]!),
              td(t.statement ?? '', DOCUMENT_TARGET_COLUMNS[2]!, AlignmentType.CENTER),
              td(t.byYear ? String(t.byYear) : '', DOCUMENT_TARGET_COLUMNS[3]!, AlignmentType.CENTER),
            ],
          }),
      ),
    ],
  });
}
