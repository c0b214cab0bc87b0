import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app';
import type { Db } from '../db/pool';
import { createTestDb } from '../test/db';
import { buildOrg, buildUser, type TestOrg } from '../test/factories';
import { anonymous, buildTestApp, loginAs, multipartBody, type TestClient } from '../test/http';
import { buildZip } from '../test/zip-bombs';
import { sniffKind } from './attachments';

let app: App;
let db: Db;
let drop: () => Promise<void>;
let ward: TestOrg, otherWard: TestOrg;
let manager: TestClient, otherManager: TestClient;

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
  const province = await buildOrg(db);
  ward = await buildOrg(db, { parent: province, kind: 'commune_committee' });
  otherWard = await buildOrg(db, { parent: province, kind: 'commune_committee' });
  const m = await buildUser(db, [{ org: ward, role: 'manager' }]);
  manager = await loginAs(app, m.username, m.password);
  const o = await buildUser(db, [{ org: otherWard, role: 'manager' }]);
  otherManager = await loginAs(app, o.username, o.password);
});
afterAll(async () => {
  await app.close();
  await drop();
});
afterEach(() => {
  delete process.env.RESOLUTE_ORG_QUOTA_MB;
});

const pdf = (size = 64) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(size, 0x20), Buffer.from('\n%%EOF')]);
const docx = () =>
  buildZip([
    { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
    { name: 'word/document.xml', data: Buffer.from('<w:document/>') },
  ]);

async function newDocument(client: TestClient, orgId: number) {
  const res = await client.post('/api/documents', { orgId, kind: 'plan', title: 'Kế hoạch có tệp', term: '2020-2025' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}
const attach = (client: TestClient, docId: number, name: string, content: Buffer, type = 'application/pdf') => {
  const { body, contentType } = multipartBody({}, { field: 'file', name, content, type });
  return client.request('POST', `/api/documents/${docId}/files`, body, { 'content-type': contentType });
};

describe('sniffing', () => {
  it('tells files apart by content, not by name', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('a').addRow([1]);
    expect(sniffKind(pdf())).toBe('pdf');
    expect(sniffKind(docx())).toBe('docx');
    expect(sniffKind(Buffer.from(await wb.xlsx.writeBuffer()))).toBe('xlsx');
    expect(sniffKind(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toBe('png');
    expect(sniffKind(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffKind(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe('ole');
    expect(sniffKind(Buffer.from('<html><script>alert(1)</script></html>'))).toBeNull();
    expect(sniffKind(Buffer.from('MZ\x90\x00'))).toBeNull();
    expect(sniffKind(buildZip([{ name: 'virus.exe', data: Buffer.from('MZ') }]))).toBeNull();
  });
});

describe('document attachments', () => {
  it('refuses a page sent as a PDF, whatever its name and Content-Type say', async () => {
    const docId = await newDocument(manager, ward.id);
    const res = await attach(
      manager,
      docId,
      'ke-hoach.pdf',
      Buffer.from('<html><script>alert(document.cookie)</script></html>'),
      'application/pdf',
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].field).toBe('body.file');
    expect(res.json().error.message).toMatch(/^Chỉ nhận tệp PDF, Word \(\.docx\)/);
  });

  it('stores the type it found, never the client’s, and a safe name with the right extension', async () => {
    const docId = await newDocument(manager, ward.id);
    const res = await attach(manager, docId, '..\\..\\bien-ban\u202Efdp.exe', pdf(), 'text/html');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ fileName: 'bien-banfdp.pdf', mimeType: 'application/pdf' });
    const back = await manager.get(`/api/documents/${docId}/files/${res.json().id}`);
    expect(back.headers['content-type']).toBe('application/pdf');
    expect(back.headers['x-content-type-options']).toBe('nosniff');
    expect(back.headers['content-disposition']).toBe(`attachment; filename="bien-banfdp.pdf"; filename*=UTF-8''bien-banfdp.pdf`);
    const word = await attach(manager, docId, 'nghi-quyet', docx(), 'application/x-msdownload');
    expect(word.json()).toMatchObject({
      fileName: 'nghi-quyet.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
  });

  it('serves a file stored before sniffing with the type of its content, not the stored one', async () => {
    const docId = await newDocument(manager, ward.id);
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO document_files (document_id, file_name, mime_type, size_bytes, content) VALUES ($1, 'cu.pdf', 'text/html', 5, $2) RETURNING id`,
      [docId, Buffer.from('<b>x</b>')],
    );
    const back = await manager.get(`/api/documents/${docId}/files/${rows[0]!.id}`);
    expect(back.headers['content-type']).toBe('application/octet-stream');
  });

  it('keeps each org within its storage quota, with a clear message', async () => {
    process.env.RESOLUTE_ORG_QUOTA_MB = '0.01';
    const docId = await newDocument(manager, ward.id);
    await db.query(`DELETE FROM document_files WHERE document_id IN (SELECT id FROM documents WHERE org_id = $1)`, [ward.id]);
    expect((await attach(manager, docId, 'a.pdf', pdf(6000))).statusCode).toBe(201);
    const over = await attach(manager, docId, 'b.pdf', pdf(6000));
    expect(over.statusCode).toBe(413);
    expect(over.json().error.message).toBe(
      'Tổ chức đã dùng 6 KB trong hạn mức 11 KB cho tệp đính kèm; thêm tệp này (6 KB) sẽ vượt hạn mức. Hãy xóa tệp cũ không cần thiết hoặc liên hệ quản trị hệ thống.',
    );
    // Another org has its own quota.
    const otherDoc = await newDocument(otherManager, otherWard.id);
    expect((await attach(otherManager, otherDoc, 'c.pdf', pdf(6000))).statusCode).toBe(201);
  });

  it('answers 404 to a manager of another ward and 401 without a session', async () => {
    const docId = await newDocument(manager, ward.id);
    expect((await attach(otherManager, docId, 'a.pdf', pdf())).statusCode).toBe(404);
    expect((await attach(await anonymous(app), docId, 'a.pdf', pdf())).statusCode).toBe(401);
  });
});
