import type { Db } from '../../db/pool';
import { inTransaction } from '../../db/pool';
import { requireMemberImport } from './members.policy';
import {
  genderLabels,
  givenNameOf,
  memberStatusLabels,
  normalizeFullName,
  parseGender,
  parseMemberStatus,
  parseVnDate,
  parseYesNo,
  type Gender,
  type MemberStatus,
} from '../../../domain/members/member-fields';
import { inScopeSql, scopeOf, type Actor } from '../../lib/actor';
import { AppError, notFound } from '../../lib/errors';
import { readSheetRows } from '../../lib/parse-file';
import { findOrgInScope } from '../orgs';
import { MEMBER_HOLDING_KINDS } from './members.queries';
import { matchHeaders, memberSheetColumns, type MemberSheetKey } from './members.sheet';
import { formatVnDate, vnToday } from '../../../domain/vn-time';
import { formatVnNumber } from '../../../domain/vn-number';

export const MAX_IMPORT_ROWS = 200_000;
// A 100,000-row import needs about 1 GB in ExcelJS's whole-file reader: the worker gets 1.5 GB
// at most, and the zip may declare up to 300 MB of XML.
const MEMBER_SHEET_LIMITS = {
  maxRows: MAX_IMPORT_ROWS,
  maxEntries: 500,
  maxTotalBytes: 300 * 1024 * 1024,
  timeMs: 180_000,
  memoryMb: 1536,
};

type ParsedMember = {
  code: string;
  fullName: string;
  givenName: string;
  gender: Gender;
  birthDate: string | null;
  joinedDate: string | null;
  status: MemberStatus;
  isNonStateEnterprise: boolean;
  phone: string | null;
  email: string | null;
};
type StagedRow = {
  row: number;
  action: 'create' | 'update' | 'unchanged' | 'error';
  code: string | null;
  fullName: string | null;
  orgCode: string | null;
  orgId: number | null;
  memberId: number | null;
  memberVersion: number | null;
  data: (ParsedMember & { orgId: number }) | null;
  errors: string[];
  changes: string[];
};

const fieldLabels: Record<string, string> = Object.fromEntries(memberSheetColumns.map((c) => [c.key, c.header]));

/**
 * Reads the first sheet of an .xlsx as rows of text keyed by our column keys.
 * The whole-file reader, not ExcelJS's streaming one: the streaming reader decodes each
 * inflated chunk on its own and garbles a Vietnamese letter split across two chunks.
 */
async function readSheet(file: Buffer): Promise<{ rowNo: number; cells: Partial<Record<MemberSheetKey, string>> }[]> {
  // Refused by the sheet's declared dimension before anything is read; then read in the parse worker.
  const rows = await readSheetRows(file, MEMBER_SHEET_LIMITS, {
    vi: 'Không đọc được tệp Excel (.xlsx). Hãy kiểm tra lại tệp.',
    en: 'The file is not a readable .xlsx workbook.',
  });
  if (rows.length === 0) throw new AppError('validation_failed', { vi: 'Tệp trống.', en: 'The file is empty.' });
  if (rows.length - 1 > MAX_IMPORT_ROWS) {
    throw new AppError('payload_too_large', {
      vi: `Tệp có hơn ${formatVnNumber(MAX_IMPORT_ROWS)} dòng; hãy chia nhỏ.`,
      en: `More than ${MAX_IMPORT_ROWS} rows; split the file.`,
    });
  }
  const headers = matchHeaders(rows[0]?.rowNo === 1 ? rows[0].cells : []);
  const missing = (['code', 'fullName'] as const).filter((k) => !headers.has(k));
  if (missing.length > 0) {
    throw new AppError('validation_failed', {
      vi: `Tệp thiếu cột bắt buộc: ${missing.map((k) => fieldLabels[k]).join(', ')}. Hãy dùng tệp mẫu.`,
      en: `Missing required columns: ${missing.join(', ')}. Use the template.`,
    });
  }
  const out: { rowNo: number; cells: Partial<Record<MemberSheetKey, string>> }[] = [];
  for (const { rowNo, cells: values } of rows) {
    if (rowNo === 1) continue;
    const cells: Partial<Record<MemberSheetKey, string>> = {};
    for (const [key, index] of headers) cells[key] = values[index] ?? '';
    if (Object.values(cells).every((v) => !v)) continue;
    out.push({ rowNo, cells });
  }
  return out;
}

// Read once per import: the date does not change between rows, and Date is not free.
let todayCache = { at: 0, iso: '' };
const today = () => {
  if (Date.now() - todayCache.at > 60_000) todayCache = { at: Date.now(), iso: vnToday() };
  return todayCache.iso;
};

/** Checks one row's fields; returns the member or the reasons it is wrong, in Vietnamese. */
function parseRow(cells: Partial<Record<MemberSheetKey, string>>): { member: ParsedMember | null; errors: string[] } {
  const errors: string[] = [];
  const code = (cells.code ?? '').trim();
  if (!code) errors.push('Thiếu mã đảng viên.');
  else if (!/^[A-Za-z0-9.\-/]{3,30}$/.test(code))
    errors.push(`Mã đảng viên "${code}" không hợp lệ (3–30 ký tự: chữ không dấu, số, dấu chấm, gạch).`);
  const fullName = normalizeFullName(cells.fullName ?? '');
  if (!fullName) errors.push('Thiếu họ và tên.');
  else if (fullName.split(' ').length < 2) errors.push(`Họ và tên "${fullName}" cần có cả họ và tên.`);
  const gender = parseGender(cells.gender ?? '');
  if (!gender) errors.push(cells.gender ? `Giới tính "${cells.gender}" không hợp lệ (Nam hoặc Nữ).` : 'Thiếu giới tính (Nam hoặc Nữ).');
  const birth = parseVnDate(cells.birthDate ?? '');
  if (birth === 'invalid') errors.push(`Ngày sinh "${cells.birthDate}" không hợp lệ (dd/mm/yyyy).`);
  else if (birth && birth > today()) errors.push('Ngày sinh ở tương lai.');
  const joined = parseVnDate(cells.joinedDate ?? '');
  if (joined === 'invalid') errors.push(`Ngày vào Đảng "${cells.joinedDate}" không hợp lệ (dd/mm/yyyy).`);
  else if (joined && joined > today()) errors.push('Ngày vào Đảng ở tương lai.');
  if (birth && joined && birth !== 'invalid' && joined !== 'invalid' && joined < `${Number(birth.slice(0, 4)) + 18}${birth.slice(4)}`) {
    errors.push('Ngày vào Đảng khi chưa đủ 18 tuổi.');
  }
  const status = parseMemberStatus(cells.status ?? '');
  if (!status) errors.push(`Trạng thái "${cells.status}" không hợp lệ (Chính thức, Dự bị, Đã chuyển đi, Từ trần).`);
  const nonState = parseYesNo(cells.nonState ?? '');
  if (nonState === null) errors.push(`Cột "DN ngoài khu vực Nhà nước" phải là Có hoặc để trống (đang là "${cells.nonState}").`);
  const phone = (cells.phone ?? '').trim();
  if (phone && !/^[0-9 +().-]{8,20}$/.test(phone)) errors.push(`Số điện thoại "${phone}" không hợp lệ.`);
  const email = (cells.email ?? '').trim();
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.push(`Email "${email}" không hợp lệ.`);
  if (errors.length > 0) return { member: null, errors };
  return {
    member: {
      code,
      fullName,
      givenName: givenNameOf(fullName),
      gender: gender!,
      birthDate: birth as string | null,
      joinedDate: joined as string | null,
      status: status!,
      isNonStateEnterprise: nonState!,
      phone: phone || null,
      email: email || null,
    },
    errors,
  };
}

const comparedFields = [
  'fullName',
  'gender',
  'birthDate',
  'joinedDate',
  'status',
  'isNonStateEnterprise',
  'phone',
  'email',
  'orgId',
] as const;
const changeLabels: Record<(typeof comparedFields)[number], string> = {
  fullName: 'Họ và tên',
  gender: 'Giới tính',
  birthDate: 'Ngày sinh',
  joinedDate: 'Ngày vào Đảng',
  status: 'Trạng thái',
  isNonStateEnterprise: 'DN ngoài khu vực Nhà nước',
  phone: 'Điện thoại',
  email: 'Email',
  orgId: 'Chi bộ',
};

/** A value as the preview shows it to an office worker: labels, dd/mm/yyyy, cell codes. */
function shown(field: (typeof comparedFields)[number], value: unknown, orgCodes?: Map<number, string>): string {
  if (value === null || value === undefined || value === '') return '—';
  switch (field) {
    case 'gender':
      return genderLabels[value as Gender]?.vi ?? String(value);
    case 'status':
      return memberStatusLabels[value as MemberStatus]?.vi ?? String(value);
    case 'isNonStateEnterprise':
      return value ? 'Có' : 'Không';
    case 'birthDate':
    case 'joinedDate':
      return formatVnDate(String(value));
    case 'orgId':
      return orgCodes?.get(Number(value)) ?? String(value);
    default:
      return String(value);
  }
}

/**
 * Reads the file and stages every row as create, update, unchanged or error, under the org
 * (rows may name a cell of its subtree in "Mã chi bộ"). Writes no member: that is `commitImport`.
 */
export async function previewImport(db: Db, actor: Actor, orgId: number, fileName: string, file: Buffer) {
  const scope = scopeOf(actor, 'members.write');
  const root = await findOrgInScope(db, orgId, scopeOf(actor, 'members.read'));
  if (!root) throw notFound({ vi: 'Không tìm thấy tổ chức.', en: 'Organization not found.' });
  requireMemberImport(actor, root.path);
  const sheet = await readSheet(file);

  // Everything the rows refer to, fetched in two set queries rather than one per row.
  const { rows: orgs } = await db.query<{ id: number; code: string; kind: string; closed: boolean }>(
    `SELECT id, upper(code) AS code, kind, (valid_to IS NOT NULL AND valid_to <= current_date) AS closed
       FROM orgs WHERE path <@ $1::ltree`,
    [root.path],
  );
  const orgByCode = new Map(orgs.map((o) => [o.code, o]));
  const orgCodeById = new Map(orgs.map((o) => [o.id, o.code]));
  const codes = [...new Set(sheet.map((r) => (r.cells.code ?? '').trim()).filter(Boolean))];
  const { rows: existing } = await db.query<{
    id: number;
    code: string;
    version: number;
    inScope: boolean;
    fullName: string;
    gender: string;
    birthDate: string | null;
    joinedDate: string | null;
    status: string;
    isNonStateEnterprise: boolean;
    phone: string | null;
    email: string | null;
    orgId: number;
  }>(
    `SELECT m.id, m.code, m.version, ${inScopeSql('o.path', '$2')} AND o.path <@ $3::ltree AS "inScope",
            m.full_name AS "fullName", m.gender, to_char(m.birth_date, 'YYYY-MM-DD') AS "birthDate",
            to_char(m.joined_date, 'YYYY-MM-DD') AS "joinedDate", m.status, m.is_non_state_enterprise AS "isNonStateEnterprise",
            m.phone, m.email, m.org_id AS "orgId"
       FROM members m JOIN orgs o ON o.id = m.org_id WHERE m.code = ANY($1::text[])`,
    [codes, scope, root.path],
  );
  const existingByCode = new Map(existing.map((m) => [m.code, m]));

  const seen = new Map<string, number>();
  const staged: StagedRow[] = sheet.map(({ rowNo, cells }) => {
    const { member, errors } = parseRow(cells);
    const orgCode = (cells.orgCode ?? '').trim() || root.code;
    const org = orgByCode.get(orgCode.toUpperCase());
    if (!org) errors.push(`Mã chi bộ "${orgCode}" không có trong ${root.name}.`);
    else if (!MEMBER_HOLDING_KINDS.includes(org.kind)) errors.push(`"${orgCode}" không phải chi bộ hoặc tổ chức cơ sở đảng.`);
    else if (org.closed) errors.push(`Chi bộ "${orgCode}" đã giải thể.`);
    const code = (cells.code ?? '').trim() || null;
    if (code) {
      const first = seen.get(code);
      if (first !== undefined) errors.push(`Mã đảng viên "${code}" trùng với dòng ${first}.`);
      else seen.set(code, rowNo);
    }
    const current = code ? existingByCode.get(code) : undefined;
    if (current && !current.inScope) errors.push(`Mã đảng viên "${code}" đã thuộc một tổ chức khác ngoài phạm vi của bạn.`);
    const base = {
      row: rowNo,
      code,
      fullName: member?.fullName ?? (cells.fullName || null),
      orgCode,
      orgId: org?.id ?? null,
      memberId: current?.id ?? null,
      memberVersion: current?.version ?? null,
    };
    if (errors.length > 0 || !member || !org) return { ...base, action: 'error', data: null, errors, changes: [] };
    const data = { ...member, orgId: org.id };
    if (!current) return { ...base, action: 'create', data, errors: [], changes: [] };
    const changes = comparedFields
      .filter((f) => (data[f] ?? null) !== (current[f] ?? null))
      .map((f) => `${changeLabels[f]}: ${shown(f, current[f], orgCodeById)} → ${shown(f, data[f], orgCodeById)}`);
    return { ...base, action: changes.length > 0 ? 'update' : 'unchanged', data, errors: [], changes };
  });

  const importId = await inTransaction(db, async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      'INSERT INTO member_imports (user_id, org_id, file_name) VALUES ($1, $2, $3) RETURNING id',
      [actor.userId, root.id, fileName],
    );
    const id = rows[0]!.id;
    // One JSON document per 20,000 rows: PostgreSQL parses it far faster than pg can escape
    // eleven 100,000-element array parameters.
    for (let i = 0; i < staged.length; i += 20_000) {
      const chunk = staged.slice(i, i + 20_000);
      await tx.query(
        `INSERT INTO member_import_rows (import_id, row_no, action, code, full_name, org_code, org_id, member_id, member_version, data, errors, changes)
         SELECT $1, r.row, r.action, r.code, r."fullName", r."orgCode", r."orgId", r."memberId", r."memberVersion", r.data, r.errors, r.changes
           FROM jsonb_to_recordset($2::jsonb) AS r(row int, action text, code text, "fullName" text, "orgCode" text, "orgId" bigint,
                "memberId" bigint, "memberVersion" int, data jsonb, errors jsonb, changes jsonb)`,
        [id, JSON.stringify(chunk)],
      );
    }
    return id;
  });

  const counts = { total: staged.length, create: 0, update: 0, unchanged: 0, error: 0 };
  for (const r of staged) counts[r.action] += 1;
  const order = { error: 0, create: 1, update: 2, unchanged: 3 } as const;
  const rows = [...staged]
    .sort((a, b) => order[a.action] - order[b.action] || a.row - b.row)
    .slice(0, 100)
    .map(({ row, action, code, fullName, orgCode, errors, changes }) => ({ row, action, code, fullName, orgCode, errors, changes }));
  return { importId, fileName, counts, rows };
}

async function loadImport(db: Db, actor: Actor, importId: string) {
  const { rows } = await db.query<{ id: string; org_id: number; status: string; user_id: number | null; age_s: number }>(
    `SELECT id, org_id, status, user_id, extract(epoch FROM now() - created_at)::int AS age_s FROM member_imports WHERE id = $1`,
    [importId],
  );
  const imp = rows[0];
  // Another user's preview is not yours to see or commit.
  if (!imp || imp.user_id !== actor.userId) throw notFound({ vi: 'Không tìm thấy lần nhập này.', en: 'Import not found.' });
  return imp;
}

export async function findImportRows(db: Db, actor: Actor, importId: string, filter: string, page: number, pageSize: number) {
  await loadImport(db, actor, importId);
  const where = filter === 'all' ? '' : 'AND action = $2';
  const params: unknown[] = filter === 'all' ? [importId] : [importId, filter];
  const [{ rows }, { rows: count }] = await Promise.all([
    db.query(
      `SELECT row_no AS row, action, code, full_name AS "fullName", org_code AS "orgCode", errors, changes
         FROM member_import_rows WHERE import_id = $1 ${where} ORDER BY row_no LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM member_import_rows WHERE import_id = $1 ${where}`, params),
  ]);
  return { items: rows, total: count[0]?.n ?? 0, page, pageSize };
}

const stale = () =>
  new AppError('conflict', {
    vi: 'Dữ liệu đã thay đổi kể từ lúc xem trước (có đảng viên vừa được thêm hoặc sửa). Hãy tải tệp lên lại để xem trước.',
    en: 'Members changed since the preview. Upload the file again.',
  });

/**
 * Writes the previewed rows: all or nothing, in one transaction. Refuses a preview with errors,
 * one already committed, one older than an hour, or one whose members changed since.
 */
export async function commitImport(db: Db, actor: Actor, importId: string) {
  const imp = await loadImport(db, actor, importId);
  if (imp.status === 'committed') throw new AppError('conflict', { vi: 'Tệp này đã được nhập.', en: 'This import was already committed.' });
  if (imp.age_s > 3600)
    throw new AppError('conflict', { vi: 'Bản xem trước đã quá 1 giờ; hãy tải tệp lên lại.', en: 'The preview expired; upload again.' });
  return inTransaction(db, async (tx) => {
    const { rows: locked } = await tx.query<{ status: string }>('SELECT status FROM member_imports WHERE id = $1 FOR UPDATE', [importId]);
    if (locked[0]?.status !== 'previewed')
      throw new AppError('conflict', { vi: 'Tệp này đã được nhập.', en: 'This import was already committed.' });
    const { rows: errs } = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM member_import_rows WHERE import_id = $1 AND action = 'error'`,
      [importId],
    );
    if ((errs[0]?.n ?? 0) > 0) {
      throw new AppError('conflict', {
        vi: `Còn ${errs[0]!.n} dòng lỗi. Hãy sửa tệp rồi tải lên lại; chưa có dữ liệu nào được ghi.`,
        en: 'Fix the rows with errors first; nothing was written.',
      });
    }
    const { rows: org } = await tx.query<{ path: string; name: string }>('SELECT path::text AS path, name FROM orgs WHERE id = $1', [
      imp.org_id,
    ]);
    let created: number;
    try {
      const res = await tx.query(
        `INSERT INTO members (org_id, code, full_name, given_name, gender, birth_date, joined_date, status, is_non_state_enterprise, phone, email)
         SELECT (d->>'orgId')::bigint, d->>'code', d->>'fullName', d->>'givenName', d->>'gender', (d->>'birthDate')::date, (d->>'joinedDate')::date,
                d->>'status', (d->>'isNonStateEnterprise')::boolean, d->>'phone', d->>'email'
           FROM member_import_rows r, LATERAL (SELECT r.data AS d) x
          WHERE r.import_id = $1 AND r.action = 'create' ORDER BY r.row_no`,
        [importId],
      );
      created = res.rowCount ?? 0;
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw stale();
      throw err;
    }
    const { rows: toUpdate } = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM member_import_rows WHERE import_id = $1 AND action = 'update'`,
      [importId],
    );
    const upd = await tx.query(
      `UPDATE members m SET org_id = (d->>'orgId')::bigint, full_name = d->>'fullName', given_name = d->>'givenName', gender = d->>'gender',
              birth_date = (d->>'birthDate')::date, joined_date = (d->>'joinedDate')::date, status = d->>'status',
              is_non_state_enterprise = (d->>'isNonStateEnterprise')::boolean, phone = d->>'phone', email = d->>'email',
              version = m.version + 1, updated_at = now()
         FROM (SELECT member_id, member_version, data AS d FROM member_import_rows WHERE import_id = $1 AND action = 'update') r
        WHERE m.id = r.member_id AND m.version = r.member_version`,
      [importId],
    );
    if ((upd.rowCount ?? 0) !== (toUpdate[0]?.n ?? 0)) throw stale();
    // One audit row per member written, in the same transaction, with what it became.
    await tx.query(
      `INSERT INTO audit_log (actor_id, actor_name, ip, action, entity, entity_id, org_id, org_path, summary, before, after)
       SELECT $2, $3, $4, CASE r.action WHEN 'create' THEN 'import_create' ELSE 'import_update' END, 'member', m.id::text,
              o.id, o.path, 'Nhập từ tệp: ' || m.full_name || ' (' || m.code || ')',
              CASE WHEN r.action = 'update' THEN r.changes END, r.data
         FROM member_import_rows r JOIN members m ON m.code = r.code JOIN orgs o ON o.id = m.org_id
        WHERE r.import_id = $1 AND r.action IN ('create', 'update')`,
      [importId, actor.userId, actor.fullName, actor.ip],
    );
    await tx.query(
      `INSERT INTO audit_log (actor_id, actor_name, ip, action, entity, entity_id, org_id, org_path, summary, after)
       VALUES ($1, $2, $3, 'import', 'member_import', $4, $5, $6::ltree, $7, $8)`,
      [
        actor.userId,
        actor.fullName,
        actor.ip,
        importId,
        imp.org_id,
        org[0]?.path ?? null,
        `Nhập đảng viên từ tệp vào ${org[0]?.name ?? ''}: ${created} thêm mới, ${upd.rowCount} cập nhật`,
        JSON.stringify({ created, updated: upd.rowCount }),
      ],
    );
    await tx.query(`UPDATE member_imports SET status = 'committed', committed_at = now() WHERE id = $1`, [importId]);
    await tx.query('DELETE FROM member_import_rows WHERE import_id = $1', [importId]);
    return { created, updated: upd.rowCount ?? 0 };
  });
}
