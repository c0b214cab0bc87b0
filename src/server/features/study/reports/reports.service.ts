/**
 * Reports of a session: attendance per bridge point and per org, and the members not yet
 * reached (expected at the session, present neither there nor at one of its make-ups), as a
 * workbook and as a Word report in the Party's document format.
 */
import { formatVnDateTime, vnToday } from '../../../../domain/vn-time';
import { formatVnNumber } from '../../../../domain/vn-number';
import ExcelJS from 'exceljs';
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Db } from '../../../db/pool';
import { coveragePercent } from '../../../../domain/study/coverage';
import { inScopeSql, scopeOf, type Actor } from '../../../lib/actor';
import { safeCell } from '../../../lib/xlsx';
import { partyFooter, partyHeader, partyPage, reportNumberLine } from '../../../lib/party-docx';
import { findPoints } from '../sessions/points.service';
import { loadSession } from '../sessions/sessions.service';

const NOT_REACHED_CAP = 100_000;

/**
 * Everything the reports show. Rows that name members or orgs are cut to the caller's scope:
 * a ward's viewer of a provincial conference sees their own ward's absentees and reasons only.
 * A member expected at two points (a ward's and a cell's) is listed once.
 */
async function gather(db: Db, actor: Actor, sessionId: number) {
  const session = await loadSession(db, actor, sessionId);
  const scope = scopeOf(actor, 'study.read');
  // Points of the caller's scope, and those whose expected subtree holds part of it (the main hall).
  const { rows: shown } = await db.query<{ id: number }>(
    `SELECT bp.id FROM bridge_points bp JOIN orgs po ON po.id = bp.org_id LEFT JOIN orgs eo ON eo.id = bp.expected_org_id
      WHERE bp.session_id = $1 AND ($2::ltree[] IS NULL OR po.path <@ $2::ltree[] OR eo.path <@ $2::ltree[] OR $2::ltree[] <@ eo.path)`,
    [sessionId, scope],
  );
  const shownIds = new Set(shown.map((r) => r.id));
  const points = (await findPoints(db, actor, sessionId)).filter((p) => shownIds.has(p.id));
  const { rows: byOrg } = await db.query<{
    name: string;
    parent: string | null;
    members: number;
    present: number;
    excused: number;
    absent: number;
  }>(
    `SELECT o.name, p.name AS parent, o.member_count AS members,
            count(*) FILTER (WHERE a.status = 'present')::int AS present,
            count(*) FILTER (WHERE a.status = 'excused')::int AS excused,
            count(*) FILTER (WHERE a.status = 'absent')::int AS absent
       FROM attendances a JOIN orgs o ON o.id = a.org_id LEFT JOIN orgs p ON p.id = o.parent_id
      WHERE a.session_id = $1 AND ${inScopeSql('o.path', '$2')} GROUP BY o.id, p.name ORDER BY o.path`,
    [sessionId, scope],
  );
  const { rows: notReached } = await db.query<{
    code: string;
    fullName: string;
    orgName: string;
    status: string | null;
    reason: string | null;
  }>(
    `SELECT code, "fullName", "orgName", status, reason FROM (
     SELECT DISTINCT ON (m.id) m.code, m.full_name AS "fullName", mo.name AS "orgName", a.status, a.reason,
            mo.path AS sort_path, m.given_name AS sort_given
       FROM bridge_points bp
       JOIN LATERAL (
         SELECT m.* FROM orgs eo JOIN orgs x ON x.path <@ eo.path JOIN members m ON m.org_id = x.id
          WHERE bp.expected_kind = 'subtree' AND eo.id = bp.expected_org_id
         UNION
         SELECT m.* FROM bridge_point_members pm JOIN members m ON m.id = pm.member_id WHERE pm.point_id = bp.id) m ON true
       JOIN orgs mo ON mo.id = m.org_id
       LEFT JOIN attendances a ON a.session_id = $1 AND a.member_id = m.id
      WHERE bp.session_id = $1 AND m.status IN ('official', 'probationary') AND ${inScopeSql('mo.path', '$2')}
        AND NOT EXISTS (SELECT 1 FROM attendances x JOIN study_sessions s ON s.id = x.session_id
                         WHERE x.member_id = m.id AND x.status = 'present' AND (s.id = $1 OR s.makeup_of = $1))
      ORDER BY m.id) r
      ORDER BY sort_path, sort_given COLLATE "vi-x-icu", "fullName" COLLATE "vi-x-icu"
      LIMIT ${NOT_REACHED_CAP}`,
    [sessionId, scope],
  );
  return { session, points, byOrg, notReached };
}

const statusLabel: Record<string, string> = { present: 'Có mặt', excused: 'Vắng có lý do', absent: 'Vắng không lý do' };

function addSheet(
  wb: ExcelJS.Workbook,
  name: string,
  columns: { header: string; key: string; width: number }[],
  rows: Record<string, unknown>[],
) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns;
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(Object.fromEntries(columns.map((c) => [c.key, safeCell(r[c.key])])));
}

export async function buildSessionWorkbook(db: Db, actor: Actor, sessionId: number): Promise<{ body: Buffer; title: string }> {
  const { session, points, byOrg, notReached } = await gather(db, actor, sessionId);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Resolute';
  addSheet(
    wb,
    'Theo điểm cầu',
    [
      { header: 'Điểm cầu', key: 'name', width: 40 },
      { header: 'Tổ chức', key: 'orgName', width: 32 },
      { header: 'Địa điểm', key: 'place', width: 28 },
      { header: 'Dự kiến', key: 'expected', width: 10 },
      { header: 'Có mặt', key: 'present', width: 10 },
      { header: 'Vắng có lý do', key: 'excused', width: 14 },
      { header: 'Vắng không lý do', key: 'absent', width: 16 },
      { header: 'Tỷ lệ có mặt (%)', key: 'percent', width: 16 },
    ],
    points.map((p) => ({
      ...p,
      ...p.counts,
      place: p.place ?? '',
      percent: coveragePercent({ studied: p.counts.present, members: p.counts.expected }),
    })),
  );
  addSheet(
    wb,
    'Theo tổ chức',
    [
      { header: 'Chi bộ / tổ chức', key: 'name', width: 40 },
      { header: 'Trực thuộc', key: 'parent', width: 32 },
      { header: 'Số đảng viên', key: 'members', width: 13 },
      { header: 'Có mặt', key: 'present', width: 10 },
      { header: 'Vắng có lý do', key: 'excused', width: 14 },
      { header: 'Vắng không lý do', key: 'absent', width: 16 },
    ],
    byOrg,
  );
  addSheet(
    wb,
    'Chưa được học tập',
    [
      { header: 'Mã đảng viên', key: 'code', width: 16 },
      { header: 'Họ và tên', key: 'fullName', width: 28 },
      { header: 'Chi bộ', key: 'orgName', width: 36 },
      { header: 'Điểm danh', key: 'status', width: 18 },
      { header: 'Lý do', key: 'reason', width: 30 },
    ],
    notReached.map((r) => ({ ...r, status: r.status ? statusLabel[r.status] : 'Chưa điểm danh', reason: r.reason ?? '' })),
  );
  return { body: Buffer.from(await wb.xlsx.writeBuffer()), title: session.title };
}

const FONT = 'Times New Roman';
const SIZE = 28;
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
  align: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.JUSTIFIED,
  after = 120,
  firstLine?: number,
) =>
  new Paragraph({
    alignment: align,
    spacing: { after, line: 300 },
    indent: firstLine ? { firstLine } : undefined,
    children: runs.map(run),
  });
const num = (n: number) => formatVnNumber(n);

/**
 * The Word report of a conference (báo cáo kết quả hội nghị), laid out like the documents
 * feature's export (Hướng dẫn 36-HD/VPTW): the two-column header, the title, the facts of the
 * session, a table per bridge point, the not-reached summary, recipients and signature.
 */
export async function buildSessionReportDocx(db: Db, actor: Actor, sessionId: number): Promise<{ body: Buffer; title: string }> {
  const { session, points, byOrg, notReached } = await gather(db, actor, sessionId);
  const { rows: ancestors } = await db.query<{ name: string; kind: string }>(
    'SELECT a.name, a.kind FROM orgs a WHERE a.path @> $1::ltree ORDER BY nlevel(a.path)',
    [session.orgPath],
  );
  const issuer = ancestors.at(-1)?.name ?? session.orgName;
  const superior = ancestors.length >= 2 ? ancestors.at(-2) : undefined;
  const today = vnToday();
  const expected = points.reduce((a, p) => a + p.counts.expected, 0);
  const present = points.reduce((a, p) => a + p.counts.present, 0);
  const excused = points.reduce((a, p) => a + p.counts.excused, 0);

  const issuerOrg = ancestors.at(-1) ?? { name: session.orgName, kind: 'commune_committee' };
  const header = partyHeader({ ancestors, issuerName: issuer, number: reportNumberLine(issuerOrg), date: today });
  const th = (t: string) => new TableCell({ children: [para([{ text: t, bold: true, size: 24 }], AlignmentType.CENTER, 0)] });
  const td = (t: string, align: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.LEFT) =>
    new TableCell({ children: [para([{ text: t, size: 24 }], align, 0)] });
  const pointTable = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: ['TT', 'Điểm cầu', 'Dự kiến', 'Có mặt', 'Vắng có lý do', 'Tỷ lệ (%)'].map(th) }),
      ...points.map(
        (p, i) =>
          new TableRow({
            children: [
              td(String(i + 1), AlignmentType.CENTER),
              td(p.name),
              td(num(p.counts.expected), AlignmentType.RIGHT),
              td(num(p.counts.present), AlignmentType.RIGHT),
              td(num(p.counts.excused), AlignmentType.RIGHT),
              td(num(coveragePercent({ studied: p.counts.present, members: p.counts.expected })), AlignmentType.RIGHT),
            ],
          }),
      ),
    ],
  });
  const modeText = { online: 'trực tuyến', in_person: 'trực tiếp', hybrid: 'trực tiếp kết hợp trực tuyến' }[session.mode];
  const byCell = new Map<string, number>();
  for (const r of notReached) byCell.set(r.orgName, (byCell.get(r.orgName) ?? 0) + 1);
  const body = [
    header,
    para([{ text: 'BÁO CÁO', bold: true, size: 32 }], AlignmentType.CENTER, 0),
    para([{ text: `Kết quả tổ chức ${session.title.replace(/^Hội nghị/i, 'hội nghị')}`, bold: true }], AlignmentType.CENTER, 240),
    para([{ text: '-----', bold: true }], AlignmentType.CENTER, 240),
    para([{ text: '1. Thời gian, hình thức', bold: true }]),
    para(
      [
        {
          text: `Hội nghị được tổ chức theo hình thức ${modeText}, từ ${formatVnDateTime(session.startsAt)} đến ${formatVnDateTime(session.endsAt)}, với ${num(points.length)} điểm cầu.`,
        },
      ],
      AlignmentType.JUSTIFIED,
      120,
      567,
    ),
    para([{ text: '2. Nội dung học tập, quán triệt', bold: true }]),
    ...session.documents.map((d) => para([{ text: `- ${d.symbol}: ${d.title}.` }], AlignmentType.JUSTIFIED, 60, 567)),
    ...(session.presenters.length > 0
      ? [
          para(
            [
              {
                text: `Báo cáo viên: ${session.presenters.map((p) => (p.title ? `đồng chí ${p.fullName}, ${p.title}` : `đồng chí ${p.fullName}`)).join('; ')}.`,
              },
            ],
            AlignmentType.JUSTIFIED,
            120,
            567,
          ),
        ]
      : []),
    para([{ text: '3. Kết quả tham dự', bold: true }]),
    para(
      [
        {
          text: `Tổng số đảng viên dự kiến: ${num(expected)}; có mặt: ${num(present)} (${num(coveragePercent({ studied: present, members: expected }))}%); vắng có lý do: ${num(excused)}; số tổ chức có đảng viên tham dự: ${num(byOrg.length)}.`,
        },
      ],
      AlignmentType.JUSTIFIED,
      120,
      567,
    ),
    pointTable,
    para([{ text: '' }]),
    para([{ text: '4. Đảng viên chưa được học tập', bold: true }]),
    para(
      [
        {
          text:
            notReached.length === 0
              ? 'Toàn bộ đảng viên dự kiến đã được học tập, quán triệt.'
              : `Còn ${num(notReached.length)} đảng viên chưa được học tập (danh sách kèm theo tệp Excel), tập trung ở: ${[...byCell]
                  .sort((a, b) => b[1] - a[1])
                  .slice(0, 5)
                  .map(([n, c]) => `${n} (${num(c)})`)
                  .join('; ')}. Đề nghị các chi bộ tổ chức học tập bù, bảo đảm 100% đảng viên được nghiên cứu, học tập, quán triệt.`,
        },
      ],
      AlignmentType.JUSTIFIED,
      240,
      567,
    ),
    partyFooter({
      issuer: issuerOrg,
      recipients: [`${superior?.name ?? 'Cấp ủy cấp trên'} (để báo cáo),`, 'Các tổ chức đảng trực thuộc,', 'Lưu Văn phòng.'],
    }),
  ];
  const doc = new Document({
    creator: 'Resolute',
    title: `Báo cáo kết quả ${session.title}`,
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [{ properties: partyPage, children: body }],
  });
  return { body: Buffer.from(await Packer.toBuffer(doc)), title: session.title };
}
