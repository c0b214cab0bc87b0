import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import { buildDocument, buildItem, buildOrg, buildTask, buildUser, type TestOrg } from '../../test/factories';
import { buildTestApp, loginAs, type TestClient } from '../../test/http';
import { vnToday } from '../../../domain/vn-time';

/**
 * The figures that pre-fill a self-report (issue 14, "Run one"), recomputed from their parts:
 * tasks the subject's subtree leads and those overdue, its open explanation requests, and the
 * targets as the resolution's dashboard judges them at the subject. Once sent they stay as sent.
 */
let app: App;
let db: Db;
let drop: () => Promise<void>;
let province: TestOrg, diAn: TestOrg, ward: TestOrg, thuanAn: TestOrg;
let inspector: TestClient, diAnReporter: TestClient;
let inspectorId: number, teamId: number, resolutionId: number, targetId: number;
const today = vnToday();
const year = Number(today.slice(0, 4));

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
async function ok(p: Promise<{ statusCode: number; body: string; json: () => unknown }>, status = 200): Promise<Json> {
  const res = await p;
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as Json;
}
async function explanation(org: TestOrg, status: 'open' | 'answered') {
  await db.query(
    `INSERT INTO explanation_requests (document_id, item_id, org_id, question, due_date, status, asked_by_name)
     VALUES ($1, $2, $3, 'Vì sao chỉ tiêu chậm?', '2030-01-31', $4, 'Ban Tuyên giáo')`,
    [resolutionId, targetId, org.id, status],
  );
}

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
  province = await buildOrg(db, { name: 'Tỉnh ủy Bình Dương' });
  diAn = await buildOrg(db, { parent: province, name: 'Thành ủy Dĩ An', kind: 'district_committee' });
  ward = await buildOrg(db, { parent: diAn, name: 'Đảng ủy phường Đông Hòa', kind: 'commune_committee' });
  thuanAn = await buildOrg(db, { parent: province, name: 'Thành ủy Thuận An', kind: 'district_committee' });
  resolutionId = (await buildDocument(db, province, { symbol: '01-NQ/TU' })).id;
  targetId = await buildItem(db, resolutionId, { kind: 'target', text: 'Tỷ lệ hộ nghèo giảm còn dưới 0,5%' });
  await buildItem(db, resolutionId, { kind: 'target', text: 'Thu nhập bình quân đầu người' });
  const i = await buildUser(db, [{ org: province, role: 'inspector' }]);
  inspectorId = i.id;
  inspector = await loginAs(app, i.username, i.password);
  teamId = (await buildUser(db, [{ org: province, role: 'viewer' }])).id;
  const r = await buildUser(db, [{ org: diAn, role: 'reporter' }]);
  diAnReporter = await loginAs(app, r.username, r.password);
  // Led inside Dĩ An: two overdue (one not started, one under way), one done late, one not due; one cancelled.
  await buildTask(db, province, { lead: diAn, dueDate: '2020-01-31' });
  await buildTask(db, province, { lead: ward, dueDate: '2020-06-30', status: 'in_progress' });
  await buildTask(db, province, { lead: ward, dueDate: '2020-06-30', status: 'done' });
  await buildTask(db, province, { lead: diAn, dueDate: '2099-12-31' });
  await buildTask(db, province, { lead: diAn, dueDate: '2020-01-31', status: 'cancelled' });
  // Outside it: not counted.
  await buildTask(db, province, { lead: thuanAn, dueDate: '2020-01-31' });
  await explanation(ward, 'open');
  await explanation(diAn, 'answered');
  await explanation(thuanAn, 'open');
});
afterAll(async () => {
  await app?.close();
  await drop?.();
});

describe('the self-report’s figures', () => {
  it('count the subtree’s tasks, overdue tasks and open explanations, judge targets as the dashboard does, and stay as sent', async () => {
    let f = await ok(
      inspector.post('/api/oversight/inspections', {
        orgId: province.id,
        kind: 'supervision',
        basis: 'thematic',
        subjectOrgId: diAn.id,
        content: 'Giám sát việc thực hiện Nghị quyết',
        theme: 'Thực hiện Nghị quyết',
        documentId: resolutionId,
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

    const draft = await ok(diAnReporter.get(`${url}/self-report-draft`));
    expect(draft).toMatchObject({ asOf: today, documentSymbol: '01-NQ/TU', tasks: { led: 4, overdue: 2 }, openExplanations: 1 });
    // The targets as the resolution's dashboard judges them at the subject, and the parts add up.
    const dash = await ok(inspector.get(`/api/documents/${resolutionId}/dashboard?orgId=${diAn.id}`));
    const c = dash.targetCounts as Record<string, number>;
    expect(draft.targets).toEqual({
      total: dash.targets.length,
      achieved: c.achieved,
      onTrack: c.on_track,
      atRisk: c.at_risk,
      offTrack: c.off_track,
      notAssessable: c.not_assessable,
    });
    const t = draft.targets as Record<string, number>;
    expect(t.achieved! + t.onTrack! + t.atRisk! + t.offTrack! + t.notAssessable!).toBe(t.total);
    expect(draft.reports).toEqual({
      periodKey: dash.reports.periodKey,
      expected: dash.reports.expected,
      submitted: dash.reports.submitted,
      approved: dash.reports.approved,
    });

    f = await ok(diAnReporter.post(`${url}/self-report`, { version: f.version, text: 'Báo cáo tự kiểm tra' }));
    expect(f.selfReport.figures).toEqual(draft);
    // A task falls overdue afterwards: today's figures move, the sent report keeps its own.
    await buildTask(db, province, { lead: ward, dueDate: '2021-01-31' });
    expect((await ok(diAnReporter.get(`${url}/self-report-draft`))).tasks).toEqual({ led: 5, overdue: 3 });
    expect((await ok(inspector.get(url))).selfReport.figures.tasks).toEqual({ led: 4, overdue: 2 });
  });
});
