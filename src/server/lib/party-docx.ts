/**
 * The parts every Word file in the Party's document format shares (Hướng dẫn 36-HD/VPTW,
 * 03/4/2018): Times New Roman, A4 with its margins, and the two-column header — the issuing
 * body under its superior, an asterisk and the number on the left; "ĐẢNG CỘNG SẢN VIỆT NAM"
 * underlined with the place and date in italics on the right.
 */
import { AlignmentType, BorderStyle, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { issuerAbbreviation } from '../../domain/documents/document-number';
import type { OrgKind } from '../../domain/orgs/org-kinds';

export const FONT = 'Times New Roman';
/** Twips per millimetre. */
export const MM = 56.7;

/** A4; 20 mm top and bottom, 30 mm left, 15 mm right, within the guideline's ranges. */
export const partyPage = {
  page: {
    size: { width: 11906, height: 16838 },
    margin: { top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM), right: Math.round(15 * MM) },
  },
};

/** "Bình Dương, ngày 23 tháng 12 năm 2020"; a missing date leaves blanks to fill by hand. */
export function placeAndDate(place: string, isoDate: string | null): string {
  if (!isoDate) return `${place}, ngày     tháng     năm`;
  const [y, m, d] = isoDate.split('-');
  // 36-HD/VPTW: days below 10 and months below 3 take a leading zero.
  const month = Number(m) < 3 ? m : String(Number(m));
  return `${place}, ngày ${d} tháng ${month} năm ${y}`;
}

/** The place name of the issuing province: "Tỉnh ủy Bình Dương" → "Bình Dương". */
export function placeOf(provinceName: string): string {
  return provinceName.replace(/^(Tỉnh ủy|Tỉnh uỷ|Thành ủy|Đảng bộ tỉnh)\s+/iu, '').trim() || provinceName;
}

export type HeaderOrg = { name: string; kind: string };

/**
 * The superior printed above the issuing body: its direct parent, except that a committee
 * directly under the Central Committee (a province) prints its own name alone.
 */
export function headerSuperior(ancestors: readonly HeaderOrg[]): HeaderOrg | undefined {
  const superior = ancestors.length >= 2 ? ancestors[ancestors.length - 2] : undefined;
  return superior && superior.kind !== 'central' ? superior : undefined;
}

const upper = (s: string) => s.toLocaleUpperCase('vi');
const line = (text: string, opts: { bold?: boolean; italics?: boolean; underline?: boolean; size?: number; after?: number } = {}) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 0, after: opts.after ?? 0, line: 300 },
    children: [
      new TextRun({
        text,
        bold: opts.bold,
        italics: opts.italics,
        underline: opts.underline ? {} : undefined,
        size: opts.size ?? 28,
        font: FONT,
      }),
    ],
  });
const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

/**
 * The header table of a Party document. `ancestors` runs from the root to the issuing org;
 * `number` is the number line ("Số 01-NQ/TU", or "Số      -BC/" to fill in by hand).
 */
export function partyHeader(opts: { ancestors: readonly HeaderOrg[]; issuerName: string; number: string; date: string | null }): Table {
  const superior = headerSuperior(opts.ancestors);
  const province = opts.ancestors.find((a) => a.kind === 'province_committee');
  const left = [
    ...(superior ? [line(upper(superior.name))] : []),
    line(upper(opts.issuerName), { bold: true }),
    line('*'),
    line(opts.number),
  ];
  const right = [
    line('ĐẢNG CỘNG SẢN VIỆT NAM', { bold: true, underline: true, size: 30, after: 240 }),
    line(placeAndDate(placeOf(province?.name ?? opts.issuerName), opts.date), { italics: true }),
  ];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
    rows: [
      new TableRow({
        children: [
          new TableCell({ children: left, width: { size: 42, type: WidthType.PERCENTAGE } }),
          new TableCell({ children: right, width: { size: 58, type: WidthType.PERCENTAGE } }),
        ],
      }),
    ],
  });
}

/**
 * The number line of a report ("báo cáo", BC) an org issues: the number is left blank for the
 * office to fill in when it registers the paper, but the issuing body's symbol is always there
 * ("Số      -BC/TU"), never a bare "Số  -BC/".
 */
export function reportNumberLine(issuer: HeaderOrg): string {
  return `Số      -BC/${issuerAbbreviation(issuer.kind as OrgKind, issuer.name)}`;
}

/**
 * Who signs for the issuing body (36-HD/VPTW, thể thức "quyền hạn, chức vụ người ký"): the
 * standing committee of a committee at district level and above ("T/M BAN THƯỜNG VỤ"), the
 * committee of a grassroots party committee ("T/M ĐẢNG ỦY"), the cell itself ("T/M CHI BỘ");
 * the secretary signs. One rule for every report the product prints.
 */
export function signOffLines(issuer: HeaderOrg): [string, string] {
  const abbreviation = issuerAbbreviation(issuer.kind as OrgKind, issuer.name);
  const body = abbreviation === 'CB' ? 'CHI BỘ' : abbreviation === 'ĐU' ? 'ĐẢNG ỦY' : 'BAN THƯỜNG VỤ';
  return [`T/M ${body}`, 'BÍ THƯ'];
}

/**
 * The foot of a report: "Nơi nhận" on the left (the superior, the lower party organizations,
 * the office's file), the sign-off on the right, as two columns without borders.
 */
export function partyFooter(opts: { issuer: HeaderOrg; recipients: readonly string[] }): Table {
  const small = (text: string, o: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
    new Paragraph({
      spacing: { before: 0, after: 0 },
      children: [new TextRun({ text, bold: o.bold, italics: o.italics, size: o.size ?? 22, font: FONT })],
    });
  const [onBehalf, title] = signOffLines(opts.issuer);
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
    rows: [
      new TableRow({
        children: [
          new TableCell({
            width: { size: 50, type: WidthType.PERCENTAGE },
            children: [small('Nơi nhận:', { bold: true, italics: true, size: 24 }), ...opts.recipients.map((r) => small(`- ${r}`))],
          }),
          new TableCell({
            width: { size: 50, type: WidthType.PERCENTAGE },
            children: [line(onBehalf, { bold: true }), line(title, { bold: true })],
          }),
        ],
      }),
    ],
  });
}

/** The text width of the party page in twips: A4 less the left and right margins. */
export const TEXT_WIDTH = partyPage.page.size.width - partyPage.page.margin.left - partyPage.page.margin.right;

/**
 * Column widths in twips from percentages of the text width. Word and LibreOffice both honour
 * fixed twips, while percentages are read differently (LibreOffice squeezed "Đánh giá" into a
 * column too narrow for the word, breaking it mid-word).
 */
export function columnWidths(percents: readonly number[]): number[] {
  return percents.map((p) => Math.round((TEXT_WIDTH * p) / 100));
}
