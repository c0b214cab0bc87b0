import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import { buildMember, buildOrg, buildUser, type TestMember, type TestOrg } from '../../test/factories';
import { anonymous, buildTestApp, loginAs, multipartBody, type TestClient } from '../../test/http';
import { vnToday } from '../../../domain/vn-time';

let app: App;
let db: Db;
let drop: () => Promise<void>;
let province: TestOrg, diAn: TestOrg, ward: TestOrg, cell: TestOrg, thuanAn: TestOrg;
let member: TestMember, otherMember: TestMember;
let inspector: TestClient,
  diAnReporter: TestClient,
  teamMember: TestClient,
  otherTeamMember: TestClient,
  outsider: TestClient,
  memberClient: TestClient,
  otherMemberClient: TestClient;
let inspectorId: number, teamMemberId: number, otherTeamMemberId: number;
const today = vnToday();
const year = Number(today.slice(0, 4));

type Rec = { id: number; version: number; status: string };
type Finding = { id: number; version: number; kind: string; text: string };
type Evidence = { id: number; part: string; fileName: string; mimeType: string; findingId: number | null; recommendationId: number | null };
type File = { id: number; version: number; status: string; recommendations: Rec[]; findings: Finding[]; evidence: Evidence[] } & Record<
  string,
  unknown
>;

const ok = async (p: Promise<{ statusCode: number; body: string; json: () => unknown }>, status = 200) => {
  const res = await p;
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as File;
};

// Real files, recognised by their first bytes: a one-page PDF and a 1x1 PNG.
const pdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const png = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e0a4d2a40000000049454e44ae426082',
  'hex',
);

function upload(client: TestClient, id: number, fields: Record<string, string>, file: { name: string; content: Buffer; type?: string }) {
  const { body, contentType } = multipartBody(fields, { field: 'file', ...file });
  return client.request('POST', `/api/oversight/inspections/${id}/files`, body, { 'content-type': contentType });
}

async function started(subject: TestOrg, over: Record<string, unknown> = {}) {
  let f = await ok(
    inspector.post('/api/oversight/inspections', {
      orgId: province.id,
      kind: 'inspection',
      basis: 'regular',
      subjectOrgId: subject.id,
      content: 'Kiểm tra việc kết nạp đảng viên',
      theme: 'Kết nạp đảng viên',
      periodStart: `${year}-01-01`,
      periodEnd: `${year}-12-31`,
      ...over,
    }),
    201,
  );
  const url = `/api/oversight/inspections/${f.id}`;
  f = await ok(
    inspector.put(`${url}/team`, {
      version: f.version,
      decisionDate: today,
      team: [
        { userId: teamMemberId, role: 'head' },
        { userId: inspectorId, role: 'secretary' },
      ],
    }),
  );
  return ok(inspector.post(`${url}/notice`, { version: f.version, planText: 'Kế hoạch kiểm tra', noticeText: 'Thông báo kiểm tra' }));
}

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
  province = await buildOrg(db, { name: 'Tỉnh ủy Bình Dương' });
  diAn = await buildOrg(db, { parent: province, name: 'Thành ủy Dĩ An', kind: 'district_committee' });
  ward = await buildOrg(db, { parent: diAn, name: 'Đảng ủy phường Đông Hòa', kind: 'commune_committee' });
  cell = await buildOrg(db, { parent: ward, name: 'Chi bộ Khu phố Tân Hòa' });
  thuanAn = await buildOrg(db, { parent: province, name: 'Thành ủy Thuận An', kind: 'district_committee' });
  member = await buildMember(db, cell, { fullName: 'Trần Văn Bình' });
  otherMember = await buildMember(db, cell, { fullName: 'Lê Thị Cúc' });
  const login = async (org: TestOrg, role: 'inspector' | 'reporter' | 'viewer' | 'member', memberId?: number) => {
    const u = await buildUser(db, [{ org, role }]);
    if (memberId) await db.query('UPDATE users SET member_id = $2 WHERE id = $1', [u.id, memberId]);
    return { id: u.id, client: await loginAs(app, u.username, u.password) };
  };
  ({ id: inspectorId, client: inspector } = await login(province, 'inspector'));
  ({ client: diAnReporter } = await login(diAn, 'reporter'));
  ({ id: teamMemberId, client: teamMember } = await login(ward, 'viewer'));
  ({ id: otherTeamMemberId, client: otherTeamMember } = await login(ward, 'viewer'));
  ({ client: outsider } = await login(thuanAn, 'viewer'));
  ({ client: memberClient } = await login(cell, 'member', member.id));
  ({ client: otherMemberClient } = await login(cell, 'member', otherMember.id));
});
afterAll(async () => {
  await app?.close();
  await drop?.();
});

describe('evidence files', () => {
  it('takes PDF and photos on the self-report, findings and follow-up, judged by content, each seen only by who sees its part', async () => {
    let f = await started(diAn);
    const url = `/api/oversight/inspections/${f.id}`;
    // The subject's evidence for its self-report; a page named .pdf is refused on its content.
    const fake = await upload(
      diAnReporter,
      f.id,
      { part: 'self_report' },
      { name: 'bao-cao.pdf', content: Buffer.from('<html>not a pdf</html>'), type: 'application/pdf' },
    );
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.details.fields[0].field).toBe('body.file');
    const selfReportFile = (await ok(
      upload(diAnReporter, f.id, { part: 'self_report' }, { name: 'so-lieu.pdf', content: pdf }),
      201,
    )) as unknown as Evidence;
    expect(selfReportFile).toMatchObject({ part: 'self_report', mimeType: 'application/pdf', fileName: 'so-lieu.pdf' });
    expect((await upload(teamMember, f.id, { part: 'self_report' }, { name: 'x.pdf', content: pdf })).statusCode).toBe(403);
    expect((await upload(outsider, f.id, { part: 'self_report' }, { name: 'x.pdf', content: pdf })).statusCode).toBe(404);
    expect(
      (await upload(diAnReporter, f.id, { part: 'nothing' }, { name: 'x.pdf', content: pdf })).json().error.details.fields[0].field,
    ).toBe('body.part');
    expect(
      (await (await anonymous(app)).request('POST', `${url}/files`, Buffer.from(''), { 'content-type': 'multipart/form-data; boundary=x' }))
        .statusCode,
    ).toBe(401);

    f = await ok(diAnReporter.post(`${url}/self-report`, { version: f.version, text: 'Báo cáo tự kiểm tra, kèm số liệu' }));
    f = await ok(teamMember.post(`${url}/sessions`, { version: f.version, heldOn: today, place: 'Dĩ An', minutes: 'Biên bản' }));
    f = await ok(teamMember.post(`${url}/team-report`, { version: f.version, text: 'Báo cáo của đoàn' }));
    f = await ok(
      teamMember.post(`${url}/findings`, {
        version: f.version,
        kind: 'limitation',
        theme: 'Kết nạp đảng viên',
        text: 'Ba hồ sơ thiếu nhận xét của đoàn thể',
      }),
    );
    const finding = f.findings[0]!;
    expect(
      (await upload(teamMember, f.id, { part: 'finding' }, { name: 'x.png', content: png })).json().error.details.fields[0].field,
    ).toBe('body.findingId');
    expect(
      (await upload(diAnReporter, f.id, { part: 'finding', findingId: String(finding.id) }, { name: 'x.png', content: png })).statusCode,
    ).toBe(404);
    const photo = (await ok(
      upload(teamMember, f.id, { part: 'finding', findingId: String(finding.id) }, { name: 'ho-so.png', content: png }),
      201,
    )) as unknown as Evidence;
    expect(photo).toMatchObject({ part: 'finding', findingId: finding.id, mimeType: 'image/png' });

    // A draft finding's evidence stays with the team: the subject sees its own file, not the team's.
    const subjectView = await ok(diAnReporter.get(url));
    expect(subjectView.evidence.map((e) => e.id)).toEqual([selfReportFile.id]);
    expect((await diAnReporter.get(`${url}/files/${photo.id}`)).statusCode).toBe(404);
    const download = await teamMember.get(`${url}/files/${photo.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(download.rawPayload, png)).toBe(0);

    f = await ok(
      inspector.post(`${url}/conclusion`, {
        version: f.version,
        text: 'Kết luận',
        recommendations: [{ text: 'Bổ sung hồ sơ', ownerOrgId: diAn.id, deadline: '2099-12-31' }],
      }),
    );
    f = await ok(inspector.post(`${url}/conclusion/send`, { version: f.version }));
    const rec = f.recommendations[0]!;
    // Follow-up evidence by the owner; the commission reads it (audited, outside the team).
    const proof = (await ok(
      upload(diAnReporter, f.id, { part: 'follow_up', recommendationId: String(rec.id) }, { name: 'ke-hoach.pdf', content: pdf }),
      201,
    )) as unknown as Evidence;
    expect(proof.recommendationId).toBe(rec.id);
    expect(
      (await upload(teamMember, f.id, { part: 'finding', findingId: String(finding.id) }, { name: 'late.png', content: png })).statusCode,
    ).toBe(409);
    const { client: provinceManager } = await (async () => {
      const u = await buildUser(db, [{ org: province, role: 'manager' }]);
      return { client: await loginAs(app, u.username, u.password) };
    })();
    expect((await provinceManager.get(`${url}/files/${proof.id}`)).statusCode).toBe(200);
    const { rows } = await db.query(`SELECT 1 FROM audit_log WHERE entity = 'inspection' AND entity_id = $1 AND action = 'read_file'`, [
      String(f.id),
    ]);
    expect(rows.length).toBe(1);
    // Once sent, the subject sees the findings and their evidence too.
    expect((await ok(diAnReporter.get(url))).evidence.map((e) => e.part).sort()).toEqual(['finding', 'follow_up', 'self_report']);
  });

  it('counts the files against the sending org’s quota', async () => {
    const f = await started(ward);
    const previous = process.env.RESOLUTE_ORG_QUOTA_MB;
    process.env.RESOLUTE_ORG_QUOTA_MB = String(200 / (1024 * 1024));
    try {
      expect((await upload(inspector, f.id, { part: 'self_report' }, { name: 'a.pdf', content: pdf })).statusCode).toBe(403);
      const { client: wardReporter } = await (async () => {
        const u = await buildUser(db, [{ org: ward, role: 'reporter' }]);
        return { client: await loginAs(app, u.username, u.password) };
      })();
      expect((await upload(wardReporter, f.id, { part: 'self_report' }, { name: 'a.pdf', content: pdf })).statusCode).toBe(201);
      const second = await upload(wardReporter, f.id, { part: 'self_report' }, { name: 'b.pdf', content: pdf });
      expect(second.statusCode).toBe(413);
      expect(second.json().error.message).toContain('hạn mức');
    } finally {
      if (previous === undefined) delete process.env.RESOLUTE_ORG_QUOTA_MB;
      else process.env.RESOLUTE_ORG_QUOTA_MB = previous;
    }
  });
});

describe('editing entries and findings', () => {
  it('edits a program entry with its version, checks the ids it names, and audits before and after', async () => {
    const p = await ok(
      inspector.post('/api/oversight/programs', {
        orgId: province.id,
        body: 'inspection_commission',
        year,
        title: `Chương trình năm ${year}`,
      }),
      201,
    );
    const withEntry = await ok(
      inspector.post(`/api/oversight/programs/${p.id}/entries`, {
        version: p.version,
        kind: 'supervision',
        basis: 'thematic',
        content: 'Giám sát thực hiện Nghị quyết',
        theme: 'Thực hiện Nghị quyết Đại hội',
        subjectOrgIds: [diAn.id],
        periodStart: `${year}-03-01`,
        periodEnd: `${year}-06-30`,
        responsibleBody: 'inspection_commission',
      }),
      201,
    );
    const entry = (withEntry.entries as { id: number; version: number }[])[0]!;
    const url = `/api/oversight/entries/${entry.id}`;
    const edited = await ok(
      inspector.patch(url, { version: entry.version, subjectOrgIds: [diAn.id, thuanAn.id], periodEnd: `${year}-09-30` }),
    );
    const after = (edited.entries as { id: number; version: number; subjectOrgIds: number[]; periodEnd: string }[])[0]!;
    expect(after).toMatchObject({ version: entry.version + 1, subjectOrgIds: [diAn.id, thuanAn.id], periodEnd: `${year}-09-30` });
    // Stale version: 409; a period ending before it starts: 400 on the field; an org outside the program's: 404.
    expect((await inspector.patch(url, { version: entry.version, theme: 'Khác' })).statusCode).toBe(409);
    const bad = await inspector.patch(url, { version: after.version, periodEnd: `${year}-01-01` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('body.periodEnd');
    expect((await inspector.patch(url, { version: after.version, content: '' })).statusCode).toBe(400);
    const { client: thuanAnInspector } = await (async () => {
      const u = await buildUser(db, [{ org: thuanAn, role: 'inspector' }]);
      return { client: await loginAs(app, u.username, u.password) };
    })();
    expect((await thuanAnInspector.patch(url, { version: after.version, theme: 'Khác' })).statusCode).toBe(404);
    expect((await diAnReporter.patch(url, { version: after.version, theme: 'Khác' })).statusCode).toBe(403);
    expect((await (await anonymous(app)).patch(url, { version: after.version, theme: 'Khác' })).statusCode).toBe(401);
    const { rows } = await db.query<{ before: { subjectOrgIds: number[] }; after: { subjectOrgIds: number[] } }>(
      `SELECT before, after FROM audit_log WHERE action = 'update_entry' AND entity_id = $1`,
      [String(p.id)],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.before.subjectOrgIds).toEqual([diAn.id]);
    expect(rows[0]!.after.subjectOrgIds).toEqual([diAn.id, thuanAn.id]);
  });

  it('lets the team edit a draft finding with its version, two editors never overwriting each other, and moves the kind counts', async () => {
    let f = await started(thuanAn);
    const url = `/api/oversight/inspections/${f.id}`;
    await db.query(`INSERT INTO inspection_team (inspection_id, user_id, role) VALUES ($1, $2, 'member')`, [f.id, otherTeamMemberId]);
    const { client: thuanAnReporter } = await (async () => {
      const u = await buildUser(db, [{ org: thuanAn, role: 'reporter' }]);
      return { client: await loginAs(app, u.username, u.password) };
    })();
    f = await ok(thuanAnReporter.post(`${url}/self-report`, { version: f.version, text: 'Báo cáo' }));
    f = await ok(teamMember.post(`${url}/sessions`, { version: f.version, heldOn: today, place: 'Thuận An', minutes: 'Biên bản' }));
    f = await ok(teamMember.post(`${url}/team-report`, { version: f.version, text: 'Báo cáo của đoàn' }));
    f = await ok(
      teamMember.post(`${url}/findings`, { version: f.version, kind: 'limitation', theme: 'Kết nạp đảng viên', text: 'Chậm kết nạp' }),
    );
    const finding = f.findings[0]!;
    const furl = `/api/oversight/findings/${finding.id}`;
    // Two team members edit at once: one wins, the other gets 409 and nothing is lost silently.
    const [a, b] = await Promise.all([
      teamMember.patch(furl, { version: finding.version, text: 'Chậm kết nạp đảng viên trong doanh nghiệp' }),
      otherTeamMember.patch(furl, { version: finding.version, kind: 'shortcoming' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const winner = (a.statusCode === 200 ? a : b).json() as File;
    const current = winner.findings.find((x) => x.id === finding.id)!;
    expect(current.version).toBe(finding.version + 1);
    f = await ok(teamMember.patch(furl, { version: current.version, kind: 'violation' }));
    const { rows: counts } = await db.query(`SELECT strengths, limitations, shortcomings, violations FROM inspections WHERE id = $1`, [
      f.id,
    ]);
    expect(counts[0]).toEqual({ strengths: 0, limitations: 0, shortcomings: 0, violations: 1 });
    expect((await thuanAnReporter.patch(furl, { version: current.version + 1, text: 'Sửa' })).statusCode).toBe(404);
    expect((await outsider.patch(furl, { version: current.version + 1, text: 'Sửa' })).statusCode).toBe(404);
    expect((await teamMember.patch(furl, { version: current.version + 1, kind: 'bad' })).json().error.details.fields[0].field).toBe(
      'body.kind',
    );
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'update_finding' AND entity_id = $1`, [
      String(f.id),
    ]);
    expect(rows[0]).toEqual({ n: 2 });
    // After the conclusion a finding is no longer a draft.
    await ok(inspector.post(`${url}/conclusion`, { version: f.version, text: 'Kết luận', recommendations: [] }));
    expect((await teamMember.patch(furl, { version: current.version + 1, text: 'Muộn' })).statusCode).toBe(409);
  });
});

describe('the page of a member under inspection', () => {
  it('shows a member the files on them as sent to them, with their explanation, and never another member’s', async () => {
    let own = await started(cell, {
      subjectMemberId: member.id,
      basis: 'violation_signs',
      content: 'Kiểm tra đảng viên khi có dấu hiệu vi phạm',
    });
    await started(cell, { subjectMemberId: otherMember.id, basis: 'violation_signs' });
    own = await ok(
      memberClient.post(`/api/oversight/inspections/${own.id}/self-report`, { version: own.version, text: 'Tôi xin giải trình như sau' }),
    );
    const mine = (await memberClient.get('/api/oversight/my-inspections')).json() as File[];
    expect(mine.map((x) => x.id)).toEqual([own.id]);
    expect(mine[0]).toMatchObject({
      audience: 'subject',
      notice: { text: 'Thông báo kiểm tra' },
      plan: { text: 'Kế hoạch kiểm tra' },
      selfReport: { text: 'Tôi xin giải trình như sau' },
    });
    expect(mine[0]!.findings).toEqual([]);
    const theirs = (await otherMemberClient.get('/api/oversight/my-inspections')).json() as File[];
    expect(theirs.map((x) => x.id)).not.toContain(own.id);
    expect((await diAnReporter.get('/api/oversight/my-inspections')).json()).toEqual([]);
  });
});
