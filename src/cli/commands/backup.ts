import type { Command } from 'commander';
import { resolve } from 'node:path';
import pg from 'pg';
import { assertEmptyDatabase, restoreBackup, writeBackup } from '../../server/db/backup';
import { clusterDirOf, runningEmbeddedUrl } from '../../server/db/embedded';
import { writeBaseBackup } from '../../server/db/base-backup';
import { createPool } from '../../server/db/pool';
import { ensureAppRole } from '../../server/db/roles';
import { loadConfig } from '../../server/config';
import { openAdminUrl } from '../../server/server';
import { backupFileName } from '../../server/jobs/backups';

/**
 * The admin URL of the configured database: DATABASE_URL, the embedded database a running app
 * holds (read through its port, no downtime), or the embedded database started for this command.
 */
async function adminDatabase(opts: { mayStart: boolean }) {
  const config = loadConfig();
  if (config.databaseUrl) return { url: config.databaseUrl, close: async () => undefined };
  const running = runningEmbeddedUrl(config.dataDir);
  if (running) {
    if (!opts.mayStart) {
      throw new Error(
        `Resolute đang chạy trên ${config.dataDir}; hãy dừng nó trước khi khôi phục. Stop the running instance before restoring into its data folder.`,
      );
    }
    return { url: running, close: async () => undefined };
  }
  const { adminUrl, embedded } = await openAdminUrl({ dataDir: config.dataDir, walArchiveDir: config.walArchiveDir });
  return { url: adminUrl, close: async () => embedded?.stop() };
}

export function registerBackup(program: Command) {
  program
    .command('backup')
    .argument('[file]', 'tệp sao lưu / backup file (default resolute-<UTC time>.backup.gz)')
    .description('Sao lưu nhất quán khi đang chạy / Consistent backup of a running instance, no downtime')
    .option(
      '--base <dir>',
      'bản sao lưu gốc (vật lý) cho khôi phục theo thời điểm / physical base backup for point-in-time recovery (embedded database)',
    )
    .action(async (file: string | undefined, opts: { base?: string }) => {
      const config = loadConfig();
      if (opts.base) {
        if (config.databaseUrl)
          throw new Error(
            "--base chỉ dành cho cơ sở dữ liệu nhúng / --base is for the embedded database; use your server's pg_basebackup.",
          );
        const database = await adminDatabase({ mayStart: true });
        try {
          const r = await writeBaseBackup(database.url, clusterDirOf(config.dataDir), resolve(opts.base));
          console.log(`Bản sao lưu gốc / base backup: ${r.dir} (WAL ${r.startLsn} → ${r.stopLsn})`);
        } finally {
          await database.close();
        }
        return;
      }
      const target = resolve(file ?? backupFileName(new Date()));
      const database = await adminDatabase({ mayStart: true });
      const pool = createPool(database.url, 1);
      try {
        const s = await writeBackup(pool, target);
        console.log(`Đã sao lưu / backed up ${s.tables} tables, ${s.rows} rows → ${s.file} (${(s.bytes / 1024).toFixed(0)} KB)`);
      } finally {
        await pool.end();
        await database.close();
      }
    });

  program
    .command('restore')
    .argument('<file>', 'tệp sao lưu / backup file')
    .description('Khôi phục vào thư mục dữ liệu hoặc cơ sở dữ liệu trống / Restore into an empty data folder or database')
    .action(async (file: string) => {
      const database = await adminDatabase({ mayStart: false });
      const client = new pg.Client(database.url);
      try {
        await client.connect();
        await assertEmptyDatabase(client);
        const r = await restoreBackup(client, resolve(file));
        if (!loadConfig().appDatabaseUrl) await ensureAppRole(client, database.url);
        console.log(
          `Đã khôi phục / restored ${r.tables} tables, ${r.rows} rows${r.migrationsAfter.length ? `, then applied ${r.migrationsAfter.join(', ')}` : ''}.`,
        );
      } finally {
        await client.end().catch(() => undefined);
        await database.close();
      }
    });
}
