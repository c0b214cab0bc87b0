import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import {
  buildDocument,
  buildMember,
  buildOrg,
  buildReport,
  buildTask,
  buildUser,
  type TestMember,
  type TestOrg,
} from '../../test/factories';
import { anonymous, buildTestApp, loginAs, type TestClient } from '../../test/http';
import type { Role } from '../../../domain/access/permissions';
import { vnToday } from '../../../domain/vn-time';

/**
 * Issue 14, checked item by item: a program entry may name members as its subjects, a finding
 * is linked to the targets, tasks, reports and members it concerns (each id inside the
 * subject's subtree), and the commission picks the team among the users under it.
 */
let app: App;
let db: Db;
let drop: () => Promise<void>;
let province: TestOrg, diAn: TestOrg, ward: TestOrg, cell: TestOrg, thuanAn: TestOrg, otherProvince: TestOrg;
let member: TestMember, thuanAnMember: TestMember, farMember: TestMember;
let inspector: TestClient, teamMember: TestClient, diAnReporter: TestClient, stranger: TestClient;
let teamMemberId: number, inspectorId: number, disabledId: number, resolutionId: number;
const today = vnToday();
const year = Number(today.slice(0, 4));

type Json = Record<string, unknown> & { id: number; version: number };
async function send(p: Promise<{ statusCode: number; body: string; json: () => unknown }>, status = 200): Promise<Json> {
  const res = await p;
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as Json;
}
async function userOn(org: TestOrg, role: Role) {
  const u = await buildUser(db, [{ org, role }]);
  return { id: u.id, client: await loginAs(app, u.username, u.password) };
}

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
  province = await buildOrg(db, { name: 'Tỉnh ủy Bình Dương' });
  diAn = await buildOrg(db, { parent: province, name: 'Thành ủy Dĩ An', kind: 'district_committee' });
  ward = await buildOrg(db, { parent: diAn, name: 'Đảng ủy phường Đông Hòa', kind: 'commune_committee' });
  cell = await buildOrg(db, { parent: ward, name: 'Chi bộ Khu phố Tân Hòa' });
  thuanAn = await buildOrg(db, { parent: province, name: 'Thành ủy Thuận An', kind: 'district_committee' });
  otherProvince = await buildOrg(db, { name: 'Tỉnh ủy Bình Phước' });
  member = await buildMember(db, cell, { fullName: 'Trần Văn Bình' });
  thuanAnMember = await buildMember(db, thuanAn, { fullName: 'Lê Thị Hoa' });
  farMember = await buildMember(db, otherProvince, { fullName: 'Phạm Văn Xa' });
  resolutionId = (await buildDocument(db, province, { term: '2025-2030', number: 1, symbol: '01-NQ/TU', title: 'Nghị quyết Đại hội' })).id;
  ({ id: inspectorId, client: inspector } = await userOn(province, 'inspector'));
  ({ id: teamMemberId, client: teamMember } = await userOn(ward, 'viewer'));
  ({ client: diAnReporter } = await userOn(diAn, 'reporter'));
  ({ client: stranger } = await userOn(otherProvince, 'inspector'));
  disabledId = (await buildUser(db, [{ org: diAn, role: 'viewer' }])).id;
  await db.query('UPDATE users SET is_disabled = true WHERE id = $1', [disabledId]);
});
afterAll(async () => {
  await app?.close();
  await drop?.();
});

describe('a program entry on members', () => {
  it('names members inside the program’s tree as subjects, refuses one outside it, and keeps them through an edit', async () => {
    const program = await send(
      inspector.post('/api/oversight/programs', { orgId: province.id, body: 'inspection_commission', year, title: 'Chương trình' }),
      201,
    );
    const entry = {
      kind: 'inspection',
      basis: 'violation_signs',
      content: 'Kiểm tra đảng viên khi có dấu hiệu vi phạm',
      theme: 'Kiểm tra đảng viên',
      periodStart: `${year}-04-01`,
      periodEnd: `${year}-05-31`,
      responsibleBody: 'inspection_commission',
    };
    const far = await inspector.post(`/api/oversight/programs/${program.id}/entries`, {
      ...entry,
      version: program.version,
      subjectMemberIds: [member.id, farMember.id],
    });
    expect(far.statusCode).toBe(404);
    expect(far.json().error.message).toContain(String(farMember.id));
    const none = await inspector.post(`/api/oversight/programs/${program.id}/entries`, { ...entry, version: program.version });
    expect(none.statusCode).toBe(400);

    const task = await buildTask(db, diAn, { title: 'Rà soát hồ sơ đảng viên' });
    const saved = await send(
      inspector.post(`/api/oversight/programs/${program.id}/entries`, {
        ...entry,
        version: program.version,
        subjectMemberIds: [member.id, thuanAnMember.id],
        taskIds: [task],
      }),
      201,
    );
    const [e] = saved.entries as {
      id: number;
      version: number;
      subjectMemberNames: string[];
      taskIds: number[];
      subjectOrgIds: number[];
    }[];
    expect(e!.subjectMemberNames.sort()).toEqual(['Lê Thị Hoa', 'Trần Văn Bình']);
    expect(e!.taskIds).toEqual([task]);

    // An edit that moves the subject outside the tree is refused with nothing changed.
    const outside = await inspector.patch(`/api/oversight/entries/${e!.id}`, { version: e!.version, subjectMemberIds: [farMember.id] });
    expect(outside.statusCode).toBe(404);
    const edited = await send(inspector.patch(`/api/oversight/entries/${e!.id}`, { version: e!.version, subjectMemberIds: [member.id] }));
    expect((edited.entries as { subjectMemberNames: string[] }[])[0]!.subjectMemberNames).toEqual(['Trần Văn Bình']);
    // The org of the program's commission in another province does not see it.
    expect((await stranger.patch(`/api/oversight/entries/${e!.id}`, { version: e!.version + 1, theme: 'Khác' })).statusCode).toBe(404);
  });
});

describe('the team and the findings of one file', () => {
  let file: Json;
  const url = () => `/api/oversight/inspections/${file.id}`;

  it('offers as team candidates the enabled users under the running committee, to the commission only', async () => {
    file = await send(
      inspector.post('/api/oversight/inspections', {
        orgId: province.id,
        kind: 'supervision',
        basis: 'thematic',
        subjectOrgId: diAn.id,
        content: 'Việc lãnh đạo thực hiện Nghị quyết',
        theme: 'Thực hiện Nghị quyết Đại hội',
        documentId: resolutionId,
        periodStart: `${year}-01-01`,
        periodEnd: `${year}-12-31`,
      }),
      201,
    );
    const candidates = (await send(inspector.get(`${url()}/team-candidates`))) as unknown as { userId: number; fullName: string }[];
    const ids = candidates.map((c) => c.userId);
    expect(ids).toEqual(expect.arrayContaining([inspectorId, teamMemberId]));
    expect(ids).not.toContain(disabledId);
    const names = candidates.map((c) => c.fullName);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'vi')));
    expect((await (await anonymous(app)).get(`${url()}/team-candidates`)).statusCode).toBe(401);
    // Inspectors of another province hold the permission but not the file: 404.
    expect((await stranger.get(`${url()}/team-candidates`)).statusCode).toBe(404);
    // The subject's reporter lacks inspections.write: 403 before the file is looked at.
    expect((await diAnReporter.get(`${url()}/team-candidates`)).statusCode).toBe(403);
    expect((await inspector.get(`/api/oversight/inspections/abc/team-candidates`)).statusCode).toBe(400);
  });

  it('links a finding to tasks, reports and members of the subject, and refuses ids outside it', async () => {
    file = await send(
      inspector.put(`${url()}/team`, {
        version: file.version,
        decisionDate: today,
        team: [
          { userId: teamMemberId, role: 'head' },
          { userId: inspectorId, role: 'secretary' },
        ],
      }),
    );
    // The team member of the ward now sees the candidates' route as a non-commission reader: 403.
    expect((await teamMember.get(`${url()}/team-candidates`)).statusCode).toBe(403);
    file = await send(inspector.post(`${url()}/notice`, { version: file.version, planText: 'Kế hoạch', noticeText: 'Thông báo' }));
    file = await send(diAnReporter.post(`${url()}/self-report`, { version: file.version, text: 'Báo cáo tự kiểm tra' }));
    file = await send(teamMember.post(`${url()}/sessions`, { version: file.version, heldOn: today, place: 'Dĩ An', minutes: 'Biên bản' }));
    file = await send(teamMember.post(`${url()}/team-report`, { version: file.version, text: 'Báo cáo của đoàn' }));

    const task = await buildTask(db, diAn, { lead: ward, title: 'Cụ thể hóa chỉ tiêu giảm nghèo' });
    const report = (await buildReport(db, { id: resolutionId }, ward)).id;
    const thuanAnTask = await buildTask(db, thuanAn, { title: 'Nhiệm vụ của Thuận An' });
    const thuanAnReport = (await buildReport(db, { id: resolutionId }, thuanAn, { periodKey: '2024-Q2' })).id;
    const finding = (over: Record<string, unknown>) =>
      teamMember.post(`${url()}/findings`, {
        version: file.version,
        kind: 'violation',
        theme: 'Thực hiện Nghị quyết Đại hội',
        text: 'Chậm cụ thể hóa chỉ tiêu; hồ sơ đảng viên chưa đầy đủ',
        itemIds: [],
        taskIds: [task],
        reportIds: [report],
        memberIds: [member.id],
        ...over,
      });
    for (const [field, ids] of [
      ['taskIds', [thuanAnTask]],
      ['reportIds', [thuanAnReport]],
      ['memberIds', [thuanAnMember.id]],
    ] as const) {
      const res = await finding({ [field]: ids });
      expect(res.statusCode, `${field} outside the subject`).toBe(404);
    }
    const bad = await finding({ memberIds: ['x'] });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('memberIds');

    file = await send(finding({}));
    const [f] = file.findings as {
      id: number;
      version: number;
      taskIds: number[];
      reportIds: number[];
      memberIds: number[];
      taskTitles: string[];
      memberNames: string[];
    }[];
    expect(f).toMatchObject({ taskIds: [task], reportIds: [report], memberIds: [member.id] });
    expect(f!.taskTitles).toEqual(['Cụ thể hóa chỉ tiêu giảm nghèo']);
    expect(f!.memberNames).toEqual(['Trần Văn Bình']);
    // Kept counts follow the kind; an edit to a member outside the subject changes nothing.
    const { rows } = await db.query<{ violations: number }>('SELECT violations FROM inspections WHERE id = $1', [file.id]);
    expect(rows[0]!.violations).toBe(1);
    expect(
      (await teamMember.patch(`/api/oversight/findings/${f!.id}`, { version: f!.version, memberIds: [farMember.id] })).statusCode,
    ).toBe(404);
    const { rows: after } = await db.query<{ memberIds: number[] }>(
      'SELECT member_ids AS "memberIds" FROM inspection_findings WHERE id = $1',
      [f!.id],
    );
    expect(after[0]!.memberIds.map(Number)).toEqual([member.id]);
  });
});
