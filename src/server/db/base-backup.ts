/**
 * A physical base backup of the embedded cluster, the starting point of point-in-time
 * recovery from the WAL archive (RESOLUTE_WAL_ARCHIVE): PostgreSQL's low-level backup API
 * (pg_backup_start / pg_backup_stop) around a copy of the cluster's files, taken while it runs.
 * The copy may catch files mid-write; replaying the WAL from the start point makes it whole,
 * which is why the WAL must be archived. See docs/OPERATIONS.md for the recovery steps.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import pg from 'pg';

// Files of a running cluster that must not be in a base backup (PostgreSQL's own list).
const SKIP = new Set(['postmaster.pid', 'postmaster.opts', 'pg_internal.init']);
const EMPTY_DIRS = new Set([
  'pg_wal',
  'pg_replslot',
  'pg_dynshmem',
  'pg_notify',
  'pg_serial',
  'pg_snapshots',
  'pg_stat_tmp',
  'pg_subtrans',
]);

/** Copies a running cluster's files, leaving out what a base backup must not hold (between pg_backup_start and pg_backup_stop). */
export function copyClusterFiles(pgDir: string, target: string): void {
  cpSync(pgDir, target, {
    recursive: true,
    filter: (src) => {
      const name = basename(src);
      if (SKIP.has(name)) return false;
      // Keep the folders PostgreSQL needs, empty.
      const parent = basename(join(src, '..'));
      return !EMPTY_DIRS.has(parent) || src === pgDir;
    },
  });
}

export async function writeBaseBackup(
  adminUrl: string,
  pgDir: string,
  target: string,
): Promise<{ dir: string; startLsn: string; stopLsn: string }> {
  if (existsSync(target) && readdirSync(target).length > 0) throw new Error(`${target} không trống / is not empty.`);
  const client = new pg.Client(adminUrl);
  await client.connect();
  try {
    const { rows: mode } = await client.query<{ archive_mode: string }>('SHOW archive_mode');
    if (mode[0]?.archive_mode !== 'on') {
      throw new Error(
        'Chưa bật lưu trữ WAL (RESOLUTE_WAL_ARCHIVE): bản sao lưu gốc vô dụng nếu không có WAL. ' +
          'WAL archiving is off (set RESOLUTE_WAL_ARCHIVE and restart): a base backup is useless without the WAL.',
      );
    }
    const { rows: start } = await client.query<{ lsn: string }>(`SELECT pg_backup_start('resolute', true)::text AS lsn`);
    const data = join(target, 'data');
    mkdirSync(target, { recursive: true, mode: 0o700 });
    try {
      copyClusterFiles(pgDir, data);
    } catch (err) {
      await client.query('SELECT pg_backup_stop(false)').catch(() => undefined);
      throw err;
    }
    // Waits until the WAL the backup needs has been archived.
    const { rows: stop } = await client.query<{ lsn: string; labelfile: string; spcmapfile: string | null }>(
      'SELECT lsn::text AS lsn, labelfile, spcmapfile FROM pg_backup_stop(true)',
    );
    writeFileSync(join(data, 'backup_label'), stop[0]!.labelfile);
    if (stop[0]!.spcmapfile) writeFileSync(join(data, 'tablespace_map'), stop[0]!.spcmapfile);
    return { dir: data, startLsn: start[0]!.lsn, stopLsn: stop[0]!.lsn };
  } finally {
    await client.end().catch(() => undefined);
  }
}
