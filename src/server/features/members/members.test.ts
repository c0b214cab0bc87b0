import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import { buildMember, buildOrg, buildUser, type TestOrg } from '../../test/factories';
import { buildTestApp, loginAs, multipartBody, type TestClient } from '../../test/http';
import { fixClock, realClock } from '../../test/clock';

let app: App;
let db: Db;
let drop: () => Promise<void>;
let province: TestOrg, ward: TestOrg, cellA: TestOrg, cellB: TestOrg, outside: TestOrg;
let manager: TestClient, viewer: TestClient;

beforeAll(async () => {
  const t = await createTestDb();
  ({ db, drop } = t);
  ({ app } = await buildTestApp(db));
  province = await buildOrg(db, { name: 'Tỉnh ủy' });
  ward = await buildOrg(db, { parent: province, name: 'Đảng ủy phường Dĩ An', kind: 'commune_committee', code: 'W-DIAN' });
  cellA = await buildOrg(db, { parent: ward, name: 'Chi bộ Khu phố 1', code: 'W-DIAN-KP1' });
  cellB = await buildOrg(db, { parent: ward, name: 'Chi bộ Khu phố 2', code: 'W-DIAN-KP2' });
  outside = await buildOrg(db, { parent: province, name: 'Chi bộ ngoài', code: 'OUTSIDE-1' });
  for (const name of ['Nguyễn Văn Ước', 'Trần Thị Ánh', 'Lê Văn Dũng', 'Phạm Đức Anh', 'Hồ Thị Uyên', 'Đỗ Minh Đức']) {
    await buildMember(db, cellA, { fullName: name });
  }
  await buildMember(db, outside, { fullName: 'Ngô Văn Ngoài', code: 'OUT-0001' });
  const m = await buildUser(db, [{ org: ward, role: 'manager' }]);
  manager = await loginAs(app, m.username, m.password);
  const v = await buildUser(db, [{ org: ward, role: 'viewer' }]);
  viewer = await loginAs(app, v.username, v.password);
});
afterAll(async () => {
  await app.close();
  await drop();
});

describe('member list', () => {
  it('sorts by given name in Vietnamese order', async () => {
    const res = await manager.get(`/api/members?orgId=${cellA.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((m: { givenName: string }) => m.givenName)).toEqual(['Anh', 'Ánh', 'Dũng', 'Đức', 'Uyên', 'Ước']);
  });

  it('pages, and searches without diacritics', async () => {
    const page = (await manager.get(`/api/members?pageSize=2&page=2`)).json();
    expect(page).toMatchObject({ total: 6, page: 2, pageSize: 2 });
    expect(page.items).toHaveLength(2);
    const hit = (await manager.get(`/api/members?q=${encodeURIComponent('do minh duc')}`)).json();
    expect(hit.items.map((m: { fullName: string }) => m.fullName)).toEqual(['Đỗ Minh Đức']);
    // Whole words in any order, with any spaces and punctuation; the last may be a word's start.
    const names = async (q: string) =>
      (await manager.get(`/api/members?q=${encodeURIComponent(q)}`)).json().items.map((m: { fullName: string }) => m.fullName);
    expect(await names('  ĐỨC,  do  ')).toEqual(['Đỗ Minh Đức']);
    expect(await names('minh du')).toEqual(['Đỗ Minh Đức']);
    expect(await names('min du')).toEqual([]);
    expect(await names('inh')).toEqual([]);
    expect(await names('?!')).toEqual([]);
    // A page past the last still tells how many were found.
    expect((await manager.get('/api/members?q=minh%20duc&page=3&pageSize=1')).json()).toMatchObject({ total: 1, items: [] });
  });

  it('finds a member by the start of the code, in any case', async () => {
    const [first] = (await manager.get(`/api/members?orgId=${cellA.id}`)).json().items as { code: string }[];
    const prefix = first!.code.slice(0, -1).toLowerCase();
    const hit = (await manager.get(`/api/members?q=${encodeURIComponent(prefix)}`)).json();
    expect(hit.items.map((m: { code: string }) => m.code)).toContain(first!.code);
    expect((await manager.get('/api/members?q=out-0')).json().total).toBe(0);
  });

  it('never lists members outside the scope', async () => {
    const all = (await manager.get('/api/members?pageSize=200')).json();
    expect(all.items.some((m: { code: string }) => m.code === 'OUT-0001')).toBe(false);
    expect((await manager.get(`/api/members?orgId=${outside.id}`)).statusCode).toBe(404);
  });
});

describe('editing members', () => {
  it('creates a member, with Vietnamese field errors on bad input', async () => {
    const bad = await manager.post('/api/members', { orgId: cellB.id, code: 'x', fullName: '', gender: 'other' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: { field: string }) => f.field)).toEqual(
      expect.arrayContaining(['body.code', 'body.fullName', 'body.gender']),
    );
    const young = await manager.post('/api/members', {
      orgId: cellB.id,
      code: '74.9000001',
      fullName: 'Vũ Văn Trẻ',
      gender: 'male',
      birthDate: '2010-01-01',
      joinedDate: '2020-01-01',
    });
    expect(young.statusCode).toBe(400);
    expect(young.json().error.message).toMatch(/đủ 18 tuổi/);
    const ok = await manager.post('/api/members', {
      orgId: cellB.id,
      code: '74.9000001',
      fullName: 'vũ  văn bình',
      gender: 'male',
      birthDate: '1990-05-01',
      joinedDate: '2015-02-03',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ fullName: 'Vũ Văn Bình', givenName: 'Bình', orgId: cellB.id });
    const dup = await manager.post('/api/members', { orgId: cellB.id, code: '74.9000001', fullName: 'Vũ Văn Khác', gender: 'male' });
    expect(dup.statusCode).toBe(409);
  });

  it('refuses to place a member in a committee that is not a cell', async () => {
    const res = await manager.post('/api/members', { orgId: ward.id, code: '74.9000002', fullName: 'Lý Văn Sai', gender: 'male' });
    expect(res.statusCode).toBe(400);
  });

  it('answers 409 to a stale edit and 403 to a viewer', async () => {
    const m = (await manager.get(`/api/members?orgId=${cellA.id}&pageSize=1`)).json().items[0];
    expect((await viewer.patch(`/api/members/${m.id}`, { version: m.version, phone: '0912345678' })).statusCode).toBe(403);
    expect((await manager.patch(`/api/members/${m.id}`, { version: m.version, phone: '0912345678' })).statusCode).toBe(200);
    const stale = await manager.patch(`/api/members/${m.id}`, { version: m.version, phone: '0987654321' });
    expect(stale.statusCode).toBe(409);
  });

  it('transfers a member to another cell of the scope, not outside it', async () => {
    const m = (await manager.get(`/api/members?orgId=${cellA.id}&pageSize=1`)).json().items[0];
    expect((await manager.post(`/api/members/${m.id}/transfer`, { version: m.version, toOrgId: outside.id })).statusCode).toBe(404);
    const moved = await manager.post(`/api/members/${m.id}/transfer`, { version: m.version, toOrgId: cellB.id });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().orgId).toBe(cellB.id);
    const counts = (await manager.get(`/api/orgs/${ward.id}`)).json();
    expect(counts.subtreeMemberCount).toBe(7);
  });
});

async function sheet(rows: (string | number | Date)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Đảng viên');
  ws.addRow([
    'Mã đảng viên',
    'Họ và tên',
    'Giới tính',
    'Ngày sinh',
    'Ngày vào Đảng',
    'Trạng thái',
    'Mã chi bộ',
    'DN ngoài khu vực Nhà nước',
    'Điện thoại',
    'Email',
  ]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(client: TestClient, orgId: number, content: Buffer) {
  const { body, contentType } = multipartBody({ orgId: String(orgId) }, { field: 'file', name: 'danh-sach.xlsx', content });
  return client.request('POST', '/api/members/import/preview', body, { 'content-type': contentType });
}

describe('import from .xlsx', () => {
  it('previews creates, updates and errors with reasons, and writes nothing', async () => {
    const existing = (await manager.get(`/api/members?orgId=${cellA.id}&q=Uyên`)).json().items[0];
    const file = await sheet([
      ['74.8000001', 'Nguyễn Thị Hoa', 'Nữ', '12/03/1988', '03/02/2012', 'Chính thức', 'W-DIAN-KP1', '', '0911111111', ''],
      [
        '74.8000002',
        'Trần Văn Hùng',
        'Nam',
        new Date(Date.UTC(1979, 0, 5)),
        '19/05/2005',
        'Dự bị',
        'W-DIAN-KP2',
        'Có',
        '',
        'hung@example.com',
      ],
      [existing.code, 'Hồ Thị Uyên', 'Nữ', '', '', 'Chính thức', 'W-DIAN-KP1', '', '0933333333', ''],
      ['74.8000003', 'Lê Văn Sai', 'Nam', '31/02/1990', '', 'Chính thức', 'W-DIAN-KP9', '', '', ''],
      ['OUT-0001', 'Ngô Văn Ngoài', 'Nam', '', '', '', 'W-DIAN-KP1', '', '', ''],
    ]);
    const res = await upload(manager, ward.id, file);
    expect(res.statusCode).toBe(200);
    const preview = res.json();
    expect(preview.counts).toEqual({ total: 5, create: 2, update: 1, unchanged: 0, error: 2 });
    const bad = preview.rows.find((r: { row: number }) => r.row === 5);
    expect(bad.errors).toEqual(
      expect.arrayContaining([
        'Ngày sinh "31/02/1990" không hợp lệ (dd/mm/yyyy).',
        'Mã chi bộ "W-DIAN-KP9" không có trong Đảng ủy phường Dĩ An.',
      ]),
    );
    expect(preview.rows.find((r: { row: number }) => r.row === 6).errors[0]).toMatch(/ngoài phạm vi/);
    expect(preview.rows.find((r: { row: number }) => r.row === 4).changes).toEqual(['Giới tính: Nam → Nữ', 'Điện thoại: — → 0933333333']);
    // Nothing written yet, and a preview with errors cannot be committed: all or nothing.
    expect((await manager.get('/api/members?q=Hoa')).json().total).toBe(0);
    const commit = await manager.post(`/api/members/import/${preview.importId}/commit`);
    expect(commit.statusCode).toBe(409);
    expect((await manager.get('/api/members?q=Hoa')).json().total).toBe(0);
    const errors = (await manager.get(`/api/members/import/${preview.importId}/rows?filter=error`)).json();
    expect(errors.total).toBe(2);
  });

  it('commits a clean preview in one go and records each member in the audit log', async () => {
    const file = await sheet([
      ['74.8100001', 'Phan Thị Mai', 'Nữ', '01/01/1990', '02/09/2015', 'Chính thức', 'W-DIAN-KP1', '', '', ''],
      ['74.8100002', 'Bùi Văn Sơn', 'Nam', '01/01/1985', '02/09/2010', 'Chính thức', '', '', '', ''],
    ]);
    // The second row names no cell: it goes to the org chosen for the import, which must hold members.
    const toWard = (await upload(manager, ward.id, file)).json();
    expect(toWard.counts.error).toBe(1);
    const preview = (await upload(manager, cellA.id, file)).json();
    expect(preview.counts).toMatchObject({ create: 2, error: 0 });
    const commit = await manager.post(`/api/members/import/${preview.importId}/commit`);
    expect(commit.statusCode).toBe(200);
    expect(commit.json()).toEqual({ created: 2, updated: 0 });
    expect((await manager.post(`/api/members/import/${preview.importId}/commit`)).statusCode).toBe(409);
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'import_create'`);
    expect(rows[0].n).toBe(2);
  });

  it('refuses a commit when a member changed after the preview', async () => {
    const m = (await manager.get(`/api/members?q=${encodeURIComponent('Phan Thị Mai')}`)).json().items[0];
    const preview = (
      await upload(
        manager,
        ward.id,
        await sheet([[m.code, 'Phan Thị Mai', 'Nữ', '01/01/1990', '02/09/2015', 'Dự bị', 'W-DIAN-KP1', '', '', '']]),
      )
    ).json();
    expect(preview.counts.update).toBe(1);
    await manager.patch(`/api/members/${m.id}`, { version: m.version, phone: '0900000000' });
    const commit = await manager.post(`/api/members/import/${preview.importId}/commit`);
    expect(commit.statusCode).toBe(409);
    expect((await manager.get(`/api/members/${m.id}`)).json().status).toBe('official');
  });

  it('rejects a file that is not a workbook, or lacks the required columns, in Vietnamese', async () => {
    const junk = await upload(manager, ward.id, Buffer.from('not a spreadsheet'));
    expect(junk.statusCode).toBe(400);
    expect(junk.json().error.message).toMatch(/Không đọc được tệp Excel/);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['Tên', 'Tuổi']);
    const noCols = await upload(manager, ward.id, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(noCols.statusCode).toBe(400);
    expect(noCols.json().error.message).toMatch(/thiếu cột bắt buộc: Mã đảng viên, Họ và tên/i);
  });

  it('does not let a viewer import', async () => {
    expect((await upload(viewer, ward.id, await sheet([]))).statusCode).toBe(403);
  });
});

describe('export to .xlsx', () => {
  it('exports the filtered list with Vietnamese headers and values', async () => {
    const res = await manager.get(`/api/members/export?orgId=${cellB.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('Mã đảng viên');
    const names = [];
    for (let r = 2; r <= ws.rowCount; r += 1) names.push(ws.getRow(r).getCell(2).value);
    expect(names).toContain('Vũ Văn Bình');
  });
});

describe('dates by Vietnam’s calendar', () => {
  it('takes today by Vietnam’s calendar: at 23:30 UTC a member who joined "today" there is not in the future', async () => {
    fixClock('2026-03-01T23:30:00Z');
    try {
      const res = await manager.post('/api/members', {
        orgId: cellB.id,
        code: '74.9000009',
        fullName: 'Mai Văn Sớm',
        gender: 'male',
        birthDate: '1990-01-01',
        joinedDate: '2026-03-02',
      });
      expect(res.statusCode).toBe(201);
      const later = await manager.post('/api/members', {
        orgId: cellB.id,
        code: '74.9000010',
        fullName: 'Mai Văn Muộn',
        gender: 'male',
        birthDate: '1990-01-01',
        joinedDate: '2026-03-03',
      });
      expect(later.statusCode).toBe(400);
    } finally {
      realClock();
    }
  });
});
