import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import { buildDocument, buildMember, buildOrg, buildStudySession, buildUser, type TestMember, type TestOrg } from '../../test/factories';
import { buildTestApp, loginAs, type TestClient } from '../../test/http';

/**
 * The study figures of the self-assessment evidence (issue 15, "Self-assessment with evidence"),
 * recounted here from the sessions and attendance rows behind them rather than from the kept
 * study tables the round reads: an org's study coverage (members of its subtree who attended a
 * session on a document by the period's end, over its members) and a member's attendance in
 * the period (present, excused, absent).
 */
let app: App;
let db: Db;
let drop: () => Promise<void>;
let bloc: TestOrg, grassroots: TestOrg, cellA: TestOrg, cellB: TestOrg;
const m: Record<string, TestMember> = {};
let blocManager: TestClient;
const periodEnd = '2025-12-31';

async function session(day: string, documentIds: number[], marks: [string, 'present' | 'excused' | 'absent'][]) {
  const startsAt = new Date(`${day}T08:00:00+07:00`);
  const { id } = await buildStudySession(db, bloc, { startsAt, endsAt: new Date(`${day}T11:00:00+07:00`), documentIds });
  for (const [name, status] of marks) {
    const member = m[name]!;
    const { rows } = await db.query<{ org_id: number }>('SELECT org_id FROM members WHERE id = $1', [member.id]);
    await db.query(`INSERT INTO attendances (session_id, member_id, org_id, status, method, at) VALUES ($1, $2, $3, $4, 'manual', $5)`, [
      id,
      member.id,
      rows[0]!.org_id,
      status,
      startsAt,
    ]);
  }
  return id;
}

/** Coverage recounted from attendance: present at a session with a document, checked in by the period's end. */
async function recountCoverage(org: TestOrg) {
  const { rows } = await db.query<{ members: number; studied: number }>(
    `SELECT (SELECT count(*)::int FROM members x JOIN orgs o ON o.id = x.org_id WHERE o.path <@ $1::ltree) AS members,
            (SELECT count(DISTINCT a.member_id)::int FROM attendances a JOIN members x ON x.id = a.member_id JOIN orgs o ON o.id = x.org_id
              WHERE o.path <@ $1::ltree AND a.status = 'present' AND (a.at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= $2::date
                AND EXISTS (SELECT 1 FROM study_session_documents d WHERE d.session_id = a.session_id)) AS studied`,
    [org.path, periodEnd],
  );
  return rows[0]!;
}

/** Attendance recounted from the rows of the sessions held in the period. */
async function recountAttendance(member: TestMember) {
  const { rows } = await db.query<{ present: number; excused: number; absent: number }>(
    `SELECT count(*) FILTER (WHERE a.status = 'present')::int AS present, count(*) FILTER (WHERE a.status = 'excused')::int AS excused,
            count(*) FILTER (WHERE a.status = 'absent')::int AS absent
       FROM attendances a JOIN study_sessions s ON s.id = a.session_id
      WHERE a.member_id = $1 AND (s.starts_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date BETWEEN '2025-01-01' AND $2::date`,
    [member.id, periodEnd],
  );
  return rows[0]!;
}

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
  bloc = await buildOrg(db, { name: 'Đảng ủy Khối Các cơ quan và doanh nghiệp tỉnh', kind: 'bloc_committee' });
  grassroots = await buildOrg(db, { parent: bloc, name: 'Đảng bộ Bưu điện tỉnh', kind: 'grassroots' });
  cellA = await buildOrg(db, { parent: grassroots, name: 'Chi bộ Văn phòng' });
  cellB = await buildOrg(db, { parent: grassroots, name: 'Chi bộ Khai thác' });
  for (const [key, cell, name] of [
    ['A1', cellA, 'Nguyễn Văn An'],
    ['A2', cellA, 'Trần Thị Bình'],
    ['A3', cellA, 'Lê Văn Cường'],
    ['A4', cellA, 'Phạm Thị Dung'],
    ['B1', cellB, 'Hoàng Văn Em'],
    ['B2', cellB, 'Vũ Thị Giang'],
    ['B3', cellB, 'Đỗ Văn Hải'],
  ] as const)
    m[key] = await buildMember(db, cell, { fullName: name });
  const resolution = (await buildDocument(db, bloc, { symbol: '01-NQ/ĐUK' })).id;
  const directive = (await buildDocument(db, bloc, { symbol: '05-CT/ĐUK' })).id;
  // Studied in 2024: still studied at the end of 2025.
  await session('2024-11-10', [resolution], [['A1', 'present']]);
  const march = await session(
    '2025-03-15',
    [resolution],
    [
      ['A1', 'present'],
      ['A2', 'present'],
      ['A3', 'excused'],
      ['B1', 'present'],
      ['B2', 'absent'],
    ],
  );
  // A second document studied by A1 counts them once.
  await session(
    '2025-09-20',
    [directive],
    [
      ['A1', 'present'],
      ['A2', 'absent'],
      ['B3', 'present'],
    ],
  );
  // A meeting with no document: attendance, not study.
  await session('2025-10-01', [], [['A4', 'present']]);
  // After the period: neither.
  await session('2026-01-15', [resolution], [['A3', 'present']]);
  // The host corrects B1's check-in: excused, so not studied.
  await db.query(`UPDATE attendances SET status = 'excused' WHERE session_id = $1 AND member_id = $2`, [march, m.B1!.id]);
  // A2 moves to cell B and takes what they studied along.
  await db.query('UPDATE members SET org_id = $1 WHERE id = $2', [cellB.id, m.A2!.id]);
  const u = await buildUser(db, [{ org: bloc, role: 'manager' }]);
  blocManager = await loginAs(app, u.username, u.password);
});
afterAll(async () => {
  await app?.close();
  await drop?.();
});

type Item = { id: number; orgId: number; memberId: number | null };

describe('study figures in the self-assessment evidence', () => {
  it('match a recount from sessions and attendance rows', async () => {
    const opened = await blocManager.post('/api/grading/rounds', {
      orgId: bloc.id,
      periodKind: 'year',
      periodKey: '2025',
      selfAssessDue: '2025-12-10',
      reviewDue: '2025-12-20',
      decideDue: periodEnd,
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const roundId = opened.json().id as number;
    const list = async (kind: string) => {
      const res = await blocManager.get(`/api/grading/rounds/${roundId}/evaluations?subjectKind=${kind}&pageSize=100`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items as Item[];
    };
    const evidenceOf = async (id: number) => {
      const res = await blocManager.get(`/api/grading/evaluations/${id}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().evidence as { study: Record<string, number> };
    };

    const orgs = await list('org');
    const expected = { [grassroots.id]: [7, 3], [cellA.id]: [3, 1], [cellB.id]: [4, 2] };
    for (const org of [grassroots, cellA, cellB]) {
      const e = orgs.find((x) => x.orgId === org.id)!;
      const { study } = await evidenceOf(e.id);
      const recount = await recountCoverage(org);
      expect(study, org.name).toEqual(recount);
      // The numbers worked out by hand, so that the recount itself is checked too.
      expect([recount.members, recount.studied], org.name).toEqual(expected[org.id]);
    }

    const members = await list('member');
    expect(members).toHaveLength(7);
    const byHand: Record<string, [number, number, number]> = {
      A1: [2, 0, 0],
      A2: [1, 0, 1],
      A3: [0, 1, 0],
      A4: [1, 0, 0],
      B1: [0, 1, 0],
      B2: [0, 0, 1],
      B3: [1, 0, 0],
    };
    for (const [key, member] of Object.entries(m)) {
      const e = members.find((x) => x.memberId === member.id)!;
      const { study } = await evidenceOf(e.id);
      const recount = await recountAttendance(member);
      expect(study, key).toEqual(recount);
      expect([recount.present, recount.excused, recount.absent], key).toEqual(byHand[key]);
    }
  });
});
