import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import {
  buildDocument,
  buildItem,
  buildMember,
  buildOrg,
  buildReport,
  buildTask,
  buildUser,
  type TestMember,
  type TestOrg,
} from '../../test/factories';
import { anonymous, buildTestApp, loginAs, multipartBody, type TestClient } from '../../test/http';
import type { Role } from '../../../domain/access/permissions';
import { vnToday } from '../../../domain/vn-time';

/**
 * The forms' link pickers (issue 14): a finding links targets, tasks, reports and members of the
 * subject's subtree, an entry documents, targets, tasks and members of its subject's subtree;
 * the pickers offer exactly what the save accepts. And the org that owns a recommendation
 * without being the subject reads the sent conclusion and reports its own recommendation.
 */
let app: App;
let db: Db;
let drop: () => Promise<void>;
let province: TestOrg, diAn: TestOrg, ward: TestOrg, cell: TestOrg, thuanAn: TestOrg, otherProvince: TestOrg;
let member: TestMember, thuanAnMember: TestMember;
let inspector: TestClient, teamMember: TestClient, otherTeamMember: TestClient, diAnReporter: TestClient, wardReporter: TestClient;
let stranger: TestClient, provinceViewer: TestClient;
let teamMemberId: number, otherTeamMemberId: number, inspectorId: number;
let targetIn: number, targetOut: number, taskIn: number, taskOut: number, reportIn: number, reportOut: number, wardDocId: number;
const today = vnToday();
const year = Number(today.slice(0, 4));

type Option = { id: number; label: string; detail: string | null };
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
const pdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
function upload(client: TestClient, id: number, recommendationId: number) {
  const { body, contentType } = multipartBody(
    { part: 'follow_up', recommendationId: String(recommendationId) },
    { field: 'file', name: 'bien-ban-ra-soat.pdf', content: pdf },
  );
  return client.request('POST', `/api/oversight/inspections/${id}/files`, body, { 'content-type': contentType });
}
const ids = (res: { json: () => unknown }) => (res.json() as Option[]).map((o) => o.id);

/** A file on `subject` run by the province, with `team` named, notified. */
async function notifiedFile(subject: TestOrg, team: number) {
  let f = await send(
    inspector.post('/api/oversight/inspections', {
      orgId: province.id,
      kind: 'supervision',
      basis: 'thematic',
      subjectOrgId: subject.id,
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
        { userId: team, role: 'head' },
        { userId: inspectorId, role: 'secretary' },
      ],
    }),
  );
  return send(inspector.post(`${url}/notice`, { version: f.version, planText: 'Kế hoạch', noticeText: 'Thông báo' }));
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
  member = await buildMember(db, cell, { fullName: 'Trần Văn Đức' });
  thuanAnMember = await buildMember(db, thuanAn, { fullName: 'Trần Thị Đào' });
  const resolution = await buildDocument(db, province, { symbol: '01-NQ/TU', title: 'Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XI' });
  targetIn = await buildItem(db, resolution.id, { kind: 'target', text: 'Tỷ lệ hộ nghèo giảm còn dưới 0,5%' });
  await buildItem(db, resolution.id, { kind: 'task', text: 'Nhiệm vụ giảm nghèo bền vững' });
  const thuanAnPlan = await buildDocument(db, thuanAn, { symbol: '05-KH/ThU', title: 'Kế hoạch của Thành ủy Thuận An' });
  targetOut = await buildItem(db, thuanAnPlan.id, { kind: 'target', text: 'Tỷ lệ hộ nghèo của Thuận An' });
  wardDocId = (await buildDocument(db, ward, { symbol: '02-KH/ĐU', title: 'Kế hoạch giảm nghèo của phường' })).id;
  taskIn = await buildTask(db, province, { lead: ward, title: 'Rà soát hộ nghèo trên địa bàn phường', dueDate: '2030-06-30' });
  taskOut = await buildTask(db, province, { lead: thuanAn, title: 'Rà soát hộ nghèo Thuận An' });
  reportIn = (await buildReport(db, resolution, ward, { periodKey: '2024-Q1' })).id;
  reportOut = (await buildReport(db, resolution, thuanAn, { periodKey: '2024-Q1' })).id;
  ({ id: inspectorId, client: inspector } = await userOn(province, 'inspector'));
  ({ id: teamMemberId, client: teamMember } = await userOn(ward, 'viewer'));
  ({ id: otherTeamMemberId, client: otherTeamMember } = await userOn(thuanAn, 'viewer'));
  ({ client: diAnReporter } = await userOn(diAn, 'reporter'));
  ({ client: wardReporter } = await userOn(ward, 'reporter'));
  ({ client: stranger } = await userOn(otherProvince, 'inspector'));
  ({ client: provinceViewer } = await userOn(province, 'viewer'));
});
afterAll(async () => {
  await app?.close();
  await drop?.();
});

describe('the finding form’s pickers', () => {
  it('offer the targets, tasks, reports and members of the subject’s subtree only, searched without accents, and the save takes them', async () => {
    const f = await notifiedFile(diAn, teamMemberId);
    const url = `/api/oversight/inspections/${f.id}/link-options`;
    const items = await teamMember.get(`${url}?kind=item`);
    expect(items.statusCode, items.body).toBe(200);
    // The province's resolution (above the subject) counts; Thuận An's plan and a task heading do not.
    expect(ids(items)).toEqual([targetIn]);
    expect((items.json() as Option[])[0]).toMatchObject({ label: 'Tỷ lệ hộ nghèo giảm còn dưới 0,5%', detail: '01-NQ/TU' });
    expect(ids(await teamMember.get(`${url}?kind=task`))).toEqual([taskIn]);
    expect(ids(await teamMember.get(`${url}?kind=report`))).toEqual([reportIn]);
    expect(ids(await teamMember.get(`${url}?kind=member`))).toEqual([member.id]);
    // Accents optional: "duc" finds Đức; "xyz" finds nothing.
    expect(ids(await teamMember.get(`${url}?kind=member&q=duc`))).toEqual([member.id]);
    expect(ids(await teamMember.get(`${url}?kind=member&q=xyz`))).toEqual([]);
    expect(ids(await teamMember.get(`${url}?kind=task&q=${encodeURIComponent('ho ngheo')}`))).toEqual([taskIn]);
    // The commission running it uses the same pickers.
    expect(ids(await inspector.get(`${url}?kind=member`))).toEqual([member.id]);

    // What the picker offered is what the save accepts; what it did not offer is refused by id.
    const outside = await teamMember.post(`/api/oversight/inspections/${f.id}/findings`, {
      version: f.version,
      kind: 'limitation',
      theme: 'Giảm nghèo',
      text: 'Chậm',
      reportIds: [reportOut],
    });
    expect(outside.statusCode).toBe(409); // not yet at the findings step: the order comes first
    // Carry the file to the findings step.
    let x = await send(diAnReporter.post(`/api/oversight/inspections/${f.id}/self-report`, { version: f.version, text: 'Báo cáo' }));
    x = await send(
      teamMember.post(`/api/oversight/inspections/${f.id}/sessions`, {
        version: x.version,
        heldOn: today,
        place: 'Trụ sở',
        minutes: 'Biên bản',
      }),
    );
    x = await send(teamMember.post(`/api/oversight/inspections/${f.id}/team-report`, { version: x.version, text: 'Báo cáo của đoàn' }));
    for (const [field, id] of [
      ['itemIds', targetOut],
      ['taskIds', taskOut],
      ['reportIds', reportOut],
      ['memberIds', thuanAnMember.id],
    ] as const) {
      const res = await teamMember.post(`/api/oversight/inspections/${f.id}/findings`, {
        version: x.version,
        kind: 'limitation',
        theme: 'Giảm nghèo',
        text: 'Chậm',
        [field]: [id],
      });
      expect(res.statusCode, field).toBe(404);
      expect(res.json().error.message).toContain(String(id));
    }
    x = await send(
      teamMember.post(`/api/oversight/inspections/${f.id}/findings`, {
        version: x.version,
        kind: 'limitation',
        theme: 'Giảm nghèo',
        text: 'Chỉ tiêu giảm nghèo chậm',
        itemIds: [targetIn],
        taskIds: [taskIn],
        reportIds: [reportIn],
        memberIds: [member.id],
      }),
    );
    const [finding] = x.findings as Record<string, unknown>[];
    expect(finding).toMatchObject({
      itemTexts: ['Tỷ lệ hộ nghèo giảm còn dưới 0,5%'],
      taskTitles: ['Rà soát hộ nghèo trên địa bàn phường'],
      reportLabels: ['Đảng ủy phường Đông Hòa — 2024-Q1'],
      memberNames: ['Trần Văn Đức'],
    });
  });

  it('answer 401 without a session, 400 on a bad kind or search, 404 to a stranger and to the team of another file, 403 to the subject', async () => {
    const f = await notifiedFile(diAn, teamMemberId);
    const other = await notifiedFile(thuanAn, otherTeamMemberId);
    const url = `/api/oversight/inspections/${f.id}/link-options`;
    expect((await (await anonymous(app)).get(`${url}?kind=item`)).statusCode).toBe(401);
    const bad = await teamMember.get(`${url}?kind=document`);
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('kind');
    expect((await teamMember.get(`${url}?kind=item&q=${'x'.repeat(201)}`)).statusCode).toBe(400);
    expect((await teamMember.get(`/api/oversight/inspections/abc/link-options?kind=item`)).statusCode).toBe(400);
    expect((await stranger.get(`${url}?kind=item`)).statusCode).toBe(404);
    // A team member of one file does not search inside another.
    expect((await otherTeamMember.get(`${url}?kind=member`)).statusCode).toBe(404);
    expect((await otherTeamMember.get(`/api/oversight/inspections/${other.id}/link-options?kind=member`)).statusCode).toBe(200);
    // The subject reads its file but writes no findings.
    expect((await diAnReporter.get(`${url}?kind=member`)).statusCode).toBe(403);
  });
});

describe('the program entry form’s pickers', () => {
  it('offer documents, targets, tasks and members inside the chosen subject, and refuse a subject or program outside scope', async () => {
    const program = await send(
      inspector.post('/api/oversight/programs', { orgId: province.id, body: 'inspection_commission', year, title: 'Chương trình năm' }),
      201,
    );
    const url = `/api/oversight/programs/${program.id}/link-options`;
    expect(ids(await inspector.get(`${url}?kind=member&subjectOrgId=${ward.id}`))).toEqual([member.id]);
    // Before a subject is chosen the program's whole tree is offered.
    expect(ids(await inspector.get(`${url}?kind=member`)).sort()).toEqual([member.id, thuanAnMember.id].sort());
    expect(ids(await inspector.get(`${url}?kind=task&subjectOrgId=${ward.id}`))).toEqual([taskIn]);
    expect(ids(await inspector.get(`${url}?kind=item&subjectOrgId=${ward.id}`))).toEqual([targetIn]);
    const docs = (await inspector.get(`${url}?kind=document&subjectOrgId=${ward.id}`)).json() as Option[];
    // The ward's own plan first, then the resolution it carries out; not Thuận An's plan.
    expect(docs.map((d) => d.id)).toEqual([wardDocId, expect.any(Number)]);
    expect(docs[1]!.label).toContain('01-NQ/TU');
    expect(ids(await inspector.get(`${url}?kind=document&subjectOrgId=${ward.id}&q=giam%20ngheo`))).toEqual([wardDocId]);

    // The picked ids save.
    const saved = await send(
      inspector.post(`/api/oversight/programs/${program.id}/entries`, {
        version: program.version,
        kind: 'supervision',
        basis: 'thematic',
        content: 'Giám sát giảm nghèo',
        theme: 'Giảm nghèo',
        subjectOrgIds: [ward.id],
        subjectMemberIds: [member.id],
        documentIds: [wardDocId],
        itemIds: [targetIn],
        taskIds: [taskIn],
        periodStart: `${year}-03-01`,
        periodEnd: `${year}-04-30`,
        responsibleBody: 'inspection_commission',
      }),
      201,
    );
    expect((saved.entries as { documentSymbols: string[] }[])[0]!.documentSymbols).toEqual(['02-KH/ĐU']);

    expect((await (await anonymous(app)).get(`${url}?kind=item`)).statusCode).toBe(401);
    expect((await inspector.get(`${url}?kind=report`)).statusCode).toBe(400);
    expect((await inspector.get(`${url}?kind=item&subjectOrgId=0`)).statusCode).toBe(400);
    // A subject outside the program's tree, a program of another province: 404.
    const far = await buildOrg(db, { parent: otherProvince, name: 'Thành ủy Đồng Xoài', kind: 'district_committee' });
    expect((await inspector.get(`${url}?kind=item&subjectOrgId=${far.id}`)).statusCode).toBe(404);
    expect((await stranger.get(`${url}?kind=item`)).statusCode).toBe(404);
    // Reading the programs is not writing them.
    expect((await provinceViewer.get(`${url}?kind=item`)).statusCode).toBe(403);
  });
});

describe('editing an entry’s links', () => {
  type Entry = {
    id: number;
    version: number;
    documentIds: number[];
    itemIds: number[];
    taskIds: number[];
    links: Record<string, Option[]>;
  };
  it('saves links inside the subject’s subtree with their labels, refuses one outside (404, nothing changed), re-checks them on a new subject, and is audited', async () => {
    const program = await send(
      inspector.post('/api/oversight/programs', { orgId: province.id, body: 'committee', year, title: 'Chương trình của Ban Thường vụ' }),
      201,
    );
    const created = await send(
      inspector.post(`/api/oversight/programs/${program.id}/entries`, {
        version: program.version,
        kind: 'supervision',
        basis: 'thematic',
        content: 'Giám sát giảm nghèo',
        theme: 'Giảm nghèo',
        subjectOrgIds: [ward.id],
        subjectMemberIds: [],
        documentIds: [],
        itemIds: [],
        taskIds: [],
        periodStart: `${year}-03-01`,
        periodEnd: `${year}-04-30`,
        responsibleBody: 'committee',
      }),
      201,
    );
    let e = (created.entries as Entry[])[0]!;
    const url = `/api/oversight/entries/${e.id}`;
    // What the pickers offer inside the ward saves, and comes back with the pickers' labels.
    const edited = await send(
      inspector.patch(url, {
        version: e.version,
        documentIds: [wardDocId],
        itemIds: [targetIn],
        taskIds: [taskIn],
        subjectMemberIds: [member.id],
      }),
    );
    e = (edited.entries as Entry[])[0]!;
    expect(e).toMatchObject({ documentIds: [wardDocId], itemIds: [targetIn], taskIds: [taskIn] });
    expect(e.links).toEqual({
      member: [{ id: member.id, label: 'Trần Văn Đức', detail: 'Chi bộ Khu phố Tân Hòa' }],
      document: [{ id: wardDocId, label: '02-KH/ĐU — Kế hoạch giảm nghèo của phường', detail: 'Đảng ủy phường Đông Hòa' }],
      item: [{ id: targetIn, label: 'Tỷ lệ hộ nghèo giảm còn dưới 0,5%', detail: '01-NQ/TU' }],
      task: [{ id: taskIn, label: 'Rà soát hộ nghèo trên địa bàn phường', detail: 'Đảng ủy phường Đông Hòa · hạn 30/06/2030' }],
    });
    const { rows: audit } = await db.query<{ before: Entry; after: Entry }>(
      `SELECT before, after FROM audit_log WHERE action = 'update_entry' AND entity_id = $1 ORDER BY id DESC LIMIT 1`,
      [String(program.id)],
    );
    expect(audit[0]!.before).toMatchObject({ itemIds: [], taskIds: [], documentIds: [] });
    expect(audit[0]!.after).toMatchObject({ itemIds: [targetIn], taskIds: [taskIn], documentIds: [wardDocId] });

    // Inside the program's province but outside the ward: 404 naming the id, nothing written.
    const thuanAnPlanId = (await db.query<{ document_id: number }>('SELECT document_id FROM document_items WHERE id = $1', [targetOut]))
      .rows[0]!.document_id;
    for (const [field, id] of [
      ['itemIds', targetOut],
      ['taskIds', taskOut],
      ['documentIds', thuanAnPlanId],
    ] as const) {
      const res = await inspector.patch(url, { version: e.version, [field]: [id] });
      expect(res.statusCode, field).toBe(404);
      expect(res.json().error.message).toContain(String(id));
    }
    expect(((await send(inspector.get(`/api/oversight/programs/${program.id}`))).entries as Entry[])[0]!.version).toBe(e.version);
    // A new subject moves the subtree: the ward's links no longer fit Thuận An…
    expect((await inspector.patch(url, { version: e.version, subjectOrgIds: [thuanAn.id] })).statusCode).toBe(404);
    // …and Thuận An's own do.
    const moved = await send(
      inspector.patch(url, {
        version: e.version,
        subjectOrgIds: [thuanAn.id],
        subjectMemberIds: [],
        documentIds: [],
        itemIds: [targetOut],
        taskIds: [taskOut],
      }),
    );
    e = (moved.entries as Entry[])[0]!;
    expect(e).toMatchObject({ itemIds: [targetOut], taskIds: [taskOut] });

    // Bad input, no session, the wrong role, another province.
    const bad = await inspector.patch(url, { version: e.version, itemIds: ['x'] });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('itemIds');
    expect((await (await anonymous(app)).patch(url, { version: e.version, itemIds: [] })).statusCode).toBe(401);
    expect((await provinceViewer.patch(url, { version: e.version, itemIds: [] })).statusCode).toBe(403);
    expect((await stranger.patch(url, { version: e.version, itemIds: [] })).statusCode).toBe(404);
    // A stale version: 409.
    expect((await inspector.patch(url, { version: e.version - 1, itemIds: [] })).statusCode).toBe(409);
  });

  it('applies the same subtree when an entry is added', async () => {
    const program = await send(
      inspector.post('/api/oversight/programs', {
        orgId: province.id,
        body: 'inspection_commission',
        year: year + 1,
        title: 'Chương trình năm sau',
      }),
      201,
    );
    const res = await inspector.post(`/api/oversight/programs/${program.id}/entries`, {
      version: program.version,
      kind: 'supervision',
      basis: 'thematic',
      content: 'Giám sát giảm nghèo',
      theme: 'Giảm nghèo',
      subjectOrgIds: [ward.id],
      subjectMemberIds: [],
      documentIds: [],
      itemIds: [],
      taskIds: [taskOut],
      periodStart: `${year + 1}-03-01`,
      periodEnd: `${year + 1}-04-30`,
      responsibleBody: 'inspection_commission',
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toContain(String(taskOut));
  });
});

describe('the org owning a recommendation without being the subject', () => {
  it('reads the sent conclusion (not the notice, the self-report or the notes), reports its own recommendation with evidence, and the read is audited', async () => {
    let f = await notifiedFile(diAn, teamMemberId);
    const url = `/api/oversight/inspections/${f.id}`;
    f = await send(diAnReporter.post(`${url}/self-report`, { version: f.version, text: 'Báo cáo tự kiểm tra của Thành ủy' }));
    f = await send(teamMember.post(`${url}/sessions`, { version: f.version, heldOn: today, place: 'Trụ sở', minutes: 'Biên bản' }));
    f = await send(teamMember.post(`${url}/team-report`, { version: f.version, text: 'Báo cáo của đoàn' }));
    f = await send(teamMember.post(`${url}/findings`, { version: f.version, kind: 'limitation', theme: 'Giảm nghèo', text: 'Chậm' }));
    f = await send(
      inspector.post(`${url}/conclusion`, {
        version: f.version,
        text: 'Thông báo kết luận',
        recommendations: [
          { text: 'Thành ủy xây dựng kế hoạch khắc phục', ownerOrgId: diAn.id, deadline: '2099-06-30' },
          { text: 'Phường rà soát hộ nghèo', ownerOrgId: ward.id, deadline: '2099-06-30' },
        ],
      }),
    );
    // Before the conclusion is sent the ward does not know the file.
    expect((await wardReporter.get(url)).statusCode).toBe(404);
    f = await send(inspector.post(`${url}/conclusion/send`, { version: f.version }));

    const seen = await send(wardReporter.get(url));
    expect(seen).toMatchObject({ audience: 'owner', notice: null, plan: null, selfReport: null });
    expect((seen.parts as string[]).sort()).toEqual(['conclusion', 'findings', 'recommendations']);
    const recs = seen.recommendations as { id: number; version: number; ownerOrgId: number; canReport: boolean }[];
    expect(recs.map((r) => [r.ownerOrgId, r.canReport])).toEqual([
      [diAn.id, false],
      [ward.id, true],
    ]);
    // The subject reports its own; the commission reports none in the page.
    const bySubject = await send(diAnReporter.get(url));
    expect((bySubject.recommendations as { canReport: boolean }[]).map((r) => r.canReport)).toEqual([true, true]);
    const byCommission = await send(inspector.get(url));
    expect((byCommission.recommendations as { canReport: boolean }[]).map((r) => r.canReport)).toEqual([false, false]);
    expect((await wardReporter.get(`${url}/notes`)).statusCode).toBe(404);
    const list = (await wardReporter.get('/api/oversight/inspections')).json() as { id: number }[];
    expect(list.map((i) => i.id)).toContain(f.id);
    const { rows: audited } = await db.query(
      `SELECT 1 FROM audit_log WHERE entity = 'inspection' AND entity_id = $1 AND action = 'read' AND summary LIKE '%(owner)%'`,
      [String(f.id)],
    );
    expect(audited.length).toBeGreaterThan(0);

    // Its own recommendation: evidence file and report; the subject's: refused.
    const ownRec = recs[1]!;
    const uploaded = await upload(wardReporter, f.id, ownRec.id);
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    expect((await upload(wardReporter, f.id, recs[0]!.id)).statusCode).toBe(403);
    const reported = await send(
      wardReporter.post(`/api/oversight/recommendations/${ownRec.id}/report`, { version: ownRec.version, evidence: 'Đã rà soát 1.234 hộ' }),
    );
    expect((reported.recommendations as { status: string }[])[1]!.status).toBe('reported');
    expect(
      (await wardReporter.post(`/api/oversight/recommendations/${recs[0]!.id}/report`, { version: recs[0]!.version, evidence: 'x' }))
        .statusCode,
    ).toBe(403);
  });
});
