import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import { buildDocument, buildItem, buildOrg, buildTask, buildUser, type TestOrg } from '../../test/factories';
import { buildTestApp, loginAs, type TestClient } from '../../test/http';
import { fixClock, restoreClockAfterEach } from '../../test/clock';

let app: App;
let db: Db;
let drop: () => Promise<void>;
/** The owner's connection: the app role may not create functions (a stand-in failure needs one). */
let adminDb: () => Db;
let city: TestOrg, ward: TestOrg;
let cityApprover: TestClient, wardReporter: TestClient;
let documentId: number, itemId: number, taskId: number, indicatorId: number;

beforeAll(async () => {
  ({ db, drop, adminDb } = await createTestDb());
  ({ app } = await buildTestApp(db));
  city = await buildOrg(db, { name: 'Thành ủy Dĩ An', kind: 'district_committee' });
  ward = await buildOrg(db, { parent: city, name: 'Đảng ủy phường Đông Hòa', kind: 'commune_committee' });
  indicatorId = (await db.query<{ id: number }>(`SELECT id FROM indicators WHERE code = 'NEW_MEMBERS'`)).rows[0]!.id;
  documentId = (await buildDocument(db, ward, { kind: 'plan', number: 1, symbol: '01-KH', title: 'Kế hoạch thử' })).id;
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
  const manager = await buildUser(db, [{ org: ward, role: 'manager' }]);
  const m = await loginAs(app, manager.username, manager.password);
  expect((await m.post(`/api/documents/${documentId}/report-schedules`, { periodType: 'quarter' })).statusCode).toBe(201);
  const approver = await buildUser(db, [{ org: city, role: 'approver' }]);
  cityApprover = await loginAs(app, approver.username, approver.password);
  const reporter = await buildUser(db, [{ org: ward, role: 'reporter' }]);
  wardReporter = await loginAs(app, reporter.username, reporter.password);
});
afterAll(async () => {
  await app.close();
  await drop();
});

async function submitted(periodKey: string, progress: number) {
  const list = await wardReporter.get(`/api/reports?documentId=${documentId}&orgId=${ward.id}&periodKey=${periodKey}`);
  const r = list.json().items[0] as { id: number; version: number };
  const saved = await wardReporter.put(`/api/reports/${r.id}`, {
    version: r.version,
    targets: [{ itemId, value: 3 }],
    tasks: [{ taskId, status: 'in_progress', progress }],
  });
  expect(saved.statusCode).toBe(200);
  const sub = await wardReporter.post(`/api/reports/${r.id}/submit`, {
    version: saved.json().version,
    idempotencyKey: `submit-${periodKey}-0001`,
  });
  expect(sub.statusCode).toBe(200);
  return { id: r.id, version: sub.json().version as number };
}

const taskRow = async () =>
  (await db.query<{ progress: number; version: number }>('SELECT progress, version FROM tasks WHERE id = $1', [taskId])).rows[0]!;
const cityRollup = async (periodKey: string) =>
  (
    await db.query('SELECT sum_value::float8 AS s FROM indicator_rollups WHERE org_id = $1 AND indicator_id = $2 AND period_key = $3', [
      city.id,
      indicatorId,
      periodKey,
    ])
  ).rows[0]?.s ?? null;

describe('approval and the task progress it carries', () => {
  let r: { id: number; version: number };
  it('commits together: when the task cannot be updated, the approval rolls back with it', async () => {
    r = await submitted('2024-Q1', 30);
    const before = await taskRow();
    // The documents side fails (a stand-in for any error in updateTask).
    await adminDb().query(
      `CREATE FUNCTION test_refuse_task() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'task refused'; END $$`,
    );
    await adminDb().query(`CREATE TRIGGER test_refuse_task BEFORE UPDATE ON tasks FOR EACH ROW EXECUTE FUNCTION test_refuse_task()`);
    try {
      const res = await cityApprover.post(`/api/reports/${r.id}/approve`, { version: r.version, idempotencyKey: 'approve-q1-0001' });
      expect(res.statusCode).toBe(500);
    } finally {
      await adminDb().query('DROP TRIGGER test_refuse_task ON tasks');
      await adminDb().query('DROP FUNCTION test_refuse_task()');
    }
    const { rows } = await db.query('SELECT status, version FROM reports WHERE id = $1', [r.id]);
    expect(rows[0]).toMatchObject({ status: 'submitted', version: r.version });
    expect(await cityRollup('2024-Q1')).toBeNull();
    expect(await taskRow()).toEqual(before);
    const { rows: audit } = await db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity = 'report' AND entity_id = $1 AND action = 'approve'`,
      [String(r.id)],
    );
    expect(audit[0].n).toBe(0);
  });

  it('writes the progress, its audit and the rollup in the approval’s transaction', async () => {
    const before = await taskRow();
    const res = await cityApprover.post(`/api/reports/${r.id}/approve`, { version: r.version, idempotencyKey: 'approve-q1-0002' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('approved');
    expect(await taskRow()).toEqual({ progress: 30, version: before.version + 1 });
    expect(await cityRollup('2024-Q1')).toBe(3);
    const { rows } = await db.query(
      `SELECT actor_name FROM audit_log WHERE entity = 'task' AND entity_id = $1 AND action = 'update' ORDER BY id DESC LIMIT 1`,
      [String(taskId)],
    );
    expect(rows[0]).toMatchObject({ actor_name: 'Phê duyệt báo cáo' });
    // A retried approval with the same key changes nothing more.
    const again = await cityApprover.post(`/api/reports/${r.id}/approve`, { version: r.version, idempotencyKey: 'approve-q1-0002' });
    expect(again.statusCode).toBe(200);
    expect((await taskRow()).version).toBe(before.version + 1);
  });

  it('shows the approved value in the dashboard series of the org and its ancestors', async () => {
    const res = await cityApprover.get(`/api/rollups?indicatorId=${indicatorId}&orgId=${city.id}&asOf=2024-12-31`);
    expect(res.json().periods).toEqual([
      { periodKey: '2024-Q1', periodEnd: '2024-03-31', own: null, subtree: 3, numerator: null, denominator: null, reporting: 1 },
    ]);
    const own = await cityApprover.get(`/api/rollups?indicatorId=${indicatorId}&orgId=${ward.id}&asOf=2024-12-31`);
    expect(own.json().periods[0]).toMatchObject({ own: 3, subtree: 3 });
    expect((await cityApprover.get(`/api/rollups?indicatorId=${indicatorId}&orgId=${city.id}&asOf=2024-03-30`)).json().periods).toEqual([]);
  });

  describe('without asOf, as of today in Vietnam', () => {
    restoreClockAfterEach();
    it('at 23:30 UTC on 30 March counts the quarter that ends on 31 March (already today in Vietnam)', async () => {
      fixClock('2024-03-30T23:30:00Z');
      const res = await cityApprover.get(`/api/rollups?indicatorId=${indicatorId}&orgId=${city.id}`);
      expect(res.json().periods.map((p: { periodKey: string }) => p.periodKey)).toEqual(['2024-Q1']);
    });
    it('at 16:59 UTC on 30 March (23:59 in Vietnam) does not count it yet', async () => {
      fixClock('2024-03-30T16:59:00Z');
      const res = await cityApprover.get(`/api/rollups?indicatorId=${indicatorId}&orgId=${city.id}`);
      expect(res.json().periods).toEqual([]);
    });
  });
});
