import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import { buildMember, buildOrg, buildUser, type TestMember, type TestOrg } from '../../test/factories';
import { anonymous, buildTestApp, loginAs, multipartBody, type TestClient } from '../../test/http';

// An organization department keeps its year's events in a workbook and imports it: admissions,
// members made official, a transfer between two cells, a death; every row is checked first, and
// the file is written once, all of it or nothing.

let app: App;
let db: Db;
let drop: () => Promise<void>;
let province: TestOrg, cellA: TestOrg, cellB: TestOrg, otherCell: TestOrg;
let manager: TestClient, viewer: TestClient;
let fresh: TestMember, mover: TestMember, late: TestMember, outsider: TestMember;

type Preview = {
  key: string;
  counts: { total: number; ok: number; error: number };
  rows: { row: number; kind: string | null; memberName: string | null; problems: string[] }[];
};
const HEADER = ['Loại sự kiện', 'Ngày', 'Mã đảng viên', 'Số quyết định', 'Ngày quyết định', 'Mã đơn vị đến', 'Hình thức chuyển'];

async function sheetOf(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sự kiện');
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function send(client: TestClient, path: string, file: Buffer, fields: Record<string, string> = {}) {
  const { body, contentType } = multipartBody(fields, { field: 'file', name: 'su-kien.xlsx', content: file });
  return client.request('POST', `/api/registry/events/import/${path}`, body, { 'content-type': contentType });
}
const preview = async (client: TestClient, file: Buffer) => {
  const res = await send(client, 'preview', file);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Preview;
};
const commit = (client: TestClient, file: Buffer, key: string) => send(client, 'commit', file, { request: JSON.stringify({ key }) });
const eventCount = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM membership_events')).rows[0]!.n;

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
  province = await buildOrg(db, { code: 'BD', name: 'Tỉnh ủy Bình Dương', kind: 'province_committee' });
  cellA = await buildOrg(db, { parent: province, code: 'CB-A', name: 'Chi bộ Công ty A' });
  cellB = await buildOrg(db, { parent: province, code: 'CB-B', name: 'Chi bộ Công ty B' });
  const other = await buildOrg(db, { code: 'DN', name: 'Tỉnh ủy Đồng Nai', kind: 'province_committee' });
  otherCell = await buildOrg(db, { parent: other, code: 'CB-X', name: 'Chi bộ Khu phố 1' });
  fresh = await buildMember(db, cellA, { code: 'KN-001', fullName: 'Trần Thị Bình' });
  mover = await buildMember(db, cellA, { code: 'CS-002', fullName: 'Lê Văn Chuyển' });
  late = await buildMember(db, cellA, { code: 'TT-003', fullName: 'Phạm Văn Cố' });
  outsider = await buildMember(db, otherCell, { code: 'DN-004', fullName: 'Võ Thị Ngoài' });
  const login = async (org: TestOrg, role: 'manager' | 'viewer') => {
    const u = await buildUser(db, [{ org, role }]);
    return loginAs(app, u.username, u.password);
  };
  manager = await login(province, 'manager');
  viewer = await login(province, 'viewer');
}, 120_000);
afterAll(async () => drop());

describe('the events template', () => {
  it('is a workbook with the columns the import reads', async () => {
    const res = await manager.get('/api/registry/events/import-template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const header = wb.worksheets[0]!.getRow(1).values as unknown[];
    expect(header.slice(1)).toEqual(HEADER);
    expect(JSON.stringify(wb.getWorksheet('Hướng dẫn')!.getColumn(1).values)).toContain('Công nhận chính thức');
  });

  it('answers 401 without a session and 403 to a viewer', async () => {
    const guest = await anonymous(app);
    expect((await guest.get('/api/registry/events/import-template')).statusCode).toBe(401);
    expect((await viewer.get('/api/registry/events/import-template')).statusCode).toBe(403);
    expect((await send(viewer, 'preview', await sheetOf([]))).statusCode).toBe(403);
  });
});

describe('a file of good rows', () => {
  const rows = [
    // In any order: the rows of a member are taken by date.
    ['Công nhận chính thức', '15/03/2025', 'KN-001', '45-QĐ/ĐU', '15/03/2025', '', ''],
    ['kết nạp', '10/03/2024', 'kn-001', '120-QĐ/ĐU', '01/03/2024', '', ''],
    ['Chuyển sinh hoạt đi', '01/04/2025', 'CS-002', '12-GGT/ĐU', '01/04/2025', 'CB-B', 'Chính thức'],
    ['Chuyển sinh hoạt đến', '05/04/2025', 'CS-002', '13-GGT/ĐU', '05/04/2025', 'CB-B', ''],
    ['Từ trần', '02/05/2025', 'TT-003', '9-TB/CB', '03/05/2025', '', ''],
  ];

  it('previews every row without writing, then writes them all through the registry’s rules, once', async () => {
    const file = await sheetOf(rows);
    const before = await eventCount();
    const p = await preview(manager, file);
    expect(p.counts).toEqual({ total: 5, ok: 5, error: 0 });
    expect(p.rows.map((r) => r.memberName)).toEqual(['Trần Thị Bình', 'Trần Thị Bình', 'Lê Văn Chuyển', 'Lê Văn Chuyển', 'Phạm Văn Cố']);
    expect(await eventCount()).toBe(before);

    const res = await commit(manager, file, p.key);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ written: 5 });
    expect(await eventCount()).toBe(before + 5);

    const timeline = (await manager.get(`/api/registry/members/${fresh.id}/timeline`)).json() as {
      standing: string;
      events: { kind: string; date: string; decision: string }[];
    };
    expect(timeline.standing).toBe('official');
    expect(timeline.events.map((e) => [e.kind, e.date, e.decision])).toEqual([
      ['admission', '2024-03-10', '120-QĐ/ĐU ngày 01/03/2024'],
      ['official', '2025-03-15', '45-QĐ/ĐU ngày 15/03/2025'],
    ]);
    const { rows: moved } = await db.query<{ id: number; org_id: number; status: string }>(
      'SELECT id, org_id, status FROM members WHERE id = ANY($1) ORDER BY id',
      [[mover.id, late.id]],
    );
    expect(moved).toEqual([
      { id: mover.id, org_id: cellB.id, status: 'official' },
      { id: late.id, org_id: cellA.id, status: 'deceased' },
    ]);
    // The figures follow by the same triggers as the form's events.
    const figures = (await manager.get(`/api/registry/indicators?orgId=${province.id}&from=2024-01-01&to=2025-12-31`)).json() as {
      figures: Record<string, number>;
    };
    expect(figures.figures).toMatchObject({ admitted: 1, made_official: 1, transfers_out: 1, transfers_in: 1 });
    const { rows: audit } = await db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE action LIKE 'registry.%' ORDER BY id DESC LIMIT 7`,
    );
    expect(audit.map((a) => a.action).sort()).toEqual(
      [
        'registry.admission',
        'registry.death',
        'registry.import',
        'registry.official',
        'registry.transfer_in',
        'registry.transfer_in',
        'registry.transfer_out',
      ].sort(),
    );

    const again = await commit(manager, file, p.key);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('Tệp này đã được nhập');
    expect(await eventCount()).toBe(before + 5);
  });
});

describe('bad rows', () => {
  it('names the row and the column of each bad cell, and writes nothing', async () => {
    const member = (await buildMember(db, cellA)).code;
    const file = await sheetOf([
      ['Khen thưởng', '01/02/2024', member, '1-QĐ', '01/02/2024', '', ''],
      ['Khai trừ', '31/02/2024', member, '2-QĐ', '01/02/2024', '', ''],
      ['Khai trừ', '01/01/2099', member, '3-QĐ', '01/02/2024', '', ''],
      ['Xóa tên', '01/02/2024', '', '4-QĐ', '01/02/2024', '', ''],
      ['Xóa tên', '01/02/2024', member, '', '01/02/2024', '', ''],
      ['Xóa tên', '01/02/2024', member, '6-QĐ', '', '', ''],
      ['Chuyển sinh hoạt đi', '01/02/2024', member, '7-QĐ', '01/02/2024', '', 'Chính thức'],
      ['Chuyển sinh hoạt đi', '01/02/2024', member, '8-QĐ', '01/02/2024', 'CB-B', 'Lâu dài'],
      ['Kết nạp', '01/02/2024', member, '9-QĐ', '05/02/2024', '', ''],
    ]);
    const before = await eventCount();
    const p = await preview(manager, file);
    expect(p.counts).toEqual({ total: 9, ok: 0, error: 9 });
    expect(p.rows.map((r) => r.problems)).toEqual([
      [expect.stringMatching(/^Dòng 2, cột A \(Loại sự kiện\): không có loại sự kiện “Khen thưởng”/)],
      ['Dòng 3, cột B (Ngày): ngày “31/02/2024” không đúng dạng dd/mm/yyyy'],
      ['Dòng 4, cột B (Ngày): ngày 01/01/2099 ở tương lai'],
      ['Dòng 5, cột C (Mã đảng viên): chưa ghi mã đảng viên'],
      ['Dòng 6, cột D (Số quyết định): chưa ghi số quyết định'],
      ['Dòng 7, cột E (Ngày quyết định): chưa ghi ngày (dd/mm/yyyy)'],
      ['Dòng 8, cột F (Mã đơn vị đến): hãy ghi mã tổ chức nhận đảng viên'],
      ['Dòng 9, cột G (Hình thức chuyển): “Lâu dài” không phải Chính thức hoặc Tạm thời'],
      ['Dòng 10, cột B (Ngày): Ngày kết nạp (01/02/2024) trước ngày quyết định kết nạp của cấp ủy (05/02/2024).'],
    ]);
    const res = await commit(manager, file, p.key);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/^Tệp sự kiện chưa đúng, chưa ghi dòng nào: Dòng 2, cột A/);
    expect(await eventCount()).toBe(before);
  });

  it('gives a code outside the caller’s scope the message of a code that does not exist', async () => {
    const member = (await buildMember(db, cellA)).code;
    const p = await preview(
      manager,
      await sheetOf([
        ['Từ trần', '01/02/2024', outsider.code, '1-TB', '02/02/2024', '', ''],
        ['Từ trần', '01/02/2024', 'KHONG-CO', '1-TB', '02/02/2024', '', ''],
        ['Chuyển sinh hoạt đi', '01/02/2024', member, '2-GGT', '01/02/2024', otherCell.code, ''],
        ['Chuyển sinh hoạt đi', '01/02/2024', member, '3-GGT', '02/02/2024', 'CB-KHONG', ''],
      ]),
    );
    const [foreign, missing, foreignOrg, missingOrg] = p.rows.map((r) => r.problems);
    expect(foreign).toEqual([`Dòng 2, cột C (Mã đảng viên): không có đảng viên mã “${outsider.code}” trong phạm vi của bạn`]);
    expect(missing).toEqual(['Dòng 3, cột C (Mã đảng viên): không có đảng viên mã “KHONG-CO” trong phạm vi của bạn']);
    expect(foreignOrg).toEqual([`Dòng 4, cột F (Mã đơn vị đến): không có tổ chức mã “${otherCell.code}” trong phạm vi của bạn`]);
    expect(missingOrg).toEqual(['Dòng 5, cột F (Mã đơn vị đến): không có tổ chức mã “CB-KHONG” trong phạm vi của bạn']);
    const { rows } = await db.query<{ status: string }>('SELECT status FROM members WHERE id = $1', [outsider.id]);
    expect(rows[0]!.status).not.toBe('deceased');
  });

  it('refuses a row written twice and a row the member’s history does not allow', async () => {
    const member = (await buildMember(db, cellA)).code;
    const p = await preview(
      manager,
      await sheetOf([
        ['Miễn sinh hoạt', '01/02/2024', member, '1-QĐ', '01/02/2024', '', ''],
        ['Miễn sinh hoạt', '01/02/2024', member, '1-QĐ', '01/02/2024', '', ''],
        ['Công nhận chính thức', '01/03/2024', member, '2-QĐ', '01/03/2024', '', ''],
        ['Chuyển sinh hoạt đến', '01/03/2024', member, '3-QĐ', '01/03/2024', 'CB-B', ''],
      ]),
    );
    expect(p.rows.map((r) => r.problems)).toEqual([
      [],
      ['Dòng 3, cột A (Loại sự kiện): trùng với dòng 2 (cùng đảng viên, loại sự kiện và ngày)'],
      ['Dòng 4, cột B (Ngày): Chưa có quyết định kết nạp: không thể chuyển đảng chính thức.'],
      ['Dòng 5, cột B (Ngày): Không có giấy chuyển sinh hoạt nào đang chờ tiếp nhận.'],
    ]);
    expect(p.counts).toEqual({ total: 4, ok: 1, error: 3 });
  });

  it('refuses a file that is not a workbook or lacks a column, and a key of another file', async () => {
    const notXlsx = await send(manager, 'preview', Buffer.from('Loại sự kiện;Ngày\n'));
    expect(notXlsx.statusCode).toBe(400);
    expect(notXlsx.json().error.message).toContain('Không đọc được tệp');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sự kiện').addRow(['Loại sự kiện', 'Ngày']);
    const partial = await send(manager, 'preview', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(partial.statusCode).toBe(400);
    expect(partial.json().error.message).toContain('Dòng 1: thiếu cột Mã đảng viên, Số quyết định, Ngày quyết định, Mã đơn vị đến');
    const file = await sheetOf([['Miễn sinh hoạt', '01/02/2024', fresh.code, '1-QĐ', '01/02/2024', '', '']]);
    const other = await commit(manager, file, '0'.repeat(64));
    expect(other.statusCode).toBe(409);
    expect(other.json().error.message).toContain('khác tệp đã xem trước');
    const noKey = await send(manager, 'commit', file);
    expect(noKey.statusCode).toBe(400);
  });
});

describe('two confirms of one file at once', () => {
  it('writes its events once', async () => {
    const members = await Promise.all([buildMember(db, cellA), buildMember(db, cellA)]);
    const file = await sheetOf(members.map((m, i) => ['Miễn sinh hoạt', '01/06/2025', m.code, `${i + 1}-QĐ/ĐU`, '01/06/2025', '', '']));
    const p = await preview(manager, file);
    const before = await eventCount();
    const answers = await Promise.all([commit(manager, file, p.key), commit(manager, file, p.key)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    expect(await eventCount()).toBe(before + 2);
  });
});

describe('the admission date and the committee’s decision', () => {
  it('refuses to move a recorded admission before the committee’s decision', async () => {
    const [i1, i2] = await Promise.all([buildMember(db, cellB), buildMember(db, cellB)]);
    const ok = <T>(res: { statusCode: number; body: string; json: () => unknown }, status = 200) => {
      expect(res.statusCode, res.body).toBe(status);
      return res.json() as T;
    };
    let c = ok<{ id: number; version: number }>(
      await manager.post('/api/registry/candidates', {
        orgId: cellB.id,
        fullName: 'Đỗ Thị Hạnh',
        gender: 'female',
        birthDate: '1995-01-01',
      }),
      201,
    );
    for (const s of [
      { step: 'course', date: '2024-01-05' },
      { step: 'introduction', date: '2024-01-20', introducerIds: [i1.id, i2.id] },
      { step: 'cell_decision', date: '2024-02-01', decision: 'Nghị quyết số 01-NQ/CB' },
      { step: 'committee_decision', date: '2024-02-15', decision: 'Quyết định số 120-QĐ/ĐU' },
    ])
      c = ok(await manager.post(`/api/registry/candidates/${c.id}/steps`, { ...s, version: c.version }));
    const early = await manager.post(`/api/registry/candidates/${c.id}/admit`, { date: '2024-02-10', code: 'KN-HANH', version: c.version });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.message).toContain('trước quyết định của cấp ủy cấp trên');
    const admitted = ok<{ memberId: number }>(
      await manager.post(`/api/registry/candidates/${c.id}/admit`, { date: '2024-03-10', code: 'KN-HANH', version: c.version }),
    );
    const t = ok<{ events: { id: number; version: number }[] }>(await manager.get(`/api/registry/members/${admitted.memberId}/timeline`));
    const e = t.events[0]!;
    const edit = (date: string) =>
      manager.put(`/api/registry/events/${e.id}`, { date, decision: 'Quyết định số 120-QĐ/ĐU', version: e.version });
    const refused = await edit('2024-02-14');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toBe('Ngày kết nạp (14/02/2024) trước ngày quyết định kết nạp của cấp ủy (15/02/2024).');
    expect((await edit('2024-02-15')).statusCode).toBe(200);
  });
});
