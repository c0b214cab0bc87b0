/**
 * The mapping of an operation as a spreadsheet: a template pre-filled from the preview (every
 * child org, each source's own members and each role, with where it goes now), and the same
 * sheet read back into the cell and role choices the page previews again. Orgs are named by
 * their codes, which people know and which survive a copy between workbooks; nothing is
 * written here: the operation is still previewed and confirmed on the page.
 */
import ExcelJS from 'exceljs';
import type { Db } from '../../db/pool';
import { scopeOf, type Actor } from '../../lib/actor';
import { AppError } from '../../lib/errors';
import { readSheetRows, SMALL_SHEET } from '../../lib/parse-file';
import { safeCell } from '../../lib/xlsx';
import { foldVietnamese } from '../../../domain/vn-text';
import { roleLabels, type Role } from '../../../domain/access/permissions';
import { previewReorg } from './reorg.service';
import { findOrgsByCode, findOrgCodes } from './reorg.queries';
import type { MappingSheet, ReorgRequest } from '../../../contracts/reorg';

const SHEET = 'Phân bổ';
const CHOICES = 'Đơn vị nhận';
const HEADERS = ['Loại dòng', 'Mã', 'Tên', 'Hiện thuộc', 'Số đảng viên', 'Chuyển về (mã đơn vị)'] as const;
const ROW_KINDS = { child: 'Tổ chức trực thuộc', direct: 'Đảng viên trực thuộc', role: 'Vai trò' } as const;
type RowKind = keyof typeof ROW_KINDS;
const kindByLabel = new Map(Object.entries(ROW_KINDS).map(([k, v]) => [foldVietnamese(v), k as RowKind]));
/** A role row's code: the grant's id, marked so that it is never read as an org code. */
const roleCode = (userRoleId: number) => `VT-${userRoleId}`;

/** A destination the sheet may name besides existing orgs: the new org of a merge, the new parts of a split. */
type Destination = { toOrgId: number; toNewOrg?: number };
type NewTarget = { dest: Destination; name: string };

function newTargets(req: ReorgRequest): Map<string, NewTarget> {
  const out = new Map<string, NewTarget>();
  if (req.newOrg) out.set(req.newOrg.code.toUpperCase(), { dest: { toOrgId: 0 }, name: req.newOrg.name });
  (req.newOrgs ?? []).forEach((p, i) => out.set(p.code.toUpperCase(), { dest: { toOrgId: 0, toNewOrg: i }, name: p.name }));
  return out;
}

/** The template: the preview's rows with their current destinations, and the list of destinations. */
export async function buildMappingTemplate(db: Db, actor: Actor, req: ReorgRequest): Promise<Buffer> {
  const preview = await previewReorg(db, actor, req);
  const codes = await findOrgCodes(db, [
    ...preview.cells.flatMap((c) => [c.orgId, c.toOrgId ?? 0]),
    ...preview.roles.map((r) => r.toOrgId ?? 0),
    ...preview.targets.map((t) => t.id),
  ]);
  const fresh = [...newTargets(req)].map(([code, t]) => ({ code, ...t }));
  const codeOf = (toOrgId: number | null): string => {
    if (toOrgId === null) return '';
    // The service names new parts -1, -2, … and the new org of a merge 0 (reorg.service.ts).
    if (toOrgId < 0) return fresh.find((f) => f.dest.toNewOrg === -1 - toOrgId)?.code ?? '';
    if (toOrgId === 0) return fresh.find((f) => f.dest.toNewOrg === undefined)?.code ?? '';
    return codes.get(toOrgId) ?? '';
  };

  const wb = new ExcelJS.Workbook();
  wb.creator = 'Resolute';
  const ws = wb.addWorksheet(SHEET, {
    views: [{ state: 'frozen', ySplit: 1 }],
    // Printed for the meeting that agrees the mapping: one page wide.
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = HEADERS.map((header, i) => ({ header, width: [22, 14, 60, 36, 14, 24][i] }));
  ws.getRow(1).font = { bold: true };
  for (const c of preview.cells)
    ws.addRow(
      [
        c.isDirectMembers ? ROW_KINDS.direct : ROW_KINDS.child,
        codes.get(c.orgId) ?? '',
        c.name,
        preview.sources.find((s) => s.id === c.fromOrgId)?.name ?? '',
        c.members,
        codeOf(c.toOrgId),
      ].map(safeCell),
    );
  for (const r of preview.roles)
    ws.addRow(
      [
        ROW_KINDS.role,
        roleCode(r.userRoleId),
        `${r.fullName} (${r.username}) — ${roleLabels[r.role as Role]?.vi ?? r.role}`,
        r.orgName,
        null,
        // Blank: the role ends with the operation.
        codeOf(r.toOrgId) || null,
      ].map(safeCell),
    );

  // The destinations this operation offers; any other org of the caller's may be written too.
  const list = wb.addWorksheet(CHOICES);
  list.columns = [
    { header: 'Mã', width: 16 },
    { header: 'Tên', width: 50 },
  ];
  list.getRow(1).font = { bold: true };
  for (const f of fresh) list.addRow([safeCell(f.code), safeCell(`${f.name} (thành lập mới)`)]);
  for (const t of preview.targets) list.addRow([safeCell(t.code), safeCell(t.name)]);
  for (const c of preview.cells.filter((x) => !x.isDirectMembers)) list.addRow([safeCell(codes.get(c.orgId) ?? ''), safeCell(c.name)]);
  list.addRow([]);
  list.addRow(['', 'Có thể ghi mã của tổ chức khác trong phạm vi của mình. Vai trò: để trống cột “Chuyển về” là kết thúc vai trò.']);
  const last = list.rowCount;
  for (let row = 2; row <= ws.rowCount; row++)
    ws.getCell(row, 6).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`'${CHOICES}'!$A$2:$A$${Math.max(2, last - 2)}`],
      // A code outside the list is allowed: the server checks it against the caller's scope.
      showErrorMessage: false,
    };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

type Problem = { row: number; column: string; vi: string };

/**
 * Reads a filled template back into the request's `mapping` and `roleMapping`. Every row is
 * checked (its kind, that its code is a row of this operation, no row twice, a destination the
 * caller may name) and all problems are reported at once, each with its row and column.
 */
export async function readMappingSheet(db: Db, actor: Actor, req: ReorgRequest, file: Buffer): Promise<MappingSheet> {
  const preview = await previewReorg(db, actor, req);
  const rows = await readSheetRows(file, SMALL_SHEET, {
    vi: 'Không đọc được tệp. Hãy dùng tệp .xlsx tải từ nút “Tải bảng phân bổ”.',
    en: 'Not an .xlsx file; use the downloaded mapping template.',
  });
  const header = rows.find((r) => r.rowNo === 1)?.cells.map((c) => foldVietnamese(c)) ?? [];
  const col = (h: (typeof HEADERS)[number]) => header.indexOf(foldVietnamese(h));
  const missing = HEADERS.filter((h) => h !== 'Tên' && h !== 'Hiện thuộc' && h !== 'Số đảng viên' && col(h) < 0);
  if (missing.length > 0) throw sheetError([{ row: 1, column: missing.join(', '), vi: `Thiếu cột: ${missing.join(', ')}` }]);

  const cellCodes = await findOrgCodes(
    db,
    preview.cells.map((c) => c.orgId),
  );
  const cellByKey = new Map(preview.cells.map((c) => [`${c.isDirectMembers ? 'direct' : 'child'}:${cellCodes.get(c.orgId)}`, c]));
  const roleByCode = new Map(preview.roles.map((r) => [roleCode(r.userRoleId), r]));
  const fresh = newTargets(req);
  const body = rows.filter((r) => r.rowNo > 1 && r.cells.some((c) => c.trim() !== ''));
  const named = [...new Set(body.map((r) => (r.cells[col('Chuyển về (mã đơn vị)')] ?? '').trim().toUpperCase()))];
  const existing = await findOrgsByCode(
    db,
    named.filter((c) => c !== '' && !fresh.has(c)),
    scopeOf(actor, 'orgs.read'),
  );

  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  const out: MappingSheet = { mapping: [], roleMapping: [], rows: 0 };
  for (const { rowNo, cells } of body) {
    const get = (h: (typeof HEADERS)[number]) => (cells[col(h)] ?? '').trim();
    const kindText = get('Loại dòng');
    const kind = kindByLabel.get(foldVietnamese(kindText));
    if (!kind) {
      problems.push({
        row: rowNo,
        column: 'A',
        vi: `loại dòng “${kindText}” không có; ghi một trong: ${Object.values(ROW_KINDS).join(', ')}`,
      });
      continue;
    }
    const code = get('Mã').toUpperCase();
    const key = `${kind}:${code}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push({ row: rowNo, column: 'B', vi: `trùng với dòng ${earlier}` });
      continue;
    }
    seen.set(key, rowNo);
    const toText = get('Chuyển về (mã đơn vị)').toUpperCase();
    // null: left blank; undefined: a code the caller may not name.
    const target: Destination | null | undefined =
      toText === '' ? null : (fresh.get(toText)?.dest ?? (existing.has(toText) ? { toOrgId: existing.get(toText)! } : undefined));
    if (target === undefined) problems.push({ row: rowNo, column: 'F', vi: `không có tổ chức mã “${toText}” trong phạm vi của bạn` });
    if (kind === 'role') {
      const role = roleByCode.get(code);
      if (!role) problems.push({ row: rowNo, column: 'B', vi: `vai trò “${code}” không thuộc thao tác này` });
      else if (target !== undefined) out.roleMapping.push({ userRoleId: role.userRoleId, ...(target ?? { toOrgId: null }) });
    } else {
      const cell = cellByKey.get(`${kind}:${code}`);
      if (!cell) problems.push({ row: rowNo, column: 'B', vi: `mã “${code}” không phải một dòng của thao tác này` });
      else if (target === null) problems.push({ row: rowNo, column: 'F', vi: 'hãy ghi mã tổ chức nhận' });
      else if (target !== undefined) out.mapping.push({ fromOrgId: cell.orgId, ...target });
    }
    out.rows++;
  }
  if (problems.length > 0) throw sheetError(problems);
  if (out.rows === 0) throw sheetError([{ row: 2, column: 'A', vi: 'bảng phân bổ không có dòng nào' }]);
  return out;
}

function sheetError(problems: Problem[]): AppError {
  const line = (p: Problem) => `Dòng ${p.row}, cột ${p.column}: ${p.vi}`;
  const shown = problems.slice(0, 5).map(line).join('; ');
  const more = problems.length > 5 ? ` và ${problems.length - 5} lỗi khác` : '';
  return new AppError(
    'validation_failed',
    { vi: `Bảng phân bổ chưa đúng: ${shown}${more}.`, en: `The mapping sheet has ${problems.length} problem(s).` },
    { fields: problems.map((p) => ({ field: `body.file.row${p.row}.${p.column}`, message: line(p) })) },
  );
}
