import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import { buildDocument, buildMember, buildOrg, buildTask, buildUser, type TestOrg } from '../../test/factories';
import { anonymous as anonymousClient, buildTestApp, loginAs, type TestClient } from '../../test/http';

// Three provincial party organizations become one on 01/07/2025 (QĐ 321-QĐ/TW): Bình Dương and
// Bà Rịa - Vũng Tàu merge into TP.HCM. Small trees stand in for them.

let app: App;
let db: Db;
let drop: () => Promise<void>;
let central: TestOrg,
  bd: TestOrg,
  vt: TestOrg,
  hcm: TestOrg,
  bdWard: TestOrg,
  vtWard: TestOrg,
  hcmWard: TestOrg,
  bdCell: TestOrg,
  bdCell2: TestOrg,
  vtCell: TestOrg,
  hcmCell: TestOrg;
let admin: TestClient, bdManager: TestClient, viewer: TestClient, anonymous: TestClient;
let bdManagerRoleId: number, bdOtherRoleId: number, bdManagerUserId: number, taskId: number, explanationId: number;
const decision = 'Quyết định số 321-QĐ/TW ngày 12/6/2025 của Bộ Chính trị';
const day = '2025-07-01';

const merge = (extra: Record<string, unknown> = {}) => ({
  kind: 'merge',
  effectiveDate: day,
  decision,
  sourceOrgIds: [bd.id, vt.id],
  targetOrgIds: [hcm.id],
  ...extra,
});

async function ownValue(org: TestOrg, code: string, periodKey: string, v: { value?: number; numerator?: number; denominator?: number }) {
  await db.query(
    `INSERT INTO org_indicator_values (indicator_id, org_id, period_key, period_end, value, numerator, denominator)
     SELECT id, $1, $2, '2025-03-31', $3, $4, $5 FROM indicators WHERE code = $6`,
    [org.id, periodKey, v.value ?? null, v.numerator ?? null, v.denominator ?? null, code],
  );
}

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
  central = await buildOrg(db, { name: 'Trung ương', kind: 'central' });
  bd = await buildOrg(db, { parent: central, name: 'Tỉnh ủy Bình Dương', kind: 'province_committee' });
  vt = await buildOrg(db, { parent: central, name: 'Tỉnh ủy Bà Rịa - Vũng Tàu', kind: 'province_committee' });
  hcm = await buildOrg(db, { parent: central, name: 'Thành ủy Thành phố Hồ Chí Minh', kind: 'province_committee' });
  bdWard = await buildOrg(db, { parent: bd, name: 'Đảng ủy phường Dĩ An', kind: 'commune_committee' });
  vtWard = await buildOrg(db, { parent: vt, name: 'Đảng ủy phường Vũng Tàu', kind: 'commune_committee' });
  hcmWard = await buildOrg(db, { parent: hcm, name: 'Đảng ủy phường Sài Gòn', kind: 'commune_committee' });
  bdCell = await buildOrg(db, { parent: bdWard, name: 'Chi bộ khu phố 1' });
  bdCell2 = await buildOrg(db, { parent: bdWard, name: 'Chi bộ khu phố 2' });
  vtCell = await buildOrg(db, { parent: vtWard, name: 'Chi bộ khu phố Thắng Tam' });
  hcmCell = await buildOrg(db, { parent: hcmWard, name: 'Chi bộ khu phố Bến Thành' });
  for (const [cell, n] of [
    [bdCell, 3],
    [bdCell2, 2],
    [vtCell, 2],
    [hcmCell, 1],
  ] as const)
    for (let i = 0; i < n; i++) await buildMember(db, cell);
  // The tree has stood since 2020.
  await db.query(`UPDATE orgs SET valid_from = '2020-01-01'`);
  await db.query(`UPDATE org_versions SET valid_from = '2020-01-01'`);
  await ownValue(bdWard, 'NEW_MEMBERS', '2025-Q1', { value: 10 });
  await ownValue(vtWard, 'NEW_MEMBERS', '2025-Q1', { value: 5 });
  await ownValue(hcmWard, 'NEW_MEMBERS', '2025-Q1', { value: 7 });
  await ownValue(bdWard, 'STUDY_RATE', '2025-Q1', { value: 90, numerator: 9, denominator: 10 });
  await ownValue(hcmWard, 'STUDY_RATE', '2025-Q1', { value: 10, numerator: 100, denominator: 1000 });
  await ownValue(vtWard, 'ONLINE_PUBLIC_SERVICES', '2025-Q1', { value: 80 });
  await ownValue(hcmWard, 'ONLINE_PUBLIC_SERVICES', '2025-Q1', { value: 70 });
  taskId = await buildTask(db, central, { partners: [vt], title: 'Chuyển đổi số' });
  await buildTask(db, central, { lead: bd, title: 'Phát triển công nghiệp' });
  const doc = await buildDocument(db, bd, { number: 1, symbol: '01-NQ/TU', title: 'Nghị quyết Đại hội XI' });
  explanationId = (
    await db.query<{ id: number }>(
      `INSERT INTO explanation_requests (document_id, task_id, org_id, question, due_date, asked_by_name) VALUES ($1, $2, $3, 'Vì sao chậm?', '2025-09-30', 'Trung ương') RETURNING id::int`,
      [doc.id, taskId, bd.id],
    )
  ).rows[0]!.id;
  const a = await buildUser(db, [{ org: central, role: 'admin' }]);
  admin = await loginAs(app, a.username, a.password);
  const m = await buildUser(db, [{ org: bd, role: 'manager' }]);
  bdManager = await loginAs(app, m.username, m.password);
  bdManagerUserId = m.id;
  const other = await buildUser(db, [{ org: bd, role: 'reporter' }]);
  const roles = await db.query<{ id: number; userId: number }>(
    'SELECT id::int, user_id::int AS "userId" FROM user_roles WHERE org_id = $1',
    [bd.id],
  );
  bdManagerRoleId = roles.rows.find((r) => r.userId === m.id)!.id;
  bdOtherRoleId = roles.rows.find((r) => r.userId === other.id)!.id;
  const v = await buildUser(db, [{ org: central, role: 'viewer' }]);
  viewer = await loginAs(app, v.username, v.password);
  anonymous = await anonymousClient(app);
});
afterAll(async () => {
  await app.close();
  await drop();
});

const written = async () => ({
  ops: (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM reorg_operations')).rows[0]!.n,
  versions: (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM org_versions')).rows[0]!.n,
  placements: (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM member_placements')).rows[0]!.n,
});

describe('previewing a merge', () => {
  it('lists every cell moving and where, the roles, tasks, explanations and documents, and writes nothing', async () => {
    const before = await written();
    const res = await admin.post('/api/reorg/preview', merge());
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.problems).toEqual([]);
    expect(p.cells.map((c: { name: string; toOrgName: string; members: number }) => [c.name, c.toOrgName, c.members])).toEqual([
      ['Đảng ủy phường Dĩ An', 'Thành ủy Thành phố Hồ Chí Minh', 5],
      ['Đảng ủy phường Vũng Tàu', 'Thành ủy Thành phố Hồ Chí Minh', 2],
    ]);
    expect(p.membersMoving).toBe(7);
    expect(p.roles.map((r: { userRoleId: number; toOrgId: number | null }) => [r.userRoleId, r.toOrgId]).sort()).toEqual(
      [
        [bdManagerRoleId, null],
        [bdOtherRoleId, null],
      ].sort(),
    );
    expect(p.tasks.map((t: { title: string; change: string }) => [t.title, t.change]).sort()).toEqual([
      ['Chuyển đổi số', 'partner'],
      ['Phát triển công nghiệp', 'lead'],
    ]);
    expect(p.explanations.map((e: { id: number }) => e.id)).toEqual([explanationId]);
    expect(p.documents.map((d: { symbol: string }) => d.symbol)).toEqual(['01-NQ/TU']);
    expect(await written()).toEqual(before);
  });

  it('follows a mapping changed for one cell: the Vũng Tàu ward goes under the Sài Gòn ward', async () => {
    const res = await admin.post('/api/reorg/preview', merge({ mapping: [{ fromOrgId: vtWard.id, toOrgId: hcmWard.id }] }));
    expect(res.json().cells.find((c: { orgId: number }) => c.orgId === vtWard.id).toOrgName).toBe('Đảng ủy phường Sài Gòn');
  });
});

describe('refusing bad input in Vietnamese, with nothing written', () => {
  const cases: [string, () => Record<string, unknown>, RegExp][] = [
    [
      'an org merged into itself',
      () => merge({ sourceOrgIds: [bd.id, hcm.id] }),
      /Không thể hợp nhất Thành ủy Thành phố Hồ Chí Minh vào chính nó/,
    ],
    ['dates overlapping the orgs’ life', () => merge({ effectiveDate: '2019-06-30' }), /chồng lấn/],
    [
      'a cycle in a move',
      () => ({ kind: 'move', effectiveDate: day, decision, sourceOrgIds: [bd.id], targetOrgIds: [bdCell.id] }),
      /vòng lặp/,
    ],
    [
      'members left without a cell',
      () => ({ kind: 'dissolve', effectiveDate: day, decision, sourceOrgIds: [bdCell.id], targetOrgIds: [bdWard.id] }),
      /3 đảng viên của Chi bộ khu phố 1 chưa được xếp vào chi bộ nào/,
    ],
    [
      'a split child without a part',
      () => ({
        kind: 'split',
        effectiveDate: day,
        decision,
        sourceOrgIds: [bdWard.id],
        targetOrgIds: [hcmWard.id, vtWard.id],
        mapping: [{ fromOrgId: bdCell.id, toOrgId: hcmWard.id }],
      }),
      /Chi bộ khu phố 2 chưa được xếp vào tổ chức mới nào/,
    ],
  ];
  for (const [what, body, message] of cases) {
    it(`refuses ${what}`, async () => {
      const before = await written();
      const res = await admin.post('/api/reorg/operations', body());
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toMatch(message);
      expect(await written()).toEqual(before);
    });
  }

  it('answers 400 with the field for a missing decision, 401 without a session, 403 for a viewer, 404 outside the scope', async () => {
    const res = await admin.post('/api/reorg/preview', merge({ decision: '' }));
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().error.details)).toContain('body.decision');
    expect((await anonymous.post('/api/reorg/preview', merge())).statusCode).toBe(401);
    expect((await viewer.post('/api/reorg/preview', merge())).statusCode).toBe(403);
    // The Bình Dương manager holds Bình Dương but not Vũng Tàu or TP.HCM.
    expect((await bdManager.post('/api/reorg/operations', merge())).statusCode).toBe(404);
  });
});

describe('committing the merge', () => {
  it('writes everything in one transaction, dated 01/07/2025, and audits it', async () => {
    const res = await admin.post(
      '/api/reorg/operations',
      merge({
        mapping: [{ fromOrgId: vtWard.id, toOrgId: hcmWard.id }],
        roleMapping: [{ userRoleId: bdManagerRoleId, toOrgId: hcm.id }],
      }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'merge', effectiveDate: day, successorOrgId: hcm.id, status: 'committed' });
    const { rows } = await db.query<{ id: number; parentId: number; validTo: string | null }>(
      `SELECT id::int, parent_id::int AS "parentId", to_char(valid_to, 'YYYY-MM-DD') AS "validTo" FROM orgs WHERE id = ANY($1::bigint[]) ORDER BY id`,
      [[bd.id, vt.id, bdWard.id, vtWard.id]],
    );
    expect(rows).toEqual([
      { id: bd.id, parentId: hcm.id, validTo: day },
      { id: vt.id, parentId: hcm.id, validTo: day },
      { id: bdWard.id, parentId: hcm.id, validTo: null },
      { id: vtWard.id, parentId: hcmWard.id, validTo: null },
    ]);
    const tasks = await db.query<{ lead: number; partners: number[] }>(
      'SELECT lead_org_id::int AS lead, partner_org_ids::int[] AS partners FROM tasks ORDER BY id',
    );
    expect(tasks.rows).toEqual([
      { lead: central.id, partners: [hcm.id] },
      { lead: hcm.id, partners: [] },
    ]);
    expect((await db.query('SELECT org_id::int AS o FROM explanation_requests WHERE id = $1', [explanationId])).rows[0]).toEqual({
      o: hcm.id,
    });
    const roles = await db.query<{ orgId: number }>('SELECT org_id::int AS "orgId" FROM user_roles WHERE user_id = $1', [bdManagerUserId]);
    expect(roles.rows).toEqual([{ orgId: hcm.id }]);
    expect((await db.query('SELECT 1 FROM user_roles WHERE id = $1', [bdOtherRoleId])).rows).toEqual([]);
    const audit = await db.query(`SELECT summary FROM audit_log WHERE entity = 'reorg_operation' AND action = 'merge'`);
    expect(audit.rows[0].summary).toContain('hiệu lực từ 01/07/2025 (Quyết định số 321-QĐ/TW');
  });

  it('shows the tree of 30/06/2025 as it stood, with that day’s members', async () => {
    const res = await admin.get(`/api/reorg/tree?asOf=2025-06-30&rootId=${bd.id}`);
    expect(res.statusCode).toBe(200);
    expect(
      res.json().orgs.map((o: { name: string; depth: number; subtreeMembers: number }) => [o.name, o.depth, o.subtreeMembers]),
    ).toEqual([
      ['Tỉnh ủy Bình Dương', 0, 5],
      ['Đảng ủy phường Dĩ An', 1, 5],
      ['Chi bộ khu phố 1', 2, 3],
      ['Chi bộ khu phố 2', 2, 2],
    ]);
    const today = await admin.get(`/api/reorg/tree?asOf=2025-07-01&rootId=${hcm.id}`);
    const names = today
      .json()
      .orgs.filter((o: { depth: number }) => o.depth === 1)
      .map((o: { name: string }) => o.name);
    expect(names).toEqual(['Đảng ủy phường Dĩ An', 'Đảng ủy phường Sài Gòn']);
    expect(today.json().orgs[0].subtreeMembers).toBe(8);
  });

  it('answers figures as of the day before on the old tree, and converted to the new boundaries as the sum of predecessors', async () => {
    const old = (await admin.get(`/api/reorg/figures?orgId=${bd.id}&asOf=2025-06-30`)).json();
    expect(old.treeLabel.vi).toBe('Số liệu theo cơ cấu tổ chức tại ngày 30/06/2025');
    expect(old.members).toBe(5);
    expect(old.figures.find((f: { code: string }) => f.code === 'NEW_MEMBERS')).toMatchObject({ value: 10 });
    const converted = (await admin.get(`/api/reorg/figures?orgId=${hcm.id}&asOf=2025-06-30&tree=current`)).json();
    expect(converted.treeLabel.vi).toContain('Số liệu quy đổi theo địa giới mới');
    const fig = (code: string) => converted.figures.find((f: { code: string }) => f.code === code);
    expect(fig('NEW_MEMBERS')).toMatchObject({ value: 22, isCombinable: true });
    expect(fig('STUDY_RATE')).toMatchObject({ numerator: 109, denominator: 1010, value: 10.79 });
    expect(fig('ONLINE_PUBLIC_SERVICES')).toMatchObject({ isCombinable: false, value: null });
    expect(fig('ONLINE_PUBLIC_SERVICES').reason).toContain('không kèm tử số và mẫu số');
    // TP.HCM on its own tree of 30/06/2025: only its own ward.
    const own = (await admin.get(`/api/reorg/figures?orgId=${hcm.id}&asOf=2025-06-30`)).json();
    expect(own.figures.find((f: { code: string }) => f.code === 'NEW_MEMBERS')).toMatchObject({ value: 7 });
  });

  it('shows the lineage both ways, and finds an org by a former name', async () => {
    const into = (await admin.get(`/api/reorg/lineage/${bd.id}`)).json();
    expect(into.wentInto).toEqual([
      { orgId: hcm.id, name: 'Thành ủy Thành phố Hồ Chí Minh', kind: 'merged_into', effectiveDate: day, decision },
    ]);
    const from = (await admin.get(`/api/reorg/lineage/${hcm.id}`)).json();
    expect(from.cameFrom.map((c: { name: string }) => c.name)).toEqual(['Tỉnh ủy Bà Rịa - Vũng Tàu', 'Tỉnh ủy Bình Dương']);
    const renamed = await admin.post('/api/reorg/operations', {
      kind: 'rename',
      effectiveDate: '2025-08-01',
      decision: 'Quyết định số 12-QĐ/TU',
      sourceOrgIds: [hcm.id],
      newName: 'Thành ủy TP.HCM',
    });
    expect(renamed.statusCode).toBe(201);
    const hits = (await admin.get('/api/orgs/search?q=thanh pho ho chi minh')).json();
    expect(hits.map((h: { id: number }) => h.id)).toContain(hcm.id);
    expect((await admin.get(`/api/reorg/lineage/${hcm.id}`)).json().names.map((n: { name: string }) => n.name)).toEqual([
      'Thành ủy Thành phố Hồ Chí Minh',
      'Thành ủy TP.HCM',
    ]);
  });

  it('refuses an operation dated before a later one on the same org', async () => {
    const res = await admin.post('/api/reorg/operations', {
      kind: 'change_kind',
      effectiveDate: '2025-07-15',
      decision: 'Quyết định số 13-QĐ/TU',
      sourceOrgIds: [hcm.id],
      newKind: 'district_committee',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('đã có một thao tác sắp xếp hiệu lực từ 2025-08-01');
  });
});
