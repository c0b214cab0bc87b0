import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../db/pool';
import { systemActor } from '../../../lib/actor';
import { createTestDb } from '../../../test/db';
import { buildMember, buildOrg, type TestMember, type TestOrg } from '../../../test/factories';
import { orgSummaryColumns, type OrgRow } from '../../orgs';
import { createTestDocument } from '../testing/harness';
import { foldCoverage } from './coverage-fold';
import { getCoverage } from './coverage.service';

let db: Db;
let drop: () => Promise<void>;
let province: TestOrg, wardA: TestOrg, wardB: TestOrg, cellA1: TestOrg, cellA2: TestOrg, cellB1: TestOrg;
let members: TestMember[];
let documentId: number;
const actor = systemActor();
const today = '2026-12-02';
const yesterday = '2026-12-01';

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  province = await buildOrg(db, { name: 'Tỉnh ủy' });
  wardA = await buildOrg(db, { parent: province, name: 'Đảng ủy phường A', kind: 'commune_committee' });
  wardB = await buildOrg(db, { parent: province, name: 'Đảng ủy phường B', kind: 'commune_committee' });
  cellA1 = await buildOrg(db, { parent: wardA, name: 'Chi bộ A1' });
  cellA2 = await buildOrg(db, { parent: wardA, name: 'Chi bộ A2' });
  cellB1 = await buildOrg(db, { parent: wardB, name: 'Chi bộ B1' });
  members = [];
  for (const [cell, n] of [
    [cellA1, 3],
    [cellA2, 2],
    [cellB1, 4],
  ] as const) {
    for (let i = 0; i < n; i++) members.push(await buildMember(db, cell));
  }
  documentId = await createTestDocument(db, province.id, 'Nghị quyết về phủ sóng');
});
afterAll(async () => drop());

/** Marks members as having studied the document on a day (what a check-in's triggers write). */
async function study(member: TestMember, day: string) {
  await db.query(
    `INSERT INTO document_studies (document_id, member_id, org_id, session_id, studied_on)
     SELECT $1, id, org_id, 0, $3::date FROM members WHERE id = $2`,
    [documentId, member.id, day],
  );
}

/** The figures recounted from their parts: member rows and study rows, never a kept count. */
async function recount(orgId: number, asOf: string) {
  const { rows } = await db.query<{ orgId: number; members: number; studied: number }>(
    `SELECT k.id AS "orgId",
            (SELECT count(*)::int FROM members m JOIN orgs x ON x.id = m.org_id WHERE x.path <@ k.path) AS members,
            (SELECT count(*)::int FROM document_studies ds JOIN members m ON m.id = ds.member_id JOIN orgs x ON x.id = m.org_id
              WHERE x.path <@ k.path AND ds.document_id = $2 AND ds.studied_on <= $3::date) AS studied
       FROM orgs k WHERE k.id = $1 OR k.parent_id = $1 ORDER BY k.id`,
    [orgId, documentId, asOf],
  );
  return rows;
}

async function coverage(orgId: number, asOf: string) {
  const c = await getCoverage(db, actor, { documentId, orgId, asOf });
  return [c.org, ...c.children].map((r) => ({ orgId: r.orgId, members: r.members, studied: r.studied })).sort((a, b) => a.orgId - b.orgId);
}

/** The tree's subtree member counts (from the same kept totals), for the province's children. */
async function treeCounts() {
  const { rows } = await db.query<OrgRow>(`SELECT ${orgSummaryColumns} FROM orgs o WHERE o.parent_id = $1 ORDER BY o.id`, [province.id]);
  return rows.map((c) => ({ orgId: c.id, members: c.subtreeMemberCount }));
}

async function expectExact() {
  for (const org of [province, wardA, wardB])
    for (const asOf of [yesterday, today]) expect(await coverage(org.id, asOf)).toEqual(await recount(org.id, asOf));
  expect(await treeCounts()).toEqual((await recount(province.id, today)).slice(1).map(({ orgId, members }) => ({ orgId, members })));
}

const state = async () =>
  (
    await db.query<{ isStale: boolean; pending: number }>(
      `SELECT tree_version <> built_version AS "isStale", (SELECT count(*)::int FROM coverage_deltas) AS pending FROM coverage_tree_state`,
    )
  ).rows[0]!;

describe('kept coverage totals', () => {
  it('answer exactly before the first fold, after it, and with changes still pending', async () => {
    await study(members[0]!, yesterday);
    await study(members[3]!, today);
    expect((await state()).isStale).toBe(true);
    await expectExact();

    expect(await foldCoverage(db)).toBe(true);
    expect(await state()).toEqual({ isStale: false, pending: 0 });
    await expectExact();

    // Changes after the fold: new members, studies, a withdrawn study and a member who moves
    // from one ward to the other. Read before any fold: the pending changes count.
    members.push(await buildMember(db, cellB1));
    await study(members[5]!, today);
    await study(members[9]!, yesterday);
    await db.query('DELETE FROM document_studies WHERE member_id = $1', [members[3]!.id]);
    await db.query('UPDATE members SET org_id = $2 WHERE id = $1', [members[0]!.id, cellB1.id]);
    expect((await state()).pending).toBeGreaterThan(0);
    await expectExact();

    expect(await foldCoverage(db)).toBe(true);
    expect(await state()).toEqual({ isStale: false, pending: 0 });
    await expectExact();
    expect(await coverage(province.id, today)).toContainEqual({ orgId: wardB.id, members: 6, studied: 3 });
  });

  it('are rebuilt after an org moves, and summed from the per-org counts until then', async () => {
    const moved = await db.query<{ path: string }>(
      `UPDATE orgs SET parent_id = $2, path = (SELECT path FROM orgs WHERE id = $2) || id::text WHERE id = $1 RETURNING path::text`,
      [cellA2.id, wardB.id],
    );
    expect(moved.rows[0]!.path.startsWith(wardB.path)).toBe(true);
    expect((await state()).isStale).toBe(true);
    await expectExact();
    expect(await foldCoverage(db)).toBe(true);
    expect(await state()).toEqual({ isStale: false, pending: 0 });
    await expectExact();
  });

  it('lose nothing when folds run while studies are written', async () => {
    const more = await Promise.all(Array.from({ length: 12 }, () => buildMember(db, cellA1)));
    const folds: Promise<boolean>[] = [];
    await Promise.all(
      more.map(async (m, i) => {
        await study(m, i % 2 ? today : yesterday);
        folds.push(foldCoverage(db));
      }),
    );
    await Promise.all(folds);
    await foldCoverage(db);
    expect(await state()).toEqual({ isStale: false, pending: 0 });
    await expectExact();
  });
});
