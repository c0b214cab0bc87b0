import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import { buildOrg, buildUser, type TestOrg } from '../../test/factories';
import { anonymous, buildTestApp, loginAs, type TestClient } from '../../test/http';
import { duplicateNumbers } from '../../../domain/terms';

let app: App;
let db: Db;
let drop: () => Promise<void>;
let city: TestOrg, ward: TestOrg, other: TestOrg;
let manager: TestClient, viewer: TestClient, wardManager: TestClient, outsider: TestClient;

const login = async (org: TestOrg, role: 'manager' | 'viewer') => {
  const u = await buildUser(db, [{ org, role }]);
  return loginAs(app, u.username, u.password);
};
const created = async (res: { statusCode: number; body: string; json: () => unknown }, status = 201) => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as Record<string, unknown> & { id: number; symbol: string; version: number };
};
const newDocument = async (client: TestClient, body: Record<string, unknown>) =>
  created(await client.post('/api/documents', { orgId: city.id, ...body }));
const addItem = async (docId: number, body: Record<string, unknown>) => created(await manager.post(`/api/documents/${docId}/items`, body));
const count = async (sql: string, params: unknown[] = []) => (await db.query<{ n: number }>(sql, params)).rows[0]!.n;

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
  city = await buildOrg(db, { name: 'Thành ủy Thành phố Hồ Chí Minh', kind: 'province_committee' });
  ward = await buildOrg(db, { parent: city, name: 'Đảng ủy phường Dĩ An', kind: 'commune_committee' });
  other = await buildOrg(db, { name: 'Tỉnh ủy Đồng Nai', kind: 'province_committee' });
  manager = await login(city, 'manager');
  viewer = await login(city, 'viewer');
  wardManager = await login(ward, 'manager');
  outsider = await login(other, 'manager');
}, 120_000);
afterAll(async () => drop());

describe('terms and congresses', () => {
  it('records an ended term and opens the new one with its congress; the open one is current', async () => {
    const old = await created(
      await manager.post(`/api/orgs/${city.id}/terms`, {
        startYear: 2020,
        endYear: 2025,
        startDate: '2020-10-15',
        endDate: '2025-06-30',
        congress: { ordinal: 11, startDate: '2020-10-13', endDate: '2020-10-15', delegates: 350, mode: 'in_person' },
      }),
    );
    expect(old).toMatchObject({ label: '2020-2025', status: 'closed', endDate: '2025-06-30' });
    const opened = await created(
      await manager.post(`/api/orgs/${city.id}/terms`, {
        startYear: 2025,
        endYear: 2030,
        startDate: '2025-10-15',
        congress: {
          ordinal: 1,
          startDate: '2025-10-13',
          endDate: '2025-10-15',
          delegates: 547,
          mode: 'hybrid',
          bridgePoints: ['TP.HCM', 'Bình Dương', 'Vũng Tàu', 'Côn Đảo'],
        },
      }),
    );
    expect(opened).toMatchObject({ label: '2025-2030', status: 'open', startYear: 2025, endYear: 2030 });
    const res = await viewer.get(`/api/orgs/${city.id}/terms`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.current.label).toBe('2025-2030');
    expect(body.current.congress).toMatchObject({
      ordinalText: 'I',
      delegates: 547,
      mode: 'hybrid',
      bridgePoints: ['TP.HCM', 'Bình Dương', 'Vũng Tàu', 'Côn Đảo'],
    });
    expect(body.items.map((t: { label: string }) => t.label)).toEqual(['2025-2030', '2020-2025']);
    expect(body.items[1].congress.ordinalText).toBe('XI');
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'term' AND org_id = $1`, [city.id])).toBe(2);
  });

  it('refuses bad input, another term with the same years, and callers without the right', async () => {
    const bad = await manager.post(`/api/orgs/${city.id}/terms`, { startYear: 2030, endYear: 2025, startDate: '2030-01-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('body.endYear');
    const points = await manager.post(`/api/orgs/${city.id}/terms`, {
      startYear: 2030,
      endYear: 2035,
      startDate: '2030-10-01',
      congress: { ordinal: 2, startDate: '2030-10-01', endDate: '2030-10-03', bridgePoints: ['A'] },
    });
    expect(points.json().error.details.fields[0].field).toBe('body.congress.bridgePoints');
    const again = await manager.post(`/api/orgs/${city.id}/terms`, { startYear: 2025, endYear: 2030, startDate: '2025-10-20' });
    expect(again.statusCode).toBe(409);
    expect((await (await anonymous(app)).get(`/api/orgs/${city.id}/terms`)).statusCode).toBe(401);
    expect((await viewer.post(`/api/orgs/${city.id}/terms`, { startYear: 2030, endYear: 2035, startDate: '2030-10-01' })).statusCode).toBe(
      403,
    );
    expect((await outsider.get(`/api/orgs/${city.id}/terms`)).statusCode).toBe(404);
    expect(
      (await outsider.post(`/api/orgs/${city.id}/terms`, { startYear: 2030, endYear: 2035, startDate: '2030-10-01' })).statusCode,
    ).toBe(404);
    expect(await count(`SELECT count(*)::int AS n FROM terms WHERE org_id = $1`, [city.id])).toBe(2);
  });
});

let oldResolution: { id: number; symbol: string; version: number };
let newResolution: { id: number; symbol: string; version: number };
let newProgram: { id: number; symbol: string; version: number };
let itemIds: { growth: number; rd: number; smart: number; doneTask: number };

describe('numbering restarts per issuing body, kind and term', () => {
  it('gives the city under the centre TU, and 01 again in the new term while the old numbers stay', async () => {
    oldResolution = await newDocument(manager, {
      kind: 'resolution',
      term: '2020-2025',
      title: 'Nghị quyết Đại hội Đảng bộ Thành phố lần thứ XI',
      issueDate: '2020-10-15',
    });
    const secondOld = await newDocument(manager, { kind: 'resolution', term: '2020-2025', title: 'Nghị quyết về chuyển đổi số' });
    newResolution = await newDocument(manager, {
      kind: 'resolution',
      term: '2025-2030',
      title: 'Nghị quyết Đại hội đại biểu Đảng bộ Thành phố lần thứ I',
    });
    newProgram = await newDocument(manager, {
      kind: 'action_program',
      term: '2025-2030',
      title: 'Chương trình hành động thực hiện Nghị quyết Đại hội lần thứ I',
      implementsIds: [newResolution.id],
    });
    expect([oldResolution.symbol, secondOld.symbol]).toEqual(['01-NQ/TU', '02-NQ/TU']);
    expect([newResolution.symbol, newProgram.symbol]).toEqual(['01-NQ/TU', '01-CTr/TU']);
    const { rows } = await db.query<{ symbol: string; term: string }>(
      `SELECT symbol, term FROM documents WHERE org_id = $1 AND term = '2020-2025' ORDER BY number`,
      [city.id],
    );
    expect(rows).toEqual([
      { symbol: '01-NQ/TU', term: '2020-2025' },
      { symbol: '02-NQ/TU', term: '2020-2025' },
    ]);
  });

  it('gives concurrent creations distinct numbers', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        newDocument(manager, { kind: 'plan', term: '2025-2030', title: `Kế hoạch số ${i + 1} của nhiệm kỳ mới` }),
      ),
    );
    const numbers = results.map((r) => Number(r.symbol.slice(0, 2))).sort((a, b) => a - b);
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const { rows } = await db.query<{ orgId: number; kind: 'plan'; term: string; number: number }>(
      `SELECT org_id AS "orgId", kind, term, number FROM documents WHERE org_id = $1`,
      [city.id],
    );
    expect(duplicateNumbers(rows)).toEqual([]);
  });
});

describe('carry-over into the new term', () => {
  beforeAll(async () => {
    const growth = await addItem(oldResolution.id, {
      kind: 'target',
      text: 'Tốc độ tăng trưởng GRDP bình quân',
      target: { valueText: '8,5-8,7', unitText: '%/năm' },
    });
    const rd = await addItem(oldResolution.id, {
      kind: 'target',
      text: 'Chi cho nghiên cứu và phát triển',
      target: { valueText: 'ít nhất 1', unitText: '% GRDP' },
    });
    const smart = await addItem(oldResolution.id, { kind: 'task', text: 'Xây dựng đô thị thông minh' });
    const doneItem = await addItem(oldResolution.id, { kind: 'task', text: 'Hoàn thành sắp xếp bộ máy' });
    itemIds = { growth: growth.id, rd: rd.id, smart: smart.id, doneTask: doneItem.id };
    await created(
      await manager.post('/api/tasks', {
        itemId: smart.id,
        title: 'Đô thị thông minh phường Dĩ An',
        leadOrgId: ward.id,
        dueDate: '2024-12-31',
      }),
    );
    await created(
      await manager.post('/api/tasks', { itemId: smart.id, title: 'Kết nối hạ tầng số', leadOrgId: city.id, dueDate: '2024-12-31' }),
    );
    const done = await created(
      await manager.post('/api/tasks', { itemId: doneItem.id, title: 'Sắp xếp bộ máy', leadOrgId: ward.id, dueDate: '2024-12-31' }),
    );
    expect((await manager.patch(`/api/tasks/${done.id}`, { version: done.version, status: 'done', progress: 100 })).statusCode).toBe(200);
    const adopt = await manager.post(`/api/documents/${oldResolution.id}/adopt`, {
      version: (await manager.get(`/api/documents/${oldResolution.id}`)).json().version,
      issueDate: '2020-10-15',
    });
    expect(adopt.statusCode, adopt.body).toBe(200);
  });

  it('lists the targets not reached and the tasks left unfinished at the end of the old term', async () => {
    const res = await viewer.get(`/api/documents/${oldResolution.id}/carry-over/candidates`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    // The recorded 2020–2025 term ended on 30/06/2025: the old term is judged on that day.
    expect(body.asOf).toBe('2025-06-30');
    expect(body.targets.map((t: { itemId: number }) => t.itemId)).toEqual([itemIds.growth, itemIds.rd]);
    expect(body.tasks).toHaveLength(1);
    expect(body.tasks[0]).toMatchObject({
      itemId: itemIds.smart,
      status: 'overdue',
      statusText: 'Quá hạn',
      tasks: { total: 2, unfinished: 2 },
    });
  });

  it('previews without writing, then commits in one transaction with links on both sides and an audit row', async () => {
    const body = { sourceDocumentId: oldResolution.id, targetDocumentId: newResolution.id, itemIds: [itemIds.rd, itemIds.smart] };
    const preview = await manager.post('/api/carry-overs/preview', body);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().items.map((i: { kind: string }) => i.kind)).toEqual(['target', 'task']);
    expect(await count('SELECT count(*)::int AS n FROM carry_overs')).toBe(0);
    const before = await count('SELECT count(*)::int AS n FROM document_items WHERE document_id = $1', [newResolution.id]);
    const done = await manager.post('/api/carry-overs', body);
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json().created).toHaveLength(2);
    expect(await count('SELECT count(*)::int AS n FROM document_items WHERE document_id = $1', [newResolution.id])).toBe(before + 2);
    // The carried target keeps its statement and indicator, not the old deadline.
    const { rows } = await db.query<{ comparator: string; value: number; unit: string; byYear: number | null }>(
      `SELECT i.comparator, i.value, i.unit, i.by_year AS "byYear" FROM carry_overs c JOIN document_items i ON i.id = c.new_item_id WHERE c.source_item_id = $1`,
      [itemIds.rd],
    );
    expect(rows[0]).toMatchObject({ comparator: '>=', value: 1, byYear: null });
    const newSide = (await viewer.get(`/api/documents/${newResolution.id}/carry-overs`)).json();
    expect(
      newSide.carriedFrom.map(
        (l: { sourceDocument: { symbol: string; term: string; orgName: string } }) =>
          `${l.sourceDocument.symbol} ${l.sourceDocument.orgName} ${l.sourceDocument.term}`,
      ),
    ).toEqual(['01-NQ/TU Thành ủy Thành phố Hồ Chí Minh 2020-2025', '01-NQ/TU Thành ủy Thành phố Hồ Chí Minh 2020-2025']);
    const oldSide = (await viewer.get(`/api/documents/${oldResolution.id}/carry-overs`)).json();
    expect(oldSide.carriedInto.map((l: { sourceItemId: number }) => l.sourceItemId)).toEqual([itemIds.rd, itemIds.smart]);
    const candidates = (await viewer.get(`/api/documents/${oldResolution.id}/carry-over/candidates`)).json();
    expect(candidates.targets.find((t: { itemId: number }) => t.itemId === itemIds.rd).carriedInto[0].symbol).toBe('01-NQ/TU');
    expect(
      await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'carry_over' AND entity_id = $1`, [String(newResolution.id)]),
    ).toBe(1);
  });

  it('refuses an item carried already, a foreign item, an empty choice and an older target term', async () => {
    const dup = await manager.post('/api/carry-overs', {
      sourceDocumentId: oldResolution.id,
      targetDocumentId: newResolution.id,
      itemIds: [itemIds.growth, itemIds.rd],
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details.reason).toBe('already_carried');
    const notCandidate = await manager.post('/api/carry-overs', {
      sourceDocumentId: oldResolution.id,
      targetDocumentId: newResolution.id,
      itemIds: [itemIds.doneTask],
    });
    expect(notCandidate.statusCode).toBe(400);
    expect(notCandidate.json().error.details.fields[0].field).toBe('body.itemIds.0');
    const empty = await manager.post('/api/carry-overs', {
      sourceDocumentId: oldResolution.id,
      targetDocumentId: newResolution.id,
      itemIds: [],
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details.fields[0].field).toBe('body.itemIds');
    const older = await newDocument(manager, { kind: 'scheme', term: '2020-2025', title: 'Đề án thành phố thông minh' });
    const backwards = await manager.post('/api/carry-overs', {
      sourceDocumentId: oldResolution.id,
      targetDocumentId: older.id,
      itemIds: [itemIds.growth],
    });
    expect(backwards.json().error.details.fields[0].field).toBe('body.targetDocumentId');
    expect(await count('SELECT count(*)::int AS n FROM carry_overs')).toBe(2);
  });

  it('answers 401, 403 for a caller who may not edit the new document, 404 outside scope, 409 into an adopted document', async () => {
    const body = { sourceDocumentId: oldResolution.id, targetDocumentId: newProgram.id, itemIds: [itemIds.growth] };
    expect((await (await anonymous(app)).post('/api/carry-overs', body)).statusCode).toBe(401);
    expect((await viewer.post('/api/carry-overs', body)).statusCode).toBe(403);
    // A ward reads the city's program but does not write into it.
    expect((await wardManager.post('/api/carry-overs', body)).statusCode).toBe(403);
    expect((await outsider.post('/api/carry-overs', body)).statusCode).toBe(404);
    const foreign = await newDocument(outsider, {
      orgId: other.id,
      kind: 'resolution',
      term: '2025-2030',
      title: 'Nghị quyết Đại hội Đảng bộ tỉnh Đồng Nai lần thứ I',
    });
    expect((await manager.post('/api/carry-overs', { ...body, targetDocumentId: foreign.id })).statusCode).toBe(404);
    expect((await outsider.get(`/api/documents/${oldResolution.id}/carry-over/candidates`)).statusCode).toBe(404);
    const doc = (await manager.get(`/api/documents/${newProgram.id}`)).json();
    expect(
      (await manager.post(`/api/documents/${newProgram.id}/adopt`, { version: doc.version, issueDate: '2025-12-01' })).statusCode,
    ).toBe(200);
    const locked = await manager.post('/api/carry-overs', body);
    expect(locked.statusCode).toBe(409);
    expect(await count('SELECT count(*)::int AS n FROM carry_overs')).toBe(2);
  });

  it('lets only one of two concurrent carries of the same item through', async () => {
    const body = { sourceDocumentId: oldResolution.id, targetDocumentId: newResolution.id, itemIds: [itemIds.growth] };
    const results = await Promise.all([manager.post('/api/carry-overs', body), manager.post('/api/carry-overs', body)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await count('SELECT count(*)::int AS n FROM carry_overs WHERE source_item_id = $1', [itemIds.growth])).toBe(1);
  });
});

describe('recording the congress of a term opened without one', () => {
  const congress = { ordinal: 1, startDate: '2025-08-20', endDate: '2025-08-21', delegates: 150, mode: 'in_person' as const };
  let term: { id: number; version: number };

  beforeAll(async () => {
    const opened = await created(
      await wardManager.post(`/api/orgs/${ward.id}/terms`, { startYear: 2025, endYear: 2030, startDate: '2025-08-21' }),
    );
    expect(opened.congress).toBeNull();
    term = { id: opened.id, version: opened.version };
  });

  it('refuses bad input with its field, callers without the right, outside scope and a stale version, writing nothing', async () => {
    const url = `/api/terms/${term.id}/congress`;
    const bad = await wardManager.post(url, { ...congress, endDate: '2025-08-19', version: term.version });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('body.endDate');
    const missing = await wardManager.post(url, { ...congress, ordinal: undefined, version: term.version });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.fields.map((f: { field: string }) => f.field)).toContain('body.ordinal');
    expect((await (await anonymous(app)).post(url, { ...congress, version: term.version })).statusCode).toBe(401);
    expect((await viewer.post(url, { ...congress, version: term.version })).statusCode).toBe(403);
    expect((await outsider.post(url, { ...congress, version: term.version })).statusCode).toBe(404);
    expect((await wardManager.post(`/api/terms/999999/congress`, { ...congress, version: 0 })).statusCode).toBe(404);
    expect((await wardManager.post(url, { ...congress, version: term.version + 1 })).statusCode).toBe(409);
    const foreign = await newDocument(manager, { kind: 'resolution', term: '2025-2030', title: 'Nghị quyết của Thành ủy' });
    const wrongDoc = await wardManager.post(url, { ...congress, resolutionDocumentId: foreign.id, version: term.version });
    expect(wrongDoc.statusCode).toBe(400);
    expect(wrongDoc.json().error.details.fields[0].field).toBe('body.resolutionDocumentId');
    expect(await count('SELECT count(*)::int AS n FROM congresses WHERE term_id = $1', [term.id])).toBe(0);
  });

  it('records it once, audited, when two offices send it at the same time', async () => {
    const url = `/api/terms/${term.id}/congress`;
    const results = await Promise.all([
      wardManager.post(url, { ...congress, version: term.version }),
      manager.post(url, { ...congress, version: term.version }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const ok = results.find((r) => r.statusCode === 201)!.json();
    expect(ok).toMatchObject({ id: term.id, version: term.version + 1 });
    expect(ok.congress).toMatchObject({
      ordinalText: 'I',
      startDate: '2025-08-20',
      endDate: '2025-08-21',
      delegates: 150,
      mode: 'in_person',
    });
    expect((await manager.get(`/api/orgs/${ward.id}/terms`)).json().current.congress.delegates).toBe(150);
    expect(
      await count(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'term' AND entity_id = $1 AND action = 'update'`, [term.id]),
    ).toBe(1);
    // A second congress for the same term is refused.
    expect((await manager.post(url, { ...congress, version: term.version + 1 })).statusCode).toBe(409);
  });
});
