import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import { buildDocument, buildItem, buildOrg, buildUser, type TestDocument, type TestOrg } from '../../test/factories';
import { anonymous, buildTestApp, loginAs, type TestClient } from '../../test/http';
import { sendConsultationReminders } from './reminders.service';

let app: App;
let db: Db;
let drop: () => Promise<void>;
let province: TestOrg, dept: TestOrg, district: TestOrg, lookalike: TestOrg, other: TestOrg;
let leader: TestClient, head: TestClient, secretary: TestClient, member: TestClient, nonMember: TestClient;
let deptStaff: TestClient, deptLeader: TestClient, districtLeader: TestClient, person: TestClient, outsider: TestClient;
let ids: Record<'head' | 'secretary' | 'member' | 'person', number>;

type Res = { statusCode: number; body: string; json: () => unknown };
const ok = <T = Record<string, unknown>>(res: Res, status = 200): T => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
};
const errorOf = (res: Res) =>
  (res.json() as { error: { code: string; message: string; details?: { fields?: { field: string }[] } } }).error;

type Workspace = {
  versions: { id: number; versionNo: number }[];
  rounds: {
    id: number;
    answered: number;
    total: number;
    recipients: { id: number; orgId: number | null; userId: number | null; state: string }[];
  }[];
  comments: { total: number; undisposed: number; pendingApproval: number };
  abilities: Record<string, boolean>;
  document: { status: string; issueDate: string | null };
  adoption: { votesFor: number; adoptedVersionNo: number | null } | null;
};
type Comment = { id: number; version: number; status: string; orgName: string | null; itemKey: string | null; canApprove: boolean };

/** A draft action program: a part holding a target (9%) and a task, and a second part. */
async function draftWithItems(org: TestOrg) {
  const doc = await buildDocument(db, org, {
    kind: 'action_program',
    status: 'draft',
    term: '2020-2025',
    title: 'Chương trình hành động thử',
  });
  const part1 = await buildItem(db, doc.id, { kind: 'part', text: 'Phần I. Mục tiêu' });
  const target = await buildItem(db, doc.id, {
    kind: 'target',
    text: 'Tăng trưởng GRDP bình quân 8%/năm',
    comparator: '>=',
    value: 8,
    unit: '%',
  });
  await db.query('UPDATE document_items SET parent_item_id = $1 WHERE id = $2', [part1, target]);
  const task = await buildItem(db, doc.id, { kind: 'task', text: 'Phát triển kinh tế cửa khẩu' });
  await db.query('UPDATE document_items SET parent_item_id = $1 WHERE id = $2', [part1, task]);
  await buildItem(db, doc.id, { kind: 'part', text: 'Phần II. Nhiệm vụ, giải pháp' });
  const keys = (
    await db.query<{ id: number; key: string }>('SELECT id, stable_key::text AS key FROM document_items WHERE document_id = $1', [doc.id])
  ).rows;
  const keyOf = (id: number) => keys.find((k) => k.id === id)!.key;
  return { doc, targetKey: keyOf(target), taskKey: keyOf(task), targetId: target };
}

async function formTeam(doc: TestDocument) {
  return ok<Workspace>(
    await leader.put(`/api/documents/${doc.id}/consultation/team`, {
      members: [
        { userId: ids.head, role: 'head' },
        { userId: ids.secretary, role: 'secretary' },
        { userId: ids.member, role: 'member' },
      ],
    }),
  );
}

async function issue(doc: TestDocument, note = 'Dự thảo') {
  return ok<{ id: number; versionNo: number; items: { stableKey: string }[] }>(
    await head.post(`/api/documents/${doc.id}/consultation/versions`, { note }),
    201,
  );
}

async function circulate(versionId: number, deadline = '2099-12-31') {
  return ok<Workspace['rounds'][number]>(
    await secretary.post(`/api/consultation/versions/${versionId}/rounds`, {
      deadline,
      orgIds: [dept.id, district.id],
      userIds: [ids.person],
      message: 'Đề nghị các đơn vị góp ý',
    }),
    201,
  );
}

const recipientOf = (round: Workspace['rounds'][number], org: TestOrg) => round.recipients.find((r) => r.orgId === org.id)!.id;

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
  province = await buildOrg(db, { id: 9101, name: 'Tỉnh ủy Bình Phước', kind: 'province_committee' });
  dept = await buildOrg(db, { parent: province, name: 'Sở Xây dựng', kind: 'agency' });
  district = await buildOrg(db, { parent: province, name: 'Huyện ủy Lộc Ninh', kind: 'district_committee' });
  // 91011 starts with the digits of 9101 but lies outside its subtree.
  lookalike = await buildOrg(db, { id: 91011, name: 'Tỉnh ủy khác', kind: 'province_committee' });
  other = await buildOrg(db, { name: 'Tỉnh ủy Đồng Nai', kind: 'province_committee' });
  const make = async (org: TestOrg, role: 'manager' | 'viewer' | 'reporter' | 'member', fullName: string) => {
    const u = await buildUser(db, [{ org, role }], { fullName });
    return { id: u.id, client: await loginAs(app, u.username, u.password) };
  };
  leader = (await make(province, 'manager', 'Trần Tuệ Hiền')).client;
  const h = await make(province, 'viewer', 'Huỳnh Thị Hằng');
  const s = await make(province, 'viewer', 'Nguyễn Văn Thư');
  const m = await make(province, 'viewer', 'Lê Minh Hoàng');
  const p = await make(province, 'member', 'Tôn Ngọc Hạnh');
  ids = { head: h.id, secretary: s.id, member: m.id, person: p.id };
  [head, secretary, member, person] = [h.client, s.client, m.client, p.client];
  nonMember = (await make(province, 'viewer', 'Phạm Văn Ngoài')).client;
  deptStaff = (await make(dept, 'reporter', 'Cán bộ Sở Xây dựng')).client;
  deptLeader = (await make(dept, 'manager', 'Giám đốc Sở Xây dựng')).client;
  districtLeader = (await make(district, 'manager', 'Bí thư Huyện ủy Lộc Ninh')).client;
  outsider = (await make(other, 'manager', 'Người tỉnh khác')).client;
}, 120_000);
afterAll(async () => {
  await app.close();
  await drop();
});

describe('a consultation in the order of its steps', () => {
  it('forms the group, circulates, gathers comments, disposes of them, issues the next version, compares and adopts', async () => {
    const { doc, targetKey, taskKey } = await draftWithItems(province);
    const formed = await formTeam(doc);
    expect(formed.abilities).toMatchObject({ edit: false, formTeam: true });
    const v1 = await issue(doc, 'Dự thảo lần 1');
    expect(v1.versionNo).toBe(1);
    expect(v1.items.map((i) => i.stableKey)).toContain(targetKey);
    const round = await circulate(v1.id);
    expect(round).toMatchObject({ total: 3, answered: 0 });

    // Each recipient sees the draft on their page.
    const inbox = ok<{ items: { recipientId: number; documentId: number; state: string }[] }>(
      await deptStaff.get('/api/consultation/inbox'),
    );
    expect(inbox.items.filter((i) => i.documentId === doc.id)).toEqual([expect.objectContaining({ state: 'waiting' })]);
    const notified = await db.query(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'consultation' AND dedupe_key = $1`, [
      `consultation:${round.id}:sent`,
    ]);
    expect(notified.rows[0].n).toBeGreaterThanOrEqual(3);

    // The department's staff drafts in its name; it waits for the leader.
    const drafted = ok<Comment>(
      await deptStaff.post('/api/consultation/comments', {
        recipientId: recipientOf(round, dept),
        itemKey: targetKey,
        body: 'Đề nghị nâng chỉ tiêu tăng trưởng lên 9%',
        proposedValue: 9,
      }),
      201,
    );
    expect(drafted).toMatchObject({ status: 'pending_approval', orgName: 'Sở Xây dựng', canApprove: false });
    expect(ok<Workspace>(await head.get(`/api/documents/${doc.id}/consultation`)).comments).toMatchObject({ total: 0, pendingApproval: 1 });
    expect(
      ok<Comment>(
        await deptStaff.get('/api/consultation/inbox').then(() => deptLeader.post(`/api/consultation/comments/${drafted.id}/approve`)),
      ),
    ).toMatchObject({
      status: 'sent',
    });
    // The district's leader writes in its name: sent at once.
    const districtComment = ok<Comment>(
      await districtLeader.post('/api/consultation/comments', {
        recipientId: recipientOf(round, district),
        itemKey: taskKey,
        body: 'Bổ sung phát triển các xã biên giới',
        proposedText: 'Phát triển kinh tế cửa khẩu và các xã biên giới',
      }),
      201,
    );
    expect(districtComment.status).toBe('sent');
    // A committee member comments on the whole document in their own name.
    const personRecipient = round.recipients.find((r) => r.userId === ids.person)!.id;
    ok(await person.post('/api/consultation/comments', { recipientId: personRecipient, body: 'Dự thảo cần ngắn gọn hơn' }), 201);
    // The secretary enters what a speaker said at the conference.
    const spoken = ok<Comment>(
      await secretary.post(`/api/documents/${doc.id}/consultation/conference-comments`, {
        versionId: v1.id,
        itemKey: taskKey,
        speakerName: 'Đồng chí Bí thư Huyện ủy Bù Gia Mập',
        speakerTitle: 'Bí thư Huyện ủy',
        orgId: district.id,
        body: 'Quy hoạch đô thị, thị trấn gắn với kinh tế cửa khẩu',
      }),
      201,
    );
    expect(spoken.status).toBe('sent');

    const ws = ok<Workspace>(await head.get(`/api/documents/${doc.id}/consultation`));
    expect(ws.rounds[0]).toMatchObject({ answered: 3, total: 3 });
    expect(ws.comments).toMatchObject({ total: 4, undisposed: 4, pendingApproval: 0 });

    // Grouped by item: the whole document first, then the target, then the task.
    const grouped = ok<{ groups: { itemKey: string | null; comments: Comment[] }[]; undisposed: number }>(
      await member.get(`/api/documents/${doc.id}/consultation/comments`),
    );
    expect(grouped.groups.map((g) => [g.itemKey, g.comments.length])).toEqual([
      [null, 1],
      [targetKey, 1],
      [taskKey, 2],
    ]);

    // The next version is refused while comments wait.
    const refused = await head.post(`/api/documents/${doc.id}/consultation/versions`, {});
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused).message).toContain('Còn 4 ý kiến góp ý chưa được xử lý');

    // The group takes the value in by revising the item, then disposes of every comment.
    const item = (await db.query<{ version: number }>('SELECT version FROM document_items WHERE stable_key = $1', [targetKey])).rows[0]!;
    ok(
      await member.patch(`/api/documents/${doc.id}/consultation/items/${targetKey}`, {
        text: 'Tăng trưởng GRDP bình quân 9%/năm',
        value: 9,
        version: item.version,
      }),
    );
    const all = grouped.groups.flatMap((g) => g.comments);
    for (const c of all) {
      const body =
        c.itemKey === targetKey
          ? { disposition: 'accepted', version: c.version }
          : c.itemKey === null
            ? { disposition: 'explained', reason: 'Dự thảo đã theo đúng bố cục Hướng dẫn 36', version: c.version }
            : c.id === spoken.id
              ? { disposition: 'rejected', reason: 'Đã có trong Phần II', version: c.version }
              : { disposition: 'accepted', version: c.version };
      ok(await member.post(`/api/documents/${doc.id}/consultation/comments/${c.id}/disposition`, body));
    }
    const task = (await db.query<{ version: number }>('SELECT version FROM document_items WHERE stable_key = $1', [taskKey])).rows[0]!;
    ok(
      await head.patch(`/api/documents/${doc.id}/consultation/items/${taskKey}`, {
        text: 'Phát triển kinh tế cửa khẩu và các xã biên giới',
        version: task.version,
      }),
    );
    const v2 = await issue(doc, 'Dự thảo lần 2, tiếp thu ý kiến');
    expect(v2.versionNo).toBe(2);

    const cmp = ok<{ items: { stableKey: string; change: string; differences: string[]; causes: { id: number }[] }[] }>(
      await head.get(`/api/documents/${doc.id}/consultation/compare?from=${v1.id}&to=${v2.id}`),
    );
    const changed = cmp.items.filter((i) => i.change !== 'same');
    expect(changed.map((i) => [i.stableKey, i.differences])).toEqual([
      [targetKey, ['text', 'value']],
      [taskKey, ['text']],
    ]);
    expect(changed.find((i) => i.stableKey === targetKey)!.causes.map((c) => c.id)).toEqual([drafted.id]);
    // The rejected conference comment did not cause the change; the district's did.
    expect(changed.find((i) => i.stableKey === taskKey)!.causes.map((c) => c.id)).toEqual([districtComment.id]);

    // Adoption at the conference gives the document its date and locks it.
    const adopted = ok<Workspace>(
      await secretary.post(`/api/documents/${doc.id}/consultation/adopt`, {
        meetingName: 'Hội nghị lần thứ 6 Ban Chấp hành Đảng bộ tỉnh (mở rộng)',
        meetingDate: '2021-09-24',
        mode: 'online',
        bridgePoints: ['Hội trường Tỉnh ủy', 'Huyện ủy Lộc Ninh'],
        attendance: 120,
        votesFor: 118,
        votesAgainst: 0,
        votesAbstain: 2,
      }),
    );
    expect(adopted.document).toMatchObject({ status: 'adopted', issueDate: '2021-09-24' });
    expect(adopted.adoption).toMatchObject({ votesFor: 118, adoptedVersionNo: 2 });
    expect(adopted.abilities).toMatchObject({ dispose: false, issue: false, adopt: false });
    // Comments stay with it; nothing more changes.
    const late = await districtLeader.post('/api/consultation/comments', { recipientId: recipientOf(round, district), body: 'Góp ý muộn' });
    expect(late.statusCode).toBe(409);
    expect(ok<{ total: number }>(await head.get(`/api/documents/${doc.id}/consultation/comments`)).total).toBe(4);
    const audit = await db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity IN ('consultation','consultation_comment') AND entity_id IN ($1, $2)`,
      [String(doc.id), String(drafted.id)],
    );
    expect(audit.rows[0].n).toBeGreaterThanOrEqual(6);
  });
});

describe('who sees and does what', () => {
  let doc: TestDocument, v1: { id: number }, round: Workspace['rounds'][number], targetKey: string;
  beforeAll(async () => {
    const d = await draftWithItems(province);
    doc = d.doc;
    targetKey = d.targetKey;
    await formTeam(doc);
    v1 = await issue(doc);
    round = await circulate(v1.id);
    ok(
      await districtLeader.post('/api/consultation/comments', {
        recipientId: recipientOf(round, district),
        itemKey: targetKey,
        body: 'Ý kiến của huyện',
      }),
      201,
    );
    ok(await deptLeader.post('/api/consultation/comments', { recipientId: recipientOf(round, dept), body: 'Ý kiến của Sở' }), 201);
  });

  it('answers 401 without a session', async () => {
    const anon = await anonymous(app);
    expect((await anon.get(`/api/documents/${doc.id}/consultation`)).statusCode).toBe(401);
    expect((await anon.post('/api/consultation/comments', { recipientId: 1, body: 'x' })).statusCode).toBe(401);
  });

  it('hides the draft from anyone neither in the group, its org’s leadership nor a recipient (404)', async () => {
    expect((await outsider.get(`/api/documents/${doc.id}/consultation`)).statusCode).toBe(404);
    expect((await nonMember.get(`/api/documents/${doc.id}/consultation/comments`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/consultation/versions/${v1.id}`)).statusCode).toBe(404);
  });

  it('lets only the group edit, issue and dispose (403 to a recipient and to the org’s leader)', async () => {
    const r1 = await deptLeader.post(`/api/documents/${doc.id}/consultation/versions`, {});
    expect(r1.statusCode).toBe(403);
    expect(errorOf(r1).message).toBe('Chỉ thành viên Tổ biên tập được thực hiện thao tác này.');
    expect((await leader.patch(`/api/documents/${doc.id}/consultation/items/${targetKey}`, { text: 'Sửa', version: 1 })).statusCode).toBe(
      403,
    );
    expect((await deptLeader.get(`/api/documents/${doc.id}/consultation`)).statusCode).toBe(403);
    // Forming the group is the issuing org's leadership's: a member of the group may not, a ward manager's role lacks it.
    expect(
      (await head.put(`/api/documents/${doc.id}/consultation/team`, { members: [{ userId: ids.head, role: 'head' }] })).statusCode,
    ).toBe(403);
    expect(
      (await districtLeader.put(`/api/documents/${doc.id}/consultation/team`, { members: [{ userId: ids.head, role: 'head' }] }))
        .statusCode,
    ).toBe(403);
    // Conference comments are the secretary's or the head's.
    const r2 = await member.post(`/api/documents/${doc.id}/consultation/conference-comments`, {
      versionId: v1.id,
      speakerName: 'A',
      body: 'B',
    });
    expect(r2.statusCode).toBe(403);
  });

  it('keeps one org’s comments from another until the synthesis is published', async () => {
    const seenByDept = ok<{ groups: { comments: { orgName: string | null }[] }[] }>(
      await deptStaff.get(`/api/documents/${doc.id}/consultation/comments`),
    );
    expect(seenByDept.groups.flatMap((g) => g.comments.map((c) => c.orgName))).toEqual(['Sở Xây dựng']);
    expect((await member.post(`/api/documents/${doc.id}/consultation/synthesis/publish`)).statusCode).toBe(403);
    ok(await head.post(`/api/documents/${doc.id}/consultation/synthesis/publish`));
    const after = ok<{ groups: { comments: { orgName: string | null }[] }[] }>(
      await deptStaff.get(`/api/documents/${doc.id}/consultation/comments`),
    );
    expect(after.groups.flatMap((g) => g.comments.map((c) => c.orgName)).sort()).toEqual(['Huyện ủy Lộc Ninh', 'Sở Xây dựng']);
  });

  it('shows readers only the versions sent to them', async () => {
    // Dispose of both so that a second version can be issued, and do not circulate it.
    const grouped = ok<{ groups: { comments: Comment[] }[] }>(await head.get(`/api/documents/${doc.id}/consultation/comments`));
    for (const c of grouped.groups.flatMap((g) => g.comments))
      ok(
        await head.post(`/api/documents/${doc.id}/consultation/comments/${c.id}/disposition`, {
          disposition: 'rejected',
          reason: 'Không phù hợp',
          version: c.version,
        }),
      );
    const v2 = await issue(doc, 'Lần 2, chưa gửi');
    expect((await deptLeader.get(`/api/consultation/versions/${v1.id}`)).statusCode).toBe(200);
    expect((await deptLeader.get(`/api/consultation/versions/${v2.id}`)).statusCode).toBe(404);
    expect((await person.get(`/api/consultation/versions/${v2.id}`)).statusCode).toBe(404);
    expect((await member.get(`/api/consultation/versions/${v2.id}`)).statusCode).toBe(200);
  });

  it('keeps the group’s working notes private', async () => {
    ok(await secretary.post(`/api/documents/${doc.id}/consultation/notes`, { body: 'Họp tổ chiều thứ Năm' }), 201);
    expect(ok<{ items: { body: string }[] }>(await member.get(`/api/documents/${doc.id}/consultation/notes`)).items[0]!.body).toBe(
      'Họp tổ chiều thứ Năm',
    );
    expect((await leader.get(`/api/documents/${doc.id}/consultation/notes`)).statusCode).toBe(403);
    expect((await deptLeader.get(`/api/documents/${doc.id}/consultation/notes`)).statusCode).toBe(403);
    expect((await outsider.get(`/api/documents/${doc.id}/consultation/notes`)).statusCode).toBe(404);
  });

  it('refuses a recipient of another org and circulating outside the issuing org’s subtree', async () => {
    // The department may not answer in the district's name.
    expect((await deptLeader.post('/api/consultation/comments', { recipientId: recipientOf(round, district), body: 'x' })).statusCode).toBe(
      404,
    );
    for (const org of [lookalike, other]) {
      const r = await secretary.post(`/api/consultation/versions/${v1.id}/rounds`, { deadline: '2099-01-01', orgIds: [org.id] });
      expect(r.statusCode).toBe(400);
      expect(errorOf(r).details?.fields?.[0]?.field).toBe('body.orgIds');
    }
  });
});

describe('bad input, in Vietnamese', () => {
  let doc: TestDocument, v1: { id: number }, round: Workspace['rounds'][number];
  beforeAll(async () => {
    doc = (await draftWithItems(province)).doc;
    await formTeam(doc);
    v1 = await issue(doc);
    round = await circulate(v1.id);
  });

  it('refuses a disposition on a comment of another document', async () => {
    const otherDoc = (await draftWithItems(province)).doc;
    await formTeam(otherDoc);
    const ov = await issue(otherDoc);
    const c = ok<Comment>(
      await secretary.post(`/api/documents/${otherDoc.id}/consultation/conference-comments`, {
        versionId: ov.id,
        speakerName: 'Đồng chí A',
        body: 'Ý kiến',
      }),
      201,
    );
    const r = await head.post(`/api/documents/${doc.id}/consultation/comments/${c.id}/disposition`, {
      disposition: 'accepted',
      version: c.version,
    });
    expect(r.statusCode).toBe(400);
    expect(errorOf(r).message).toBe('Ý kiến góp ý này thuộc một dự thảo khác, không xử lý ở đây được.');
  });

  it('asks for a reason to explain or refuse, and for a head in the group', async () => {
    const c = ok<Comment>(
      await deptLeader.post('/api/consultation/comments', { recipientId: recipientOf(round, dept), body: 'Góp ý' }),
      201,
    );
    const r = await head.post(`/api/documents/${doc.id}/consultation/comments/${c.id}/disposition`, {
      disposition: 'explained',
      version: c.version,
    });
    expect(r.statusCode).toBe(400);
    expect(errorOf(r).details?.fields?.[0]?.field).toBe('body.reason');
    expect(errorOf(r).message).toBe('Giải trình cần nêu lý do.');
    const t = await leader.put(`/api/documents/${doc.id}/consultation/team`, { members: [{ userId: ids.member, role: 'member' }] });
    expect(t.statusCode).toBe(400);
    expect(errorOf(t).message).toBe('Tổ biên tập cần đúng một Tổ trưởng.');
  });

  it('refuses adopting without a conference record, with a vote that does not pass, or with comments waiting', async () => {
    const missing = await head.post(`/api/documents/${doc.id}/consultation/adopt`, { meetingDate: '2021-09-24', mode: 'online' });
    expect(missing.statusCode).toBe(400);
    expect(errorOf(missing).details?.fields?.map((f) => f.field)).toContain('body.meetingName');
    const base = {
      meetingName: 'Hội nghị',
      meetingDate: '2021-09-24',
      mode: 'online',
      bridgePoints: [],
      attendance: 100,
      votesAgainst: 10,
      votesAbstain: 0,
    };
    const weak = await head.post(`/api/documents/${doc.id}/consultation/adopt`, { ...base, votesFor: 50 });
    expect(weak.statusCode).toBe(400);
    expect(errorOf(weak).message).toContain('chưa quá một nửa');
    const waiting = await head.post(`/api/documents/${doc.id}/consultation/adopt`, { ...base, votesFor: 90 });
    expect(waiting.statusCode).toBe(409);
    expect(errorOf(waiting).message).toContain('chưa được xử lý');
  });

  it('refuses a comment on an item not in the version sent, and an empty comment', async () => {
    const r = await deptLeader.post('/api/consultation/comments', {
      recipientId: recipientOf(round, dept),
      itemKey: '00000000-0000-4000-8000-000000000000',
      body: 'x',
    });
    expect(r.statusCode).toBe(400);
    expect(errorOf(r).details?.fields?.[0]?.field).toBe('body.itemKey');
    const e = await deptLeader.post('/api/consultation/comments', { recipientId: recipientOf(round, dept), body: '  ' });
    expect(e.statusCode).toBe(400);
    expect(errorOf(e).message).toBeTruthy();
    const past = await secretary.post(`/api/consultation/versions/${v1.id}/rounds`, { deadline: '2000-01-01', orgIds: [dept.id] });
    expect(errorOf(past).details?.fields?.[0]?.field).toBe('body.deadline');
  });
});

describe('concurrency and reminders', () => {
  it('lets one of two members disposing of the same comment at once win; the other gets 409', async () => {
    const { doc } = await draftWithItems(province);
    await formTeam(doc);
    const v1 = await issue(doc);
    const round = await circulate(v1.id);
    const c = ok<Comment>(
      await deptLeader.post('/api/consultation/comments', { recipientId: recipientOf(round, dept), body: 'Góp ý' }),
      201,
    );
    const [a, b] = await Promise.all([
      member.post(`/api/documents/${doc.id}/consultation/comments/${c.id}/disposition`, { disposition: 'accepted', version: c.version }),
      head.post(`/api/documents/${doc.id}/consultation/comments/${c.id}/disposition`, {
        disposition: 'rejected',
        reason: 'Không',
        version: c.version,
      }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const row = (await db.query('SELECT disposition, version FROM consultation_comments WHERE id = $1', [c.id])).rows[0];
    expect(row.version).toBe(c.version + 1);
    expect(row.disposition).toBe(a.statusCode === 200 ? 'accepted' : 'rejected');
  });

  it('reminds recipients who have not answered, once per state', async () => {
    const { doc } = await draftWithItems(province);
    await formTeam(doc);
    const v1 = await issue(doc);
    const round = await circulate(v1.id, '2099-06-10');
    ok(await deptLeader.post('/api/consultation/comments', { recipientId: recipientOf(round, dept), body: 'Đã góp ý' }), 201);
    await db.query(
      `UPDATE users SET email = username || '@lochninh.example.vn' WHERE id IN (SELECT user_id FROM user_roles WHERE org_id = $1)`,
      [district.id],
    );
    const first = await sendConsultationReminders(db, '2099-06-08');
    const again = await sendConsultationReminders(db, '2099-06-08');
    expect(again).toMatchObject({ notifications: 0, mails: 0 });
    expect(first.mails).toBeGreaterThanOrEqual(1);
    const { rows } = await db.query<{ key: string }>(
      `SELECT dedupe_key AS key FROM notifications WHERE kind = 'consultation_due' AND dedupe_key LIKE $1`,
      [`consultation:%:due`],
    );
    const answered = recipientOf(round, dept);
    expect(rows.some((r) => r.key === `consultation:${answered}:due`)).toBe(false);
    expect(rows.some((r) => r.key === `consultation:${recipientOf(round, district)}:due`)).toBe(true);
    expect(first.notifications).toBeGreaterThanOrEqual(2);
    const overdue = await sendConsultationReminders(db, '2099-06-11');
    expect(overdue.notifications).toBeGreaterThanOrEqual(2);
    expect(overdue.mails).toBe(first.mails);
    // Overdue is said once too, however often the daily job runs after the deadline.
    expect(await sendConsultationReminders(db, '2099-06-12')).toMatchObject({ notifications: 0, mails: 0 });
    const letters = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM mail_outbox WHERE dedupe_key LIKE $1 GROUP BY dedupe_key`,
      [`mail:%:consultation:${recipientOf(round, district)}:%`],
    );
    expect(letters.rows.length).toBe(2 * first.mails);
    expect(letters.rows.every((r) => r.n === 1)).toBe(true);
  });
});

describe('the grouped view of a large round', () => {
  it('gives every item its counts and one item’s comments a page at a time', async () => {
    const { doc, targetKey, taskKey } = await draftWithItems(province);
    await formTeam(doc);
    const v1 = await issue(doc);
    const round = await circulate(v1.id);
    // 260 comments of the department: more than the view carries at once (200).
    await db.query(
      `INSERT INTO consultation_comments (document_id, version_id, recipient_id, item_key, org_id, source, body, status, sent_at, disposition,
           disposition_reason)
       SELECT $1, $2, $3, CASE WHEN g % 4 = 0 THEN NULL WHEN g % 4 = 1 THEN $5::uuid ELSE $6::uuid END, $4, 'written', 'Góp ý số ' || g, 'sent', now(),
              CASE WHEN g % 5 = 0 THEN 'accepted' END, NULL
         FROM generate_series(1, 260) g`,
      [doc.id, v1.id, recipientOf(round, dept), dept.id, targetKey, taskKey],
    );
    type Grouped = {
      groups: { itemKey: string | null; count: number; undisposed: number; comments: { id: number; body: string }[] }[];
      total: number;
      undisposed: number;
      isComplete: boolean;
      pageSize: number;
    };
    const view = ok<Grouped>(await member.get(`/api/documents/${doc.id}/consultation/comments`));
    expect(view.isComplete).toBe(false);
    expect(view.groups.map((g) => [g.itemKey, g.count, g.comments.length])).toEqual([
      [null, 65, 0],
      [targetKey, 65, 0],
      [taskKey, 130, 0],
    ]);
    // The counts are the comments themselves, recounted.
    const { rows } = await db.query<{ total: number; undisposed: number }>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE disposition IS NULL)::int AS undisposed FROM consultation_comments WHERE document_id = $1`,
      [doc.id],
    );
    expect({ total: view.total, undisposed: view.undisposed }).toEqual(rows[0]);
    expect(view.groups.reduce((n, g) => n + g.undisposed, 0)).toBe(rows[0]!.undisposed);
    const page1 = ok<Grouped>(await member.get(`/api/documents/${doc.id}/consultation/comments?item=${taskKey}`));
    const page3 = ok<Grouped>(await member.get(`/api/documents/${doc.id}/consultation/comments?item=${taskKey}&page=3`));
    expect(page1.groups.map((g) => [g.itemKey, g.count, g.comments.length])).toEqual([[taskKey, 130, page1.pageSize]]);
    expect(page3.groups[0]!.comments.length).toBe(130 - 2 * page1.pageSize);
    expect(page3.groups[0]!.comments[0]!.id).toBeGreaterThan(page1.groups[0]!.comments.at(-1)!.id);
    const whole = ok<Grouped>(await member.get(`/api/documents/${doc.id}/consultation/comments?item=document`));
    expect(whole.groups.map((g) => [g.itemKey, g.count])).toEqual([[null, 65]]);
    // Another org still sees nothing of the department's comments, in counts or pages.
    const seen = ok<Grouped>(await districtLeader.get(`/api/documents/${doc.id}/consultation/comments?item=${taskKey}`));
    expect(seen).toMatchObject({ total: 0, groups: [] });
    const bad = await member.get(`/api/documents/${doc.id}/consultation/comments?item=x&page=0`);
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details?.fields?.map((f) => f.field)).toEqual(expect.arrayContaining(['querystring.item', 'querystring.page']));
  });
});
