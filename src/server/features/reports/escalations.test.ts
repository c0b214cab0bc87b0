import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import { buildDocument, buildOrg, buildReport, buildTask, buildUser, type TestOrg } from '../../test/factories';
import { anonymous, buildTestApp, loginAs, type TestClient } from '../../test/http';
import { isEscalationDue } from '../../../domain/reports';
import { escalateFollowUp } from './escalations.service';

let app: App;
let db: Db;
let drop: () => Promise<void>;
let province: TestOrg, city: TestOrg, ward: TestOrg, otherWard: TestOrg, farProvince: TestOrg;
let cityManagerId: number, provinceManagerId: number;
let cityManager: TestClient, provinceManager: TestClient, wardReporter: TestClient, wardMember: TestClient, farManager: TestClient;
let anon: TestClient;
let docId: number;

const login = async (grants: { org: TestOrg; role: 'manager' | 'approver' | 'reporter' | 'viewer' | 'member' }[]) => {
  const u = await buildUser(db, grants);
  return { id: u.id, client: await loginAs(app, u.username, u.password) };
};
const count = async (sql: string, params: unknown[] = []) => (await db.query<{ n: number }>(sql, params)).rows[0]!.n;
const notificationsOf = (userId: number) =>
  count(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND kind = 'escalation'`, [userId]);

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
  province = await buildOrg(db, { name: 'Tỉnh ủy Bình Dương' });
  city = await buildOrg(db, { parent: province, name: 'Thành ủy Dĩ An', kind: 'district_committee' });
  ward = await buildOrg(db, { parent: city, name: 'Đảng ủy phường Đông Hòa', kind: 'commune_committee' });
  otherWard = await buildOrg(db, { parent: city, name: 'Đảng ủy phường Tân Bình', kind: 'commune_committee' });
  farProvince = await buildOrg(db, { name: 'Tỉnh ủy Hậu Giang' });
  docId = (await buildDocument(db, province, { number: 1, symbol: '01-NQ', title: 'Nghị quyết thử' })).id;
  const cm = await login([{ org: city, role: 'manager' }]);
  cityManagerId = cm.id;
  cityManager = cm.client;
  const pm = await login([{ org: province, role: 'manager' }]);
  provinceManagerId = pm.id;
  provinceManager = pm.client;
  await db.query(`UPDATE users SET email = 'thanhuy@example.vn' WHERE id = $1`, [cityManagerId]);
  wardReporter = (await login([{ org: ward, role: 'reporter' }])).client;
  wardMember = (await login([{ org: ward, role: 'member' }])).client;
  farManager = (await login([{ org: farProvince, role: 'manager' }])).client;
  anon = await anonymous(app);
});
afterAll(async () => {
  await app.close();
  await drop();
});
beforeEach(async () => {
  // Each case starts from no open work: earlier cases' reports and requests are settled.
  await db.query(`UPDATE reports SET status = 'approved'`);
  await db.query(`UPDATE explanation_requests SET status = 'closed'`);
  await db.query(`DELETE FROM followup_settings`);
});

describe('the escalation job', () => {
  it('escalates an unsubmitted report on the Nth day after its due date, not the day before, and once', async () => {
    const report = await buildReport(db, { id: docId }, ward, { periodKey: '2025-Q1', dueDate: '2025-04-10' });
    const before = await notificationsOf(cityManagerId);
    expect(isEscalationDue('2025-04-10', 5, '2025-04-14')).toBe(false);
    expect(await escalateFollowUp(db, '2025-04-14')).toMatchObject({ escalated: 0, notifications: 0 });
    expect(await escalateFollowUp(db, '2025-04-15')).toEqual({ today: '2025-04-15', escalated: 1, notifications: 1, mails: 1 });
    // Running again, the same day or later, sends nothing more.
    expect(await escalateFollowUp(db, '2025-04-15')).toMatchObject({ escalated: 0, notifications: 0, mails: 0 });
    expect(await escalateFollowUp(db, '2025-04-20')).toMatchObject({ escalated: 0 });
    expect(await notificationsOf(cityManagerId)).toBe(before + 1);
    expect(await notificationsOf(provinceManagerId)).toBe(0);
    const { rows } = await db.query(
      `SELECT kind, late_org_id::int AS late, head_org_id::int AS head, to_char(escalated_on, 'YYYY-MM-DD') AS day FROM escalations WHERE subject_id = $1`,
      [report.id],
    );
    expect(rows).toEqual([{ kind: 'report_submission', late: ward.id, head: city.id, day: '2025-04-15' }]);
    const { rows: mail } = await db.query(`SELECT subject, status FROM mail_outbox WHERE to_address = 'thanhuy@example.vn'`);
    expect(mail).toEqual([{ subject: expect.stringContaining('Đảng ủy phường Đông Hòa'), status: 'held' }]);
    // The period as people read it, on the dashboard and in the letter: never its key.
    const { rows: titles } = await db.query(`SELECT title FROM escalations WHERE subject_id = $1`, [report.id]);
    expect(titles[0].title).toBe('Báo cáo Quý I/2025 của Đảng ủy phường Đông Hòa chưa được gửi');
    expect(mail[0].subject).toContain('Quý I/2025');
  });

  it('sends once when two processes run the job at the same time', async () => {
    await buildReport(db, { id: docId }, otherWard, { periodKey: '2025-Q1', dueDate: '2025-04-10' });
    const before = await notificationsOf(cityManagerId);
    const results = await Promise.all([escalateFollowUp(db, '2025-06-01'), escalateFollowUp(db, '2025-06-01')]);
    expect(results.map((r) => r.escalated).sort()).toEqual([0, 1]);
    expect(await notificationsOf(cityManagerId)).toBe(before + 1);
  });

  it('does not escalate resolved items: a submitted report as unsubmitted, an approved one, an answered request', async () => {
    const submitted = await buildReport(db, { id: docId }, ward, { periodKey: '2025-Q2', dueDate: '2025-07-10' });
    await db.query(`UPDATE reports SET status = 'submitted' WHERE id = $1`, [submitted.id]);
    const approved = await buildReport(db, { id: docId }, otherWard, { periodKey: '2025-Q2', dueDate: '2025-07-10' });
    await db.query(`UPDATE reports SET status = 'approved' WHERE id = $1`, [approved.id]);
    const taskId = await buildTask(db, province, { lead: ward, dueDate: '2025-06-30' });
    await db.query(
      `INSERT INTO explanation_requests (task_id, org_id, question, due_date, asked_by_name, status) VALUES ($1, $2, 'Vì sao chậm?', '2025-07-01', 'Lãnh đạo', 'answered')`,
      [taskId, ward.id],
    );
    // Before the approval is late (due 15/07 with the default 5-day level offset, escalated from 20/07).
    expect(await escalateFollowUp(db, '2025-07-19')).toMatchObject({ escalated: 0 });
    // From 20/07 the submitted report's approval is late: that, and nothing else.
    expect(await escalateFollowUp(db, '2025-07-20')).toMatchObject({ escalated: 1 });
    const { rows } = await db.query(`SELECT kind FROM escalations WHERE subject_id = ANY($1::bigint[])`, [[submitted.id, approved.id]]);
    expect(rows).toEqual([{ kind: 'report_approval' }]);
  });

  it('raises a late approval to the head above the approving org, and an unanswered request to the head above the asked org', async () => {
    const submitted = await buildReport(db, { id: docId }, ward, { periodKey: '2025-Q3', dueDate: '2025-10-10' });
    await db.query(`UPDATE reports SET status = 'submitted' WHERE id = $1`, [submitted.id]);
    const taskId = await buildTask(db, province, { lead: ward, dueDate: '2025-06-30' });
    const { rows: req } = await db.query<{ id: number }>(
      `INSERT INTO explanation_requests (task_id, org_id, question, due_date, asked_by_name) VALUES ($1, $2, 'Vì sao chậm?', '2025-10-12', 'Lãnh đạo') RETURNING id`,
      [taskId, ward.id],
    );
    const provinceBefore = await notificationsOf(provinceManagerId);
    const cityBefore = await notificationsOf(cityManagerId);
    expect(await escalateFollowUp(db, '2025-10-16')).toMatchObject({ escalated: 0 });
    // The request (due 12/10) on its 5th day; the approval (due 15/10) on its 5th, 20/10.
    expect(await escalateFollowUp(db, '2025-10-17')).toMatchObject({ escalated: 1 });
    expect(await notificationsOf(cityManagerId)).toBe(cityBefore + 1);
    expect(await escalateFollowUp(db, '2025-10-19')).toMatchObject({ escalated: 0 });
    expect(await escalateFollowUp(db, '2025-10-20')).toMatchObject({ escalated: 1 });
    expect(await notificationsOf(provinceManagerId)).toBe(provinceBefore + 1);
    expect(await notificationsOf(cityManagerId)).toBe(cityBefore + 1);
    const { rows } = await db.query(
      `SELECT kind, late_org_id::int AS late, head_org_id::int AS head FROM escalations WHERE (kind, subject_id) IN (('report_approval', $1), ('explanation_answer', $2)) ORDER BY kind`,
      [submitted.id, req[0]!.id],
    );
    expect(rows).toEqual([
      { kind: 'explanation_answer', late: ward.id, head: city.id },
      { kind: 'report_approval', late: city.id, head: province.id },
    ]);
  });

  it('takes N from the nearest setting at or above the late org', async () => {
    await db.query(`INSERT INTO followup_settings (org_id, escalation_days) VALUES ($1, 10)`, [province.id]);
    const report = await buildReport(db, { id: docId }, ward, { periodKey: '2025-M01', dueDate: '2025-02-10' });
    expect(await escalateFollowUp(db, '2025-02-19')).toMatchObject({ escalated: 0 });
    expect(await escalateFollowUp(db, '2025-02-20')).toMatchObject({ escalated: 1 });
    await db.query(`INSERT INTO followup_settings (org_id, escalation_days) VALUES ($1, 2)`, [otherWard.id]);
    await buildReport(db, { id: docId }, otherWard, { periodKey: '2025-M01', dueDate: '2025-02-10' });
    expect(await escalateFollowUp(db, '2025-02-11')).toMatchObject({ escalated: 0 });
    expect(await escalateFollowUp(db, '2025-02-12')).toMatchObject({ escalated: 1 });
    const { rows } = await db.query(`SELECT escalation_days AS days FROM escalations WHERE subject_id = $1`, [report.id]);
    expect(rows).toEqual([{ days: 10 }]);
  });

  it('escalates only inside the scope it is given', async () => {
    await buildReport(db, { id: docId }, ward, { periodKey: '2025-M02', dueDate: '2025-03-10' });
    expect(await escalateFollowUp(db, '2025-04-01', [farProvince.path])).toMatchObject({ escalated: 0 });
    expect(await escalateFollowUp(db, '2025-04-01', [city.path])).toMatchObject({ escalated: 1 });
  });
});

describe('GET /api/escalations', () => {
  it('lists who was escalated and for what, in scope, with whether it was since resolved', async () => {
    const report = await buildReport(db, { id: docId }, ward, { periodKey: '2025-M03', dueDate: '2025-04-10' });
    await escalateFollowUp(db, '2025-05-01');
    const res = await cityManager.get(`/api/escalations?orgId=${city.id}`);
    expect(res.statusCode).toBe(200);
    const row = res.json().find((e: { link: string }) => e.link === `/reports/${report.id}`);
    expect(row).toMatchObject({
      kind: 'report_submission',
      lateOrgName: 'Đảng ủy phường Đông Hòa',
      headOrgName: 'Thành ủy Dĩ An',
      dueDate: '2025-04-10',
      escalatedOn: '2025-05-01',
      isResolved: false,
    });
    await db.query(`UPDATE reports SET status = 'submitted' WHERE id = $1`, [report.id]);
    const again = (await wardReporter.get('/api/escalations')).json();
    expect(again.find((e: { link: string }) => e.link === `/reports/${report.id}`).isResolved).toBe(true);
    expect((await provinceManager.get(`/api/escalations?orgId=${ward.id}&limit=1`)).json()).toHaveLength(1);
  });

  it('answers nothing outside the scope, 404 for an org outside, 400, 401 and 403', async () => {
    expect((await farManager.get('/api/escalations')).json()).toEqual([]);
    expect((await farManager.get(`/api/escalations?orgId=${city.id}`)).statusCode).toBe(404);
    const bad = await cityManager.get('/api/escalations?orgId=abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('orgId');
    expect((await cityManager.get('/api/escalations?limit=1000')).statusCode).toBe(400);
    expect((await anon.get('/api/escalations')).statusCode).toBe(401);
    expect((await wardMember.get('/api/escalations')).statusCode).toBe(403);
  });
});

describe('follow-up settings', () => {
  it('shows the default, then an inherited setting, and lets the org’s manager set its own', async () => {
    expect((await cityManager.get(`/api/followup-settings/${ward.id}`)).json()).toEqual({
      orgId: ward.id,
      escalationDays: 5,
      source: 'default',
      sourceOrgName: null,
      version: 0,
    });
    const saved = await provinceManager.put(`/api/followup-settings/${province.id}`, { escalationDays: 7, version: 0 });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ escalationDays: 7, source: 'own', version: 1 });
    expect((await wardReporter.get(`/api/followup-settings/${ward.id}`)).json()).toMatchObject({
      escalationDays: 7,
      source: 'inherited',
      sourceOrgName: 'Tỉnh ủy Bình Dương',
    });
    expect((await provinceManager.put(`/api/followup-settings/${province.id}`, { escalationDays: 8, version: 0 })).statusCode).toBe(409);
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'followup_settings'`);
    expect(rows[0].n).toBe(1);
  });

  it('refuses bad input, other roles, and orgs outside the scope', async () => {
    const bad = await cityManager.put(`/api/followup-settings/${city.id}`, { escalationDays: 0, version: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('escalationDays');
    expect((await wardReporter.put(`/api/followup-settings/${ward.id}`, { escalationDays: 3, version: 0 })).statusCode).toBe(403);
    // A city manager does not set the province's days.
    expect((await cityManager.put(`/api/followup-settings/${province.id}`, { escalationDays: 3, version: 0 })).statusCode).toBe(404);
    expect((await farManager.get(`/api/followup-settings/${ward.id}`)).statusCode).toBe(404);
    expect((await anon.get(`/api/followup-settings/${ward.id}`)).statusCode).toBe(401);
    expect((await wardMember.get(`/api/followup-settings/${ward.id}`)).statusCode).toBe(403);
  });
});
