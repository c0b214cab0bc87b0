import ExcelJS from 'exceljs';
import { vnToday } from '../../../../domain/vn-time';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../app';
import type { Db } from '../../../db/pool';
import { createTestDb } from '../../../test/db';
import { buildMember, buildOrg, buildUser, type TestMember, type TestOrg } from '../../../test/factories';
import { anonymous, buildTestApp, loginAs, multipartBody, type TestClient } from '../../../test/http';
import { createTestDocument } from '../testing/harness';
import { getQrSecret } from '../checkin/qr-secret';
import { personalCheckinCode } from '../../../../domain/study/personal-code';

let app: App;
let db: Db;
let drop: () => Promise<void>;
let province: TestOrg, city: TestOrg, wardA: TestOrg, wardB: TestOrg, cellA: TestOrg, cellB: TestOrg, outside: TestOrg;
let membersA: TestMember[], membersB: TestMember[], stranger: TestMember;
let cityManager: TestClient, wardBManager: TestClient, viewer: TestClient, outsider: TestClient, phone: TestClient;
let documentId: number;

const hourFromNow = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

beforeAll(async () => {
  const t = await createTestDb();
  ({ db, drop } = t);
  ({ app } = await buildTestApp(db));
  province = await buildOrg(db, { name: 'Tỉnh ủy Bình Dương' });
  city = await buildOrg(db, { parent: province, name: 'Thành ủy Dĩ An', kind: 'district_committee' });
  wardA = await buildOrg(db, { parent: city, name: 'Đảng ủy phường Dĩ An', kind: 'commune_committee' });
  wardB = await buildOrg(db, { parent: city, name: 'Đảng ủy phường An Bình', kind: 'commune_committee' });
  cellA = await buildOrg(db, { parent: wardA, name: 'Chi bộ Khu phố Bình Minh' });
  cellB = await buildOrg(db, { parent: wardB, name: 'Chi bộ Khu phố Bình Đường' });
  outside = await buildOrg(db, { parent: province, name: 'Thị ủy khác', kind: 'district_committee' });
  membersA = [];
  for (const n of ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường', 'Phạm Thị Dung'])
    membersA.push(await buildMember(db, cellA, { fullName: n }));
  membersB = [];
  for (const n of ['Hồ Văn Em', 'Đỗ Thị Giang']) membersB.push(await buildMember(db, cellB, { fullName: n }));
  stranger = await buildMember(db, await buildOrg(db, { parent: outside, name: 'Chi bộ ngoài' }), { fullName: 'Ngô Văn Khách' });
  documentId = await createTestDocument(db, province.id, 'Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XI');
  const login = async (org: TestOrg, role: 'manager' | 'viewer') => {
    const u = await buildUser(db, [{ org, role }]);
    return loginAs(app, u.username, u.password);
  };
  cityManager = await login(city, 'manager');
  wardBManager = await login(wardB, 'manager');
  viewer = await login(city, 'viewer');
  outsider = await login(outside, 'manager');
  phone = await anonymous(app);
});
afterAll(async () => {
  await app.close();
  await drop();
});

async function newSession(overrides: Record<string, unknown> = {}) {
  const res = await cityManager.post('/api/study/sessions', {
    orgId: city.id,
    title: 'Hội nghị trực tuyến quán triệt Nghị quyết Đại hội XI',
    documentIds: [documentId],
    mode: 'online',
    startsAt: hourFromNow(-0.5),
    endsAt: hourFromNow(2),
    videoUrl: 'https://meet.example.vn/dian',
    presenters: [{ fullName: 'Báo cáo viên Thành ủy' }],
    agenda: [{ time: '07:30', title: 'Khai mạc' }],
    ...overrides,
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: number; version: number };
}

async function pointsOf(sessionId: number) {
  return (await cityManager.get(`/api/study/sessions/${sessionId}/points`)).json() as {
    id: number;
    orgId: number;
    isMain: boolean;
    counts: Record<string, number>;
  }[];
}

/** A member without an account checks in with their member code and personal code (from the invitation). */
const checkIn = async (token: string, memberCode: string) =>
  phone.request('POST', '/api/study/checkin', { token, memberCode, personalCode: personalCheckinCode(await getQrSecret(db), memberCode) });

describe('sessions', () => {
  it('creates a session with its documents, and lists it', async () => {
    const s = await newSession();
    const got = (await viewer.get(`/api/study/sessions/${s.id}`)).json();
    expect(got).toMatchObject({
      title: 'Hội nghị trực tuyến quán triệt Nghị quyết Đại hội XI',
      mode: 'online',
      orgName: 'Thành ủy Dĩ An',
      abilities: { update: false },
    });
    expect(got.documents).toEqual([{ id: documentId, symbol: expect.any(String), title: 'Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XI' }]);
    const list = (await viewer.get('/api/study/sessions')).json();
    expect(list.items.some((x: { id: number }) => x.id === s.id)).toBe(true);
  });

  it('rejects an end before the start, naming the field', async () => {
    const res = await cityManager.post('/api/study/sessions', {
      orgId: city.id,
      title: 'Sai giờ',
      documentIds: [documentId],
      mode: 'online',
      startsAt: hourFromNow(2),
      endsAt: hourFromNow(1),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].field).toBe('body.endsAt');
    const missing = await cityManager.post('/api/study/sessions', {
      orgId: city.id,
      title: 'Thiếu',
      documentIds: [],
      mode: 'online',
      startsAt: hourFromNow(1),
      endsAt: hourFromNow(2),
    });
    expect(missing.statusCode).toBe(400);
  });

  it('answers 401 without a session, 403 to a viewer, 404 outside the scope', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/study/sessions' })).statusCode).toBe(401);
    const s = await newSession();
    expect(
      (
        await viewer.post('/api/study/sessions', {
          orgId: city.id,
          title: 'Không quyền',
          documentIds: [documentId],
          mode: 'online',
          startsAt: hourFromNow(1),
          endsAt: hourFromNow(2),
        })
      ).statusCode,
    ).toBe(403);
    expect((await outsider.get(`/api/study/sessions/${s.id}`)).statusCode).toBe(404);
    expect(
      (
        await outsider.post('/api/study/sessions', {
          orgId: city.id,
          title: 'Ngoài phạm vi',
          documentIds: [documentId],
          mode: 'online',
          startsAt: hourFromNow(1),
          endsAt: hourFromNow(2),
        })
      ).statusCode,
    ).toBe(404);
  });

  it('e-mails invitations once to expected members who have an address', async () => {
    const s = await newSession();
    await cityManager.post(`/api/study/sessions/${s.id}/points`, { orgId: wardA.id });
    await db.query(`UPDATE members SET email = 'dv' || id || '@example.vn' WHERE id = ANY($1::bigint[])`, [
      membersA.slice(0, 2).map((m) => m.id),
    ]);
    expect((await cityManager.post(`/api/study/sessions/${s.id}/invitations`)).json()).toEqual({ queued: 2, isHeld: true });
    expect((await cityManager.post(`/api/study/sessions/${s.id}/invitations`)).json()).toEqual({ queued: 0, isHeld: true });
    const { rows } = await db.query(`SELECT subject, status FROM mail_outbox WHERE dedupe_key LIKE $1`, [`study-invite:${s.id}:%`]);
    expect(rows[0]).toMatchObject({ status: 'held', subject: expect.stringContaining('Giấy mời') });
    expect((await viewer.post(`/api/study/sessions/${s.id}/invitations`)).statusCode).toBe(403);
  });

  it('refuses a stale version', async () => {
    const s = await newSession();
    expect((await cityManager.patch(`/api/study/sessions/${s.id}`, { version: s.version, title: 'Tên mới của hội nghị' })).statusCode).toBe(
      200,
    );
    expect((await cityManager.patch(`/api/study/sessions/${s.id}`, { version: s.version, title: 'Tên cũ' })).statusCode).toBe(409);
  });
});

describe('bridge points and check-in', () => {
  it('creates one point at every ward under the city, plus the city itself', async () => {
    const s = await newSession();
    const res = await cityManager.post(`/api/study/sessions/${s.id}/points/bulk`, {
      underOrgId: city.id,
      kind: 'commune_committee',
      includeParent: true,
    });
    expect(res.json()).toEqual({ created: 3 });
    // Running it again adds nothing.
    expect(
      (await cityManager.post(`/api/study/sessions/${s.id}/points/bulk`, { underOrgId: city.id, kind: 'commune_committee' })).json(),
    ).toEqual({ created: 0 });
    const points = await pointsOf(s.id);
    expect(points.find((p) => p.isMain)?.orgId).toBe(city.id);
    expect(points.find((p) => p.orgId === wardA.id)?.counts).toEqual({ expected: 4, present: 0, excused: 0, absent: 0 });
  });

  it('checks a member in once by scanning, whatever they retry, and shows it live', async () => {
    const s = await newSession();
    await cityManager.post(`/api/study/sessions/${s.id}/points/bulk`, { underOrgId: city.id, kind: 'commune_committee' });
    const point = (await pointsOf(s.id)).find((p) => p.orgId === wardA.id)!;
    const qr = (await cityManager.get(`/api/study/points/${point.id}/qr`)).json();
    expect(qr.url).toMatch(/\/checkin\/q1\./);
    expect(qr.svg).toContain('<svg');
    const info = (await phone.get(`/api/study/checkin/${qr.token}`)).json();
    expect(info).toMatchObject({ pointName: 'Điểm cầu Đảng ủy phường Dĩ An', window: 'open' });

    const first = await checkIn(qr.token, membersA[0]!.code);
    expect(first.statusCode).toBe(200);
    // An anonymous phone is never told whose code it typed.
    expect(first.json()).toMatchObject({ status: 'checked_in', fullName: null });
    const retries = await Promise.all([1, 2, 3].map(() => checkIn(qr.token, membersA[0]!.code)));
    expect(retries.map((r) => r.json().status)).toEqual(['already_checked_in', 'already_checked_in', 'already_checked_in']);
    const { rows } = await db.query('SELECT count(*)::int AS n FROM attendances WHERE session_id = $1', [s.id]);
    expect(rows[0].n).toBe(1);

    await new Promise((r) => setTimeout(r, 600));
    const live = (await cityManager.get(`/api/study/points/${point.id}/live?after=0`)).json();
    expect(live.items.map((i: { fullName: string }) => i.fullName)).toEqual(['Nguyễn Văn An']);
    expect(live.counts.present).toBe(1);
    const again = (await cityManager.get(`/api/study/points/${point.id}/live?after=${live.cursor}`)).json();
    expect(again.items).toEqual([]);
  });

  it('tells in Vietnamese why a check-in is refused', async () => {
    const s = await newSession();
    await cityManager.post(`/api/study/sessions/${s.id}/points/bulk`, { underOrgId: city.id, kind: 'commune_committee' });
    const point = (await pointsOf(s.id)).find((p) => p.orgId === wardA.id)!;
    const { token } = (await cityManager.get(`/api/study/points/${point.id}/qr`)).json();

    const forged = await checkIn(`${token.slice(0, -3)}AAA`, membersA[1]!.code);
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error).toMatchObject({
      message: expect.stringContaining('Mã QR không hợp lệ'),
      details: { reason: 'token_invalid' },
    });
    const unknown = await checkIn(token, 'KHONG-CO-MA');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.details.reason).toBe('member_unknown');
    // A member of ward B is expected at ward B's point, not here.
    const wrongPoint = await checkIn(token, membersB[0]!.code);
    expect(wrongPoint.statusCode).toBe(403);
    expect(wrongPoint.json().error.message).toContain('không có trong danh sách');
    const nobody = await phone.request('POST', '/api/study/checkin', { token });
    expect(nobody.json().error.details.reason).toBe('identify_required');
  });

  it('refuses before the window opens and after it closes', async () => {
    const later = await newSession({ startsAt: hourFromNow(5), endsAt: hourFromNow(7) });
    const p = (await cityManager.post(`/api/study/sessions/${later.id}/points`, { orgId: wardA.id })).json();
    const { token } = (await cityManager.get(`/api/study/points/${p.id}/qr`)).json();
    const early = await checkIn(token, membersA[0]!.code);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.details.reason).toBe('too_early');
    await db.query(`UPDATE study_sessions SET starts_at = now() - interval '5 hours', ends_at = now() - interval '2 hours' WHERE id = $1`, [
      later.id,
    ]);
    expect((await checkIn(token, membersA[0]!.code)).json().error.details.reason).toBe('closed');
  });

  it('lets a host admit a guest, mark by hand, and import a roll-call sheet', async () => {
    const s = await newSession();
    const p = (
      await cityManager.post(`/api/study/sessions/${s.id}/points`, {
        orgId: wardA.id,
        place: 'Hội trường phường',
        hostName: 'Đồng chí Bí thư',
      })
    ).json();
    const { token } = (await cityManager.get(`/api/study/points/${p.id}/qr`)).json();
    const guest = membersB[0]!;
    expect((await checkIn(token, guest.code)).statusCode).toBe(403);
    // A member outside the host's scope is as unknown as a code that does not exist.
    const admitted = (await cityManager.post(`/api/study/points/${p.id}/members`, { codes: [guest.code, stranger.code, 'NOPE'] })).json();
    expect({ ...admitted, unknown: admitted.unknown.sort() }).toEqual({ added: 1, unknown: ['NOPE', stranger.code].sort() });
    expect((await checkIn(token, guest.code)).json().status).toBe('checked_in');

    const excusedWithout = await cityManager.put(`/api/study/points/${p.id}/attendance/${membersA[1]!.id}`, { status: 'excused' });
    expect(excusedWithout.statusCode).toBe(400);
    expect(
      (await cityManager.put(`/api/study/points/${p.id}/attendance/${membersA[1]!.id}`, { status: 'excused', reason: 'Đi công tác' }))
        .statusCode,
    ).toBe(200);
    // The ward B manager hosts nothing here.
    expect((await wardBManager.put(`/api/study/points/${p.id}/attendance/${membersA[2]!.id}`, { status: 'present' })).statusCode).toBe(404);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Điểm danh');
    ws.addRow(['Mã đảng viên', 'Họ và tên', 'Trạng thái', 'Lý do']);
    ws.addRow([membersA[2]!.code, 'Lê Văn Cường', 'Có mặt', '']);
    ws.addRow([membersA[3]!.code, 'Phạm Thị Dung', 'Vắng không lý do', '']);
    const bad = new ExcelJS.Workbook();
    bad.addWorksheet('x').addRows([
      ['Mã đảng viên', 'Trạng thái'],
      ['KHONG-CO', 'Có mặt'],
      [membersA[2]!.code, 'Đi chơi'],
    ]);
    const upload = async (book: ExcelJS.Workbook) => {
      const { body, contentType } = multipartBody(
        {},
        { field: 'file', name: 'diem-danh.xlsx', content: Buffer.from(await book.xlsx.writeBuffer()) },
      );
      return cityManager.request('POST', `/api/study/points/${p.id}/attendance/import`, body, { 'content-type': contentType });
    };
    const refused = await upload(bad);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.rows.map((r: { row: number }) => r.row)).toEqual([2, 3]);
    expect((await upload(wb)).json()).toEqual({ applied: 2 });

    const roll = (await cityManager.get(`/api/study/points/${p.id}/roll`)).json();
    const status = Object.fromEntries(roll.items.map((r: { code: string; status: string | null }) => [r.code, r.status]));
    expect(status).toEqual({
      [membersA[0]!.code]: null,
      [membersA[1]!.code]: 'excused',
      [membersA[2]!.code]: 'present',
      [membersA[3]!.code]: 'absent',
      [membersB[0]!.code]: 'present',
    });
    const sheet = await cityManager.get(`/api/study/points/${p.id}/roll.xlsx`);
    expect(sheet.headers['content-type']).toContain('spreadsheetml');
  });
});

describe('coverage and make-up sessions', () => {
  it('counts members who studied, rolls up, lists who has not, and counts a make-up session', async () => {
    const doc = await createTestDocument(db, province.id, 'Nghị quyết về chuyển đổi số');
    const s = await newSession({ documentIds: [doc] });
    await cityManager.post(`/api/study/sessions/${s.id}/points/bulk`, { underOrgId: city.id, kind: 'commune_committee' });
    const points = await pointsOf(s.id);
    const tokenA = (await cityManager.get(`/api/study/points/${points.find((p) => p.orgId === wardA.id)!.id}/qr`)).json().token;
    const tokenB = (await cityManager.get(`/api/study/points/${points.find((p) => p.orgId === wardB.id)!.id}/qr`)).json().token;
    for (const m of membersA.slice(0, 3)) await checkIn(tokenA, m.code);
    await checkIn(tokenB, membersB[0]!.code);

    const cov = (await viewer.get(`/api/study/coverage?documentId=${doc}&orgId=${city.id}`)).json();
    expect(cov.org).toMatchObject({ studied: 4, members: 6, percent: 66.7 });
    expect(cov.children.map((c: { name: string; studied: number; members: number }) => [c.name, c.studied, c.members])).toEqual([
      ['Đảng ủy phường An Bình', 1, 2],
      ['Đảng ủy phường Dĩ An', 3, 4],
    ]);
    const yesterday = vnToday(new Date(Date.now() - 86_400_000));
    expect((await viewer.get(`/api/study/coverage?documentId=${doc}&orgId=${city.id}&asOf=${yesterday}`)).json().org.studied).toBe(0);
    const missing = (await viewer.get(`/api/study/coverage/missing?documentId=${doc}&orgId=${city.id}`)).json();
    expect(missing.items.map((m: { fullName: string }) => m.fullName)).toEqual(['Phạm Thị Dung', 'Đỗ Thị Giang']);
    expect(missing.cells).toHaveLength(2);
    expect((await outsider.get(`/api/study/coverage?documentId=${doc}&orgId=${city.id}`)).statusCode).toBe(404);

    // Ward B holds a make-up for its absentees; studying there counts.
    const makeup = await wardBManager.post(`/api/study/sessions/${s.id}/makeups`, {
      orgId: wardB.id,
      startsAt: hourFromNow(-0.2),
      endsAt: hourFromNow(1),
    });
    expect(makeup.statusCode).toBe(201);
    expect(makeup.json()).toMatchObject({ makeupOf: s.id, title: expect.stringContaining('Học tập bù') });
    const mp = (await wardBManager.get(`/api/study/sessions/${makeup.json().id}/points`)).json();
    expect(mp).toHaveLength(1);
    expect(mp[0].counts.expected).toBe(1);
    const mt = (await wardBManager.get(`/api/study/points/${mp[0].id}/qr`)).json().token;
    expect((await checkIn(mt, membersB[1]!.code)).json().status).toBe('checked_in');
    // Present at the original already: not on the make-up's list.
    expect((await checkIn(mt, membersB[0]!.code)).statusCode).toBe(403);
    expect((await viewer.get(`/api/study/coverage?documentId=${doc}&orgId=${city.id}`)).json().org).toMatchObject({
      studied: 5,
      members: 6,
    });
    const original = (await cityManager.get(`/api/study/sessions/${s.id}`)).json();
    const xlsx = await viewer.get(`/api/study/sessions/${s.id}/report.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Theo điểm cầu', 'Theo tổ chức', 'Chưa được học tập']);
    // Dung missed both; Giang studied at the make-up.
    expect(wb.getWorksheet('Chưa được học tập')!.getRow(2).getCell(2).value).toBe('Phạm Thị Dung');
    expect(wb.getWorksheet('Chưa được học tập')!.rowCount).toBe(2);
    const docx = await viewer.get(`/api/study/sessions/${s.id}/report.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(original.makeups.map((m: { id: number }) => m.id)).toEqual([makeup.json().id]);
  });

  it('withdraws credit when a host corrects present to absent, and follows a member who moves', async () => {
    const doc = await createTestDocument(db, province.id, 'Nghị quyết về đô thị thông minh');
    const s = await newSession({ documentIds: [doc] });
    const p = (await cityManager.post(`/api/study/sessions/${s.id}/points`, { orgId: wardA.id })).json();
    await cityManager.put(`/api/study/points/${p.id}/attendance/${membersA[0]!.id}`, { status: 'present' });
    await cityManager.put(`/api/study/points/${p.id}/attendance/${membersA[1]!.id}`, { status: 'present' });
    const studied = async (org: TestOrg) => (await viewer.get(`/api/study/coverage?documentId=${doc}&orgId=${org.id}`)).json().org.studied;
    expect(await studied(wardA)).toBe(2);
    await cityManager.put(`/api/study/points/${p.id}/attendance/${membersA[1]!.id}`, { status: 'absent' });
    expect(await studied(wardA)).toBe(1);
    await db.query('UPDATE members SET org_id = $2 WHERE id = $1', [membersA[0]!.id, cellB.id]);
    expect(await studied(wardA)).toBe(0);
    expect(await studied(wardB)).toBe(1);
    await db.query('UPDATE members SET org_id = $2 WHERE id = $1', [membersA[0]!.id, cellA.id]);
  });
});
