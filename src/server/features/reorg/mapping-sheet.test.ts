import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import { buildMember, buildOrg, buildUser, type TestOrg } from '../../test/factories';
import { anonymous, buildTestApp, loginAs, multipartBody, type TestClient } from '../../test/http';

// Two wards of Dĩ An merge into one new ward (the district level going away, 01/07/2025); the
// mapping of their cells and of the roles on them goes out as a template and comes back filled.

let app: App;
let db: Db;
let drop: () => Promise<void>;
let central: TestOrg, bd: TestOrg, hcm: TestOrg, wardA: TestOrg, wardB: TestOrg, cellA: TestOrg, cellB: TestOrg;
let admin: TestClient, bdManager: TestClient, hcmManager: TestClient, viewer: TestClient;
let keptRoleId: number, endedRoleId: number;
const decision = 'Quyết định số 1685/QĐ-UBND ngày 16/6/2025';

const merge = (extra: Record<string, unknown> = {}) => ({
  kind: 'merge',
  effectiveDate: '2025-07-01',
  decision,
  sourceOrgIds: [wardA.id, wardB.id],
  targetOrgIds: [],
  newOrg: { parentId: bd.id, code: 'DA-MOI', name: 'Đảng ủy phường Dĩ An (mới)', kind: 'commune_committee' },
  ...extra,
});

type Row = [string, string, string, string, number | null, string];

async function template(client: TestClient, body: Record<string, unknown> = merge()) {
  const res = await client.post('/api/reorg/mapping-sheet', body);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb;
}

const rowsOf = (ws: ExcelJS.Worksheet) => {
  const out: Row[] = [];
  ws.eachRow((row, n) => {
    if (n > 1) out.push(Array.from({ length: 6 }, (_, i) => row.getCell(i + 1).value ?? null) as Row);
  });
  return out;
};

async function sheetOf(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Phân bổ');
  ws.addRow(['Loại dòng', 'Mã', 'Tên', 'Hiện thuộc', 'Số đảng viên', 'Chuyển về (mã đơn vị)']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** `request` null: the file comes alone. */
async function read(client: TestClient, file: Buffer, request: unknown = merge()) {
  const { body, contentType } = multipartBody(request === null ? {} : { request: JSON.stringify(request) }, {
    field: 'file',
    name: 'bang-phan-bo.xlsx',
    content: file,
  });
  return client.request('POST', '/api/reorg/mapping-sheet/read', body, { 'content-type': contentType });
}

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
  central = await buildOrg(db, { name: 'Trung ương', kind: 'central' });
  bd = await buildOrg(db, { parent: central, code: 'BD', name: 'Tỉnh ủy Bình Dương', kind: 'province_committee' });
  hcm = await buildOrg(db, { parent: central, code: 'HCM', name: 'Thành ủy Thành phố Hồ Chí Minh', kind: 'province_committee' });
  wardA = await buildOrg(db, { parent: bd, code: 'DA-1', name: 'Đảng ủy phường An Bình', kind: 'commune_committee' });
  wardB = await buildOrg(db, { parent: bd, code: 'DA-2', name: 'Đảng ủy phường Bình An', kind: 'commune_committee' });
  cellA = await buildOrg(db, { parent: wardA, code: 'DA-1-KP1', name: 'Chi bộ khu phố 1' });
  cellB = await buildOrg(db, { parent: wardB, code: 'DA-2-KP1', name: 'Chi bộ khu phố Bình Đường' });
  await buildOrg(db, { parent: hcm, code: 'HCM-SG', name: 'Đảng ủy phường Sài Gòn', kind: 'commune_committee' });
  for (let i = 0; i < 3; i++) await buildMember(db, cellA);
  for (let i = 0; i < 2; i++) await buildMember(db, cellB);
  await db.query(`UPDATE orgs SET valid_from = '2020-01-01'`);
  await db.query(`UPDATE org_versions SET valid_from = '2020-01-01'`);
  const a = await buildUser(db, [{ org: central, role: 'admin' }]);
  admin = await loginAs(app, a.username, a.password);
  const m = await buildUser(db, [{ org: bd, role: 'manager' }]);
  bdManager = await loginAs(app, m.username, m.password);
  const h = await buildUser(db, [{ org: hcm, role: 'manager' }]);
  hcmManager = await loginAs(app, h.username, h.password);
  const v = await buildUser(db, [{ org: bd, role: 'viewer' }]);
  viewer = await loginAs(app, v.username, v.password);
  const kept = await buildUser(db, [{ org: wardA, role: 'manager' }]);
  const ended = await buildUser(db, [{ org: wardB, role: 'reporter' }]);
  const ids = async (userId: number) =>
    (await db.query<{ id: number }>('SELECT id::int FROM user_roles WHERE user_id = $1', [userId])).rows[0]!.id;
  keptRoleId = await ids(kept.id);
  endedRoleId = await ids(ended.id);
});
afterAll(async () => {
  await app.close();
  await drop();
});

describe('the mapping template', () => {
  it('lists every cell and role of the operation with where each goes now, and the destinations to choose from', async () => {
    const wb = await template(bdManager);
    const rows = rowsOf(wb.getWorksheet('Phân bổ')!);
    expect(rows).toEqual([
      ['Tổ chức trực thuộc', 'DA-1-KP1', 'Chi bộ khu phố 1', 'Đảng ủy phường An Bình', 3, 'DA-MOI'],
      ['Tổ chức trực thuộc', 'DA-2-KP1', 'Chi bộ khu phố Bình Đường', 'Đảng ủy phường Bình An', 2, 'DA-MOI'],
      ...[
        ['Vai trò', `VT-${keptRoleId}`, expect.stringContaining('Quản lý'), 'Đảng ủy phường An Bình', null, null],
        ['Vai trò', `VT-${endedRoleId}`, expect.stringContaining('Cán bộ báo cáo'), 'Đảng ủy phường Bình An', null, null],
      ].sort((x, y) => String(x[1]).localeCompare(String(y[1]))),
    ]);
    // The members moving, recounted from the members table, equal the template's figures.
    const { rows: counts } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM members WHERE org_id = ANY($1::bigint[])`, [
      [cellA.id, cellB.id],
    ]);
    expect(rows.filter((r) => r[0] === 'Tổ chức trực thuộc').reduce((s, r) => s + (r[4] ?? 0), 0)).toBe(counts[0]!.n);
    const ws = wb.getWorksheet('Phân bổ')!;
    expect(ws.getCell('F2').dataValidation).toMatchObject({ type: 'list' });
    const choices = rowsOf(wb.getWorksheet('Đơn vị nhận')!).map((r) => r[0]);
    expect(choices.slice(0, 3)).toEqual(['DA-MOI', 'DA-1-KP1', 'DA-2-KP1']);
  });

  it('answers 404 for an operation on orgs outside the caller’s subtree, 403 to a viewer, 401 without a session, 400 naming a bad field', async () => {
    expect((await hcmManager.post('/api/reorg/mapping-sheet', merge())).statusCode).toBe(404);
    expect((await viewer.post('/api/reorg/mapping-sheet', merge())).statusCode).toBe(403);
    expect((await (await anonymous(app)).post('/api/reorg/mapping-sheet', merge())).statusCode).toBe(401);
    const bad = await bdManager.post('/api/reorg/mapping-sheet', merge({ effectiveDate: '01/07/2025' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: { field: string }) => f.field)).toContain('body.effectiveDate');
  });
});

describe('reading a filled mapping back', () => {
  it('turns the rows into the cell and role choices, and the preview then says which role ends', async () => {
    const wb = await template(bdManager);
    const ws = wb.getWorksheet('Phân bổ')!;
    ws.eachRow((row, n) => {
      // Keep the ward manager's role on the new ward; leave the reporter's blank: it ends.
      if (n > 1 && row.getCell(2).text === `VT-${keptRoleId}`) row.getCell(6).value = 'da-moi';
    });
    const res = await read(bdManager, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.statusCode, res.body).toBe(200);
    const sheet = res.json();
    expect(sheet.rows).toBe(4);
    expect(sheet.mapping).toEqual([
      { fromOrgId: cellA.id, toOrgId: 0 },
      { fromOrgId: cellB.id, toOrgId: 0 },
    ]);
    expect(sheet.roleMapping).toEqual(
      expect.arrayContaining([
        { userRoleId: keptRoleId, toOrgId: 0 },
        { userRoleId: endedRoleId, toOrgId: null },
      ]),
    );
    const before = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM reorg_operations')).rows[0]!.n;
    const preview = (await bdManager.post('/api/reorg/preview', merge(sheet))).json();
    const role = (id: number) => preview.roles.find((r: { userRoleId: number }) => r.userRoleId === id);
    expect(role(keptRoleId)).toMatchObject({ toOrgId: 0, toOrgName: 'Đảng ủy phường Dĩ An (mới)' });
    expect(role(endedRoleId)).toMatchObject({ toOrgId: null, toOrgName: null });
    // Reading and previewing wrote nothing.
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM reorg_operations')).rows[0]!.n).toBe(before);
  });

  it('moves a cell to an existing org named by its code, ignoring case', async () => {
    const file = await sheetOf([
      ['Tổ chức trực thuộc', 'da-1-kp1', null, null, null, 'DA-MOI'],
      ['Tổ chức trực thuộc', 'DA-2-KP1', null, null, null, 'da-1-kp1'],
    ]);
    const res = await read(admin, file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().mapping).toEqual([
      { fromOrgId: cellA.id, toOrgId: 0 },
      { fromOrgId: cellB.id, toOrgId: cellA.id },
    ]);
  });

  it('reports every problem with its row and column and returns nothing', async () => {
    const file = await sheetOf([
      ['Chi bộ', 'DA-1-KP1', null, null, null, 'DA-MOI'],
      ['Tổ chức trực thuộc', 'DA-1-KP1', null, null, null, 'DA-MOI'],
      ['Tổ chức trực thuộc', 'DA-1-KP1', null, null, null, 'DA-MOI'],
      ['Tổ chức trực thuộc', 'KHONG-CO', null, null, null, 'DA-MOI'],
      ['Tổ chức trực thuộc', 'DA-2-KP1', null, null, null, 'HCM-SG'],
      ['Tổ chức trực thuộc', 'DA-2-KP1', null, null, null, null],
      ['Vai trò', 'VT-999999', null, null, null, null],
    ]);
    const res = await read(bdManager, file);
    expect(res.statusCode).toBe(400);
    const messages = res.json().error.details.fields.map((f: { message: string }) => f.message);
    expect(messages).toEqual([
      expect.stringMatching(/^Dòng 2, cột A: loại dòng “Chi bộ” không có/),
      'Dòng 4, cột B: trùng với dòng 3',
      'Dòng 5, cột B: mã “KHONG-CO” không phải một dòng của thao tác này',
      // Sài Gòn's ward is outside the Bình Dương manager's subtree: it reads as unknown.
      'Dòng 6, cột F: không có tổ chức mã “HCM-SG” trong phạm vi của bạn',
      'Dòng 7, cột B: trùng với dòng 6',
      'Dòng 8, cột B: vai trò “VT-999999” không thuộc thao tác này',
    ]);
    expect(res.json().error.message).toMatch(/^Bảng phân bổ chưa đúng: Dòng 2, cột A/);
  });

  it('refuses a cell row left without a destination, a sheet without its columns, and a file that is not a workbook', async () => {
    const blank = await read(admin, await sheetOf([['Tổ chức trực thuộc', 'DA-1-KP1', null, null, null, null]]));
    expect(blank.json().error.details.fields[0].message).toBe('Dòng 2, cột F: hãy ghi mã tổ chức nhận');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['Mã', 'Tên']);
    const columns = await read(admin, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(columns.statusCode).toBe(400);
    expect(columns.json().error.message).toContain('Thiếu cột: Loại dòng, Chuyển về (mã đơn vị)');
    const junk = await read(admin, Buffer.from('không phải bảng tính'));
    expect(junk.statusCode).toBe(400);
    expect(junk.json().error.message).toContain('Không đọc được tệp');
  });

  it('checks the operation sent with the file: 400 without it, 404 outside the subtree, 403 to a viewer, 401 without a session', async () => {
    const file = await sheetOf([['Tổ chức trực thuộc', 'DA-1-KP1', null, null, null, 'DA-MOI']]);
    const missing = await read(bdManager, file, null);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.fields.map((f: { field: string }) => f.field)).toContain('body.request');
    expect((await read(hcmManager, file)).statusCode).toBe(404);
    expect((await read(viewer, file)).statusCode).toBe(403);
    expect((await read(await anonymous(app), file)).statusCode).toBe(401);
  });
});

describe('confirming an operation mapped by a sheet', () => {
  it('ends the role the sheet left blank and keeps the other on the new ward', async () => {
    const file = await sheetOf([
      ['Tổ chức trực thuộc', 'DA-1-KP1', null, null, null, 'DA-MOI'],
      ['Tổ chức trực thuộc', 'DA-2-KP1', null, null, null, 'DA-MOI'],
      ['Vai trò', `VT-${keptRoleId}`, null, null, null, 'DA-MOI'],
      ['Vai trò', `VT-${endedRoleId}`, null, null, null, null],
    ]);
    const sheet = (await read(bdManager, file)).json();
    const { rows: users } = await db.query<{ userId: number; role: string }>(
      'SELECT user_id::int AS "userId", role FROM user_roles WHERE id = ANY($1::bigint[])',
      [[keptRoleId, endedRoleId]],
    );
    const op = await bdManager.post('/api/reorg/operations', merge(sheet));
    expect(op.statusCode, op.body).toBe(201);
    const { rows } = await db.query<{ role: string; name: string }>(
      `SELECT r.role, o.name FROM user_roles r JOIN orgs o ON o.id = r.org_id WHERE r.user_id = ANY($1::bigint[])`,
      [users.map((u) => u.userId)],
    );
    // The manager's grant now stands on the new ward; the reporter has none left.
    expect(rows).toEqual([{ role: 'manager', name: 'Đảng ủy phường Dĩ An (mới)' }]);
    const cells = await db.query<{ name: string }>(
      `SELECT p.name FROM orgs c JOIN orgs p ON p.id = c.parent_id WHERE c.id = ANY($1::bigint[])`,
      [[cellA.id, cellB.id]],
    );
    expect(cells.rows.map((r) => r.name)).toEqual(['Đảng ủy phường Dĩ An (mới)', 'Đảng ủy phường Dĩ An (mới)']);
  });
});
