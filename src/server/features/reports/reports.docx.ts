/**
 * The Word report "Báo cáo kết quả thực hiện Nghị quyết …" of an org for a period (any period,
 * the mid-term or the end-of-term review), in the Party's document format (Hướng dẫn
 * 36-HD/VPTW): Times New Roman 14, the two-column header, the figures filled in from approved
 * reports and rollups, tables of targets with their status and of tasks, and the narrative
 * sections left for people to complete.
 */
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType } from 'docx';
import type { Db } from '../../db/pool';
import { TARGET_STATUS_LABELS, periodLabel } from '../../../domain/targets';
import { formatVnNumber } from '../../../domain/vn-number';
import { scopeOf, type Actor } from '../../lib/actor';
import { badRequest, notFound } from '../../lib/errors';
import { findDocumentReadable } from '../documents';
import { columnWidths, FONT, partyFooter, partyHeader, partyPage, reportNumberLine } from '../../lib/party-docx';
import { findOrgInScope } from '../orgs';
import { evaluateDocumentTargets } from './dashboard.service';
import { dashboardTreeOf, type TreeBasis } from './dashboard-tree';
import { periodOf } from './reports.service';
import { cascadeDocsCte } from './reports.queries';

const SIZE = 28;

/** "Cơ cấu tổ chức tại ngày …" inside a sentence. */
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

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
const para = (runs: Run[], align: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.JUSTIFIED, after = 120) =>
  new Paragraph({ alignment: align, spacing: { after, line: 300 }, children: runs.map(run) });
/** A table cell `width` percent of the text width wide; header cells are bold and centred. */
const cell = (text: string, width: number, bold = false) =>
  new TableCell({
    width: { size: columnWidths([width])[0]!, type: WidthType.DXA },
    children: [para([{ text, bold, size: 24 }], bold ? AlignmentType.CENTER : AlignmentType.LEFT, 0)],
  });
// Percent of the text width. "TT" in 12 pt bold needs about 7% with the cell's margins (at 5%
// LibreOffice broke it into "T T"); a date dd/mm/yyyy needs 16% ("Thời hạn"). The test
// word-tables.test.ts measures every header word and date against its column.
export const TARGET_COLUMNS = [7, 29, 14, 13, 13, 24];
export const TASK_COLUMNS = [7, 38, 21, 16, 18];

export async function exportProgressReportDocx(
  db: Db,
  actor: Actor,
  documentId: number,
  q: { orgId?: number; periodKey: string; tree?: TreeBasis },
) {
  const scope = scopeOf(actor, 'reports.read');
  const doc = await findDocumentReadable(db, documentId, scope);
  if (!doc) throw notFound({ vi: 'Không tìm thấy văn bản.', en: 'Document not found.' });
  const org = await findOrgInScope(db, q.orgId ?? doc.orgId, scope);
  if (!org) throw notFound({ vi: 'Không tìm thấy tổ chức.', en: 'Organization not found.' });
  let period;
  try {
    period = periodOf(q.periodKey, doc.term);
  } catch {
    throw badRequest(
      { vi: 'Kỳ báo cáo không thuộc nhiệm kỳ.', en: 'Unknown period.' },
      { fields: [{ field: 'querystring.periodKey', message: 'Kỳ báo cáo không hợp lệ' }] },
    );
  }
  const asOf = period.end;
  // The tree of the period's end (a merged province's report stays on its own subtree).
  const tree = await dashboardTreeOf(db, org, asOf, q.tree ?? 'as_of');
  const [targets, { rows: tasks }, { rows: narrative }, { rows: ancestors }] = await Promise.all([
    evaluateDocumentTargets(db, doc, org, asOf, tree),
    db.query<{ title: string; leadOrgName: string; dueDate: string | null; status: string; progress: number }>(
      `WITH ${cascadeDocsCte('$1')}
       SELECT t.title, lo.name AS "leadOrgName", to_char(t.due_date, 'DD/MM/YYYY') AS "dueDate", t.status, t.progress
         FROM tasks t JOIN document_items i ON i.id = t.item_id JOIN tree_orgs($2::ltree, $3::date) lo ON lo.org_id = t.lead_org_id
        WHERE i.document_id IN (SELECT id FROM cascade_docs) ORDER BY t.due_date NULLS LAST, t.id LIMIT 300`,
      [doc.id, tree.path, tree.day],
    ),
    db.query<{ narrative: string }>(
      `SELECT narrative FROM reports WHERE document_id = $1 AND org_id = $2 AND period_key = $3 AND status = 'approved' LIMIT 1`,
      [doc.id, org.id, q.periodKey],
    ),
    db.query<{ name: string; kind: string }>(`SELECT a.name, a.kind FROM orgs a WHERE a.path @> $1::ltree ORDER BY nlevel(a.path)`, [
      org.path,
    ]),
  ]);
  const superior = ancestors.length >= 2 ? ancestors[ancestors.length - 2]!.name : '';
  const label = periodLabel(period);
  const taskWords: Record<string, string> = {
    not_started: 'Chưa thực hiện',
    in_progress: 'Đang thực hiện',
    done: 'Hoàn thành',
    overdue: 'Chậm, quá hạn',
    cancelled: 'Dừng thực hiện',
  };

  const issuer = { name: org.name, kind: org.kind };
  const header = partyHeader({ ancestors, issuerName: org.name, number: reportNumberLine(issuer), date: null });
  const targetTable = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: columnWidths(TARGET_COLUMNS),
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        tableHeader: true,
        children: [...['TT', 'Chỉ tiêu', 'Mục tiêu', 'Kết quả', 'Đánh giá', 'Ghi chú'].map((h, i) => cell(h, TARGET_COLUMNS[i]!, true))],
      }),
      ...targets.map(
        (t, i) =>
          new TableRow({
            children: [
              ...[
                String(i + 1),
                t.text,
                t.statement ?? '',
                t.notCombinable ? 'Không cộng gộp được' : t.latest === null ? '…' : `${formatVnNumber(t.latest)} ${t.unit}`.trim(),
                TARGET_STATUS_LABELS.vi[t.status],
                t.reason,
              ].map((text, c) => cell(text, TARGET_COLUMNS[c]!)),
            ],
          }),
      ),
    ],
  });
  const taskTable = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: columnWidths(TASK_COLUMNS),
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        tableHeader: true,
        children: [...['TT', 'Nhiệm vụ', 'Đơn vị chủ trì', 'Thời hạn', 'Tình hình'].map((h, i) => cell(h, TASK_COLUMNS[i]!, true))],
      }),
      ...tasks.map(
        (t, i) =>
          new TableRow({
            children: [
              ...[String(i + 1), t.title, t.leadOrgName, t.dueDate ?? '', `${taskWords[t.status] ?? t.status} (${t.progress}%)`].map(
                (text, c) => cell(text, TASK_COLUMNS[c]!),
              ),
            ],
          }),
      ),
    ],
  });
  const fill = '…………………………………………………………………………………………………';
  const document = new Document({
    creator: 'Resolute',
    title: `Báo cáo kết quả thực hiện ${doc.symbol}`,
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [
      {
        properties: partyPage,
        children: [
          header,
          para([{ text: 'BÁO CÁO', bold: true, size: 32 }], AlignmentType.CENTER, 0),
          para([{ text: `Kết quả thực hiện ${doc.title}`, bold: true }], AlignmentType.CENTER, 0),
          para(
            [
              {
                text: `(${label}${period.type === 'midterm' || period.type === 'final' ? `, nhiệm kỳ ${doc.term.replace('-', ' – ')}` : ''})`,
                italics: true,
              },
            ],
            AlignmentType.CENTER,
            0,
          ),
          para([{ text: '-----', size: 24 }], AlignmentType.CENTER, 240),
          para([{ text: 'I. TÌNH HÌNH TRIỂN KHAI, QUÁN TRIỆT', bold: true }]),
          para([{ text: narrative[0]?.narrative || fill }]),
          para([{ text: 'II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU', bold: true }]),
          para([
            {
              text: `Số liệu đến ${asOf.split('-').reverse().join('/')} (${lowerFirst(tree.label.vi)}), tổng hợp từ các báo cáo đã được duyệt. Đạt: ${targets.filter((t) => t.status === 'achieved').length}; đúng tiến độ: ${targets.filter((t) => t.status === 'on_track').length}; có nguy cơ: ${targets.filter((t) => t.status === 'at_risk').length}; chậm tiến độ: ${targets.filter((t) => t.status === 'off_track').length}; chưa đánh giá được: ${targets.filter((t) => t.status === 'not_assessable').length}.`,
              italics: true,
            },
          ]),
          targetTable,
          para([{ text: 'III. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ TRỌNG TÂM', bold: true }]),
          taskTable,
          para([{ text: 'IV. HẠN CHẾ, KHUYẾT ĐIỂM VÀ NGUYÊN NHÂN', bold: true }]),
          para([{ text: fill }]),
          para([{ text: 'V. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI', bold: true }]),
          para([{ text: fill }]),
          partyFooter({ issuer, recipients: [`${superior || 'Cấp ủy cấp trên'} (để báo cáo),`, 'Lưu Văn phòng.'] }),
        ],
      },
    ],
  });
  const buffer = await Packer.toBuffer(document);
  return { buffer, fileName: `Bao-cao-ket-qua-${doc.symbol}-${org.name}-${q.periodKey}.docx` };
}
