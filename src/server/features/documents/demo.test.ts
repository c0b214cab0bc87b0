import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/pool';
import { openDemo } from '../../test/demo';
import type { TestClient } from '../../test/http';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let db: Db;
let admin: TestClient;

const docBySymbolOrg = async (title: string) => {
  const { rows } = await db.query<{ id: number }>('SELECT id FROM documents WHERE title LIKE $1', [`${title}%`]);
  return rows[0]!.id;
};

let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, admin, close } = await openDemo('old-tree'));
}, 300_000); // includes waiting for another file to build the demo template (test/db.ts)
afterAll(async () => close());

describe('the demo documents', () => {
  it('holds the Bình Dương XI resolution with its five economic targets and four breakthroughs', async () => {
    const id = await docBySymbolOrg('Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Bình Dương lần thứ XI');
    const doc = (await admin.get(`/api/documents/${id}`)).json();
    expect(doc.symbol).toBe('01-NQ/TU');
    expect(doc.items.filter((i: Json) => i.kind === 'target').map((i: Json) => i.statement)).toEqual([
      '8,5–8,7%/năm',
      'trên 90%',
      'tăng 8%/năm',
      'trên 9 tỷ USD',
      'khoảng 80.000 doanh nghiệp',
    ]);
    expect(doc.items.filter((i: Json) => i.kind === 'breakthrough')).toHaveLength(4);
    expect(doc.items.filter((i: Json) => i.kind === 'milestone').map((i: Json) => i.milestoneYear)).toEqual([2030, 2045]);
  });

  it('flags the weaker target and adds up the new-member quota of the bloc', async () => {
    const id = await docBySymbolOrg('Nghị quyết Đại hội đại biểu Đảng bộ Khối');
    const doc = (await admin.get(`/api/documents/${id}`)).json();
    expect(doc.symbol).toBe('01-NQ/ĐUK');
    const good = doc.items.find((i: Json) => i.indicatorName?.startsWith('Tỷ lệ đảng viên hoàn thành tốt'));
    const view = (await admin.get(`/api/items/${good.id}/concretizations`)).json();
    expect(view.children.find((c: Json) => c.isWeaker)?.orgName).toBe('Đảng bộ Sở Xây dựng');
    const ctr2 = (await admin.get(`/api/documents?implementsId=${id}&kind=action_program`)).json().items;
    expect(ctr2.map((d: Json) => d.symbol).sort()).toEqual(['01-CTr/ĐUK', '02-CTr/ĐUK']);
  });

  it('leaves gaps on purpose: grassroots of the bloc without a plan, Dĩ An wards without one', async () => {
    const bloc = await docBySymbolOrg('Nghị quyết Đại hội đại biểu Đảng bộ Khối');
    const gaps = (await admin.get(`/api/documents/${bloc}/gaps`)).json();
    expect(gaps.issuedCount).toBe(3);
    expect(gaps.missingCount).toBeGreaterThan(10);
    const bd = await docBySymbolOrg('Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Bình Dương lần thứ XI');
    const deep = (await admin.get(`/api/documents/${bd}/gaps?depth=2`)).json();
    expect(deep.missingOrgs.map((o: Json) => o.name)).toContain('Đảng ủy phường Bình Thắng');
    expect(deep.untakenItems.length).toBeGreaterThan(0);
  });

  it('asks a plan of party organizations, and of a state agency only when the document assigns it a task', async () => {
    const bd = await docBySymbolOrg('Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Bình Dương lần thứ XI');
    const listed = (g: Json) => [...g.missingOrgs, ...g.issuedOrgs] as Json[];
    const before = (await admin.get(`/api/documents/${bd}/gaps`)).json();
    const names = listed(before).map((o) => o.name);
    expect(names).not.toContain('Bưu điện tỉnh Bình Dương');
    expect(names).not.toContain('Sở Xây dựng tỉnh Bình Dương');
    expect(listed(before).every((o) => o.reason === 'party_org' && o.kind !== 'agency')).toBe(true);
    expect(before.orgCount).toBe(before.issuedCount + before.missingCount);

    const { rows } = await db.query<{ id: number }>("SELECT id FROM orgs WHERE code = 'BD.SXD'");
    const doc = (await admin.get(`/api/documents/${bd}`)).json();
    const breakthrough = doc.items.find((i: Json) => i.kind === 'breakthrough');
    const res = await admin.post('/api/tasks', { itemId: breakthrough.id, title: 'Phát triển hạ tầng đô thị', leadOrgId: rows[0]!.id });
    expect(res.statusCode, res.body).toBe(201);
    const after = (await admin.get(`/api/documents/${bd}/gaps`)).json();
    expect(after.missingOrgs.find((o: Json) => o.name === 'Sở Xây dựng tỉnh Bình Dương')).toMatchObject({
      reason: 'assigned',
      kind: 'agency',
    });
    expect(after.orgCount).toBe(before.orgCount + 1);
  });
});
