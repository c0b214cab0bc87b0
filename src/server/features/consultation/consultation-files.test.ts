/**
 * The Word files of a consultation (the draft for comments, the synthesis report), the people
 * the group may send a draft to, and the rule that only the editorial group edits its draft
 * (the document item routes refuse others holding documents.write).
 */
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import { buildDocument, buildItem, buildOrg, buildUser, type TestDocument, type TestOrg } from '../../test/factories';
import { anonymous, buildTestApp, loginAs, type TestClient } from '../../test/http';

let app: App;
let db: Db;
let drop: () => Promise<void>;
let province: TestOrg, dept: TestOrg, district: TestOrg, other: TestOrg;
let leader: TestClient, writer: TestClient, head: TestClient, secretary: TestClient, nonMember: TestClient;
let deptLeader: TestClient, districtLeader: TestClient, person: TestClient, outsider: TestClient;
let ids: Record<'leader' | 'head' | 'secretary' | 'person' | 'outsider', number>;

type Res = { statusCode: number; body: string; json: () => unknown; rawPayload: Buffer };
const ok = <T = Record<string, unknown>>(res: Res, status = 200): T => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
};
const errorOf = (res: Res) =>
  (res.json() as { error: { code: string; message: string; details?: { fields?: { field: string }[] } } }).error;
const documentXml = async (res: Res) => {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  const zip = await JSZip.loadAsync(res.rawPayload);
  return zip.file('word/document.xml')!.async('string');
};
/** The text of the XML with the runs joined, so that a sentence split across runs still reads whole. */
const textOf = (xml: string) => [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');

type Round = { id: number; recipients: { id: number; orgId: number | null; userId: number | null }[] };
type Comment = { id: number; version: number; itemKey: string | null };

let doc: TestDocument;
let targetKey: string, taskKey: string;
let v1: { id: number }, round: Round;
let itemId: number;

async function draftWithItems(org: TestOrg) {
  const d = await buildDocument(db, org, {
    kind: 'action_program',
    status: 'draft',
    term: '2020-2025',
    title: 'Chương trình hành động thử',
  });
  const part = await buildItem(db, d.id, { kind: 'part', text: 'Mục tiêu' });
  const target = await buildItem(db, d.id, {
    kind: 'target',
    text: 'Tăng trưởng GRDP bình quân 8%/năm',
    comparator: '>=',
    value: 8,
    unit: '%',
  });
  const task = await buildItem(db, d.id, { kind: 'task', text: 'Phát triển kinh tế cửa khẩu' });
  await db.query('UPDATE document_items SET parent_item_id = $1 WHERE id = ANY($2::bigint[])', [part, [target, task]]);
  const { rows } = await db.query<{ id: number; key: string }>(
    'SELECT id, stable_key::text AS key FROM document_items WHERE document_id = $1',
    [d.id],
  );
  return { d, targetKey: rows.find((r) => r.id === target)!.key, taskKey: rows.find((r) => r.id === task)!.key, itemId: task };
}

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
  province = await buildOrg(db, { name: 'Tỉnh ủy Bình Phước', kind: 'province_committee' });
  dept = await buildOrg(db, { parent: province, name: 'Sở Xây dựng', kind: 'agency' });
  district = await buildOrg(db, { parent: province, name: 'Huyện ủy Lộc Ninh', kind: 'district_committee' });
  other = await buildOrg(db, { name: 'Tỉnh ủy Đồng Nai', kind: 'province_committee' });
  const make = async (org: TestOrg, role: 'manager' | 'viewer' | 'member', fullName: string) => {
    const u = await buildUser(db, [{ org, role }], { fullName });
    return { id: u.id, client: await loginAs(app, u.username, u.password) };
  };
  const l = await make(province, 'manager', 'Trần Tuệ Hiền');
  writer = (await make(province, 'manager', 'Văn Phòng Tỉnh ủy')).client;
  const h = await make(province, 'viewer', 'Huỳnh Thị Hằng');
  const s = await make(province, 'viewer', 'Nguyễn Văn Thư');
  const p = await make(province, 'member', 'Tôn Ngọc Hạnh');
  const o = await make(other, 'manager', 'Người tỉnh khác');
  ids = { leader: l.id, head: h.id, secretary: s.id, person: p.id, outsider: o.id };
  [leader, head, secretary, person, outsider] = [l.client, h.client, s.client, p.client, o.client];
  nonMember = (await make(province, 'viewer', 'Phạm Văn Ngoài')).client;
  deptLeader = (await make(dept, 'manager', 'Giám đốc Sở Xây dựng')).client;
  districtLeader = (await make(district, 'manager', 'Bí thư Huyện ủy Lộc Ninh')).client;

  const made = await draftWithItems(province);
  ({ d: doc, targetKey, taskKey, itemId } = made);
}, 120_000);
afterAll(async () => {
  await app.close();
  await drop();
});

describe('only the editorial group edits its draft', () => {
  it('lets documents.write holders edit items until a group is formed, then only the group’s members (403 in Vietnamese)', async () => {
    ok(await writer.post(`/api/documents/${doc.id}/items`, { kind: 'paragraph', text: 'Đoạn mở đầu' }), 201);
    ok(
      await leader.put(`/api/documents/${doc.id}/consultation/team`, {
        members: [
          { userId: ids.head, role: 'head' },
          { userId: ids.secretary, role: 'secretary' },
          { userId: ids.leader, role: 'member' },
        ],
      }),
    );
    const added = await writer.post(`/api/documents/${doc.id}/items`, { kind: 'paragraph', text: 'Đoạn thêm' });
    expect(added.statusCode).toBe(403);
    expect(errorOf(added).message).toBe(`Dự thảo ${doc.symbol} do Tổ biên tập soạn thảo: chỉ thành viên Tổ biên tập được sửa nội dung.`);
    const { rows } = await db.query<{ version: number }>('SELECT version FROM document_items WHERE id = $1', [itemId]);
    expect((await writer.patch(`/api/items/${itemId}`, { version: rows[0]!.version, text: 'Sửa ngoài Tổ' })).statusCode).toBe(403);
    expect((await writer.del(`/api/items/${itemId}?version=${rows[0]!.version}`)).statusCode).toBe(403);
    // A member of the group who holds documents.write still uses the item routes.
    const byMember = ok<{ id: number }>(await leader.post(`/api/documents/${doc.id}/items`, { kind: 'paragraph', text: 'Đoạn kết' }), 201);
    expect(byMember.id).toBeGreaterThan(0);
    // Nothing the refused writer sent reached the draft.
    const texts = (await db.query<{ text: string }>('SELECT text FROM document_items WHERE document_id = $1', [doc.id])).rows.map(
      (r) => r.text,
    );
    expect(texts).not.toContain('Đoạn thêm');
    expect(texts).not.toContain('Sửa ngoài Tổ');
    // Outside the scope the item routes still answer 404, not 403.
    expect((await outsider.post(`/api/documents/${doc.id}/items`, { kind: 'paragraph', text: 'x' })).statusCode).toBe(404);
  });
});

describe('people the group may send the draft to', () => {
  it('lists people holding a role in the issuing org’s subtree, found without diacritics', async () => {
    const found = ok<{ items: { userId: number; fullName: string; orgNames: string }[] }>(
      await head.get(`/api/documents/${doc.id}/consultation/people?q=ngoc%20hanh`),
    );
    expect(found.items).toEqual([{ userId: ids.person, fullName: 'Tôn Ngọc Hạnh', orgNames: 'Tỉnh ủy Bình Phước' }]);
    const all = ok<{ items: { userId: number }[] }>(await head.get(`/api/documents/${doc.id}/consultation/people`));
    expect(all.items.map((i) => i.userId)).toContain(ids.leader);
    expect(all.items.map((i) => i.userId)).not.toContain(ids.outsider);
  });

  it('is the group’s: 401, 404 outside, 403 to the org’s leadership outside the group, 400 on a long query', async () => {
    expect((await (await anonymous(app)).get(`/api/documents/${doc.id}/consultation/people`)).statusCode).toBe(401);
    expect((await outsider.get(`/api/documents/${doc.id}/consultation/people`)).statusCode).toBe(404);
    expect((await nonMember.get(`/api/documents/${doc.id}/consultation/people`)).statusCode).toBe(404);
    expect((await writer.get(`/api/documents/${doc.id}/consultation/people`)).statusCode).toBe(403);
    const long = await head.get(`/api/documents/${doc.id}/consultation/people?q=${'a'.repeat(101)}`);
    expect(long.statusCode).toBe(400);
    expect(errorOf(long).details?.fields?.[0]?.field).toBe('querystring.q');
  });

  it('refuses circulating to a person outside the issuing org’s subtree', async () => {
    const v = ok<{ id: number }>(await head.post(`/api/documents/${doc.id}/consultation/versions`, { note: 'Dự thảo lần 1' }), 201);
    v1 = v;
    const refused = await secretary.post(`/api/consultation/versions/${v.id}/rounds`, { deadline: '2099-12-31', userIds: [ids.outsider] });
    expect(refused.statusCode).toBe(400);
    expect(errorOf(refused).details?.fields?.[0]?.field).toBe('body.userIds');
    expect(errorOf(refused).message).toContain('Tỉnh ủy Bình Phước');
    round = ok<Round>(
      await secretary.post(`/api/consultation/versions/${v.id}/rounds`, {
        deadline: '2099-12-31',
        orgIds: [dept.id, district.id],
        userIds: [ids.person],
      }),
      201,
    );
    expect(round.recipients.map((r) => r.userId).filter(Boolean)).toEqual([ids.person]);
  });
});

describe('the draft for comments as a Word file', () => {
  it('prints the version sent in the HD 36 layout, with line numbers on request', async () => {
    const xml = await documentXml(await head.get(`/api/consultation/versions/${v1.id}/draft.docx?lineNumbers=true`));
    const text = textOf(xml);
    expect(text).toContain('DỰ THẢO lần 1');
    expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(text).toContain('TỈNH ỦY BÌNH PHƯỚC');
    expect(text).toContain('Số      -CTr/TU');
    expect(text).toContain('CHƯƠNG TRÌNH HÀNH ĐỘNG');
    expect(text).toContain('I. MỤC TIÊU');
    expect(text).toContain('1. Tăng trưởng GRDP bình quân 8%/năm');
    expect(text).toContain('2. Phát triển kinh tế cửa khẩu');
    expect(text).toContain('Đoạn kết');
    expect(xml).toMatch(/<w:lnNumType [^>]*w:countBy="1"/);
    const plain = await documentXml(await head.get(`/api/consultation/versions/${v1.id}/draft.docx`));
    expect(plain).not.toContain('w:lnNumType');
  });

  it('is read by the group and the recipients of that version: 401, 404 outside, 400 on a bad flag or id', async () => {
    expect(textOf(await documentXml(await deptLeader.get(`/api/consultation/versions/${v1.id}/draft.docx`)))).toContain('DỰ THẢO lần 1');
    expect(textOf(await documentXml(await person.get(`/api/consultation/versions/${v1.id}/draft.docx`)))).toContain('DỰ THẢO lần 1');
    expect((await (await anonymous(app)).get(`/api/consultation/versions/${v1.id}/draft.docx`)).statusCode).toBe(401);
    expect((await outsider.get(`/api/consultation/versions/${v1.id}/draft.docx`)).statusCode).toBe(404);
    expect((await nonMember.get(`/api/consultation/versions/${v1.id}/draft.docx`)).statusCode).toBe(404);
    const bad = await head.get(`/api/consultation/versions/${v1.id}/draft.docx?lineNumbers=maybe`);
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details?.fields?.[0]?.field).toBe('querystring.lineNumbers');
    expect((await head.get('/api/consultation/versions/abc/draft.docx')).statusCode).toBe(400);
  });
});

describe('the synthesis report as a Word file', () => {
  it('lists every sent comment grouped by item, who made it and its disposition, with counts from the comments', async () => {
    const recipientOf = (org: TestOrg) => round.recipients.find((r) => r.orgId === org.id)!.id;
    ok(
      await deptLeader.post('/api/consultation/comments', {
        recipientId: recipientOf(dept),
        itemKey: targetKey,
        body: 'Đề nghị nâng chỉ tiêu lên 9%',
        proposedValue: 9,
      }),
      201,
    );
    ok(
      await districtLeader.post('/api/consultation/comments', {
        recipientId: recipientOf(district),
        itemKey: taskKey,
        body: 'Bổ sung phát triển các xã biên giới (Lộc Thịnh & Lộc Thiện) <đề xuất>\u0007',
        proposedText: 'Phát triển kinh tế cửa khẩu và các xã biên giới',
      }),
      201,
    );
    const personRecipient = round.recipients.find((r) => r.userId === ids.person)!.id;
    ok(await person.post('/api/consultation/comments', { recipientId: personRecipient, body: 'Dự thảo cần ngắn gọn hơn' }), 201);
    ok(
      await secretary.post(`/api/documents/${doc.id}/consultation/conference-comments`, {
        versionId: v1.id,
        itemKey: taskKey,
        speakerName: 'Đồng chí Nguyễn Văn A',
        speakerTitle: 'Bí thư Huyện ủy Bù Gia Mập',
        body: 'Quy hoạch đô thị, thị trấn',
      }),
      201,
    );
    const grouped = ok<{ groups: { comments: Comment[] }[] }>(await head.get(`/api/documents/${doc.id}/consultation/comments`));
    for (const c of grouped.groups.flatMap((g) => g.comments)) {
      const body =
        c.itemKey === targetKey
          ? { disposition: 'accepted', version: c.version }
          : c.itemKey === null
            ? { disposition: 'explained', reason: 'Bố cục theo Hướng dẫn 36', version: c.version }
            : { disposition: 'rejected', reason: 'Đã có trong Phần II', version: c.version };
      ok(await secretary.post(`/api/documents/${doc.id}/consultation/comments/${c.id}/disposition`, body));
    }
    const xml = await documentXml(await head.get(`/api/documents/${doc.id}/consultation/synthesis.docx`));
    const text = textOf(xml);
    expect(text).toContain('BÁO CÁO');
    // Written as text into the file: escaped, a control character dropped, the marker gone.
    expect(text).toContain('Bổ sung phát triển các xã biên giới (Lộc Thịnh &amp; Lộc Thiện) &lt;đề xuất&gt;Đề nghị sửa thành');
    expect(xml).not.toContain('RESOLUTE-SYNTHESIS-TABLES');
    expect(xml.match(/<w:tblHeader\/>/g)).toHaveLength(3);
    expect(text).toContain('tổng hợp, tiếp thu, giải trình ý kiến góp ý');
    expect(text).toContain('Số      -BC/TU');
    expect(text).toContain(
      'Tổng hợp được 4 ý kiến góp ý: 3 ý kiến bằng văn bản (2 cơ quan, đơn vị và 1 cá nhân) và 1 ý kiến phát biểu tại hội nghị (1 đại biểu).',
    );
    expect(text).toContain('Tổ biên tập đã tiếp thu 1 ý kiến, giải trình 1 ý kiến, không tiếp thu 2 ý kiến.');
    // Grouped in the reading order: the whole document, the target, the task.
    const order = ['1. Ý kiến chung về dự thảo', '2. Tăng trưởng GRDP bình quân 8%/năm', '3. Phát triển kinh tế cửa khẩu'].map((s) =>
      text.indexOf(s),
    );
    expect(order.every((n) => n >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain('Đề nghị nâng chỉ tiêu lên 9%Đề nghị giá trị: 9Sở Xây dựngTiếp thu');
    expect(text).toContain('Đề nghị sửa thành: “Phát triển kinh tế cửa khẩu và các xã biên giới”Huyện ủy Lộc Ninh');
    expect(text).toContain('Tôn Ngọc HạnhGiải trình: Bố cục theo Hướng dẫn 36');
    expect(text).toContain('Đồng chí Nguyễn Văn A, Bí thư Huyện ủy Bù Gia Mập — phát biểu tại hội nghị');
    expect(text).toContain('T/M TỔ BIÊN TẬP');
  });

  it('is the group’s and the leadership’s until published, then every recipient’s: 401, 404 outside, 403 before', async () => {
    expect((await (await anonymous(app)).get(`/api/documents/${doc.id}/consultation/synthesis.docx`)).statusCode).toBe(401);
    expect((await outsider.get(`/api/documents/${doc.id}/consultation/synthesis.docx`)).statusCode).toBe(404);
    expect((await nonMember.get(`/api/documents/${doc.id}/consultation/synthesis.docx`)).statusCode).toBe(404);
    expect((await head.get('/api/documents/0/consultation/synthesis.docx')).statusCode).toBe(400);
    const before = await deptLeader.get(`/api/documents/${doc.id}/consultation/synthesis.docx`);
    expect(before.statusCode).toBe(403);
    expect(errorOf(before as Res).message).toContain('sau khi Tổ biên tập công bố');
    expect((await writer.get(`/api/documents/${doc.id}/consultation/synthesis.docx`)).statusCode).toBe(200);
    ok(await head.post(`/api/documents/${doc.id}/consultation/synthesis/publish`));
    expect(textOf(await documentXml(await deptLeader.get(`/api/documents/${doc.id}/consultation/synthesis.docx`)))).toContain(
      'Huyện ủy Lộc Ninh',
    );
  });
});
