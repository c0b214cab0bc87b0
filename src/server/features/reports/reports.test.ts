import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import { buildDocument, buildItem, buildOrg, buildTask, buildUser, type TestOrg } from '../../test/factories';
import { anonymous, buildTestApp, loginAs, type TestClient } from '../../test/http';
import { fixClock, realClock } from '../../test/clock';

let app: App;
let db: Db;
let drop: () => Promise<void>;
let province: TestOrg, city: TestOrg, ward: TestOrg, otherWard: TestOrg, farProvince: TestOrg;
let manager: TestClient, cityApprover: TestClient, provinceApprover: TestClient, wardReporter: TestClient, otherWardReporter: TestClient;
let wardViewer: TestClient, farManager: TestClient, anon: TestClient;
let resolutionId: number;
let provTargetMembers: number, wardTargetMembers: number, wardTargetStudy: number, taskId: number;
const ind: Record<string, number> = {};

const insertDoc = async (org: TestOrg, kind: string, number: number, implementsSeries: number | null) =>
  (
    await buildDocument(db, org, {
      kind,
      number,
      symbol: `${number}-NQ`,
      title: `Nghị quyết thử nghiệm ${number}`,
      ...(implementsSeries ? { implementsSeries } : {}),
    })
  ).id;
const insertTarget = (documentId: number, position: number, indicator: string, comparator: string, value: number, unit: string) =>
  buildItem(db, documentId, { kind: 'target', position, text: `Chỉ tiêu ${indicator}`, indicator, comparator, value, unit, byYear: 2025 });
const reportOf = async (client: TestClient, orgId: number, periodKey: string) => {
  const res = await client.get(`/api/reports?documentId=${resolutionId}&orgId=${orgId}&periodKey=${periodKey}`);
  expect(res.statusCode).toBe(200);
  return res.json().items[0] as { id: number; version: number; status: string };
};

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
  province = await buildOrg(db, { name: 'Tỉnh ủy Bình Dương' });
  city = await buildOrg(db, { parent: province, name: 'Thành ủy Dĩ An', kind: 'district_committee' });
  ward = await buildOrg(db, { parent: city, name: 'Đảng ủy phường Đông Hòa', kind: 'commune_committee' });
  otherWard = await buildOrg(db, { parent: city, name: 'Đảng ủy phường Tân Bình', kind: 'commune_committee' });
  farProvince = await buildOrg(db, { name: 'Tỉnh ủy Hậu Giang' });
  for (const r of (await db.query<{ id: number; code: string }>('SELECT id, code FROM indicators')).rows) ind[r.code] = r.id;

  resolutionId = await insertDoc(province, 'resolution', 1, null);
  provTargetMembers = await insertTarget(resolutionId, 1, 'NEW_MEMBERS', '>=', 100, 'đảng viên');
  await insertTarget(resolutionId, 2, 'STUDY_RATE', '=', 100, '%');
  const taskItem = await buildItem(db, resolutionId, { kind: 'task', position: 3, text: 'Chỉnh trang đô thị' });
  const cityPlan = await insertDoc(city, 'action_program', 2, resolutionId);
  await insertTarget(cityPlan, 1, 'NEW_MEMBERS', '>=', 40, 'đảng viên');
  const wardPlan = await insertDoc(ward, 'plan', 3, cityPlan);
  wardTargetMembers = await insertTarget(wardPlan, 1, 'NEW_MEMBERS', '>=', 10, 'đảng viên');
  wardTargetStudy = await insertTarget(wardPlan, 2, 'STUDY_RATE', '=', 100, '%');
  const otherPlan = await insertDoc(otherWard, 'plan', 4, cityPlan);
  await insertTarget(otherPlan, 1, 'NEW_MEMBERS', '>=', 10, 'đảng viên');
  taskId = await buildTask(db, province, { lead: ward, itemId: taskItem, title: 'Chỉnh trang đô thị phường', dueDate: '2022-06-30' });

  const login = async (grants: { org: TestOrg; role: 'manager' | 'approver' | 'reporter' | 'viewer' }[]) => {
    const u = await buildUser(db, grants);
    return loginAs(app, u.username, u.password);
  };
  manager = await login([{ org: province, role: 'manager' }]);
  cityApprover = await login([{ org: city, role: 'approver' }]);
  provinceApprover = await login([{ org: province, role: 'approver' }]);
  wardReporter = await login([{ org: ward, role: 'reporter' }]);
  otherWardReporter = await login([{ org: otherWard, role: 'reporter' }]);
  wardViewer = await login([{ org: ward, role: 'viewer' }]);
  farManager = await login([{ org: farProvince, role: 'manager' }]);
  anon = await anonymous(app);
});
afterAll(async () => {
  await app.close();
  await drop();
});

describe('reporting schedules', () => {
  it('opens a report for every org holding targets or tasks, every quarter, lower levels due earlier', async () => {
    const res = await manager.post(`/api/documents/${resolutionId}/report-schedules`, {
      periodType: 'quarter',
      dueDays: 15,
      levelOffsetDays: 5,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().reportCount).toBe(4 * 20);
    const { rows } = await db.query<{ org_id: number; due: string }>(
      `SELECT org_id, to_char(due_date, 'YYYY-MM-DD') AS due FROM reports WHERE period_key = '2024-Q1'`,
    );
    const due = new Map(rows.map((r) => [Number(r.org_id), r.due]));
    expect(due.get(province.id)).toBe('2024-04-15');
    expect(due.get(city.id)).toBe('2024-04-10');
    expect(due.get(ward.id)).toBe('2024-04-05');
  });
  it('answers 409 for a second schedule of the same type, 400 with the field for a bad type', async () => {
    expect((await manager.post(`/api/documents/${resolutionId}/report-schedules`, { periodType: 'quarter' })).statusCode).toBe(409);
    const bad = await manager.post(`/api/documents/${resolutionId}/report-schedules`, { periodType: 'weekly' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('body.periodType');
  });
  it('answers 401, 403 and 404 as the house rules say', async () => {
    expect((await anon.post(`/api/documents/${resolutionId}/report-schedules`, { periodType: 'year' })).statusCode).toBe(401);
    expect((await wardReporter.post(`/api/documents/${resolutionId}/report-schedules`, { periodType: 'year' })).statusCode).toBe(403);
    expect((await farManager.post(`/api/documents/${resolutionId}/report-schedules`, { periodType: 'year' })).statusCode).toBe(404);
  });
});

describe('the report form', () => {
  it('holds the targets of the org’s own plan and the tasks it leads', async () => {
    const r = await reportOf(wardReporter, ward.id, '2024-Q1');
    const res = await wardReporter.get(`/api/reports/${r.id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.targets.map((t: { itemId: number }) => t.itemId)).toEqual([wardTargetMembers, wardTargetStudy]);
    expect(body.tasks.map((t: { taskId: number }) => t.taskId)).toEqual([taskId]);
    expect(body.abilities).toMatchObject({ update: true, submit: true, approve: false });
  });
  it('saves figures with the version, computes rates from their parts, refuses a stale version', async () => {
    const r = await reportOf(wardReporter, ward.id, '2024-Q1');
    const res = await wardReporter.put(`/api/reports/${r.id}`, {
      version: r.version,
      narrative: 'Đã tổ chức học tập nghị quyết.',
      targets: [
        { itemId: wardTargetMembers, value: 4, source: 'Ban Tổ chức' },
        { itemId: wardTargetStudy, numerator: 45, denominator: 50 },
      ],
      tasks: [{ taskId, status: 'in_progress', progress: 40, doneText: 'Đã lát vỉa hè 2 tuyến' }],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().targets[1].reported.value).toBe(90);
    expect((await wardReporter.put(`/api/reports/${r.id}`, { version: r.version, narrative: 'x' })).statusCode).toBe(409);
  });
  it('answers 400 with the field for a target the org does not hold', async () => {
    const r = await reportOf(wardReporter, ward.id, '2024-Q1');
    const res = await wardReporter.put(`/api/reports/${r.id}`, { version: r.version, targets: [{ itemId: provTargetMembers, value: 1 }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].field).toBe('body.targets.0.itemId');
  });
  it('answers 403 to a viewer, 404 to another ward, 401 to nobody', async () => {
    const r = await reportOf(wardReporter, ward.id, '2024-Q1');
    expect((await wardViewer.put(`/api/reports/${r.id}`, { version: r.version })).statusCode).toBe(403);
    expect((await otherWardReporter.get(`/api/reports/${r.id}`)).statusCode).toBe(404);
    expect((await otherWardReporter.put(`/api/reports/${r.id}`, { version: r.version })).statusCode).toBe(404);
    expect((await anon.get(`/api/reports/${r.id}`)).statusCode).toBe(401);
  });
});

describe('the workflow', () => {
  it('submits idempotently, locks the figures, returns with a comment, resubmits and approves one level up', async () => {
    let r = await reportOf(wardReporter, ward.id, '2024-Q1');
    const sub = await wardReporter.post(`/api/reports/${r.id}/submit`, { version: r.version, idempotencyKey: 'submit-key-0001' });
    expect(sub.statusCode).toBe(200);
    expect(sub.json().status).toBe('submitted');
    // A retried request with the same key gets the same answer, not a conflict.
    const again = await wardReporter.post(`/api/reports/${r.id}/submit`, { version: r.version, idempotencyKey: 'submit-key-0001' });
    expect(again.statusCode).toBe(200);
    expect(again.json().version).toBe(sub.json().version);
    expect((await wardReporter.put(`/api/reports/${r.id}`, { version: sub.json().version, narrative: 'sửa' })).statusCode).toBe(409);

    // Only the level directly above approves: the province's approver is refused.
    expect(
      (await provinceApprover.post(`/api/reports/${r.id}/approve`, { version: sub.json().version, idempotencyKey: 'approve-key-0001' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await wardReporter.post(`/api/reports/${r.id}/return`, { version: sub.json().version, comment: 'Bổ sung số liệu' })).statusCode,
    ).toBe(403);
    const bad = await cityApprover.post(`/api/reports/${r.id}/return`, { version: sub.json().version, comment: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('body.comment');

    const ret = await cityApprover.post(`/api/reports/${r.id}/return`, {
      version: sub.json().version,
      comment: 'Bổ sung nguồn số liệu tỷ lệ học tập',
    });
    expect(ret.statusCode).toBe(200);
    expect(ret.json()).toMatchObject({ status: 'returned', returnComment: 'Bổ sung nguồn số liệu tỷ lệ học tập' });

    r = await reportOf(wardReporter, ward.id, '2024-Q1');
    expect(
      (
        await wardReporter.put(`/api/reports/${r.id}`, {
          version: r.version,
          targets: [{ itemId: wardTargetMembers, value: 6, source: 'Ban Tổ chức' }],
        })
      ).statusCode,
    ).toBe(200);
    r = await reportOf(wardReporter, ward.id, '2024-Q1');
    const resub = await wardReporter.post(`/api/reports/${r.id}/submit`, { version: r.version, idempotencyKey: 'submit-key-0002' });
    expect(resub.json().status).toBe('submitted');
    const ok = await cityApprover.post(`/api/reports/${r.id}/approve`, {
      version: resub.json().version,
      idempotencyKey: 'approve-key-0002',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('approved');
    expect(ok.json().events.map((e: { action: string }) => e.action)).toEqual(['submit', 'return', 'resubmit', 'approve']);
    // The approved task progress reached the task.
    const { rows } = await db.query('SELECT status, progress FROM tasks WHERE id = $1', [taskId]);
    expect(rows[0]).toMatchObject({ status: 'in_progress', progress: 40 });
  });

  it('shows an approved value in every ancestor’s rollup, rates from their parts', async () => {
    const city_ = await cityApprover.get(`/api/rollups?indicatorId=${ind.NEW_MEMBERS}&orgId=${city.id}&asOf=2024-12-31`);
    expect(city_.statusCode).toBe(200);
    expect(city_.json().periods[0]).toMatchObject({ periodKey: '2024-Q1', subtree: 6, reporting: 1 });
    const prov = await manager.get(`/api/rollups?indicatorId=${ind.STUDY_RATE}&orgId=${province.id}&asOf=2024-12-31`);
    expect(prov.json().periods[0]).toMatchObject({ subtree: 90, numerator: 45, denominator: 50 });
  });

  it('lets two approvals race: one wins, the other gets 409; the same submit key twice records one event', async () => {
    const r = await reportOf(otherWardReporter, otherWard.id, '2024-Q1');
    await otherWardReporter.put(`/api/reports/${r.id}`, {
      version: r.version,
      targets: [{ itemId: (await otherWardReporter.get(`/api/reports/${r.id}`)).json().targets[0].itemId, value: 3 }],
    });
    const fresh = await reportOf(otherWardReporter, otherWard.id, '2024-Q1');
    const subs = await Promise.all(
      [1, 2].map(() =>
        otherWardReporter.post(`/api/reports/${r.id}/submit`, { version: fresh.version, idempotencyKey: 'same-submit-key' }),
      ),
    );
    expect(subs.map((s) => s.statusCode)).toEqual([200, 200]);
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM report_events WHERE report_id = $1 AND action = 'submit'`, [r.id]);
    expect(rows[0].n).toBe(1);
    const v = subs[0]!.json().version;
    const approvals = await Promise.all(
      ['race-key-a0001', 'race-key-b0001'].map((k) => cityApprover.post(`/api/reports/${r.id}/approve`, { version: v, idempotencyKey: k })),
    );
    expect(approvals.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const city_ = await cityApprover.get(`/api/rollups?indicatorId=${ind.NEW_MEMBERS}&orgId=${city.id}&asOf=2024-12-31`);
    expect(city_.json().periods[0]).toMatchObject({ subtree: 9, reporting: 2 });
  });

  it('reopens an approved report: the values leave the rollup and the history stays', async () => {
    const r = await reportOf(cityApprover, otherWard.id, '2024-Q1');
    const res = await cityApprover.post(`/api/reports/${r.id}/return`, { version: r.version, comment: 'Số liệu cần rà soát lại' });
    expect(res.json()).toMatchObject({ status: 'returned' });
    expect(res.json().events.at(-1).action).toBe('reopen');
    const city_ = await cityApprover.get(`/api/rollups?indicatorId=${ind.NEW_MEMBERS}&orgId=${city.id}&asOf=2024-12-31`);
    expect(city_.json().periods[0]).toMatchObject({ subtree: 6, reporting: 1 });
  });

  it('lists reports waiting for the caller', async () => {
    const res = await wardReporter.get(`/api/reports?waiting=write&documentId=${resolutionId}&pageSize=5`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.every((r: { orgId: number }) => r.orgId === ward.id)).toBe(true);
    // Totals and pages are counted in the database: walking the pages yields every row once.
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM reports WHERE org_id = $1 AND document_id = $2 AND status IN ('draft','returned')`,
      [ward.id, resolutionId],
    );
    expect(res.json().total).toBe(rows[0]!.n);
    const seen: number[] = [];
    for (let page = 1; page <= Math.ceil(rows[0]!.n / 2); page += 1) {
      const p = (await wardReporter.get(`/api/reports?waiting=write&documentId=${resolutionId}&pageSize=2&page=${page}`)).json();
      seen.push(...p.items.map((r: { id: number }) => r.id));
    }
    expect(new Set(seen).size).toBe(rows[0]!.n);
    const approve = (await cityApprover.get(`/api/reports?waiting=approve&documentId=${resolutionId}`)).json();
    expect(approve.items.every((r: { abilities: { approve: boolean } }) => r.abilities.approve)).toBe(true);
    expect(approve.total).toBe(approve.items.length);
  });
});

describe('dashboard', () => {
  it('shows targets by status, tasks, completeness and children, as of a date', async () => {
    const res = await manager.get(`/api/documents/${resolutionId}/dashboard?asOf=2024-06-30`);
    expect(res.statusCode).toBe(200);
    const d = res.json();
    const members = d.targets.find((t: { itemId: number }) => t.itemId === provTargetMembers);
    expect(members).toMatchObject({ latest: 6, latestPeriod: '2024-Q1' });
    expect(typeof members.reason).toBe('string');
    expect(Object.values(d.targetCounts).reduce((a: number, b) => a + (b as number), 0)).toBe(2);
    expect(d.tasks.overdue).toBe(1);
    expect(d.reports).toMatchObject({ periodKey: '2024-Q1', expected: 4, submitted: 2 });
    expect(d.children.map((c: { orgId: number }) => c.orgId)).toContain(city.id);
  });
  it('lists what is behind a number and drills down the tree', async () => {
    const res = await manager.get(`/api/documents/${resolutionId}/dashboard/list?list=overdue_tasks&asOf=2024-06-30`);
    expect(res.json().rows.map((t: { id: number }) => t.id)).toEqual([taskId]);
    const down = await manager.get(`/api/documents/${resolutionId}/dashboard?orgId=${city.id}&asOf=2024-06-30`);
    expect(down.statusCode).toBe(200);
    expect(down.json().children.map((c: { orgId: number }) => c.orgId)).toContain(ward.id);
  });
  it('answers 400, 401 and 404', async () => {
    const bad = await manager.get(`/api/documents/${resolutionId}/dashboard?asOf=30-06-2024`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('querystring.asOf');
    expect((await anon.get(`/api/documents/${resolutionId}/dashboard`)).statusCode).toBe(401);
    expect((await farManager.get(`/api/documents/${resolutionId}/dashboard`)).statusCode).toBe(404);
    expect((await wardReporter.get(`/api/documents/${resolutionId}/dashboard?orgId=${province.id}`)).statusCode).toBe(404);
    expect((await wardReporter.get(`/api/documents/${resolutionId}/dashboard?orgId=${ward.id}`)).statusCode).toBe(200);
  });
  it("opens on the caller's own part of a document issued above them", async () => {
    const own = await wardReporter.get(`/api/documents/${resolutionId}/dashboard`);
    expect(own.statusCode).toBe(200);
    expect(own.json().org.id).toBe(ward.id);
    expect((await cityApprover.get(`/api/documents/${resolutionId}/dashboard`)).json().org.id).toBe(city.id);
    expect((await manager.get(`/api/documents/${resolutionId}/dashboard`)).json().org.id).toBe(province.id);
  });
  it('exports the table as .xlsx and the Word report as .docx', async () => {
    const x = await manager.get(`/api/documents/${resolutionId}/dashboard.xlsx?asOf=2024-06-30`);
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const w = await manager.get(`/api/documents/${resolutionId}/progress-report.docx?periodKey=2024-Q1`);
    expect(w.statusCode).toBe(200);
    expect(w.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await manager.get(`/api/documents/${resolutionId}/progress-report.docx?periodKey=Q9`)).statusCode).toBe(400);
  });
});

describe('explanations and my work', () => {
  let requestId: number;
  it('lets a leader above ask the responsible org, with a deadline', async () => {
    expect(
      (await wardReporter.post('/api/explanations', { taskId, orgId: ward.id, question: 'Vì sao nhiệm vụ chậm?', dueDate: '2024-07-15' }))
        .statusCode,
    ).toBe(403);
    const bad = await cityApprover.post('/api/explanations', { orgId: ward.id, question: 'Vì sao chậm?', dueDate: '2024-07-15' });
    expect(bad.statusCode).toBe(400);
    expect(
      (await farManager.post('/api/explanations', { taskId, orgId: ward.id, question: 'Vì sao chậm?', dueDate: '2024-07-15' })).statusCode,
    ).toBe(404);
    const res = await cityApprover.post('/api/explanations', {
      taskId,
      orgId: ward.id,
      question: 'Vì sao nhiệm vụ chỉnh trang đô thị chậm tiến độ?',
      dueDate: '2024-07-15',
    });
    expect(res.statusCode).toBe(201);
    requestId = res.json().id;
    const work = await wardReporter.get('/api/my-work');
    expect(work.json().explanations.map((e: { id: number }) => e.id)).toContain(requestId);
    expect(work.json().lateTasks.map((t: { id: number }) => t.id)).toContain(taskId);
  });
  it('lets the org answer in the app; the thread stays on the task', async () => {
    const cur = (await wardReporter.get(`/api/explanations/${requestId}`)).json();
    expect(
      (await wardViewer.post(`/api/explanations/${requestId}/answer`, { version: cur.version, body: 'Do vướng giải phóng mặt bằng.' }))
        .statusCode,
    ).toBe(403);
    const res = await wardReporter.post(`/api/explanations/${requestId}/answer`, {
      version: cur.version,
      body: 'Do vướng giải phóng mặt bằng, dự kiến xong quý III.',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('answered');
    const list = await cityApprover.get(`/api/explanations?taskId=${taskId}`);
    expect(list.json()[0].id).toBe(requestId);
    const thread = (await cityApprover.get(`/api/explanations/${requestId}`)).json();
    expect(thread.messages.map((m: { kind: string }) => m.kind)).toEqual(['question', 'answer']);
    expect((await otherWardReporter.get(`/api/explanations/${requestId}`)).statusCode).toBe(404);
  });
});

describe('public link and reminders', () => {
  it('is off by default and shows only the targets marked public', async () => {
    const share = (await manager.get(`/api/documents/${resolutionId}/dashboard-share`)).json();
    expect(share.isEnabled).toBe(false);
    const on = await manager.put(`/api/documents/${resolutionId}/dashboard-share`, { isEnabled: true, publicItemIds: [provTargetMembers] });
    expect(on.statusCode).toBe(200);
    const token = on.json().token as string;
    const pub = await anon.get(`/api/public/dashboards/${token}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json().targets.map((t: { itemId: number }) => t.itemId)).toEqual([provTargetMembers]);
    expect((await wardReporter.put(`/api/documents/${resolutionId}/dashboard-share`, { isEnabled: true })).statusCode).toBe(403);
    await manager.put(`/api/documents/${resolutionId}/dashboard-share`, { isEnabled: false });
    expect((await anon.get(`/api/public/dashboards/${token}`)).statusCode).toBe(404);
    // On again: a new link; the old one stays dead.
    const again = await manager.put(`/api/documents/${resolutionId}/dashboard-share`, {
      isEnabled: true,
      publicItemIds: [provTargetMembers],
    });
    const newToken = again.json().token as string;
    expect(newToken).not.toBe(token);
    expect((await anon.get(`/api/public/dashboards/${token}`)).statusCode).toBe(404);
    expect((await anon.get(`/api/public/dashboards/${newToken}`)).statusCode).toBe(200);
    // Saving while on keeps the link.
    const kept = await manager.put(`/api/documents/${resolutionId}/dashboard-share`, {
      isEnabled: true,
      publicItemIds: [],
      showTasks: true,
    });
    expect(kept.json().token).toBe(newToken);
    await manager.put(`/api/documents/${resolutionId}/dashboard-share`, { isEnabled: false });
  });
  it('reminds reporters in the app and puts mail in the outbox, once per Vietnamese day', async () => {
    await db.query(
      `UPDATE users SET email = 'ward@example.vn' WHERE id IN (SELECT user_id FROM user_roles WHERE org_id = $1 AND role = 'reporter')`,
      [ward.id],
    );
    const admin = await buildUser(db, [{ org: province, role: 'admin' }]);
    const a = await loginAs(app, admin.username, admin.password);
    // 23:30 UTC on 7 July is 06:30 on 8 July in Vietnam; a `today` sent by the caller is ignored.
    fixClock('2024-07-07T23:30:00Z');
    try {
      const first = await a.post('/api/reports/reminders', { today: '2030-01-01' });
      expect(first.statusCode).toBe(200);
      expect(first.json()).toMatchObject({ today: '2024-07-08' });
      expect(first.json().mails).toBeGreaterThan(0);
      expect((await a.post('/api/reports/reminders', {})).json()).toMatchObject({ notifications: 0, mails: 0 });
    } finally {
      realClock();
    }
    const { rows: audit } = await db.query(
      `SELECT actor_id, entity_id, after FROM audit_log WHERE entity = 'report_reminders' ORDER BY id`,
    );
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({
      actor_id: admin.id,
      entity_id: '2024-07-08',
      after: expect.objectContaining({ today: '2024-07-08' }),
    });
    const outbox = await a.get('/api/mail-outbox');
    expect(outbox.json()[0]).toMatchObject({ toAddress: 'ward@example.vn', status: 'held' });
    expect((await wardReporter.get('/api/mail-outbox')).statusCode).toBe(403);
    expect((await wardReporter.post('/api/reports/reminders', {})).statusCode).toBe(403);
  });

  it('lets only administrators send reminders, for their own subtree', async () => {
    // A manager holds users.write, which used to be enough to remind the whole country.
    expect((await farManager.post('/api/reports/reminders', {})).statusCode).toBe(403);
    expect((await manager.post('/api/reports/reminders', {})).statusCode).toBe(403);
    const farAdmin = await buildUser(db, [{ org: farProvince, role: 'admin' }]);
    const fa = await loginAs(app, farAdmin.username, farAdmin.password);
    const before = (await db.query(`SELECT count(*)::int AS n FROM notifications`)).rows[0].n;
    fixClock('2024-07-20T23:30:00Z');
    try {
      const res = await fa.post('/api/reports/reminders', {});
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ notifications: 0, mails: 0 });
    } finally {
      realClock();
    }
    expect((await db.query(`SELECT count(*)::int AS n FROM notifications`)).rows[0].n).toBe(before);
  });

  it('shows each caller only the mail about orgs of their scope', async () => {
    // The far province's manager holds audit.read there only: the ward's mail used to show.
    const far = await farManager.get('/api/mail-outbox');
    expect(far.statusCode).toBe(200);
    expect(far.json()).toEqual([]);
    const inspector = await buildUser(db, [{ org: otherWard, role: 'inspector' }]);
    const oi = await loginAs(app, inspector.username, inspector.password);
    expect((await oi.get('/api/mail-outbox')).json()).toEqual([]);
    const wardInspector = await buildUser(db, [{ org: ward, role: 'inspector' }]);
    const wi = await loginAs(app, wardInspector.username, wardInspector.password);
    const mine = (await wi.get('/api/mail-outbox')).json();
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((m: { toAddress: string }) => m.toAddress === 'ward@example.vn')).toBe(true);
  });
});

describe('reading a report beside the period before', () => {
  it('gives the approver the previous period’s figures and a late flag, by Vietnam’s days', async () => {
    const q3 = await reportOf(wardReporter, ward.id, '2024-Q3');
    const saved = await wardReporter.put(`/api/reports/${q3.id}`, {
      version: q3.version,
      targets: [
        { itemId: wardTargetMembers, value: 7, source: 'Ban Tổ chức' },
        { itemId: wardTargetStudy, numerator: 30, denominator: 40 },
      ],
    });
    expect(saved.statusCode).toBe(200);
    const q4 = await reportOf(cityApprover, ward.id, '2024-Q4');
    // Q4 of the ward was due on 05/01/2025; at 23:30 UTC on 14/01/2025 it is already the 15th in Vietnam.
    fixClock('2025-01-14T23:30:00Z');
    try {
      const res = await cityApprover.get(`/api/reports/${q4.id}`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.previous).toMatchObject({ id: q3.id, periodKey: '2024-Q3', status: 'draft' });
      const byItem = new Map(body.targets.map((t: { itemId: number }) => [t.itemId, t]));
      expect(byItem.get(wardTargetMembers)).toMatchObject({ previousReported: { value: 7 } });
      expect(byItem.get(wardTargetStudy)).toMatchObject({ previousReported: { numerator: 30, denominator: 40, value: 75 } });
      expect(body.lateness).toEqual({ isLate: true, days: 10 });
    } finally {
      realClock();
    }
  });

  it('has no previous period for the first one; one not sent is late until today', async () => {
    const { rows } = await db.query<{ id: number; due: string }>(
      `SELECT id, to_char(due_date, 'YYYY-MM-DD') AS due FROM reports WHERE document_id = $1 AND org_id = $2 ORDER BY period_start LIMIT 1`,
      [resolutionId, ward.id],
    );
    const first = rows[0]!;
    // Ten days after its due date, at 06:30 in Vietnam (23:30 UTC the day before).
    const tenDaysLate = new Date(Date.parse(`${first.due}T23:30:00Z`) + 9 * 86_400_000).toISOString();
    fixClock(tenDaysLate);
    try {
      const body = (await cityApprover.get(`/api/reports/${first.id}`)).json();
      expect(body.previous).toBeNull();
      expect(body.targets.every((t: { previousReported: unknown }) => t.previousReported === null)).toBe(true);
      expect(body.firstSubmittedAt).toBeNull();
      expect(body.lateness).toEqual({ isLate: true, days: 10 });
    } finally {
      realClock();
    }
  });

  it('answers 404 outside the scope and 401 to nobody', async () => {
    const q4 = await reportOf(cityApprover, ward.id, '2024-Q4');
    expect((await otherWardReporter.get(`/api/reports/${q4.id}`)).statusCode).toBe(404);
    expect((await farManager.get(`/api/reports/${q4.id}`)).statusCode).toBe(404);
    expect((await anon.get(`/api/reports/${q4.id}`)).statusCode).toBe(401);
  });
});

describe('notifications', () => {
  it('are marked read one by one or all at once, each user only their own', async () => {
    const reader = await buildUser(db, [{ org: ward, role: 'reporter' }]);
    const other = await buildUser(db, [{ org: ward, role: 'reporter' }]);
    const add = async (userId: number, title: string) =>
      (
        await db.query<{ id: number }>(`INSERT INTO notifications (user_id, kind, title) VALUES ($1, 'reminder', $2) RETURNING id`, [
          userId,
          title,
        ])
      ).rows[0]!.id;
    const first = await add(reader.id, 'Báo cáo Quý I sắp đến hạn');
    await add(reader.id, 'Báo cáo Quý II sắp đến hạn');
    await add(reader.id, 'Có yêu cầu giải trình mới');
    const othersOwn = await add(other.id, 'Thông báo của người khác');
    const client = await loginAs(app, reader.username, reader.password);
    const unread = async () => ((await client.get('/api/my-work')).json().notifications as { id: number }[]).map((n) => n.id);
    expect(await unread()).toHaveLength(3);

    const one = await client.post(`/api/notifications/${first}/read`, {});
    expect(one.statusCode).toBe(200);
    expect(one.json().id).toBe(first);
    expect(await unread()).not.toContain(first);
    // Marking again keeps the first time it was read.
    expect((await client.post(`/api/notifications/${first}/read`, {})).json().readAt).toBe(one.json().readAt);

    // Another user's notification is not found, and stays unread.
    expect((await client.post(`/api/notifications/${othersOwn}/read`, {})).statusCode).toBe(404);
    const { rows } = await db.query('SELECT read_at FROM notifications WHERE id = $1', [othersOwn]);
    expect(rows[0].read_at).toBeNull();

    const all = await client.post('/api/notifications/read-all', {});
    expect(all.statusCode).toBe(200);
    expect(all.json()).toEqual({ count: 2 });
    expect(await unread()).toEqual([]);
    expect((await client.post('/api/notifications/read-all', {})).json()).toEqual({ count: 0 });
  });

  it('answers 400 for an id that is not a number and 401 to nobody', async () => {
    expect((await wardReporter.post('/api/notifications/abc/read', {})).statusCode).toBe(400);
    expect((await anon.post('/api/notifications/1/read', {})).statusCode).toBe(401);
    expect((await anon.post('/api/notifications/read-all', {})).statusCode).toBe(401);
  });
});
