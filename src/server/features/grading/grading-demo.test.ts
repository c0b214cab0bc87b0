import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemo } from '../../test/demo';
import type { TestClient } from '../../test/http';
import type { Db } from '../../db/pool';

let db: Db;
let admin: TestClient;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, admin, close } = await openDemo());
}, 300_000); // includes waiting for another file to build the demo template (test/db.ts)
afterAll(async () => close?.());

type Round = { id: number; orgName: string; periodKey: string; ruleSetCode: string; isSample: boolean; total: number; decided: number };

describe('demo grading', () => {
  it('grades the bloc and Dĩ An 2021–2024 under QĐ 132 then 124, and the bloc’s 2026 first quarter under QĐ 366, part decided', async () => {
    const rounds = (await admin.get('/api/grading/rounds')).json() as Round[];
    const bloc = (key: string) => rounds.find((r) => r.orgName.startsWith('Đảng ủy Khối') && r.periodKey === key)!;
    expect(bloc('2021').ruleSetCode).toBe('QD132');
    expect(bloc('2024').ruleSetCode).toBe('QD124');
    expect(rounds.filter((r) => r.periodKey === '2024')).toHaveLength(2);
    const q1 = bloc('2026-Q1');
    expect(q1.ruleSetCode).toBe('QD366');
    expect(q1.decided).toBeGreaterThan(0);
    expect(q1.decided).toBeLessThan(q1.total);
    expect(rounds.every((r) => r.isSample)).toBe(true);
  });

  it('gives real, not perfect shares, within every quota', async () => {
    const rounds = (await admin.get('/api/grading/rounds')).json() as Round[];
    const r2024 = rounds.find((r) => r.orgName.startsWith('Đảng ủy Khối') && r.periodKey === '2024')!;
    const results = (await admin.get(`/api/grading/results?roundId=${r2024.id}`)).json();
    expect(results.members.goodOrAbove.percent).toBeGreaterThan(85);
    expect(results.members.goodOrAbove.percent).toBeLessThan(100);
    expect(results.orgs.goodOrAbove.percent).toBeGreaterThan(90);
    expect(results.orgs.goodOrAbove.percent).toBeLessThan(100);
    const { rows } = await db.query<{ over: number }>(
      `SELECT count(*)::int AS over FROM (
         SELECT round_id, subject_kind, decider_org_id, count(*) FILTER (WHERE decided_level = 'excellent') AS ex, count(*) AS size
           FROM grading_evaluations WHERE is_current GROUP BY 1, 2, 3) g WHERE ex > floor(size * 0.2)`,
    );
    expect(rows[0]!.over).toBe(0);
  });
});
