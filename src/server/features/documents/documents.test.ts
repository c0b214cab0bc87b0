import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import { buildOrg, buildUser, type TestOrg } from '../../test/factories';
import { anonymous, buildTestApp, loginAs, multipartBody, type TestClient } from '../../test/http';

let app: App;
let db: Db;
let drop: () => Promise<void>;
let province: TestOrg, city: TestOrg, ward: TestOrg, ward2: TestOrg, otherWard: TestOrg, otherProvince: TestOrg;
let provinceAdmin: TestClient, wardManager: TestClient, wardViewer: TestClient, cityManager: TestClient, outsider: TestClient;
let studyRate: number, newMembers: number;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
  province = await buildOrg(db, { name: 'Tỉnh ủy Bình Dương', code: 'T-BD' });
  city = await buildOrg(db, { parent: province, name: 'Thành ủy Dĩ An', kind: 'district_committee' });
  ward = await buildOrg(db, { parent: city, name: 'Đảng ủy phường Dĩ An', kind: 'commune_committee' });
  ward2 = await buildOrg(db, { parent: city, name: 'Đảng ủy phường Tân Bình', kind: 'commune_committee' });
  otherWard = await buildOrg(db, { parent: city, name: 'Đảng ủy phường Đông Hòa', kind: 'commune_committee' });
  await buildOrg(db, { parent: ward, name: 'Chi bộ Khu phố 1' });
  otherProvince = await buildOrg(db, { name: 'Tỉnh ủy Hậu Giang', code: 'T-HG' });
  provinceAdmin = await login([{ org: province, role: 'admin' }]);
  wardManager = await login([{ org: ward, role: 'manager' }]);
  wardViewer = await login([{ org: ward, role: 'viewer' }]);
  cityManager = await login([{ org: city, role: 'manager' }]);
  outsider = await login([{ org: otherProvince, role: 'manager' }]);
  const { rows } = await db.query<{ id: number; code: string }>(
    `SELECT id, code FROM indicators WHERE code IN ('STUDY_RATE','NEW_MEMBERS')`,
  );
  studyRate = rows.find((r) => r.code === 'STUDY_RATE')!.id;
  newMembers = rows.find((r) => r.code === 'NEW_MEMBERS')!.id;
});
afterAll(async () => {
  await app.close();
  await drop();
});

async function login(grants: { org: TestOrg; role: 'admin' | 'manager' | 'viewer' }[]) {
  const u = await buildUser(db, grants);
  return loginAs(app, u.username, u.password);
}

async function newDocument(client: TestClient, body: Json) {
  const res = await client.post('/api/documents', { term: '2020-2025', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Json;
}
async function addItem(client: TestClient, docId: number, body: Json) {
  const res = await client.post(`/api/documents/${docId}/items`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Json;
}

describe('documents', () => {
  it('numbers documents per issuing org, kind and term in the Party form', async () => {
    const a = await newDocument(provinceAdmin, { orgId: province.id, kind: 'resolution', title: 'Nghị quyết Đại hội XI' });
    const b = await newDocument(provinceAdmin, { orgId: province.id, kind: 'resolution', title: 'Nghị quyết thứ hai' });
    const c = await newDocument(provinceAdmin, {
      orgId: province.id,
      kind: 'action_program',
      title: 'Chương trình hành động',
      implementsIds: [a.id],
    });
    const d = await newDocument(cityManager, { orgId: city.id, kind: 'plan', title: 'Kế hoạch thực hiện', implementsIds: [a.id] });
    expect([a.symbol, b.symbol, c.symbol, d.symbol]).toEqual(['01-NQ/TU', '02-NQ/TU', '01-CTr/TU', '01-KH/ThU']);
    expect(c.implements.map((x: Json) => x.symbol)).toEqual(['01-NQ/TU']);
    expect(a.abilities).toMatchObject({ update: true, adopt: true, amend: false });
  });

  it('answers 400 with the field, 401 without a session, 403 for a viewer, 404 outside the scope', async () => {
    const bad = await wardManager.post('/api/documents', { orgId: ward.id, kind: 'nghi_quyet', term: '2020', title: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: Json) => f.field)).toEqual(
      expect.arrayContaining(['body.kind', 'body.term', 'body.title']),
    );
    expect((await (await anonymous(app)).get('/api/documents')).statusCode).toBe(401);
    expect(
      (await wardViewer.post('/api/documents', { orgId: ward.id, kind: 'plan', term: '2020-2025', title: 'Kế hoạch của phường' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await wardManager.post('/api/documents', { orgId: otherWard.id, kind: 'plan', term: '2020-2025', title: 'Kế hoạch phường khác' }))
        .statusCode,
    ).toBe(404);
    const sibling = await newDocument(provinceAdmin, { orgId: otherWard.id, kind: 'plan', title: 'Kế hoạch phường Đông Hòa' });
    expect((await wardManager.get(`/api/documents/${sibling.id}`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/documents/${sibling.id}`)).statusCode).toBe(404);
  });

  it('lets lower orgs read the documents above them, and higher orgs their subtree’s', async () => {
    const nq = await newDocument(provinceAdmin, { orgId: province.id, kind: 'resolution', title: 'Nghị quyết đọc được từ dưới' });
    const plan = await newDocument(wardManager, {
      orgId: ward.id,
      kind: 'plan',
      title: 'Kế hoạch phường đọc được từ trên',
      implementsIds: [nq.id],
    });
    expect((await wardViewer.get(`/api/documents/${nq.id}`)).statusCode).toBe(200);
    const fromAbove = await cityManager.get(`/api/documents/${plan.id}`);
    expect(fromAbove.statusCode).toBe(200);
    // Readable from above, but only the ward edits its own documents.
    expect(fromAbove.json().abilities.update).toBe(false);
    expect((await cityManager.patch(`/api/documents/${plan.id}`, { version: plan.version, title: 'Sửa từ trên' })).statusCode).toBe(403);
    expect((await wardManager.patch(`/api/documents/${nq.id}`, { version: nq.version, title: 'Sửa từ dưới' })).statusCode).toBe(403);
    const list = await wardViewer.get('/api/documents?pageSize=200');
    const ids = list.json().items.map((d: Json) => d.id);
    expect(ids).toEqual(expect.arrayContaining([nq.id, plan.id]));
  });
});

describe('items and targets', () => {
  let doc: Json;
  beforeAll(async () => {
    doc = await newDocument(provinceAdmin, { orgId: province.id, kind: 'resolution', title: 'Nghị quyết có chỉ tiêu' });
  });

  it('enters "8,5-8,7" with unit "%/năm" as a yearly-average range', async () => {
    const part = await addItem(provinceAdmin, doc.id, { kind: 'part', text: 'Mục tiêu, chỉ tiêu' });
    const t = await addItem(provinceAdmin, doc.id, {
      kind: 'target',
      parentItemId: part.id,
      text: 'Tổng sản phẩm trên địa bàn (GRDP) tăng bình quân',
      target: { valueText: '8,5-8,7', unitText: '%/năm', byYear: 2025 },
    });
    expect(t).toMatchObject({
      comparator: 'range',
      valueMin: 8.5,
      valueMax: 8.7,
      unit: '%',
      perYear: true,
      byYear: 2025,
      statement: '8,5–8,7%/năm',
    });
    const fdi = await addItem(provinceAdmin, doc.id, {
      kind: 'target',
      parentItemId: part.id,
      text: 'Thu hút đầu tư nước ngoài',
      target: { valueText: 'trên 9 tỷ USD' },
    });
    expect(fdi).toMatchObject({ comparator: '>', value: 9, unit: 'tỷ USD' });
    const least = await addItem(provinceAdmin, doc.id, {
      kind: 'target',
      parentItemId: part.id,
      text: 'Đảng viên trong doanh nghiệp ngoài khu vực Nhà nước',
      target: { valueText: 'ít nhất 300', unitText: 'đảng viên' },
    });
    expect(least).toMatchObject({ comparator: '>=', value: 300 });
    const full = await addItem(provinceAdmin, doc.id, {
      kind: 'target',
      parentItemId: part.id,
      text: 'Đảng viên được học tập nghị quyết',
      target: { valueText: '100%', indicatorId: studyRate },
    });
    expect(full).toMatchObject({ comparator: '=', value: 100, unit: '%', indicatorId: studyRate });
  });

  it('says which box is wrong when a target cannot be read', async () => {
    const res = await provinceAdmin.post(`/api/documents/${doc.id}/items`, {
      kind: 'target',
      text: 'Chỉ tiêu sai',
      target: { valueText: 'nhiều lắm', unitText: '%' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].field).toBe('body.target.valueText');
    const unit = await provinceAdmin.post(`/api/documents/${doc.id}/items`, {
      kind: 'target',
      text: 'Chỉ tiêu sai',
      target: { valueText: '9 tỷ USD', unitText: 'triệu đồng' },
    });
    expect(unit.json().error.details.fields[0].field).toBe('body.target.unitText');
  });

  it('reorders, nests and edits items in place with versions', async () => {
    const a = await addItem(provinceAdmin, doc.id, { kind: 'task', text: 'Nhiệm vụ A' });
    const b = await addItem(provinceAdmin, doc.id, { kind: 'task', text: 'Nhiệm vụ B' });
    const moved = await provinceAdmin.post(`/api/items/${b.id}/move`, { version: b.version, parentItemId: null, index: 0 });
    expect(moved.statusCode).toBe(200);
    const nested = await provinceAdmin.post(`/api/items/${a.id}/move`, { version: a.version, parentItemId: b.id, index: 0 });
    expect(nested.statusCode).toBe(200);
    const cycle = await provinceAdmin.post(`/api/items/${b.id}/move`, { version: moved.json().version, parentItemId: a.id, index: 0 });
    expect(cycle.statusCode).toBe(400);
    const detail = (await provinceAdmin.get(`/api/documents/${doc.id}`)).json();
    const bRow = detail.items.find((i: Json) => i.id === b.id);
    const aRow = detail.items.find((i: Json) => i.id === a.id);
    expect(bRow.outline).toBe('1.');
    expect(aRow.outline).toBe('1.1.');
    const edit = await provinceAdmin.patch(`/api/items/${a.id}`, { version: aRow.version, text: 'Nhiệm vụ A đã sửa' });
    expect(edit.statusCode).toBe(200);
    const stale = await provinceAdmin.patch(`/api/items/${a.id}`, { version: aRow.version, text: 'Sửa chồng' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
  });

  it('locks an adopted document, amends it into a new version and shows what changed item by item', async () => {
    const cur = (await provinceAdmin.get(`/api/documents/${doc.id}`)).json();
    const adopted = await provinceAdmin.post(`/api/documents/${doc.id}/adopt`, { version: cur.version, issueDate: '2020-12-23' });
    expect(adopted.statusCode).toBe(200);
    expect(adopted.json()).toMatchObject({ status: 'adopted', abilities: { update: false, amend: true } });
    const target = cur.items.find((i: Json) => i.kind === 'target');
    const locked = await provinceAdmin.patch(`/api/items/${target.id}`, { version: target.version, text: 'Sửa trực tiếp' });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.message).toMatch(/đã ban hành, không sửa trực tiếp/);
    expect(
      (await provinceAdmin.post(`/api/documents/${doc.id}/items`, { kind: 'task', text: 'Thêm vào bản đã ban hành' })).statusCode,
    ).toBe(409);
    expect((await provinceAdmin.patch(`/api/documents/${doc.id}`, { version: adopted.json().version, title: 'Đổi' })).statusCode).toBe(409);

    const noReason = await provinceAdmin.post(`/api/documents/${doc.id}/amend`, { version: adopted.json().version, reason: '' });
    expect(noReason.statusCode).toBe(400);
    const amended = await provinceAdmin.post(`/api/documents/${doc.id}/amend`, {
      version: adopted.json().version,
      reason: 'Điều chỉnh chỉ tiêu GRDP theo tình hình dịch bệnh',
    });
    expect(amended.statusCode).toBe(201);
    const v2 = amended.json();
    expect(v2).toMatchObject({ symbol: doc.symbol, versionNo: 2, status: 'draft', previousVersionId: doc.id });
    const grdp = v2.items.find((i: Json) => i.statement === '8,5–8,7%/năm');
    await provinceAdmin.patch(`/api/items/${grdp.id}`, {
      version: grdp.version,
      target: { valueText: '8-8,5', unitText: '%/năm', byYear: 2025 },
    });
    await addItem(provinceAdmin, v2.id, { kind: 'solution', text: 'Giải pháp bổ sung' });
    const again = await provinceAdmin.post(`/api/documents/${doc.id}/amend`, {
      version: adopted.json().version + 1,
      reason: 'Lần hai khi đang có dự thảo',
    });
    expect(again.statusCode).toBe(409);
    const v2now = (await provinceAdmin.get(`/api/documents/${v2.id}`)).json();
    expect((await provinceAdmin.post(`/api/documents/${v2.id}/adopt`, { version: v2now.version })).statusCode).toBe(200);
    const old = (await provinceAdmin.get(`/api/documents/${doc.id}`)).json();
    expect(old.status).toBe('amended');
    expect(old.items.find((i: Json) => i.id === grdp.id)).toBeUndefined();
    expect(old.items.some((i: Json) => i.statement === '8,5–8,7%/năm')).toBe(true);
    const diff = (await provinceAdmin.get(`/api/documents/${v2.id}/diff`)).json();
    expect(diff.changes.map((c: Json) => c.type).sort()).toEqual(['added', 'changed']);
    expect(diff.changes.find((c: Json) => c.type === 'changed')).toMatchObject({
      fields: ['statement'],
      before: { statement: '8,5–8,7%/năm' },
      after: { statement: '8–8,5%/năm' },
    });
    const versions = (await provinceAdmin.get(`/api/documents/${v2.id}/versions`)).json();
    expect(versions.map((v: Json) => v.versionNo)).toEqual([2, 1]);
  });
});

describe('the cascade', () => {
  let nq: Json, studyTarget: Json, quotaTarget: Json, breakthrough: Json, cityPlan: Json, cityStudy: Json, wardPlan: Json;

  beforeAll(async () => {
    nq = await newDocument(provinceAdmin, { orgId: province.id, kind: 'resolution', title: 'Nghị quyết về công tác xây dựng Đảng' });
    studyTarget = await addItem(provinceAdmin, nq.id, {
      kind: 'target',
      text: 'Tỷ lệ đảng viên được nghiên cứu, học tập, quán triệt nghị quyết',
      target: { valueText: '100', unitText: '%', indicatorId: studyRate },
    });
    quotaTarget = await addItem(provinceAdmin, nq.id, {
      kind: 'target',
      text: 'Kết nạp đảng viên mới',
      target: { valueText: '1.800', unitText: 'đảng viên', indicatorId: newMembers },
    });
    breakthrough = await addItem(provinceAdmin, nq.id, {
      kind: 'breakthrough',
      text: 'Phát triển hạ tầng giao thông, xây dựng thành phố thông minh',
    });
    const v = (await provinceAdmin.get(`/api/documents/${nq.id}`)).json().version;
    await provinceAdmin.post(`/api/documents/${nq.id}/adopt`, { version: v });
    cityPlan = await newDocument(cityManager, {
      orgId: city.id,
      kind: 'plan',
      title: 'Kế hoạch thực hiện Nghị quyết của Thành ủy',
      implementsIds: [nq.id],
    });
    cityStudy = await addItem(cityManager, cityPlan.id, {
      kind: 'target',
      text: 'Đảng viên học tập nghị quyết',
      target: { valueText: '100%', indicatorId: studyRate },
    });
    wardPlan = await newDocument(wardManager, {
      orgId: ward.id,
      kind: 'plan',
      title: 'Kế hoạch của Đảng ủy phường Dĩ An',
      implementsIds: [nq.id, cityPlan.id],
    });
  });

  it('suggests the provincial target with the same indicator and links a ward plan’s target to it', async () => {
    const wardStudy = await addItem(wardManager, wardPlan.id, {
      kind: 'target',
      text: 'Tỷ lệ dang vien duoc hoc tap nghi quyet',
      target: { valueText: '80', unitText: '%', indicatorId: studyRate },
    });
    const sug = (await wardManager.get(`/api/items/${wardStudy.id}/suggestions`)).json();
    expect(sug.suggestions.slice(0, 2).map((x: Json) => x.itemId)).toEqual(expect.arrayContaining([studyTarget.id, cityStudy.id]));
    expect(sug.suggestions[0].reasons).toContain('indicator');
    const link = await wardManager.post(`/api/items/${wardStudy.id}/links`, { parentItemId: studyTarget.id });
    expect(link.statusCode).toBe(201);
    expect(link.json()[0]).toMatchObject({ parentItemId: studyTarget.id, symbol: nq.symbol });
    expect((await wardViewer.post(`/api/items/${wardStudy.id}/links`, { parentItemId: studyTarget.id })).statusCode).toBe(403);
    expect((await cityManager.post(`/api/items/${cityStudy.id}/links`, { parentItemId: studyTarget.id })).statusCode).toBe(201);
    // A document that is not implemented cannot be linked to.
    const other = await newDocument(provinceAdmin, { orgId: province.id, kind: 'directive', title: 'Chỉ thị khác' });
    const otherItem = await addItem(provinceAdmin, other.id, { kind: 'task', text: 'Việc khác' });
    const refused = await wardManager.post(`/api/items/${wardStudy.id}/links`, { parentItemId: otherItem.id });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.fields[0].field).toBe('body.parentItemId');
  });

  it('shows top-down who took a target up, flagging a ward weaker than the province', async () => {
    const res = await provinceAdmin.get(`/api/items/${studyTarget.id}/concretizations`);
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view.orgCount).toBe(2);
    const byOrg = Object.fromEntries(view.children.map((c: Json) => [c.orgName, c]));
    expect(byOrg['Đảng ủy phường Dĩ An']).toMatchObject({ isWeaker: true, statement: '80%' });
    expect(byOrg['Thành ủy Dĩ An']).toMatchObject({ isWeaker: false });
    expect(view.weakerCount).toBe(1);
    // A viewer of the ward sees what is in or above their scope, not a sibling ward's plan.
    const siblingPlan = await newDocument(provinceAdmin, {
      orgId: otherWard.id,
      kind: 'plan',
      title: 'Kế hoạch phường Đông Hòa',
      implementsIds: [nq.id],
    });
    const siblingItem = await addItem(provinceAdmin, siblingPlan.id, {
      kind: 'target',
      text: 'Học tập nghị quyết',
      target: { valueText: '100%', indicatorId: studyRate },
    });
    expect((await provinceAdmin.post(`/api/items/${siblingItem.id}/links`, { parentItemId: studyTarget.id })).statusCode).toBe(201);
    expect((await provinceAdmin.get(`/api/items/${studyTarget.id}/concretizations`)).json().orgCount).toBe(3);
    const wardView = (await wardViewer.get(`/api/items/${studyTarget.id}/concretizations`)).json();
    expect(wardView.children.map((c: Json) => c.orgName).sort()).toEqual(['Thành ủy Dĩ An', 'Đảng ủy phường Dĩ An']);
    expect((await outsider.get(`/api/items/${studyTarget.id}/concretizations`)).statusCode).toBe(404);
  });

  it('adds up a quota split against the parent target', async () => {
    const w1 = await addItem(wardManager, wardPlan.id, {
      kind: 'target',
      text: 'Kết nạp đảng viên mới',
      target: { valueText: '300', unitText: 'đảng viên', indicatorId: newMembers },
    });
    await wardManager.post(`/api/items/${w1.id}/links`, { parentItemId: quotaTarget.id });
    const c1 = await addItem(cityManager, cityPlan.id, {
      kind: 'target',
      text: 'Kết nạp đảng viên',
      target: { valueText: 'ít nhất 500', unitText: 'đảng viên', indicatorId: newMembers },
    });
    await cityManager.post(`/api/items/${c1.id}/links`, { parentItemId: quotaTarget.id });
    const view = (await provinceAdmin.get(`/api/items/${quotaTarget.id}/concretizations`)).json();
    expect(view.quota).toMatchObject({ parentValue: 1800, childrenSum: 800, childCount: 2, isCovered: false, difference: -1000 });
    expect(view.children.every((c: Json) => c.isWeaker === false)).toBe(true);
  });

  it('walks bottom-up from a ward item to the provincial target', async () => {
    const wardTask = await addItem(wardManager, wardPlan.id, { kind: 'task', text: 'Tổ chức học tập nghị quyết ở các khu phố' });
    await wardManager.post(`/api/items/${wardTask.id}/links`, { parentItemId: cityStudy.id });
    const chain = (await wardManager.get(`/api/items/${wardTask.id}/chain`)).json();
    expect(chain.nodes.map((n: Json) => n.itemId)).toEqual([wardTask.id, cityStudy.id, studyTarget.id]);
    expect(chain.edges).toEqual(expect.arrayContaining([{ childItemId: cityStudy.id, parentItemId: studyTarget.id }]));
  });

  it('shows the gaps: orgs without a plan and items nobody took up', async () => {
    const draftOnly = (await provinceAdmin.get(`/api/documents/${nq.id}/gaps?depth=2`)).json();
    expect(draftOnly.missingOrgs.find((o: Json) => o.name === 'Thành ủy Dĩ An').documents[0]).toMatchObject({ status: 'draft' });
    for (const [client, id] of [
      [cityManager, cityPlan.id],
      [wardManager, wardPlan.id],
    ] as const) {
      const v = (await client.get(`/api/documents/${id}`)).json().version;
      expect((await client.post(`/api/documents/${id}/adopt`, { version: v })).statusCode).toBe(200);
    }
    const siblings = (await provinceAdmin.get(`/api/documents?implementsId=${nq.id}&orgId=${otherWard.id}`)).json().items;
    await provinceAdmin.post(`/api/documents/${siblings[0].id}/adopt`, { version: siblings[0].version });
    const direct = (await provinceAdmin.get(`/api/documents/${nq.id}/gaps`)).json();
    expect(direct).toMatchObject({ orgCount: 1, issuedCount: 1, missingCount: 0 });
    const deep = (await provinceAdmin.get(`/api/documents/${nq.id}/gaps?depth=2`)).json();
    expect(deep.missingOrgs.map((o: Json) => o.name)).toEqual(['Đảng ủy phường Tân Bình']);
    expect(deep.issuedOrgs.map((o: Json) => o.name).sort()).toEqual(['Thành ủy Dĩ An', 'Đảng ủy phường Dĩ An', 'Đảng ủy phường Đông Hòa']);
    expect(deep.untakenItems.map((i: Json) => i.itemId)).toEqual([breakthrough.id]);
    expect((await provinceAdmin.get(`/api/documents/${nq.id}/gaps?depth=9`)).statusCode).toBe(400);
    expect(ward2.id).toBeGreaterThan(0);
  });

  it('assigns a task to every ward under the city at once, skipping those that have it', async () => {
    const res = await provinceAdmin.post('/api/tasks/bulk', {
      itemId: breakthrough.id,
      underOrgId: city.id,
      orgKind: 'commune_committee',
      dueDate: '2025-06-30',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().created).toBe(3);
    expect(
      (await provinceAdmin.post('/api/tasks/bulk', { itemId: breakthrough.id, underOrgId: city.id, orgKind: 'commune_committee' })).json()
        .created,
    ).toBe(0);
    const mine = (await wardManager.get(`/api/tasks?itemId=${breakthrough.id}`)).json();
    expect(mine.items.map((t: Json) => t.leadOrgName)).toEqual(['Đảng ủy phường Dĩ An']);
    expect(
      (await wardManager.post('/api/tasks/bulk', { itemId: breakthrough.id, underOrgId: city.id, orgKind: 'commune_committee' }))
        .statusCode,
    ).toBe(403);
    const single = await cityManager.post('/api/tasks', {
      orgId: city.id,
      title: 'Rà soát kế hoạch các phường',
      leadOrgId: ward.id,
      partnerOrgIds: [ward2.id],
      headName: 'Bí thư Đảng ủy phường',
      startDate: '2021-01-01',
      dueDate: '2020-12-01',
    });
    expect(single.statusCode).toBe(400);
    const ok = await cityManager.post('/api/tasks', {
      orgId: city.id,
      title: 'Rà soát kế hoạch các phường',
      leadOrgId: ward.id,
      partnerOrgIds: [ward2.id],
      startDate: '2021-01-01',
      dueDate: '2021-03-31',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ leadOrgName: 'Đảng ủy phường Dĩ An', partnerOrgNames: ['Đảng ủy phường Tân Bình'] });
  });

  it('lists the tasks of one document by page, only those the caller may see', async () => {
    const first = (await provinceAdmin.get(`/api/tasks?documentId=${nq.id}&pageSize=2`)).json();
    expect(first).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(first.items).toHaveLength(2);
    const second = (await provinceAdmin.get(`/api/tasks?documentId=${nq.id}&pageSize=2&page=2`)).json();
    expect([...first.items, ...second.items].map((t: Json) => t.leadOrgName).sort()).toEqual([
      'Đảng ủy phường Dĩ An',
      'Đảng ủy phường Tân Bình',
      'Đảng ủy phường Đông Hòa',
    ]);
    expect((await wardManager.get(`/api/tasks?documentId=${nq.id}`)).json().total).toBe(1);
    expect((await outsider.get(`/api/tasks?documentId=${nq.id}`)).json().total).toBe(0);
    expect((await provinceAdmin.get('/api/tasks?documentId=abc')).statusCode).toBe(400);
    expect((await (await anonymous(app)).get(`/api/tasks?documentId=${nq.id}`)).statusCode).toBe(401);
  });

  it('finds documents and items by words without diacritics, exact diacritics first', async () => {
    const res = (await wardViewer.get(`/api/documents/search?q=${encodeURIComponent('thanh pho thong minh')}`)).json();
    expect(res[0]).toMatchObject({ type: 'item', itemId: breakthrough.id });
    const exact = (await wardViewer.get(`/api/documents/search?q=${encodeURIComponent('Kế hoạch')}`)).json();
    expect(exact[0].isExact).toBe(true);
  });
});

describe('files', () => {
  it('exports a Word file in the Party’s format', async () => {
    const doc = await newDocument(provinceAdmin, {
      orgId: province.id,
      kind: 'resolution',
      title: 'Đại hội đại biểu Đảng bộ tỉnh lần thứ XI',
      summary: 'Nghị quyết về phương hướng, nhiệm vụ nhiệm kỳ 2020-2025.',
      issueDate: '2020-10-15',
    });
    const part = await addItem(provinceAdmin, doc.id, { kind: 'part', text: 'Mục tiêu và chỉ tiêu' });
    await addItem(provinceAdmin, doc.id, {
      kind: 'target',
      parentItemId: part.id,
      text: 'GRDP tăng bình quân',
      target: { valueText: '8,5-8,7', unitText: '%/năm' },
    });
    const res = await provinceAdmin.get(`/api/documents/${doc.id}/export.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(xml).toContain(`Số ${doc.symbol}`);
    expect(xml).toContain('TỈNH ỦY BÌNH DƯƠNG');
    expect(xml).toContain('Bình Dương, ngày 15 tháng 10 năm 2020');
    expect(xml).toContain('NGHỊ QUYẾT');
    expect(xml).toContain('8,5–8,7%/năm');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:u w:val="single"\/>/);
    expect(xml).toMatch(/<w:i\/>/);
    expect(xml).toContain('<w:tbl>');
    const styles = await zip.file('word/styles.xml')!.async('string');
    expect(styles).toContain('Times New Roman');
  });

  it('exports items as .xlsx, previews an import row by row and writes all or nothing', async () => {
    const doc = await newDocument(wardManager, { orgId: ward.id, kind: 'plan', title: 'Kế hoạch nhập từ Excel' });
    const part = await addItem(wardManager, doc.id, { kind: 'part', text: 'Chỉ tiêu' });
    await addItem(wardManager, doc.id, {
      kind: 'target',
      parentItemId: part.id,
      text: 'Kết nạp đảng viên mới',
      target: { valueText: 'ít nhất 30', unitText: 'đảng viên', indicatorId: newMembers },
    });
    const exported = await wardManager.get(`/api/documents/${doc.id}/export.xlsx`);
    expect(exported.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(3).getCell(6).value).toBe('ít nhất 30');
    ws.getRow(3).getCell(6).value = '40-45';
    ws.addRow([3, 1, 'Chỉ tiêu', 'Tỷ lệ đảng viên học tập nghị quyết', 'STUDY_RATE', '100', '%']);
    ws.addRow([4, 9, 'Loại lạ', '', '', '', '']);
    const bad = multipartBody({}, { field: 'file', name: 'ke-hoach.xlsx', content: Buffer.from(await wb.xlsx.writeBuffer()) });
    const preview = await wardManager.request('POST', `/api/documents/${doc.id}/import`, bad.body, { 'content-type': bad.contentType });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().counts).toEqual({ create: 1, update: 1, unchanged: 1, error: 1 });
    const errorRow = preview.json().rows.find((r: Json) => r.action === 'error');
    expect(errorRow.errors.join(' ')).toMatch(/STT cha 9/);
    const refused = await wardManager.request('POST', `/api/documents/${doc.id}/import?commit=true`, bad.body, {
      'content-type': bad.contentType,
    });
    expect(refused.statusCode).toBe(400);
    expect((await wardManager.get(`/api/documents/${doc.id}`)).json().items).toHaveLength(2);

    ws.spliceRows(5, 1);
    const good = multipartBody({}, { field: 'file', name: 'ke-hoach.xlsx', content: Buffer.from(await wb.xlsx.writeBuffer()) });
    // `commit=false` previews: it used to be read as true and wrote the rows.
    const previewed = await wardManager.request('POST', `/api/documents/${doc.id}/import?commit=false`, good.body, {
      'content-type': good.contentType,
    });
    expect(previewed.statusCode, previewed.body).toBe(200);
    expect(previewed.json().counts).toMatchObject({ create: 1, error: 0 });
    expect((await wardManager.get(`/api/documents/${doc.id}`)).json().items).toHaveLength(2);
    const committed = await wardManager.request('POST', `/api/documents/${doc.id}/import?commit=true`, good.body, {
      'content-type': good.contentType,
    });
    expect(committed.statusCode, committed.body).toBe(200);
    const items = (await wardManager.get(`/api/documents/${doc.id}`)).json().items;
    expect(items.map((i: Json) => i.statement)).toEqual([null, '40–45 đảng viên', '100%']);
    expect(items[2].parentItemId).toBe(part.id);
  });

  it('attaches the signed PDF and serves it back', async () => {
    const doc = await newDocument(wardManager, { orgId: ward.id, kind: 'plan', title: 'Kế hoạch có tệp đính kèm' });
    const pdf = Buffer.from('%PDF-1.4 bản ký');
    const body = multipartBody({}, { field: 'file', name: 'kế-hoạch-đã-ký.pdf', content: pdf, type: 'application/pdf' });
    const res = await wardManager.request('POST', `/api/documents/${doc.id}/files`, body.body, { 'content-type': body.contentType });
    expect(res.statusCode, res.body).toBe(201);
    const back = await wardViewer.get(`/api/documents/${doc.id}/files/${res.json().id}`);
    expect(back.statusCode).toBe(200);
    expect(back.rawPayload.equals(pdf)).toBe(true);
  });
});

describe('indicators', () => {
  it('lists the catalog and extends it', async () => {
    const list = (await wardViewer.get('/api/indicators')).json();
    expect(list.map((i: Json) => i.code)).toEqual(
      expect.arrayContaining(['GRDP_GROWTH', 'STUDY_RATE', 'NEW_MEMBERS_NSE', 'PARTY_ORGS_NSE', 'MASS_ORGS']),
    );
    const created = await provinceAdmin.post('/api/indicators', {
      code: 'POVERTY_RATE',
      name: 'Tỷ lệ hộ nghèo',
      unit: '%',
      direction: 'lower_better',
      aggregation: 'rate',
    });
    expect(created.statusCode).toBe(201);
    expect(
      (
        await provinceAdmin.post('/api/indicators', {
          code: 'poverty_rate',
          name: 'Trùng',
          unit: '%',
          direction: 'lower_better',
          aggregation: 'rate',
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (await wardViewer.post('/api/indicators', { code: 'X_1', name: 'Không có quyền', direction: 'higher_better', aggregation: 'sum' }))
        .statusCode,
    ).toBe(403);
  });

  it('edits an indicator but not its code, with the version guarding concurrent edits', async () => {
    const created = (
      await provinceAdmin.post('/api/indicators', {
        code: 'FOREST_COVER',
        name: 'Tỷ lệ che phủ rừng',
        unit: '%',
        direction: 'higher_better',
        aggregation: 'rate',
      })
    ).json();
    const shared = await wardManager.patch(`/api/indicators/${created.id}`, { version: created.version, name: 'Tỷ lệ che phủ cây xanh' });
    expect(shared.statusCode).toBe(403);
    expect(shared.json().error.message).toMatch(/chỉ quản trị hệ thống được sửa/);
    const res = await provinceAdmin.patch(`/api/indicators/${created.id}`, {
      version: created.version,
      name: 'Tỷ lệ che phủ cây xanh',
      aggregation: 'average',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      code: 'FOREST_COVER',
      name: 'Tỷ lệ che phủ cây xanh',
      unit: '%',
      aggregation: 'average',
      version: created.version + 1,
    });
    expect((await provinceAdmin.patch(`/api/indicators/${created.id}`, { version: created.version, unit: 'ha' })).statusCode).toBe(409);
    const bad = await provinceAdmin.patch(`/api/indicators/${created.id}`, { version: created.version + 1, direction: 'sideways' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: Json) => f.field)).toContain('body.direction');
    expect(
      (await wardViewer.patch(`/api/indicators/${created.id}`, { version: created.version + 1, name: 'Không có quyền' })).statusCode,
    ).toBe(403);
    expect((await (await anonymous(app)).patch(`/api/indicators/${created.id}`, { version: 1, name: 'Ẩn danh' })).statusCode).toBe(401);
    expect((await provinceAdmin.patch('/api/indicators/999999', { version: 1, name: 'Không có' })).statusCode).toBe(404);
  });
});
