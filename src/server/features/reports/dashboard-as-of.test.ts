import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import { buildDocument, buildItem, buildMember, buildOrg, buildReport, buildTask, buildUser, type TestOrg } from '../../test/factories';
import { buildTestApp, loginAs, type TestClient } from '../../test/http';

// Tỉnh ủy Bình Dương closes its 2020–2025 term after it merged into TP.HCM on 01/07/2025 (QĐ
// 321-QĐ/TW): its dashboard as of 30/06/2025 must still read its own province as it was, and
// TP.HCM's dashboard of that day can show the merged figures "quy đổi theo địa giới mới".

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let app: App;
let db: Db;
let drop: () => Promise<void>;
let central: TestOrg, bd: TestOrg, vt: TestOrg, hcm: TestOrg, diAn: TestOrg, tdm: TestOrg, vtWard: TestOrg, hcmWard: TestOrg;
let admin: TestClient;
let docId: number, hcmDocId: number;
const before = '2025-06-30';

async function ownValue(
  org: TestOrg,
  code: string,
  period: [key: string, end: string],
  v: { value?: number; numerator?: number; denominator?: number },
) {
  await db.query(
    `INSERT INTO org_indicator_values (indicator_id, org_id, period_key, period_end, value, numerator, denominator)
     SELECT id, $1, $2, $3, $4, $5, $6 FROM indicators WHERE code = $7`,
    [org.id, period[0], period[1], v.value ?? null, v.numerator ?? null, v.denominator ?? null, code],
  );
}

const q1: [string, string] = ['2025-Q1', '2025-03-31'];
const q4: [string, string] = ['2024-Q4', '2024-12-31'];

const dashboard = async (id: number, query: string) => {
  const res = await admin.get(`/api/documents/${id}/dashboard${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Json;
};

/**
 * Everything the leader reads off the dashboard, in a comparable form. The rate reported without
 * its parts has no number on either tree: the live one and the past one refuse it alike.
 */
const figures = (d: Json) => ({
  members: d.members,
  targets: d.targets.map((t: Json) => ({ text: t.text, latest: t.latest, status: t.status, reason: t.reason, actuals: t.actuals })),
  tasks: d.tasks,
  periods: d.periods,
  reports: d.reports,
  children: d.children,
  openExplanations: d.openExplanations,
});

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
  central = await buildOrg(db, { name: 'Trung ương', kind: 'central' });
  bd = await buildOrg(db, { parent: central, name: 'Tỉnh ủy Bình Dương', kind: 'province_committee' });
  vt = await buildOrg(db, { parent: central, name: 'Tỉnh ủy Bà Rịa - Vũng Tàu', kind: 'province_committee' });
  hcm = await buildOrg(db, { parent: central, name: 'Thành ủy Thành phố Hồ Chí Minh', kind: 'province_committee' });
  diAn = await buildOrg(db, { parent: bd, name: 'Đảng ủy phường Dĩ An', kind: 'commune_committee' });
  tdm = await buildOrg(db, { parent: bd, name: 'Đảng ủy phường Thủ Dầu Một', kind: 'commune_committee' });
  vtWard = await buildOrg(db, { parent: vt, name: 'Đảng ủy phường Vũng Tàu', kind: 'commune_committee' });
  hcmWard = await buildOrg(db, { parent: hcm, name: 'Đảng ủy phường Sài Gòn', kind: 'commune_committee' });
  for (const [org, n] of [
    [diAn, 3],
    [tdm, 2],
    [vtWard, 2],
    [hcmWard, 1],
  ] as const)
    for (let i = 0; i < n; i++) await buildMember(db, org);
  // The tree and its members have stood since 2020.
  await db.query(`UPDATE orgs SET valid_from = '2020-01-01'`);
  await db.query(`UPDATE org_versions SET valid_from = '2020-01-01'`);
  await db.query(`UPDATE member_placements SET valid_from = '2020-01-01'`);

  const doc = await buildDocument(db, bd, { symbol: '01-NQ/TU', title: 'Nghị quyết Đại hội Đảng bộ tỉnh Bình Dương lần thứ XI' });
  docId = doc.id;
  await buildItem(db, docId, {
    kind: 'target',
    text: 'Thu hút 10 tỷ USD vốn FDI',
    indicator: 'FDI',
    comparator: '>=',
    value: 10,
    byYear: 2025,
  });
  await buildItem(db, docId, {
    kind: 'target',
    text: '90% thủ tục hành chính trực tuyến',
    indicator: 'ONLINE_PUBLIC_SERVICES',
    comparator: '>=',
    value: 90,
    unit: '%',
  });
  await buildItem(db, docId, {
    kind: 'target',
    text: '80% tổ chức đảng hoàn thành tốt nhiệm vụ',
    indicator: 'ORG_GOOD_RATE',
    comparator: '>=',
    value: 80,
    unit: '%',
  });
  await buildItem(db, docId, {
    kind: 'target',
    text: 'GRDP tăng 8%/năm',
    indicator: 'GRDP_GROWTH',
    comparator: '>=',
    value: 8,
    perYear: true,
  });
  const industry = await buildItem(db, docId, { text: 'Phát triển công nghiệp' });
  const services = await buildItem(db, docId, { text: 'Phát triển dịch vụ' });
  const late = await buildTask(db, bd, { lead: diAn, itemId: industry, dueDate: '2025-05-01', status: 'in_progress' });
  await buildTask(db, bd, { lead: tdm, itemId: industry, dueDate: '2025-03-01', status: 'done' });
  await buildTask(db, bd, { lead: tdm, itemId: services, dueDate: '2025-12-31', status: 'not_started' });
  for (const ward of [diAn, tdm])
    await buildReport(db, doc, ward, { periodKey: '2025-Q1', periodStart: '2025-01-01', periodEnd: '2025-03-31', dueDate: '2025-04-05' });
  await db.query(
    `UPDATE reports SET status = 'approved', first_submitted_at = '2025-04-03T09:00:00+07', approved_at = '2025-04-04T09:00:00+07' WHERE org_id = $1`,
    [tdm.id],
  );
  await db.query(
    `INSERT INTO explanation_requests (document_id, task_id, org_id, question, due_date, asked_by_name) VALUES ($1, $2, $3, 'Vì sao chậm?', '2025-07-15', 'Tỉnh ủy')`,
    [docId, late, diAn.id],
  );

  // Approved own values: the province's, its wards', and the other provinces'.
  await ownValue(bd, 'FDI', q1, { value: 1 });
  await ownValue(diAn, 'FDI', q1, { value: 2 });
  await ownValue(tdm, 'FDI', q1, { value: 3 });
  await ownValue(diAn, 'FDI', q4, { value: 1.5 });
  await ownValue(vtWard, 'FDI', q1, { value: 4 });
  await ownValue(hcmWard, 'FDI', q1, { value: 5 });
  await ownValue(diAn, 'ONLINE_PUBLIC_SERVICES', q1, { value: 90, numerator: 45, denominator: 50 });
  await ownValue(tdm, 'ONLINE_PUBLIC_SERVICES', q1, { value: 60, numerator: 30, denominator: 50 });
  await ownValue(vtWard, 'ONLINE_PUBLIC_SERVICES', q1, { value: 50, numerator: 10, denominator: 20 });
  await ownValue(diAn, 'ORG_GOOD_RATE', q1, { value: 80 });
  await ownValue(tdm, 'ORG_GOOD_RATE', q1, { value: 90, numerator: 9, denominator: 10 });
  await ownValue(bd, 'GRDP_GROWTH', q1, { value: 8.5 });
  await db.query('SELECT rebuild_rollups(ARRAY(SELECT id FROM orgs))');

  hcmDocId = (await buildDocument(db, hcm, { symbol: '02-NQ/TU', title: 'Nghị quyết Đại hội Đảng bộ Thành phố lần thứ XI' })).id;
  await buildItem(db, hcmDocId, { kind: 'target', text: 'Thu hút vốn FDI', indicator: 'FDI', comparator: '>=', value: 20, byYear: 2025 });

  const a = await buildUser(db, [{ org: central, role: 'admin' }]);
  admin = await loginAs(app, a.username, a.password);
}, 120_000);
afterAll(async () => {
  await app.close();
  await drop();
});

describe('a dashboard as of a day before the merge', () => {
  let beforeMerge: Json;

  it('reads the live tree while nothing has changed since that day, and says which tree it uses', async () => {
    beforeMerge = await dashboard(docId, `?asOf=${before}`);
    expect(beforeMerge.tree).toEqual({
      basis: 'as_of',
      isPastTree: false,
      label: { vi: 'Cơ cấu tổ chức tại ngày 30/06/2025', en: 'Organization tree as of 2025-06-30' },
    });
    expect(beforeMerge.members).toBe(5);
    // The live rollup adds parts only: a ward's percent without them is refused, not left out silently.
    const rate = beforeMerge.targets.find((t: Json) => t.text.startsWith('80%'));
    expect(rate.latest).toBeNull();
    expect(rate.notCombinable.vi).toMatch(/^Không cộng gộp được: .*không kèm tử số và mẫu số/);
  });

  it('gives exactly the same figures after Bình Dương merged into TP.HCM, recomputed from their parts', async () => {
    const res = await admin.post('/api/reorg/operations', {
      kind: 'merge',
      effectiveDate: '2025-07-01',
      decision: 'Quyết định số 321-QĐ/TW ngày 12/6/2025 của Bộ Chính trị',
      sourceOrgIds: [bd.id, vt.id],
      targetOrgIds: [hcm.id],
      // Thủ Dầu Một goes under the Sài Gòn ward; Dĩ An under the city.
      mapping: [{ fromOrgId: tdm.id, toOrgId: hcmWard.id }],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect((await db.query(`SELECT count(*)::int AS n FROM orgs WHERE parent_id = $1`, [bd.id])).rows[0].n).toBe(0);

    const after = await dashboard(docId, `?asOf=${before}`);
    expect(after.tree.isPastTree).toBe(true);
    expect(after.tree.label.vi).toBe('Cơ cấu tổ chức tại ngày 30/06/2025');
    expect(figures(after)).toEqual(figures(beforeMerge));

    // Each figure from its parts: FDI adds the province's and its wards' own values.
    const target = (text: string) => after.targets.find((t: Json) => t.text.startsWith(text));
    expect(target('Thu hút').latest).toBe(1 + 2 + 3);
    expect(target('Thu hút').actuals.map((a: Json) => [a.periodKey, a.value])).toEqual([
      ['2024-Q4', 1.5],
      ['2025-Q1', 6],
    ]);
    // The rate recombines numerators and denominators: (45 + 30) / (50 + 50), never (90 + 60) / 2 of Vũng Tàu's.
    expect(target('90%').latest).toBe(75);
    expect(target('GRDP').latest).toBe(8.5);
    expect(after.members).toBe(3 + 2);
    expect(after.children.map((c: Json) => [c.orgName, c.tasks.total, c.tasks.overdue, c.reports.expected, c.reports.approved])).toEqual([
      ['Đảng ủy phường Dĩ An', 1, 1, 1, 0],
      ['Đảng ủy phường Thủ Dầu Một', 2, 0, 1, 1],
    ]);
    expect(after.tasks.counts).toEqual({ not_started: 1, in_progress: 0, done: 1, overdue: 1, cancelled: 0 });
    expect(after.reports).toMatchObject({ periodKey: '2025-Q1', expected: 2, approved: 1 });
    expect(after.openExplanations).toBe(1);
  });

  it('shows a rate reported without its parts as not combinable, with the reason instead of a number', async () => {
    const d = await dashboard(docId, `?asOf=${before}`);
    const rate = d.targets.find((t: Json) => t.text.startsWith('80%'));
    expect(rate.latest).toBeNull();
    expect(rate.status).toBe('not_assessable');
    expect(rate.notCombinable.vi).toMatch(/^Không cộng gộp được: .*không kèm tử số và mẫu số/);
    expect(rate.reason).toBe(rate.notCombinable.vi);
    expect(d.targets.find((t: Json) => t.text.startsWith('Thu hút')).notCombinable).toBeNull();
  });

  it('answers the closed province on its last tree for any later day, today included', async () => {
    const today = await dashboard(docId, '');
    expect(today.tree.label.vi).toBe('Cơ cấu tổ chức tại ngày 30/06/2025');
    expect(today.members).toBe(5);
    expect(today.targets.find((t: Json) => t.text.startsWith('Thu hút')).latest).toBe(6);
    expect(today.children.map((c: Json) => c.orgName)).toEqual(['Đảng ủy phường Dĩ An', 'Đảng ủy phường Thủ Dầu Một']);
  });

  it('says the tree in the Excel and Word exports, with the same figures', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const x = await admin.get(`/api/documents/${docId}/dashboard.xlsx?asOf=${before}`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const texts: string[] = [];
    sheet.eachRow((row) => texts.push((row.values as unknown[]).filter((v) => v !== undefined && v !== null).join(' | ')));
    expect(texts).toContain('Cơ cấu tổ chức tại ngày 30/06/2025; số liệu đến ngày 30/06/2025.');
    const latestCol = (sheet.getRow(1).values as unknown[]).map(String).indexOf('Giá trị mới nhất');
    expect(sheet.getRow(2).getCell(latestCol).value).toBe(6);
    expect(sheet.getRow(4).getCell(latestCol).value).toBe('Không cộng gộp được');

    const w = await admin.get(`/api/documents/${docId}/progress-report.docx?periodKey=2025-Q2`);
    expect(w.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(w.rawPayload)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('Số liệu đến 30/06/2025 (cơ cấu tổ chức tại ngày 30/06/2025)');
    expect(text).toContain('Không cộng gộp được');
    // Thủ Dầu Một's tasks are listed: it was Bình Dương's ward on that day.
    expect(text).toContain('Đảng ủy phường Thủ Dầu Một');
  });
});

describe("the successor's dashboard before the merge date", () => {
  it('shows its own old subtree on the tree of that day', async () => {
    const d = await dashboard(hcmDocId, `?asOf=${before}`);
    expect(d.tree.isPastTree).toBe(true);
    expect(d.tree.label.vi).toBe('Cơ cấu tổ chức tại ngày 30/06/2025');
    expect(d.targets[0].latest).toBe(5);
    expect(d.members).toBe(1);
  });

  it('converts to the new boundaries on request: the sum of its predecessors, and says so', async () => {
    const d = await dashboard(hcmDocId, `?asOf=${before}&tree=current`);
    expect(d.tree.basis).toBe('current');
    expect(d.tree.label.vi).toBe(
      'Số liệu quy đổi theo địa giới mới: cơ cấu tổ chức hiện tại của Thành ủy Thành phố Hồ Chí Minh, số liệu đến ngày 30/06/2025',
    );
    // TP.HCM's ward, Bình Dương (its own and its two wards') and Vũng Tàu's ward.
    expect(d.targets[0].latest).toBe(5 + 1 + 2 + 3 + 4);
    expect((await admin.get(`/api/documents/${hcmDocId}/dashboard?tree=later`)).statusCode).toBe(400);
  });
});
