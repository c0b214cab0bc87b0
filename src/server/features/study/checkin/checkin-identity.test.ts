/**
 * A check-in proves the person: the bridge point's QR code alone is not enough. An anonymous
 * phone needs the member's personal code beside the member code, is never told a name, and
 * guessing is limited per address and point, whatever device id the client sends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../app';
import type { Db } from '../../../db/pool';
import { createTestDb } from '../../../test/db';
import { buildMember, buildOrg, buildUser, type TestMember, type TestOrg } from '../../../test/factories';
import { anonymous, buildTestApp, loginAs, type TestClient } from '../../../test/http';
import { createTestDocument } from '../testing/harness';

let app: App;
let db: Db;
let drop: () => Promise<void>;
let ward: TestOrg;
let members: TestMember[];
let host: TestClient, phone: TestClient;
let token: string, pointId: number, sessionId: number;

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
  const province = await buildOrg(db);
  ward = await buildOrg(db, { parent: province, kind: 'commune_committee' });
  const cell = await buildOrg(db, { parent: ward });
  members = [];
  for (let i = 0; i < 14; i++) members.push(await buildMember(db, cell, { fullName: `Đảng viên Thứ ${i + 1}` }));
  const u = await buildUser(db, [{ org: ward, role: 'manager' }]);
  host = await loginAs(app, u.username, u.password);
  phone = await anonymous(app);
  const documentId = await createTestDocument(db, province.id);
  const s = await host.post('/api/study/sessions', {
    orgId: ward.id,
    title: 'Hội nghị thử điểm danh',
    documentIds: [documentId],
    mode: 'in_person',
    startsAt: new Date(Date.now() - 600_000).toISOString(),
    endsAt: new Date(Date.now() + 3600_000).toISOString(),
  });
  sessionId = s.json().id;
  pointId = (await host.post(`/api/study/sessions/${sessionId}/points`, { orgId: ward.id })).json().id;
  token = (await host.get(`/api/study/points/${pointId}/qr`)).json().token;
});
afterAll(async () => {
  await app.close();
  await drop();
});

async function personalCodes() {
  const roll = (await host.get(`/api/study/points/${pointId}/roll?pageSize=500`)).json() as {
    items: { code: string; personalCode: string }[];
  };
  return new Map(roll.items.map((r) => [r.code, r.personalCode]));
}
const present = async () =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM attendances WHERE session_id = $1 AND status = 'present'`, [sessionId]))
    .rows[0]!.n;

describe('check-in proves the person', () => {
  it('refuses the member code alone, and a guessed personal code', async () => {
    const alone = await phone.post('/api/study/checkin', { token, memberCode: members[0]!.code });
    expect(alone.statusCode).toBe(400);
    expect(alone.json().error.details.reason).toBe('identify_required');
    const guessed = await phone.post('/api/study/checkin', { token, memberCode: members[0]!.code, personalCode: 'ABCD-EFGH' });
    expect(guessed.statusCode).toBe(404);
    expect(guessed.json().error.message).toContain('mã điểm danh cá nhân không đúng');
    expect(JSON.stringify(guessed.json())).not.toContain(members[0]!.fullName);
    expect(await present()).toBe(0);
  });

  it('checks in with the personal code the host hands out, without telling a name', async () => {
    const codes = await personalCodes();
    const code = codes.get(members[1]!.code)!;
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    // Codes differ per member and are not derived from the sequential member code in a guessable way.
    expect(new Set(codes.values()).size).toBe(members.length);
    const res = await phone.post('/api/study/checkin', {
      token,
      memberCode: members[1]!.code,
      personalCode: code.toLowerCase().replace('-', ' '),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'checked_in', message: expect.any(String), fullName: null });
    expect(await present()).toBe(1);
  });

  it('hides personal codes from a viewer of the point', async () => {
    const v = await buildUser(db, [{ org: ward, role: 'viewer' }]);
    const viewer = await loginAs(app, v.username, v.password);
    const roll = (await viewer.get(`/api/study/points/${pointId}/roll`)).json() as { items: { personalCode: string | null }[] };
    expect(roll.items.length).toBeGreaterThan(0);
    expect(roll.items.every((r) => r.personalCode === null)).toBe(true);
  });

  it('answers a member’s own session with their name', async () => {
    const m = members[2]!;
    const u = await buildUser(db, [{ org: ward, role: 'member' }]);
    await db.query('UPDATE users SET member_id = $2 WHERE id = $1', [u.id, m.id]);
    const own = await loginAs(app, u.username, u.password);
    const res = await own.post('/api/study/checkin', { token });
    expect(res.json()).toMatchObject({ status: 'checked_in', fullName: m.fullName });
  });

  it('limits wrong codes per address and point, whatever device id the client sends', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await phone.request(
        'POST',
        '/api/study/checkin',
        { token, memberCode: members[3 + (i % 8)]!.code, personalCode: `WXYZ-${'23456789'[i % 8]}AAA` },
        { 'x-device-id': `rotating-device-${i}` },
      );
      statuses.push(res.statusCode);
    }
    // Ten wrong codes a minute from one address at one point (one was tried above), then 429.
    expect(statuses.slice(0, 9).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(9)).toEqual([429, 429, 429]);
    // Even the right code waits now: the address is blocked at this point for the minute.
    const right = (await personalCodes()).get(members[3]!.code)!;
    const blocked = await phone.request(
      'POST',
      '/api/study/checkin',
      { token, memberCode: members[3]!.code, personalCode: right },
      { 'x-device-id': 'fresh-device' },
    );
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.message).toContain('quá nhiều lần');
    expect(await present()).toBe(2);
  });
});
