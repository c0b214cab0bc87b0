/**
 * Demo progress data: quarterly reporting schedules for the Bình Dương XI resolution and the
 * bloc's VII resolution, yearly actuals 2021–2024 for their targets, and quarterly reports from
 * the lower orgs. Every figure here is a SAMPLE FIGURE made up for the demo (the seeds state
 * targets, not results), and every row is marked is_sample. The mix is chosen so that the
 * dashboard shows each status, a late report, a returned report and an open explanation request.
 */
import type pg from 'pg';
import { openReports } from '../features/reports/reports.service';
import { applyApprovedValues, foldPendingRollups } from '../features/reports/rollups.service';
import type { DemoContext } from './demo-builder';

type Figure = number | [number, number];

/** Sample yearly figures (Q4 of each year) of the provincial targets, by indicator code. */
const provinceYears: Record<string, Figure[]> = {
  GRDP_GROWTH: [6.1, 7.2, 7.6, 7.9], // below the 8,5–8,7%/năm average: off track
  IND_SERV_SHARE: [96.6, 96.8, 97.0, 97.1], // above 90%: achieved
  BUDGET_GROWTH: [9.5, 8.6, 8.2, 8.9], // around 8%/năm: on track
  FDI: [2.1, 4.3, 6.4, 8.2], // 9 tỷ USD by 2025 from a steady pace: on track or at risk
  ENTERPRISES: [52_000, 57_500, 61_800, 66_000], // about 80.000 by 2025 at this pace: off track
};
/** Sample yearly figures of the bloc's own targets. */
const blocYears: Record<string, Figure[]> = {
  STUDY_RATE: [
    [7_650, 7_935],
    [7_790, 7_935],
    [7_870, 7_935],
    [7_900, 7_935],
  ],
  ORG_GOOD_RATE: [
    [168, 190],
    [176, 190],
    [181, 190],
    [183, 190],
  ],
  MEMBER_GOOD_RATE: [
    [6_900, 7_935],
    [7_050, 7_935],
    [7_160, 7_935],
    [7_230, 7_935],
  ],
  // NEW_MEMBERS, NEW_MEMBERS_NSE, PARTY_ORGS_NSE and MASS_ORGS are not typed: the member
  // registry counts them from its events (registry.step.ts), so no admission is counted twice.
};
/** Sample quarterly figures of the lower orgs in 2024 (Q1–Q4), by org code and indicator. */
const lowerQuarters: Record<string, Record<string, Figure[]>> = {
  'BD.KHOI.KCN-NTU': {
    STUDY_RATE: [
      [410, 430],
      [418, 430],
      [422, 430],
      [425, 430],
    ],
  },
  'BD.KHOI.SXD': {
    SMART_CITY_SERVICES: [2, 2, 3, 3],
    MEMBER_GOOD_RATE: [
      [80, 96],
      [81, 96],
      [82, 96],
      [84, 96],
    ],
  },
  'BD.KHOI.BDT': {
    ONLINE_PUBLIC_SERVICES: [
      [380, 1_000],
      [410, 1_000],
      [445, 1_000],
      [470, 1_000],
    ],
  },
};

type ReportRef = { id: number; orgId: number; orgPath: string; periodKey: string; periodEnd: string; dueDate: string };

async function findReport(tx: pg.PoolClient, documentId: number, orgId: number, periodKey: string): Promise<ReportRef | null> {
  const { rows } = await tx.query<ReportRef>(
    `SELECT id, org_id AS "orgId", path_of(org_id)::text AS "orgPath", period_key AS "periodKey", to_char(period_end, 'YYYY-MM-DD') AS "periodEnd",
            to_char(due_date, 'YYYY-MM-DD') AS "dueDate" FROM reports WHERE document_id = $1 AND org_id = $2 AND period_key = $3`,
    [documentId, orgId, periodKey],
  );
  return rows[0] ?? null;
}

/** Fills a report's figures for the targets the org holds on these indicators, then moves it to `status`. */
async function fillReport(
  tx: pg.PoolClient,
  ctx: DemoContext,
  documentId: number,
  orgCode: string,
  periodKey: string,
  figures: Record<string, Figure>,
  status: 'approved' | 'submitted' | 'returned' | 'draft',
  narrative: string,
  includesChildren = false,
) {
  const org = ctx.orgs.get(orgCode);
  if (!org) return;
  const report = await findReport(tx, documentId, org.id, periodKey);
  if (!report) return;
  for (const [code, fig] of Object.entries(figures)) {
    const [value, num, den] = Array.isArray(fig) ? [Math.round((fig[0] / fig[1]) * 10_000) / 100, fig[0], fig[1]] : [fig, null, null];
    await tx.query(
      `INSERT INTO report_target_values (report_id, item_id, value, numerator, denominator, source, note, includes_children)
       SELECT $1, i.id, $3, $4, $5, 'Số liệu mẫu (không phải số liệu thật)', NULL, $8
         FROM document_items i JOIN documents d ON d.id = i.document_id JOIN indicators ind ON ind.id = i.indicator_id
        WHERE d.org_id = $2 AND ind.code = $6 AND i.kind = 'target' AND i.id IN (
          SELECT i2.id FROM document_items i2 WHERE i2.document_id IN (
            WITH RECURSIVE c(id, series_id) AS (SELECT id, series_id FROM documents WHERE id = $7
              UNION SELECT d2.id, d2.series_id FROM c JOIN document_implements di ON di.implements_series_id = c.series_id JOIN documents d2 ON d2.id = di.document_id)
            SELECT id FROM c))
       ON CONFLICT DO NOTHING`,
      [report.id, org.id, value, num, den, code, documentId, includesChildren],
    );
  }
  await tx.query(`UPDATE reports SET narrative = $2 WHERE id = $1`, [report.id, `[Số liệu mẫu] ${narrative}`]);
  if (status === 'draft') return;
  // Submitted two days before the due date; the returned one came back a week later.
  const submittedAt = `${report.dueDate} 09:00:00+07`;
  await tx.query(
    `UPDATE reports SET status = $2, submitted_at = ($3::timestamptz - interval '2 days'), first_submitted_at = ($3::timestamptz - interval '2 days'),
            approved_at = CASE WHEN $2 = 'approved' THEN $3::timestamptz + interval '3 days' END,
            return_comment = CASE WHEN $2 = 'returned' THEN 'Đề nghị bổ sung nguồn số liệu và thuyết minh chỉ tiêu kết nạp đảng viên.' END
      WHERE id = $1`,
    [report.id, status, submittedAt],
  );
  await tx.query(
    `INSERT INTO report_events (report_id, action, from_status, to_status, actor_name, created_at) VALUES ($1, 'submit', 'draft', 'submitted', 'Dữ liệu mẫu', $2::timestamptz - interval '2 days')`,
    [report.id, submittedAt],
  );
  if (status === 'approved') {
    await tx.query(
      `INSERT INTO report_events (report_id, action, from_status, to_status, actor_name, created_at) VALUES ($1, 'approve', 'submitted', 'approved', 'Dữ liệu mẫu', $2::timestamptz + interval '3 days')`,
      [report.id, submittedAt],
    );
    await applyApprovedValues(tx, report);
    await foldPendingRollups(tx);
  }
  if (status === 'returned') {
    await tx.query(
      `INSERT INTO report_events (report_id, action, from_status, to_status, comment, actor_name, created_at)
       VALUES ($1, 'return', 'submitted', 'returned', 'Đề nghị bổ sung nguồn số liệu và thuyết minh chỉ tiêu kết nạp đảng viên.', 'Dữ liệu mẫu', $2::timestamptz + interval '5 days')`,
      [report.id, submittedAt],
    );
  }
}

async function scheduleFor(tx: pg.PoolClient, symbolLike: string, orgCode: string, ctx: DemoContext): Promise<number | null> {
  const org = ctx.orgs.get(orgCode);
  if (!org) return null;
  const { rows } = await tx.query<{ id: number }>(
    `SELECT id FROM documents WHERE org_id = $1 AND kind = 'resolution' AND term = '2020-2025' ORDER BY id LIMIT 1`,
    [org.id],
  );
  const docId = rows[0]?.id;
  if (!docId) return null;
  const { rows: s } = await tx.query<{ id: number }>(
    `INSERT INTO report_schedules (document_id, period_type, due_days, level_offset_days) VALUES ($1, 'quarter', 15, 5) RETURNING id`,
    [docId],
  );
  await openReports(tx, s[0]!.id, { isSample: true });
  ctx.log(`Dữ liệu mẫu: lịch báo cáo quý cho ${symbolLike}.`);
  return docId;
}

export async function loadDemoReports(tx: pg.PoolClient, ctx: DemoContext) {
  const bdDoc = await scheduleFor(tx, 'Nghị quyết Đại hội XI Đảng bộ tỉnh Bình Dương', 'BD', ctx);
  const blocDoc = await scheduleFor(tx, 'Nghị quyết Đại hội VII Đảng bộ Khối', 'BD.KHOI', ctx);
  if (!bdDoc || !blocDoc) return;
  const years = [2021, 2022, 2023, 2024];
  const pick = (table: Record<string, Figure[]>, i: number) => Object.fromEntries(Object.entries(table).map(([k, v]) => [k, v[i]!]));

  // Every org's earlier quarters approved (empty reports: nothing measured), so completeness reads well.
  await tx.query(
    `UPDATE reports SET status = 'approved', narrative = '[Số liệu mẫu] Báo cáo định kỳ.',
            submitted_at = (due_date - 2)::timestamptz, first_submitted_at = (due_date - 2)::timestamptz, approved_at = (due_date + 1)::timestamptz
      WHERE document_id = ANY($1::bigint[]) AND period_end < '2024-10-01'`,
    [[bdDoc, blocDoc]],
  );
  // The lower orgs of the bloc, quarter by quarter in 2024: Q4 brings a returned and a late report.
  for (const [orgCode, table] of Object.entries(lowerQuarters)) {
    const org = ctx.orgs.get(orgCode);
    if (!org) continue;
    for (let q = 1; q <= 4; q++) {
      const status = q < 4 ? 'approved' : orgCode === 'BD.KHOI.SXD' ? 'returned' : orgCode === 'BD.KHOI.BDT' ? 'draft' : 'approved';
      const r = await findReport(tx, blocDoc, org.id, `2024-Q${q}`);
      if (r && q < 4) await tx.query(`UPDATE reports SET status = 'draft', first_submitted_at = NULL WHERE id = $1`, [r.id]);
      await fillReport(tx, ctx, blocDoc, orgCode, `2024-Q${q}`, pick(table, q - 1), status, `Kết quả quý ${q}/2024.`);
    }
  }
  // The provincial and bloc yearly figures ride on their Q4 reports (2021–2023 approved above,
  // refilled here). They are whole-province and whole-bloc totals, so they are marked as
  // including the children and approved after the units' reports: the rollup then counts only
  // the part beyond the units' approved figures, and the bloc's 1.390 new members stay 1.390
  // (not 1.390 + the 38 a unit already reported).
  for (const [i, y] of years.entries()) {
    for (const [doc, code, table] of [
      [bdDoc, 'BD', provinceYears],
      [blocDoc, 'BD.KHOI', blocYears],
    ] as const) {
      const org = ctx.orgs.get(code)!;
      const r = await findReport(tx, doc, org.id, `${y}-Q4`);
      if (r)
        await tx.query(
          `UPDATE reports SET status = 'draft', first_submitted_at = NULL, submitted_at = NULL, approved_at = NULL WHERE id = $1`,
          [r.id],
        );
      await fillReport(tx, ctx, doc, code, `${y}-Q4`, pick(table, i), 'approved', `Kết quả thực hiện năm ${y}.`, true);
    }
  }
  // Dĩ An's wards report on the smart-city task they lead: most approved, one submitted, one late.
  const { rows: wardReports } = await tx.query<{ id: number; code: string }>(
    `SELECT r.id, o.code FROM reports r JOIN orgs o ON o.id = r.org_id
      WHERE r.document_id = $1 AND r.period_key = '2024-Q4' AND o.kind = 'commune_committee' ORDER BY o.code`,
    [bdDoc],
  );
  for (const [i, w] of wardReports.entries()) {
    const status = i === 0 ? 'submitted' : i === 1 ? 'draft' : 'approved';
    await tx.query(
      `INSERT INTO report_task_updates (report_id, task_id, status, progress, done_text)
       SELECT $1, t.id, CASE WHEN $2 THEN 'overdue' ELSE 'in_progress' END, $3, '[Số liệu mẫu] Đã chỉnh trang các tuyến đường khu phố.'
         FROM reports r JOIN tasks t ON t.lead_org_id = r.org_id WHERE r.id = $1 ON CONFLICT DO NOTHING`,
      [w.id, i === 2, 40 + ((i * 15) % 50)],
    );
    if (status !== 'draft') {
      await tx.query(
        `UPDATE reports SET status = $2, submitted_at = (due_date - 1)::timestamptz, first_submitted_at = (due_date - 1)::timestamptz,
                approved_at = CASE WHEN $2 = 'approved' THEN (due_date + 2)::timestamptz END WHERE id = $1`,
        [w.id, status],
      );
    }
    if (status === 'approved') {
      await tx.query(
        `UPDATE tasks t SET status = u.status, progress = u.progress FROM report_task_updates u WHERE u.report_id = $1 AND u.task_id = t.id`,
        [w.id],
      );
    }
  }
  // An open explanation request on the red provincial target, to Dĩ An, which holds its own GRDP target.
  const dian = ctx.orgs.get('BD.DIAN');
  if (dian) {
    await tx.query(
      `WITH e AS (
         INSERT INTO explanation_requests (document_id, item_id, org_id, question, due_date, asked_by_name, is_sample)
         SELECT i.document_id, i.id, $1, $2, '2025-02-15', 'Ban Thường vụ Tỉnh ủy (dữ liệu mẫu)', true
           FROM document_items i JOIN indicators ind ON ind.id = i.indicator_id
          WHERE i.document_id = $3 AND ind.code = 'GRDP_GROWTH' LIMIT 1
         RETURNING id, question)
       INSERT INTO explanation_messages (request_id, author_name, kind, body) SELECT id, 'Ban Thường vụ Tỉnh ủy (dữ liệu mẫu)', 'question', question FROM e`,
      [
        dian.id,
        'Tốc độ tăng trưởng GRDP bình quân 2021–2024 thấp hơn mục tiêu 8,5–8,7%/năm. Đề nghị Thành ủy Dĩ An giải trình nguyên nhân và giải pháp trong năm 2025.',
        bdDoc,
      ],
    );
  }
  ctx.log('Dữ liệu mẫu: số liệu thực hiện 2021–2024 và báo cáo quý của cấp dưới (số liệu mẫu).');
}
