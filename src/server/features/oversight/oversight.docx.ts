/**
 * The commission's Word documents in the Party's format (Hướng dẫn 36-HD/VPTW): the yearly
 * program, the decision forming the team, the plan and the conclusion notice. Each carries
 * the number the issuing body's counter gave it; the header prints the committee above the
 * commission ("TỈNH ỦY BÌNH DƯƠNG / ỦY BAN KIỂM TRA"), as the guideline's samples do.
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
  WidthType,
} from 'docx';
import type { Db } from '../../db/pool';
import { OVERSIGHT_LABELS } from '../../../domain/oversight';
import { vnToday } from '../../../domain/vn-time';
import type { Actor } from '../../lib/actor';
import { columnWidths, FONT, partyHeader, partyPage, signOffLines, type HeaderOrg } from '../../lib/party-docx';
import { inspectionNotFound } from './oversight.policy';
import { getInspection } from './inspections.service';
import { getProgram } from './programs.service';

const SIZE = 28;
type Run = { text: string; bold?: boolean; italics?: boolean; size?: number };
type Align = (typeof AlignmentType)[keyof typeof AlignmentType];
const run = (r: Run) => new TextRun({ text: r.text, bold: r.bold, italics: r.italics, size: r.size ?? SIZE, font: FONT });
const para = (runs: Run[] | string, align: Align = AlignmentType.JUSTIFIED, after = 120, before = 0) =>
  new Paragraph({
    alignment: align,
    spacing: { before, after, line: 300 },
    indent: align === AlignmentType.JUSTIFIED ? { firstLine: 567 } : undefined,
    children: (typeof runs === 'string' ? [{ text: runs }] : runs).map(run),
  });
/** The name of the document and what it is about, centered bold, set off from the header above it. */
const title = (name: string, about: string) => [
  para([{ text: name, bold: true, size: 32 }], AlignmentType.CENTER, 0, 360),
  para([{ text: about, bold: true }], AlignmentType.CENTER, 0),
  para([{ text: '-----', size: 24 }], AlignmentType.CENTER, 240),
];
/** A section heading; `before` sets it off from a table above it. */
const heading = (text: string, before = 0) => para([{ text, bold: true }], AlignmentType.JUSTIFIED, 120, before);
// Percent of the text width, as fixed twips (LibreOffice reads percentages its own way and broke
// "TT" into "T T"): "TT" in 12 pt bold needs about 7%, a date dd/mm/yyyy about 16%.
export const PROGRAM_COLUMNS = [7, 31, 18, 14, 16, 14];
const cell = (text: string, twips: number, isHeader = false) =>
  new TableCell({
    width: { size: twips, type: WidthType.DXA },
    children: [para([{ text, bold: isHeader, size: 24 }], isHeader ? AlignmentType.CENTER : AlignmentType.LEFT, 0)],
  });
const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
/** dd/mm/yyyy of a date column, or of a timestamp as Vietnam's calendar day. */
const isoDay = (v: string | Date | null): string | null => (v === null ? null : v instanceof Date ? vnToday(v) : v.slice(0, 10));
const day = (v: string | Date | null) => isoDay(v)?.split('-').reverse().join('/') ?? '…/…/…';
const L = OVERSIGHT_LABELS.vi;

async function ancestorsOf(db: Db, orgId: number): Promise<HeaderOrg[]> {
  const { rows } = await db.query<HeaderOrg>(
    `SELECT a.name, a.kind FROM orgs a WHERE a.path @> (SELECT path FROM orgs WHERE id = $1) ORDER BY nlevel(a.path)`,
    [orgId],
  );
  return rows;
}

/**
 * Who issues a document: the committee itself, or its commission printed under the committee;
 * the header, the body that decides ("ỦY BAN KIỂM TRA", "BAN THƯỜNG VỤ") and who signs for it.
 */
async function issuerOf(db: Db, orgId: number, byCommission: boolean) {
  const ancestors = await ancestorsOf(db, orgId);
  const committee = ancestors[ancestors.length - 1]!;
  const signOff: [string, string] = byCommission ? ['T/M ỦY BAN KIỂM TRA', 'CHỦ NHIỆM'] : signOffLines(committee);
  return {
    header: (number: string, date: string | null) =>
      partyHeader({
        ancestors: byCommission ? [...ancestors, { name: 'Ủy ban Kiểm tra', kind: 'inspection_commission' }] : ancestors,
        issuerName: byCommission ? 'Ủy ban Kiểm tra' : committee.name,
        number: `Số ${number}`,
        date,
      }),
    /** "ỦY BAN KIỂM TRA" of "T/M ỦY BAN KIỂM TRA": the body named before "QUYẾT ĐỊNH". */
    body: signOff[0].replace(/^T\/M /u, ''),
    /**
     * The foot (36-HD/VPTW): "Nơi nhận" on the left, each recipient ending with a comma and the
     * last with a full stop; the sign-off on the right, with room for the signature and name.
     */
    footer: (recipients: readonly string[]) =>
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        columnWidths: columnWidths([50, 50]),
        layout: TableLayoutType.FIXED,
        borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
        rows: [
          new TableRow({
            children: [
              new TableCell({
                width: { size: columnWidths([50])[0]!, type: WidthType.DXA },
                children: [
                  para([{ text: 'Nơi nhận:', bold: true, italics: true, size: 24 }], AlignmentType.LEFT, 0),
                  ...recipients.map((r, i) =>
                    para([{ text: `- ${r}${i === recipients.length - 1 ? '.' : ','}`, size: 22 }], AlignmentType.LEFT, 0),
                  ),
                ],
              }),
              new TableCell({
                width: { size: columnWidths([50])[0]!, type: WidthType.DXA },
                children: [
                  para([{ text: signOff[0], bold: true }], AlignmentType.CENTER, 0),
                  para([{ text: signOff[1], bold: true }], AlignmentType.CENTER, 1400),
                ],
              }),
            ],
          }),
        ],
      }),
  };
}

/** The foot of a document starts a little below its last paragraph. */
const gap = () => para('', AlignmentType.LEFT, 0, 120);

async function pack(title: string, children: (Paragraph | Table)[]) {
  const document = new Document({
    creator: 'Resolute',
    title,
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [{ properties: partyPage, children }],
  });
  return Packer.toBuffer(document);
}

/** "Chương trình kiểm tra, giám sát năm …" with a table of its entries. */
export async function exportProgramDocx(db: Db, actor: Actor, id: number) {
  const p = await getProgram(db, actor, id);
  const byCommission = p.body === 'inspection_commission';
  type Entry = {
    position: number;
    kind: 'inspection' | 'supervision';
    basis: 'regular' | 'thematic' | 'violation_signs';
    content: string;
    subjectOrgNames: string[] | null;
    subjectMemberNames: string[] | null;
    periodStart: string;
    periodEnd: string;
    responsibleBody: 'committee' | 'standing' | 'inspection_commission';
  };
  const entries = p.entries as Entry[];
  const issuer = await issuerOf(db, p.orgId, byCommission);
  const widths = columnWidths(PROGRAM_COLUMNS);
  const row = (texts: string[], isHeader = false) =>
    new TableRow({ tableHeader: isHeader, children: texts.map((t, i) => cell(t, widths[i]!, isHeader)) });
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      row(['TT', 'Nội dung', 'Đối tượng', 'Hình thức', 'Thời gian', 'Chủ trì'], true),
      ...entries.map((e) =>
        row([
          String(e.position),
          e.content,
          [...(e.subjectOrgNames ?? []), ...(e.subjectMemberNames ?? [])].join('; '),
          `${L.kind[e.kind]} ${L.basis[e.basis].toLowerCase()}`,
          `${day(e.periodStart)} – ${day(e.periodEnd)}`,
          L.body[e.responsibleBody],
        ]),
      ),
    ],
  });
  const buffer = await pack(p.title, [
    issuer.header(p.symbol, p.issueDate),
    ...title('CHƯƠNG TRÌNH', `kiểm tra, giám sát năm ${p.year}`),
    para(
      `Căn cứ Điều lệ Đảng và các quy định của Trung ương về công tác kiểm tra, giám sát và kỷ luật của Đảng, ${byCommission ? 'Ủy ban Kiểm tra' : 'Ban Thường vụ'} ${p.orgName} xây dựng Chương trình kiểm tra, giám sát năm ${p.year} như sau:`,
    ),
    heading('I. MỤC ĐÍCH, YÊU CẦU'),
    para(
      'Kiểm tra, giám sát việc lãnh đạo, chỉ đạo, tổ chức thực hiện nghị quyết, chỉ thị, kết luận của Đảng; kịp thời phát hiện, biểu dương ưu điểm, chấn chỉnh hạn chế, khuyết điểm, phòng ngừa vi phạm.',
    ),
    heading('II. NỘI DUNG, ĐỐI TƯỢNG, THỜI GIAN'),
    table,
    heading('III. TỔ CHỨC THỰC HIỆN', 240),
    para(
      'Các đoàn kiểm tra, giám sát xây dựng kế hoạch chi tiết, thông báo tới đối tượng trước khi tiến hành; báo cáo kết quả và đề xuất kết luận theo quy định.',
    ),
    gap(),
    issuer.footer(['Ban Thường vụ cấp ủy', 'Các tổ chức đảng trực thuộc', 'Lưu']),
  ]);
  return { buffer, fileName: `Chuong-trinh-kiem-tra-giam-sat-${p.year}-${p.symbol}.docx` };
}

export const INSPECTION_DOCS = ['decision', 'plan', 'conclusion'] as const;
export type InspectionDoc = (typeof INSPECTION_DOCS)[number];

/** The user's text without its closing punctuation, so that what follows it ends the sentence once. */
const bare = (text: string) => text.trim().replace(/[.;,:\s]+$/u, '');

/** The decision forming the team, the plan, or the conclusion notice of one file, when the caller may see that part. */
export async function exportInspectionDocx(db: Db, actor: Actor, id: number, which: InspectionDoc) {
  const x = await getInspection(db, actor, id);
  const byCommission = x.responsibleBody === 'inspection_commission';
  const issuer = await issuerOf(db, x.orgId, byCommission);
  const what = L.kind[x.kind as 'inspection'].toLowerCase();
  const subject = x.subjectMemberName ? `đồng chí ${x.subjectMemberName} (${x.subjectOrgName})` : x.subjectOrgName;
  // "về việc lãnh đạo…": the content continues a sentence.
  const content = x.content.charAt(0).toLocaleLowerCase('vi') + x.content.slice(1);
  let children: (Paragraph | Table)[];
  if (which === 'decision') {
    if (!x.decision?.symbol) throw inspectionNotFound();
    children = [
      issuer.header(x.decision.symbol, x.decision.date),
      ...title('QUYẾT ĐỊNH', `thành lập Đoàn ${what} ${subject}`),
      para('- Căn cứ Điều lệ Đảng;'),
      para('- Căn cứ các quy định của Trung ương về công tác kiểm tra, giám sát và kỷ luật của Đảng;'),
      para(`- Căn cứ Chương trình kiểm tra, giám sát năm ${x.year},`),
      para([{ text: `${issuer.body} QUYẾT ĐỊNH`, bold: true }], AlignmentType.CENTER, 120, 120),
      para([{ text: 'Điều 1. ', bold: true }, { text: `Thành lập Đoàn ${what} ${subject} về ${content}, gồm các đồng chí:` }]),
      ...x.team.map((m, i) =>
        para(`- Đồng chí ${m.fullName}, ${L.team[m.role as 'head'].toLowerCase()}${i === x.team.length - 1 ? '.' : ';'}`),
      ),
      para([
        { text: 'Điều 2. ', bold: true },
        {
          text: `Đoàn có nhiệm vụ xây dựng kế hoạch, tiến hành ${what} từ ngày ${day(x.periodStart)} đến ngày ${day(x.periodEnd)}, báo cáo kết quả theo quy định. Đoàn tự giải thể sau khi hoàn thành nhiệm vụ.`,
        },
      ]),
      para([
        { text: 'Điều 3. ', bold: true },
        {
          text: `Các đồng chí có tên tại Điều 1, ${x.subjectOrgName} và các tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này.`,
        },
      ]),
      gap(),
      issuer.footer(['Như Điều 3', 'Lưu']),
    ];
  } else if (which === 'plan') {
    if (!x.plan?.text) throw inspectionNotFound();
    children = [
      issuer.header(x.plan.symbol ?? '', x.decision?.date ?? null),
      ...title('KẾ HOẠCH', `${what} ${subject}`),
      para(`Thực hiện Quyết định số ${x.decision?.symbol ?? '…'} về việc thành lập Đoàn ${what}, Đoàn xây dựng kế hoạch như sau:`),
      heading('I. NỘI DUNG'),
      para(`${L.kind[x.kind as 'inspection']} ${subject} về ${bare(content)}.`),
      heading('II. ĐỐI TƯỢNG, THỜI GIAN'),
      para(`${subject}; thời kỳ từ ${day(x.periodStart)} đến ${day(x.periodEnd)}.`),
      heading('III. PHƯƠNG PHÁP TIẾN HÀNH'),
      ...x.plan.text
        .split('\n')
        .filter(Boolean)
        .map((l) => para(l)),
      gap(),
      issuer.footer([x.subjectOrgName, 'Thành viên Đoàn', 'Lưu']),
    ];
  } else {
    if (!x.conclusion) throw inspectionNotFound();
    const findingsOf = (...kinds: string[]) =>
      x.findings.filter((f) => kinds.includes((f as { kind: string }).kind)).map((f) => para(`- ${(f as { text: string }).text}`));
    const asked = (k: 'recommendation' | 'requirement') =>
      x.recommendations
        .filter((r) => r.kind === k)
        .map((r, i) => para(`${i + 1}. ${bare(r.text)} (${r.ownerOrgName} thực hiện, hạn ${day(r.deadline)}).`));
    // Only the parts that hold something, numbered in turn: a notice without violations has no empty "Vi phạm".
    const parts = (
      [
        ['Ưu điểm', findingsOf('strength')],
        ['Hạn chế, khuyết điểm', findingsOf('limitation', 'shortcoming')],
        ['Vi phạm', findingsOf('violation')],
        ['Kiến nghị', asked('recommendation')],
        ['Yêu cầu', asked('requirement')],
      ] as const
    ).filter(([, list]) => list.length > 0);
    children = [
      issuer.header(x.conclusion.symbol ?? '', isoDay(x.conclusion.concludedAt as string | Date | null)),
      ...title('THÔNG BÁO', `kết luận ${what} đối với ${subject}`),
      para(
        `Thực hiện Chương trình kiểm tra, giám sát năm ${x.year}, Đoàn ${what} theo Quyết định số ${x.decision?.symbol ?? '…'} đã tiến hành ${what} ${subject} về ${content}. Trên cơ sở báo cáo của Đoàn, kết luận như sau:`,
      ),
      ...x.conclusion.text
        .split('\n')
        .filter(Boolean)
        .map((l) => para(l)),
      ...parts.flatMap(([name, list], i) => [heading(`${i + 1}. ${name}`), ...list]),
      gap(),
      issuer.footer([x.subjectOrgName, 'Lưu']),
    ];
  }
  const titles: Record<InspectionDoc, string> = {
    decision: 'Quyet-dinh-thanh-lap-doan',
    plan: 'Ke-hoach',
    conclusion: 'Thong-bao-ket-luan',
  };
  return { buffer: await pack(titles[which], children), fileName: `${titles[which]}-${x.id}.docx` };
}
