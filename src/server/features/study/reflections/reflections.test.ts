import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../app';
import type { Db } from '../../../db/pool';
import { createTestDb } from '../../../test/db';
import { buildMember, buildOrg, buildStudySession, buildUser, type TestMember, type TestOrg } from '../../../test/factories';
import { buildTestApp, loginAs, multipartBody, type TestClient } from '../../../test/http';
import { signQrToken } from '../../../../domain/study/qr-token';
import { getQrSecret } from '../checkin/qr-secret';
import { createTestDocument } from '../testing/harness';

let app: App;
let db: Db;
let drop: () => Promise<void>;
let ward: TestOrg, cell: TestOrg, otherCell: TestOrg;
let member: TestMember;
let memberClient: TestClient, secretary: TestClient, otherSecretary: TestClient, plainUser: TestClient;
let documentId: number;

const text =
  'Qua học tập Nghị quyết, tôi nhận thức rõ hơn về bốn khâu đột phá chiến lược và trách nhiệm của bản thân trong việc thực hiện.';

beforeAll(async () => {
  const t = await createTestDb();
  ({ db, drop } = t);
  ({ app } = await buildTestApp(db));
  const province = await buildOrg(db, { name: 'Tỉnh ủy' });
  ward = await buildOrg(db, { parent: province, name: 'Đảng ủy phường', kind: 'commune_committee' });
  cell = await buildOrg(db, { parent: ward, name: 'Chi bộ Khu phố 1' });
  otherCell = await buildOrg(db, { parent: ward, name: 'Chi bộ Khu phố 2' });
  member = await buildMember(db, cell, { fullName: 'Trần Văn Học' });
  documentId = await createTestDocument(db, province.id, 'Nghị quyết Đại hội XI');
  const mu = await buildUser(db, [{ org: cell, role: 'member' }]);
  await db.query('UPDATE users SET member_id = $2 WHERE id = $1', [mu.id, member.id]);
  memberClient = await loginAs(app, mu.username, mu.password);
  const s = await buildUser(db, [{ org: cell, role: 'reporter' }]);
  secretary = await loginAs(app, s.username, s.password);
  const o = await buildUser(db, [{ org: otherCell, role: 'reporter' }]);
  otherSecretary = await loginAs(app, o.username, o.password);
  const p = await buildUser(db, [{ org: cell, role: 'viewer' }]);
  plainUser = await loginAs(app, p.username, p.password);
  // A session the member is expected at, where they were present.
  const session = await buildStudySession(db, ward, { documentIds: [documentId], points: [{ org: ward, name: 'Điểm cầu phường' }] });
  await db.query(
    `INSERT INTO attendances (session_id, member_id, point_id, org_id, status, method) VALUES ($1, $2, $3, $4, 'present', 'qr')`,
    [session.id, member.id, session.pointIds[0], cell.id],
  );
});
afterAll(async () => {
  await app.close();
  await drop();
});

describe('reflections', () => {
  it('goes from written to rewrite to accepted, reviewed by the cell', async () => {
    const short = await memberClient.post('/api/study/me/reflections', { documentId, body: 'Ngắn quá' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details.fields[0].field).toBe('body.body');
    const written = await memberClient.post('/api/study/me/reflections', { documentId, body: text });
    expect(written.statusCode).toBe(200);
    const r = written.json();
    expect(r).toMatchObject({ status: 'submitted', memberName: 'Trần Văn Học', abilities: { edit: true, review: false } });

    expect((await otherSecretary.get(`/api/study/reflections/${r.id}`)).statusCode).toBe(404);
    expect(
      (await otherSecretary.post(`/api/study/reflections/${r.id}/review`, { version: r.version, decision: 'accepted' })).statusCode,
    ).toBe(404);
    expect((await plainUser.post(`/api/study/reflections/${r.id}/review`, { version: r.version, decision: 'accepted' })).statusCode).toBe(
      403,
    );
    const queue = (await secretary.get('/api/study/reflections?status=submitted')).json();
    expect(queue.items.map((i: { id: number }) => i.id)).toEqual([r.id]);
    expect(queue.items[0].abilities.review).toBe(true);

    const noNote = await secretary.post(`/api/study/reflections/${r.id}/review`, { version: r.version, decision: 'rewrite' });
    expect(noNote.statusCode).toBe(400);
    const rewrite = (
      await secretary.post(`/api/study/reflections/${r.id}/review`, {
        version: r.version,
        decision: 'rewrite',
        note: 'Cần liên hệ nhiệm vụ của chi bộ',
      })
    ).json();
    expect(rewrite).toMatchObject({ status: 'rewrite', reviewNote: 'Cần liên hệ nhiệm vụ của chi bộ' });
    const again = (
      await memberClient.put(`/api/study/me/reflections/${r.id}`, {
        version: rewrite.version,
        body: `${text} Tôi sẽ vận động các hộ trong khu phố.`,
      })
    ).json();
    expect(again.status).toBe('submitted');
    expect(
      (await secretary.post(`/api/study/reflections/${r.id}/review`, { version: rewrite.version, decision: 'accepted' })).statusCode,
    ).toBe(409);
    const accepted = (
      await secretary.post(`/api/study/reflections/${r.id}/review`, { version: again.version, decision: 'accepted' })
    ).json();
    expect(accepted.status).toBe('accepted');
    expect((await memberClient.post('/api/study/me/reflections', { documentId, body: text })).statusCode).toBe(409);
  });

  it('takes a reflection as an uploaded file', async () => {
    const doc2 = await createTestDocument(db, cell.id, 'Kế hoạch học tập của chi bộ');
    const { body, contentType } = multipartBody(
      { documentId: String(doc2) },
      { field: 'file', name: 'bai-thu-hoach.pdf', content: Buffer.from('%PDF-1.4 test') },
    );
    const res = await memberClient.request('POST', '/api/study/me/reflections/upload', body, { 'content-type': contentType });
    expect(res.statusCode).toBe(200);
    expect(res.json().fileName).toBe('bai-thu-hoach.pdf');
    const file = await secretary.get(`/api/study/reflections/${res.json().id}/file`);
    expect(file.body).toContain('%PDF');
  });

  it('refuses the member page to a user who is not a member', async () => {
    expect((await plainUser.get('/api/study/me')).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/study/me' })).statusCode).toBe(401);
  });
});

describe('check-in as a logged-in member', () => {
  it('checks the member in without typing a code', async () => {
    const session = await buildStudySession(db, cell, {
      title: 'Sinh hoạt chi bộ chuyên đề',
      documentIds: [documentId],
      points: [{ org: cell, name: 'Phòng họp chi bộ' }],
    });
    const token = signQrToken(
      { sessionId: session.id, pointId: session.pointIds[0]!, expiresAt: Math.floor(Date.now() / 1000) + 3600 },
      await getQrSecret(db),
    );
    const res = await memberClient.request('POST', '/api/study/checkin', { token });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'checked_in', fullName: 'Trần Văn Học' });
  });
});

describe('pledges and the member page', () => {
  it('records a pledge visible to the cell, and shows the member what they studied', async () => {
    const created = await memberClient.post('/api/study/me/pledges', {
      documentId,
      year: 2021,
      commitments: ['Tham gia đầy đủ sinh hoạt chi bộ', 'Vận động 5 hộ tham gia chuyển đổi số'],
    });
    expect(created.statusCode).toBe(201);
    expect((await memberClient.post('/api/study/me/pledges', { documentId, year: 2021, commitments: ['Trùng'] })).statusCode).toBe(409);
    const reviewed = await memberClient.patch(`/api/study/me/pledges/${created.json().id}`, {
      version: created.json().version,
      selfReview: 'Đã hoàn thành cả hai cam kết.',
    });
    expect(reviewed.json().selfReview).toBe('Đã hoàn thành cả hai cam kết.');
    const cellView = (await secretary.get(`/api/study/pledges?orgId=${cell.id}`)).json();
    expect(cellView.map((p: { memberName: string }) => p.memberName)).toEqual(['Trần Văn Học']);
    expect((await otherSecretary.get(`/api/study/pledges?orgId=${otherCell.id}`)).json()).toEqual([]);

    const me = (await memberClient.get('/api/study/me')).json();
    expect(me.member.fullName).toBe('Trần Văn Học');
    expect(me.sessions).toHaveLength(2);
    expect(me.sessions.find((x: { title: string }) => x.title === 'Hội nghị học tập Nghị quyết')).toMatchObject({
      title: 'Hội nghị học tập Nghị quyết',
      status: 'present',
      pointName: 'Điểm cầu phường',
    });
    const doc = me.documents.find((d: { id: number }) => d.id === documentId);
    expect(doc).toMatchObject({ reflectionStatus: 'accepted', hasPledge: true, studiedOn: expect.any(String) });
    expect(me.pledges).toHaveLength(1);
  });
});
