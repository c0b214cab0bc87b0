import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import { buildMember, buildOrg, buildUser, type TestMember, type TestOrg } from '../../test/factories';
import { anonymous, buildTestApp, loginAs, type TestClient } from '../../test/http';
import { QD_124, QD_366, type GradeLevel, type RuleSet } from '../../../domain/grading';
import { roles, type Role } from '../../../domain/access/permissions';

let app: App;
let db: Db;
let drop: () => Promise<void>;
let bloc: TestOrg, ward: TestOrg, grassroots: TestOrg, cell: TestOrg, other: TestOrg;
let member: TestMember;
let blocViewer: TestClient;

/** Rounds and decided ratings straight in their tables: this file reads history, the workflow has its own tests. */
async function round(org: TestOrg, kind: 'year' | 'quarter', key: string, start: string, end: string, ruleSet: RuleSet) {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO grading_rounds (org_id, name, period_kind, period_key, period_start, period_end, rule_set, self_assess_due, review_due, decide_due)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $6, $6, $6) RETURNING id`,
    [org.id, `Đánh giá ${key} của ${org.name}`, kind, key, start, end, JSON.stringify(ruleSet)],
  );
  return rows[0]!.id;
}
async function rate(roundId: number, rated: TestOrg, decider: TestOrg, level: GradeLevel | null, score: number | null, m?: TestMember) {
  await db.query(
    `INSERT INTO grading_evaluations (round_id, subject_kind, org_id, member_id, decider_org_id, status, decided_level, decided_at, score)
     VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $7::text IS NULL THEN NULL ELSE now() END, $8)`,
    [roundId, m ? 'member' : 'org', rated.id, m?.id ?? null, decider.id, level ? 'decided' : 'draft', level, score],
  );
}
const login = async (grants: { org: TestOrg; role: Role }[], memberId?: number) => {
  const u = await buildUser(db, grants);
  if (memberId) await db.query('UPDATE users SET member_id = $1 WHERE id = $2', [memberId, u.id]);
  return loginAs(app, u.username, u.password);
};

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
  bloc = await buildOrg(db, { name: 'Đảng ủy Khối', kind: 'bloc_committee' });
  ward = await buildOrg(db, { parent: bloc, name: 'Đảng ủy phường', kind: 'commune_committee' });
  grassroots = await buildOrg(db, { parent: ward, name: 'Đảng bộ cơ sở Bưu điện', kind: 'grassroots' });
  cell = await buildOrg(db, { parent: grassroots, name: 'Chi bộ Văn phòng' });
  other = await buildOrg(db, { name: 'Tỉnh ủy khác' });
  member = await buildMember(db, cell, { fullName: 'Trần Thị Bình' });
  // 2024: the grassroots org is rated in two yearly rounds, the bloc's ("good") and the ward's
  // ("excellent"). Compared as text "good" > "excellent"; by rank the year's level is excellent.
  const blocRound = await round(bloc, 'year', '2024', '2024-01-01', '2024-12-31', QD_124);
  const wardRound = await round(ward, 'year', '2024', '2024-01-01', '2024-12-31', QD_124);
  await rate(blocRound, grassroots, bloc, 'good', 78);
  await rate(wardRound, grassroots, ward, 'excellent', 92);
  await rate(wardRound, grassroots, ward, 'good', 80, member);
  // 2025: completed in the ward's round, one still pending in the bloc's.
  const blocRound25 = await round(bloc, 'year', '2025', '2025-01-01', '2025-12-31', QD_124);
  const wardRound25 = await round(ward, 'year', '2025', '2025-01-01', '2025-12-31', QD_124);
  await rate(wardRound25, grassroots, ward, 'completed', 60);
  await rate(blocRound25, grassroots, bloc, null, null);
  await rate(wardRound25, grassroots, ward, 'failed', 40, member);
  // A quarter of 2026 under QĐ 366.
  const q1 = await round(ward, 'quarter', '2026-Q1', '2026-01-01', '2026-03-31', QD_366);
  await rate(q1, grassroots, ward, 'good', 81.5);
  await rate(q1, grassroots, ward, 'excellent', 93, member);
  blocViewer = await login([{ org: bloc, role: 'viewer' }]);
});
afterAll(async () => {
  await app?.close();
  await drop?.();
});

describe('GET /api/grading/orgs/:orgId/history', () => {
  it('takes the highest level by rank when an org is rated in two yearly rounds of one year', async () => {
    const res = await blocViewer.get(`/api/grading/orgs/${grassroots.id}/history`);
    expect(res.statusCode, res.body).toBe(200);
    const years = res.json().years as { year: string; level: string | null }[];
    expect(years.map((y) => [y.year, y.level])).toEqual([
      ['2024', 'excellent'],
      ['2025', 'completed'],
    ]);
  });
});

type Rating = {
  periodKey: string;
  periodKind: string;
  ruleSetCode: string;
  legalBasis: string;
  score: number | null;
  decidedLevel: string | null;
  roundOrgName: string;
};
const brief = (r: Rating) => [r.periodKey, r.ruleSetCode, r.roundOrgName, r.score, r.decidedLevel];

describe('the ratings history of an org and of a member', () => {
  it('lists an org’s own ratings of every period with the rule set, the score and the level', async () => {
    const res = await blocViewer.get(`/api/grading/orgs/${grassroots.id}/history`);
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json().ratings as Rating[]).map(brief)).toEqual([
      ['2024', 'QD124', 'Đảng ủy Khối', 78, 'good'],
      ['2024', 'QD124', 'Đảng ủy phường', 92, 'excellent'],
      ['2025', 'QD124', 'Đảng ủy Khối', null, null],
      ['2025', 'QD124', 'Đảng ủy phường', 60, 'completed'],
      ['2026-Q1', 'QD366', 'Đảng ủy phường', 81.5, 'good'],
    ]);
    expect((res.json().ratings as Rating[])[4]).toMatchObject({ periodKind: 'quarter', legalBasis: '366-QĐ/TW' });
  });

  it('lists a member’s ratings to the member and to readers over their cell', async () => {
    const self = await login([{ org: cell, role: 'member' }], member.id);
    const res = await self.get(`/api/grading/members/${member.id}/history`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().member).toEqual({ id: member.id, fullName: 'Trần Thị Bình', orgId: cell.id, orgName: 'Chi bộ Văn phòng' });
    expect((res.json().ratings as Rating[]).map(brief)).toEqual([
      ['2024', 'QD124', 'Đảng ủy phường', 80, 'good'],
      ['2025', 'QD124', 'Đảng ủy phường', 40, 'failed'],
      ['2026-Q1', 'QD366', 'Đảng ủy phường', 93, 'excellent'],
    ]);
  });

  it('answers every role over the subject, 404 outside it, 403 without grading, 401 without a session, 400 on a bad id', async () => {
    const orgUrl = `/api/grading/orgs/${grassroots.id}/history`;
    const memberUrl = `/api/grading/members/${member.id}/history`;
    for (const role of roles) {
      const inside = await login([{ org: ward, role }]);
      const outside = await login([{ org: other, role }]);
      // The member role reads no one's grading but its own.
      expect((await inside.get(orgUrl)).statusCode, role).toBe(role === 'member' ? 403 : 200);
      expect((await inside.get(memberUrl)).statusCode, role).toBe(role === 'member' ? 404 : 200);
      expect((await outside.get(orgUrl)).statusCode, role).toBe(role === 'member' ? 403 : 404);
      expect((await outside.get(memberUrl)).statusCode, role).toBe(404);
    }
    // Another member of the same cell does not read this one's.
    const colleague = await buildMember(db, cell, { fullName: 'Lê Văn Cường' });
    expect((await (await login([{ org: cell, role: 'member' }], colleague.id)).get(memberUrl)).statusCode).toBe(404);
    const nobody = await anonymous(app);
    expect((await nobody.get(orgUrl)).statusCode).toBe(401);
    expect((await nobody.get(memberUrl)).statusCode).toBe(401);
    expect((await blocViewer.get('/api/grading/members/abc/history')).statusCode).toBe(400);
    expect((await blocViewer.get('/api/grading/orgs/0/history')).statusCode).toBe(400);
    // Fourteen logins hash fourteen passwords: slow on a busy machine.
  }, 180_000);
});
