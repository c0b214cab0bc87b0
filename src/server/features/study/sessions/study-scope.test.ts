/**
 * Study bridge points hold to the caller's scope on every id the request carries (org ids,
 * expected org, member codes, member ids), and the roll, live list and session reports show
 * only members and orgs inside it.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../app';
import type { Db } from '../../../db/pool';
import { createTestDb } from '../../../test/db';
import { buildMember, buildOrg, buildUser, type TestMember, type TestOrg } from '../../../test/factories';
import { buildTestApp, loginAs, type TestClient } from '../../../test/http';
import { createTestDocument } from '../testing/harness';

let app: App;
let db: Db;
let drop: () => Promise<void>;
let province: TestOrg, ward1: TestOrg, ward2: TestOrg, cell1: TestOrg, cell2: TestOrg;
let own: TestMember[], foreign: TestMember[];
let provinceManager: TestClient, ward1Manager: TestClient, ward1Viewer: TestClient;
let documentId: number;

const hourFromNow = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

beforeAll(async () => {
  const t = await createTestDb();
  ({ db, drop } = t);
  ({ app } = await buildTestApp(db));
  province = await buildOrg(db, { name: 'Tỉnh ủy thử phạm vi' });
  // Sibling ids whose paths share digits (3 and 31): whole-label matching keeps them apart.
  ward1 = await buildOrg(db, { parent: province, id: 880003, name: 'Đảng ủy phường Một', kind: 'commune_committee' });
  ward2 = await buildOrg(db, { parent: province, id: 8800031, name: 'Đảng ủy phường Hai', kind: 'commune_committee' });
  cell1 = await buildOrg(db, { parent: ward1, name: 'Chi bộ Một' });
  cell2 = await buildOrg(db, { parent: ward2, name: 'Chi bộ Hai' });
  own = [await buildMember(db, cell1, { fullName: 'Nguyễn Văn Một' }), await buildMember(db, cell1, { fullName: 'Trần Thị Hai' })];
  foreign = [await buildMember(db, cell2, { fullName: 'Lê Văn Ngoài' }), await buildMember(db, cell2, { fullName: 'Phạm Thị Khác' })];
  documentId = await createTestDocument(db, province.id, 'Nghị quyết thử phạm vi');
  const login = async (org: TestOrg, role: 'manager' | 'viewer') => {
    const u = await buildUser(db, [{ org, role }]);
    return loginAs(app, u.username, u.password);
  };
  provinceManager = await login(province, 'manager');
  ward1Manager = await login(ward1, 'manager');
  ward1Viewer = await login(ward1, 'viewer');
});
afterAll(async () => {
  await app.close();
  await drop();
});

async function newSession(client: TestClient, org: TestOrg) {
  const res = await client.post('/api/study/sessions', {
    orgId: org.id,
    title: 'Hội nghị thử phạm vi',
    documentIds: [documentId],
    mode: 'online',
    startsAt: hourFromNow(-0.5),
    endsAt: hourFromNow(2),
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: number };
}

describe('a ward manager cannot reach outside the ward through a bridge point', () => {
  it('answers 404 for a point at, or expecting, an org outside the scope, one or in bulk', async () => {
    const s = await newSession(ward1Manager, ward1);
    const whole = await ward1Manager.post(`/api/study/sessions/${s.id}/points`, {
      orgId: province.id,
      expectedKind: 'subtree',
      expectedOrgId: province.id,
    });
    expect(whole.statusCode).toBe(404);
    const expectingOther = await ward1Manager.post(`/api/study/sessions/${s.id}/points`, {
      orgId: ward1.id,
      expectedKind: 'subtree',
      expectedOrgId: ward2.id,
    });
    expect(expectingOther.statusCode).toBe(404);
    expect((await ward1Manager.post(`/api/study/sessions/${s.id}/points`, { orgId: cell2.id })).statusCode).toBe(404);
    expect(
      (await ward1Manager.post(`/api/study/sessions/${s.id}/points/bulk`, { underOrgId: province.id, kind: 'cell', includeParent: true }))
        .statusCode,
    ).toBe(404);
    const { rows } = await db.query('SELECT count(*)::int AS n FROM bridge_points WHERE session_id = $1', [s.id]);
    expect(rows[0].n).toBe(0);
    expect((await ward1Manager.get(`/api/study/sessions?orgId=${ward2.id}`)).statusCode).toBe(404);
  });

  it('treats member codes outside the scope as unknown, so the roll and invitations stay inside', async () => {
    const s = await newSession(ward1Manager, ward1);
    const listed = await ward1Manager.post(`/api/study/sessions/${s.id}/points`, {
      orgId: ward1.id,
      expectedKind: 'list',
      memberCodes: [own[0]!.code, foreign[0]!.code],
    });
    expect(listed.statusCode).toBe(400);
    expect(listed.json().error.details.fields[0].field).toBe('body.memberCodes');
    const p = (
      await ward1Manager.post(`/api/study/sessions/${s.id}/points`, { orgId: ward1.id, expectedKind: 'list', memberCodes: [own[0]!.code] })
    ).json();
    const added = (await ward1Manager.post(`/api/study/points/${p.id}/members`, { codes: [foreign[1]!.code] })).json();
    expect(added).toEqual({ added: 0, unknown: [foreign[1]!.code] });
    const roll = (await ward1Manager.get(`/api/study/points/${p.id}/roll`)).json();
    expect(roll.items.map((r: { code: string }) => r.code)).toEqual([own[0]!.code]);
    await db.query(`UPDATE members SET email = 'dv' || id || '@example.vn' WHERE id = ANY($1::bigint[])`, [
      [...own, ...foreign].map((m) => m.id),
    ]);
    expect((await ward1Manager.post(`/api/study/sessions/${s.id}/invitations`)).json().queued).toBe(1);
  });

  it('answers 404 when marking the attendance of a member outside the subtree, and writes nothing', async () => {
    const s = await newSession(ward1Manager, ward1);
    const p = (await ward1Manager.post(`/api/study/sessions/${s.id}/points`, { orgId: ward1.id })).json();
    const res = await ward1Manager.put(`/api/study/points/${p.id}/attendance/${foreign[0]!.id}`, { status: 'present' });
    expect(res.statusCode).toBe(404);
    const { rows } = await db.query('SELECT count(*)::int AS n FROM attendances WHERE session_id = $1', [s.id]);
    expect(rows[0].n).toBe(0);
    const { rows: listed } = await db.query('SELECT count(*)::int AS n FROM bridge_point_members WHERE point_id = $1', [p.id]);
    expect(listed[0].n).toBe(0);
    expect((await ward1Manager.put(`/api/study/points/${p.id}/attendance/${own[0]!.id}`, { status: 'present' })).statusCode).toBe(200);
  });

  it('refuses a roll-call sheet naming a member outside the subtree', async () => {
    const s = await newSession(ward1Manager, ward1);
    const p = (await ward1Manager.post(`/api/study/sessions/${s.id}/points`, { orgId: ward1.id })).json();
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Điểm danh').addRows([
      ['Mã đảng viên', 'Trạng thái'],
      [foreign[0]!.code, 'Có mặt'],
    ]);
    const boundary = '----scope';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.from(await wb.xlsx.writeBuffer()),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await ward1Manager.request('POST', `/api/study/points/${p.id}/attendance/import`, body, {
      'content-type': `multipart/form-data; boundary=${boundary}`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.rows[0].message).toContain(foreign[0]!.code);
  });
});

describe('a viewer of one ward reads only that ward of a provincial session', () => {
  it('sees only their members on any point’s roll, live list and in the report workbook', async () => {
    const s = await newSession(provinceManager, province);
    await provinceManager.post(`/api/study/sessions/${s.id}/points/bulk`, {
      underOrgId: province.id,
      kind: 'commune_committee',
      includeParent: true,
    });
    const points = (await provinceManager.get(`/api/study/sessions/${s.id}/points`)).json() as { id: number; orgId: number }[];
    const main = points.find((p) => p.orgId === province.id)!;
    const point2 = points.find((p) => p.orgId === ward2.id)!;
    await provinceManager.put(`/api/study/points/${point2.id}/attendance/${foreign[0]!.id}`, {
      status: 'excused',
      reason: 'Điều trị bệnh riêng',
    });
    await provinceManager.put(`/api/study/points/${main.id}/attendance/${foreign[1]!.id}`, { status: 'present' });

    const codes = async (url: string) => ((await ward1Viewer.get(url)).json().items as { code: string }[]).map((r) => r.code).sort();
    expect(await codes(`/api/study/points/${point2.id}/roll`)).toEqual([]);
    expect(await codes(`/api/study/points/${main.id}/roll`)).toEqual([]);
    await new Promise((r) => setTimeout(r, 600));
    expect(await codes(`/api/study/points/${main.id}/live?after=0`)).toEqual([]);
    // The organizer still sees everyone.
    expect(
      ((await provinceManager.get(`/api/study/points/${point2.id}/roll`)).json().items as { code: string }[]).map((r) => r.code).sort(),
    ).toEqual(foreign.map((m) => m.code).sort());

    const xlsx = await ward1Viewer.get(`/api/study/sessions/${s.id}/report.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const text = wb.worksheets.map((ws) => ws.getSheetValues().flat().map(String).join('|')).join('\n');
    for (const m of foreign) {
      expect(text).not.toContain(m.code);
      expect(text).not.toContain(m.fullName);
    }
    expect(text).not.toContain('Điều trị bệnh riêng');
    expect(text).not.toContain('Chi bộ Hai');
    expect(text).not.toContain('Đảng ủy phường Hai');
    for (const m of own) expect(text).toContain(m.code);
  });
});
