/**
 * Editing an enterprise of the register (versioned, audited, scoped) and the introducer picker
 * of the admission steps: every role, outside the scope, invalid input; an edit that moves an
 * approved figure ("tổ chức đảng thành lập trong doanh nghiệp ngoài nhà nước") flags the report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import { buildDocument, buildItem, buildMember, buildOrg, buildReport, buildUser, type TestOrg } from '../../test/factories';
import { anonymous, buildTestApp, loginAs, type TestClient } from '../../test/http';

let app: App;
let db: Db;
let drop: () => Promise<void>;
let province: TestOrg, bloc: TestOrg, cell: TestOrg, otherCell: TestOrg, otherProvince: TestOrg;
let manager: TestClient, viewer: TestClient, reporter: TestClient, approver: TestClient, otherManager: TestClient, cellManager: TestClient;
let enterpriseId: number, reportId: number, candidateId: number;
let officials: number[];

const ok = <T = Record<string, unknown>>(res: { statusCode: number; body: string; json: () => unknown }, status = 200) => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
};
const login = async (org: TestOrg, role: 'manager' | 'viewer' | 'approver' | 'reporter') => {
  const u = await buildUser(db, [{ org, role }]);
  return loginAs(app, u.username, u.password);
};
type Enterprise = { id: number; version: number; name: string; ownership: string; partyOrgFounded: string | null };
const body = (version: number, over: Record<string, unknown> = {}) => ({
  name: 'Công ty TNHH May Việt Thắng',
  taxCode: '3700123456',
  ownership: 'non_state',
  partyOrgId: cell.id,
  partyOrgFounded: '2023-05-20',
  tradeUnionFounded: '2022-03-01',
  youthUnionFounded: null,
  version,
  ...over,
});
const versionOf = async () =>
  (await db.query<{ version: number }>('SELECT version FROM enterprises WHERE id = $1', [enterpriseId])).rows[0]!.version;

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
  province = await buildOrg(db, { id: 710, name: 'Tỉnh ủy Bình Dương', kind: 'province_committee' });
  bloc = await buildOrg(db, { parent: province, name: 'Đảng ủy Khối Các cơ quan và doanh nghiệp', kind: 'bloc_committee' });
  cell = await buildOrg(db, { parent: bloc, name: 'Chi bộ Công ty May Việt Thắng', kind: 'cell' });
  otherCell = await buildOrg(db, { parent: bloc, name: 'Chi bộ Công ty Gỗ Minh Phát', kind: 'cell' });
  otherProvince = await buildOrg(db, { id: 810, name: 'Tỉnh ủy Đồng Nai', kind: 'province_committee' });
  manager = await login(province, 'manager');
  viewer = await login(province, 'viewer');
  reporter = await login(bloc, 'reporter');
  approver = await login(province, 'approver');
  otherManager = await login(otherProvince, 'manager');
  cellManager = await login(otherCell, 'manager');

  enterpriseId = ok<{ id: number }>(await manager.post('/api/registry/enterprises', { ...body(0), orgId: bloc.id }), 201).id;
  // The bloc's 2023 report, approved, said one party org was founded in a non-state enterprise.
  const doc = await buildDocument(db, bloc, { term: '2020-2025', symbol: '05-NQ/ĐUK' });
  const item = await buildItem(db, doc.id, {
    kind: 'target',
    text: 'Thành lập 20 tổ chức đảng',
    indicator: 'PARTY_ORGS_NSE',
    comparator: '>=',
    value: 20,
  });
  reportId = (
    await buildReport(db, doc, bloc, { periodType: 'year', periodKey: '2023', periodStart: '2023-01-01', periodEnd: '2023-12-31' })
  ).id;
  await db.query(`INSERT INTO report_target_values (report_id, item_id, value) VALUES ($1, $2, 1)`, [reportId, item]);
  await db.query(`UPDATE reports SET status = 'approved', approved_at = now() WHERE id = $1`, [reportId]);

  officials = [];
  for (const name of ['Lê Văn Giới', 'Phạm Thị Thiệu']) officials.push((await buildMember(db, cell, { fullName: name })).id);
  const probationary = await buildMember(db, cell, { fullName: 'Ngô Văn Dự' });
  await db.query(`UPDATE members SET status = 'probationary' WHERE id = $1`, [probationary.id]);
  await buildMember(db, otherCell, { fullName: 'Đinh Văn Khác' });
  candidateId = ok<{ id: number }>(
    await manager.post('/api/registry/candidates', {
      orgId: cell.id,
      fullName: 'Trần Thị Bình',
      gender: 'female',
      birthDate: '1998-05-01',
    }),
    201,
  ).id;
}, 180_000);
afterAll(async () => drop());

describe('PUT /registry/enterprises/:id', () => {
  it('saves the edit with a new version, audited', async () => {
    const res = ok<{ enterprise: Enterprise; reapprovals: unknown[] }>(
      await manager.put(`/api/registry/enterprises/${enterpriseId}`, body(await versionOf(), { name: 'Công ty TNHH May mặc Việt Thắng' })),
    );
    expect(res.enterprise).toMatchObject({ name: 'Công ty TNHH May mặc Việt Thắng', version: 2 });
    expect(res.reapprovals).toEqual([]);
    const audit = await db.query(
      `SELECT before, after FROM audit_log WHERE entity = 'enterprise' AND action = 'update' AND entity_id = $1`,
      [String(enterpriseId)],
    );
    expect(audit.rows).toHaveLength(1);
    expect((audit.rows[0] as { before: { name: string } }).before.name).toBe('Công ty TNHH May Việt Thắng');
  });

  it('flags the approved report whose figure the new founding date moves, with the difference and the approvers', async () => {
    const res = ok<{
      reapprovals: { reportId: number; approvers: { orgName: string }; differences: { before: number; after: number }[] }[];
    }>(await manager.put(`/api/registry/enterprises/${enterpriseId}`, body(await versionOf(), { partyOrgFounded: '2024-02-01' })));
    expect(res.reapprovals).toHaveLength(1);
    expect(res.reapprovals[0]).toMatchObject({ reportId, approvers: { orgName: 'Tỉnh ủy Bình Dương' } });
    expect(res.reapprovals[0]!.differences).toEqual([expect.objectContaining({ before: 1, after: 0, reported: 1 })]);
    const report = ok<{ reapprovals: unknown[] }>(await approver.get(`/api/reports/${reportId}`));
    expect(report.reapprovals).toHaveLength(1);
  });

  it('answers 400 naming the field, 409 on a stale version or a taken tax code', async () => {
    const v = await versionOf();
    const bad = await manager.put(`/api/registry/enterprises/${enterpriseId}`, body(v, { taxCode: '12AB' }));
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('taxCode');
    const future = await manager.put(`/api/registry/enterprises/${enterpriseId}`, body(v, { tradeUnionFounded: '2999-01-01' }));
    expect(future.json().error.details.fields[0].field).toBe('body.tradeUnionFounded');
    const outside = await manager.put(`/api/registry/enterprises/${enterpriseId}`, body(v, { partyOrgId: otherProvince.id }));
    expect(outside.json().error.details.fields[0].field).toBe('body.partyOrgId');
    expect((await manager.put(`/api/registry/enterprises/${enterpriseId}`, body(v - 1))).statusCode).toBe(409);
    ok(await manager.post('/api/registry/enterprises', { ...body(0), taxCode: '3700999999', orgId: bloc.id }), 201);
    const taken = await manager.put(`/api/registry/enterprises/${enterpriseId}`, body(v, { taxCode: '3700999999' }));
    expect(taken.statusCode).toBe(409);
    expect(await versionOf()).toBe(v);
  });

  it('is refused to a viewer and a reporter (403), outside the scope (404), without a session (401)', async () => {
    const v = await versionOf();
    expect((await viewer.put(`/api/registry/enterprises/${enterpriseId}`, body(v))).statusCode).toBe(403);
    expect((await reporter.put(`/api/registry/enterprises/${enterpriseId}`, body(v))).statusCode).toBe(403);
    expect((await approver.put(`/api/registry/enterprises/${enterpriseId}`, body(v))).statusCode).toBe(403);
    // A cell's manager does not reach the bloc's register; another province does not see it.
    expect((await cellManager.put(`/api/registry/enterprises/${enterpriseId}`, body(v))).statusCode).toBe(404);
    expect((await otherManager.put(`/api/registry/enterprises/${enterpriseId}`, body(v))).statusCode).toBe(404);
    expect((await manager.put('/api/registry/enterprises/999999999', body(v))).statusCode).toBe(404);
    expect((await (await anonymous(app)).put(`/api/registry/enterprises/${enterpriseId}`, body(v))).statusCode).toBe(401);
    expect(await versionOf()).toBe(v);
  });
});

describe('GET /registry/candidates/:id/introducer-options', () => {
  it('offers the official members of the candidate’s cell only, and the save takes two of them', async () => {
    const res = ok<{ items: { id: number; fullName: string }[] }>(
      await manager.get(`/api/registry/candidates/${candidateId}/introducer-options`),
    );
    expect(res.items.map((m) => m.fullName)).toEqual(['Lê Văn Giới', 'Phạm Thị Thiệu']);
    expect(ok<{ items: unknown[] }>(await viewer.get(`/api/registry/candidates/${candidateId}/introducer-options`)).items).toHaveLength(2);
    let c = ok<{ version: number }>(await manager.get(`/api/registry/candidates/${candidateId}`));
    c = ok(await manager.post(`/api/registry/candidates/${candidateId}/steps`, { step: 'course', date: '2024-01-05', version: c.version }));
    const saved = ok<{ introducers: { id: number }[] }>(
      await manager.post(`/api/registry/candidates/${candidateId}/steps`, {
        step: 'introduction',
        date: '2024-01-20',
        introducerIds: res.items.map((m) => m.id),
        version: c.version,
      }),
    );
    expect(saved.introducers.map((i) => i.id).sort()).toEqual([...officials].sort());
  });

  it('is 404 outside the scope, 400 for a bad id, 401 without a session', async () => {
    expect((await otherManager.get(`/api/registry/candidates/${candidateId}/introducer-options`)).statusCode).toBe(404);
    expect((await cellManager.get(`/api/registry/candidates/${candidateId}/introducer-options`)).statusCode).toBe(404);
    expect((await manager.get('/api/registry/candidates/abc/introducer-options')).statusCode).toBe(400);
    expect((await (await anonymous(app)).get(`/api/registry/candidates/${candidateId}/introducer-options`)).statusCode).toBe(401);
  });
});
