import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../test/db';
import { buildOrg } from '../test/factories';
import { createPool, type Db } from './pool';

let admin: Db;
let app: Db;
let drop: () => Promise<void>;

beforeAll(async () => {
  const t = await createTestDb();
  admin = t.db;
  drop = t.drop;
  app = createPool(t.appUrl, 2);
  await app.query(`INSERT INTO audit_log (actor_name, action, entity, summary) VALUES ('Kiểm thử', 'create', 'test', 'một dòng nhật ký')`);
});
afterAll(async () => {
  await app.end();
  await drop();
});

describe('the app database role', () => {
  it('is not a superuser and cannot create roles or databases', async () => {
    const { rows } = await app.query(
      'SELECT current_user AS "user", rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user',
    );
    expect(rows[0]).toEqual({ user: 'resolute_app', rolsuper: false, rolcreaterole: false, rolcreatedb: false });
    await expect(app.query('SET session_replication_role = replica')).rejects.toThrow(/permission denied/);
  });

  it('reads and appends to the audit log but can neither change it nor switch its trigger off', async () => {
    const { rows } = await app.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
    expect(rows[0]!.n).toBeGreaterThan(0);
    await expect(app.query('ALTER TABLE audit_log DISABLE TRIGGER ALL')).rejects.toThrow(/must be owner/);
    await expect(app.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update')).rejects.toThrow(/must be owner/);
    await expect(app.query(`UPDATE audit_log SET summary = 'sửa lịch sử'`)).rejects.toThrow(/permission denied/);
    await expect(app.query('DELETE FROM audit_log')).rejects.toThrow(/permission denied/);
    await expect(app.query('TRUNCATE audit_log')).rejects.toThrow(/permission denied/);
    await expect(app.query('DROP TABLE audit_log')).rejects.toThrow(/must be owner/);
    await expect(
      app.query(`CREATE OR REPLACE FUNCTION audit_log_immutable() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$`),
    ).rejects.toThrow(/must be owner|permission denied/);
    // Still append-only for the admin too (the trigger), so history is whole.
    const { rows: after } = await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE summary = 'sửa lịch sử'`);
    expect(after[0]!.n).toBe(0);
  });

  it('owns and writes the app tables', async () => {
    const org = await buildOrg(app);
    await app.query(`UPDATE orgs SET name = 'Đổi tên' WHERE id = $1`, [org.id]);
    const { rows } = await admin.query(
      `SELECT tableowner FROM pg_tables WHERE tablename IN ('orgs', 'members', 'audit_log') ORDER BY tablename`,
    );
    expect(rows.map((r) => r.tableowner)).toEqual(['postgres', 'resolute_app', 'resolute_app']);
  });

  it('is refused a connection with a wrong password', async () => {
    const url = new URL((app.options as { connectionString: string }).connectionString);
    url.password = 'wrong';
    const c = new pg.Client(url.toString());
    await expect(c.connect()).rejects.toThrow(/password authentication failed/);
  });
});
