import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { vnToday } from '../../../domain/vn-time';
import { addDays } from '../../../domain/targets';
import { createTestDb } from '../../test/db';
import { buildOrg, buildTask, buildUser, type TestOrg } from '../../test/factories';
import { anonymous, buildTestApp, loginAs, multipartBody, type TestClient } from '../../test/http';

let app: App;
let db: Db;
let drop: () => Promise<void>;
let province: TestOrg, city: TestOrg, ward: TestOrg, farProvince: TestOrg;
let cityApprover: TestClient, wardReporter: TestClient, wardViewer: TestClient, wardMember: TestClient, farManager: TestClient;
let cityApproverId: number, wardReporterId: number;
let anon: TestClient;
let taskId: number;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

type Thread = {
  id: number;
  version: number;
  status: string;
  isOverdue: boolean;
  closedNote: string | null;
  abilities: { answer: boolean; close: boolean; reply: boolean };
  messages: { kind: string; body: string; authorName: string; files: { id: number; fileName: string; sizeBytes: number }[] }[];
};

const login = async (grants: { org: TestOrg; role: 'manager' | 'approver' | 'reporter' | 'viewer' | 'member' }[]) => {
  const u = await buildUser(db, grants);
  return { id: u.id, client: await loginAs(app, u.username, u.password) };
};
const ask = async (dueDate: string) => {
  const res = await cityApprover.post('/api/explanations', { taskId, orgId: ward.id, question: 'Vì sao nhiệm vụ chậm tiến độ?', dueDate });
  expect(res.statusCode).toBe(201);
  return res.json() as Thread;
};
const sendFile = (client: TestClient, id: number, fields: Record<string, string>, content = PDF, name = 'bien-ban.pdf') => {
  const { body, contentType } = multipartBody(fields, { field: 'file', name, content, type: 'application/pdf' });
  return client.request('POST', `/api/explanations/${id}/files`, body, { 'content-type': contentType });
};
const read = async (client: TestClient, id: number) => (await client.get(`/api/explanations/${id}`)).json() as Thread;

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
  province = await buildOrg(db, { name: 'Tỉnh ủy Bình Dương' });
  city = await buildOrg(db, { parent: province, name: 'Thành ủy Dĩ An', kind: 'district_committee' });
  ward = await buildOrg(db, { parent: city, name: 'Đảng ủy phường Đông Hòa', kind: 'commune_committee' });
  farProvince = await buildOrg(db, { name: 'Tỉnh ủy Hậu Giang' });
  taskId = await buildTask(db, province, { lead: ward, title: 'Chỉnh trang đô thị phường', dueDate: '2024-06-30' });
  const ca = await login([{ org: city, role: 'approver' }]);
  cityApprover = ca.client;
  cityApproverId = ca.id;
  const wr = await login([{ org: ward, role: 'reporter' }]);
  wardReporter = wr.client;
  wardReporterId = wr.id;
  wardViewer = (await login([{ org: ward, role: 'viewer' }])).client;
  wardMember = (await login([{ org: ward, role: 'member' }])).client;
  farManager = (await login([{ org: farProvince, role: 'manager' }])).client;
  anon = await anonymous(app);
});
afterAll(async () => {
  await app.close();
  await drop();
});
afterEach(() => {
  delete process.env.RESOLUTE_ORG_QUOTA_MB;
});

describe('an explanation thread', () => {
  it('goes ask, answer with a file, reply, answer, close with a note; each side is told', async () => {
    const asked = await ask(addDays(vnToday(), 10));
    expect(asked).toMatchObject({ status: 'open', isOverdue: false, abilities: { answer: false, close: true, reply: true } });

    const answered = await sendFile(wardReporter, asked.id, {
      version: String(asked.version),
      as: 'answer',
      body: 'Biên bản làm việc kèm theo.',
    });
    expect(answered.statusCode).toBe(200);
    const a = answered.json() as Thread;
    expect(a.status).toBe('answered');
    expect(a.messages.at(-1)).toMatchObject({ kind: 'answer', body: 'Biên bản làm việc kèm theo.', files: [{ fileName: 'bien-ban.pdf' }] });
    const fileId = a.messages.at(-1)!.files[0]!.id;
    // Both sides download it; outside the scope, or through another request's id, it is not there.
    const download = await cityApprover.get(`/api/explanations/${asked.id}/files/${fileId}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toContain('application/pdf');
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect((await farManager.get(`/api/explanations/${asked.id}/files/${fileId}`)).statusCode).toBe(404);
    const other = await ask(addDays(vnToday(), 10));
    expect((await cityApprover.get(`/api/explanations/${other.id}/files/${fileId}`)).statusCode).toBe(404);

    const replied = await cityApprover.post(`/api/explanations/${asked.id}/reply`, {
      version: a.version,
      body: 'Đề nghị nêu rõ thời gian hoàn thành.',
    });
    expect(replied.statusCode).toBe(200);
    expect(replied.json()).toMatchObject({ status: 'open' });
    const r = replied.json() as Thread;
    const again = await wardReporter.post(`/api/explanations/${asked.id}/answer`, { version: r.version, body: 'Hoàn thành trước 30/09.' });
    expect(again.statusCode).toBe(200);
    const closed = await cityApprover.post(`/api/explanations/${asked.id}/close`, {
      version: again.json().version,
      note: 'Tiếp thu, theo dõi tiến độ quý III.',
    });
    expect(closed.statusCode).toBe(200);
    const c = closed.json() as Thread;
    expect(c).toMatchObject({
      status: 'closed',
      closedNote: 'Tiếp thu, theo dõi tiến độ quý III.',
      abilities: { answer: false, close: false, reply: false },
    });
    expect(c.messages.map((m) => m.kind)).toEqual(['question', 'answer', 'comment', 'answer', 'close']);

    const { rows } = await db.query<{ user_id: number; title: string }>(
      `SELECT user_id::int, title FROM notifications WHERE kind = 'explanation' AND link = $1 ORDER BY id`,
      [`/explanations/${asked.id}`],
    );
    expect(rows.filter((n) => n.user_id === cityApproverId)).toHaveLength(2);
    expect(rows.filter((n) => n.user_id === wardReporterId).map((n) => n.title)).toEqual([
      'Bên yêu cầu trao đổi thêm về giải trình',
      'Yêu cầu giải trình đã đóng',
    ]);
    const { rows: audit } = await db.query(`SELECT action FROM audit_log WHERE entity = 'explanation' AND entity_id = $1 ORDER BY id`, [
      String(asked.id),
    ]);
    expect(audit.map((x) => x.action)).toEqual(['create', 'attach', 'reply', 'answer', 'close']);
  });

  it('refuses replies, answers, files and a second close once closed', async () => {
    const asked = await ask(addDays(vnToday(), 10));
    const closed = (
      await cityApprover.post(`/api/explanations/${asked.id}/close`, { version: asked.version, note: 'Không cần giải trình nữa.' })
    ).json();
    const v = closed.version;
    const reply = await cityApprover.post(`/api/explanations/${asked.id}/reply`, { version: v, body: 'Thêm một ý.' });
    expect(reply.statusCode).toBe(409);
    expect(reply.json().error.message).toContain('đã đóng');
    expect((await wardReporter.post(`/api/explanations/${asked.id}/answer`, { version: v, body: 'Trả lời muộn.' })).statusCode).toBe(409);
    expect((await sendFile(wardReporter, asked.id, { version: String(v), as: 'answer' })).statusCode).toBe(409);
    expect((await cityApprover.post(`/api/explanations/${asked.id}/close`, { version: v, note: 'Đóng lần nữa.' })).statusCode).toBe(409);
  });

  it('flags an open request past its due date on both sides, in the list and the detail', async () => {
    const asked = await ask(addDays(vnToday(), -1));
    expect(asked.isOverdue).toBe(true);
    const list = (await cityApprover.get(`/api/explanations?taskId=${taskId}`)).json() as Thread[];
    expect(list.find((e) => e.id === asked.id)!.isOverdue).toBe(true);
    expect((await read(wardReporter, asked.id)).isOverdue).toBe(true);
    const work = (await wardReporter.get('/api/my-work')).json() as { explanations: { id: number; isOverdue: boolean }[] };
    expect(work.explanations.find((e) => e.id === asked.id)!.isOverdue).toBe(true);
    // Answered, it waits for no one: the flag goes.
    await wardReporter.post(`/api/explanations/${asked.id}/answer`, { version: asked.version, body: 'Đã có kế hoạch khắc phục.' });
    expect((await read(cityApprover, asked.id)).isOverdue).toBe(false);
  });
});

describe('who may do what in a thread', () => {
  it('lets each role only its side: the viewer reads, the reporter answers, the approver above replies and closes', async () => {
    const asked = await ask(addDays(vnToday(), 10));
    const v = asked.version;
    expect((await wardViewer.get(`/api/explanations/${asked.id}`)).statusCode).toBe(200);
    expect((await wardViewer.post(`/api/explanations/${asked.id}/answer`, { version: v, body: 'Không được phép.' })).statusCode).toBe(403);
    expect((await wardViewer.post(`/api/explanations/${asked.id}/reply`, { version: v, body: 'Không được phép.' })).statusCode).toBe(403);
    expect((await wardReporter.post(`/api/explanations/${asked.id}/reply`, { version: v, body: 'Không được phép.' })).statusCode).toBe(403);
    expect((await sendFile(wardReporter, asked.id, { version: String(v), as: 'reply' })).statusCode).toBe(403);
    expect((await sendFile(cityApprover, asked.id, { version: String(v), as: 'answer' })).statusCode).toBe(403);
    expect((await wardReporter.post(`/api/explanations/${asked.id}/close`, { version: v, note: 'Tự đóng.' })).statusCode).toBe(403);
    expect((await wardMember.get(`/api/explanations/${asked.id}`)).statusCode).toBe(403);
    expect((await anon.post(`/api/explanations/${asked.id}/reply`, { version: v, body: 'Ẩn danh.' })).statusCode).toBe(401);
    expect((await anon.get(`/api/explanations/${asked.id}/files/1`)).statusCode).toBe(401);
    // Outside the scope the request does not exist.
    expect((await farManager.get(`/api/explanations/${asked.id}`)).statusCode).toBe(404);
    expect((await farManager.post(`/api/explanations/${asked.id}/reply`, { version: v, body: 'Ngoài phạm vi.' })).statusCode).toBe(404);
    expect((await sendFile(farManager, asked.id, { version: String(v), as: 'reply' })).statusCode).toBe(404);
    expect((await farManager.post(`/api/explanations/${asked.id}/close`, { version: v, note: 'Ngoài phạm vi.' })).statusCode).toBe(404);
    // The asking side may also send a file with its reply.
    const withFile = await sendFile(cityApprover, asked.id, { version: String(v), as: 'reply' });
    expect(withFile.statusCode).toBe(200);
    expect(withFile.json().messages.at(-1)).toMatchObject({ kind: 'comment', body: 'bien-ban.pdf', files: [{ fileName: 'bien-ban.pdf' }] });
  });

  it('answers bad input with 400 naming the field, a stale version with 409, a file over the quota with 413', async () => {
    const asked = await ask(addDays(vnToday(), 10));
    const v = asked.version;
    const short = await cityApprover.post(`/api/explanations/${asked.id}/reply`, { version: v, body: 'ok' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details.fields[0].field).toBe('body.body');
    const noNote = await cityApprover.post(`/api/explanations/${asked.id}/close`, { version: v });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.details.fields[0].field).toBe('body.note');
    const badAs = await sendFile(wardReporter, asked.id, { version: String(v), as: 'close' });
    expect(badAs.statusCode).toBe(400);
    expect(badAs.json().error.details.fields[0].field).toBe('body.as');
    const badVersion = await sendFile(wardReporter, asked.id, { version: 'x', as: 'answer' });
    expect(badVersion.json().error.details.fields[0].field).toBe('body.version');
    const notPdf = await sendFile(wardReporter, asked.id, { version: String(v), as: 'answer' }, Buffer.from('MZ not a document'), 'x.pdf');
    expect(notPdf.statusCode).toBe(400);
    expect(notPdf.json().error.details.fields[0].field).toBe('body.file');
    expect((await cityApprover.get('/api/explanations/abc')).statusCode).toBe(400);
    expect((await cityApprover.post(`/api/explanations/${asked.id}/reply`, { version: v + 5, body: 'Phiên bản cũ.' })).statusCode).toBe(
      409,
    );
    process.env.RESOLUTE_ORG_QUOTA_MB = '0.00001';
    const over = await sendFile(wardReporter, asked.id, { version: String(v), as: 'answer' });
    expect(over.statusCode).toBe(413);
    // Nothing of a refused message stays behind.
    expect((await read(cityApprover, asked.id)).messages).toHaveLength(1);
  });
});
