/**
 * Word documents of a grading round in the Party's document format (HD 36-HD/VPTW): a
 * member's or an org's self-assessment report (bản kiểm điểm) with the evidence, the score
 * sheet, the pledges' review and the narrative, and the round's summary report with the
 * shares at each level, per unit.
 */
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Db } from '../../db/pool';
import { GRADE_LABELS, type GradeLevel } from '../../../domain/grading';
import { formatVnNumber } from '../../../domain/vn-number';
import type { Actor } from '../../lib/actor';
import { FONT, partyHeader, partyPage } from '../../lib/party-docx';
import { getEvaluation } from './evaluations.service';
import { getResults } from './results.service';
import { getEvaluationEvidence } from './evidence.service';
import { TARGET_STATUS_LABELS, TARGET_STATUSES } from '../../../domain/targets';

const SIZE = 28;
type Run = { text: string; bold?: boolean; italics?: boolean; size?: number };
const run = (r: Run) => new TextRun({ text: r.text, bold: r.bold, italics: r.italics, size: r.size ?? SIZE, font: FONT });
const para = (runs: Run[], align: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.JUSTIFIED, after = 120) =>
  new Paragraph({ alignment: align, spacing: { after, line: 300 }, children: runs.map(run) });
const cell = (text: string, width: number, bold = false) =>
  new TableCell({
    width: { size: width, type: WidthType.PERCENTAGE },
    children: [para([{ text, bold, size: 24 }], AlignmentType.LEFT, 0)],
  });
const table = (header: [string, number][], rows: string[][]) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map(([t, w]) => cell(t, w, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((t, i) => cell(t, header[i]![1])) })),
    ],
  });
const fill = '…………………………………………………………………………………………………';
const pct = (p: number | null) => (p === null ? '—' : `${formatVnNumber(p)}%`);
const pledgeWords: Record<string, string> = { kept: 'Đã thực hiện', partly: 'Thực hiện một phần', not_kept: 'Chưa thực hiện' };

async function ancestorsOf(db: Db, orgId: number) {
  const { rows } = await db.query<{ name: string; kind: string }>(
    `SELECT a.name, a.kind FROM orgs a WHERE a.path @> (SELECT path FROM orgs WHERE id = $1) ORDER BY nlevel(a.path)`,
    [orgId],
  );
  return rows;
}

/** The bản kiểm điểm of one evaluation, readable by whoever may read the evaluation. */
export async function exportSelfAssessmentDocx(db: Db, actor: Actor, id: number) {
  const e = await getEvaluation(db, actor, id);
  const { rows: round } = await db.query<{ name: string; periodKey: string }>(
    'SELECT name, period_key AS "periodKey" FROM grading_rounds WHERE id = $1',
    [e.roundId],
  );
  const isMember = e.subjectKind === 'member';
  const ancestors = await ancestorsOf(db, e.orgId);
  const ev = e.evidence as Record<string, Record<string, number> | undefined> & {
    pledges?: { pledgeId: number; year: number; documentSymbol: string | null; commitments: string[] }[];
  };
  const reviews = new Map(e.pledgeReviews.map((r) => [r.pledgeId, r]));
  const evidence: string[] = [];
  if (ev.study && 'present' in ev.study)
    evidence.push(
      `Dự hội nghị học tập, quán triệt: có mặt ${ev.study.present}, vắng có lý do ${ev.study.excused}, vắng ${ev.study.absent}.`,
    );
  if (ev.reflections) evidence.push(`Bài thu hoạch: ${ev.reflections.total} bài, ${ev.reflections.accepted} bài được chi bộ chấp nhận.`);
  if (ev.tasks)
    evidence.push(
      `Nhiệm vụ được giao: ${ev.tasks.total}; đúng hạn ${ev.tasks.onTime}; trễ hạn ${ev.tasks.late}; quá hạn ${ev.tasks.overdue}.`,
    );
  if (ev.reports)
    evidence.push(
      `Báo cáo định kỳ: ${ev.reports.due} đến hạn; đúng hạn ${ev.reports.onTime}; trễ ${ev.reports.late}; chưa gửi ${ev.reports.missing}.`,
    );
  if (ev.study && 'members' in ev.study)
    evidence.push(`Học tập nghị quyết: ${formatVnNumber(ev.study.studied ?? 0)}/${formatVnNumber(ev.study.members ?? 0)} đảng viên.`);
  if (ev.explanations) evidence.push(`Yêu cầu giải trình: ${ev.explanations.total}, còn mở ${ev.explanations.open}.`);
  const judged = await getEvaluationEvidence(db, actor, id);
  for (const plan of judged.plans) {
    const counts = TARGET_STATUSES.map((s) => [s, plan.targets.filter((t) => t.status === s).length] as const).filter(([, k]) => k > 0);
    evidence.push(
      `Chỉ tiêu của ${plan.document.symbol} (${plan.targets.length}): ${counts.map(([s, k]) => `${TARGET_STATUS_LABELS.vi[s].toLowerCase()} ${k}`).join('; ')}.`,
    );
  }
  for (const i of judged.inspections) {
    evidence.push(
      `${i.kind === 'inspection' ? 'Kiểm tra' : 'Giám sát'} "${i.theme}"${i.conclusionSymbol ? ` (${i.conclusionSymbol})` : ''}: ${i.strengths} ưu điểm; ${i.limitations} hạn chế; ${i.shortcomings} khuyết điểm; ${i.violations} vi phạm; ${i.recommendationsDone}/${i.recommendations} kiến nghị đã thực hiện.`,
    );
  }
  const n = e.narrative as Record<string, string | undefined>;
  const level = (l: GradeLevel | null) => (l ? GRADE_LABELS.vi[l] : '');
  const document = new Document({
    creator: 'Resolute',
    title: `Bản kiểm điểm ${e.subjectName}`,
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [
      {
        properties: partyPage,
        children: [
          partyHeader({ ancestors, issuerName: e.orgName, number: '', date: null }),
          para(
            [{ text: isMember ? 'BẢN KIỂM ĐIỂM CÁ NHÂN' : 'BÁO CÁO KIỂM ĐIỂM CỦA TẬP THỂ', bold: true, size: 32 }],
            AlignmentType.CENTER,
            0,
          ),
          para([{ text: `${round[0]?.name ?? ''}`, bold: true }], AlignmentType.CENTER, 0),
          para([{ text: `(theo Quy định số ${e.ruleSet.legalBasis.symbol})`, italics: true }], AlignmentType.CENTER, 240),
          para([{ text: isMember ? `Họ và tên: ${e.subjectName}. Chi bộ: ${e.orgName}.` : `Tổ chức: ${e.subjectName}.` }]),
          para([{ text: 'I. MINH CHỨNG TỪ HỆ THỐNG', bold: true }]),
          ...evidence.map((t) => para([{ text: `- ${t}` }])),
          para([{ text: 'II. ƯU ĐIỂM, KẾT QUẢ ĐẠT ĐƯỢC', bold: true }]),
          para([{ text: n.strengths || fill }]),
          para([{ text: 'III. HẠN CHẾ, KHUYẾT ĐIỂM VÀ NGUYÊN NHÂN', bold: true }]),
          para([{ text: n.weaknesses || fill }]),
          para([{ text: `Nguyên nhân: ${n.causes || fill}` }]),
          ...(isMember && (ev.pledges ?? []).length > 0
            ? [
                para([{ text: 'IV. KẾT QUẢ THỰC HIỆN CAM KẾT', bold: true }]),
                table(
                  [
                    ['Cam kết', 55],
                    ['Kết quả', 20],
                    ['Ghi chú', 25],
                  ],
                  (ev.pledges ?? []).map((p) => [
                    `Năm ${p.year}${p.documentSymbol ? ` (${p.documentSymbol})` : ''}: ${p.commitments.join('; ')}`,
                    pledgeWords[reviews.get(p.pledgeId)?.result ?? ''] ?? 'Chưa tự đánh giá',
                    reviews.get(p.pledgeId)?.note ?? '',
                  ]),
                ),
              ]
            : []),
          para([{ text: `${isMember && (ev.pledges ?? []).length > 0 ? 'V' : 'IV'}. PHƯƠNG HƯỚNG, BIỆN PHÁP KHẮC PHỤC`, bold: true }]),
          para([{ text: n.remedies || fill }]),
          para([{ text: 'TỰ ĐÁNH GIÁ, XẾP LOẠI', bold: true }]),
          table(
            [
              ['Tiêu chí', 70],
              ['Điểm tối đa', 15],
              ['Tự chấm', 15],
            ],
            e.sheet.criteria.map((c) => [c.label, formatVnNumber(c.maxPoints), formatVnNumber(c.points)]),
          ),
          para([{ text: `Tổng điểm: ${formatVnNumber(e.sheet.total)}/100. Mức quy định cho phép: ${level(e.sheet.level)}.` }]),
          ...e.sheet.reasons.map((r) => para([{ text: r, italics: true }])),
          para([{ text: `Tự xếp loại: ${level(e.selfLevel) || '…………………'}` }]),
          ...(e.comment ? [para([{ text: `Ý kiến của chi bộ: ${e.comment}` }])] : []),
          ...(e.decidedLevel ? [para([{ text: `Cấp có thẩm quyền xếp loại: ${level(e.decidedLevel)}`, bold: true }])] : []),
          para([{ text: 'NGƯỜI TỰ KIỂM ĐIỂM', bold: true }], AlignmentType.RIGHT, 0),
          para([{ text: '(Ký, ghi rõ họ tên)', italics: true }], AlignmentType.RIGHT, 720),
          para([{ text: e.subjectName, bold: true }], AlignmentType.RIGHT, 0),
        ],
      },
    ],
  });
  return { buffer: await Packer.toBuffer(document), fileName: `Ban-kiem-diem-${e.subjectName}-${round[0]?.periodKey ?? ''}.docx` };
}

/** The round's summary report: shares at each level for orgs and members, per unit. */
export async function exportRoundSummaryDocx(db: Db, actor: Actor, roundId: number, orgId?: number) {
  const r = await getResults(db, actor, roundId, orgId);
  const ancestors = await ancestorsOf(db, r.org.id);
  const line = (what: string, s: typeof r.members) =>
    `${what}: ${(['excellent', 'good', 'completed', 'failed'] as const).map((l) => `${GRADE_LABELS.vi[l]} ${formatVnNumber(s.counts[l])}`).join('; ')}; chưa quyết định ${formatVnNumber(s.pending)}. Hoàn thành tốt nhiệm vụ trở lên: ${formatVnNumber(s.goodOrAbove.numerator)}/${formatVnNumber(s.goodOrAbove.denominator)} (${pct(s.goodOrAbove.percent)}).`;
  const document = new Document({
    creator: 'Resolute',
    title: `Báo cáo tổng hợp ${r.round.name}`,
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [
      {
        properties: partyPage,
        children: [
          partyHeader({ ancestors, issuerName: r.org.name, number: 'Số      -BC/', date: null }),
          para([{ text: 'BÁO CÁO', bold: true, size: 32 }], AlignmentType.CENTER, 0),
          para([{ text: `Kết quả ${r.round.name.charAt(0).toLowerCase()}${r.round.name.slice(1)}`, bold: true }], AlignmentType.CENTER, 0),
          para([{ text: `(theo Quy định số ${r.round.legalBasis.symbol})`, italics: true }], AlignmentType.CENTER, 240),
          para([{ text: 'I. KẾT QUẢ XẾP LOẠI', bold: true }]),
          para([{ text: line('1. Tổ chức đảng', r.orgs) }]),
          para([{ text: line('2. Đảng viên', r.members) }]),
          para([{ text: 'II. KẾT QUẢ THEO ĐƠN VỊ', bold: true }]),
          table(
            [
              ['Đơn vị', 34],
              ['Tổ chức tốt trở lên', 22],
              ['Đảng viên tốt trở lên', 22],
              ['Xuất sắc', 11],
              ['Chưa QĐ', 11],
            ],
            r.children.map((c) => [
              c.orgName,
              `${c.orgs.goodOrAbove.numerator}/${c.orgs.goodOrAbove.denominator} (${pct(c.orgs.goodOrAbove.percent)})`,
              `${formatVnNumber(c.members.goodOrAbove.numerator)}/${formatVnNumber(c.members.goodOrAbove.denominator)} (${pct(c.members.goodOrAbove.percent)})`,
              formatVnNumber(c.members.counts.excellent + c.orgs.counts.excellent),
              formatVnNumber(c.members.pending + c.orgs.pending),
            ]),
          ),
          para([{ text: 'III. TỔ CHỨC, ĐẢNG VIÊN KHÔNG HOÀN THÀNH NHIỆM VỤ HAI NĂM LIÊN TIẾP', bold: true }]),
          ...(r.flagged.length ? r.flagged.map((f) => para([{ text: `- ${f.name} (${f.orgName})` }])) : [para([{ text: 'Không có.' }])]),
          para([{ text: 'IV. ĐÁNH GIÁ CHUNG, HẠN CHẾ VÀ PHƯƠNG HƯỚNG', bold: true }]),
          para([{ text: fill }]),
          para([{ text: 'T/M BAN THƯỜNG VỤ', bold: true }], AlignmentType.RIGHT, 0),
          para([{ text: 'BÍ THƯ', bold: true }], AlignmentType.RIGHT, 0),
        ],
      },
    ],
  });
  return { buffer: await Packer.toBuffer(document), fileName: `Bao-cao-tong-hop-${r.round.name}.docx` };
}
