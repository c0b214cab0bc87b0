import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import { buildOrg, buildUser, type TestOrg } from '../../test/factories';
import { buildTestApp, loginAs, type TestClient } from '../../test/http';
import { docxToText } from '../../lib/docx-text';
import type { Role } from '../../../domain/access/permissions';
import { vnToday } from '../../../domain/vn-time';

/**
 * A conclusion notice asks for recommendations (kiến nghị) and requirements (yêu cầu): two
 * kinds, listed apart in the file and in the Word notice, each followed up with an owner, a
 * deadline and a task of its owner.
 */
let app: App;
let db: Db;
let drop: () => Promise<void>;
let province: TestOrg, diAn: TestOrg, ward: TestOrg;
let inspector: TestClient, teamMember: TestClient, diAnReporter: TestClient;
let inspectorId: number, teamMemberId: number;
const today = vnToday();
const year = Number(today.slice(0, 4));

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
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
  ({ id: inspectorId, client: inspector } = await userOn(province, 'inspector'));
  ({ id: teamMemberId, client: teamMember } = await userOn(ward, 'viewer'));
  ({ client: diAnReporter } = await userOn(diAn, 'reporter'));
});
afterAll(async () => {
  await app?.close();
  await drop?.();
});

/** A file on Dĩ An carried to the conclusion step. */
async function fileAtFindings() {
  let f = await send(
    inspector.post('/api/oversight/inspections', {
      orgId: province.id,
      kind: 'supervision',
      basis: 'thematic',
      subjectOrgId: diAn.id,
      content: 'Giám sát việc thực hiện Nghị quyết Đại hội XI',
      theme: 'Thực hiện Nghị quyết',
      periodStart: `${year}-01-01`,
      periodEnd: `${year}-12-31`,
    }),
    201,
  );
  const url = `/api/oversight/inspections/${f.id}`;
  f = await send(
    inspector.put(`${url}/team`, {
      version: f.version,
      decisionDate: today,
      team: [
        { userId: teamMemberId, role: 'head' },
        { userId: inspectorId, role: 'secretary' },
      ],
    }),
  );
  f = await send(inspector.post(`${url}/notice`, { version: f.version, planText: 'Kế hoạch', noticeText: 'Thông báo' }));
  f = await send(diAnReporter.post(`${url}/self-report`, { version: f.version, text: 'Báo cáo tự kiểm tra' }));
  f = await send(teamMember.post(`${url}/sessions`, { version: f.version, heldOn: today, place: 'Trụ sở', minutes: 'Biên bản' }));
  f = await send(teamMember.post(`${url}/team-report`, { version: f.version, text: 'Báo cáo của đoàn' }));
  f = await send(teamMember.post(`${url}/findings`, { version: f.version, kind: 'limitation', theme: 'Giảm nghèo', text: 'Chậm' }));
  return { f, url };
}

describe('recommendations and requirements of a conclusion', () => {
  it('are kept as two kinds, listed apart in the notice, and both followed up with an owner, a deadline and a task', async () => {
    const file = await fileAtFindings();
    const url = file.url;
    let f = file.f;
    f = await send(
      inspector.post(`${url}/conclusion`, {
        version: f.version,
        text: 'Thông báo kết luận',
        recommendations: [
          { text: 'Bổ sung giải pháp giảm nghèo bền vững', ownerOrgId: diAn.id, deadline: '2099-06-30' },
          { kind: 'requirement', text: 'Khắc phục ngay việc chậm báo cáo', ownerOrgId: ward.id, deadline: '2099-03-31' },
          { kind: 'recommendation', text: 'Tăng cường kiểm tra cơ sở', ownerOrgId: diAn.id, deadline: '2099-09-30' },
        ],
      }),
    );
    expect((f.recommendations as Json[]).map((r) => [r.kind, r.text])).toEqual([
      ['recommendation', 'Bổ sung giải pháp giảm nghèo bền vững'],
      ['requirement', 'Khắc phục ngay việc chậm báo cáo'],
      ['recommendation', 'Tăng cường kiểm tra cơ sở'],
    ]);
    const { rows: audit } = await db.query<{ summary: string }>(
      `SELECT summary FROM audit_log WHERE entity = 'inspection' AND entity_id = $1 AND action = 'conclude'`,
      [String(f.id)],
    );
    expect(audit[0]!.summary).toContain('2 kiến nghị, 1 yêu cầu');

    // The Word notice: two headings, each list numbered from 1, owners and deadlines kept.
    const words = await docxToText((await inspector.get(`${url}/docx/conclusion`)).rawPayload);
    const recAt = words.indexOf('Kiến nghị\n');
    const reqAt = words.indexOf('Yêu cầu\n');
    expect(recAt, words).toBeGreaterThan(-1);
    expect(reqAt).toBeGreaterThan(recAt);
    expect(words.slice(recAt, reqAt)).toContain('1. Bổ sung giải pháp giảm nghèo bền vững (Thành ủy Dĩ An thực hiện, hạn 30/06/2099).');
    expect(words.slice(recAt, reqAt)).toContain('2. Tăng cường kiểm tra cơ sở (Thành ủy Dĩ An thực hiện, hạn 30/09/2099).');
    expect(words.slice(reqAt)).toContain('1. Khắc phục ngay việc chậm báo cáo (Đảng ủy phường Đông Hòa thực hiện, hạn 31/03/2099).');

    // Sent: each becomes a task of its owner, worded by its kind.
    f = await send(inspector.post(`${url}/conclusion/send`, { version: f.version }));
    const { rows: tasks } = await db.query<{ title: string; lead: number; due: string }>(
      `SELECT t.title, t.lead_org_id AS lead, to_char(t.due_date, 'YYYY-MM-DD') AS due
         FROM inspection_recommendations r JOIN tasks t ON t.id = r.task_id WHERE r.inspection_id = $1 ORDER BY r.position`,
      [f.id],
    );
    expect(tasks.map((t) => [t.title.split(' theo ')[0], t.lead, t.due])).toEqual([
      ['Thực hiện kiến nghị', diAn.id, '2099-06-30'],
      ['Thực hiện yêu cầu', ward.id, '2099-03-31'],
      ['Thực hiện kiến nghị', diAn.id, '2099-09-30'],
    ]);
    // The subject reads both kinds.
    const seen = await send(diAnReporter.get(url));
    expect((seen.recommendations as Json[]).map((r) => r.kind)).toEqual(['recommendation', 'requirement', 'recommendation']);
  });

  it('refuses an unknown kind with the field named', async () => {
    const { f, url } = await fileAtFindings();
    const res = await inspector.post(`${url}/conclusion`, {
      version: f.version,
      text: 'Thông báo kết luận',
      recommendations: [{ kind: 'order', text: 'X', ownerOrgId: diAn.id, deadline: '2099-06-30' }],
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('kind');
  });
});
