import type { Db } from '../../../db/pool';
import { inTransaction } from '../../../db/pool';
import { inScopeSql, scopeOf, type Actor } from '../../../lib/actor';
import { recordAudit } from '../../../lib/audit';
import { AppError, notFound } from '../../../lib/errors';
import { buildSheet } from '../../../lib/xlsx';
import { readSheetRows, SMALL_SHEET } from '../../../lib/parse-file';
import type { AttendanceRow, AttendanceStatus } from '../../../../contracts/study-sessions';
import { allowedAtPointSql, expectedAtPointSql } from './sessions.queries';
import { personalCheckinCode } from '../../../../domain/study/personal-code';
import { getQrSecret } from '../checkin/qr-secret';
import { loadPoint } from './points.service';
import { canManagePoint, requirePointManage } from '../study.policy';
import { foldVietnamese } from '../../../../domain/vn-text';

export const attendanceStatusLabels: Record<AttendanceStatus, string> = {
  present: 'Có mặt',
  excused: 'Vắng có lý do',
  absent: 'Vắng không lý do',
};

const rowColumns = `m.id AS "memberId", m.code, m.full_name AS "fullName", mo.name AS "orgName",
  a.status, a.reason, a.method, a.at, a.seq`;

type RawRow = Omit<AttendanceRow, 'at'> & { at: Date | null };
const present = (r: RawRow): AttendanceRow => ({ ...r, at: r.at ? r.at.toISOString() : null });

/**
 * The host's live list: rows at this point after `after` (a global sequence), oldest first.
 * Only rows older than half a second are handed out: two check-in batches can commit out of
 * sequence order by a few milliseconds, and a cursor that jumped past an uncommitted row
 * would never show it.
 */
export async function getLiveAttendance(db: Db, actor: Actor, pointId: number, after: number, limit: number) {
  const point = await loadPoint(db, actor, pointId);
  const { rows } = await db.query<RawRow>(
    `SELECT ${rowColumns} FROM attendances a JOIN members m ON m.id = a.member_id JOIN orgs mo ON mo.id = m.org_id
      WHERE a.point_id = $1 AND a.seq > $2 AND a.at < now() - interval '500 milliseconds' AND ${inScopeSql('mo.path', '$4')}
      ORDER BY a.seq LIMIT $3`,
    [pointId, after, limit, scopeOf(actor, 'study.read')],
  );
  const cursor = rows.length > 0 ? rows[rows.length - 1]!.seq! : after;
  return { items: rows.map(present), cursor, counts: point.counts };
}

const rollFilters: Record<string, string> = {
  all: 'true',
  missing: `(a.status IS NULL OR a.status <> 'present')`,
  present: `a.status = 'present'`,
  excused: `a.status = 'excused'`,
  absent: `(a.status IS NULL OR a.status = 'absent')`,
};

/**
 * Everyone expected at the point with their status, for marking by hand; only members inside
 * the caller's scope (a ward's viewer of a provincial point sees their own ward's members).
 */
export async function getRoll(db: Db, actor: Actor, pointId: number, q: { filter: string; q?: string; page: number; pageSize: number }) {
  const point = await loadPoint(db, actor, pointId);
  const params: unknown[] = [pointId, point.sessionId, scopeOf(actor, 'study.read')];
  let search = '';
  if (q.q) {
    params.push(q.q.normalize('NFC'));
    search = ` AND (vn_fold(m.full_name) LIKE '%' || vn_fold($${params.length}) || '%' OR m.code ILIKE $${params.length} || '%')`;
  }
  const from = `FROM bridge_points bp JOIN members m ON true JOIN orgs mo ON mo.id = m.org_id
    LEFT JOIN attendances a ON a.session_id = $2 AND a.member_id = m.id
    WHERE bp.id = $1 AND m.status IN ('official', 'probationary') AND ${inScopeSql('mo.path', '$3')} AND ${expectedAtPointSql('bp')} AND ${rollFilters[q.filter] ?? 'true'}${search}`;
  const [{ rows }, { rows: count }] = await Promise.all([
    db.query<RawRow>(
      `SELECT ${rowColumns} ${from} ORDER BY mo.path, m.given_name COLLATE "vi-x-icu", m.full_name COLLATE "vi-x-icu"
        LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n ${from}`, params),
  ]);
  // The host hands out personal check-in codes (a member without their invitation asks at the desk).
  const secret = canManagePoint(actor, point) ? await getQrSecret(db) : null;
  const items = rows.map((r) => ({ ...present(r), personalCode: secret ? personalCheckinCode(secret, r.code) : null }));
  return { items, total: count[0]?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

const memberNotFound = () => notFound({ vi: 'Không tìm thấy đảng viên.', en: 'Member not found.' });
const reasonRequired = () =>
  new AppError(
    'validation_failed',
    { vi: 'Vắng có lý do thì phải ghi lý do.', en: 'An excused absence needs a reason.' },
    {
      fields: [{ field: 'body.reason', message: 'Hãy ghi lý do vắng.' }],
    },
  );

type Mark = { memberId: number; status: AttendanceStatus; reason: string | null };

/**
 * Writes marks made by the host. A member the point did not expect is added to its list:
 * the host let them in. Marking someone present here credits what the session studies.
 */
async function applyMarks(
  tx: import('pg').PoolClient,
  actor: Actor,
  pointId: number,
  sessionId: number,
  marks: Mark[],
  method: 'manual' | 'import',
) {
  await tx.query(
    `INSERT INTO bridge_point_members (point_id, member_id)
     SELECT $1, m.id FROM bridge_points bp JOIN members m ON m.id = ANY($2::bigint[]) JOIN orgs mo ON mo.id = m.org_id
      WHERE bp.id = $1 AND NOT ${allowedAtPointSql('bp')}
     ON CONFLICT DO NOTHING`,
    [pointId, marks.map((m) => m.memberId)],
  );
  await tx.query(
    `INSERT INTO attendances AS a (session_id, member_id, point_id, org_id, status, reason, method, recorded_by)
     SELECT $1, x.member_id, $2, m.org_id, x.status, x.reason, $3, $4
       FROM unnest($5::bigint[], $6::text[], $7::text[]) AS x(member_id, status, reason) JOIN members m ON m.id = x.member_id
      ORDER BY x.member_id
     ON CONFLICT (session_id, member_id) DO UPDATE
        SET status = EXCLUDED.status, reason = EXCLUDED.reason, method = EXCLUDED.method, point_id = EXCLUDED.point_id,
            recorded_by = EXCLUDED.recorded_by, at = now(), seq = DEFAULT
      WHERE (a.status, a.reason, a.point_id) IS DISTINCT FROM (EXCLUDED.status, EXCLUDED.reason, EXCLUDED.point_id)`,
    [sessionId, pointId, method, actor.userId, marks.map((m) => m.memberId), marks.map((m) => m.status), marks.map((m) => m.reason)],
  );
}

export async function markAttendance(
  db: Db,
  actor: Actor,
  pointId: number,
  memberId: number,
  input: { status: AttendanceStatus; reason?: string },
) {
  if (input.status === 'excused' && !input.reason) throw reasonRequired();
  return inTransaction(db, async (tx) => {
    const point = await loadPoint(tx, actor, pointId);
    requirePointManage(actor, point);
    // The member named in the path is checked like the point: a host marks only members of their own subtree.
    const { rows } = await tx.query<{ full_name: string; code: string }>(
      `SELECT m.full_name, m.code FROM members m JOIN orgs mo ON mo.id = m.org_id WHERE m.id = $1 AND ${inScopeSql('mo.path', '$2')}`,
      [memberId, scopeOf(actor, 'study.write')],
    );
    if (!rows[0]) throw memberNotFound();
    await applyMarks(tx, actor, pointId, point.sessionId, [{ memberId, status: input.status, reason: input.reason ?? null }], 'manual');
    await recordAudit(tx, actor, {
      action: 'mark_attendance',
      entity: 'attendance',
      entityId: `${point.sessionId}:${memberId}`,
      orgId: point.orgId,
      orgPath: point.orgPath,
      summary: `Điểm danh ${rows[0].full_name} (${rows[0].code}): ${attendanceStatusLabels[input.status]} tại ${point.name}`,
      after: input,
    });
    return { memberId, status: input.status };
  });
}

const statusByText: Record<string, AttendanceStatus> = {
  'co mat': 'present',
  x: 'present',
  present: 'present',
  có: 'present',
  co: 'present',
  'vang co ly do': 'excused',
  excused: 'excused',
  'vang cp': 'excused',
  phep: 'excused',
  vang: 'absent',
  'vang khong ly do': 'absent',
  absent: 'absent',
  khong: 'absent',
};
const fold = (s: string) => foldVietnamese(s).trim();

export const rollSheetColumns = [
  { header: 'Mã đảng viên', key: 'code', width: 16 },
  { header: 'Họ và tên', key: 'fullName', width: 28 },
  { header: 'Chi bộ', key: 'orgName', width: 30 },
  { header: 'Trạng thái', key: 'status', width: 18 },
  { header: 'Lý do', key: 'reason', width: 30 },
  { header: 'Mã điểm danh cá nhân', key: 'personalCode', width: 22 },
];

/** The roll of a point as a sheet, to print or to fill in and import back. */
export async function buildRollSheet(db: Db, actor: Actor, pointId: number) {
  const point = await loadPoint(db, actor, pointId);
  const roll = await getRoll(db, actor, pointId, { filter: 'all', page: 1, pageSize: 200_000 });
  const body = await buildSheet(
    'Điểm danh',
    rollSheetColumns,
    roll.items.map((r) => ({
      ...r,
      status: r.status ? attendanceStatusLabels[r.status] : '',
      reason: r.reason ?? '',
      personalCode: r.personalCode ?? '',
    })),
  );
  return { body, name: point.name };
}

/**
 * Imports a roll-call sheet (columns "Mã đảng viên", "Trạng thái", "Lý do"): all rows or none.
 * Rows with an empty status are skipped; errors name the row.
 */
export async function importRollCall(db: Db, actor: Actor, pointId: number, file: Buffer) {
  // Read off the request thread, within the small-sheet limits (parse-file.ts).
  const sheet = await readSheetRows(file, SMALL_SHEET, { vi: 'Tệp không phải bảng tính .xlsx hợp lệ.', en: 'Not a valid .xlsx file.' });
  if (sheet.length === 0) throw new AppError('validation_failed', { vi: 'Bảng tính trống.', en: 'The workbook is empty.' });
  const header = (sheet[0]!.rowNo === 1 ? sheet[0]!.cells : []).map((v) => fold(v));
  const col = (name: string) => header.findIndex((h) => h === name);
  const codeCol = col('ma dang vien');
  const statusCol = col('trang thai');
  const reasonCol = col('ly do');
  if (codeCol < 0 || statusCol < 0) {
    throw new AppError('validation_failed', {
      vi: 'Bảng tính cần các cột "Mã đảng viên" và "Trạng thái".',
      en: 'The sheet needs the columns "Mã đảng viên" and "Trạng thái".',
    });
  }
  const entries: { row: number; code: string; status: AttendanceStatus; reason: string | null }[] = [];
  const errors: { row: number; message: string }[] = [];
  for (const { rowNo: n, cells } of sheet) {
    if (n === 1) continue;
    const code = cells[codeCol] ?? '';
    const statusText = fold(cells[statusCol] ?? '');
    const reason = reasonCol >= 0 ? (cells[reasonCol] ?? '') || null : null;
    if (!code && !statusText) continue;
    if (!statusText) continue;
    const status = statusByText[statusText];
    if (!code) errors.push({ row: n, message: 'Thiếu mã đảng viên.' });
    else if (!status)
      errors.push({ row: n, message: `Trạng thái "${cells[statusCol] ?? ''}" không rõ (Có mặt / Vắng có lý do / Vắng không lý do).` });
    else if (status === 'excused' && !reason) errors.push({ row: n, message: 'Vắng có lý do thì phải ghi lý do.' });
    else entries.push({ row: n, code, status, reason });
  }
  return inTransaction(db, async (tx) => {
    const point = await loadPoint(tx, actor, pointId);
    requirePointManage(actor, point);
    const { rows } = await tx.query<{ code: string; id: number }>(
      `SELECT m.code, m.id FROM members m JOIN orgs mo ON mo.id = m.org_id WHERE m.code = ANY($1::text[]) AND ${inScopeSql('mo.path', '$2')}`,
      [entries.map((e) => e.code), scopeOf(actor, 'study.write')],
    );
    const idByCode = new Map(rows.map((r) => [r.code, r.id]));
    for (const e of entries) if (!idByCode.has(e.code)) errors.push({ row: e.row, message: `Không có đảng viên mã ${e.code}.` });
    if (errors.length > 0) {
      errors.sort((a, b) => a.row - b.row);
      throw new AppError(
        'validation_failed',
        {
          vi: `Bảng điểm danh có ${errors.length} dòng lỗi; chưa ghi dòng nào.`,
          en: `${errors.length} rows have errors; nothing was written.`,
        },
        { rows: errors.slice(0, 200) },
      );
    }
    const byMember = new Map(entries.map((e) => [idByCode.get(e.code)!, e]));
    await applyMarks(
      tx,
      actor,
      pointId,
      point.sessionId,
      [...byMember].map(([memberId, e]) => ({ memberId, status: e.status, reason: e.reason })),
      'import',
    );
    await recordAudit(tx, actor, {
      action: 'import_roll',
      entity: 'bridge_point',
      entityId: pointId,
      orgId: point.orgId,
      orgPath: point.orgPath,
      summary: `Nhập bảng điểm danh ${byMember.size} đảng viên tại ${point.name}`,
    });
    return { applied: byMember.size };
  });
}
