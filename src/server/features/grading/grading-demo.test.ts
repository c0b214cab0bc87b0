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
  it('grades the bloc and Dĩ An 2021–2024 under QĐ 132 then 124, and nothing of the bloc after it ended (01/07/2025)', async () => {
    const rounds = (await admin.get('/api/grading/rounds')).json() as Round[];
    const bloc = (key: string) => rounds.find((r) => r.orgName.startsWith('Đảng ủy Khối') && r.periodKey === key)!;
    expect(bloc('2021').ruleSetCode).toBe('QD132');
    expect(bloc('2024').ruleSetCode).toBe('QD124');
    expect(rounds.filter((r) => r.periodKey === '2024')).toHaveLength(2);
    expect(rounds.filter((r) => r.orgName.startsWith('Đảng ủy Khối') && r.periodKey.startsWith('2026'))).toEqual([]);
    expect(rounds.every((r) => r.isSample)).toBe(true);
  });

  it('grades the first quarter of 2026 under QĐ 366 in the new term’s tree: a ward of TP.HCM, its cells and members, part decided, part in review', async () => {
    const rounds = (await admin.get('/api/grading/rounds')).json() as (Round & { orgId: number; orgs: number; members: number })[];
    const q1 = rounds.filter((r) => r.periodKey === '2026-Q1');
    expect(q1).toHaveLength(1);
    const round = q1[0]!;
    expect(round.orgName).toBe('Đảng ủy phường Bến Thành');
    expect(round.ruleSetCode).toBe('QD366');
    expect(round.isSample).toBe(true);
    expect(round.decided).toBeGreaterThan(0);
    expect(round.decided).toBeLessThan(round.total);
    // The ward's cells are rated (its own four and the eight of the three old wards merged
    // into it on 01/07/2025), and every member of them has a form.
    const { rows: cells } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM orgs WHERE parent_id = $1 AND kind = 'cell' AND valid_to IS NULL`,
      [round.orgId],
    );
    expect(cells[0]!.n).toBe(12);
    expect(round.orgs).toBe(12);
    const { rows: members } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM members m JOIN orgs o ON o.id = m.org_id JOIN orgs c ON c.id = $1
        WHERE o.path <@ c.path AND m.status IN ('official','probationary')`,
      [round.orgId],
    );
    expect(round.members).toBe(members[0]!.n);
    expect(round.members).toBeGreaterThan(30);
    // Every rated org and member lies in the new city's tree, none in the closed bloc's.
    const { rows: outside } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM grading_evaluations e JOIN orgs o ON o.id = e.org_id JOIN orgs c ON c.id = $2
        WHERE e.round_id = $1 AND NOT o.path <@ c.path`,
      [round.id, round.orgId],
    );
    expect(outside[0]!.n).toBe(0);
    // In review means at the steps before the decision, and the steps are kept in order.
    const { rows: steps } = await db.query<{ status: string; n: number; withProposal: number; withComment: number }>(
      `SELECT status, count(*)::int AS n, count(proposed_level)::int AS "withProposal", count(comment)::int AS "withComment"
         FROM grading_evaluations WHERE round_id = $1 AND is_current GROUP BY 1`,
      [round.id],
    );
    const of = (s: string) => steps.find((r) => r.status === s);
    expect(steps.map((r) => r.status).sort()).toEqual(['commented', 'decided', 'proposed', 'self_assessed']);
    expect(of('proposed')!.withProposal).toBe(of('proposed')!.n);
    expect(of('commented')!.withProposal).toBe(0);
    expect(of('commented')!.withComment).toBe(of('commented')!.n);
    expect(of('self_assessed')!.withComment).toBe(0);
    expect(of('decided')!.n).toBe(round.decided);
    // The results answer for the round, from its decided ratings only.
    const results = (await admin.get(`/api/grading/results?roundId=${round.id}`)).json();
    expect(results.orgs.goodOrAbove.denominator + results.members.goodOrAbove.denominator).toBe(round.decided);
    expect(results.orgs.pending + results.members.pending).toBe(round.total - round.decided);
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
