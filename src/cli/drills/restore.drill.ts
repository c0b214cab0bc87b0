/**
 * The restore drill: load the demo, change data, back up while the database runs, change more,
 * restore into a fresh data folder, and compare every table's row count and checksum with the
 * state at backup time. Returns the figures for one JSON line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { restoreBackup, tableChecksums, writeBackup } from '../../server/db/backup';
import { removeEmbeddedData } from '../../server/db/embedded';
import { ensureAppRole } from '../../server/db/roles';
import { loadDemo } from '../../server/demo/demo-builder';
import { openAdminUrl, openDatabase } from '../../server/server';

export default async function restoreDrill(): Promise<Record<string, unknown>> {
  const work = mkdtempSync(join(tmpdir(), 'resolute-drill-'));
  const source = join(work, 'source');
  const target = join(work, 'target');
  const file = join(work, 'drill.backup.gz');
  try {
    const live = await openDatabase({ dataDir: source });
    let atBackup: Awaited<ReturnType<typeof tableChecksums>>;
    let backupMs: number;
    let backup: Awaited<ReturnType<typeof writeBackup>>;
    try {
      const db = live.db;
      await loadDemo(db);
      // Changes before the backup, as the app's own role makes them.
      await db.query(
        `UPDATE members SET full_name = full_name || ' (đã sửa)', version = version + 1 WHERE id IN (SELECT id FROM members ORDER BY id LIMIT 25)`,
      );
      await db.query(
        `INSERT INTO audit_log (actor_name, action, entity, summary) VALUES ('Diễn tập', 'update', 'member', 'sửa trước sao lưu')`,
      );
      // The state at backup time, read in the very snapshot the backup reads.
      const holder = await db.connect();
      try {
        await holder.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        atBackup = await tableChecksums(holder);
        const snapshot = (await holder.query<{ s: string }>('SELECT pg_export_snapshot() AS s')).rows[0]!.s;
        const t0 = Date.now();
        backup = await writeBackup(db, file, { snapshot });
        backupMs = Date.now() - t0;
        await holder.query('COMMIT');
      } finally {
        holder.release();
      }
      // Changes after the backup: none of them may come back.
      await db.query(`DELETE FROM notifications`);
      await db.query(`UPDATE members SET full_name = 'Sau sao lưu' WHERE id IN (SELECT id FROM members ORDER BY id DESC LIMIT 25)`);
      await db.query(
        `INSERT INTO audit_log (actor_name, action, entity, summary) VALUES ('Diễn tập', 'update', 'member', 'sửa sau sao lưu')`,
      );
    } finally {
      await live.close();
    }

    const { adminUrl, embedded } = await openAdminUrl({ dataDir: target });
    const client = new pg.Client(adminUrl);
    let restored: Awaited<ReturnType<typeof tableChecksums>>;
    let restoreMs: number;
    try {
      await client.connect();
      const t0 = Date.now();
      await restoreBackup(client, file);
      await ensureAppRole(client, adminUrl);
      restoreMs = Date.now() - t0;
      restored = await tableChecksums(client);
    } finally {
      await client.end().catch(() => undefined);
      await embedded?.stop();
    }
    const names = [...new Set([...Object.keys(atBackup), ...Object.keys(restored)])].sort();
    const mismatched = names.filter((n) => atBackup[n]?.rows !== restored[n]?.rows || atBackup[n]?.md5 !== restored[n]?.md5);
    return {
      ok: mismatched.length === 0,
      tables: names.length,
      rows: Object.values(atBackup).reduce((n, t) => n + t.rows, 0),
      backup_bytes: backup.bytes,
      backup_ms: backupMs,
      restore_ms: restoreMs,
      mismatched,
    };
  } finally {
    removeEmbeddedData(source);
    removeEmbeddedData(target);
    rmSync(work, { recursive: true, force: true });
  }
}
