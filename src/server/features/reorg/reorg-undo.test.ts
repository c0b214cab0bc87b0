import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import {
  buildDocument,
  buildMember,
  buildOrg,
  buildReport,
  buildStudySession,
  buildTask,
  buildUser,
  type TestOrg,
} from '../../test/factories';
import { anonymous as anonymousClient, buildTestApp, loginAs, type TestClient } from '../../test/http';

// Bình Dương and Bà Rịa - Vũng Tàu merged into a new city committee on 01/07/2025, by mistake
// under the wrong decision: the office undoes it before anyone records anything on the new org.

let app: App;
let db: Db;
let drop: () => Promise<void>;
let central: TestOrg, bd: TestOrg, vt: TestOrg, hcm: TestOrg, bdWard: TestOrg, hcmCell: TestOrg, ct: TestOrg;
let admin: TestClient, bdManager: TestClient, reporter: TestClient, ctManager: TestClient, viewer: TestClient, anonymous: TestClient;
let bdManagerRoleId: number;
const decision = 'Quyết định số 321-QĐ/TW ngày 12/6/2025 của Bộ Chính trị';
const day = '2025-07-01';
let codes = 0;

const mergeIntoNew = () => ({
  kind: 'merge',
  effectiveDate: day,
  decision,
  sourceOrgIds: [bd.id, vt.id],
  newOrg: { parentId: central.id, code: `HCM-MOI-${++codes}`, name: 'Thành ủy Thành phố Hồ Chí Minh (mới)', kind: 'province_committee' },
  mapping: [{ fromOrgId: bd.id, toOrgId: hcmCell.id }],
  roleMapping: [{ userRoleId: bdManagerRoleId, toOrgId: 0 }],
});

/** Everything an undo must put back, in a comparable form. */
async function state() {
  const q = async (sql: string) => (await db.query(sql)).rows;
  return {
    orgs: await q(`SELECT id, parent_id, path::text, name, kind, valid_from::text, valid_to::text, member_count FROM orgs ORDER BY id`),
    versions: await q(
      `SELECT org_id, parent_id, path::text, name, kind, valid_from::text, valid_to::text FROM org_versions ORDER BY org_id, valid_from`,
    ),
    placements: await q(
      `SELECT member_id, org_id, valid_from::text, valid_to::text, reason FROM member_placements ORDER BY member_id, valid_from`,
    ),
    members: await q(`SELECT id, org_id FROM members ORDER BY id`),
    roles: await q(`SELECT id, user_id, org_id, role FROM user_roles ORDER BY id`),
    tasks: await q(`SELECT id, lead_org_id, partner_org_ids FROM tasks ORDER BY id`),
    reports: await q(`SELECT id, org_id FROM reports ORDER BY id`),
    explanations: await q(`SELECT id, org_id FROM explanation_requests ORDER BY id`),
    points: await q(`SELECT id, org_id FROM bridge_points ORDER BY id`),
    documents: await q(`SELECT id, org_id, status FROM documents ORDER BY id`),
    lineage: await q(`SELECT from_org_id, to_org_id, kind FROM org_lineage ORDER BY id`),
    rollups: await q(`SELECT org_id, indicator_id, period_key, sum_value, reporting FROM indicator_rollups ORDER BY 1, 2, 3`),
  };
}

async function commit(body: Record<string, unknown>) {
  const res = await admin.post('/api/reorg/operations', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; successorOrgId: number };
}

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
  central = await buildOrg(db, { name: 'Trung ương', kind: 'central' });
  bd = await buildOrg(db, { parent: central, name: 'Tỉnh ủy Bình Dương', kind: 'province_committee' });
  vt = await buildOrg(db, { parent: central, name: 'Tỉnh ủy Bà Rịa - Vũng Tàu', kind: 'province_committee' });
  hcm = await buildOrg(db, { parent: central, name: 'Thành ủy Thành phố Hồ Chí Minh', kind: 'province_committee' });
  ct = await buildOrg(db, { parent: central, name: 'Thành ủy Cần Thơ', kind: 'province_committee' });
  bdWard = await buildOrg(db, { parent: bd, name: 'Đảng ủy phường Dĩ An', kind: 'commune_committee' });
  await buildOrg(db, { parent: vt, name: 'Đảng ủy phường Vũng Tàu', kind: 'commune_committee' });
  const hcmWard = await buildOrg(db, { parent: hcm, name: 'Đảng ủy phường Sài Gòn', kind: 'commune_committee' });
  hcmCell = await buildOrg(db, { parent: hcmWard, name: 'Chi bộ khu phố Bến Thành' });
  const bdCell = await buildOrg(db, { parent: bdWard, name: 'Chi bộ khu phố 1' });
  for (let i = 0; i < 3; i++) await buildMember(db, bdCell);
  // Members held by the province committee itself: the mapping sends them to a cell.
  for (let i = 0; i < 2; i++) await buildMember(db, bd);
  await db.query(`UPDATE orgs SET valid_from = '2020-01-01'`);
  await db.query(`UPDATE org_versions SET valid_from = '2020-01-01'`);
  await db.query(`UPDATE member_placements SET valid_from = '2020-01-01'`);
  await db.query(
    `INSERT INTO org_indicator_values (indicator_id, org_id, period_key, period_end, value)
     SELECT id, $1, '2025-Q1', '2025-03-31', 10 FROM indicators WHERE code = 'NEW_MEMBERS'`,
    [bdWard.id],
  );
  // The rollups as the fold would have left them, so that "as they were" includes them.
  await db.query('SELECT rebuild_rollups(ARRAY(SELECT id FROM orgs))');
  const taskId = await buildTask(db, central, { partners: [vt], title: 'Chuyển đổi số' });
  await buildTask(db, central, { lead: bd, partners: [hcm], title: 'Phát triển công nghiệp' });
  const doc = await buildDocument(db, bd, { number: 1, symbol: '01-NQ/TU', title: 'Nghị quyết Đại hội XI' });
  await buildReport(db, doc, bd, { periodKey: '2025-Q3', periodStart: '2025-07-01', periodEnd: '2025-09-30', dueDate: '2025-10-05' });
  await buildStudySession(db, central, { points: [{ org: vt }] });
  await db.query(
    `INSERT INTO explanation_requests (document_id, task_id, org_id, question, due_date, asked_by_name) VALUES ($1, $2, $3, 'Vì sao chậm?', '2025-09-30', 'Trung ương')`,
    [doc.id, taskId, bd.id],
  );
  const a = await buildUser(db, [{ org: central, role: 'admin' }]);
  admin = await loginAs(app, a.username, a.password);
  const m = await buildUser(db, [{ org: bd, role: 'manager' }]);
  bdManager = await loginAs(app, m.username, m.password);
  await buildUser(db, [{ org: bd, role: 'reporter' }]);
  bdManagerRoleId = (await db.query<{ id: number }>('SELECT id::int FROM user_roles WHERE user_id = $1', [m.id])).rows[0]!.id;
  const c = await buildUser(db, [{ org: ct, role: 'manager' }]);
  ctManager = await loginAs(app, c.username, c.password);
  const r = await buildUser(db, [{ org: central, role: 'reporter' }]);
  reporter = await loginAs(app, r.username, r.password);
  const v = await buildUser(db, [{ org: central, role: 'viewer' }]);
  viewer = await loginAs(app, v.username, v.password);
  anonymous = await anonymousClient(app);
});
afterAll(async () => {
  await app.close();
  await drop();
});

describe('undoing a merge into a new org', () => {
  it('puts the tree, history, members, roles, tasks, reports, points and explanations back as they were, and audits it', async () => {
    const before = await state();
    const op = await commit(mergeIntoNew());
    const after = await state();
    expect(after.members).not.toEqual(before.members);
    expect(after.roles).not.toEqual(before.roles);
    expect(after.tasks).not.toEqual(before.tasks);
    expect(after.reports).not.toEqual(before.reports);
    expect(after.points).not.toEqual(before.points);
    expect(after.explanations).not.toEqual(before.explanations);

    const res = await admin.post(`/api/reorg/operations/${op.id}/undo`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: op.id, status: 'undone' });
    expect(await state()).toEqual(before);
    const { rows: audit } = await db.query(
      `SELECT action, summary FROM audit_log WHERE entity = 'reorg_operation' AND entity_id = $1 ORDER BY id`,
      [String(op.id)],
    );
    expect(audit.map((r) => r.action)).toEqual(['merge', 'undo']);
    expect(audit[1]!.summary).toMatch(/^Hoàn tác: Hợp nhất/);

    const again = await admin.post(`/api/reorg/operations/${op.id}/undo`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('Thao tác này đã được hoàn tác.');
  });

  it('lists the operations newest first with who may undo each, for the caller’s scope only', async () => {
    const op = await commit(mergeIntoNew());
    const list = await admin.get(`/api/reorg/operations`);
    expect(list.statusCode).toBe(200);
    const [latest, earlier] = list.json().operations;
    expect(latest).toMatchObject({ id: op.id, status: 'committed', abilities: { undo: true } });
    expect(earlier).toMatchObject({ status: 'undone', abilities: { undo: false } });
    expect(earlier.undoneAt).not.toBeNull();
    const byOrg = await admin.get(`/api/reorg/operations?orgId=${vt.id}`);
    expect(byOrg.json().operations).toHaveLength(2);
    expect((await admin.get(`/api/reorg/operations?orgId=${ct.id}`)).json().operations).toEqual([]);
    expect((await viewer.get(`/api/reorg/operations`)).json().operations[0].abilities).toEqual({ undo: false });
    const mine = await bdManager.get(`/api/reorg/operations`);
    expect(mine.statusCode, mine.body).toBe(200);
    // The Bình Dương manager's role followed the new org, which now holds both merged orgs.
    expect(mine.json().operations[0].abilities).toEqual({ undo: true });
    expect((await ctManager.get(`/api/reorg/operations`)).json().operations).toEqual([]);
    expect((await admin.get(`/api/reorg/operations?orgId=abc`)).statusCode).toBe(400);
    expect((await anonymous.get(`/api/reorg/operations`)).statusCode).toBe(401);
    expect((await admin.post(`/api/reorg/operations/${op.id}/undo`)).statusCode).toBe(200);
  });

  it('answers 401 without a session, 403 for a viewer and a reporter, 404 outside the scope, 400 for a bad id', async () => {
    const op = await commit(mergeIntoNew());
    const before = await state();
    expect((await anonymous.post(`/api/reorg/operations/${op.id}/undo`)).statusCode).toBe(401);
    expect((await viewer.post(`/api/reorg/operations/${op.id}/undo`)).statusCode).toBe(403);
    expect((await reporter.post(`/api/reorg/operations/${op.id}/undo`)).statusCode).toBe(403);
    expect((await ctManager.post(`/api/reorg/operations/${op.id}/undo`)).statusCode).toBe(404);
    expect((await admin.post(`/api/reorg/operations/999999/undo`)).statusCode).toBe(404);
    const bad = await admin.post(`/api/reorg/operations/abc/undo`);
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error.details)).toContain('params.id');
    expect(await state()).toEqual(before);
    expect((await admin.post(`/api/reorg/operations/${op.id}/undo`)).statusCode).toBe(200);
  });
});

describe('an undo racing a write against the new org', () => {
  it('lets exactly one win: a document inserted first (uncommitted) makes the waiting undo refuse', async () => {
    const op = await commit(mergeIntoNew());
    const writer = await db.connect();
    try {
      await writer.query('BEGIN');
      await buildDocument(writer as unknown as Db, { id: op.successorOrgId, path: '', code: '', name: '' }, { title: 'Kế hoạch' });
      const undo = admin.post(`/api/reorg/operations/${op.id}/undo`);
      await new Promise((r) => setTimeout(r, 300));
      await writer.query('COMMIT');
      const res = await undo;
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().error.message).toMatch(/1 văn bản/);
    } finally {
      writer.release();
    }
    const { rows } = await db.query(`SELECT status FROM reorg_operations WHERE id = $1`, [op.id]);
    expect(rows[0]!.status).toBe('committed');
    // Without the document, the undo goes through (and resets the tree for what follows).
    await db.query('DELETE FROM documents WHERE org_id = $1', [op.successorOrgId]);
    expect((await admin.post(`/api/reorg/operations/${op.id}/undo`)).statusCode).toBe(200);
  });

  it('lets exactly one win when both start together', async () => {
    for (let round = 0; round < 3; round++) {
      const op = await commit({ ...mergeIntoNew(), sourceOrgIds: [vt.id], mapping: [], roleMapping: [] });
      const [undo, write] = await Promise.allSettled([
        admin.post(`/api/reorg/operations/${op.id}/undo`),
        buildDocument(db, { id: op.successorOrgId, path: '', code: '', name: '' }, { title: `Văn bản ${round}` }),
      ]);
      const undone = undo.status === 'fulfilled' && undo.value.statusCode === 200;
      const written = write.status === 'fulfilled';
      expect(undone !== written, `round ${round}: undo ${undone}, write ${written}`).toBe(true);
      if (undone) {
        expect((await db.query('SELECT 1 FROM orgs WHERE id = $1', [op.successorOrgId])).rows).toEqual([]);
      } else {
        // The write won: the operation stays; without the document it is undone to reset the tree for the next round.
        expect(undo.status === 'fulfilled' && undo.value.statusCode).toBe(409);
        await db.query('DELETE FROM documents WHERE org_id = $1', [op.successorOrgId]);
        expect((await admin.post(`/api/reorg/operations/${op.id}/undo`)).statusCode).toBe(200);
      }
    }
  });
});

describe('refusing an undo once something was recorded', () => {
  it('names what was recorded against the successor, in Vietnamese, and writes nothing', async () => {
    const op = await commit({ kind: 'merge', effectiveDate: day, decision, sourceOrgIds: [vt.id], targetOrgIds: [hcm.id] });
    await buildDocument(db, hcm, { title: 'Kế hoạch sau hợp nhất' });
    await buildDocument(db, hcm, { title: 'Thông báo sau hợp nhất' });
    await buildReport(db, { id: (await buildDocument(db, central)).id }, hcm, { periodKey: '2025-Q4' });
    const before = await state();
    const res = await admin.post(`/api/reorg/operations/${op.id}/undo`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe(
      'Không thể hoàn tác: từ khi thực hiện thao tác đã có 1 báo cáo, 2 văn bản được ghi nhận cho Thành ủy Thành phố Hồ Chí Minh.',
    );
    expect(await state()).toEqual(before);
  });

  it('refuses while a later operation names the same orgs, and undoes them newest first', async () => {
    const first = await commit({
      kind: 'rename',
      effectiveDate: '2025-08-01',
      decision,
      sourceOrgIds: [ct.id],
      newName: 'Thành ủy Cần Thơ (mới)',
    });
    const second = await commit({
      kind: 'change_kind',
      effectiveDate: '2025-09-01',
      decision,
      sourceOrgIds: [ct.id],
      newKind: 'bloc_committee',
    });
    const res = await admin.post(`/api/reorg/operations/${first.id}/undo`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/đã có thao tác sắp xếp sau trên cùng tổ chức \(Đổi loại hình: Thành ủy Cần Thơ \(mới\)/);
    const versionsBefore = (
      await db.query(`SELECT name, kind, valid_from::text, valid_to::text FROM org_versions WHERE org_id = $1`, [ct.id])
    ).rows;
    expect(versionsBefore).toHaveLength(3);
    expect((await admin.post(`/api/reorg/operations/${second.id}/undo`)).statusCode).toBe(200);
    expect((await admin.post(`/api/reorg/operations/${first.id}/undo`)).statusCode).toBe(200);
    const { rows } = await db.query(`SELECT name, kind, valid_from::text, valid_to FROM org_versions WHERE org_id = $1`, [ct.id]);
    expect(rows).toEqual([{ name: 'Thành ủy Cần Thơ', kind: 'province_committee', valid_from: '2020-01-01', valid_to: null }]);
  });
});

describe('splitting into new orgs', () => {
  const split = (extra: Record<string, unknown> = {}) => ({
    kind: 'split',
    effectiveDate: day,
    decision: 'Nghị quyết số 1234/NQ-UBTVQH15 (mẫu)',
    sourceOrgIds: [bdWard.id],
    newOrgs: [
      { code: 'P-DIAN', name: 'Đảng ủy phường Dĩ An (mới)', kind: 'commune_committee' },
      { code: 'P-DONGHOA', name: 'Đảng ủy phường Đông Hòa', kind: 'commune_committee' },
    ],
    mapping: [{ fromOrgId: bdCellId(), toOrgId: 0, toNewOrg: 1 }],
    ...extra,
  });
  let cellId = 0;
  const bdCellId = () => cellId;

  it('founds the parts under the split org’s parent, hands the cells over as mapped, and undoes all of it', async () => {
    cellId = (await db.query<{ id: number }>(`SELECT id::int FROM orgs WHERE name = 'Chi bộ khu phố 1'`)).rows[0]!.id;
    const before = await state();
    const preview = await admin.post('/api/reorg/preview', split());
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().problems).toEqual([]);
    expect(preview.json().cells.map((c: { name: string; toOrgName: string; members: number }) => [c.name, c.toOrgName, c.members])).toEqual(
      [['Chi bộ khu phố 1', 'Đảng ủy phường Đông Hòa', 3]],
    );
    expect(await state()).toEqual(before);
    const op = await commit(split());
    const { rows: parts } = await db.query(
      `SELECT o.name, o.parent_id::int AS "parentId", (SELECT count(*)::int FROM orgs c WHERE c.parent_id = o.id) AS children
         FROM orgs o WHERE o.code IN ('P-DIAN', 'P-DONGHOA') ORDER BY o.code`,
    );
    expect(parts).toEqual([
      { name: 'Đảng ủy phường Dĩ An (mới)', parentId: bd.id, children: 0 },
      { name: 'Đảng ủy phường Đông Hòa', parentId: bd.id, children: 1 },
    ]);
    const { rows: edges } = await db.query(`SELECT kind FROM org_lineage WHERE operation_id = $1`, [op.id]);
    expect(edges.map((e) => e.kind)).toEqual(['split_from', 'split_from']);
    expect((await admin.post(`/api/reorg/operations/${op.id}/undo`)).statusCode).toBe(200);
    expect(await state()).toEqual(before);
  });

  const bad: [string, () => Record<string, unknown>, RegExp][] = [
    [
      'two parts named alike (accents and case aside)',
      () =>
        split({
          newOrgs: [
            { code: 'P-A', name: 'Đảng ủy phường Tân Đông Hiệp', kind: 'commune_committee' },
            { code: 'P-B', name: 'đảng ủy phường tan dong hiep', kind: 'commune_committee' },
          ],
        }),
      /Tên “đảng ủy phường tan dong hiep” bị trùng/,
    ],
    [
      'two parts with one code',
      () =>
        split({
          newOrgs: [
            { code: 'P-A', name: 'Đảng ủy phường An Bình', kind: 'commune_committee' },
            { code: 'p-a', name: 'Đảng ủy phường Bình An', kind: 'commune_committee' },
          ],
        }),
      /Mã p-a bị trùng/,
    ],
    [
      'a code another org has',
      () =>
        split({
          newOrgs: [{ code: bd.code, name: 'Đảng ủy phường An Bình', kind: 'commune_committee' }],
          targetOrgIds: [hcm.id],
          mapping: [{ fromOrgId: bdCellId(), toOrgId: 0, toNewOrg: 0 }],
        }),
      /Mã .+ đã được dùng cho một tổ chức khác/,
    ],
    ['a cell left without a part', () => split({ mapping: [] }), /Chi bộ khu phố 1 chưa được xếp vào tổ chức mới nào/],
  ];
  for (const [what, body, message] of bad) {
    it(`refuses ${what} in Vietnamese, writing nothing`, async () => {
      const before = await state();
      const res = await admin.post('/api/reorg/operations', body());
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toMatch(message);
      expect(await state()).toEqual(before);
    });
  }

  it('answers 400 for a mapping to a part that is not listed, and for new orgs on another operation', async () => {
    const res = await admin.post('/api/reorg/preview', split({ mapping: [{ fromOrgId: bdCellId(), toOrgId: 0, toNewOrg: 5 }] }));
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().error.details)).toContain('body.mapping');
    const other = await admin.post('/api/reorg/preview', { ...split(), kind: 'merge', targetOrgIds: [hcm.id] });
    expect(other.statusCode).toBe(400);
    expect(JSON.stringify(other.json().error.details)).toContain('body.newOrgs');
  });
});
