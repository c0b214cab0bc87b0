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
  buildTask,
  buildUser,
  type TestMember,
  type TestOrg,
} from '../../test/factories';
import { buildTestApp, loginAs, type TestClient } from '../../test/http';
import { vnToday } from '../../../domain/vn-time';

/**
 * The figures that pre-fill a self-report (issue 14, "Run one"), recomputed from their parts:
 * tasks the subject's subtree leads and those overdue, its open explanation requests, and the
 * targets as the resolution's dashboard judges them at the subject, and the study coverage of
 * the resolution recounted from the sessions' attendance rows. Once sent they stay as sent.
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

/** One session of `documentId` held by the province on `day`, with these members' attendance, checked in that day. */
async function session(day: string, documentId: number, marks: [TestMember, TestOrg, 'present' | 'excused' | 'absent'][]) {
  const startsAt = new Date(`${day}T08:00:00+07:00`);
  const { id } = await buildStudySession(db, province, { startsAt, endsAt: new Date(`${day}T11:00:00+07:00`), documentIds: [documentId] });
  for (const [member, cell, status] of marks)
    await db.query(`INSERT INTO attendances (session_id, member_id, org_id, status, method, at) VALUES ($1, $2, $3, $4, 'manual', $5)`, [
      id,
      member.id,
      cell.id,
      status,
      startsAt,
    ]);
}

/** The subject's coverage of the resolution from the rows behind it: members present at one of its sessions by `asOf`. */
async function recountCoverage(org: TestOrg, asOf: string) {
  const { rows } = await db.query<{ members: number; studied: number }>(
    `SELECT (SELECT count(*)::int FROM members x JOIN orgs o ON o.id = x.org_id WHERE o.path <@ $1::ltree) AS members,
            (SELECT count(DISTINCT a.member_id)::int FROM attendances a JOIN members x ON x.id = a.member_id JOIN orgs o ON o.id = x.org_id
               JOIN study_session_documents d ON d.session_id = a.session_id
              WHERE o.path <@ $1::ltree AND a.status = 'present' AND d.document_id = $2 AND (a.at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= $3::date) AS studied`,
    [org.path, resolutionId, asOf],
  );
  return rows[0]!;
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
  // Study of the resolution: in Dĩ An W1 and D1 studied it, W2 was absent and studied only
  // another document, then checks in at a session next year (not yet as of today); Thuận An's
  // T1 is outside the subject.
  const w1 = await buildMember(db, ward, { fullName: 'Nguyễn Văn An' });
  const w2 = await buildMember(db, ward, { fullName: 'Trần Thị Bình' });
  const d1 = await buildMember(db, diAn, { fullName: 'Lê Văn Cường' });
  const t1 = await buildMember(db, thuanAn, { fullName: 'Phạm Thị Dung' });
  const directive = (await buildDocument(db, province, { symbol: '05-CT/TU' })).id;
  await session(`${year - 1}-03-15`, resolutionId, [
    [w1, ward, 'present'],
    [w2, ward, 'absent'],
    [d1, diAn, 'present'],
    [t1, thuanAn, 'present'],
  ]);
  await session(`${year - 1}-09-20`, directive, [[w2, ward, 'present']]);
  await session(`${year + 1}-01-15`, resolutionId, [[w2, ward, 'present']]);
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

    // Study coverage of the resolution in Dĩ An, recounted from the attendance rows.
    const recount = await recountCoverage(diAn, today);
    expect(recount).toEqual({ members: 3, studied: 2 });
    expect(draft.study).toEqual({ ...recount, percent: 66.7 });

    f = await ok(diAnReporter.post(`${url}/self-report`, { version: f.version, text: 'Báo cáo tự kiểm tra' }));
    expect(f.selfReport.figures).toEqual(draft);
    // A task falls overdue afterwards: today's figures move, the sent report keeps its own.
    await buildTask(db, province, { lead: ward, dueDate: '2021-01-31' });
    expect((await ok(diAnReporter.get(`${url}/self-report-draft`))).tasks).toEqual({ led: 5, overdue: 3 });
    expect((await ok(inspector.get(url))).selfReport.figures.tasks).toEqual({ led: 4, overdue: 2 });
  });
});
