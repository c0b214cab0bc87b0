/**
 * A member is expected once per session, however its points were added (one by one, in bulk
 * with or without the main point, with listed members): the points' expected counts, the rolls
 * and the Word report's total all equal the number of distinct members, recomputed here from
 * the members' rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../app';
import type { Db } from '../../../db/pool';
import { docxToText } from '../../../lib/docx-text';
import { createTestDb } from '../../../test/db';
import { buildMember, buildOrg, buildUser, type TestMember, type TestOrg } from '../../../test/factories';
import { buildTestApp, loginAs, type TestClient } from '../../../test/http';
import { createTestDocument } from '../testing/harness';

let app: App;
let db: Db;
let drop: () => Promise<void>;
let city: TestOrg, ward: TestOrg, cells: TestOrg[], otherWard: TestOrg, otherCell: TestOrg;
let wardMembers: TestMember[], otherMembers: TestMember[];
let manager: TestClient;
let documentId: number;

const hourFromNow = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

beforeAll(async () => {
  const t = await createTestDb();
  ({ db, drop } = t);
  ({ app } = await buildTestApp(db));
  const province = await buildOrg(db, { name: 'Tỉnh ủy thử dự kiến' });
  city = await buildOrg(db, { parent: province, name: 'Thành ủy thử', kind: 'district_committee' });
  ward = await buildOrg(db, { parent: city, name: 'Đảng ủy phường Dĩ An', kind: 'commune_committee' });
  otherWard = await buildOrg(db, { parent: city, name: 'Đảng ủy phường An Bình', kind: 'commune_committee' });
  cells = [
    await buildOrg(db, { parent: ward, name: 'Chi bộ 1' }),
    await buildOrg(db, { parent: ward, name: 'Chi bộ 2' }),
    await buildOrg(db, { parent: ward, name: 'Chi bộ 3' }),
  ];
  otherCell = await buildOrg(db, { parent: otherWard, name: 'Chi bộ An Bình' });
  wardMembers = [];
  for (const [i, c] of cells.entries()) for (let k = 0; k <= i + 1; k++) wardMembers.push(await buildMember(db, c));
  // A member kept directly at the ward committee (no cell point holds them).
  wardMembers.push(await buildMember(db, ward));
  otherMembers = [await buildMember(db, otherCell), await buildMember(db, otherCell)];
  documentId = await createTestDocument(db, province.id, 'Nghị quyết thử dự kiến');
  const u = await buildUser(db, [{ org: city, role: 'manager' }]);
  manager = await loginAs(app, u.username, u.password);
});
afterAll(async () => {
  await app.close();
  await drop();
});

async function newSession() {
  const res = await manager.post('/api/study/sessions', {
    orgId: city.id,
    title: 'Hội nghị thử đếm dự kiến',
    documentIds: [documentId],
    mode: 'online',
    startsAt: hourFromNow(-0.5),
    endsAt: hourFromNow(2),
  });
  expect(res.statusCode).toBe(201);
  return (res.json() as { id: number }).id;
}

/** Distinct members the session expects, from the rows: in some subtree point's subtree, or listed. */
async function distinctExpected(sessionId: number) {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(DISTINCT m.id)::int AS n FROM bridge_points bp JOIN members m ON true JOIN orgs mo ON mo.id = m.org_id
      WHERE bp.session_id = $1 AND ((bp.expected_kind = 'subtree' AND mo.path <@ (SELECT path FROM orgs WHERE id = bp.expected_org_id))
         OR EXISTS (SELECT 1 FROM bridge_point_members pm WHERE pm.point_id = bp.id AND pm.member_id = m.id))`,
    [sessionId],
  );
  return rows[0]!.n;
}

/** The figures a leader quotes: the session's "Có mặt x/y" (sum of the points), the rolls, and the Word report. */
async function figures(sessionId: number) {
  const points = (await manager.get(`/api/study/sessions/${sessionId}/points`)).json() as { id: number; counts: { expected: number } }[];
  const sumOfPoints = points.reduce((a, p) => a + p.counts.expected, 0);
  const rollCodes: string[] = [];
  for (const p of points) {
    const roll = (await manager.get(`/api/study/points/${p.id}/roll?pageSize=500`)).json() as { items: { code: string }[]; total: number };
    expect(roll.total).toBe(p.counts.expected);
    rollCodes.push(...roll.items.map((r) => r.code));
  }
  const docx = await manager.get(`/api/study/sessions/${sessionId}/report.docx`);
  const text = await docxToText(docx.rawPayload);
  const inWord = Number(/Tổng số đảng viên dự kiến: ([\d.]+)/.exec(text)![1]!.replace(/\./g, ''));
  return { sumOfPoints, rollCodes, inWord };
}

async function expectCountedOnce(sessionId: number, expectedMembers: number) {
  const distinct = await distinctExpected(sessionId);
  expect(distinct).toBe(expectedMembers);
  const f = await figures(sessionId);
  expect(f.sumOfPoints).toBe(distinct);
  expect(f.inWord).toBe(distinct);
  expect(f.rollCodes).toHaveLength(distinct);
  expect(new Set(f.rollCodes).size).toBe(distinct);
}

describe('expected attendance is counted once per member', () => {
  const wardTotal = () => wardMembers.length;

  it('bulk with the main point: the ward point expects only who no cell point holds', async () => {
    const s = await newSession();
    expect(
      (await manager.post(`/api/study/sessions/${s}/points/bulk`, { underOrgId: ward.id, kind: 'cell', includeParent: true })).json(),
    ).toEqual({ created: 4 });
    await expectCountedOnce(s, wardTotal());
    const points = (await manager.get(`/api/study/sessions/${s}/points`)).json() as { orgId: number; counts: { expected: number } }[];
    expect(points.find((p) => p.orgId === ward.id)!.counts.expected).toBe(1);
  });

  it('bulk without the main point', async () => {
    const s = await newSession();
    await manager.post(`/api/study/sessions/${s}/points/bulk`, { underOrgId: ward.id, kind: 'cell', includeParent: false });
    await expectCountedOnce(s, wardTotal() - 1);
  });

  it('single points added in either order, and the same subtree expected twice', async () => {
    const s = await newSession();
    await manager.post(`/api/study/sessions/${s}/points`, { orgId: ward.id });
    await manager.post(`/api/study/sessions/${s}/points`, { orgId: cells[0]!.id });
    await manager.post(`/api/study/sessions/${s}/points`, { orgId: city.id, expectedKind: 'subtree', expectedOrgId: ward.id });
    await expectCountedOnce(s, wardTotal());
    const s2 = await newSession();
    await manager.post(`/api/study/sessions/${s2}/points`, { orgId: cells[1]!.id });
    await manager.post(`/api/study/sessions/${s2}/points`, { orgId: city.id, isMain: true });
    await expectCountedOnce(s2, wardTotal() + otherMembers.length);
  });

  it('listed members: a guest listed at two points, and a member listed inside another point’s subtree', async () => {
    const s = await newSession();
    await manager.post(`/api/study/sessions/${s}/points/bulk`, { underOrgId: city.id, kind: 'commune_committee', includeParent: true });
    const guest = otherMembers[0]!;
    const cellMember = wardMembers[0]!;
    await manager.post(`/api/study/sessions/${s}/points`, {
      orgId: cells[2]!.id,
      expectedKind: 'list',
      memberCodes: [guest.code, cellMember.code],
    });
    await manager.post(`/api/study/sessions/${s}/points`, { orgId: cells[1]!.id, expectedKind: 'list', memberCodes: [guest.code] });
    await expectCountedOnce(s, wardTotal() + otherMembers.length);
    // Marking by hand at the main point does not make anyone expected twice either.
    const main = ((await manager.get(`/api/study/sessions/${s}/points`)).json() as { id: number; orgId: number }[]).find(
      (p) => p.orgId === city.id,
    )!;
    expect((await manager.put(`/api/study/points/${main.id}/attendance/${wardMembers[3]!.id}`, { status: 'present' })).statusCode).toBe(
      200,
    );
    await expectCountedOnce(s, wardTotal() + otherMembers.length);
  });
});
