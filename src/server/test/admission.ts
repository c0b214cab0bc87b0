/**
 * A candidate taken through every admission step to the ceremony on `date`, through the
 * registry's own routes (course, two introducers of the cell, the cell's and the committee's
 * decisions, earlier in the same year): what the tests of figures fed by admissions start from.
 */
import { expect } from 'vitest';
import type { Db } from '../db/pool';
import { buildMember, type TestOrg } from './factories';
import type { TestClient } from './http';

const ok = <T>(res: { statusCode: number; body: string; json: () => unknown }, status = 200) => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
};

/** Returns the new member's id. */
export async function admitThroughSteps(
  db: Db,
  client: TestClient,
  cell: TestOrg,
  a: { date: string; isNonStateEnterprise: boolean; fullName: string },
): Promise<number> {
  const [i1, i2] = [await buildMember(db, cell, { fullName: 'Lê Văn Giới' }), await buildMember(db, cell, { fullName: 'Phạm Thị Thiệu' })];
  let c = ok<{ id: number; version: number }>(
    await client.post('/api/registry/candidates', {
      orgId: cell.id,
      fullName: a.fullName,
      gender: 'female',
      birthDate: '1998-05-01',
      isNonStateEnterprise: a.isNonStateEnterprise,
    }),
    201,
  );
  const y = a.date.slice(0, 4);
  for (const s of [
    { step: 'course', date: `${y}-01-05` },
    { step: 'introduction', date: `${y}-01-20`, introducerIds: [i1.id, i2.id] },
    { step: 'cell_decision', date: `${y}-02-01`, decision: 'Nghị quyết số 01-NQ/CB' },
    { step: 'committee_decision', date: `${y}-02-15`, decision: 'Quyết định số 120-QĐ/ĐU' },
  ])
    c = ok(await client.post(`/api/registry/candidates/${c.id}/steps`, { ...s, version: c.version }));
  return ok<{ memberId: number }>(
    await client.post(`/api/registry/candidates/${c.id}/admit`, {
      date: a.date,
      code: `DV${Math.random().toString(36).slice(2, 10)}`,
      version: c.version,
    }),
  ).memberId;
}
