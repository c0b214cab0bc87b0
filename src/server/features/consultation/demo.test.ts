/**
 * The consultation demo: Bình Phước's program made as the article tells it (the adopted
 * program is the result of its consultation), and a ward of the new city in its round now,
 * whose counts are recomputed here from the recipients and comments they are made of.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/pool';
import { answerState } from '../../../domain/consultation';
import { vnToday } from '../../../domain/vn-time';
import type { Comparison, Workspace } from '../../../contracts/consultation';
import type { TestClient } from '../../test/http';
import { openDemo } from '../../test/demo';

let db: Db;
let admin: TestClient;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, admin, close } = await openDemo());
}, 600_000); // includes waiting for another file to build the demo template (test/db.ts)
afterAll(async () => close?.());

const docOf = async (sql: string) => (await db.query<{ id: number }>(sql)).rows[0]!.id;

describe('consultation demo', () => {
  it('holds Bình Phước’s program as it was made: draft, round, the conference’s comments, dispositions, the adopted version', async () => {
    const id = await docOf(
      `SELECT d.id FROM documents d JOIN orgs o ON o.id = d.org_id WHERE o.code = 'BP' AND d.kind = 'action_program' AND d.term = '2020-2025'`,
    );
    // One program, not a second copy: the adopted document is the one consulted on.
    expect(
      (await db.query(`SELECT 1 FROM documents d JOIN orgs o ON o.id = d.org_id WHERE o.code = 'BP' AND d.kind = 'action_program'`))
        .rowCount,
    ).toBe(1);
    const res = await admin.get(`/api/documents/${id}/consultation`);
    expect(res.statusCode, res.body).toBe(200);
    const ws = res.json() as Workspace;
    expect(ws.document).toMatchObject({ status: 'adopted', issueDate: '2021-09-24' });
    expect(ws.team.map((t) => t.role).sort()).toEqual(['head', 'member', 'secretary']);
    expect(ws.versions.map((v) => v.versionNo)).toEqual([1, 2]);
    expect(ws.adoption).toMatchObject({ meetingDate: '2021-09-24', mode: 'online', adoptedVersionNo: 2 });
    expect(ws.comments).toMatchObject({ undisposed: 0, pendingApproval: 0 });
    // The draft's five parts, six key tasks and three breakthroughs.
    const v1 = (await admin.get(`/api/consultation/versions/${ws.versions[0]!.id}`)).json() as { items: { kind: string }[] };
    const count = (kind: string) => v1.items.filter((i) => i.kind === kind).length;
    expect([count('part'), count('task'), count('breakthrough')]).toEqual([5, 6, 3]);
    // The conference's comments are the article's five points, each from a kind of unit it names.
    const { rows: spoken } = await db.query<{ body: string; speaker: string; disposition: string }>(
      `SELECT body, speaker_name AS speaker, disposition FROM consultation_comments WHERE document_id = $1 AND source = 'conference' ORDER BY id`,
      [id],
    );
    expect(spoken.map((s) => s.body).join(' ')).toMatch(/duy tu, bảo dưỡng.*đô thị, thị trấn.*xã biên giới.*công đoàn.*chuyển đổi số/s);
    expect(spoken.every((s) => s.speaker.endsWith('(mẫu)'))).toBe(true);
    // The adopted version differs from the draft exactly where comments were taken in.
    const cmp = (
      await admin.get(`/api/documents/${id}/consultation/compare?from=${ws.versions[0]!.id}&to=${ws.versions[1]!.id}`)
    ).json() as Comparison;
    const changed = cmp.items.filter((i) => i.change !== 'same');
    expect(changed).toHaveLength(3);
    for (const c of changed) {
      expect(c.differences).toEqual(['text']);
      expect(c.causes.length).toBeGreaterThan(0);
      expect(c.causes.every((k) => k.disposition === 'accepted')).toBe(true);
    }
    const { rows: adoptedItems } = await db.query<{ text: string }>('SELECT text FROM document_items WHERE document_id = $1', [id]);
    expect(adoptedItems.map((i) => i.text)).toContain('Xây dựng kết cấu hạ tầng đồng bộ, gắn đầu tư mới với duy tu, bảo dưỡng');
    // Its synthesis report opens in Word.
    const docx = await admin.get(`/api/documents/${id}/consultation/synthesis.docx`);
    expect(docx.statusCode).toBe(200);
  });

  it('holds a ward’s 2025–2030 program in its round now, its counts recomputed from the recipients', async () => {
    const id = await docOf(
      `SELECT d.id FROM documents d JOIN orgs o ON o.id = d.org_id WHERE o.code = 'HCM.BENTHANH' AND d.status = 'draft' AND d.term = '2025-2030'`,
    );
    const ws = (await admin.get(`/api/documents/${id}/consultation`)).json() as Workspace;
    expect(ws.rounds).toHaveLength(1);
    const round = ws.rounds[0]!;
    const { rows: parts } = await db.query<{ answeredOn: string | null; deadline: string }>(
      `SELECT to_char(c.answered_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS "answeredOn", to_char(r.deadline, 'YYYY-MM-DD') AS deadline
         FROM consultation_recipients c JOIN consultation_rounds r ON r.id = c.round_id WHERE r.document_id = $1`,
      [id],
    );
    expect(round.total).toBe(parts.length);
    expect(round.answered).toBe(parts.filter((p) => p.answeredOn !== null).length);
    const states = parts.map((p) => answerState(p.deadline, p.answeredOn, vnToday()));
    const tally = (list: string[]) =>
      Object.fromEntries(['answered', 'late', 'waiting', 'overdue'].map((s) => [s, list.filter((x) => x === s).length]));
    expect(tally(round.recipients.map((r) => r.state))).toEqual(tally(states));
    // Some answers in, one late, one not yet.
    expect(tally(states)).toMatchObject({ answered: 4, late: 1, overdue: 1 });
    const { rows: sent } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM consultation_comments WHERE document_id = $1 AND status = 'sent'`,
      [id],
    );
    expect(ws.comments.total).toBe(sent[0]!.n);
    expect(ws.comments.undisposed).toBe(sent[0]!.n);
  });
});
