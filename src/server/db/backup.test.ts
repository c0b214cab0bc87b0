/**
 * Backup and restore on a small database: back up while it runs, change more, restore into an
 * empty database, and find every table as it was at backup time (row counts and checksums).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createTestDb } from '../test/db';
import { buildMember, buildOrg, buildUser } from '../test/factories';
import { restoreBackup, tableChecksums, writeBackup, type TableChecksum } from './backup';
import { createPool, type Db } from './pool';
import { recordAudit } from '../lib/audit';
import { systemActor } from '../lib/actor';

const dir = mkdtempSync(join(tmpdir(), 'resolute-backup-'));
let app: Db;
let drop: () => Promise<void>;
const emptyName = `restore_${Date.now().toString(36)}`;
let emptyUrl: string;

async function adminQuery(sql: string) {
  const c = new pg.Client(inject('adminDatabaseUrl'));
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  const t = await createTestDb();
  drop = async () => {
    await app.end();
    await t.drop();
  };
  // The app's own role takes the backup, as the daily job does.
  app = createPool(t.appUrl, 3);
  const province = await buildOrg(app, { name: 'Tỉnh ủy Bắc Ninh' });
  const cell = await buildOrg(app, { parent: province, name: 'Chi bộ "Khu 1"\tvới ký tự đặc biệt' });
  for (let i = 0; i < 30; i += 1) await buildMember(app, cell, { fullName: `Nguyễn Thị Ánh ${i}\\n` });
  await buildUser(app, [{ org: province, role: 'admin' }]);
  await recordAudit(app, systemActor(), {
    action: 'create',
    entity: 'test',
    entityId: 1,
    orgId: province.id,
    orgPath: province.path,
    summary: 'trước sao lưu',
  });
  await adminQuery(`CREATE DATABASE ${emptyName} TEMPLATE template0`);
  const u = new URL(inject('adminDatabaseUrl'));
  u.pathname = `/${emptyName}`;
  emptyUrl = u.toString();
});
afterAll(async () => {
  await drop();
  await adminQuery(`DROP DATABASE IF EXISTS ${emptyName} WITH (FORCE)`);
  rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('restores exactly the state at backup time into an empty database, and refuses a non-empty one', async () => {
    const file = join(dir, 'one.backup.gz');
    // A writer keeps going while the backup runs: the backup is one snapshot all the same.
    let writing = true;
    const writer = (async () => {
      const org = await buildOrg(app, { name: 'Đang ghi' });
      while (writing) await buildMember(app, org);
    })();
    const atBackup = await (async () => {
      const c = await app.connect();
      try {
        // Checksums of the same snapshot the backup reads: take them in one REPEATABLE READ
        // transaction first, then back up; rows added later show up in neither.
        await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
        const sums = await tableChecksums(c);
        const { rows } = await c.query<{ snap: string }>('SELECT pg_export_snapshot() AS snap');
        return { sums, snapshot: rows[0]!.snap, client: c };
      } catch (err) {
        c.release();
        throw err;
      }
    })();
    const summary = await writeBackup(app, file, { snapshot: atBackup.snapshot });
    await atBackup.client.query('COMMIT');
    atBackup.client.release();
    writing = false;
    await writer;
    expect(summary.tables).toBeGreaterThan(20);
    expect(summary.rows).toBe(Object.values(atBackup.sums).reduce((n, t: TableChecksum) => n + t.rows, 0));

    // More changes after the backup must not be in the restored copy.
    await app.query(`UPDATE members SET full_name = 'Đã sửa sau sao lưu'`);
    await recordAudit(app, systemActor(), {
      action: 'update',
      entity: 'test',
      entityId: 1,
      orgId: null,
      orgPath: null,
      summary: 'sau sao lưu',
    });

    const target = new pg.Client(emptyUrl);
    await target.connect();
    try {
      const r = await restoreBackup(target, file);
      expect(r.rows).toBe(summary.rows);
      const restored = await tableChecksums(target);
      expect(restored).toEqual(atBackup.sums);
      // Identity sequences continue after the restored rows.
      const { rows } = await target.query<{ id: number; max: number }>(
        `WITH m AS (SELECT max(id) AS max FROM orgs) INSERT INTO orgs (path, code, name, kind) VALUES ('999999', 'SAU', 'Sau khôi phục', 'province_committee') RETURNING id, (SELECT max FROM m)`,
      );
      expect(rows[0]!.id).toBeGreaterThan(rows[0]!.max);
      await expect(restoreBackup(target, file)).rejects.toThrow(/không trống|not empty/);
    } finally {
      await target.end();
    }
  });
});
