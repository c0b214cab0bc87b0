/**
 * The commission's Word documents in the Party's format (Hướng dẫn 36-HD/VPTW): the yearly
 * program, the decision forming the team, the plan and the conclusion notice. Each carries
 * the number the issuing body's counter gave it; the header prints the committee above the
 * commission ("TỈNH ỦY BÌNH DƯƠNG / ỦY BAN KIỂM TRA"), as the guideline's samples do.
 */
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Db } from '../../db/pool';
import { OVERSIGHT_LABELS } from '../../../domain/oversight';
import { vnToday } from '../../../domain/vn-time';
import type { Actor } from '../../lib/actor';
import { FONT, partyHeader, partyPage, type HeaderOrg } from '../../lib/party-docx';
import { inspectionNotFound } from './oversight.policy';
import { getInspection } from './inspections.service';
import { getProgram } from './programs.service';

const SIZE = 28;
type Run = { text: string; bold?: boolean; italics?: boolean; size?: number };
type Align = (typeof AlignmentType)[keyof typeof AlignmentType];
const run = (r: Run) => new TextRun({ text: r.text, bold: r.bold, italics: r.italics, size: r.size ?? SIZE, font: FONT });
const para = (runs: Run[] | string, align: Align = AlignmentType.JUSTIFIED, after = 120) =>
  new Paragraph({
    alignment: align,
    spacing: { after, line: 300 },
    indent: align === AlignmentType.JUSTIFIED ? { firstLine: 567 } : undefined,
    children: (typeof runs === 'string' ? [{ text: runs }] : runs).map(run),
  });
const cell = (text: string, width: number, bold = false) =>
  new TableCell({
    width: { size: width, type: WidthType.PERCENTAGE },
    children: [para([{ text, bold, size: 24 }], AlignmentType.LEFT, 0)],
  });
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

/** The header for the committee itself, or for its commission printed under the committee. */
async function header(db: Db, orgId: number, byCommission: boolean, number: string, date: string | null) {
  const ancestors = await ancestorsOf(db, orgId);
  const issuer = ancestors[ancestors.length - 1]!;
  const chain = byCommission ? [...ancestors, { name: 'Ủy ban Kiểm tra', kind: 'inspection_commission' }] : ancestors;
  return partyHeader({ ancestors: chain, issuerName: byCommission ? 'Ủy ban Kiểm tra' : issuer.name, number: `Số ${number}`, date });
}

function signature(byCommission: boolean, recipients: string[]) {
  return [
    para([{ text: 'Nơi nhận:', bold: true, italics: true, size: 24 }], AlignmentType.LEFT, 0),
    ...recipients.map((r, i) => para([{ text: `- ${r}${i === recipients.length - 1 ? '.' : ','}`, size: 22 }], AlignmentType.LEFT, 0)),
    para([{ text: byCommission ? 'T/M ỦY BAN KIỂM TRA' : 'T/M BAN THƯỜNG VỤ', bold: true }], AlignmentType.RIGHT, 0),
    para([{ text: byCommission ? 'CHỦ NHIỆM' : 'BÍ THƯ', bold: true }], AlignmentType.RIGHT, 0),
  ];
}

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
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: [
          cell('TT', 5, true),
          cell('Nội dung', 33, true),
          cell('Đối tượng', 20, true),
          cell('Hình thức', 14, true),
          cell('Thời gian', 14, true),
          cell('Chủ trì', 14, true),
        ],
      }),
      ...entries.map(
        (e) =>
          new TableRow({
            children: [
              cell(String(e.position), 5),
              cell(e.content, 33),
              cell([...(e.subjectOrgNames ?? []), ...(e.subjectMemberNames ?? [])].join('; '), 20),
              cell(`${L.kind[e.kind]} ${L.basis[e.basis].toLowerCase()}`, 14),
              cell(`${day(e.periodStart)} – ${day(e.periodEnd)}`, 14),
              cell(L.body[e.responsibleBody], 14),
            ],
          }),
      ),
    ],
  });
  const buffer = await pack(p.title, [
    await header(db, p.orgId, byCommission, p.symbol, p.issueDate),
    para([{ text: 'CHƯƠNG TRÌNH', bold: true, size: 32 }], AlignmentType.CENTER, 0),
    para([{ text: `kiểm tra, giám sát năm ${p.year}`, bold: true }], AlignmentType.CENTER, 0),
    para([{ text: '-----', size: 24 }], AlignmentType.CENTER, 240),
    para(
      `Căn cứ Điều lệ Đảng và các quy định của Trung ương về công tác kiểm tra, giám sát và kỷ luật của Đảng, ${byCommission ? 'Ủy ban Kiểm tra' : 'Ban Thường vụ'} ${p.orgName} xây dựng Chương trình kiểm tra, giám sát năm ${p.year} như sau:`,
    ),
    para([{ text: 'I. MỤC ĐÍCH, YÊU CẦU', bold: true }]),
    para(
      'Kiểm tra, giám sát việc lãnh đạo, chỉ đạo, tổ chức thực hiện nghị quyết, chỉ thị, kết luận của Đảng; kịp thời phát hiện, biểu dương ưu điểm, chấn chỉnh hạn chế, khuyết điểm, phòng ngừa vi phạm.',
    ),
    para([{ text: 'II. NỘI DUNG, ĐỐI TƯỢNG, THỜI GIAN', bold: true }]),
    table,
    para([{ text: 'III. TỔ CHỨC THỰC HIỆN', bold: true }]),
    para(
      'Các đoàn kiểm tra, giám sát xây dựng kế hoạch chi tiết, thông báo tới đối tượng trước khi tiến hành; báo cáo kết quả và đề xuất kết luận theo quy định.',
    ),
    ...signature(byCommission, ['Ban Thường vụ cấp ủy', 'Các tổ chức đảng trực thuộc', 'Lưu']),
  ]);
  return { buffer, fileName: `Chuong-trinh-kiem-tra-giam-sat-${p.year}-${p.symbol}.docx` };
}

export const INSPECTION_DOCS = ['decision', 'plan', 'conclusion'] as const;
export type InspectionDoc = (typeof INSPECTION_DOCS)[number];

/** The decision forming the team, the plan, or the conclusion notice of one file, when the caller may see that part. */
export async function exportInspectionDocx(db: Db, actor: Actor, id: number, which: InspectionDoc) {
  const x = await getInspection(db, actor, id);
  const byCommission = x.responsibleBody === 'inspection_commission';
  const what = L.kind[x.kind as 'inspection'].toLowerCase();
  const subject = x.subjectMemberName ? `đồng chí ${x.subjectMemberName} (${x.subjectOrgName})` : x.subjectOrgName;
  // "về việc lãnh đạo…": the content continues a sentence.
  const content = x.content.charAt(0).toLocaleLowerCase('vi') + x.content.slice(1);
  let children: (Paragraph | Table)[];
  if (which === 'decision') {
    if (!x.decision?.symbol) throw inspectionNotFound();
    children = [
      await header(db, x.orgId, byCommission, x.decision.symbol, x.decision.date),
      para([{ text: 'QUYẾT ĐỊNH', bold: true, size: 32 }], AlignmentType.CENTER, 0),
      para([{ text: `thành lập Đoàn ${what} ${subject}`, bold: true }], AlignmentType.CENTER, 0),
      para([{ text: '-----', size: 24 }], AlignmentType.CENTER, 240),
      para(`Căn cứ Điều lệ Đảng; căn cứ Chương trình kiểm tra, giám sát năm ${x.year},`),
      para([{ text: 'QUYẾT ĐỊNH', bold: true }], AlignmentType.CENTER),
      para([{ text: 'Điều 1. ', bold: true }, { text: `Thành lập Đoàn ${what} ${subject} về ${content}, gồm các đồng chí:` }]),
      ...x.team.map((m) => para(`- Đồng chí ${m.fullName}, ${L.team[m.role as 'head'].toLowerCase()}.`)),
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
      ...signature(byCommission, ['Như Điều 3', 'Lưu']),
    ];
  } else if (which === 'plan') {
    if (!x.plan?.text) throw inspectionNotFound();
    children = [
      await header(db, x.orgId, byCommission, x.plan.symbol ?? '', x.decision?.date ?? null),
      para([{ text: 'KẾ HOẠCH', bold: true, size: 32 }], AlignmentType.CENTER, 0),
      para([{ text: `${what} ${subject}`, bold: true }], AlignmentType.CENTER, 0),
      para([{ text: '-----', size: 24 }], AlignmentType.CENTER, 240),
      para([{ text: 'I. NỘI DUNG', bold: true }]),
      para(content),
      para([{ text: 'II. ĐỐI TƯỢNG, THỜI GIAN', bold: true }]),
      para(`${subject}; thời kỳ từ ${day(x.periodStart)} đến ${day(x.periodEnd)}.`),
      para([{ text: 'III. PHƯƠNG PHÁP TIẾN HÀNH', bold: true }]),
      ...x.plan.text
        .split('\n')
        .filter(Boolean)
        .map((l) => para(l)),
      ...signature(byCommission, [x.subjectOrgName, 'Thành viên Đoàn', 'Lưu']),
    ];
  } else {
    if (!x.conclusion) throw inspectionNotFound();
    const byKind = (k: 'strength' | 'limitation' | 'shortcoming' | 'violation') =>
      x.findings.filter((f) => (f as { kind: string }).kind === k).map((f) => para(`- ${(f as { text: string }).text}`));
    // Recommendations and requirements under their own headings, each list numbered from 1.
    const asked = (k: 'recommendation' | 'requirement', heading: string) => {
      const list = x.recommendations.filter((r) => r.kind === k);
      if (list.length === 0) return [];
      return [
        para([{ text: heading, bold: true }]),
        ...list.map((r, i) => para(`${i + 1}. ${r.text} (${r.ownerOrgName} thực hiện, hạn ${day(r.deadline)}).`)),
      ];
    };
    children = [
      await header(db, x.orgId, byCommission, x.conclusion.symbol ?? '', isoDay(x.conclusion.concludedAt as string | Date | null)),
      para([{ text: 'THÔNG BÁO', bold: true, size: 32 }], AlignmentType.CENTER, 0),
      para([{ text: `kết luận ${what} đối với ${subject}`, bold: true }], AlignmentType.CENTER, 0),
      para([{ text: '-----', size: 24 }], AlignmentType.CENTER, 240),
      para(
        `Thực hiện Chương trình kiểm tra, giám sát năm ${x.year}, Đoàn ${what} theo Quyết định số ${x.decision?.symbol ?? '…'} đã tiến hành ${what} ${subject} về ${content}. Trên cơ sở báo cáo của Đoàn, kết luận như sau:`,
      ),
      ...x.conclusion.text
        .split('\n')
        .filter(Boolean)
        .map((l) => para(l)),
      para([{ text: '1. Ưu điểm', bold: true }]),
      ...byKind('strength'),
      para([{ text: '2. Hạn chế, khuyết điểm', bold: true }]),
      ...byKind('limitation'),
      ...byKind('shortcoming'),
      ...(byKind('violation').length ? [para([{ text: '3. Vi phạm', bold: true }]), ...byKind('violation')] : []),
      ...asked('recommendation', 'Kiến nghị'),
      ...asked('requirement', 'Yêu cầu'),
      ...signature(byCommission, [x.subjectOrgName, 'Lưu']),
    ];
  }
  const titles: Record<InspectionDoc, string> = {
    decision: 'Quyet-dinh-thanh-lap-doan',
    plan: 'Ke-hoach',
    conclusion: 'Thong-bao-ket-luan',
  };
  return { buffer: await pack(titles[which], children), fileName: `${titles[which]}-${x.id}.docx` };
}
