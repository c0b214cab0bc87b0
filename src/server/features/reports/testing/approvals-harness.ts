/**
 * Test and benchmark support for approvals in parallel: a root with `provinces` provinces and
 * `communesPerProvince` communes under each, a resolution of the root with a sum target
 * (NEW_MEMBERS) and a rate target (STUDY_RATE), and one submitted report per commune carrying
 * both figures, ready to approve. Set-based SQL, so a few thousand reports take a second.
 */
import type { Db } from '../../../db/pool';

export type ApprovalTree = {
  rootId: number;
  provinceIds: number[];
  /** Submitted reports, province by province: reports[p] are the communes' of provinceIds[p]. */
  reports: { id: number; orgId: number; provinceId: number; newMembers: number; studied: number; members: number }[];
  indicators: { newMembers: number; studyRate: number };
  periodKey: string;
};

export async function buildApprovalTree(
  db: Db,
  opts: { provinces: number; communesPerProvince: number; prefix: string },
): Promise<ApprovalTree> {
  const { prefix } = opts;
  const { rows: next } = await db.query<{ base: number }>(`SELECT COALESCE(max(id), 0) + 1 AS base FROM orgs`);
  const rootId = next[0]!.base;
  const p0 = rootId + 1;
  const c0 = p0 + opts.provinces;
  const communes = opts.provinces * opts.communesPerProvince;
  await db.query(
    `INSERT INTO orgs (id, path, parent_id, code, name, kind) OVERRIDING SYSTEM VALUE
     VALUES ($1::bigint, $1::bigint::text::ltree, NULL, $2::text || '-ROOT', 'Ban Chấp hành Trung ương thử', 'central')`,
    [rootId, prefix],
  );
  await db.query(
    `INSERT INTO orgs (id, path, parent_id, code, name, kind) OVERRIDING SYSTEM VALUE
     SELECT g, ($1::bigint::text || '.' || g)::ltree, $1::bigint, $2::text || '-P' || g, 'Tỉnh ủy thử ' || g, 'province_committee'
       FROM generate_series($3::bigint, $3::bigint + $4 - 1) g`,
    [rootId, prefix, p0, opts.provinces],
  );
  await db.query(
    `INSERT INTO orgs (id, path, parent_id, code, name, kind) OVERRIDING SYSTEM VALUE
     SELECT g, (p.path::text || '.' || g)::ltree, p.id, $1::text || '-X' || g, 'Đảng ủy xã thử ' || g, 'commune_committee'
       FROM generate_series($2::bigint, $2::bigint + $3 - 1) g JOIN orgs p ON p.id = $4 + (g - $2) % $5`,
    [prefix, c0, communes, p0, opts.provinces],
  );
  await db.query(`SELECT setval(pg_get_serial_sequence('orgs', 'id'), (SELECT max(id) FROM orgs))`);
  const provinceIds = Array.from({ length: opts.provinces }, (_, i) => p0 + i);
  const { rows: ind } = await db.query<{ code: string; id: number }>(
    `SELECT code, id FROM indicators WHERE code IN ('NEW_MEMBERS', 'STUDY_RATE')`,
  );
  const indicators = { newMembers: ind.find((r) => r.code === 'NEW_MEMBERS')!.id, studyRate: ind.find((r) => r.code === 'STUDY_RATE')!.id };
  const { rows: doc } = await db.query<{ id: number }>(
    `WITH n AS (SELECT nextval(pg_get_serial_sequence('documents', 'id')) AS id)
     INSERT INTO documents (id, org_id, kind, term, number, symbol, title, status, series_id) OVERRIDING SYSTEM VALUE
     SELECT n.id, $1, 'resolution', '2025-2030', n.id, n.id || '-NQ/TW', 'Nghị quyết thử phê duyệt song song', 'adopted', n.id FROM n
     RETURNING id`,
    [rootId],
  );
  const documentId = doc[0]!.id;
  const { rows: items } = await db.query<{ id: number; indicator_id: number }>(
    `INSERT INTO document_items (document_id, kind, position, text, indicator_id, comparator, value, unit, by_year)
     VALUES ($1, 'target', 1, 'Kết nạp đảng viên mới', $2, '>=', 1000, 'đảng viên', 2026),
            ($1, 'target', 2, 'Tỷ lệ đảng viên học tập Nghị quyết', $3, '=', 100, '%', 2026)
     RETURNING id, indicator_id`,
    [documentId, indicators.newMembers, indicators.studyRate],
  );
  const itemOf = (indicatorId: number) => items.find((i) => i.indicator_id === indicatorId)!.id;
  const periodKey = '2026-Q1';
  const { rows: schedule } = await db.query<{ id: number }>(
    `INSERT INTO report_schedules (document_id, period_type) VALUES ($1, 'quarter') RETURNING id`,
    [documentId],
  );
  // Figures from the org id, so a test can recompute every total from its parts.
  const { rows: reports } = await db.query<{ id: number; orgId: number; provinceId: number }>(
    `INSERT INTO reports (schedule_id, document_id, org_id, period_type, period_key, period_start, period_end, due_date, status, submitted_at)
     SELECT $1, $2, c.id, 'quarter', $3, '2026-01-01', '2026-03-31', '2026-04-05', 'submitted', now()
       FROM orgs c JOIN orgs p ON p.id = c.parent_id WHERE p.parent_id = $4
     RETURNING id, org_id AS "orgId", (SELECT parent_id FROM orgs WHERE id = org_id) AS "provinceId"`,
    [schedule[0]!.id, documentId, periodKey, rootId],
  );
  await db.query(
    `INSERT INTO report_target_values (report_id, item_id, value, numerator, denominator)
     SELECT r.id, $2::bigint, r.org_id % 7 + 1, NULL::numeric, NULL::numeric FROM reports r WHERE r.document_id = $1
     UNION ALL
     SELECT r.id, $3::bigint, NULL, r.org_id % 40 + 10, 50 FROM reports r WHERE r.document_id = $1`,
    [documentId, itemOf(indicators.newMembers), itemOf(indicators.studyRate)],
  );
  return {
    rootId,
    provinceIds,
    reports: reports.map((r) => ({ ...r, newMembers: (r.orgId % 7) + 1, studied: (r.orgId % 40) + 10, members: 50 })),
    indicators,
    periodKey,
  };
}
