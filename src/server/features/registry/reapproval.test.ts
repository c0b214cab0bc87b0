/**
 * Correcting a past membership event never silently changes a closed period's approved report:
 * the correction answers the difference and who must re-approve, the report is flagged, and its
 * next approval clears the flag. The differences are recomputed here from the events themselves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import { buildDocument, buildItem, buildReport, buildUser, buildOrg, type TestOrg } from '../../test/factories';
import { admitThroughSteps } from '../../test/admission';
import { anonymous, buildTestApp, loginAs, type TestClient } from '../../test/http';
import type { ReapprovalView } from '../../../contracts/registry';

let app: App;
let db: Db;
let drop: () => Promise<void>;
let province: TestOrg, bloc: TestOrg, cell: TestOrg, otherProvince: TestOrg;
let manager: TestClient, viewer: TestClient, approver: TestClient, reporter: TestClient, otherManager: TestClient;
let membersItem: number, nseItem: number;
let yearReport: number, q1Report: number, q2Report: number, q3Report: number;
let admissionId: number;

type EditResult = { applied: boolean; event: { id: number; date: string; version: number }; reapprovals: ReapprovalView[] };

const ok = <T = Record<string, unknown>>(res: { statusCode: number; body: string; json: () => unknown }, status = 200) => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
};
const login = async (org: TestOrg, role: 'manager' | 'viewer' | 'approver' | 'reporter', fullName?: string) => {
  const u = await buildUser(db, [{ org, role }], fullName ? { fullName } : {});
  return loginAs(app, u.username, u.password);
};

/** A candidate taken through every step to the ceremony on `date`; returns the member id. */
async function admit(date: string, nse: boolean, fullName: string) {
  return admitThroughSteps(db, manager, cell, { date, isNonStateEnterprise: nse, fullName });
}

/** The target's figure at a period's end recomputed from the events: admissions in the bloc's subtree from 1 January 2021. */
const fromEvents = async (periodEnd: string, nseOnly = false) =>
  (
    await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM membership_events e JOIN orgs o ON o.id = e.org_id
        WHERE o.path <@ $1::ltree AND e.kind = 'admission' AND e.event_date BETWEEN '2021-01-01' AND $2 AND ($3 = false OR e.is_non_state)`,
      [bloc.path, periodEnd, nseOnly],
    )
  ).rows[0]!.n;

const eventOf = async (id: number) =>
  (
    await db.query<{ date: string; version: number }>(
      `SELECT to_char(event_date, 'YYYY-MM-DD') AS date, version FROM membership_events WHERE id = $1`,
      [id],
    )
  ).rows[0]!;
const openFlags = async (reportId: number) =>
  (
    await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM report_reapprovals WHERE report_id = $1 AND cleared_at IS NULL`, [
      reportId,
    ])
  ).rows[0]!.n;

async function approvedReport(periodType: string, periodKey: string, periodStart: string, periodEnd: string, status = 'approved') {
  const { id } = await buildReport(db, { id: docId }, bloc, { periodType, periodKey, periodStart, periodEnd, dueDate: periodEnd });
  for (const [item, nse] of [
    [membersItem, false],
    [nseItem, true],
  ] as const) {
    await db.query(`INSERT INTO report_target_values (report_id, item_id, value) VALUES ($1, $2, $3)`, [
      id,
      item,
      await fromEvents(periodEnd, nse),
    ]);
  }
  await db.query(`UPDATE reports SET status = $2, approved_at = CASE WHEN $2 = 'approved' THEN now() END WHERE id = $1`, [id, status]);
  return id;
}
let docId: number;

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
  province = await buildOrg(db, { id: 700, name: 'Tỉnh ủy Bình Dương', kind: 'province_committee' });
  bloc = await buildOrg(db, { parent: province, name: 'Đảng ủy Khối Các cơ quan và doanh nghiệp', kind: 'bloc_committee' });
  cell = await buildOrg(db, { parent: bloc, name: 'Chi bộ Công ty May Việt Thắng', kind: 'cell' });
  otherProvince = await buildOrg(db, { id: 800, name: 'Tỉnh ủy Đồng Nai', kind: 'province_committee' });
  manager = await login(province, 'manager');
  viewer = await login(province, 'viewer');
  approver = await login(province, 'approver', 'Nguyễn Văn Duyệt');
  reporter = await login(bloc, 'reporter');
  otherManager = await login(otherProvince, 'manager');

  docId = (await buildDocument(db, bloc, { term: '2020-2025', symbol: '05-NQ/ĐUK' })).id;
  membersItem = await buildItem(db, docId, {
    kind: 'target',
    text: 'Kết nạp 1.800 đảng viên mới',
    indicator: 'NEW_MEMBERS',
    comparator: '>=',
    value: 1800,
  });
  nseItem = await buildItem(db, docId, {
    kind: 'target',
    text: 'Ít nhất 300 trong doanh nghiệp ngoài nhà nước',
    indicator: 'NEW_MEMBERS_NSE',
    comparator: '>=',
    value: 300,
  });

  const memberId = await admit('2024-03-10', true, 'Trần Thị Bình');
  await admit('2022-06-01', false, 'Võ Thị Cúc');
  admissionId = (await db.query<{ id: number }>(`SELECT id FROM membership_events WHERE member_id = $1 AND kind = 'admission'`, [memberId]))
    .rows[0]!.id;
  yearReport = await approvedReport('year', '2024', '2024-01-01', '2024-12-31');
  q1Report = await approvedReport('quarter', '2024-Q1', '2024-01-01', '2024-03-31');
  q2Report = await approvedReport('quarter', '2024-Q2', '2024-04-01', '2024-06-30', 'submitted');
  q3Report = await approvedReport('quarter', '2023-Q4', '2023-10-01', '2023-12-31');
}, 180_000);
afterAll(async () => drop());

describe('correcting a past admission', () => {
  it('answers, on a dry run, the reports whose approved figure would move, recomputed from the events, and writes nothing', async () => {
    const before = await eventOf(admissionId);
    const res = ok<EditResult>(
      await manager.put(`/api/registry/events/${admissionId}`, {
        date: '2025-01-15',
        decision: 'Quyết định số 120-QĐ/ĐU',
        version: before.version,
        dryRun: true,
      }),
    );
    expect(res.applied).toBe(false);
    expect(res.event.date).toBe('2025-01-15');
    // The year and Q1 of 2024 held the admission; Q2 is not approved; 2023-Q4 is before it.
    expect(res.reapprovals.map((r) => r.reportId).sort()).toEqual([yearReport, q1Report].sort());
    for (const r of res.reapprovals) {
      const end = r.reportId === yearReport ? '2024-12-31' : '2024-03-31';
      expect(r.periodKey).toBe(r.reportId === yearReport ? '2024' : '2024-Q1');
      expect(r.documentSymbol).toBe('05-NQ/ĐUK');
      expect(r.approvers).toEqual({ orgName: 'Tỉnh ủy Bình Dương', people: ['Nguyễn Văn Duyệt'] });
      const members = r.differences.find((d) => d.itemId === membersItem)!;
      const nse = r.differences.find((d) => d.itemId === nseItem)!;
      expect(members.figure).toBeTruthy();
      // before: what the events say now; after: the same count without this admission in the period.
      expect(members.before).toBe(await fromEvents(end));
      expect(members.after).toBe(members.before - 1);
      expect(members.reported).toBe(members.before);
      expect(nse.before).toBe(await fromEvents(end, true));
      expect(nse.after).toBe(nse.before - 1);
    }
    expect(await eventOf(admissionId)).toEqual(before);
    expect(await openFlags(yearReport)).toBe(0);
  });

  it('applies the correction, flags each report with the difference, audits it, and the report shows the flag', async () => {
    const { version } = await eventOf(admissionId);
    const res = ok<EditResult>(
      await manager.put(`/api/registry/events/${admissionId}`, { date: '2025-01-15', decision: 'Quyết định số 121-QĐ/ĐU', version }),
    );
    expect(res.applied).toBe(true);
    expect(res.event.version).toBe(version + 1);
    expect(res.reapprovals).toHaveLength(2);
    // After the correction the events give exactly the "after" figures.
    const year = res.reapprovals.find((r) => r.reportId === yearReport)!;
    expect(year.differences.find((d) => d.itemId === membersItem)!.after).toBe(await fromEvents('2024-12-31'));
    expect(await openFlags(yearReport)).toBe(1);
    expect(await openFlags(q1Report)).toBe(1);
    expect(await openFlags(q2Report)).toBe(0);
    expect(await openFlags(q3Report)).toBe(0);
    const report = ok<{ status: string; reapprovals: { reason: string; differences: { before: number; after: number }[] }[] }>(
      await approver.get(`/api/reports/${yearReport}`),
    );
    expect(report.status).toBe('approved');
    expect(report.reapprovals).toHaveLength(1);
    expect(report.reapprovals[0]!.reason).toContain('10/03/2024');
    expect(report.reapprovals[0]!.reason).toContain('15/01/2025');
    const audit = await db.query(`SELECT before, after FROM audit_log WHERE action = 'registry.edit_event' AND entity_id = $1`, [
      String(admissionId),
    ]);
    expect(audit.rows).toHaveLength(1);
    expect((audit.rows[0] as { before: { date: string } }).before.date).toBe('2024-03-10');
    expect((await db.query(`SELECT 1 FROM audit_log WHERE action = 'flag_reapproval'`)).rowCount).toBe(2);
  });

  it('clears the flag when the report is approved again (returned, resubmitted, approved)', async () => {
    let r = ok<{ version: number }>(await approver.get(`/api/reports/${yearReport}`));
    r = ok(await approver.post(`/api/reports/${yearReport}/return`, { version: r.version, comment: 'Sửa số kết nạp theo hồ sơ' }));
    r = ok(await reporter.post(`/api/reports/${yearReport}/submit`, { version: r.version, idempotencyKey: 'resubmit-2024' }));
    const done = ok<{ status: string; reapprovals: unknown[] }>(
      await approver.post(`/api/reports/${yearReport}/approve`, { version: r.version, idempotencyKey: 'reapprove-2024' }),
    );
    expect(done.status).toBe('approved');
    expect(done.reapprovals).toEqual([]);
    expect(await openFlags(yearReport)).toBe(0);
    expect(await openFlags(q1Report)).toBe(1);
  });

  it('moves no figure and flags nothing when only the decision changes', async () => {
    const { version, date } = await eventOf(admissionId);
    const res = ok<EditResult>(
      await manager.put(`/api/registry/events/${admissionId}`, { date, decision: 'Quyết định số 122-QĐ/ĐU', version }),
    );
    expect(res.reapprovals).toEqual([]);
    expect(await openFlags(q1Report)).toBe(1);
  });
});

describe('refusals', () => {
  it('refuses a date that breaks the history (made official before twelve months), in Vietnamese, writing nothing', async () => {
    const memberId = await admit('2023-03-10', false, 'Đỗ Thị Dung');
    ok(
      await manager.post(`/api/registry/members/${memberId}/events`, {
        kind: 'official',
        date: '2024-03-20',
        decision: 'Quyết định số 9-QĐ/ĐU',
      }),
      201,
    );
    const adm = (
      await db.query<{ id: number; version: number }>(
        `SELECT id, version FROM membership_events WHERE member_id = $1 AND kind = 'admission'`,
        [memberId],
      )
    ).rows[0]!;
    const res = await manager.put(`/api/registry/events/${adm.id}`, {
      date: '2023-06-01',
      decision: 'Quyết định số 1-QĐ/ĐU',
      version: adm.version,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0]).toEqual({ field: 'body.date', message: expect.stringContaining('12 tháng') });
    expect(await eventOf(adm.id)).toEqual({ date: '2023-03-10', version: adm.version });
  });

  it('answers 400 naming the field, 409 on a stale version, 403 to a viewer, 404 outside the scope, 401 without a session', async () => {
    const { version, date } = await eventOf(admissionId);
    const body = { date, decision: 'Quyết định số 123-QĐ/ĐU', version };
    const bad = await manager.put(`/api/registry/events/${admissionId}`, { ...body, date: '15/01/2025' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('date');
    const future = await manager.put(`/api/registry/events/${admissionId}`, { ...body, date: '2999-01-01' });
    expect(future.statusCode).toBe(400);
    expect((await manager.put(`/api/registry/events/${admissionId}`, { ...body, version: version - 1 })).statusCode).toBe(409);
    expect((await viewer.put(`/api/registry/events/${admissionId}`, body)).statusCode).toBe(403);
    expect((await reporter.put(`/api/registry/events/${admissionId}`, body)).statusCode).toBe(403);
    expect((await otherManager.put(`/api/registry/events/${admissionId}`, body)).statusCode).toBe(404);
    expect((await manager.put(`/api/registry/events/999999999`, body)).statusCode).toBe(404);
    expect((await (await anonymous(app)).put(`/api/registry/events/${admissionId}`, body)).statusCode).toBe(401);
    expect(await eventOf(admissionId)).toEqual({ date, version });
  });

  it('lets one of two corrections sent with the same version through; the other gets 409', async () => {
    const { version } = await eventOf(admissionId);
    const [a, b] = await Promise.all(
      ['2025-02-01', '2025-02-02'].map((date) =>
        manager.put(`/api/registry/events/${admissionId}`, { date, decision: 'Quyết định số 124-QĐ/ĐU', version }),
      ),
    );
    expect([a!.statusCode, b!.statusCode].sort()).toEqual([200, 409]);
    expect((await eventOf(admissionId)).version).toBe(version + 1);
  });
});
