import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import { buildDocument, buildItem, buildMember, buildOrg, buildTask, buildUser, type TestMember, type TestOrg } from '../../test/factories';
import { anonymous, buildTestApp, loginAs, type TestClient } from '../../test/http';
import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { docxToText } from '../../lib/docx-text';
import { sendGradingReminders } from './reminders.service';

let app: App;
let db: Db;
let drop: () => Promise<void>;
let bloc: TestOrg, grassroots: TestOrg, cellA: TestOrg, cellB: TestOrg, other: TestOrg;
let membersA: TestMember[], membersB: TestMember[];
let blocManager: TestClient,
  grassrootsManager: TestClient,
  grassrootsApprover: TestClient,
  cellSecretary: TestClient,
  member: TestClient,
  outsider: TestClient;
let roundId: number;
let pledgeId: number;

const login = async (grants: { org: TestOrg; role: 'manager' | 'reporter' | 'approver' | 'member' | 'viewer' }[], memberId?: number) => {
  const u = await buildUser(db, grants);
  if (memberId) await db.query('UPDATE users SET member_id = $1 WHERE id = $2', [memberId, u.id]);
  return loginAs(app, u.username, u.password);
};
type Eval = { id: number; version: number; status: string; memberId: number | null; subjectKind: string; orgId: number };
const evaluations = async (client: TestClient, query = '') => {
  const res = await client.get(`/api/grading/rounds/${roundId}/evaluations?pageSize=500${query}`);
  expect(res.statusCode).toBe(200);
  return res.json().items as Eval[];
};
const evalOf = async (memberId: number) =>
  (await evaluations(grassrootsManager, '&subjectKind=member')).find((e) => e.memberId === memberId)!;
const current = async (id: number) => (await grassrootsManager.get(`/api/grading/evaluations/${id}`)).json() as Eval & { status: string };

/** Points for a member sheet under QĐ 366 that reach `level` with all tasks on time. */
const sheet = (level: 'excellent' | 'good' | 'completed') => ({
  points: { politics_ethics: 28, results: level === 'excellent' ? 65 : level === 'good' ? 50 : 30 },
  tasks: { total: 3, onTime: 3, late: 0, overdue: 0, beyond: 1 },
});
/** Takes a member's evaluation through self-assessment, comment and proposal. */
async function readyToDecide(memberId: number, level: 'excellent' | 'good' | 'completed') {
  let e = await evalOf(memberId);
  const save = await grassrootsManager.put(`/api/grading/evaluations/${e.id}`, { version: e.version, ...sheet(level) });
  expect(save.statusCode).toBe(200);
  let v = save.json().version as number;
  for (const [step, body] of [
    ['self-assess', {}],
    ['comment', { comment: 'Chi bộ thống nhất.' }],
    ['propose', { level, votes: { present: 9, agree: 9, disagree: 0 } }],
  ] as const) {
    const res = await grassrootsManager.post(`/api/grading/evaluations/${e.id}/${step}`, { version: v, ...body });
    expect(res.statusCode, res.body).toBe(200);
    v = res.json().version;
  }
  e = await current(e.id);
  return e;
}

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
  bloc = await buildOrg(db, { name: 'Đảng ủy Khối Các cơ quan và doanh nghiệp tỉnh', kind: 'bloc_committee' });
  grassroots = await buildOrg(db, { parent: bloc, name: 'Đảng bộ Sở Xây dựng', kind: 'grassroots' });
  cellA = await buildOrg(db, { parent: grassroots, name: 'Chi bộ Văn phòng' });
  cellB = await buildOrg(db, { parent: grassroots, name: 'Chi bộ Phòng Quy hoạch' });
  other = await buildOrg(db, { name: 'Tỉnh ủy khác' });
  membersA = [];
  for (const n of ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường', 'Phạm Thị Dung', 'Hoàng Văn Em', 'Vũ Thị Giang'])
    membersA.push(await buildMember(db, cellA, { fullName: n }));
  membersB = [];
  for (const n of ['Đỗ Văn Hải', 'Bùi Thị Hoa', 'Ngô Văn Khải', 'Đặng Thị Lan'])
    membersB.push(await buildMember(db, cellB, { fullName: n }));
  // The document and the pledge straight in their tables: the documents and study features own creating them.
  const doc = await buildDocument(db, bloc, { term: '2025-2030', number: 1, symbol: '01-NQ/ĐUK', title: 'Nghị quyết Đại hội' });
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO pledges (member_id, document_id, year, commitments) VALUES ($1, $2, 2026, '["Hoàn thành số hóa hồ sơ lưu trữ", "Tham gia đủ sinh hoạt chi bộ"]') RETURNING id`,
    [membersA[0]!.id, doc.id],
  );
  pledgeId = rows[0]!.id;
  blocManager = await login([{ org: bloc, role: 'manager' }]);
  grassrootsManager = await login([{ org: grassroots, role: 'manager' }]);
  grassrootsApprover = await login([{ org: grassroots, role: 'approver' }]);
  cellSecretary = await login([{ org: cellA, role: 'reporter' }]);
  member = await login([{ org: cellA, role: 'member' }], membersA[0]!.id);
  outsider = await login([{ org: other, role: 'manager' }]);
});
afterAll(async () => {
  await app.close();
  await drop();
});

const roundBody = {
  periodKind: 'quarter',
  periodKey: '2026-Q3',
  selfAssessDue: '2026-10-10',
  reviewDue: '2026-10-20',
  decideDue: '2026-10-31',
};

describe('opening a round', () => {
  it('refuses the unauthenticated, a wrong role, another province and bad input', async () => {
    expect((await (await anonymous(app)).post('/api/grading/rounds', { orgId: bloc.id, ...roundBody })).statusCode).toBe(401);
    expect((await cellSecretary.post('/api/grading/rounds', { orgId: cellA.id, ...roundBody })).statusCode).toBe(403);
    expect((await outsider.post('/api/grading/rounds', { orgId: bloc.id, ...roundBody })).statusCode).toBe(404);
    const bad = await blocManager.post('/api/grading/rounds', { orgId: bloc.id, ...roundBody, periodKey: 'quý 3' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('body.periodKey');
    const noRules = await blocManager.post('/api/grading/rounds', { orgId: bloc.id, ...roundBody, periodKey: '2024-Q1' });
    expect(noRules.statusCode).toBe(400);
    expect(noRules.json().error.details.fields[0].field).toBe('body.periodKind');
    const order = await blocManager.post('/api/grading/rounds', { orgId: bloc.id, ...roundBody, decideDue: '2026-10-01' });
    expect(order.statusCode).toBe(400);
  });

  it('creates one evaluation per party organization and per member, under QĐ 366 for a 2026 quarter', async () => {
    const res = await blocManager.post('/api/grading/rounds', { orgId: bloc.id, ...roundBody });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ ruleSetCode: 'QD366', orgs: 3, members: 10 });
    roundId = res.json().id;
    expect((await blocManager.post('/api/grading/rounds', { orgId: bloc.id, ...roundBody })).statusCode).toBe(409);
    const audit = await db.query(`SELECT 1 FROM audit_log WHERE entity = 'grading_round' AND entity_id = $1`, [String(roundId)]);
    expect(audit.rowCount).toBe(1);
  });

  it('picks QĐ 124 for the year 2024', async () => {
    const res = await grassrootsManager.post('/api/grading/rounds', {
      orgId: grassroots.id,
      periodKind: 'year',
      periodKey: '2024',
      selfAssessDue: '2024-12-10',
      reviewDue: '2024-12-20',
      decideDue: '2024-12-31',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ ruleSetCode: 'QD124', orgs: 2, members: 10 });
  });

  it('shows the round to the cell secretary and to the member, not to another province', async () => {
    expect((await cellSecretary.get(`/api/grading/rounds/${roundId}`)).statusCode).toBe(200);
    expect((await member.get(`/api/grading/rounds/${roundId}`)).statusCode).toBe(200);
    expect((await outsider.get(`/api/grading/rounds/${roundId}`)).statusCode).toBe(404);
    const list = await cellSecretary.get('/api/grading/rounds');
    expect(list.json().map((r: { id: number }) => r.id)).toContain(roundId);
    expect((await outsider.get('/api/grading/rounds')).json()).toEqual([]);
  });
});

describe('self-assessment', () => {
  it('shows a member their own evaluation with their pledges, and no one else’s', async () => {
    const mine = await member.get('/api/grading/my-evaluations');
    expect(mine.statusCode).toBe(200);
    const item = mine.json().items.find((i: { roundId: number }) => i.roundId === roundId);
    expect(item.evidence.pledges[0]).toMatchObject({
      pledgeId,
      commitments: ['Hoàn thành số hóa hồ sơ lưu trữ', 'Tham gia đủ sinh hoạt chi bộ'],
    });
    expect(item.abilities.selfAssess).toBe(true);
    const others = await evalOf(membersA[1]!.id);
    expect((await member.get(`/api/grading/evaluations/${others.id}`)).statusCode).toBe(404);
    expect((await member.put(`/api/grading/evaluations/${others.id}`, { version: others.version })).statusCode).toBe(404);
    expect((await cellSecretary.get(`/api/grading/evaluations/${(await evalOf(membersB[0]!.id)).id}`)).statusCode).toBe(404);
    expect((await member.get(`/api/grading/rounds/${roundId}/evaluations`)).statusCode).toBe(403);
  });

  it('scores the sheet, reviews the pledges and says why a level is not reached', async () => {
    const e = await evalOf(membersA[0]!.id);
    const badPledge = await member.put(`/api/grading/evaluations/${e.id}`, {
      version: e.version,
      pledgeReviews: [{ pledgeId: pledgeId + 999, result: 'kept' }],
    });
    expect(badPledge.statusCode).toBe(400);
    expect(badPledge.json().error.details.fields[0].field).toBe('body.pledgeReviews.0.pledgeId');
    const tooMany = await member.put(`/api/grading/evaluations/${e.id}`, { version: e.version, points: { results: 71 } });
    expect(tooMany.json().error.details.fields[0].field).toBe('body.points.results');
    const res = await member.put(`/api/grading/evaluations/${e.id}`, {
      version: e.version,
      points: { politics_ethics: 29, results: 66 },
      tasks: { total: 5, onTime: 3, late: 0, overdue: 2, beyond: 2 },
      narrative: {
        strengths: 'Hoàn thành tốt công việc chuyên môn.',
        weaknesses: 'Còn 2 việc chậm.',
        causes: 'Khối lượng lớn.',
        remedies: 'Sắp xếp lại thời gian.',
      },
      pledgeReviews: [{ pledgeId, result: 'partly', note: 'Đã số hóa 80% hồ sơ' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ score: 95, ruleLevel: 'good' });
    expect(res.json().reasons[0]).toBe('Chưa đạt mức Xuất sắc: 2 nhiệm vụ quá hạn, điều kiện mức Xuất sắc là 100% đúng hạn');
    expect((await member.put(`/api/grading/evaluations/${e.id}`, { version: e.version })).statusCode).toBe(409);
    const above = await member.post(`/api/grading/evaluations/${e.id}/self-assess`, { version: res.json().version, level: 'excellent' });
    expect(above.statusCode).toBe(400);
    expect(above.json().error.details.fields[0].message).toContain('quá hạn');
    const ok = await member.post(`/api/grading/evaluations/${e.id}/self-assess`, { version: res.json().version });
    expect(ok.json()).toMatchObject({ status: 'self_assessed', level: 'good' });
    const got = (await member.get(`/api/grading/evaluations/${e.id}`)).json();
    expect(got.pledgeReviews).toEqual([{ pledgeId, result: 'partly', note: 'Đã số hóa 80% hồ sơ' }]);
    expect(got.selfLevel).toBe('good');
  });
});

describe('review and decision', () => {
  it('goes in order, none skipped, each by its competent level', async () => {
    let e = await current((await evalOf(membersA[0]!.id)).id);
    expect(
      (await grassrootsApprover.post(`/api/grading/evaluations/${e.id}/decide`, { version: e.version, level: 'good' })).statusCode,
    ).toBe(409);
    expect(
      (
        await grassrootsManager.post(`/api/grading/evaluations/${e.id}/propose`, {
          version: e.version,
          level: 'good',
          votes: { present: 5, agree: 5, disagree: 0 },
        })
      ).statusCode,
    ).toBe(409);
    expect((await member.post(`/api/grading/evaluations/${e.id}/comment`, { version: e.version, comment: 'Tự nhận xét' })).statusCode).toBe(
      403,
    );
    const comment = await cellSecretary.post(`/api/grading/evaluations/${e.id}/comment`, {
      version: e.version,
      comment: 'Đồng chí gương mẫu, cần khắc phục 2 việc quá hạn.',
    });
    expect(comment.statusCode, comment.body).toBe(200);
    const badVotes = await cellSecretary.post(`/api/grading/evaluations/${e.id}/propose`, {
      version: comment.json().version,
      level: 'good',
      votes: { present: 5, agree: 5, disagree: 1 },
    });
    expect(badVotes.json().error.details.fields[0].field).toBe('body.votes');
    const above = await cellSecretary.post(`/api/grading/evaluations/${e.id}/propose`, {
      version: comment.json().version,
      level: 'excellent',
      votes: { present: 6, agree: 6, disagree: 0 },
    });
    expect(above.statusCode).toBe(400);
    const propose = await cellSecretary.post(`/api/grading/evaluations/${e.id}/propose`, {
      version: comment.json().version,
      level: 'good',
      votes: { present: 6, agree: 6, disagree: 0 },
    });
    expect(propose.statusCode).toBe(200);
    // The cell proposes; the grassroots committee above it decides.
    expect(
      (await cellSecretary.post(`/api/grading/evaluations/${e.id}/decide`, { version: propose.json().version, level: 'good' })).statusCode,
    ).toBe(403);
    e = await current(e.id);
    const decide = await grassrootsApprover.post(`/api/grading/evaluations/${e.id}/decide`, { version: e.version, level: 'good' });
    expect(decide.statusCode, decide.body).toBe(200);
    expect(decide.json()).toMatchObject({ status: 'decided', level: 'good' });
    const locked = await member.put(`/api/grading/evaluations/${e.id}`, { version: decide.json().version, points: { results: 70 } });
    expect(locked.statusCode).toBe(409);
    const audit = await db.query(`SELECT action FROM audit_log WHERE entity = 'grading_evaluation' AND entity_id = $1 ORDER BY id`, [
      String(e.id),
    ]);
    expect(audit.rows.map((r) => r.action)).toEqual(['update', 'self_assess', 'comment', 'propose', 'decide']);
  });

  it('lets only the committee above decide a grassroots organization', async () => {
    const org = (await evaluations(blocManager, '&subjectKind=org')).find((e) => e.orgId === grassroots.id)!;
    let v = org.version;
    const save = await grassrootsManager.put(`/api/grading/evaluations/${org.id}`, {
      version: v,
      points: { leadership: 55, party_building: 22, oversight: 13 },
    });
    expect(save.statusCode, save.body).toBe(200);
    v = save.json().version;
    v = (await grassrootsManager.post(`/api/grading/evaluations/${org.id}/self-assess`, { version: v })).json().version;
    // The org does not comment on or propose itself.
    expect(
      (await grassrootsManager.post(`/api/grading/evaluations/${org.id}/comment`, { version: v, comment: 'Tự nhận xét' })).statusCode,
    ).toBe(403);
    v = (await blocManager.post(`/api/grading/evaluations/${org.id}/comment`, { version: v, comment: 'Ban Thường vụ nhận xét.' })).json()
      .version;
    v = (
      await blocManager.post(`/api/grading/evaluations/${org.id}/propose`, {
        version: v,
        level: 'good',
        votes: { present: 11, agree: 10, disagree: 1 },
      })
    ).json().version;
    expect((await grassrootsApprover.post(`/api/grading/evaluations/${org.id}/decide`, { version: v, level: 'good' })).statusCode).toBe(
      403,
    );
    expect((await blocManager.post(`/api/grading/evaluations/${org.id}/decide`, { version: v, level: 'good' })).statusCode).toBe(200);
  });

  it('settles two reviewers deciding at once: one wins, the other gets 409', async () => {
    const e = await readyToDecide(membersA[1]!.id, 'good');
    const both = await Promise.all([
      grassrootsApprover.post(`/api/grading/evaluations/${e.id}/decide`, { version: e.version, level: 'good' }),
      grassrootsManager.post(`/api/grading/evaluations/${e.id}/decide`, { version: e.version, level: 'completed' }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const winner = both.find((r) => r.statusCode === 200)!.json().level;
    expect(((await current(e.id)) as unknown as { decidedLevel: string }).decidedLevel).toBe(winner);
  });

  it('refuses an excellent rating over the quota, with the numbers, even when two are decided in parallel', async () => {
    // 10 members decided by the grassroots committee: at most 2 excellent.
    const first = await readyToDecide(membersA[2]!.id, 'excellent');
    expect(
      (await grassrootsApprover.post(`/api/grading/evaluations/${first.id}/decide`, { version: first.version, level: 'excellent' }))
        .statusCode,
    ).toBe(200);
    const [x, y] = [await readyToDecide(membersA[3]!.id, 'excellent'), await readyToDecide(membersB[0]!.id, 'excellent')];
    const both = await Promise.all([
      grassrootsApprover.post(`/api/grading/evaluations/${x.id}/decide`, { version: x.version, level: 'excellent' }),
      grassrootsManager.post(`/api/grading/evaluations/${y.id}/decide`, { version: y.version, level: 'excellent' }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const refused = both.find((r) => r.statusCode === 409)!.json().error;
    expect(refused.message).toBe('Vượt tỷ lệ mức Hoàn thành xuất sắc: đã có 2/10, tối đa 2 (20%)');
    expect(refused.details.quota).toEqual({ limit: 2, taken: 2, groupSize: 10 });
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM grading_evaluations WHERE round_id = $1 AND is_current AND decided_level = 'excellent' AND subject_kind = 'member'`,
      [roundId],
    );
    expect(rows[0].n).toBe(2);
  });

  it('corrects a decided rating as a new version with its reason', async () => {
    const e = await evalOf(membersA[0]!.id);
    expect(
      (
        await cellSecretary.post(`/api/grading/evaluations/${e.id}/correct`, {
          version: e.version,
          level: 'completed',
          reason: 'Phát hiện thêm vi phạm',
        })
      ).statusCode,
    ).toBe(403);
    const short = await grassrootsApprover.post(`/api/grading/evaluations/${e.id}/correct`, {
      version: e.version,
      level: 'completed',
      reason: 'x',
    });
    expect(short.json().error.details.fields[0].field).toBe('body.reason');
    const res = await grassrootsApprover.post(`/api/grading/evaluations/${e.id}/correct`, {
      version: e.version,
      level: 'completed',
      reason: 'Kết luận kiểm tra phát hiện thêm vi phạm',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ versionNo: 2, decidedLevel: 'completed' });
    const got = (await member.get(`/api/grading/evaluations/${res.json().id}`)).json();
    expect(got.history.map((h: { versionNo: number; decidedLevel: string }) => [h.versionNo, h.decidedLevel])).toEqual([
      [1, 'good'],
      [2, 'completed'],
    ]);
    expect(got.correctionReason).toBe('Kết luận kiểm tra phát hiện thêm vi phạm');
    expect(
      (
        await grassrootsApprover.post(`/api/grading/evaluations/${e.id}/correct`, {
          version: e.version + 1,
          level: 'good',
          reason: 'Lần hai trên bản cũ',
        })
      ).statusCode,
    ).toBe(409);
  });
});

describe('results', () => {
  it('recomputes the shares from the list behind them', async () => {
    const res = await blocManager.get(`/api/grading/results?roundId=${roundId}`);
    expect(res.statusCode).toBe(200);
    const r = res.json();
    const list = async (subjectKind: string, extra = '') =>
      (await blocManager.get(`/api/grading/results/list?roundId=${roundId}&subjectKind=${subjectKind}${extra}`)).json();
    const decided = await list('member');
    const good = await list('member', '&atLeast=good');
    expect(r.members.goodOrAbove).toEqual({
      numerator: good.total,
      denominator: decided.total,
      percent: Math.round((good.total * 1000) / decided.total) / 10,
    });
    expect(r.members.counts.excellent).toBe(2);
    expect(r.members.pending + decided.total).toBe(10);
    const orgsGood = await list('org', '&atLeast=good');
    expect(r.orgs.goodOrAbove.numerator).toBe(orgsGood.total);
    const sumChildren = r.children.reduce(
      (a: number, c: { members: { goodOrAbove: { denominator: number } } }) => a + c.members.goodOrAbove.denominator,
      0,
    );
    expect(sumChildren).toBe(r.members.goodOrAbove.denominator);
  });

  it('shows a cell secretary only their cell and refuses an org outside scope', async () => {
    const res = await cellSecretary.get(`/api/grading/results?roundId=${roundId}&orgId=${cellA.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().members.counts.excellent + res.json().members.pending).toBeLessThanOrEqual(6);
    expect((await cellSecretary.get(`/api/grading/results?roundId=${roundId}&orgId=${cellB.id}`)).statusCode).toBe(404);
    expect((await cellSecretary.get(`/api/grading/results/list?roundId=${roundId}&orgId=${cellB.id}&subjectKind=member`)).statusCode).toBe(
      404,
    );
    expect((await cellSecretary.get(`/api/grading/results?roundId=abc`)).statusCode).toBe(400);
  });

  it('shows a member the decided results of their own cell with the list behind them, and nothing of another cell', async () => {
    const anon = await anonymous(app);
    expect((await anon.get(`/api/grading/results?roundId=${roundId}`)).statusCode).toBe(401);
    const mine = await member.get(`/api/grading/results?roundId=${roundId}`);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().org.id).toBe(cellA.id);
    const counts = mine.json().members.counts as Record<string, number>;
    const decided = Object.values(counts).reduce((a, b) => a + b, 0);
    const list = await member.get(`/api/grading/results/list?roundId=${roundId}&subjectKind=member&pageSize=100`);
    expect(list.statusCode, list.body).toBe(200);
    // The numbers recomputed from the list: only decided ratings of the member's own cell.
    expect(list.json().total).toBe(decided);
    expect(decided).toBeGreaterThan(0);
    expect(new Set((list.json().items as { orgName: string }[]).map((i) => i.orgName))).toEqual(new Set(['Chi bộ Văn phòng']));
    // The round's org reads as the member's part of it, never more.
    const { rows: round } = await db.query<{ orgId: number }>(`SELECT org_id AS "orgId" FROM grading_rounds WHERE id = $1`, [roundId]);
    const whole = await member.get(`/api/grading/results?roundId=${roundId}&orgId=${round[0]!.orgId}`);
    expect(whole.statusCode).toBe(200);
    expect(whole.json().members.counts).toEqual(counts);
    expect((await member.get(`/api/grading/results?roundId=${roundId}&orgId=${cellB.id}`)).statusCode).toBe(404);
    expect((await member.get(`/api/grading/results/list?roundId=${roundId}&orgId=${cellB.id}&subjectKind=member`)).statusCode).toBe(404);
    expect((await member.get(`/api/grading/results?roundId=${roundId}&orgId=${other.id}`)).statusCode).toBe(404);
    expect((await member.get(`/api/grading/results?roundId=x`)).statusCode).toBe(400);
    // Not a member of another province's round.
    expect((await outsider.get(`/api/grading/results?roundId=${roundId}`)).statusCode).toBe(404);
  });

  it('flags those rated "không hoàn thành" two years running', async () => {
    const open = (year: number) =>
      grassrootsManager.post('/api/grading/rounds', {
        orgId: grassroots.id,
        periodKind: 'year',
        periodKey: String(year),
        selfAssessDue: `${year}-12-10`,
        reviewDue: `${year}-12-20`,
        decideDue: `${year}-12-31`,
      });
    const r2025 = (await open(2025)).json().id;
    const { rows: r2024 } = await db.query<{ id: number }>(`SELECT id FROM grading_rounds WHERE org_id = $1 AND period_key = '2024'`, [
      grassroots.id,
    ]);
    // Decided ratings written straight in: the workflow is tested above.
    await db.query(
      `UPDATE grading_evaluations SET status = 'decided', decided_level = 'failed' WHERE round_id = ANY($1::bigint[]) AND member_id = $2`,
      [[r2024[0]!.id, r2025], membersB[3]!.id],
    );
    const res = await grassrootsManager.get(`/api/grading/results?roundId=${r2025}`);
    expect(res.json().flagged.map((f: { name: string }) => f.name)).toEqual(['Đặng Thị Lan']);
    const history = await grassrootsManager.get(`/api/grading/orgs/${grassroots.id}/history`);
    expect(history.json().years.map((y: { year: string }) => y.year)).toEqual(['2024', '2025']);
  });
});

describe('results feed the targets', () => {
  it('makes the decided shares the actuals of the "hoàn thành tốt" targets, equal to the results and their list', async () => {
    const documentId = (await buildDocument(db, grassroots, { number: 2, symbol: '02-NQ/ĐU', title: 'Nghị quyết Đại hội Đảng bộ Sở' })).id;
    const rate = { kind: 'target', unit: '%', byYear: 2025 };
    await buildItem(db, documentId, {
      ...rate,
      position: 1,
      text: 'Hằng năm có 100% chi bộ hoàn thành tốt nhiệm vụ',
      indicator: 'ORG_GOOD_RATE',
      comparator: '=',
      value: 100,
    });
    await buildItem(db, documentId, {
      ...rate,
      position: 2,
      text: '90% đảng viên trở lên hoàn thành tốt nhiệm vụ',
      indicator: 'MEMBER_GOOD_RATE',
      comparator: '>=',
      value: 90,
    });
    const { rows: r2024 } = await db.query<{ id: number }>(`SELECT id FROM grading_rounds WHERE org_id = $1 AND period_key = '2024'`, [
      grassroots.id,
    ]);
    const round2024 = r2024[0]!.id;
    // Decided ratings of 2024 written straight in (the workflow is tested above): 8 of 10 members good or above, 1 of 2 cells.
    const levels = ['excellent', 'good', 'good', 'good', 'good', 'good', 'good', 'good', 'completed', 'failed'];
    const everyone = [...membersA, ...membersB];
    for (let i = 0; i < everyone.length; i++) {
      await db.query(
        `UPDATE grading_evaluations SET status = 'decided', decided_level = $3, decided_at = '2024-12-28' WHERE round_id = $1 AND member_id = $2`,
        [round2024, everyone[i]!.id, levels[i]],
      );
    }
    await db.query(
      `UPDATE grading_evaluations SET status = 'decided', decided_level = CASE WHEN org_id = $2 THEN 'good' ELSE 'completed' END, decided_at = '2024-12-28' WHERE round_id = $1 AND subject_kind = 'org'`,
      [round2024, cellA.id],
    );

    const results = (await grassrootsManager.get(`/api/grading/results?roundId=${round2024}`)).json();
    const list = (await grassrootsManager.get(`/api/grading/results/list?roundId=${round2024}&subjectKind=member&atLeast=good`)).json();
    expect(results.members.goodOrAbove).toEqual({ numerator: 8, denominator: 10, percent: 80 });
    expect(list.total).toBe(results.members.goodOrAbove.numerator);

    const dash = await grassrootsManager.get(`/api/documents/${documentId}/dashboard?orgId=${grassroots.id}&asOf=2024-12-31`);
    expect(dash.statusCode, dash.body).toBe(200);
    type T = { indicatorName: string; source: string; latest: number; actuals: { periodKey: string; value: number }[] };
    const targets = dash.json().targets as T[];
    const memberTarget = targets.find((t) => t.indicatorName.startsWith('Tỷ lệ đảng viên'))!;
    const orgTarget = targets.find((t) => t.indicatorName.startsWith('Tỷ lệ chi bộ'))!;
    expect(memberTarget).toMatchObject({ source: 'grading', latest: results.members.goodOrAbove.percent });
    expect(orgTarget).toMatchObject({ source: 'grading', latest: results.orgs.goodOrAbove.percent });
    expect(orgTarget.latest).toBe(50);
    // Before the decisions, nothing is decided: the target has no graded actual.
    const before = (await grassrootsManager.get(`/api/documents/${documentId}/dashboard?orgId=${grassroots.id}&asOf=2024-12-27`)).json()
      .targets as T[];
    expect(before.find((t) => t.indicatorName.startsWith('Tỷ lệ đảng viên'))!.source).toBe('reports');
  });
});

describe('evidence judged when read', () => {
  it('shows an org its own targets of the term with their status, and each subject only the inspection conclusions sent to it in the period', async () => {
    const program = await buildDocument(db, grassroots, {
      kind: 'action_program',
      term: '2025-2030',
      number: 3,
      symbol: '03-CTr/ĐU',
      title: 'Chương trình hành động',
    });
    await buildItem(db, program.id, { kind: 'target', position: 1, text: 'Số hóa 100% hồ sơ', comparator: '=', value: 100, unit: '%' });
    const inspect = (subjectOrg: TestOrg, memberId: number | null, sentAt: string | null, theme: string) =>
      db.query<{ id: number }>(
        `INSERT INTO inspections (org_id, kind, basis, responsible_body, subject_org_id, subject_member_id, content, theme, period_start, period_end, year, status,
                                conclusion_symbol, conclusion_sent_at, strengths, limitations, shortcomings, violations)
       VALUES ($1, 'inspection', 'regular', 'inspection_commission', $2, $3, 'Nội dung', $4, '2026-01-01', '2026-06-30', 2026, 'follow_up', '05-KL/UBKT', $5, 2, 1, 1, 0) RETURNING id`,
        [bloc.id, subjectOrg.id, memberId, theme, sentAt],
      );
    const sent = (await inspect(grassroots, null, '2026-08-15T03:00:00Z', 'Lãnh đạo thực hiện nghị quyết')).rows[0]!.id;
    // One recommendation done and accepted by the commission, one still open.
    const done = await buildTask(db, bloc, { lead: grassroots, title: 'Khắc phục', dueDate: '2026-12-31', status: 'done' });
    await db.query(
      `INSERT INTO inspection_recommendations (inspection_id, position, text, owner_org_id, deadline, task_id, decision) VALUES ($1, 1, 'Khắc phục', $2, '2026-12-31', $3, 'accepted'), ($1, 2, 'Bổ sung', $2, '2026-12-31', NULL, NULL)`,
      [sent, grassroots.id, done],
    );
    await inspect(grassroots, null, null, 'Chưa gửi kết luận');
    await inspect(grassroots, null, '2025-08-15T03:00:00Z', 'Kỳ trước');
    await inspect(cellA, membersA[0]!.id, '2026-09-01T03:00:00Z', 'Kiểm tra đảng viên');

    const orgEval = (await evaluations(blocManager, '&subjectKind=org')).find((e) => e.orgId === grassroots.id)!;
    const res = await blocManager.get(`/api/grading/evaluations/${orgEval.id}/evidence`);
    expect(res.statusCode, res.body).toBe(200);
    const ev = res.json();
    expect(ev.asOf).toBe('2026-09-30');
    expect(ev.plans.map((p: { document: { symbol: string } }) => p.document.symbol)).toEqual(['03-CTr/ĐU']);
    expect(ev.plans[0].targets).toHaveLength(1);
    expect(ev.plans[0].targets[0]).toMatchObject({ status: 'not_assessable', latest: null });
    expect(ev.inspections).toEqual([
      expect.objectContaining({
        id: sent,
        theme: 'Lãnh đạo thực hiện nghị quyết',
        sentOn: '2026-08-15',
        shortcomings: 1,
        recommendations: 2,
        recommendationsDone: 1,
      }),
    ]);

    const mine = (await evaluations(grassrootsManager, '&subjectKind=member')).find((e) => e.memberId === membersA[0]!.id)!;
    const memberEv = (await member.get(`/api/grading/evaluations/${mine.id}/evidence`)).json();
    expect(memberEv.plans).toEqual([]);
    expect(memberEv.inspections.map((i: { theme: string }) => i.theme)).toEqual(['Kiểm tra đảng viên']);
    const someoneElse = (await evaluations(grassrootsManager, '&subjectKind=member')).find((e) => e.memberId === membersA[1]!.id)!;
    expect((await grassrootsManager.get(`/api/grading/evaluations/${someoneElse.id}/evidence`)).json().inspections).toEqual([]);
    expect((await member.get(`/api/grading/evaluations/${someoneElse.id}/evidence`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/grading/evaluations/${orgEval.id}/evidence`)).statusCode).toBe(404);
    expect((await (await anonymous(app)).get(`/api/grading/evaluations/${orgEval.id}/evidence`)).statusCode).toBe(401);
  });
});

describe('documents', () => {
  it('writes the bản kiểm điểm with the pledge review and the round summary in Word, and the results in .xlsx', async () => {
    const e = await evalOf(membersA[0]!.id);
    const doc = await member.get(`/api/grading/evaluations/${e.id}/self-assessment.docx`);
    expect(doc.statusCode).toBe(200);
    const text = await docxToText(doc.rawPayload);
    expect(text).toContain('BẢN KIỂM ĐIỂM CÁ NHÂN');
    expect(text).toContain('Nguyễn Văn An');
    expect(text).toContain('Thực hiện một phần');
    expect(text).toContain('Hoàn thành tốt công việc chuyên môn.');
    if (process.env.GRADING_DOCX_OUT) writeFileSync(process.env.GRADING_DOCX_OUT, doc.rawPayload);
    expect((await member.get(`/api/grading/evaluations/${(await evalOf(membersA[1]!.id)).id}/self-assessment.docx`)).statusCode).toBe(404);

    const summary = await blocManager.get(`/api/grading/rounds/${roundId}/summary.docx`);
    expect(summary.statusCode).toBe(200);
    const results = (await blocManager.get(`/api/grading/results?roundId=${roundId}`)).json();
    expect(await docxToText(summary.rawPayload)).toContain(
      `Hoàn thành tốt nhiệm vụ trở lên: ${results.members.goodOrAbove.numerator}/${results.members.goodOrAbove.denominator}`,
    );
    expect((await cellSecretary.get(`/api/grading/rounds/${roundId}/summary.docx`)).statusCode).toBe(200);

    const sheet = await cellSecretary.get(`/api/grading/results.xlsx?roundId=${roundId}`);
    expect(sheet.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(sheet.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const names = ws.getColumn(2).values.slice(2).map(String);
    // The cell secretary's sheet holds their cell only: the cell itself and its 6 members.
    expect(names).toHaveLength(7);
    expect(names).toContain('Nguyễn Văn An');
    expect(names).not.toContain('Đỗ Văn Hải');
  });
});

describe('rule set versions', () => {
  it('lets an administrator add a version that grades later periods, and refuses others and broken sets', async () => {
    const sets = (await blocManager.get('/api/grading/rule-sets')).json() as { code: string; version: number }[];
    const base = (sets as unknown as Record<string, unknown>[]).find((s) => s.code === 'QD366')!;
    const { version: _v, ...copy } = base;
    const changed: Record<string, unknown> = { ...copy, effectiveFrom: '2027-01-01', quota: { level: 'excellent', maxShare: 0.15 } };
    expect((await blocManager.post('/api/grading/rule-sets', changed)).statusCode).toBe(403);
    const u = await buildUser(db, [{ org: bloc, role: 'admin' }]);
    const admin = await loginAs(app, u.username, u.password);
    const broken = await admin.post('/api/grading/rule-sets', { ...changed, levels: [...(changed.levels as unknown[])].reverse() });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.message).toContain('Các mức phải theo thứ tự');
    const res = await admin.post('/api/grading/rule-sets', changed);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().version).toBe(2);
    const round = await admin.post('/api/grading/rounds', {
      orgId: grassroots.id,
      periodKind: 'quarter',
      periodKey: '2027-Q1',
      selfAssessDue: '2027-04-05',
      reviewDue: '2027-04-10',
      decideDue: '2027-04-15',
    });
    expect(round.statusCode, round.body).toBe(201);
    expect((await admin.get(`/api/grading/rounds/${round.json().id}`)).json().ruleSet).toMatchObject({
      code: 'QD366',
      version: 2,
      quota: { maxShare: 0.15 },
    });
    // The rounds opened before keep their own rules.
    expect((await admin.get(`/api/grading/rounds/${roundId}`)).json().ruleSet.version).toBe(1);
  });
});

describe("reminders of a round's deadlines", () => {
  it('tells whoever holds the next step once before the deadline and once after, and nothing twice', async () => {
    const res = await grassrootsManager.post('/api/grading/rounds', {
      orgId: grassroots.id,
      periodKind: 'quarter',
      periodKey: '2026-Q4',
      selfAssessDue: '2027-01-10',
      reviewDue: '2027-01-20',
      decideDue: '2027-01-31',
    });
    expect(res.statusCode, res.body).toBe(201);
    const q4 = res.json().id as number;
    const notices = async () =>
      (
        await db.query<{ user_id: number; title: string; body: string; link: string }>(
          `SELECT user_id, title, body, link FROM notifications WHERE kind = 'grading_due' AND link IN ('/grading/me', $1) ORDER BY id`,
          [`/grading/rounds/${q4}`],
        )
      ).rows;

    // Nothing before the window opens.
    expect((await sendGradingReminders(db, '2027-01-06')).notifications).toBe(0);
    // Three days before: the member with an account about their own form; cell A's secretary about the cell's own form.
    const soon = await sendGradingReminders(db, '2027-01-07');
    expect(soon.notifications).toBe(2);
    const first = await notices();
    expect(first.map((n) => n.link).sort()).toEqual(['/grading/me', `/grading/rounds/${q4}`]);
    expect(first.find((n) => n.link === '/grading/me')!.body).toBe('Phiếu tự kiểm điểm của đồng chí; hạn 10/01/2027.');
    expect(first.find((n) => n.link !== '/grading/me')!.title).toContain('Sắp đến hạn tự đánh giá');
    expect((await sendGradingReminders(db, '2027-01-08')).notifications).toBe(0);
    // After the deadline, once more, then not again.
    expect((await sendGradingReminders(db, '2027-01-11')).notifications).toBe(2);
    expect((await sendGradingReminders(db, '2027-01-12')).notifications).toBe(0);
    // Two forms proposed: the competent level (the grassroots committee's manager and approver) is told how many wait.
    await db.query(`UPDATE grading_evaluations SET status = 'proposed' WHERE round_id = $1 AND member_id = ANY($2)`, [
      q4,
      [membersA[1]!.id, membersB[0]!.id],
    ]);
    await db.query(`UPDATE grading_evaluations SET status = 'self_assessed' WHERE round_id = $1 AND subject_kind = 'org'`, [q4]);
    await db.query(
      `UPDATE grading_evaluations SET status = 'decided', decided_level = 'good' WHERE round_id = $1 AND subject_kind = 'member' AND status = 'draft'`,
      [q4],
    );
    const decide = await sendGradingReminders(db, '2027-01-29');
    const after = (await notices()).slice(4);
    const decideNotices = after.filter((n) => n.title.includes('quyết định xếp loại'));
    expect(decideNotices).toHaveLength(2);
    expect(new Set(decideNotices.map((n) => n.body))).toEqual(new Set(['2 phiếu chờ quyết định xếp loại; hạn 31/01/2027.']));
    // The cells' own forms, self-assessed and past the review deadline, go to the grassroots committee's reviewers.
    expect(after.filter((n) => n.title.includes('nhận xét, đề xuất')).length).toBeGreaterThan(0);
    expect(decide.notifications).toBe(after.length);
  });
});
