import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import { buildMember, buildOrg, buildUser, type TestMember, type TestOrg } from '../../test/factories';
import { buildTestApp, loginAs, type TestClient } from '../../test/http';
import { BUILT_IN_RULE_SETS } from '../../../domain/grading';

/**
 * Each built-in rule set's levels at their thresholds, through the server: a round opened for
 * a period picks the rules in force then (QĐ 132 for 2021, QĐ 124 for 2024, QĐ 366 for a
 * quarter of 2026), and a member's score sheet saved at 90 / 89,99 / 70 / 69,99 / 50 / 49,99
 * points is proposed the level those rules allow. The pure rules have their own tests in
 * src/domain/grading; this checks the round, the stored copy of the rules and the sheet agree.
 */
let app: App;
let db: Db;
let drop: () => Promise<void>;
let bloc: TestOrg, grassroots: TestOrg, cell: TestOrg;
let person: TestMember;
let blocManager: TestClient, grassrootsManager: TestClient;

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
  bloc = await buildOrg(db, { name: 'Đảng ủy Khối', kind: 'bloc_committee' });
  grassroots = await buildOrg(db, { parent: bloc, name: 'Đảng bộ Sở Tài chính', kind: 'grassroots' });
  cell = await buildOrg(db, { parent: grassroots, name: 'Chi bộ Văn phòng' });
  person = await buildMember(db, cell, { fullName: 'Nguyễn Thị Mai' });
  const login = async (org: TestOrg) => {
    const u = await buildUser(db, [{ org, role: 'manager' }]);
    return loginAs(app, u.username, u.password);
  };
  blocManager = await login(bloc);
  grassrootsManager = await login(grassroots);
});
afterAll(async () => {
  await app?.close();
  await drop?.();
});

const rounds = [
  { code: 'QD132', periodKind: 'year', periodKey: '2021', due: ['2021-12-10', '2021-12-20', '2021-12-31'] },
  { code: 'QD124', periodKind: 'year', periodKey: '2024', due: ['2024-12-10', '2024-12-20', '2024-12-31'] },
  { code: 'QD366', periodKind: 'quarter', periodKey: '2026-Q1', due: ['2026-03-25', '2026-03-28', '2026-03-31'] },
] as const;
const thresholds: [number, string][] = [
  [90, 'excellent'],
  [89.99, 'good'],
  [70, 'good'],
  [69.99, 'completed'],
  [50, 'completed'],
  [49.99, 'failed'],
];
// Every task on time and a third beyond requirement: QĐ 366's conditions of the top level hold.
const tasks = { total: 9, onTime: 9, late: 0, overdue: 0, beyond: 3 };

describe('each rule set’s levels at their thresholds, through the server', () => {
  for (const r of rounds) {
    it(`${r.code}: a member at 90 / 89,99 / 70 / 69,99 / 50 / 49,99 points`, async () => {
      const opened = await blocManager.post('/api/grading/rounds', {
        orgId: bloc.id,
        periodKind: r.periodKind,
        periodKey: r.periodKey,
        selfAssessDue: r.due[0],
        reviewDue: r.due[1],
        decideDue: r.due[2],
      });
      expect(opened.statusCode, opened.body).toBe(201);
      const roundId = opened.json().id as number;
      const { rows } = await db.query<{ code: string }>(`SELECT rule_set->>'code' AS code FROM grading_rounds WHERE id = $1`, [roundId]);
      expect(rows[0]!.code).toBe(r.code);
      const list = await grassrootsManager.get(`/api/grading/rounds/${roundId}/evaluations?pageSize=50&subjectKind=member`);
      expect(list.statusCode, list.body).toBe(200);
      const e = (list.json().items as { id: number; version: number; memberId: number }[]).find((x) => x.memberId === person.id)!;
      const criteria = BUILT_IN_RULE_SETS.find((s) => s.code === r.code)!.criteria.member;
      let version = e.version;
      for (const [total, level] of thresholds) {
        const points = Object.fromEntries(criteria.map((c) => [c.key, (c.maxPoints * total) / 100]));
        const res = await grassrootsManager.put(`/api/grading/evaluations/${e.id}`, { version, points, tasks });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json().score, `${r.code} at ${total}`).toBeCloseTo(total, 2);
        expect(res.json().ruleLevel, `${r.code} at ${total}`).toBe(level);
        version = res.json().version;
      }
    });
  }
});
