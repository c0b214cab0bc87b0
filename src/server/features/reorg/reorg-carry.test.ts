import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import {
  buildDocument,
  buildItem,
  buildOrg,
  buildReport,
  buildStudySession,
  buildTask,
  buildUser,
  type TestOrg,
} from '../../test/factories';
import { buildTestApp, loginAs, type TestClient } from '../../test/http';

// Two wards of Thành ủy Dĩ An become one ward of the city on 01/07/2025, each carrying the same
// duties: a task of the same plan item, a report of the same period, a bridge point of the same
// session. The new ward can hold only one of each (one lead per item, one report per period,
// one point per session); the commit must not fail on the second.

let app: App;
let db: Db;
let drop: () => Promise<void>;
let admin: TestClient;
let city: TestOrg, wardA: TestOrg, wardB: TestOrg;
const ids = { tasks: [] as number[], reports: [] as number[], points: [] as number[] };

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
  city = await buildOrg(db, { name: 'Thành ủy Thành phố Hồ Chí Minh', kind: 'province_committee' });
  const district = await buildOrg(db, { parent: city, name: 'Thành ủy Dĩ An', kind: 'district_committee' });
  wardA = await buildOrg(db, { parent: district, name: 'Đảng ủy phường Dĩ An', kind: 'commune_committee' });
  wardB = await buildOrg(db, { parent: district, name: 'Đảng ủy phường An Bình', kind: 'commune_committee' });
  await db.query(`UPDATE orgs SET valid_from = '2020-01-01'`);
  await db.query(`UPDATE org_versions SET valid_from = '2020-01-01'`);
  const doc = await buildDocument(db, district);
  const item = await buildItem(db, doc.id, { kind: 'task' });
  for (const ward of [wardA, wardB]) {
    ids.tasks.push(await buildTask(db, district, { lead: ward, itemId: item }));
    ids.reports.push(
      (
        await buildReport(db, doc, ward, {
          periodKey: '2025-Q3',
          periodStart: '2025-07-01',
          periodEnd: '2025-09-30',
          dueDate: '2025-10-05',
        })
      ).id,
    );
  }
  const session = await buildStudySession(db, district, {
    startsAt: new Date('2025-08-01T01:00:00Z'),
    endsAt: new Date('2025-08-01T04:00:00Z'),
    points: [{ org: wardA }, { org: wardB }],
  });
  ids.points.push(...session.pointIds);
  const a = await buildUser(db, [{ org: city, role: 'admin' }]);
  admin = await loginAs(app, a.username, a.password);
});
afterAll(async () => {
  await app.close();
  await drop();
});

describe('merging two orgs that carry the same duty', () => {
  it('gives the new ward the first of each and leaves the other on its closed ward', async () => {
    const res = await admin.post('/api/reorg/operations', {
      kind: 'merge',
      effectiveDate: '2025-07-01',
      decision: 'Quyết định thành lập Đảng bộ phường Dĩ An (số hiệu mẫu)',
      sourceOrgIds: [wardA.id, wardB.id],
      newOrg: { parentId: city.id, code: 'HCM.DIAN', name: 'Đảng ủy phường Dĩ An', kind: 'commune_committee' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const ward = res.json().successorOrgId as number;
    const holders = async (sql: string, list: number[]) => (await db.query<{ orgId: number }>(sql, [list])).rows.map((r) => r.orgId);
    expect(await holders('SELECT lead_org_id::int AS "orgId" FROM tasks WHERE id = ANY($1) ORDER BY id', ids.tasks)).toEqual([
      ward,
      wardB.id,
    ]);
    expect(await holders('SELECT org_id::int AS "orgId" FROM reports WHERE id = ANY($1) ORDER BY id', ids.reports)).toEqual([
      ward,
      wardB.id,
    ]);
    expect(await holders('SELECT org_id::int AS "orgId" FROM bridge_points WHERE id = ANY($1) ORDER BY id', ids.points)).toEqual([
      ward,
      wardB.id,
    ]);
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM orgs WHERE id = ANY($1) AND valid_to = '2025-07-01'`, [
      [wardA.id, wardB.id],
    ]);
    expect(rows[0]!.n).toBe(2);
  });
});
