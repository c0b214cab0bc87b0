import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import {
  buildDocument,
  buildItem,
  buildMember,
  buildOrg,
  buildStudySession,
  buildUser,
  type TestMember,
  type TestOrg,
} from '../../test/factories';
import { buildTestApp, loginAs, type TestClient } from '../../test/http';
import { vnToday } from '../../../domain/vn-time';
import { findStudySources } from './study-actuals.service';

let app: App;
let db: Db;
let drop: () => Promise<void>;
let province: TestOrg, city: TestOrg, ward: TestOrg, cell: TestOrg;
let members: TestMember[];
let manager: TestClient, wardReporter: TestClient;
let resolutionId: number, cityProgram: number, wardPlan: number, sessionId: number;
const asOf = vnToday();
const term = `${Number(asOf.slice(0, 4)) - 1}-${Number(asOf.slice(0, 4)) + 4}`;

const insertDoc = async (org: TestOrg, kind: string, number: number, implementsSeries: number | null) =>
  (
    await buildDocument(db, org, {
      kind,
      term,
      number,
      symbol: `${number}-NQ`,
      title: `Văn bản thử nghiệm ${number}`,
      ...(implementsSeries ? { implementsSeries } : {}),
    })
  ).id;
const insertStudyTarget = (documentId: number) =>
  buildItem(db, documentId, {
    kind: 'target',
    position: 1,
    text: '100% đảng viên được học tập, quán triệt nghị quyết',
    indicator: 'STUDY_RATE',
    comparator: '=',
    value: 100,
    unit: '%',
    byYear: Number(term.slice(5)),
  });
/** Marks members present at the session: the attendance triggers record the study. */
async function checkIn(ms: TestMember[]) {
  await db.query(
    `INSERT INTO attendances (session_id, member_id, org_id, status, method) SELECT $1, m, $2, 'present', 'manual' FROM unnest($3::bigint[]) m`,
    [sessionId, cell.id, ms.map((m) => m.id)],
  );
}
type Target = { indicatorName: string; latest: number | null; source: string; actuals: { numerator?: number }[] };
const studyTarget = async (client: TestClient, documentId: number, orgId: number) => {
  const res = await client.get(`/api/documents/${documentId}/dashboard?orgId=${orgId}&asOf=${asOf}`);
  expect(res.statusCode).toBe(200);
  return (res.json().targets as Target[]).find((t) => t.indicatorName.includes('học tập'))!;
};

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
  province = await buildOrg(db, { name: 'Tỉnh ủy Bình Dương' });
  city = await buildOrg(db, { parent: province, name: 'Thành ủy Dĩ An', kind: 'district_committee' });
  ward = await buildOrg(db, { parent: city, name: 'Đảng ủy phường Đông Hòa', kind: 'commune_committee' });
  cell = await buildOrg(db, { parent: ward, name: 'Chi bộ Khu phố Tân Hòa' });
  members = [];
  for (const n of ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường', 'Phạm Thị Dung'])
    members.push(await buildMember(db, cell, { fullName: n }));

  resolutionId = await insertDoc(province, 'resolution', 1, null);
  await insertStudyTarget(resolutionId);
  cityProgram = await insertDoc(city, 'action_program', 2, resolutionId);
  wardPlan = await insertDoc(ward, 'plan', 3, cityProgram);
  await insertStudyTarget(wardPlan);

  ({ id: sessionId } = await buildStudySession(db, province, {
    title: 'Hội nghị quán triệt Nghị quyết',
    mode: 'in_person',
    endsAt: new Date(Date.now() + 2 * 3600_000),
    documentIds: [resolutionId],
  }));

  manager = await loginAs(
    app,
    ...(await buildUser(db, [{ org: province, role: 'manager' }]).then((u) => [u.username, u.password] as const)),
  );
  wardReporter = await loginAs(
    app,
    ...(await buildUser(db, [{ org: ward, role: 'reporter' }]).then((u) => [u.username, u.password] as const)),
  );
});
afterAll(async () => {
  await app.close();
  await drop();
});

describe('STUDY_RATE targets from study coverage', () => {
  it('measures a plan on the resolution it carries out, through the program between them', async () => {
    expect(await findStudySources(db, wardPlan)).toEqual([[resolutionId]]);
    expect(await findStudySources(db, cityProgram)).toEqual([[resolutionId]]);
    expect(await findStudySources(db, resolutionId)).toEqual([[resolutionId]]);
  });

  it('keeps the reported series while nobody has checked in', async () => {
    const t = await studyTarget(manager, resolutionId, province.id);
    expect(t.source).toBe('reports');
    expect(t.latest).toBeNull();
  });

  it('moves the dashboard actual as members check in, with no report typed', async () => {
    await checkIn(members.slice(0, 1));
    let t = await studyTarget(manager, resolutionId, province.id);
    expect(t.source).toBe('study');
    expect(t.latest).toBe(25);

    await checkIn(members.slice(1, 3));
    t = await studyTarget(manager, resolutionId, province.id);
    expect(t.latest).toBe(75);
    expect(t.actuals.at(-1)).toMatchObject({ periodEnd: asOf, value: 75 });

    const ward = await studyTarget(wardReporter, wardPlan, cell.id);
    expect(ward).toMatchObject({ source: 'study', latest: 75 });
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM reports WHERE document_id = ANY($1::bigint[])', [
      [resolutionId, wardPlan],
    ]);
    expect(rows[0]!.n).toBe(0);
  });

  it('suggests the coverage as the figure of the report form', async () => {
    const created = await manager.post(`/api/documents/${resolutionId}/report-schedules`, { periodType: 'year' });
    expect(created.statusCode).toBe(201);
    const { rows } = await db.query<{ id: number }>(
      `SELECT id FROM reports WHERE org_id = $1 AND period_start <= $2::date AND period_end >= $2::date`,
      [ward.id, asOf],
    );
    const res = await wardReporter.get(`/api/reports/${rows[0]!.id}`);
    expect(res.statusCode).toBe(200);
    const target = res.json().targets.find((x: { documentId: number }) => x.documentId === wardPlan);
    expect(target.fromStudy).toMatchObject({ value: 75, numerator: 3, denominator: 4 });
  });
});
