import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import { buildMember, buildOrg, buildUser, type TestOrg } from '../../test/factories';
import { anonymous, buildTestApp, loginAs, type TestClient } from '../../test/http';
import type { RegistryIndicator } from '../../../contracts/registry';
import { sendReviewReminders } from './reminders.service';

let app: App;
let db: Db;
let drop: () => Promise<void>;
let province: TestOrg, cellA: TestOrg, cellB: TestOrg, otherProvince: TestOrg, otherCell: TestOrg, lookalike: TestOrg;
let manager: TestClient, viewer: TestClient, reporter: TestClient, otherManager: TestClient, cellBManager: TestClient;

const login = async (org: TestOrg, role: 'manager' | 'viewer' | 'reporter') => {
  const u = await buildUser(db, [{ org, role }]);
  return loginAs(app, u.username, u.password);
};
const ok = <T = Record<string, unknown>>(res: { statusCode: number; body: string; json: () => unknown }, status = 200) => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
};
const count = async (sql: string, params: unknown[] = []) => (await db.query<{ n: number }>(sql, params)).rows[0]!.n;
const figures = async (client: TestClient, org: TestOrg, from: string, to: string) =>
  ok<{ figures: Record<RegistryIndicator, number> }>(await client.get(`/api/registry/indicators?orgId=${org.id}&from=${from}&to=${to}`))
    .figures;
const rawFigures = async (org: TestOrg, from: string, to: string) => {
  // The figures recomputed from the events themselves, without the kept counts.
  const { rows } = await db.query<Record<string, number>>(
    `SELECT count(*) FILTER (WHERE e.kind = 'admission')::int AS admitted,
            count(*) FILTER (WHERE e.kind = 'admission' AND e.is_non_state)::int AS admitted_nse,
            count(*) FILTER (WHERE e.kind = 'admission' AND e.is_young)::int AS admitted_young,
            count(*) FILTER (WHERE e.kind = 'admission' AND e.is_female)::int AS admitted_female,
            count(*) FILTER (WHERE e.kind = 'official')::int AS made_official,
            count(*) FILTER (WHERE e.kind = 'transfer_in')::int AS transfers_in,
            count(*) FILTER (WHERE e.kind = 'transfer_out')::int AS transfers_out,
            count(*) FILTER (WHERE e.kind IN ('removal','expulsion','resignation'))::int AS removed,
            (SELECT count(*)::int FROM orgs o JOIN members m ON m.org_id = o.id JOIN membership_events a ON a.member_id = m.id AND a.kind = 'admission'
              WHERE o.path <@ $1::ltree AND (a.event_date + interval '1 year')::date < $3::date
                AND NOT EXISTS (SELECT 1 FROM membership_events x WHERE x.member_id = m.id AND x.event_date <= $3::date
                                  AND x.kind IN ('official','removal','expulsion','resignation','death'))) AS overdue
       FROM membership_events e JOIN orgs o ON o.id = e.org_id WHERE o.path <@ $1::ltree AND e.event_date BETWEEN $2 AND $3`,
    [org.path, from, to],
  );
  return rows[0]!;
};

/** A candidate taken through every step to the ceremony on `date`; returns the member id. */
async function admit(
  client: TestClient,
  org: TestOrg,
  introducers: number[],
  opts: { date: string; fullName?: string; gender?: 'male' | 'female'; birthDate?: string; nse?: boolean; code?: string },
) {
  let c = ok<{ id: number; version: number }>(
    await client.post('/api/registry/candidates', {
      orgId: org.id,
      fullName: opts.fullName ?? 'Trần Thị Bình',
      gender: opts.gender ?? 'female',
      birthDate: opts.birthDate ?? '1998-05-01',
      isNonStateEnterprise: opts.nse ?? false,
    }),
    201,
  );
  const y = opts.date.slice(0, 4);
  const steps = [
    { step: 'course', date: `${y}-01-05` },
    { step: 'introduction', date: `${y}-01-20`, introducerIds: introducers },
    { step: 'cell_decision', date: `${y}-02-01`, decision: 'Nghị quyết số 01-NQ/CB' },
    { step: 'committee_decision', date: `${y}-02-15`, decision: 'Quyết định số 120-QĐ/ĐU' },
  ];
  for (const s of steps) c = ok(await client.post(`/api/registry/candidates/${c.id}/steps`, { ...s, version: c.version }));
  const admitted = ok<{ memberId: number; status: string }>(
    await client.post(`/api/registry/candidates/${c.id}/admit`, {
      date: opts.date,
      code: opts.code ?? `DV${Math.random().toString(36).slice(2, 10)}`,
      version: c.version,
    }),
  );
  expect(admitted.status).toBe('admitted');
  return admitted.memberId;
}

let intro1: number, intro2: number;

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
  province = await buildOrg(db, { id: 200, name: 'Tỉnh ủy Bình Dương', kind: 'province_committee' });
  cellA = await buildOrg(db, { parent: province, name: 'Chi bộ Công ty A', kind: 'cell' });
  cellB = await buildOrg(db, { parent: province, name: 'Chi bộ Công ty B', kind: 'cell' });
  otherProvince = await buildOrg(db, { id: 300, name: 'Tỉnh ủy Đồng Nai', kind: 'province_committee' });
  otherCell = await buildOrg(db, { parent: otherProvince, name: 'Chi bộ Khu phố 1', kind: 'cell' });
  lookalike = await buildOrg(db, { id: 2000, name: 'Tỉnh ủy 2000', kind: 'province_committee' });
  intro1 = (await buildMember(db, cellA, { fullName: 'Lê Văn Giới' })).id;
  intro2 = (await buildMember(db, cellA, { fullName: 'Phạm Thị Thiệu' })).id;
  manager = await login(province, 'manager');
  viewer = await login(province, 'viewer');
  reporter = await login(province, 'reporter');
  otherManager = await login(otherProvince, 'manager');
  cellBManager = await login(cellB, 'manager');
}, 120_000);
afterAll(async () => drop());

describe('admission through every step', () => {
  it('makes a probationary member with the admission event, counted in the same transaction', async () => {
    const before = await figures(manager, province, '2024-01-01', '2024-12-31');
    const memberId = await admit(manager, cellA, [intro1, intro2], { date: '2024-03-10', nse: true });
    const t = ok<{ standing: string; reviewDue: string; events: { kind: string; decision: string }[]; member: { status: string } }>(
      await manager.get(`/api/registry/members/${memberId}/timeline`),
    );
    expect(t.standing).toBe('probationary');
    expect(t.member.status).toBe('probationary');
    expect(t.reviewDue).toBe('2025-03-10');
    expect(t.events).toEqual([expect.objectContaining({ kind: 'admission', decision: 'Quyết định số 120-QĐ/ĐU' })]);
    const after = await figures(manager, province, '2024-01-01', '2024-12-31');
    expect(after.admitted - before.admitted).toBe(1);
    expect(after.admitted_nse - before.admitted_nse).toBe(1);
    expect(after.admitted_female - before.admitted_female).toBe(1);
    expect(after.admitted_young - before.admitted_young).toBe(1);
    // Before its date the admission counts nowhere.
    expect((await figures(manager, province, '2024-01-01', '2024-03-09')).admitted).toBe(before.admitted);
  });

  it('refuses the ceremony without two introducers, in Vietnamese, and writes nothing', async () => {
    const c = ok<{ id: number; version: number }>(
      await manager.post('/api/registry/candidates', {
        orgId: cellA.id,
        fullName: 'Võ Văn Cường',
        gender: 'male',
        birthDate: '1990-01-01',
      }),
      201,
    );
    const c1 = ok<{ version: number }>(
      await manager.post(`/api/registry/candidates/${c.id}/steps`, { step: 'course', date: '2024-01-05', version: c.version }),
    );
    const res = await manager.post(`/api/registry/candidates/${c.id}/steps`, {
      step: 'introduction',
      date: '2024-01-20',
      introducerIds: [intro1, intro1],
      version: c1.version,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('Cần hai đảng viên chính thức khác nhau giới thiệu.');
    expect(res.json().error.details.fields[0].field).toBe('body.introducerIds');
    const members = await count(`SELECT count(*)::int AS n FROM members`);
    const admitRes = await manager.post(`/api/registry/candidates/${c.id}/admit`, {
      date: '2024-05-01',
      code: 'DV-NOPE-1',
      version: c1.version,
    });
    expect(admitRes.statusCode).toBe(400);
    expect(admitRes.json().error.message).toContain('Chưa đủ các bước');
    expect(await count(`SELECT count(*)::int AS n FROM members`)).toBe(members);
    expect(await count(`SELECT count(*)::int AS n FROM admission_candidates WHERE id = $1 AND status = 'in_progress'`, [c.id])).toBe(1);
  });

  it('refuses an introducer who is only probationary, or outside the caller’s subtree', async () => {
    const probationary = await admit(manager, cellA, [intro1, intro2], { date: '2024-04-01', fullName: 'Đỗ Văn Dự' });
    const outsider = (await buildMember(db, otherCell)).id;
    for (const [ids, message] of [
      [[intro1, probationary], 'Người giới thiệu phải là đảng viên chính thức vào ngày giới thiệu.'],
      [[intro1, outsider], 'Không tìm thấy đảng viên giới thiệu.'],
    ] as const) {
      const c = ok<{ id: number; version: number }>(
        await manager.post('/api/registry/candidates', {
          orgId: cellA.id,
          fullName: 'Ngô Văn Em',
          gender: 'male',
          birthDate: '1995-01-01',
        }),
        201,
      );
      const c1 = ok<{ version: number }>(
        await manager.post(`/api/registry/candidates/${c.id}/steps`, { step: 'course', date: '2025-01-05', version: c.version }),
      );
      const res = await manager.post(`/api/registry/candidates/${c.id}/steps`, {
        step: 'introduction',
        date: '2025-01-20',
        introducerIds: ids,
        version: c1.version,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toBe(message);
    }
  });

  it('answers 409 to a stale version', async () => {
    const c = ok<{ id: number; version: number }>(
      await manager.post('/api/registry/candidates', { orgId: cellA.id, fullName: 'Hà Văn Phúc', gender: 'male', birthDate: '1995-01-01' }),
      201,
    );
    ok(await manager.post(`/api/registry/candidates/${c.id}/steps`, { step: 'course', date: '2025-01-05', version: c.version }));
    const res = await manager.post(`/api/registry/candidates/${c.id}/steps`, { step: 'course', date: '2025-01-06', version: c.version });
    expect(res.statusCode).toBe(409);
  });
});

describe('membership events', () => {
  it('makes a member official after twelve months, and refuses it before the admission or early', async () => {
    const id = await admit(manager, cellA, [intro1, intro2], {
      date: '2023-06-01',
      fullName: 'Bùi Văn Chính',
      gender: 'male',
      birthDate: '1980-01-01',
    });
    const early = await manager.post(`/api/registry/members/${id}/events`, {
      kind: 'official',
      date: '2023-05-01',
      decision: 'QĐ 5-QĐ/ĐU',
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.message).toBe('Ngày chuyển đảng chính thức (01/05/2023) trước ngày kết nạp (01/06/2023).');
    const tooSoon = await manager.post(`/api/registry/members/${id}/events`, {
      kind: 'official',
      date: '2024-05-01',
      decision: 'QĐ 5-QĐ/ĐU',
    });
    expect(tooSoon.json().error.message).toContain('Chưa hết 12 tháng dự bị');
    const before = await figures(manager, province, '2024-06-01', '2024-06-30');
    const t = ok<{ standing: string; member: { status: string } }>(
      await manager.post(`/api/registry/members/${id}/events`, { kind: 'official', date: '2024-06-05', decision: 'QĐ 77-QĐ/ĐU' }),
      201,
    );
    expect(t.standing).toBe('official');
    expect(t.member.status).toBe('official');
    expect((await figures(manager, province, '2024-06-01', '2024-06-30')).made_official).toBe(before.made_official + 1);
    expect((await figures(manager, province, '2024-06-06', '2024-06-30')).made_official).toBe(0);
  });

  it.each([
    ['removal', 'removed', 'removed'],
    ['expulsion', 'removed', 'removed'],
    ['resignation', 'removed', 'removed'],
    ['death', null, 'deceased'],
    ['exemption', null, 'official'],
  ] as const)(
    'records %s: its figure moves on its date, the status follows, the roll drops the member after it',
    async (kind, figure, status) => {
      const m = await buildMember(db, cellB);
      const date = '2025-02-10';
      const before = await figures(manager, province, '2025-02-01', '2025-02-28');
      const t = ok<{ member: { status: string }; events: { kind: string }[] }>(
        await manager.post(`/api/registry/members/${m.id}/events`, { kind, date, decision: 'Quyết định số 9-QĐ/ĐU' }),
        201,
      );
      expect(t.member.status).toBe(status);
      expect(t.events.map((e) => e.kind)).toEqual([kind]);
      const after = await figures(manager, province, '2025-02-01', '2025-02-28');
      if (figure) expect(after[figure] - before[figure]).toBe(1);
      expect((await figures(manager, province, '2025-02-11', '2025-02-28'))[figure ?? 'removed']).toBe(0);
      const onRoll = async (asOf: string) =>
        ok<{ items: { id: number }[] }>(await manager.get(`/api/registry/roster?orgId=${cellB.id}&asOf=${asOf}`)).items.some(
          (i) => i.id === m.id,
        );
      expect(await onRoll('2025-02-09')).toBe(true);
      expect(await onRoll('2025-02-10')).toBe(kind === 'exemption');
    },
  );

  it('refuses events out of order and anything after a death, writing nothing', async () => {
    const m = await buildMember(db, cellB);
    ok(await manager.post(`/api/registry/members/${m.id}/events`, { kind: 'exemption', date: '2025-03-01', decision: 'QĐ 1' }), 201);
    const events = await count(`SELECT count(*)::int AS n FROM membership_events`);
    const counts = await count(`SELECT COALESCE(sum(removed), 0)::int AS n FROM registry_counts`);
    const out = await manager.post(`/api/registry/members/${m.id}/events`, { kind: 'removal', date: '2025-02-01', decision: 'QĐ 2' });
    expect(out.statusCode).toBe(400);
    expect(out.json().error.message).toBe(
      'Sự kiện không theo thứ tự thời gian: ngày 01/02/2025 trước sự kiện "Miễn sinh hoạt" ngày 01/03/2025.',
    );
    ok(await manager.post(`/api/registry/members/${m.id}/events`, { kind: 'death', date: '2025-04-01', decision: 'Giấy báo tử' }), 201);
    const after = await manager.post(`/api/registry/members/${m.id}/events`, { kind: 'removal', date: '2025-05-01', decision: 'QĐ 3' });
    expect(after.json().error.message).toContain('từ trần');
    expect(await count(`SELECT count(*)::int AS n FROM membership_events`)).toBe(events + 1);
    expect(await count(`SELECT COALESCE(sum(removed), 0)::int AS n FROM registry_counts`)).toBe(counts);
  });

  it('refuses a future date and bad input with the field', async () => {
    const m = await buildMember(db, cellB);
    const future = await manager.post(`/api/registry/members/${m.id}/events`, { kind: 'death', date: '2999-01-01', decision: 'QĐ 1' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details.fields[0].field).toBe('body.date');
    const bad = await manager.post(`/api/registry/members/${m.id}/events`, { kind: 'admission', date: '2025-01-01', decision: 'QĐ 1' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error.details)).toContain('body.kind');
    const noDecision = await manager.post(`/api/registry/members/${m.id}/events`, { kind: 'death', date: '2025-01-01', decision: '' });
    expect(JSON.stringify(noDecision.json().error.details)).toContain('body.decision');
  });
});

describe('transfers between provinces', () => {
  it('moves the member with the code from the transfer date; the receiving cell sees them only from then', async () => {
    const m = await buildMember(db, cellA, { fullName: 'Trịnh Văn Chuyển' });
    const sent = ok<{ events: { kind: string; transferCode: string | null }[]; member: { status: string } }>(
      await manager.post(`/api/registry/members/${m.id}/events`, {
        kind: 'transfer_out',
        date: '2025-04-01',
        decision: 'Giấy giới thiệu số 15-GGT/TU',
        transferMode: 'official',
        destination: 'Tỉnh ủy Đồng Nai',
      }),
      201,
    );
    const code = sent.events[0]!.transferCode!;
    expect(code).toMatch(/^[A-Z2-9]{10}$/);
    expect(sent.member.status).toBe('transferred');
    const second = await manager.post(`/api/registry/members/${m.id}/events`, {
      kind: 'transfer_out',
      date: '2025-04-02',
      decision: 'GGT 16',
      transferMode: 'temporary',
    });
    expect(second.statusCode).toBe(400);
    expect(second.json().error.message).toContain('chưa được tiếp nhận');
    // The receiving province cannot read the member before receiving them.
    expect((await otherManager.get(`/api/registry/members/${m.id}/timeline`)).statusCode).toBe(404);
    const wrong = await otherManager.post('/api/registry/transfers/receive', {
      code: 'ABCDEFGHJK',
      orgId: otherCell.id,
      date: '2025-04-10',
      decision: 'QĐ 1',
    });
    expect(wrong.statusCode).toBe(404);
    const early = await otherManager.post('/api/registry/transfers/receive', {
      code,
      orgId: otherCell.id,
      date: '2025-03-10',
      decision: 'QĐ 1',
    });
    expect(early.statusCode).toBe(400);
    const received = ok<{ kind: string; orgId: number; transferCode: string | null }>(
      await otherManager.post('/api/registry/transfers/receive', {
        code: code.toLowerCase(),
        orgId: otherCell.id,
        date: '2025-04-10',
        decision: 'QĐ 33-QĐ/ĐU',
      }),
      201,
    );
    expect(received).toMatchObject({ kind: 'transfer_in', orgId: otherCell.id, transferCode: null });
    const again = await otherManager.post('/api/registry/transfers/receive', {
      code,
      orgId: otherCell.id,
      date: '2025-04-11',
      decision: 'QĐ 1',
    });
    expect(again.statusCode).toBe(409);
    const t = ok<{ member: { orgId: number; status: string }; events: { kind: string; transferCode: string | null }[] }>(
      await otherManager.get(`/api/registry/members/${m.id}/timeline`),
    );
    expect(t.member).toMatchObject({ orgId: otherCell.id, status: 'official' });
    // The sending side's code is not shown to the receiver.
    expect(t.events.map((e) => [e.kind, e.transferCode])).toEqual([
      ['transfer_out', null],
      ['transfer_in', null],
    ]);
    const onRoll = async (client: TestClient, org: TestOrg, asOf: string) =>
      ok<{ items: { id: number }[] }>(await client.get(`/api/registry/roster?orgId=${org.id}&asOf=${asOf}`)).items.some(
        (i) => i.id === m.id,
      );
    expect(await onRoll(otherManager, otherCell, '2025-04-09')).toBe(false);
    expect(await onRoll(otherManager, otherCell, '2025-04-10')).toBe(true);
    expect(await onRoll(manager, cellA, '2025-04-09')).toBe(true);
    expect(await onRoll(manager, cellA, '2025-04-10')).toBe(false);
    // The sending province no longer reads the member; its figures keep the transfer out.
    expect((await manager.get(`/api/registry/members/${m.id}/timeline`)).statusCode).toBe(404);
    expect((await figures(manager, province, '2025-04-01', '2025-04-30')).transfers_out).toBeGreaterThanOrEqual(1);
    expect((await figures(otherManager, otherProvince, '2025-04-01', '2025-04-30')).transfers_in).toBe(1);
    expect((await figures(otherManager, otherProvince, '2025-04-11', '2025-04-30')).transfers_in).toBe(0);
  });
});

describe('review reminders', () => {
  it('tells the managers of the cell and its committee once before the review date and once when overdue', async () => {
    const id = await admit(manager, cellB, [intro1, intro2], { date: '2025-06-15', fullName: 'Võ Thị Nhắc', code: 'DV-NHAC-1' });
    const { rows: adm } = await db.query<{ id: number }>(`SELECT id FROM membership_events WHERE member_id = $1 AND kind = 'admission'`, [
      id,
    ]);
    const notices = async () =>
      (
        await db.query<{ username: string; dedupe_key: string; title: string; link: string }>(
          `SELECT u.username, n.dedupe_key, n.title, n.link FROM notifications n JOIN users u ON u.id = n.user_id
            WHERE n.dedupe_key LIKE $1 ORDER BY n.dedupe_key, u.username`,
          [`registry-review:${adm[0]!.id}:%`],
        )
      ).rows;
    const recipients = await db.query<{ username: string }>(
      `SELECT DISTINCT u.username FROM users u JOIN user_roles ur ON ur.user_id = u.id
        WHERE ur.role = 'manager' AND ur.org_id IN ($1, $2) ORDER BY u.username`,
      [cellB.id, province.id],
    );
    expect(recipients.rows.length).toBeGreaterThanOrEqual(2);
    await sendReviewReminders(db, '2026-05-15');
    expect(await notices()).toEqual([]);
    await sendReviewReminders(db, '2026-05-20');
    const due = await notices();
    expect(due.map((n) => n.username)).toEqual(recipients.rows.map((r) => r.username));
    expect(due[0]).toMatchObject({
      title: 'Sắp đến hạn xét chuyển đảng chính thức: Võ Thị Nhắc (DV-NHAC-1)',
      link: `/registry/members/${id}`,
    });
    // Exactly once: the job runs again that day and the next days, and nothing is repeated.
    await sendReviewReminders(db, '2026-05-20');
    await sendReviewReminders(db, '2026-06-10');
    expect(await notices()).toHaveLength(due.length);
    await sendReviewReminders(db, '2026-06-16');
    await sendReviewReminders(db, '2026-06-17');
    const all = await notices();
    expect(all.filter((n) => n.dedupe_key.endsWith(':overdue'))).toHaveLength(due.length);
    expect(all.find((n) => n.dedupe_key.endsWith(':overdue'))!.title).toContain('Quá hạn xét chuyển đảng chính thức');
    // Listed as overdue meanwhile; made official, the member leaves the list and no reminder follows.
    const overdue = async (asOf: string) =>
      ok<{ items: { memberId: number }[] }>(await manager.get(`/api/registry/overdue-reviews?orgId=${cellB.id}&asOf=${asOf}`)).items;
    expect((await overdue('2026-06-20')).some((i) => i.memberId === id)).toBe(true);
    ok(await manager.post(`/api/registry/members/${id}/events`, { kind: 'official', date: '2026-06-25', decision: 'QĐ 88-QĐ/ĐU' }), 201);
    expect((await overdue('2026-06-26')).some((i) => i.memberId === id)).toBe(false);
    const { rows: officialNow } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM registry_probations WHERE admission_id = $1 AND closed_on IS NULL`,
      [adm[0]!.id],
    );
    expect(officialNow[0]!.n).toBe(0);
    // No one outside the cell's line is told (the other province's manager).
    const outside = await db.query(
      `SELECT 1 FROM notifications n JOIN user_roles ur ON ur.user_id = n.user_id WHERE ur.org_id = $1 AND n.kind = 'registry_review_due'`,
      [otherProvince.id],
    );
    expect(outside.rowCount).toBe(0);
  });
});

describe('temporary transfers', () => {
  it('keeps the member on the home cell’s roll and lists them in the receiving cell’s temporary list from the date', async () => {
    const m = await buildMember(db, cellA, { fullName: 'Đinh Thị Tạm' });
    const sent = ok<{ events: { transferCode: string | null }[]; member: { status: string; orgId: number } }>(
      await manager.post(`/api/registry/members/${m.id}/events`, {
        kind: 'transfer_out',
        date: '2025-05-02',
        decision: 'Giấy giới thiệu sinh hoạt tạm thời 7-GGT',
        transferMode: 'temporary',
      }),
      201,
    );
    expect(sent.member).toMatchObject({ status: 'official', orgId: cellA.id });
    ok(
      await cellBManager.post('/api/registry/transfers/receive', {
        code: sent.events.at(-1)!.transferCode!,
        orgId: cellB.id,
        date: '2025-05-05',
        decision: 'Tiếp nhận tạm thời',
      }),
      201,
    );
    const roster = async (org: TestOrg, asOf: string) =>
      ok<{ items: { id: number }[]; temporary: { id: number; orgId: number; homeOrgName: string; since: string }[] }>(
        await manager.get(`/api/registry/roster?orgId=${org.id}&asOf=${asOf}`),
      );
    // The official roll does not move: home cell before and after, never the receiving cell.
    for (const asOf of ['2025-05-04', '2025-05-05', '2025-06-30']) {
      expect(
        (await roster(cellA, asOf)).items.some((i) => i.id === m.id),
        asOf,
      ).toBe(true);
      expect(
        (await roster(cellB, asOf)).items.some((i) => i.id === m.id),
        asOf,
      ).toBe(false);
      expect(
        (await roster(cellA, asOf)).temporary.some((i) => i.id === m.id),
        asOf,
      ).toBe(false);
    }
    expect((await roster(cellB, '2025-05-04')).temporary.some((i) => i.id === m.id)).toBe(false);
    expect((await roster(cellB, '2025-05-05')).temporary.find((i) => i.id === m.id)).toMatchObject({
      orgId: cellB.id,
      homeOrgName: cellA.name,
      since: '2025-05-05',
    });
    // The province's list holds the stay too (the receiving cell is inside it), and the member
    // stays in the home cell's scope: the receiving cell's manager cannot open the timeline.
    expect((await roster(province, '2025-06-01')).temporary.some((i) => i.id === m.id)).toBe(true);
    expect((await cellBManager.get(`/api/registry/members/${m.id}/timeline`)).statusCode).toBe(404);
    const cellBRoster = ok<{ temporary: { id: number }[] }>(
      await cellBManager.get(`/api/registry/roster?orgId=${cellB.id}&asOf=2025-06-01`),
    );
    expect(cellBRoster.temporary.some((i) => i.id === m.id)).toBe(true);
    const member = await db.query<{ org_id: number; status: string }>('SELECT org_id, status FROM members WHERE id = $1', [m.id]);
    expect(member.rows[0]).toMatchObject({ org_id: cellA.id, status: 'official' });
    // The stay ends with the member's next transfer.
    ok(
      await manager.post(`/api/registry/members/${m.id}/events`, {
        kind: 'transfer_out',
        date: '2025-07-01',
        decision: 'GGT 9',
        transferMode: 'official',
        destination: 'Tỉnh ủy Tây Ninh',
      }),
      201,
    );
    expect((await roster(cellB, '2025-06-30')).temporary.some((i) => i.id === m.id)).toBe(true);
    expect((await roster(cellB, '2025-07-01')).temporary.some((i) => i.id === m.id)).toBe(false);
  });
});

describe('overdue reviews and indicators', () => {
  it('lists probationary members past twelve months without a decision', async () => {
    const id = await admit(manager, cellB, [intro1, intro2], { date: '2023-03-10', fullName: 'Mai Văn Quá', code: 'DV-QUAHAN-1' });
    const list = async (asOf: string) =>
      ok<{ items: { memberId: number; reviewDue: string; daysOverdue: number }[] }>(
        await manager.get(`/api/registry/overdue-reviews?orgId=${province.id}&asOf=${asOf}`),
      ).items.find((i) => i.memberId === id);
    expect(await list('2024-03-10')).toBeUndefined();
    expect(await list('2024-03-20')).toMatchObject({ reviewDue: '2024-03-10', daysOverdue: 10 });
    const fig = await figures(manager, province, '2024-01-01', '2024-03-20');
    const drill = ok<{ total: number; items: { id: number }[] }>(
      await manager.get(`/api/registry/indicators/drill?orgId=${province.id}&from=2024-01-01&to=2024-03-20&indicator=overdue`),
    );
    expect(drill.total).toBe(fig.overdue);
    expect(drill.items.map((i) => i.id)).toContain(id);
  });

  it('gives every figure equal to its recount from the events and to its drill-down list, over odd periods', async () => {
    for (const [from, to] of [
      ['2021-01-01', '2025-12-31'],
      ['2023-05-17', '2025-02-10'],
      ['2024-03-10', '2024-03-10'],
      ['2025-04-01', '2025-06-30'],
    ] as const) {
      const f = await figures(manager, province, from, to);
      const raw = await rawFigures(province, from, to);
      for (const [k, v] of Object.entries(raw)) expect(f[k as RegistryIndicator], `${k} ${from}..${to}`).toBe(v);
      const drill = ok<{ total: number }>(
        await manager.get(`/api/registry/indicators/drill?orgId=${province.id}&from=${from}&to=${to}&indicator=admitted`),
      );
      expect(drill.total).toBe(f.admitted);
    }
  });

  it('keeps the overdue span of a probation through an edited, a deleted and a bulk-loaded event', async () => {
    const id = await admit(manager, cellB, [intro1, intro2], { date: '2022-06-01', fullName: 'Trần Văn Sửa', code: 'DV-SUA-1' });
    const overdueOn = async (asOf: string) =>
      ok<{ items: { memberId: number }[] }>(
        await manager.get(`/api/registry/overdue-reviews?orgId=${province.id}&asOf=${asOf}`),
      ).items.some((i) => i.memberId === id);
    expect(await overdueOn('2023-07-01')).toBe(true);
    // Recorded without the service (as a bulk load or a correction would), the triggers follow.
    await db.query(
      `INSERT INTO membership_events (member_id, org_id, kind, event_date, decision) VALUES ($1, $2, 'official', '2023-08-01', 'QĐ 9'), ($1, $2, 'exemption', '2023-09-01', 'QĐ 10')`,
      [id, cellB.id],
    );
    expect(await overdueOn('2023-07-31')).toBe(true);
    expect(await overdueOn('2023-08-01')).toBe(false);
    await db.query(`UPDATE membership_events SET event_date = '2023-10-01' WHERE member_id = $1 AND kind = 'official'`, [id]);
    expect(await overdueOn('2023-09-15')).toBe(true);
    expect(await overdueOn('2023-10-01')).toBe(false);
    // The admission moved a year later: the review falls due a year later too.
    await db.query(`UPDATE membership_events SET event_date = '2023-06-01' WHERE member_id = $1 AND kind = 'admission'`, [id]);
    expect(await overdueOn('2023-09-15')).toBe(false);
    await db.query(`DELETE FROM membership_events WHERE member_id = $1 AND kind = 'official'`, [id]);
    expect(await overdueOn('2024-06-02')).toBe(true);
    expect(await count(`SELECT count(*)::int AS n FROM registry_probations WHERE member_id = $1`, [id])).toBe(1);
    for (const asOf of ['2023-07-01', '2024-06-02', '2025-01-01']) {
      expect((await figures(manager, province, '2021-01-01', asOf)).overdue).toBe((await rawFigures(province, '2021-01-01', asOf)).overdue);
    }
    await db.query(`DELETE FROM membership_events WHERE member_id = $1`, [id]);
    expect(await count(`SELECT count(*)::int AS n FROM registry_probations WHERE member_id = $1`, [id])).toBe(0);
  });

  it('counts party and union orgs founded in non-state enterprises of the period', async () => {
    const ent = ok<{ id: number }>(
      await manager.post('/api/registry/enterprises', {
        orgId: province.id,
        name: 'Công ty TNHH Minh Phát',
        taxCode: '3700123456',
        ownership: 'non_state',
        partyOrgId: cellA.id,
        partyOrgFounded: '2024-09-02',
        tradeUnionFounded: '2024-05-01',
        youthUnionFounded: '2025-03-26',
      }),
      201,
    );
    ok(
      await manager.post('/api/registry/enterprises', {
        orgId: province.id,
        name: 'Công ty Điện lực',
        taxCode: '3700999999',
        ownership: 'state',
        partyOrgId: cellB.id,
        partyOrgFounded: '2024-09-02',
      }),
      201,
    );
    const dup = await manager.post('/api/registry/enterprises', {
      orgId: province.id,
      name: 'Trùng',
      taxCode: '3700123456',
      ownership: 'state',
    });
    expect(dup.statusCode).toBe(409);
    const y2024 = await figures(manager, province, '2024-01-01', '2024-12-31');
    expect(y2024.party_orgs_nse).toBe(1);
    expect(y2024.union_orgs_nse).toBe(1);
    expect((await figures(manager, province, '2024-01-01', '2025-12-31')).union_orgs_nse).toBe(2);
    expect((await figures(manager, province, '2024-09-03', '2024-12-31')).party_orgs_nse).toBe(0);
    const drill = ok<{ items: { id: number; label: string }[] }>(
      await manager.get(`/api/registry/indicators/drill?orgId=${province.id}&from=2024-01-01&to=2024-12-31&indicator=party_orgs_nse`),
    );
    expect(drill.items).toEqual([expect.objectContaining({ id: ent.id, label: 'Công ty TNHH Minh Phát' })]);
    const list = ok<{ items: unknown[] }>(await viewer.get(`/api/registry/enterprises?orgId=${province.id}`));
    expect(list.items).toHaveLength(2);
  });
});

describe('periodic statistics', () => {
  type Stats = {
    rows: { orgId: number; orgName: string; figures: Record<string, number> }[];
    total: Record<string, number>;
  };
  const kinds: Record<string, string> = {
    removed: 'removal',
    expelled: 'expulsion',
    resigned: 'resignation',
    died: 'death',
    exempted: 'exemption',
  };

  it('gives a row per unit and a total equal to the registry figures and to a recount of the events', async () => {
    const a = await buildMember(db, cellA, { fullName: 'Hồ Văn Khai' });
    const b = await buildMember(db, cellB, { fullName: 'Lý Thị Trần' });
    ok(
      await manager.post(`/api/registry/members/${a.id}/events`, { kind: 'expulsion', date: '2025-05-20', decision: 'QĐ 5-QĐ/UBKT' }),
      201,
    );
    ok(await manager.post(`/api/registry/members/${b.id}/events`, { kind: 'death', date: '2025-06-03', decision: 'Giấy báo tử 12' }), 201);
    for (const [from, to] of [
      ['2025-04-01', '2025-06-30'],
      ['2021-01-01', '2025-12-31'],
      ['2024-03-17', '2025-06-02'],
    ] as const) {
      const t = ok<Stats>(await viewer.get(`/api/registry/statistics?orgId=${province.id}&from=${from}&to=${to}`));
      expect(t.rows.map((r) => r.orgId)).toEqual(expect.arrayContaining([cellA.id, cellB.id]));
      const fig = await figures(manager, province, from, to);
      for (const k of Object.keys(fig) as RegistryIndicator[]) {
        if (k === 'removed') continue;
        expect(t.total[k], `${k} ${from}..${to}`).toBe(fig[k]);
      }
      expect(t.total.removed! + t.total.expelled! + t.total.resigned!).toBe(fig.removed);
      for (const [col, kind] of Object.entries(kinds)) {
        const raw = await count(
          `SELECT count(*)::int AS n FROM membership_events e JOIN orgs o ON o.id = e.org_id
            WHERE o.path <@ $1::ltree AND e.kind = $2 AND e.event_date BETWEEN $3 AND $4`,
          [province.path, kind, from, to],
        );
        expect(t.total[col], `${col} ${from}..${to}`).toBe(raw);
      }
      // The rows add up to the total, column by column.
      for (const k of Object.keys(t.total))
        expect(
          t.rows.reduce((sum, r) => sum + r.figures[k]!, 0),
          k,
        ).toBe(t.total[k]);
    }
    const q = await viewer.get(`/api/registry/statistics?orgId=${province.id}&from=2025-04-01&to=2025-06-30`);
    const quarter = q.json() as Stats;
    expect(quarter.rows.find((r) => r.orgId === cellA.id)!.figures.expelled).toBeGreaterThanOrEqual(1);
    expect(quarter.rows.find((r) => r.orgId === cellB.id)!.figures.died).toBeGreaterThanOrEqual(1);
  });

  it('exports the same figures to .xlsx and to Word', async () => {
    const url = `orgId=${province.id}&from=2025-04-01&to=2025-06-30`;
    const t = ok<Stats>(await manager.get(`/api/registry/statistics?${url}`));
    const x = await manager.get(`/api/registry/statistics.xlsx?${url}`);
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    let totalRow: (string | number)[] = [];
    ws.eachRow((row) => {
      const values = (row.values as (string | number)[]).slice(1);
      if (values[1] === 'Tổng cộng') totalRow = values;
    });
    expect(String(ws.getCell(1, 1).value)).toBe('BIỂU THỐNG KÊ ĐẢNG VIÊN VÀ TỔ CHỨC ĐẢNG');
    expect(totalRow.slice(2, 6)).toEqual([t.total.admitted, t.total.admitted_nse, t.total.admitted_young, t.total.admitted_female]);
    expect(totalRow[10]).toBe(t.total.expelled);
    const w = await manager.get(`/api/registry/statistics.docx?${url}`);
    expect(w.statusCode).toBe(200);
    expect(w.headers['content-type']).toContain('wordprocessingml');
    expect(w.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('answers 401, 404 outside the subtree, and 400 naming the field', async () => {
    const anon = await anonymous(app);
    expect((await anon.get(`/api/registry/statistics.xlsx?orgId=${province.id}&from=2025-01-01&to=2025-03-31`)).statusCode).toBe(401);
    for (const path of ['statistics', 'statistics.xlsx', 'statistics.docx']) {
      expect((await otherManager.get(`/api/registry/${path}?orgId=${province.id}&from=2025-01-01&to=2025-03-31`)).statusCode).toBe(404);
      expect((await cellBManager.get(`/api/registry/${path}?orgId=${cellA.id}&from=2025-01-01&to=2025-03-31`)).statusCode).toBe(404);
    }
    const backwards = await manager.get(`/api/registry/statistics?orgId=${province.id}&from=2025-03-31&to=2025-01-01`);
    expect(backwards.statusCode).toBe(400);
    expect(JSON.stringify(backwards.json())).toContain('querystring.from');
    const bad = await manager.get(`/api/registry/statistics.docx?orgId=abc&from=2025-01-01&to=2025-03-31`);
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('orgId');
  });
});

describe('permissions', () => {
  it('answers 401 without a session', async () => {
    const anon = await anonymous(app);
    expect((await anon.get(`/api/registry/indicators?orgId=${province.id}&from=2024-01-01&to=2024-12-31`)).statusCode).toBe(401);
    expect((await anon.post('/api/registry/candidates', { orgId: cellA.id })).statusCode).toBe(401);
  });

  it('answers 403 to a viewer or a reporter who writes, and lets them read without personal data', async () => {
    const m = await buildMember(db, cellA);
    await db.query(`UPDATE members SET phone = '0912345678', id_number = '074090001234' WHERE id = $1`, [m.id]);
    for (const client of [viewer, reporter]) {
      expect(
        (await client.post(`/api/registry/members/${m.id}/events`, { kind: 'death', date: '2025-01-01', decision: 'QĐ 1' })).statusCode,
      ).toBe(403);
      expect(
        (await client.post('/api/registry/candidates', { orgId: cellA.id, fullName: 'Ai Đó', gender: 'male', birthDate: '1990-01-01' }))
          .statusCode,
      ).toBe(403);
      const t = ok<{ member: { phone: string | null; idNumber: string | null; hasPersonalData: boolean }; abilities: { record: boolean } }>(
        await client.get(`/api/registry/members/${m.id}/timeline`),
      );
      expect(t.member).toMatchObject({ phone: null, idNumber: null, hasPersonalData: false });
      expect(t.abilities.record).toBe(false);
    }
    const t = ok<{ member: { phone: string | null; idNumber: string | null } }>(
      await manager.get(`/api/registry/members/${m.id}/timeline`),
    );
    expect(t.member).toMatchObject({ phone: '0912345678', idNumber: '074090001234' });
    // The member reads their own personal data; another cell's manager does not read them at all.
    const self = await buildUser(db, [{ org: cellA, role: 'member' }]);
    await db.query(`UPDATE users SET member_id = $2 WHERE id = $1`, [self.id, m.id]);
    const selfClient = await loginAs(app, self.username, self.password);
    const own = ok<{ member: { id: number; phone: string | null } }>(await selfClient.get('/api/registry/me/timeline'));
    expect(own.member).toMatchObject({ id: m.id, phone: '0912345678' });
    expect((await selfClient.get(`/api/registry/members/${m.id}/timeline`)).statusCode).toBe(403);
    expect((await cellBManager.get(`/api/registry/members/${m.id}/timeline`)).statusCode).toBe(404);
  });

  it('answers 404 for records and orgs just outside the subtree (2000 is not inside 200), and writes nothing', async () => {
    const outside = await buildMember(db, lookalike);
    const events = await count(`SELECT count(*)::int AS n FROM membership_events`);
    expect((await manager.get(`/api/registry/members/${outside.id}/timeline`)).statusCode).toBe(404);
    expect(
      (await manager.post(`/api/registry/members/${outside.id}/events`, { kind: 'death', date: '2025-01-01', decision: 'QĐ 1' }))
        .statusCode,
    ).toBe(404);
    expect((await manager.get(`/api/registry/indicators?orgId=${lookalike.id}&from=2024-01-01&to=2024-12-31`)).statusCode).toBe(404);
    expect((await manager.get(`/api/registry/roster?orgId=${lookalike.id}&asOf=2024-12-31`)).statusCode).toBe(404);
    expect(
      (await manager.post('/api/registry/candidates', { orgId: lookalike.id, fullName: 'Ai Đó', gender: 'male', birthDate: '1990-01-01' }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await cellBManager.post('/api/registry/transfers/receive', {
          code: 'ABCDEFGHJK',
          orgId: cellA.id,
          date: '2025-01-01',
          decision: 'QĐ 1',
        })
      ).statusCode,
    ).toBe(404);
    const c = ok<{ id: number }>(
      await manager.post('/api/registry/candidates', {
        orgId: cellA.id,
        fullName: 'Chỉ Tỉnh Thấy',
        gender: 'male',
        birthDate: '1990-01-01',
      }),
      201,
    );
    expect((await otherManager.get(`/api/registry/candidates/${c.id}`)).statusCode).toBe(404);
    expect((await cellBManager.get(`/api/registry/candidates/${c.id}`)).statusCode).toBe(404);
    expect(await count(`SELECT count(*)::int AS n FROM membership_events`)).toBe(events);
  });

  it('refuses a period that ends before it starts, naming the field', async () => {
    const res = await manager.get(`/api/registry/indicators?orgId=${province.id}&from=2025-01-01&to=2024-01-01`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].field).toBe('querystring.from');
    expect((await manager.get(`/api/registry/indicators?orgId=${province.id}&from=2025-1-1&to=2024-01-01`)).statusCode).toBe(400);
  });
});
