import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import { buildDocument, buildItem, buildOrg, buildReport, buildTask, buildUser, type TestOrg } from '../../test/factories';
import { buildTestApp, loginAs, type TestClient } from '../../test/http';

/**
 * An organization's self-assessment form starts from the app's evidence (issue 15, "Self-assessment
 * with evidence"): its tasks of the period done on time, late or overdue, its reports on time,
 * late or missing, and its explanation requests. Recomputed here from the rows behind them.
 */
let app: App;
let db: Db;
let drop: () => Promise<void>;
let bloc: TestOrg, grassroots: TestOrg, cell: TestOrg, otherCell: TestOrg;
let grassrootsManager: TestClient;

async function task(lead: TestOrg, dueDate: string, status: string, changedOn: string) {
  const id = await buildTask(db, bloc, { lead, dueDate, status });
  await db.query(`UPDATE tasks SET updated_at = $2::date + time '10:00' WHERE id = $1`, [id, changedOn]);
}
async function report(org: TestOrg, periodKey: string, dueDate: string, submittedOn: string | null) {
  const doc = await buildDocument(db, grassroots);
  const { id } = await buildReport(db, doc, org, { periodKey, dueDate, periodStart: `${periodKey.slice(0, 4)}-01-01` });
  if (submittedOn) await db.query(`UPDATE reports SET first_submitted_at = $2::date + time '09:00' WHERE id = $1`, [id, submittedOn]);
}
async function explanation(org: TestOrg, status: string, createdOn: string) {
  const doc = await buildDocument(db, grassroots);
  const item = await buildItem(db, doc.id, { kind: 'target' });
  await db.query(
    `INSERT INTO explanation_requests (document_id, item_id, org_id, question, due_date, status, asked_by_name, created_at)
     VALUES ($1, $2, $3, 'Vì sao chậm?', '2025-12-31', $4, 'Đảng ủy', $5::date + time '08:00')`,
    [doc.id, item, org.id, status, createdOn],
  );
}

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
  bloc = await buildOrg(db, { name: 'Đảng ủy Khối Các cơ quan và doanh nghiệp tỉnh', kind: 'bloc_committee' });
  grassroots = await buildOrg(db, { parent: bloc, name: 'Đảng bộ Sở Xây dựng', kind: 'grassroots' });
  cell = await buildOrg(db, { parent: grassroots, name: 'Chi bộ Văn phòng' });
  otherCell = await buildOrg(db, { parent: grassroots, name: 'Chi bộ Phòng Quy hoạch' });
  // The cell's tasks due in 2025: done before the deadline, done after it, still open past it, open and not due
  // (due inside the year, after the round's end is not possible: counted as overdue only once past).
  await task(cell, '2025-06-30', 'done', '2025-06-01');
  await task(cell, '2025-03-31', 'done', '2025-04-15');
  await task(cell, '2025-09-30', 'in_progress', '2025-08-01');
  // Outside the period or cancelled, and another cell's: not counted.
  await task(cell, '2024-12-31', 'done', '2025-01-10');
  await task(cell, '2025-05-31', 'cancelled', '2025-05-01');
  await task(otherCell, '2025-05-31', 'not_started', '2025-01-01');
  // Reports due in 2025 (the year's: by their due date, so 2024's last quarter too): on time, late, never sent twice.
  await report(cell, '2025-Q1', '2025-04-05', '2025-04-03');
  await report(cell, '2025-Q2', '2025-07-05', '2025-07-20');
  await report(cell, '2025-Q3', '2025-10-05', null);
  await report(cell, '2024-Q4', '2025-01-05', null);
  // Explanation requests of 2025: one open, one answered; one of 2024.
  await explanation(cell, 'open', '2025-05-10');
  await explanation(cell, 'answered', '2025-08-10');
  await explanation(cell, 'open', '2024-11-10');
  const u = await buildUser(db, [{ org: grassroots, role: 'manager' }]);
  grassrootsManager = await loginAs(app, u.username, u.password);
});
afterAll(async () => {
  await app?.close();
  await drop?.();
});

describe('an organization’s form pre-filled from the app', () => {
  it('counts its tasks on time, late and overdue, its reports on time, late and missing, and its explanation requests of the period', async () => {
    const opened = await grassrootsManager.post('/api/grading/rounds', {
      orgId: grassroots.id,
      periodKind: 'year',
      periodKey: '2025',
      selfAssessDue: '2025-12-10',
      reviewDue: '2025-12-20',
      decideDue: '2025-12-31',
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const list = await grassrootsManager.get(`/api/grading/rounds/${opened.json().id}/evaluations?subjectKind=org&pageSize=100`);
    expect(list.statusCode, list.body).toBe(200);
    const mine = (list.json().items as { id: number; orgId: number }[]).find((e) => e.orgId === cell.id)!;
    const form = await grassrootsManager.get(`/api/grading/evaluations/${mine.id}`);
    expect(form.statusCode, form.body).toBe(200);
    const { evidence, tasks } = form.json() as {
      evidence: Record<string, Record<string, number>>;
      tasks: Record<string, number>;
    };
    expect(evidence.tasks).toEqual({ total: 3, onTime: 1, late: 1, overdue: 1 });
    // The score sheet's task counts start from the same evidence.
    expect(tasks).toMatchObject({ total: 3, onTime: 1, late: 1, overdue: 1 });
    expect(evidence.reports).toEqual({ due: 4, onTime: 1, late: 1, missing: 2 });
    expect(evidence.explanations).toEqual({ total: 2, open: 1 });
    // The other cell's one task, overdue, stays its own.
    const other = (list.json().items as { id: number; orgId: number }[]).find((e) => e.orgId === otherCell.id)!;
    const otherForm = (await grassrootsManager.get(`/api/grading/evaluations/${other.id}`)).json() as {
      evidence: Record<string, Record<string, number>>;
    };
    expect(otherForm.evidence.tasks).toEqual({ total: 1, onTime: 0, late: 0, overdue: 1 });
  });
});
