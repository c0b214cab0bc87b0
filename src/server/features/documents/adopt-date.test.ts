import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { App } from '../../app';
import type { Db } from '../../db/pool';
import { createTestDb } from '../../test/db';
import { buildOrg, buildUser } from '../../test/factories';
import { buildTestApp, loginAs } from '../../test/http';

let db: Db;
let app: App;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  ({ app } = await buildTestApp(db));
}, 60_000);
afterAll(async () => {
  vi.useRealTimers();
  await app.close();
  await drop();
});

describe('adopting a document', () => {
  it('dates it by Vietnam’s calendar: 02:15 on 02/12 in Vietnam is 02/12, though UTC is still 01/12', async () => {
    const province = await buildOrg(db, { name: 'Tỉnh ủy Bình Dương' });
    const u = await buildUser(db, [{ org: province, role: 'manager' }]);
    const client = await loginAs(app, u.username, u.password);
    const doc = (
      await client.post('/api/documents', {
        term: '2025-2030',
        orgId: province.id,
        kind: 'resolution',
        title: 'Nghị quyết thử ngày ban hành',
      })
    ).json();
    // Only the clock of the app is moved: the database keeps its own time.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-01T19:15:00Z'));
    const res = await client.post(`/api/documents/${doc.id}/adopt`, { version: doc.version });
    vi.useRealTimers();
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().issueDate).toBe('2026-12-02');
  });
});
