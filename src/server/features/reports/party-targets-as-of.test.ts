/**
 * Party-building targets read the dashboard's tree too (issue 11): a province merged into another
 * on 01/07/2025, whose bloc was dissolved and its cells handed to the successor's bloc on the same
 * day, closes its 2020–2025 term with the admissions and oversight conclusions of its own subtree
 * as it stood on 30/06/2025, not with whatever today's tree leaves under its closed path. The list
 * behind a number reads the same tree as the number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import { buildDocument, buildItem, buildOrg, buildReport, buildTask, buildUser, type TestOrg } from '../../test/factories';
import { admitThroughSteps } from '../../test/admission';
import { buildTestApp, loginAs, type TestClient } from '../../test/http';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let app: App;
let db: Db;
let drop: () => Promise<void>;
let central: TestOrg, p: TestOrg, bloc: TestOrg, c1: TestOrg, c2: TestOrg, q: TestOrg, qBloc: TestOrg, qCell: TestOrg;
let admin: TestClient;
let pDoc: number, qDoc: number;

const ok = <T = Json>(res: { statusCode: number; body: string; json: () => unknown }, status = 200) => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
};

/** A candidate of `cell` taken through every step to the ceremony on `date` (the workflow the registry uses). */
async function admit(cell: TestOrg, date: string, isNonState: boolean, fullName: string) {
  await admitThroughSteps(db, admin, cell, { date, isNonStateEnterprise: isNonState, fullName });
}

/** A concluded oversight file on `subject` for `year` (the workflow itself is tested in the oversight feature). */
async function concluded(by: TestOrg, subject: TestOrg, year: number, concludedAt: string) {
  await db.query(
    `INSERT INTO inspections (org_id, kind, basis, responsible_body, subject_org_id, content, theme, period_start, period_end, year, status, concluded_at)
     VALUES ($1, 'inspection', 'thematic', 'inspection_commission', $2, 'Kiểm tra', 'Thực hiện Nghị quyết Đại hội', make_date($3, 3, 1), make_date($3, 6, 30), $3, 'concluded', $4)`,
    [by.id, subject.id, year, concludedAt],
  );
}

async function resolution(org: TestOrg, symbol: string) {
  const id = (await buildDocument(db, org, { symbol, term: '2020-2025', title: `Nghị quyết Đại hội ${org.name}` })).id;
  await buildItem(db, id, { kind: 'target', text: 'Kết nạp 10 đảng viên mới', indicator: 'NEW_MEMBERS', comparator: '>=', value: 10 });
  await buildItem(db, id, {
    kind: 'target',
    text: 'Ít nhất 5 đảng viên trong doanh nghiệp ngoài khu vực Nhà nước',
    indicator: 'NEW_MEMBERS_NSE',
    comparator: '>=',
    value: 5,
  });
  await buildItem(db, id, {
    kind: 'target',
    text: 'Thành lập 3 tổ chức đảng trong doanh nghiệp ngoài khu vực Nhà nước',
    indicator: 'PARTY_ORGS_NSE',
    comparator: '>=',
    value: 3,
  });
  await buildItem(db, id, { kind: 'target', text: 'Thành lập 5 tổ chức Đoàn – Hội', indicator: 'MASS_ORGS', comparator: '>=', value: 5 });
  await buildItem(db, id, {
    kind: 'target',
    text: 'Trong nhiệm kỳ, 100% tổ chức đảng được kiểm tra, giám sát',
    indicator: 'ORG_OVERSIGHT_RATE',
    comparator: '=',
    value: 100,
    unit: '%',
  });
  return id;
}

const dashboard = async (id: number, query = '') => ok(await admin.get(`/api/documents/${id}/dashboard${query}`));
const list = async (id: number, query: string) => ok(await admin.get(`/api/documents/${id}/dashboard/list${query}`)).rows as Json[];
const target = (d: Json, text: string) => d.targets.find((t: Json) => t.text.startsWith(text)) as Json;
/** The party-building figures the leader reads: each target's source, latest figure, status and yearly actuals. */
const partyFigures = (d: Json) =>
  d.targets.map((t: Json) => ({ text: t.text, source: t.source, latest: t.latest, status: t.status, actuals: t.actuals }));

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
  central = await buildOrg(db, { name: 'Trung ương', kind: 'central' });
  p = await buildOrg(db, { parent: central, name: 'Tỉnh ủy Bình Dương', kind: 'province_committee' });
  bloc = await buildOrg(db, { parent: p, name: 'Đảng ủy Khối Các cơ quan và doanh nghiệp tỉnh', kind: 'bloc_committee' });
  c1 = await buildOrg(db, { parent: bloc, name: 'Đảng bộ Công ty May Việt Thắng', kind: 'grassroots' });
  c2 = await buildOrg(db, { parent: bloc, name: 'Chi bộ Công ty Điện tử Sao Mai', kind: 'cell' });
  q = await buildOrg(db, { parent: central, name: 'Thành ủy Thành phố Hồ Chí Minh', kind: 'province_committee' });
  qBloc = await buildOrg(db, { parent: q, name: 'Đảng ủy Khối Doanh nghiệp Thành phố', kind: 'bloc_committee' });
  qCell = await buildOrg(db, { parent: qBloc, name: 'Chi bộ Công ty Cơ khí Sài Gòn', kind: 'cell' });
  // The tree has stood since 2020.
  await db.query(`UPDATE orgs SET valid_from = '2020-01-01'`);
  await db.query(`UPDATE org_versions SET valid_from = '2020-01-01'`);
  const a = await buildUser(db, [{ org: central, role: 'admin' }]);
  admin = await loginAs(app, a.username, a.password);

  pDoc = await resolution(p, '01-NQ/TU');
  qDoc = await resolution(q, '02-NQ/TU');
  // Bình Dương's admissions, all before the merge: three in its bloc's enterprises, two of them non-state.
  await admit(c1, '2022-06-01', false, 'Võ Thị Cúc');
  await admit(c1, '2024-03-10', true, 'Trần Thị Bình');
  await admit(c2, '2023-04-10', true, 'Nguyễn Thị Đào');
  // An enterprise of Bình Dương's with its party cell (2023) and trade union (2022) founded.
  ok(
    await admin.post('/api/registry/enterprises', {
      orgId: c2.id,
      name: 'Công ty TNHH Điện tử Sao Mai',
      taxCode: '3700123456',
      ownership: 'non_state',
      partyOrgId: c2.id,
      partyOrgFounded: '2023-05-20',
      tradeUnionFounded: '2022-03-01',
      youthUnionFounded: null,
    }),
    201,
  );
  // The city's own admission, in its own cell.
  await admit(qCell, '2024-05-20', false, 'Huỳnh Thị Én');
  // Bình Dương's commission concluded on its bloc and one enterprise (2 of its 3 party orgs below it).
  await concluded(p, bloc, 2023, '2023-09-15');
  await concluded(p, c1, 2024, '2024-10-01');
  // A report and a task of a cell of Bình Dương, listed behind the dashboard's numbers.
  await buildReport(db, { id: pDoc }, c2, {
    periodKey: '2025-Q1',
    periodStart: '2025-01-01',
    periodEnd: '2025-03-31',
    dueDate: '2025-04-05',
  });
  const item = await buildItem(db, pDoc, { text: 'Phát triển đảng viên trong doanh nghiệp' });
  await buildTask(db, p, { lead: c1, itemId: item, title: 'Kết nạp đảng viên ở doanh nghiệp may', dueDate: '2025-12-31' });
}, 180_000);
afterAll(async () => {
  await app?.close();
  await drop?.();
});

describe('party-building targets of a province closed by a merge', () => {
  let beforeReorg: Json;
  /** As of the province's last day, before the reorganization: what it answers once closed. */
  let lastDayBefore: Json;
  let listBefore: { targets: Json[]; reports: Json[]; tasks: Json[] };

  it('count the admissions and conclusions of its subtree while it stands', async () => {
    beforeReorg = await dashboard(pDoc);
    lastDayBefore = await dashboard(pDoc, '?asOf=2025-06-30');
    expect(beforeReorg.tree.isPastTree).toBe(false);
    expect(target(beforeReorg, 'Kết nạp')).toMatchObject({ source: 'registry', latest: 3 });
    expect(target(beforeReorg, 'Ít nhất 5')).toMatchObject({ source: 'registry', latest: 2 });
    expect(target(beforeReorg, 'Thành lập 3')).toMatchObject({ source: 'registry', latest: 1 });
    expect(target(beforeReorg, 'Thành lập 5')).toMatchObject({ source: 'registry', latest: 1 });
    // Bloc and one enterprise of the three party orgs below the province: 66,7%.
    expect(target(beforeReorg, 'Trong nhiệm kỳ')).toMatchObject({ source: 'oversight', latest: 66.7 });
    listBefore = {
      targets: await list(pDoc, '?list=targets'),
      reports: await list(pDoc, '?list=reports&periodKey=2025-Q1'),
      tasks: await list(pDoc, '?list=tasks'),
    };
    expect(listBefore.targets.find((t) => t.text.startsWith('Kết nạp'))).toMatchObject({ latest: 3 });
    expect(listBefore.reports.map((r) => r.orgName)).toEqual([c2.name]);
    expect(listBefore.tasks.map((t) => t.leadOrgName)).toEqual([c1.name]);
  });

  it('keep the same figures and lists after the bloc is dissolved and the province merged away', async () => {
    ok(
      await admin.post('/api/reorg/operations', {
        kind: 'dissolve',
        effectiveDate: '2025-07-01',
        decision: 'Quyết định số 12-QĐ/TU ngày 20/6/2025 của Ban Thường vụ Tỉnh ủy',
        sourceOrgIds: [bloc.id],
        targetOrgIds: [qBloc.id],
      }),
      201,
    );
    ok(
      await admin.post('/api/reorg/operations', {
        kind: 'merge',
        effectiveDate: '2025-07-01',
        decision: 'Quyết định số 321-QĐ/TW ngày 12/6/2025 của Bộ Chính trị',
        sourceOrgIds: [p.id],
        targetOrgIds: [q.id],
      }),
      201,
    );
    // Today nothing stands under the province's path: its cells sit in the city's bloc.
    expect((await db.query(`SELECT count(*)::int AS n FROM orgs WHERE path <@ $1::ltree AND id <> $2`, [p.path, p.id])).rows[0].n).toBe(0);

    const after = await dashboard(pDoc);
    expect(after.tree.label.vi).toBe('Cơ cấu tổ chức tại ngày 30/06/2025');
    // Closed, it counts up to its last day: the figures of 30/06/2025 (here the same as today's,
    // as nothing was recorded since), not those recorded since in its cells, now the city's.
    expect(partyFigures(after)).toEqual(partyFigures(lastDayBefore));
    expect(partyFigures(after).map((t: Json) => t.latest)).toEqual(partyFigures(beforeReorg).map((t: Json) => t.latest));
    expect(target(after, 'Kết nạp').latest).toBe(3);
    expect(target(after, 'Trong nhiệm kỳ').latest).toBe(66.7);

    // The list behind each number reads the same tree: the same figures, the same cell's report and task.
    expect(await list(pDoc, '?list=targets')).toEqual(listBefore.targets);
    expect(await list(pDoc, '?list=reports&periodKey=2025-Q1')).toEqual(listBefore.reports);
    expect(await list(pDoc, '?list=tasks')).toEqual(listBefore.tasks);
  });
});

describe("the successor's party-building targets", () => {
  it('count only its own subtree on the tree of a day before the merge', async () => {
    const d = await dashboard(qDoc, '?asOf=2025-06-30');
    expect(d.tree.isPastTree).toBe(true);
    expect(target(d, 'Kết nạp').latest).toBe(1);
    expect(target(d, 'Ít nhất 5').latest).toBeNull();
    expect(target(d, 'Thành lập 3').latest).toBeNull();
    // Nothing concluded on its bloc or cell: none of its two party orgs covered.
    expect(target(d, 'Trong nhiệm kỳ').latest).toBe(0);
  });

  it("include the merged province's on today's boundaries, in the numbers and in the lists", async () => {
    const d = await dashboard(qDoc, '?asOf=2025-06-30&tree=current');
    expect(d.tree.basis).toBe('current');
    expect(target(d, 'Kết nạp').latest).toBe(1 + 3);
    expect(target(d, 'Ít nhất 5').latest).toBe(2);
    expect(target(d, 'Thành lập 3').latest).toBe(1);
    expect(target(d, 'Thành lập 5').latest).toBe(1);
    // Today's tree below the city holds, for 2025, its bloc and cell, Bình Dương's two enterprises,
    // and Bình Dương and its bloc (closed on 01/07/2025, they stood that year): 2 of 6 covered.
    expect(target(d, 'Trong nhiệm kỳ').latest).toBe(33.3);
    const targets = await list(qDoc, '?asOf=2025-06-30&tree=current&list=targets');
    expect(targets.find((t) => t.text.startsWith('Kết nạp'))).toMatchObject({ latest: 4 });
    expect((await list(qDoc, '?asOf=2025-06-30&list=targets')).find((t) => t.text.startsWith('Kết nạp'))).toMatchObject({ latest: 1 });
  });
});
