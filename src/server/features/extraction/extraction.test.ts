import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import { buildOrg, buildUser, type TestOrg } from '../../test/factories';
import { anonymous, buildTestApp, loginAs, multipartBody, type TestClient } from '../../test/http';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let app: App;
let db: Db;
let drop: () => Promise<void>;
let province: TestOrg, ward: TestOrg, otherWard: TestOrg;
let wardManager: TestClient, wardViewer: TestClient, wardMember: TestClient, provinceAdmin: TestClient;

// Written for these tests in the manner of a provincial congress resolution.
const passage = [
  'Phấn đấu đến năm 2025: tốc độ tăng trưởng kinh tế (GRDP) bình quân đạt 8,5-8,7%/năm;',
  'tỉ trọng công nghiệp và dịch vụ chiếm trên 90% trong cơ cấu kinh tế; thu ngân sách nhà nước tăng bình quân 8%/năm;',
  'thu hút vốn đầu tư trực tiếp nước ngoài đạt trên 9 tỉ USD; đến năm 2025 có khoảng 80.000 doanh nghiệp đang hoạt động.',
].join(' ');

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
  province = await buildOrg(db, { name: 'Tỉnh ủy Bình Dương' });
  ward = await buildOrg(db, { parent: province, name: 'Đảng ủy phường Chánh Nghĩa', kind: 'commune_committee' });
  otherWard = await buildOrg(db, { parent: province, name: 'Đảng ủy phường Phú Cường', kind: 'commune_committee' });
  wardManager = await login([{ org: ward, role: 'manager' }]);
  wardViewer = await login([{ org: ward, role: 'viewer' }]);
  wardMember = await login([{ org: ward, role: 'member' }]);
  provinceAdmin = await login([{ org: province, role: 'admin' }]);
});
afterAll(async () => {
  await app.close();
  await drop();
});

async function login(grants: { org: TestOrg; role: 'admin' | 'manager' | 'viewer' | 'member' }[]) {
  const u = await buildUser(db, grants);
  return loginAs(app, u.username, u.password);
}

async function newPlan(client: TestClient, orgId: number, title = 'Kế hoạch thực hiện Nghị quyết Đại hội') {
  const res = await client.post('/api/documents', { orgId, kind: 'plan', term: '2020-2025', title });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Json;
}

async function itemsOf(docId: number): Promise<Json[]> {
  return (await provinceAdmin.get(`/api/documents/${docId}`)).json().items;
}

/** The proposal as the review table sends it back when the user accepts every row unchanged. */
function accepted(items: Json[]): Json[] {
  return items.map((i) => ({
    kind: i.kind,
    text: i.text,
    indicatorId: i.indicatorMatch?.id ?? null,
    indicatorName: i.indicator,
    comparator: i.comparator,
    value: i.value,
    valueMin: i.valueMin,
    valueMax: i.valueMax,
    unit: i.unit,
    perYear: i.perYear,
    byYear: i.byYear,
  }));
}

async function docxOf(paragraphs: string[]): Promise<Buffer> {
  const zip = new JSZip();
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${p}</w:t></w:r></w:p>`).join('');
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}

describe('POST /api/extract', () => {
  it('proposes the five economic targets with offsets into the text and their catalog indicators', async () => {
    const res = await wardViewer.post('/api/extract', { text: passage });
    expect(res.statusCode, res.body).toBe(200);
    const { text, items } = res.json() as { text: string; items: Json[] };
    expect(items.map((i) => i.kind)).toEqual(['target', 'target', 'target', 'target', 'target']);
    for (const i of items) expect(text.slice(i.start, i.end)).toBe(i.text);
    expect(items.map((i) => [i.comparator, i.value ?? [i.valueMin, i.valueMax], i.unit, i.perYear])).toEqual([
      ['range', [8.5, 8.7], '%', true],
      ['>', 90, '%', false],
      ['increase_by', 8, '%', true],
      ['>', 9, 'tỷ USD', false],
      ['approx', 80000, 'doanh nghiệp', false],
    ]);
    const { rows } = await db.query<{ id: number; code: string }>('SELECT id, code FROM indicators');
    const code = new Map(rows.map((r) => [r.id, r.code]));
    expect(items.map((i) => code.get(i.indicatorMatch?.id))).toEqual([
      'GRDP_GROWTH',
      'IND_SERV_SHARE',
      'BUDGET_GROWTH',
      'FDI',
      'ENTERPRISES',
    ]);
  });

  it('answers an empty list for a text with nothing to propose', async () => {
    const res = await wardViewer.post('/api/extract', { text: 'Hội nghị diễn ra trong không khí dân chủ, đoàn kết.' });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([]);
  });

  it('answers 400 naming body.text, 401 without a session, 403 for a role that cannot read documents', async () => {
    const bad = await wardViewer.post('/api/extract', { text: '   ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: Json) => f.field)).toContain('body.text');
    expect((await (await anonymous(app)).post('/api/extract', { text: passage })).statusCode).toBe(401);
    expect((await wardMember.post('/api/extract', { text: passage })).statusCode).toBe(403);
  });
});

describe('POST /api/extract/docx', () => {
  it('reads the text of a Word file and proposes its items', async () => {
    const { body, contentType } = multipartBody(
      {},
      { field: 'file', name: 'nghi-quyet.docx', content: await docxOf(['MỤC TIÊU CỤ THỂ', passage]) },
    );
    const res = await wardViewer.request('POST', '/api/extract/docx', body, { 'content-type': contentType });
    expect(res.statusCode, res.body).toBe(200);
    const json = res.json() as { text: string; items: Json[] };
    expect(json.text).toContain('MỤC TIÊU CỤ THỂ\n');
    expect(json.items.filter((i) => i.kind === 'target')).toHaveLength(5);
  });

  it('answers 400 naming body.file for a file that is not Word, 401 and 403 as the text route', async () => {
    const junk = multipartBody({}, { field: 'file', name: 'anh.docx', content: Buffer.from('not a zip') });
    const bad = await wardViewer.request('POST', '/api/extract/docx', junk.body, { 'content-type': junk.contentType });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: Json) => f.field)).toEqual(['body.file']);
    const ok = multipartBody({}, { field: 'file', name: 'nq.docx', content: await docxOf([passage]) });
    expect(
      (await (await anonymous(app)).request('POST', '/api/extract/docx', ok.body, { 'content-type': ok.contentType })).statusCode,
    ).toBe(401);
    expect((await wardMember.request('POST', '/api/extract/docx', ok.body, { 'content-type': ok.contentType })).statusCode).toBe(403);
  });
});

describe('POST /api/documents/:id/import-extracted', () => {
  it('adds the accepted targets with their values and matched indicators, and tasks and milestones', async () => {
    const doc = await newPlan(wardManager, ward.id);
    const proposal = (await wardManager.post('/api/extract', { text: passage })).json() as { items: Json[] };
    const items = [
      ...accepted(proposal.items),
      { kind: 'task', text: 'Nâng cao chất lượng sinh hoạt chi bộ khu phố' },
      { kind: 'breakthrough', text: 'Chuyển đổi số trong công tác đảng' },
      { kind: 'milestone', text: 'Đến năm 2030, phường trở thành đô thị thông minh', byYear: 2030 },
    ];
    const res = await wardManager.post(`/api/documents/${doc.id}/import-extracted`, { items });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().proposedIndicators).toEqual([]);
    const saved = await itemsOf(doc.id);
    expect(saved.map((i) => i.statement ?? i.kind)).toEqual([
      '8,5–8,7%/năm',
      'trên 90%',
      'tăng 8%/năm',
      'trên 9 tỷ USD',
      'khoảng 80.000 doanh nghiệp',
      'task',
      'breakthrough',
      'milestone',
    ]);
    expect(saved.map((i) => i.indicatorName).slice(0, 5)).toEqual([
      'Tốc độ tăng trưởng tổng sản phẩm trên địa bàn (GRDP)',
      'Tỷ trọng công nghiệp và dịch vụ trong GRDP',
      'Tốc độ tăng thu ngân sách',
      'Vốn đầu tư trực tiếp nước ngoài thu hút',
      'Số doanh nghiệp hoạt động',
    ]);
    expect(saved[0]).toMatchObject({ comparator: 'range', valueMin: 8.5, valueMax: 8.7, perYear: true, byYear: 2025 });
    expect(saved[7]).toMatchObject({ kind: 'milestone', milestoneYear: 2030 });
    const { rows } = await db.query(`SELECT 1 FROM audit_log WHERE entity = 'document' AND entity_id = $1 AND action = 'import_text'`, [
      String(doc.id),
    ]);
    expect(rows).toHaveLength(1);
  });

  it('keeps a numbered program’s sections: tasks and breakthroughs of their heading’s kind, sub-items under their parents', async () => {
    const doc = await newPlan(wardManager, ward.id, 'Chương trình hành động có mục đánh số');
    const program = [
      'III. NHIỆM VỤ TRỌNG TÂM',
      '1. Đẩy mạnh chuyển đổi số trong các cơ quan đảng',
      'a) Số hóa toàn bộ hồ sơ đảng viên trước năm 2026',
      'IV. KHÂU ĐỘT PHÁ',
      '1. Phát triển nguồn nhân lực chất lượng cao',
    ].join('\n');
    const proposal = (await wardManager.post('/api/extract', { text: program })).json() as { items: Json[] };
    const items = accepted(proposal.items).map((item, i) => {
      const parentStart = proposal.items[i]!.parentStart;
      const parentIndex = parentStart === null ? null : proposal.items.findIndex((p) => p.start === parentStart);
      return { ...item, parentIndex };
    });
    const before = (await db.query('SELECT count(*)::int AS n FROM indicators')).rows[0].n;
    const res = await wardManager.post(`/api/documents/${doc.id}/import-extracted`, { items });
    expect(res.statusCode, res.body).toBe(201);
    const { rows } = await db.query(
      `SELECT i.kind, i.text, p.text AS parent FROM document_items i LEFT JOIN document_items p ON p.id = i.parent_item_id WHERE i.document_id = $1 ORDER BY i.id`,
      [doc.id],
    );
    expect(rows).toEqual([
      { kind: 'task', text: 'Đẩy mạnh chuyển đổi số trong các cơ quan đảng', parent: null },
      { kind: 'task', text: 'Số hóa toàn bộ hồ sơ đảng viên trước năm 2026', parent: 'Đẩy mạnh chuyển đổi số trong các cơ quan đảng' },
      { kind: 'breakthrough', text: 'Phát triển nguồn nhân lực chất lượng cao', parent: null },
    ]);
    expect((await db.query('SELECT count(*)::int AS n FROM indicators')).rows[0].n).toBe(before);
  });

  it('answers 400 on a parent that does not come before its child', async () => {
    const doc = await newPlan(wardManager, ward.id, 'Kế hoạch có mục cha sai');
    const res = await wardManager.post(`/api/documents/${doc.id}/import-extracted`, {
      items: [{ kind: 'task', text: 'Nhiệm vụ thứ nhất của kế hoạch', parentIndex: 0 }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].field).toBe('body.items.0.parentIndex');
  });

  it('stores a strict comparator as written: "trên" stays above, "ít nhất" at least', async () => {
    const doc = await newPlan(wardManager, ward.id, 'Kế hoạch kết nạp đảng viên');
    const proposal = (
      await wardManager.post('/api/extract', {
        text: 'Kết nạp trên 1.500 đảng viên mới; tỷ lệ hộ nghèo dưới 2%; có ít nhất 40 chi bộ mới.',
      })
    ).json() as { items: Json[] };
    const res = await wardManager.post(`/api/documents/${doc.id}/import-extracted`, { items: accepted(proposal.items) });
    expect(res.statusCode, res.body).toBe(201);
    const { rows } = await db.query(`SELECT comparator, value::float AS value FROM document_items WHERE document_id = $1 ORDER BY id`, [
      doc.id,
    ]);
    expect(rows).toEqual([
      { comparator: '>', value: 1500 },
      { comparator: '<', value: 2 },
      { comparator: '>=', value: 40 },
    ]);
  });

  it('matches a new name to the catalog ignoring diacritics, or proposes it once without adding it to the catalog', async () => {
    const doc = await newPlan(wardManager, ward.id, 'Kế hoạch phát triển hợp tác xã');
    const target = { kind: 'target', comparator: '>=', value: 40, unit: 'hợp tác xã', perYear: false };
    const catalogBefore = (await wardManager.get('/api/indicators')).json() as Json[];
    const res = await wardManager.post(`/api/documents/${doc.id}/import-extracted`, {
      items: [
        { ...target, text: 'Số hợp tác xã thành lập mới đạt trên 40', indicatorName: 'Số hợp tác xã thành lập mới' },
        {
          ...target,
          text: 'Số hợp tác xã thành lập mới (năm 2024)',
          indicatorName: 'so hop tac xa thanh lap moi',
          byYear: 2024,
          value: 20,
        },
        { ...target, text: 'Số đảng viên mới kết nạp', indicatorName: 'so dang vien moi duoc ket nap', unit: 'đảng viên', value: 12 },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const proposed = res.json().proposedIndicators as Json[];
    expect(proposed.map((c) => c.name)).toEqual(['Số hợp tác xã thành lập mới']);
    const saved = await itemsOf(doc.id);
    expect(saved.map((i) => i.indicatorName)).toEqual([
      'Số hợp tác xã thành lập mới',
      'Số hợp tác xã thành lập mới',
      'Số đảng viên mới được kết nạp',
    ]);
    const { rows } = await db.query(
      `SELECT code, direction, aggregation, proposed_in_document_id::int AS doc FROM indicators WHERE id = $1`,
      [proposed[0]!.id],
    );
    expect(rows[0]).toEqual({ code: 'SO_HOP_TAC_XA_THANH_LAP_MOI', direction: 'higher_better', aggregation: 'none', doc: doc.id });
    // The shared catalog (and so every other document's Excel guide) does not show it.
    const catalogAfter = (await wardManager.get('/api/indicators')).json() as Json[];
    expect(catalogAfter.map((i) => i.id)).toEqual(catalogBefore.map((i) => i.id));
    const audit = await db.query(`SELECT action FROM audit_log WHERE entity = 'indicator' AND entity_id = $1`, [proposed[0]!.id]);
    expect(audit.rows).toEqual([{ action: 'propose' }]);
  });

  it('writes nothing and answers 400 naming the item’s field when one item is wrong', async () => {
    const doc = await newPlan(wardManager, ward.id, 'Kế hoạch có một dòng sai');
    const before = (await db.query('SELECT count(*)::int AS n FROM indicators')).rows[0].n;
    const res = await wardManager.post(`/api/documents/${doc.id}/import-extracted`, {
      items: [
        {
          kind: 'target',
          text: 'Chỉ tiêu mới hoàn toàn',
          indicatorName: 'Số mô hình dân vận khéo',
          comparator: '>=',
          value: 10,
          unit: 'mô hình',
        },
        {
          kind: 'target',
          text: 'Tốc độ tăng trưởng',
          indicatorName: 'GRDP',
          comparator: 'range',
          valueMin: 9,
          valueMax: 8,
          unit: '%',
          perYear: true,
        },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].field).toMatch(/^body\.items\.1\.value(Min|Max)$/);
    expect(await itemsOf(doc.id)).toEqual([]);
    expect((await db.query('SELECT count(*)::int AS n FROM indicators')).rows[0].n).toBe(before);
    const shape = await wardManager.post(`/api/documents/${doc.id}/import-extracted`, { items: [{ kind: 'chi_tieu', text: '' }] });
    expect(shape.statusCode).toBe(400);
    expect(shape.json().error.details.fields.map((f: Json) => f.field)).toEqual(
      expect.arrayContaining(['body.items.0.kind', 'body.items.0.text']),
    );
    const none = await wardManager.post(`/api/documents/${doc.id}/import-extracted`, { items: [] });
    expect(none.json().error.details.fields.map((f: Json) => f.field)).toEqual(['body.items']);
  });

  it('answers 401 without a session, 403 for a viewer, 404 outside the scope', async () => {
    const doc = await newPlan(wardManager, ward.id, 'Kế hoạch của phường');
    const body = { items: [{ kind: 'task', text: 'Một nhiệm vụ' }] };
    expect((await (await anonymous(app)).post(`/api/documents/${doc.id}/import-extracted`, body)).statusCode).toBe(401);
    expect((await wardViewer.post(`/api/documents/${doc.id}/import-extracted`, body)).statusCode).toBe(403);
    const other = await newPlan(provinceAdmin, otherWard.id, 'Kế hoạch của phường khác');
    expect((await wardManager.post(`/api/documents/${other.id}/import-extracted`, body)).statusCode).toBe(404);
    expect((await wardManager.post('/api/documents/999999/import-extracted', body)).statusCode).toBe(404);
    expect(await itemsOf(doc.id)).toEqual([]);
  });

  it('refuses an adopted document with 409 and a Vietnamese message', async () => {
    const doc = await newPlan(wardManager, ward.id, 'Kế hoạch đã ban hành');
    expect((await wardManager.post(`/api/documents/${doc.id}/adopt`, { version: doc.version })).statusCode).toBe(200);
    const res = await wardManager.post(`/api/documents/${doc.id}/import-extracted`, { items: [{ kind: 'task', text: 'Một nhiệm vụ' }] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/đã ban hành/);
  });
});

describe('indicator proposals', () => {
  let otherAdmin: TestClient;
  let wardAdmin: TestClient;
  beforeAll(async () => {
    wardAdmin = await login([{ org: ward, role: 'admin' }]);
    otherAdmin = await login([{ org: otherWard, role: 'admin' }]);
  });

  /** A plan of the ward with one target on a newly proposed indicator; returns the proposal. */
  async function propose(name: string, unit = '%'): Promise<Json> {
    const doc = await newPlan(wardManager, ward.id, `Kế hoạch có chỉ số ${name}`);
    const res = await wardManager.post(`/api/documents/${doc.id}/import-extracted`, {
      items: [{ kind: 'target', text: `${name} đạt 60%`, indicatorName: name, comparator: '=', value: 60, unit }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const list = (await provinceAdmin.get('/api/indicator-proposals')).json() as Json[];
    return { ...list.find((p) => p.id === res.json().proposedIndicators[0].id)!, docId: doc.id };
  }

  it('lists the proposals of the administrator’s subtree with the document and likely catalog matches', async () => {
    const proposal = await propose('Tỷ lệ đảng viên học tập chuyên đề nghị quyết');
    expect(proposal).toMatchObject({
      name: 'Tỷ lệ đảng viên học tập chuyên đề nghị quyết',
      unit: '%',
      orgName: 'Đảng ủy phường Chánh Nghĩa',
      targetCount: 1,
      version: 1,
    });
    expect(proposal.suggestions[0]).toMatchObject({ name: 'Tỷ lệ đảng viên được nghiên cứu, học tập, quán triệt nghị quyết' });
    expect(proposal.suggestions[0].score).toBeGreaterThan(0);
    expect(((await wardAdmin.get('/api/indicator-proposals')).json() as Json[]).some((p) => p.id === proposal.id)).toBe(true);
    expect(((await otherAdmin.get('/api/indicator-proposals')).json() as Json[]).some((p) => p.id === proposal.id)).toBe(false);
  });

  it('accepts a proposal into the catalog under a new name, audited, once', async () => {
    const proposal = await propose('Tỷ lệ chi bộ có sinh hoạt chuyên đề');
    const res = await provinceAdmin.post(`/api/indicator-proposals/${proposal.id}/accept`, {
      version: proposal.version,
      name: 'Tỷ lệ chi bộ sinh hoạt chuyên đề hằng quý',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: proposal.id, name: 'Tỷ lệ chi bộ sinh hoạt chuyên đề hằng quý', version: 2 });
    const catalog = (await wardManager.get('/api/indicators')).json() as Json[];
    expect(catalog.some((i) => i.id === proposal.id)).toBe(true);
    const audit = await db.query(
      `SELECT action, summary, org_id::int AS org FROM audit_log WHERE entity = 'indicator' AND entity_id = $1 ORDER BY id`,
      [proposal.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['propose', 'accept']);
    expect(audit.rows[1]).toMatchObject({
      org: ward.id,
      summary: 'Nhận chỉ số Tỷ lệ chi bộ có sinh hoạt chuyên đề vào danh mục với tên Tỷ lệ chi bộ sinh hoạt chuyên đề hằng quý',
    });
    const again = await provinceAdmin.post(`/api/indicator-proposals/${proposal.id}/accept`, { version: 2 });
    expect(again.statusCode).toBe(404);
  });

  it('merges a proposal into a catalog indicator: its targets move there and the proposal is gone', async () => {
    const proposal = await propose('Tỷ lệ đảng viên học tập nghị quyết mới');
    const into = ((await wardManager.get('/api/indicators')).json() as Json[]).find((i) => i.code === 'STUDY_RATE')!;
    const res = await wardAdmin.post(`/api/indicator-proposals/${proposal.id}/merge`, { version: proposal.version, indicatorId: into.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ indicatorId: into.id, movedTargets: 1 });
    expect((await itemsOf(proposal.docId)).map((i) => i.indicatorName)).toEqual([into.name]);
    expect((await db.query('SELECT 1 FROM indicators WHERE id = $1', [proposal.id])).rows).toEqual([]);
    const audit = await db.query(`SELECT action FROM audit_log WHERE entity = 'indicator' AND entity_id = $1 ORDER BY id`, [proposal.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['propose', 'merge']);
  });

  it('answers 400 naming the field, 409 on a stale version or a name the catalog has, 401, 403 for a manager, 404 outside the subtree', async () => {
    const proposal = await propose('Số mô hình dân vận khéo cấp phường', 'mô hình');
    const url = `/api/indicator-proposals/${proposal.id}`;
    const bad = await provinceAdmin.post(`${url}/accept`, { version: proposal.version, name: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('body.name');
    const notCatalog = await provinceAdmin.post(`${url}/merge`, { version: proposal.version, indicatorId: proposal.id });
    expect(notCatalog.statusCode).toBe(400);
    expect(notCatalog.json().error.details.fields[0].field).toBe('body.indicatorId');
    expect((await provinceAdmin.post(`${url}/accept`, { version: proposal.version + 5 })).statusCode).toBe(409);
    const taken = await provinceAdmin.post(`${url}/accept`, { version: proposal.version, name: 'số đảng viên mới được kết nạp' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.message).toMatch(/hãy gộp/);
    expect((await (await anonymous(app)).get('/api/indicator-proposals')).statusCode).toBe(401);
    expect((await wardManager.get('/api/indicator-proposals')).statusCode).toBe(403);
    expect((await wardManager.post(`${url}/accept`, { version: proposal.version })).statusCode).toBe(403);
    expect((await otherAdmin.post(`${url}/accept`, { version: proposal.version })).statusCode).toBe(404);
    expect((await otherAdmin.post(`${url}/merge`, { version: proposal.version, indicatorId: 1 })).statusCode).toBe(404);
    const { rows } = await db.query('SELECT version, proposed_in_document_id IS NOT NULL AS pending FROM indicators WHERE id = $1', [
      proposal.id,
    ]);
    expect(rows[0]).toEqual({ version: 1, pending: true });
  });
});
