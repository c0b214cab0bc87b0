import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import { buildDocument, buildItem, buildMember, buildOrg, buildTask, buildUser, type TestMember, type TestOrg } from '../../test/factories';
import { anonymous, buildTestApp, loginAs, type TestClient } from '../../test/http';
import type { Role } from '../../../domain/access/permissions';
import { vnToday } from '../../../domain/vn-time';
import { escalateOverdue } from './follow-up.service';
import { docxToText } from '../../lib/docx-text';
import { columnWidths } from '../../lib/party-docx';
import { fits, tablesOf, type TableXml } from '../../test/word-tables';
import { PROGRAM_COLUMNS } from './oversight.docx';

let app: App;
let db: Db;
let drop: () => Promise<void>;
let province: TestOrg, diAn: TestOrg, ward: TestOrg, cell: TestOrg, thuanAn: TestOrg, thuanAnCell: TestOrg;
let member: TestMember;
let inspector: TestClient,
  provinceManager: TestClient,
  diAnReporter: TestClient,
  diAnManager: TestClient,
  teamMember: TestClient,
  outsider: TestClient,
  memberClient: TestClient;
let teamMemberId: number, inspectorId: number, targetId: number, resolutionId: number;
const today = vnToday();
const year = Number(today.slice(0, 4));

/** The foot of an oversight Word file (its last table): "Nơi nhận" and the commission's sign-off side by side. */
function expectCommissionFoot(tables: TableXml[], recipients: string[]) {
  const foot = tables[tables.length - 1]!;
  expect(foot.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
    [`Nơi nhận:${recipients.map((r, i) => `- ${r}${i === recipients.length - 1 ? '.' : ','}`).join('')}`, 'T/M ỦY BAN KIỂM TRACHỦ NHIỆM'],
  ]);
}

async function userOn(org: TestOrg, role: Role, memberId?: number) {
  const u = await buildUser(db, [{ org, role }]);
  if (memberId) await db.query('UPDATE users SET member_id = $2 WHERE id = $1', [u.id, memberId]);
  return { id: u.id, client: await loginAs(app, u.username, u.password) };
}

async function newInspection(subject: TestOrg, over: Record<string, unknown> = {}) {
  const res = await inspector.post('/api/oversight/inspections', {
    orgId: province.id,
    kind: 'supervision',
    basis: 'thematic',
    subjectOrgId: subject.id,
    content: 'Việc lãnh đạo, chỉ đạo thực hiện Nghị quyết Đại hội XI',
    theme: 'Thực hiện Nghị quyết Đại hội',
    documentId: resolutionId,
    periodStart: `${year}-01-01`,
    periodEnd: `${year}-12-31`,
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as {
    id: number;
    version: number;
    status: string;
    recommendations: { id: number; version: number; view: string }[];
  } & Record<string, unknown>;
}

const ok = async (p: Promise<{ statusCode: number; body: string; json: () => unknown }>, status = 200) => {
  const res = await p;
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as {
    id: number;
    version: number;
    status: string;
    recommendations: { id: number; version: number; view: string }[];
  } & Record<string, unknown>;
};

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
  province = await buildOrg(db, { name: 'Tỉnh ủy Bình Dương' });
  diAn = await buildOrg(db, { parent: province, name: 'Thành ủy Dĩ An', kind: 'district_committee' });
  ward = await buildOrg(db, { parent: diAn, name: 'Đảng ủy phường Đông Hòa', kind: 'commune_committee' });
  cell = await buildOrg(db, { parent: ward, name: 'Chi bộ Khu phố Tân Hòa' });
  thuanAn = await buildOrg(db, { parent: province, name: 'Thành ủy Thuận An', kind: 'district_committee' });
  thuanAnCell = await buildOrg(db, { parent: thuanAn, name: 'Chi bộ Khu phố 1' });
  member = await buildMember(db, cell, { fullName: 'Trần Văn Bình' });
  resolutionId = (await buildDocument(db, province, { term: '2025-2030', number: 1, symbol: '01-NQ/TU', title: 'Nghị quyết Đại hội' })).id;
  targetId = await buildItem(db, resolutionId, {
    kind: 'target',
    position: 1,
    text: 'Tỷ lệ hộ nghèo giảm còn dưới 1%',
    comparator: '<=',
    value: 1,
    unit: '%',
  });

  ({ id: inspectorId, client: inspector } = await userOn(province, 'inspector'));
  ({ client: provinceManager } = await userOn(province, 'manager'));
  ({ client: diAnReporter } = await userOn(diAn, 'reporter'));
  ({ client: diAnManager } = await userOn(diAn, 'manager'));
  // A cadre of a ward named to the team: no inspection role of their own.
  ({ id: teamMemberId, client: teamMember } = await userOn(ward, 'viewer'));
  ({ client: outsider } = await userOn(thuanAn, 'viewer'));
  ({ client: memberClient } = await userOn(cell, 'member', member.id));
});
afterAll(async () => {
  await app?.close();
  await drop?.();
});

describe('programs', () => {
  it('numbers the commission’s yearly program from its counter and adds entries', async () => {
    const created = await ok(
      inspector.post('/api/oversight/programs', {
        orgId: province.id,
        body: 'inspection_commission',
        year,
        title: `Chương trình kiểm tra, giám sát năm ${year}`,
      }),
      201,
    );
    expect(created.symbol).toBe('01-CTr/UBKTTU');
    const entry = await ok(
      inspector.post(`/api/oversight/programs/${created.id as number}/entries`, {
        version: created.version,
        kind: 'supervision',
        basis: 'thematic',
        content: 'Việc thực hiện Nghị quyết Đại hội XI',
        theme: 'Thực hiện Nghị quyết Đại hội',
        subjectOrgIds: [diAn.id],
        documentIds: [resolutionId],
        itemIds: [targetId],
        periodStart: `${year}-03-01`,
        periodEnd: `${year}-06-30`,
        responsibleBody: 'inspection_commission',
      }),
      201,
    );
    expect((entry.entries as unknown[]).length).toBe(1);
    const second = await ok(
      inspector.post('/api/oversight/programs', { orgId: province.id, body: 'committee', year, title: 'Chương trình của Tỉnh ủy' }),
      201,
    );
    expect(second.symbol).toBe('01-CTr/TU');
    const word = await inspector.get(`/api/oversight/programs/${created.id as number}/program.docx`);
    expect(word.statusCode).toBe(200);
    const words = await docxToText(word.rawPayload);
    expect(words).toContain('Số 01-CTr/UBKTTU');
    expect(words).toContain('ỦY BAN KIỂM TRA');
    expect(words).toContain('Việc thực hiện Nghị quyết Đại hội XI');
    // The entries' table: fixed widths, a header repeated on each page whose words (and the
    // period's dates) do not break mid-word, as "TT" did at 5% of the page.
    const tables = await tablesOf(word.rawPayload);
    const entries = tables.find((t) => t.rows[0]?.cells[0]?.text === 'TT')!;
    expect(entries.grid).toEqual(columnWidths(PROGRAM_COLUMNS));
    expect(entries.rows[0]!.isHeader).toBe(true);
    expect(entries.rows[0]!.cells.map((c) => c.text)).toEqual(['TT', 'Nội dung', 'Đối tượng', 'Hình thức', 'Thời gian', 'Chủ trì']);
    for (const row of entries.rows) expect(row.cells.map((c) => c.width)).toEqual(entries.grid);
    expect(entries.rows[0]!.cells.filter((c) => !fits(c))).toEqual([]);
    expect(entries.rows[1]!.cells[4]!.text).toBe(`01/03/${year} – 30/06/${year}`);
    expect(entries.rows.slice(1).filter((r) => !fits({ ...r.cells[4]!, text: r.cells[4]!.text.replace(' – ', ' ') }))).toEqual([]);
    expectCommissionFoot(tables, ['Ban Thường vụ cấp ủy', 'Các tổ chức đảng trực thuộc', 'Lưu']);
  });

  it('refuses bad input with the field and a Vietnamese message', async () => {
    const res = await inspector.post('/api/oversight/programs', {
      orgId: province.id,
      body: 'inspection_commission',
      year: 1900,
      title: '',
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.details.fields as { field: string; message: string }[];
    expect(fields.map((f) => f.field)).toEqual(expect.arrayContaining(['body.year', 'body.title']));
    expect(fields.find((f) => f.field === 'body.title')!.message).toBe('Tên chương trình không được để trống');
  });

  it('answers 401 without a session, 403 without the role, 404 outside the scope', async () => {
    expect((await (await anonymous(app)).get('/api/oversight/programs')).statusCode).toBe(401);
    expect((await diAnReporter.post('/api/oversight/programs', { orgId: diAn.id, body: 'committee', year, title: 'X' })).statusCode).toBe(
      403,
    );
    const { client: thuanAnInspector } = await userOn(thuanAn, 'inspector');
    expect(
      (await thuanAnInspector.post('/api/oversight/programs', { orgId: province.id, body: 'committee', year, title: 'X' })).statusCode,
    ).toBe(404);
    const list = (await ok(thuanAnInspector.get('/api/oversight/programs'))) as unknown as unknown[];
    expect(list).toEqual([]);
  });

  it('refuses an entry whose subject lies outside the program’s org', async () => {
    const p = await ok(
      inspector.post('/api/oversight/programs', {
        orgId: diAn.id,
        body: 'inspection_commission',
        year,
        title: 'Chương trình của UBKT Thành ủy Dĩ An',
      }),
      201,
    );
    const res = await inspector.post(`/api/oversight/programs/${p.id as number}/entries`, {
      version: p.version,
      kind: 'inspection',
      basis: 'regular',
      content: 'Kiểm tra',
      theme: 'Kết nạp đảng viên',
      subjectOrgIds: [thuanAnCell.id],
      periodStart: `${year}-03-01`,
      periodEnd: `${year}-06-30`,
      responsibleBody: 'inspection_commission',
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('an inspection from plan to close', () => {
  it('keeps the order, hides the team’s papers from the subject and audits reads outside the team', async () => {
    let f = await newInspection(diAn);
    const id = f.id;
    const url = `/api/oversight/inspections/${id}`;
    // No conclusion without findings; no notice before the team.
    expect((await inspector.post(`${url}/conclusion`, { version: f.version, text: 'Kết luận', recommendations: [] })).statusCode).toBe(409);
    expect((await inspector.post(`${url}/notice`, { version: f.version, planText: 'Kế hoạch', noticeText: 'Thông báo' })).statusCode).toBe(
      409,
    );
    // The subject does not know of it yet.
    expect((await diAnReporter.get(url)).statusCode).toBe(404);

    const twoHeads = await inspector.put(`${url}/team`, {
      version: f.version,
      decisionDate: today,
      team: [
        { userId: teamMemberId, role: 'head' },
        { userId: inspectorId, role: 'head' },
      ],
    });
    expect(twoHeads.statusCode).toBe(400);
    expect(twoHeads.json().error.message).toContain('thư ký');
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
    expect(f.status).toBe('team_formed');
    expect((f.decision as { symbol: string }).symbol).toBe('01-QĐ/UBKTTU');
    expect((await inspector.put(`${url}/team`, { version: f.version - 1, decisionDate: today, team: [] })).statusCode).toBe(400);
    expect(
      (await inspector.post(`${url}/notice`, { version: f.version - 1, planText: 'Kế hoạch', noticeText: 'Thông báo' })).statusCode,
    ).toBe(409);
    f = await ok(
      inspector.post(`${url}/notice`, { version: f.version, planText: 'Kế hoạch giám sát chuyên đề', noticeText: 'Thông báo giám sát' }),
    );

    // The subject now sees the notice and plan, but never the team's notes.
    const seen = await ok(diAnReporter.get(url));
    expect(seen.audience).toBe('subject');
    expect(seen.notice).toMatchObject({ text: 'Thông báo giám sát' });
    expect((await diAnReporter.get(`${url}/notes`)).statusCode).toBe(404);
    const draft = await ok(diAnReporter.get(`${url}/self-report-draft`));
    expect(draft).toMatchObject({ documentSymbol: '01-NQ/TU', tasks: { led: 0, overdue: 0 }, openExplanations: 0 });
    expect((draft.targets as { total: number }).total).toBe(1);
    // The team cannot write the subject's self-report; the subject cannot write minutes.
    expect((await teamMember.post(`${url}/self-report`, { version: f.version, text: 'Báo cáo' })).statusCode).toBe(403);
    f = await ok(diAnReporter.post(`${url}/self-report`, { version: f.version, text: 'Báo cáo tự kiểm tra của Thành ủy Dĩ An' }));
    expect((f.selfReport as { figures: { documentSymbol: string } }).figures.documentSymbol).toBe('01-NQ/TU');
    expect(
      (await diAnReporter.post(`${url}/sessions`, { version: f.version, heldOn: today, place: 'Dĩ An', minutes: 'Biên bản' })).statusCode,
    ).toBe(403);

    f = await ok(
      teamMember.post(`${url}/sessions`, {
        version: f.version,
        heldOn: today,
        place: 'Trụ sở Thành ủy Dĩ An',
        minutes: 'Biên bản làm việc với Ban Thường vụ',
      }),
    );
    expect(
      (await teamMember.post(`${url}/findings`, { version: f.version, kind: 'limitation', theme: 'T', text: 'Sớm quá' })).statusCode,
    ).toBe(409);
    f = await ok(teamMember.post(`${url}/team-report`, { version: f.version, text: 'Báo cáo kết quả giám sát của đoàn' }));
    const foreignTask = await buildTask(db, province, { lead: thuanAn, title: 'Nhiệm vụ của Thuận An' });
    expect(
      (await teamMember.post(`${url}/findings`, { version: f.version, kind: 'limitation', theme: 'T', text: 'X', taskIds: [foreignTask] }))
        .statusCode,
    ).toBe(404);
    expect((await teamMember.post(`${url}/findings`, { version: f.version, kind: 'bad', theme: 'T', text: 'X' })).statusCode).toBe(400);
    f = await ok(
      teamMember.post(`${url}/findings`, {
        version: f.version,
        kind: 'limitation',
        theme: 'Giảm nghèo',
        text: 'Chỉ tiêu giảm nghèo chậm so với lộ trình',
        itemIds: [targetId],
      }),
    );
    f = await ok(
      teamMember.post(`${url}/findings`, {
        version: f.version,
        kind: 'strength',
        theme: 'Thực hiện Nghị quyết Đại hội',
        text: 'Ban hành chương trình hành động kịp thời',
      }),
    );
    // A draft finding stays inside the commission: the subject sees no findings before the conclusion is sent.
    expect((await ok(diAnReporter.get(url))).findings).toEqual([]);

    expect((await teamMember.post(`${url}/conclusion`, { version: f.version, text: 'Kết luận', recommendations: [] })).statusCode).toBe(
      403,
    );
    expect(
      (
        await inspector.post(`${url}/conclusion`, {
          version: f.version,
          text: 'Kết luận',
          recommendations: [{ text: 'Khắc phục', ownerOrgId: thuanAn.id, deadline: today }],
        })
      ).statusCode,
    ).toBe(404);
    f = await ok(
      inspector.post(`${url}/conclusion`, {
        version: f.version,
        text: 'Thông báo kết luận giám sát chuyên đề',
        recommendations: [
          { text: 'Xây dựng kế hoạch khắc phục hạn chế về giảm nghèo', ownerOrgId: diAn.id, deadline: '2099-12-31' },
          { text: 'Rà soát lộ trình các chỉ tiêu.', ownerOrgId: ward.id, deadline: '2099-12-31' },
        ],
      }),
    );
    expect(f.conclusionSymbol ?? (f.conclusion as { symbol: string }).symbol).toBe('01-TB/UBKTTU');
    expect((await ok(diAnReporter.get(url))).conclusion).toBeNull();
    expect((await diAnReporter.get(`${url}/docx/conclusion`)).statusCode).toBe(404);
    f = await ok(inspector.post(`${url}/conclusion/send`, { version: f.version }));
    const subjectView = await ok(diAnReporter.get(url));
    expect(subjectView.conclusion).toMatchObject({ text: 'Thông báo kết luận giám sát chuyên đề' });
    expect((subjectView.findings as unknown[]).length).toBe(2);
    expect((await diAnReporter.get(`${url}/notes`)).statusCode).toBe(404);

    // No closing with open recommendations.
    const closeEarly = await inspector.post(`${url}/close`, { version: f.version });
    expect(closeEarly.statusCode).toBe(409);
    expect(closeEarly.json().error.message).toContain('Còn 2 kiến nghị');
    const [r1, r2] = f.recommendations;
    expect(
      (await diAnReporter.post(`/api/oversight/recommendations/${r1!.id}/report`, { version: r1!.version, evidence: 'ngắn' })).statusCode,
    ).toBe(409);
    expect(
      (
        await outsider.post(`/api/oversight/recommendations/${r1!.id}/report`, {
          version: r1!.version,
          evidence: 'Đã ban hành kế hoạch khắc phục',
        })
      ).statusCode,
    ).toBe(404);
    expect((await diAnReporter.post(`/api/oversight/recommendations/${r1!.id}/accept`, { version: r1!.version })).statusCode).toBe(403);
    for (const r of [r1!, r2!]) {
      const done = await ok(
        diAnReporter.post(`/api/oversight/recommendations/${r.id}/report`, {
          version: r.version,
          evidence: 'Đã ban hành kế hoạch khắc phục số 15-KH/ThU',
        }),
      );
      const rec = done.recommendations.find((x) => x.id === r.id)!;
      expect(rec.view).toBe('reported');
      f = await ok(inspector.post(`/api/oversight/recommendations/${r.id}/accept`, { version: rec.version, note: 'Đạt yêu cầu' }));
    }
    f = await ok(inspector.post(`${url}/close`, { version: f.version }));
    expect(f.status).toBe('closed');

    // Word documents in the HD 36 layout, with the numbers from the counter.
    for (const [doc, expected] of [
      ['decision', '01-QĐ/UBKTTU'],
      ['plan', '01-KH/UBKTTU'],
      ['conclusion', '01-TB/UBKTTU'],
    ] as const) {
      const res = await diAnReporter.get(`${url}/docx/${doc}`);
      expect(res.statusCode, res.body).toBe(200);
      const words = await docxToText(res.rawPayload);
      expect(words).toContain(expected);
      expect(words).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
      expectCommissionFoot(
        await tablesOf(res.rawPayload),
        doc === 'decision' ? ['Như Điều 3', 'Lưu'] : doc === 'plan' ? [diAn.name, 'Thành viên Đoàn', 'Lưu'] : [diAn.name, 'Lưu'],
      );
    }
    const decision = await docxToText((await diAnReporter.get(`${url}/docx/decision`)).rawPayload);
    // The body that decides, between the grounds and the articles.
    expect(decision).toMatch(/- Căn cứ Chương trình kiểm tra, giám sát năm \d{4},\nỦY BAN KIỂM TRA QUYẾT ĐỊNH\nĐiều 1\. /u);
    // The content is a sentence of its own in the plan, not the lower-cased tail of another.
    const plan = await docxToText((await diAnReporter.get(`${url}/docx/plan`)).rawPayload);
    expect(plan).toContain(`I. NỘI DUNG\nGiám sát ${diAn.name} về việc lãnh đạo, chỉ đạo thực hiện Nghị quyết Đại hội XI.\n`);
    const conclusion = await docxToText((await diAnReporter.get(`${url}/docx/conclusion`)).rawPayload);
    expect(conclusion).toContain('Xây dựng kế hoạch khắc phục hạn chế về giảm nghèo');
    // Parts numbered in turn, none empty: no violation was found, so no "Vi phạm".
    expect([...conclusion.matchAll(/^\d+\. (Ưu điểm|Hạn chế, khuyết điểm|Vi phạm|Kiến nghị|Yêu cầu)$/gmu)].map((m) => m[0])).toEqual([
      '1. Ưu điểm',
      '2. Hạn chế, khuyết điểm',
      '3. Kiến nghị',
    ]);
    // A recommendation written with its own full stop is not closed twice.
    expect(conclusion).toContain('2. Rà soát lộ trình các chỉ tiêu (');
    expect(conclusion).not.toContain('. (');
    expect((await diAnReporter.get(`${url}/docx/other`)).statusCode).toBe(400);

    // Reads by the subject and the commission were audited; the team's were not.
    const { rows } = await db.query<{ actor_id: number; n: number }>(
      `SELECT actor_id, count(*)::int AS n FROM audit_log WHERE entity = 'inspection' AND entity_id = $1 AND action IN ('read','read_notes') GROUP BY 1`,
      [String(id)],
    );
    const readers = new Map(rows.map((r) => [r.actor_id, r.n]));
    expect(readers.get(teamMemberId)).toBeUndefined();
    expect(readers.get(inspectorId)).toBeGreaterThan(0);
    expect(rows.length).toBeGreaterThanOrEqual(2);
  });

  it('shows a later file on the same subject the earlier conclusions and whether they were carried out', async () => {
    const later = await newInspection(diAn, { periodStart: `${year}-12-01`, kind: 'inspection', basis: 'regular' });
    const view = await ok(inspector.get(`/api/oversight/inspections/${later.id}`));
    expect((view.earlier as { recommendations: number; accepted: number }[])[0]).toMatchObject({ recommendations: 2, accepted: 2 });
  });
});

describe('confidentiality', () => {
  it('gives 404 to a team member of one file opening another, to strangers and to a member not inspected', async () => {
    const a = await newInspection(ward, { kind: 'inspection', basis: 'regular' });
    await ok(
      inspector.put(`/api/oversight/inspections/${a.id}/team`, {
        version: a.version,
        decisionDate: today,
        team: [
          { userId: teamMemberId, role: 'head' },
          { userId: inspectorId, role: 'secretary' },
        ],
      }),
    );
    const b = await newInspection(thuanAn);
    expect((await teamMember.get(`/api/oversight/inspections/${a.id}`)).statusCode).toBe(200);
    expect((await teamMember.get(`/api/oversight/inspections/${a.id}/notes`)).statusCode).toBe(200);
    expect((await teamMember.get(`/api/oversight/inspections/${b.id}`)).statusCode).toBe(404);
    expect((await teamMember.get(`/api/oversight/inspections/${b.id}/notes`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/oversight/inspections/${a.id}`)).statusCode).toBe(404);
    expect((await memberClient.get(`/api/oversight/inspections/${a.id}`)).statusCode).toBe(404);
    const listed = (await ok(teamMember.get('/api/oversight/inspections'))) as unknown as { id: number }[];
    expect(listed.map((x) => x.id)).toContain(a.id);
    expect(listed.map((x) => x.id)).not.toContain(b.id);
    // The committee above reads everything, audited.
    const above = await ok(provinceManager.get(`/api/oversight/inspections/${b.id}/notes`));
    expect(above.sessions).toEqual([]);
    expect((await provinceManager.post(`/api/oversight/inspections/${b.id}/close`, { version: b.version })).statusCode).toBe(403);
  });

  it('lets a member under inspection see only their own file once notified', async () => {
    const own = await newInspection(cell, {
      kind: 'inspection',
      basis: 'violation_signs',
      subjectMemberId: member.id,
      documentId: undefined,
    });
    await ok(
      inspector.put(`/api/oversight/inspections/${own.id}/team`, {
        version: own.version,
        decisionDate: today,
        team: [
          { userId: teamMemberId, role: 'head' },
          { userId: inspectorId, role: 'secretary' },
        ],
      }),
    );
    await ok(
      inspector.post(`/api/oversight/inspections/${own.id}/notice`, {
        version: own.version + 1,
        planText: 'Kế hoạch',
        noticeText: 'Thông báo kiểm tra đảng viên',
      }),
    );
    const other = await newInspection(cell, { kind: 'inspection', basis: 'violation_signs' });
    expect((await ok(memberClient.get(`/api/oversight/inspections/${own.id}`))).audience).toBe('subject');
    expect((await memberClient.get(`/api/oversight/inspections/${own.id}/notes`)).statusCode).toBe(404);
    expect((await memberClient.get(`/api/oversight/inspections/${other.id}`)).statusCode).toBe(404);
    // diAnManager is a subject reader for everything under Dĩ An once notified.
    expect((await diAnManager.get(`/api/oversight/inspections/${own.id}`)).statusCode).toBe(200);
  });
});

describe('dashboard and follow-up', () => {
  it('recomputes the share of orgs inspected from its parts, and escalates overdue recommendations', async () => {
    const dash = await ok(inspector.get(`/api/oversight/dashboard?orgId=${province.id}&year=${year}`));
    const { rows } = await db.query<{ orgs: number; covered: number }>(
      `SELECT count(*)::int AS orgs, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM inspections x WHERE x.subject_org_id = o.id AND x.year = $2
                AND x.status IN ('concluded','follow_up','closed')))::int AS covered
         FROM orgs o WHERE o.path <@ $1::ltree AND o.id <> $3`,
      [province.path, year, province.id],
    );
    expect(dash.coverageYear).toMatchObject({ orgs: rows[0]!.orgs, covered: rows[0]!.covered });
    expect(rows[0]).toEqual({ orgs: 5, covered: 1 });
    expect((dash.coverageYear as { percent: number }).percent).toBe(20);
    const children = dash.children as { orgId: number; orgs: number; coveredYear: number }[];
    expect(children.reduce((s, c) => s + c.orgs, 0)).toBe(5);
    expect(children.find((c) => c.orgId === diAn.id)).toMatchObject({ orgs: 3, coveredYear: 1 });
    expect(dash.findingsByKind).toMatchObject({ limitation: 1, strength: 1 });
    // Drill down: Dĩ An's own subtree (ward and cell), none concluded there.
    expect((await ok(inspector.get(`/api/oversight/dashboard?orgId=${diAn.id}&year=${year}`))).coverageYear).toMatchObject({
      orgs: 2,
      covered: 0,
    });
    expect((await diAnReporter.get(`/api/oversight/dashboard?orgId=${province.id}`)).statusCode).toBe(403);
    const { client: thuanAnInspector } = await userOn(thuanAn, 'inspector');
    expect((await thuanAnInspector.get(`/api/oversight/dashboard?orgId=${province.id}`)).statusCode).toBe(404);

    // An overdue follow-up: a file on Thuận An concluded with a deadline already past.
    let f = await newInspection(thuanAn);
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
    f = await ok(inspector.post(`${url}/notice`, { version: f.version, planText: 'Kế hoạch', noticeText: 'Thông báo' }));
    const { client: thuanAnReporter } = await userOn(thuanAn, 'reporter');
    f = await ok(thuanAnReporter.post(`${url}/self-report`, { version: f.version, text: 'Báo cáo' }));
    f = await ok(inspector.post(`${url}/sessions`, { version: f.version, heldOn: today, place: 'Thuận An', minutes: 'Biên bản' }));
    f = await ok(inspector.post(`${url}/team-report`, { version: f.version, text: 'Báo cáo đoàn' }));
    f = await ok(
      inspector.post(`${url}/findings`, { version: f.version, kind: 'shortcoming', theme: 'Kết nạp đảng viên', text: 'Chậm kết nạp' }),
    );
    f = await ok(
      inspector.post(`${url}/conclusion`, {
        version: f.version,
        text: 'Kết luận',
        recommendations: [{ text: 'Bổ sung hồ sơ', ownerOrgId: thuanAn.id, deadline: '2020-01-31' }],
      }),
    );
    f = await ok(inspector.post(`${url}/conclusion/send`, { version: f.version }));
    expect(f.recommendations[0]!.view).toBe('overdue');
    const after = await ok(inspector.get(`/api/oversight/dashboard?orgId=${province.id}&year=${year}`));
    expect(after.coverageYear).toMatchObject({ orgs: 5, covered: 2 });
    expect((after.overdue as { count: number }).count).toBe(1);
    expect(await escalateOverdue(db, null)).toBe(1);
    expect(await escalateOverdue(db, null)).toBe(0);
    const { rows: notes } = await db.query(`SELECT title FROM notifications WHERE kind = 'oversight_overdue'`);
    expect(notes.length).toBe(1);

    const timeline = await ok(diAnReporter.get(`/api/oversight/orgs/${diAn.id}/timeline`));
    expect((timeline.items as { status: string }[]).map((i) => i.status)).toContain('closed');
    expect((await outsider.get(`/api/oversight/orgs/${diAn.id}/timeline`)).statusCode).toBe(404);
  });
});
