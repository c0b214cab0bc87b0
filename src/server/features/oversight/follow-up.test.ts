import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import { buildOrg, buildUser, type TestOrg } from '../../test/factories';
import { buildTestApp, loginAs, type TestClient } from '../../test/http';
import { appJobs, jobsSettingsFromEnv } from '../../jobs/jobs';
import { runJob } from '../../jobs/scheduler';
import { vnToday } from '../../../domain/vn-time';

let app: App;
let db: Db;
let drop: () => Promise<void>;
let province: TestOrg, diAn: TestOrg, ward: TestOrg;
let inspector: TestClient, provinceManager: TestClient, diAnReporter: TestClient;
let inspectorId: number, teamId: number, provinceManagerId: number;
const today = vnToday();
const year = Number(today.slice(0, 4));

type Rec = {
  id: number;
  version: number;
  view: string;
  status: string;
  taskId: number | null;
  taskStatus: string | null;
  deadline: string;
};
type File = { id: number; version: number; status: string; recommendations: Rec[] };

const ok = async (p: Promise<{ statusCode: number; body: string; json: () => unknown }>, status = 200) => {
  const res = await p;
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as File;
};

/** A file on `subject` carried through the workflow up to the conclusion (not sent yet). */
async function concluded(subject: TestOrg, reporter: TestClient, recs: { text: string; ownerOrgId: number; deadline: string }[]) {
  let f = await ok(
    inspector.post('/api/oversight/inspections', {
      orgId: province.id,
      kind: 'supervision',
      basis: 'thematic',
      subjectOrgId: subject.id,
      content: 'Giám sát thực hiện Nghị quyết',
      theme: 'Thực hiện Nghị quyết Đại hội',
      periodStart: `${year}-01-01`,
      periodEnd: `${year}-12-31`,
    }),
    201,
  );
  const url = `/api/oversight/inspections/${f.id}`;
  f = await ok(
    inspector.put(`${url}/team`, {
      version: f.version,
      decisionDate: today,
      team: [
        { userId: teamId, role: 'head' },
        { userId: inspectorId, role: 'secretary' },
      ],
    }),
  );
  f = await ok(inspector.post(`${url}/notice`, { version: f.version, planText: 'Kế hoạch', noticeText: 'Thông báo' }));
  f = await ok(reporter.post(`${url}/self-report`, { version: f.version, text: 'Báo cáo tự kiểm tra' }));
  f = await ok(inspector.post(`${url}/sessions`, { version: f.version, heldOn: today, place: 'Trụ sở', minutes: 'Biên bản' }));
  f = await ok(inspector.post(`${url}/team-report`, { version: f.version, text: 'Báo cáo của đoàn' }));
  f = await ok(
    inspector.post(`${url}/findings`, { version: f.version, kind: 'limitation', theme: 'Giảm nghèo', text: 'Chỉ tiêu giảm nghèo chậm' }),
  );
  return ok(inspector.post(`${url}/conclusion`, { version: f.version, text: 'Thông báo kết luận', recommendations: recs }));
}

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
  province = await buildOrg(db, { name: 'Tỉnh ủy Bình Dương' });
  diAn = await buildOrg(db, { parent: province, name: 'Thành ủy Dĩ An', kind: 'district_committee' });
  ward = await buildOrg(db, { parent: diAn, name: 'Đảng ủy phường Đông Hòa', kind: 'commune_committee' });
  const i = await buildUser(db, [{ org: province, role: 'inspector' }]);
  inspectorId = i.id;
  inspector = await loginAs(app, i.username, i.password);
  const m = await buildUser(db, [{ org: province, role: 'manager' }]);
  provinceManagerId = m.id;
  provinceManager = await loginAs(app, m.username, m.password);
  const r = await buildUser(db, [{ org: diAn, role: 'reporter' }]);
  diAnReporter = await loginAs(app, r.username, r.password);
  teamId = (await buildUser(db, [{ org: ward, role: 'viewer' }])).id;
});
afterAll(async () => {
  await app?.close();
  await drop?.();
});

describe('recommendations as tasks', () => {
  it('become tasks of their owners when the conclusion is sent, and the task’s status is the follow-up’s', async () => {
    let f = await concluded(diAn, diAnReporter, [
      { text: 'Xây dựng kế hoạch khắc phục', ownerOrgId: diAn.id, deadline: '2099-06-30' },
      { text: 'Rà soát lộ trình chỉ tiêu', ownerOrgId: ward.id, deadline: '2099-09-30' },
    ]);
    // A conclusion not sent is the commission's draft: no task yet, nothing in the subject's list.
    expect(f.recommendations.map((r) => r.taskId)).toEqual([null, null]);
    const before = (await diAnReporter.get(`/api/tasks?orgId=${diAn.id}`)).json() as { items: unknown[] };
    expect(before.items).toHaveLength(0);

    f = await ok(inspector.post(`/api/oversight/inspections/${f.id}/conclusion/send`, { version: f.version }));
    const [r1, r2] = f.recommendations;
    expect(r1!.taskId).not.toBeNull();
    const { rows: tasks } = await db.query<{
      id: number;
      leadOrgId: number;
      orgId: number;
      dueDate: string;
      status: string;
      title: string;
    }>(
      `SELECT id, lead_org_id AS "leadOrgId", org_id AS "orgId", to_char(due_date, 'YYYY-MM-DD') AS "dueDate", status, title FROM tasks WHERE id = ANY($1::bigint[]) ORDER BY due_date`,
      [[r1!.taskId, r2!.taskId]],
    );
    expect(tasks.map((t) => [t.leadOrgId, t.orgId, t.dueDate, t.status])).toEqual([
      [diAn.id, province.id, '2099-06-30', 'not_started'],
      [ward.id, province.id, '2099-09-30', 'not_started'],
    ]);
    expect(tasks[0]!.title).toContain('Xây dựng kế hoạch khắc phục');
    // In the subject's task list, with its lead unit and due date.
    const list = (await diAnReporter.get(`/api/tasks?orgId=${diAn.id}`)).json() as {
      items: { id: number; leadOrgName: string; dueDate: string }[];
    };
    expect(list.items.find((t) => t.id === r1!.taskId)).toMatchObject({ leadOrgName: 'Thành ủy Dĩ An', dueDate: '2099-06-30' });

    // Reporting done moves the task; accepting keeps it done; reopening sets it back in progress.
    f = await ok(
      diAnReporter.post(`/api/oversight/recommendations/${r1!.id}/report`, {
        version: r1!.version,
        evidence: 'Đã ban hành kế hoạch khắc phục số 15-KH/ThU',
      }),
    );
    const reported = f.recommendations.find((r) => r.id === r1!.id)!;
    expect(reported).toMatchObject({ status: 'reported', taskStatus: 'done' });
    f = await ok(
      inspector.post(`/api/oversight/recommendations/${r1!.id}/reopen`, { version: reported.version, note: 'Kế hoạch chưa có lộ trình' }),
    );
    expect(f.recommendations.find((r) => r.id === r1!.id)).toMatchObject({ status: 'reopened', taskStatus: 'in_progress' });
    const { rows: one } = await db.query<{ status: string }>(`SELECT status FROM tasks WHERE id = $1`, [r1!.taskId]);
    expect(one[0]!.status).toBe('in_progress');

    // The task updated from the task list (the assigning committee marks it done): the follow-up shows it reported.
    const { rows: t2 } = await db.query<{ version: number }>(`SELECT version FROM tasks WHERE id = $1`, [r2!.taskId]);
    const patched = await provinceManager.patch(`/api/tasks/${r2!.taskId}`, { version: t2[0]!.version, status: 'done', progress: 100 });
    expect(patched.statusCode, patched.body).toBe(200);
    f = await ok(inspector.get(`/api/oversight/inspections/${f.id}`));
    const fromTask = f.recommendations.find((r) => r.id === r2!.id)!;
    expect(fromTask).toMatchObject({ status: 'reported', view: 'reported' });
    f = await ok(inspector.post(`/api/oversight/recommendations/${r2!.id}/accept`, { version: fromTask.version }));
    expect(f.recommendations.find((r) => r.id === r2!.id)!.status).toBe('accepted');
    // The state lives in one place: no status column on the recommendation row.
    const { rows: cols } = await db.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'inspection_recommendations' AND column_name = 'status'`,
    );
    expect(cols).toEqual([]);

    // A task followed up by a recommendation is not deleted from the task list.
    const { rows: t1 } = await db.query<{ version: number }>(`SELECT version FROM tasks WHERE id = $1`, [r1!.taskId]);
    expect((await provinceManager.del(`/api/tasks/${r1!.taskId}?version=${t1[0]!.version}`)).statusCode).toBe(409);
    // Closing needs every recommendation accepted: the reopened one is not.
    expect((await inspector.post(`/api/oversight/inspections/${f.id}/close`, { version: f.version })).statusCode).toBe(409);
  });

  it('is overdue by the task’s due date: extending it on the task ends the overdue', async () => {
    const u = await buildUser(db, [{ org: ward, role: 'reporter' }]);
    let f = await concluded(ward, await loginAs(app, u.username, u.password), [
      { text: 'Bổ sung hồ sơ', ownerOrgId: ward.id, deadline: '2020-01-31' },
    ]);
    f = await ok(inspector.post(`/api/oversight/inspections/${f.id}/conclusion/send`, { version: f.version }));
    expect(f.recommendations[0]!.view).toBe('overdue');
    const { rows } = await db.query<{ version: number }>(`SELECT version FROM tasks WHERE id = $1`, [f.recommendations[0]!.taskId]);
    expect(
      (await provinceManager.patch(`/api/tasks/${f.recommendations[0]!.taskId}`, { version: rows[0]!.version, dueDate: '2099-01-31' }))
        .statusCode,
    ).toBe(200);
    f = await ok(inspector.get(`/api/oversight/inspections/${f.id}`));
    expect(f.recommendations[0]).toMatchObject({ view: 'open', deadline: '2099-01-31' });
    // Back in the past for the escalation test below.
    await db.query(`UPDATE tasks SET due_date = '2020-01-31' WHERE id = $1`, [f.recommendations[0]!.taskId]);
  });
});

describe('the daily escalation job', () => {
  it('notifies the running committee once per overdue recommendation, runs once a day and changes nothing on a rerun', async () => {
    const job = appJobs(jobsSettingsFromEnv({ RESOLUTE_JOBS: 'on' })).find((j) => j.name === 'oversight-escalations')!;
    const day1 = new Date(`${today}T03:00:00Z`);
    const first = await runJob(db, job, { now: () => day1 });
    expect(first).toMatchObject({ status: 'ok', result: { escalated: 1 } });
    const notes = async () =>
      (
        await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'oversight_overdue' AND user_id = $1`, [
          provinceManagerId,
        ])
      ).rows[0]!.n;
    expect(await notes()).toBe(1);
    // Later the same day: not due. Forced anyway, or the next day: nothing new to escalate.
    expect(await runJob(db, job, { now: () => new Date(day1.getTime() + 6 * 3600_000) })).toMatchObject({ status: 'skipped' });
    expect(await runJob(db, job, { force: true, now: () => day1 })).toMatchObject({ status: 'ok', result: { escalated: 0 } });
    expect(await runJob(db, job, { now: () => new Date(day1.getTime() + 24 * 3600_000) })).toMatchObject({
      status: 'ok',
      result: { escalated: 0 },
    });
    expect(await notes()).toBe(1);
    const { rows } = await db.query(`SELECT runs, last_status FROM job_runs WHERE name = 'oversight-escalations'`);
    expect(rows[0]).toMatchObject({ runs: 3, last_status: 'ok' });
  });
});
