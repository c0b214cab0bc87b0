import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app';
import type { Db } from '../db/pool';
import { createTestDb } from '../test/db';
import { buildOrg, buildUser } from '../test/factories';
import { buildTestApp, loginAs, multipartBody, type TestClient } from '../test/http';
import { docxBomb, manyEntries, xlsxBomb } from '../test/zip-bombs';
import { checkZip, declaredSheetRows, listZipEntries } from './zip-guard';

let app: App;
let db: Db;
let drop: () => Promise<void>;
let wardId: number;
let attacker: TestClient, bystander: TestClient;

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
  const province = await buildOrg(db);
  const ward = await buildOrg(db, { parent: province, kind: 'commune_committee' });
  wardId = ward.id;
  const a = await buildUser(db, [{ org: ward, role: 'manager' }]);
  attacker = await loginAs(app, a.username, a.password);
  const b = await buildUser(db, [{ org: province, role: 'viewer' }]);
  bystander = await loginAs(app, b.username, b.password);
});
afterAll(async () => {
  await app.close();
  await drop();
});

const uploadDocx = (content: Buffer) => {
  const { body, contentType } = multipartBody({}, { field: 'file', name: 'nghi-quyet.docx', content });
  return attacker.request('POST', '/api/extract/docx', body, { 'content-type': contentType });
};
const uploadMembers = (content: Buffer) => {
  const { body, contentType } = multipartBody({ orgId: String(wardId) }, { field: 'file', name: 'danh-sach.xlsx', content });
  return attacker.request('POST', '/api/members/import/preview', body, { 'content-type': contentType });
};

/**
 * Runs `attack` while another user asks for their page every 25 ms; returns the attack's answer
 * and the slowest of the other user's answers.
 */
async function whileOthersWork<T>(attack: () => Promise<T>): Promise<{ result: T; slowestMs: number; answered: number }> {
  let done = false;
  let slowestMs = 0;
  let answered = 0;
  const others = (async () => {
    while (!done) {
      const t0 = performance.now();
      const res = await bystander.get('/api/auth/me');
      expect(res.statusCode).toBe(200);
      slowestMs = Math.max(slowestMs, performance.now() - t0);
      answered += 1;
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  const result = await attack();
  done = true;
  await others;
  return { result, slowestMs, answered };
}

describe('zip guard', { timeout: 60_000 }, () => {
  it('reads declared sizes and entry counts from the central directory without inflating', () => {
    const bomb = docxBomb(64);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const entries = listZipEntries(bomb);
    expect(entries.map((e) => e.name)).toEqual(['[Content_Types].xml', 'word/document.xml']);
    expect(entries[1]!.uncompressedSize).toBeGreaterThan(64 * 1024 * 1024);
    expect(() => checkZip(bomb, { maxEntries: 100, maxTotalBytes: 40 << 20 })).toThrow(/the limit is 40 MB/);
    expect(() => checkZip(manyEntries(2000), { maxEntries: 500, maxTotalBytes: 40 << 20 })).toThrow(/2000 entries/);
  });

  it('reads a sheet’s declared dimension from the first bytes of the entry', () => {
    const file = xlsxBomb(1_048_576);
    const sheet = listZipEntries(file).find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    expect(declaredSheetRows(file, sheet)).toBe(1_048_576);
  });
});

// Generous per-test limits: the machine may be busy; the assertions that matter are on latency.
describe('hostile uploads', { timeout: 180_000 }, () => {
  it('refuses a Word deflate bomb by its declared size while other requests answer in under 1 s', async () => {
    const file = docxBomb(48);
    const { result: res, slowestMs } = await whileOthersWork(() => uploadDocx(file));
    expect(res.statusCode).toBe(413);
    expect(res.json().error.message).toMatch(/vượt giới hạn 40 MB/);
    expect(slowestMs).toBeLessThan(1000);
  });

  it('stops a Word bomb that lies about its size at the inflate cap, off the request thread', async () => {
    const file = docxBomb(48, true);
    const { result: res, slowestMs, answered } = await whileOthersWork(() => uploadDocx(file));
    expect(res.statusCode).toBe(413);
    expect(res.json().error.message).toMatch(/quá lớn/);
    expect(answered).toBeGreaterThan(0);
    expect(slowestMs).toBeLessThan(1000);
  });

  it('refuses a file of many entries', async () => {
    const file = manyEntries(5_000);
    const { result: res, slowestMs } = await whileOthersWork(() => uploadDocx(file));
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'payload_too_large', details: { fields: [{ field: 'body.file' }] } });
    expect(res.json().error.message).toMatch(/5\.000 thành phần/);
    expect(slowestMs).toBeLessThan(1000);
  });

  it('refuses a member sheet declaring 1,048,576 rows before reading it', async () => {
    const file = xlsxBomb(1_048_576);
    const { result: res, slowestMs } = await whileOthersWork(async () => {
      const t0 = performance.now();
      const r = await uploadMembers(file);
      return { r, ms: performance.now() - t0 };
    });
    expect(res.r.statusCode).toBe(413);
    expect(res.r.json().error.message).toBe('Bảng tính khai báo 1.048.576 dòng, vượt giới hạn 200.000 dòng; hãy chia nhỏ tệp.');
    expect(res.ms).toBeLessThan(2000);
    expect(slowestMs).toBeLessThan(1000);
  });

  it('reads a sheet that hides its size in a worker, and the others keep being answered', async () => {
    // No dimension, and a declared size of 4 KB for 30 MB of rows: only the worker's limits are left.
    const file = xlsxBomb(300_000, { lie: true, dimension: false });
    const { result: res, slowestMs, answered } = await whileOthersWork(() => uploadMembers(file));
    expect([400, 413]).toContain(res.statusCode);
    expect(res.json().error.message).toMatch(/tệp/i);
    expect(answered).toBeGreaterThan(0);
    expect(slowestMs).toBeLessThan(1000);
  });
});
