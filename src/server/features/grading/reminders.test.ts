import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import { buildMember, buildOrg, buildUser, type TestOrg } from '../../test/factories';
import { QD_366 } from '../../../domain/grading';
import { sendGradingReminders } from './reminders.service';

/**
 * The letters of the grading reminders, now written through the mail feature's notifyWithMail:
 * the same words as before (subject "[Resolute] <title>", body "<notice> Vui lòng thực hiện trên
 * Resolute (<link>)."), one per person, step and window, never twice.
 */
let db: Db;
let drop: () => Promise<void>;
let cell: TestOrg;
let memberUserId: number, reporterId: number, noMailId: number, roundId: number;

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  const grassroots = await buildOrg(db, { name: 'Đảng bộ Bưu điện tỉnh', kind: 'grassroots' });
  cell = await buildOrg(db, { parent: grassroots, name: 'Chi bộ Văn phòng' });
  const member = await buildMember(db, cell, { fullName: 'Trần Thị Bình' });
  memberUserId = (await buildUser(db, [{ org: cell, role: 'member' }])).id;
  await db.query(`UPDATE users SET member_id = $1, email = 'binh@example.vn' WHERE id = $2`, [member.id, memberUserId]);
  reporterId = (await buildUser(db, [{ org: cell, role: 'reporter' }])).id;
  await db.query(`UPDATE users SET email = 'vanphong@example.vn' WHERE id = $1`, [reporterId]);
  // A manager without an address: told in the app only.
  noMailId = (await buildUser(db, [{ org: cell, role: 'manager' }])).id;
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO grading_rounds (org_id, name, period_kind, period_key, period_start, period_end, rule_set, self_assess_due, review_due, decide_due)
     VALUES ($1, 'Đánh giá quý IV/2026', 'quarter', '2026-Q4', '2026-10-01', '2026-12-31', $2, '2027-01-10', '2027-01-20', '2027-01-31') RETURNING id`,
    [grassroots.id, JSON.stringify(QD_366)],
  );
  roundId = rows[0]!.id;
  await db.query(
    `INSERT INTO grading_evaluations (round_id, subject_kind, org_id, member_id, decider_org_id) VALUES ($1, 'member', $2, $3, $4), ($1, 'org', $2, NULL, $4)`,
    [roundId, cell.id, member.id, grassroots.id],
  );
});
afterAll(async () => {
  await drop?.();
});

const letters = async () =>
  (
    await db.query<{ to_address: string; subject: string; body: string; dedupe_key: string }>(
      `SELECT to_address, subject, body, dedupe_key FROM mail_outbox ORDER BY created_at, to_address`,
    )
  ).rows;

describe('grading reminders by letter', () => {
  it('keep their wording and are sent once before the deadline and once after it', async () => {
    const soon = await sendGradingReminders(db, '2027-01-07');
    // The member about their own form; the cell's reporter and manager about the cell's form.
    expect(soon).toMatchObject({ notifications: 3, mails: 2 });
    expect(await letters()).toEqual([
      expect.objectContaining({
        to_address: 'binh@example.vn',
        subject: '[Resolute] Sắp đến hạn tự đánh giá: Đánh giá quý IV/2026',
        body: 'Phiếu tự kiểm điểm của đồng chí; hạn 10/01/2027. Vui lòng thực hiện trên Resolute (/grading/me).',
        dedupe_key: `mail:${memberUserId}:grading:${roundId}:self:due`,
      }),
      expect.objectContaining({
        to_address: 'vanphong@example.vn',
        subject: '[Resolute] Sắp đến hạn tự đánh giá: Đánh giá quý IV/2026',
        body: `1 phiếu chờ tự đánh giá; hạn 10/01/2027. Vui lòng thực hiện trên Resolute (/grading/rounds/${roundId}).`,
        dedupe_key: `mail:${reporterId}:grading:${roundId}:self:due`,
      }),
    ]);
    const { rows: inApp } = await db.query<{ user_id: number }>(
      `SELECT user_id FROM notifications WHERE kind = 'grading_due' ORDER BY user_id`,
    );
    expect(inApp.map((n) => Number(n.user_id))).toEqual([memberUserId, reporterId, noMailId].sort((a, b) => a - b));

    // The next day, and a second run the same day: nothing again.
    expect(await sendGradingReminders(db, '2027-01-08')).toMatchObject({ notifications: 0, mails: 0 });
    expect(await sendGradingReminders(db, '2027-01-08')).toMatchObject({ notifications: 0, mails: 0 });
    // Past the deadline: once more, worded as overdue, then never again.
    expect(await sendGradingReminders(db, '2027-01-11')).toMatchObject({ notifications: 3, mails: 2 });
    const after = (await letters()).slice(2);
    expect(after.map((l) => l.subject)).toEqual([
      '[Resolute] Quá hạn tự đánh giá: Đánh giá quý IV/2026',
      '[Resolute] Quá hạn tự đánh giá: Đánh giá quý IV/2026',
    ]);
    expect(after.map((l) => l.dedupe_key)).toEqual([
      `mail:${memberUserId}:grading:${roundId}:self:overdue`,
      `mail:${reporterId}:grading:${roundId}:self:overdue`,
    ]);
    expect(await sendGradingReminders(db, '2027-01-12')).toMatchObject({ notifications: 0, mails: 0 });
    expect(await letters()).toHaveLength(4);
  });
});
