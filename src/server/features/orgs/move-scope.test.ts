import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import { buildDocument, buildItem, buildOrg, buildTask, buildUser, type TestOrg } from '../../test/factories';
import { buildTestApp, loginAs, type TestClient } from '../../test/http';

// A ward committee with a plan, a task, reports, approved values and an explanation request
// moves from one district to another. Nothing about it may stay behind at the old parent:
// scope and rollups follow the org, not a path copied when the records were made.

let app: App;
let db: Db;
let drop: () => Promise<void>;
let province: TestOrg, oldParent: TestOrg, newParent: TestOrg, ward: TestOrg;
let oldManager: TestClient,
  newManager: TestClient,
  ownManager: TestClient,
  viewer: TestClient,
  oldApprover: TestClient,
  newApprover: TestClient,
  admin: TestClient;
let documentId: number, itemId: number, taskId: number, indicatorId: number, explanationId: number;

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
  province = await buildOrg(db, { name: 'Tỉnh ủy Bình Dương' });
  oldParent = await buildOrg(db, { parent: province, name: 'Thành ủy Dĩ An', kind: 'district_committee' });
  newParent = await buildOrg(db, { parent: province, name: 'Thành ủy Thuận An', kind: 'district_committee' });
  ward = await buildOrg(db, { parent: oldParent, name: 'Đảng ủy phường Đông Hòa', kind: 'commune_committee' });
  // The tree has stood since 2020: today's move closes that stretch and opens a new one.
  await db.query(`UPDATE orgs SET valid_from = '2020-01-01'`);
  await db.query(`UPDATE org_versions SET valid_from = '2020-01-01'`);
  indicatorId = (await db.query<{ id: number }>(`SELECT id FROM indicators WHERE code = 'NEW_MEMBERS'`)).rows[0]!.id;
  documentId = (await buildDocument(db, ward, { kind: 'plan', number: 1, symbol: '01-KH/ĐU', title: 'Kế hoạch của phường Đông Hòa' })).id;
  itemId = await buildItem(db, documentId, {
    kind: 'target',
    position: 1,
    text: 'Kết nạp đảng viên',
    indicator: 'NEW_MEMBERS',
    comparator: '>=',
    value: 10,
    unit: 'đảng viên',
    byYear: 2025,
  });
  const taskItem = await buildItem(db, documentId, { kind: 'task', position: 2, text: 'Chỉnh trang đô thị' });
  taskId = await buildTask(db, ward, { itemId: taskItem, title: 'Chỉnh trang đô thị', dueDate: '2024-12-31' });
  explanationId = (
    await db.query<{ id: number }>(
      `INSERT INTO explanation_requests (document_id, item_id, org_id, question, due_date, asked_by_name)
     VALUES ($1, $2, $3, 'Vì sao chậm?', '2025-03-31', 'Thành ủy') RETURNING id`,
      [documentId, itemId, ward.id],
    )
  ).rows[0]!.id;
  const login = async (grants: Parameters<typeof buildUser>[1]) => {
    const u = await buildUser(db, grants);
    return loginAs(app, u.username, u.password);
  };
  oldManager = await login([{ org: oldParent, role: 'manager' }]);
  newManager = await login([{ org: newParent, role: 'manager' }]);
  ownManager = await login([{ org: ward, role: 'manager' }]);
  viewer = await login([{ org: ward, role: 'viewer' }]);
  oldApprover = await login([{ org: oldParent, role: 'approver' }]);
  newApprover = await login([{ org: newParent, role: 'approver' }]);
  admin = await login([{ org: province, role: 'admin' }]);
  expect((await ownManager.post(`/api/documents/${documentId}/report-schedules`, { periodType: 'quarter' })).statusCode).toBe(201);
});
afterAll(async () => {
  await app.close();
  await drop();
});

async function reportOf(periodKey: string) {
  const list = await ownManager.get(`/api/reports?documentId=${documentId}&orgId=${ward.id}&periodKey=${periodKey}`);
  return list.json().items[0] as { id: number; version: number };
}

async function submit(periodKey: string, value: number) {
  const r = await reportOf(periodKey);
  const saved = await ownManager.put(`/api/reports/${r.id}`, { version: r.version, targets: [{ itemId, value }], tasks: [] });
  expect(saved.statusCode).toBe(200);
  const sub = await ownManager.post(`/api/reports/${r.id}/submit`, {
    version: saved.json().version,
    idempotencyKey: `submit-${periodKey}-0001`,
  });
  expect(sub.statusCode).toBe(200);
  return { id: r.id, version: sub.json().version as number };
}

const rollup = async (org: TestOrg, periodKey: string) =>
  (
    await db.query<{ s: number }>(
      'SELECT sum_value::float8 AS s FROM indicator_rollups WHERE org_id = $1 AND indicator_id = $2 AND period_key = $3',
      [org.id, indicatorId, periodKey],
    )
  ).rows[0]?.s ?? null;

/** What a client sees of the ward's records: one status per record. */
async function view(c: TestClient) {
  const q1 = await reportOf('2024-Q1');
  const tasks = await c.get(`/api/tasks?documentId=${documentId}`);
  return {
    document: (await c.get(`/api/documents/${documentId}`)).statusCode,
    report: (await c.get(`/api/reports/${q1.id}`)).statusCode,
    reportsListed: (await c.get(`/api/reports?documentId=${documentId}`)).json().items?.length ?? 0,
    taskListed: (tasks.json().items ?? []).some((t: { id: number }) => t.id === taskId),
    explanation: (await c.get(`/api/explanations/${explanationId}`)).statusCode,
    dashboard: (await c.get(`/api/documents/${documentId}/dashboard?orgId=${ward.id}&asOf=2024-12-31`)).statusCode,
  };
}

const sees = { document: 200, report: 200, taskListed: true, explanation: 200, dashboard: 200 };
const blind = { document: 404, report: 404, reportsListed: 0, taskListed: false, explanation: 404, dashboard: 404 };

describe('moving an org with documents, reports, tasks and values', () => {
  it('before the move: the old parent and the ward see it, the new parent does not; the approval adds to the old ancestors', async () => {
    const r = await submit('2024-Q1', 3);
    expect(
      (await oldApprover.post(`/api/reports/${r.id}/approve`, { version: r.version, idempotencyKey: 'approve-q1-0001' })).statusCode,
    ).toBe(200);
    expect(await view(oldManager)).toMatchObject(sees);
    expect(await view(ownManager)).toMatchObject(sees);
    expect(await view(viewer)).toMatchObject(sees);
    expect(await view(newManager)).toEqual(blind);
    expect([await rollup(province, '2024-Q1'), await rollup(oldParent, '2024-Q1'), await rollup(newParent, '2024-Q1')]).toEqual([
      3,
      3,
      null,
    ]);
  });

  it('after the move: the new parent and the ward see it, the old parent gets 404 everywhere', async () => {
    const org = (await admin.get(`/api/orgs/${ward.id}`)).json();
    const moved = await admin.post(`/api/orgs/${ward.id}/move`, { version: org.version, newParentId: newParent.id });
    expect(moved.statusCode).toBe(200);
    expect(await view(oldManager)).toEqual(blind);
    expect(await view(newManager)).toMatchObject(sees);
    expect(await view(ownManager)).toMatchObject(sees);
    expect(await view(viewer)).toMatchObject(sees);
  });

  it('moves the approved values out of the old ancestors’ rollups and into the new ones, in the move’s transaction', async () => {
    expect([
      await rollup(province, '2024-Q1'),
      await rollup(oldParent, '2024-Q1'),
      await rollup(newParent, '2024-Q1'),
      await rollup(ward, '2024-Q1'),
    ]).toEqual([3, null, 3, 3]);
    const series = await newManager.get(`/api/rollups?indicatorId=${indicatorId}&orgId=${newParent.id}&asOf=2024-12-31`);
    expect(series.json().periods).toEqual([
      { periodKey: '2024-Q1', periodEnd: '2024-03-31', own: null, subtree: 3, numerator: null, denominator: null, reporting: 1 },
    ]);
    expect((await oldApprover.get(`/api/rollups?indicatorId=${indicatorId}&orgId=${oldParent.id}&asOf=2024-12-31`)).json().periods).toEqual(
      [],
    );
  });

  it('after the move the new parent approves, and the approval adds only to the new ancestors', async () => {
    const r = await submit('2024-Q2', 5);
    expect(
      (await oldApprover.post(`/api/reports/${r.id}/approve`, { version: r.version, idempotencyKey: 'approve-q2-0001' })).statusCode,
    ).toBe(404);
    expect(
      (await newApprover.post(`/api/reports/${r.id}/approve`, { version: r.version, idempotencyKey: 'approve-q2-0002' })).statusCode,
    ).toBe(200);
    expect([await rollup(province, '2024-Q2'), await rollup(oldParent, '2024-Q2'), await rollup(newParent, '2024-Q2')]).toEqual([
      5,
      null,
      5,
    ]);
  });

  it('keeps the ward’s audit entries readable by the ward’s new parent', async () => {
    const res = await newManager.get(`/api/audit?orgId=${ward.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.some((a: { entity: string }) => a.entity === 'report')).toBe(true);
    expect((await oldManager.get(`/api/audit?orgId=${ward.id}`)).statusCode).toBe(404);
  });

  it('records the move in the org’s dated history: the old parent until today, the new one from today', async () => {
    const { rows } = await db.query<{ parentId: number; validTo: string | null }>(
      `SELECT parent_id::int AS "parentId", to_char(valid_to, 'YYYY-MM-DD') AS "validTo" FROM org_versions WHERE org_id = $1 ORDER BY valid_from`,
      [ward.id],
    );
    expect(rows.map((r) => r.parentId)).toEqual([oldParent.id, newParent.id]);
    expect(rows[0]!.validTo).not.toBeNull();
    expect(rows[1]!.validTo).toBeNull();
  });
});
