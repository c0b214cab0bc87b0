/**
 * Daily backups into RESOLUTE_BACKUP_DIR, keeping the newest RESOLUTE_BACKUP_KEEP files. Run by
 * the scheduler under its advisory lock, so several app processes take one backup a day.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/pool';
import { writeBackup, type BackupSummary } from '../db/backup';

const NAME = /^resolute-\d{8}-\d{6}\.backup\.gz$/;

/** `resolute-20261201-203000.backup.gz` (UTC): names sort by time. */
export function backupFileName(at: Date): string {
  const s = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `resolute-${s}.backup.gz`;
}

/** Deletes all but the newest `keep` backups of ours in `dir`; returns the names deleted. */
export function pruneBackups(dir: string, keep: number): string[] {
  const ours = readdirSync(dir)
    .filter((f) => NAME.test(f))
    .sort();
  const old = ours.slice(0, Math.max(0, ours.length - keep));
  for (const f of old) rmSync(join(dir, f), { force: true });
  return old;
}

export async function runDailyBackup(
  db: Db,
  settings: { dir: string; keep: number },
  now = new Date(),
): Promise<BackupSummary & { pruned: string[] }> {
  mkdirSync(settings.dir, { recursive: true, mode: 0o700 });
  const summary = await writeBackup(db, join(settings.dir, backupFileName(now)));
  return { ...summary, pruned: pruneBackups(settings.dir, settings.keep) };
}
