import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { withDatabase } from '../context';
import { systemActor } from '../../server/lib/actor';
import { commitImport, findImportRows, previewImport } from '../../server/features/members/members.import';

export function registerImportMembers(program: Command) {
  program
    .command('import-members')
    .description('Nhập đảng viên từ tệp .xlsx vào một tổ chức (tất cả hoặc không) / Import members from .xlsx, all or nothing')
    .argument('<file>', 'tệp .xlsx theo mẫu / the .xlsx file')
    .requiredOption('--org <code>', 'mã tổ chức nhận / the receiving org code')
    .option('--dry-run', 'chỉ xem trước / preview only')
    .action(async (file: string, opts: { org: string; dryRun?: boolean }) => {
      const buffer = readFileSync(file);
      await withDatabase(async (db) => {
        const { rows } = await db.query<{ id: number }>('SELECT id FROM orgs WHERE upper(code) = upper($1)', [opts.org]);
        if (!rows[0]) throw new Error(`Không có tổ chức mã "${opts.org}". No org with code ${opts.org}.`);
        const actor = systemActor('Dòng lệnh');
        const preview = await previewImport(db, actor, rows[0].id, basename(file), buffer);
        const c = preview.counts;
        console.log(`Xem trước: ${c.total} dòng — ${c.create} thêm mới, ${c.update} cập nhật, ${c.unchanged} không đổi, ${c.error} lỗi.`);
        if (c.error > 0) {
          const errors = await findImportRows(db, actor, preview.importId, 'error', 1, 50);
          for (const r of errors.items as { row: number; errors: string[] }[]) console.log(`  dòng ${r.row}: ${r.errors.join(' ')}`);
          throw new Error('Có dòng lỗi; chưa ghi gì. Rows have errors; nothing was written.');
        }
        if (opts.dryRun) return;
        const result = await commitImport(db, actor, preview.importId);
        console.log(`Đã nhập: ${result.created} thêm mới, ${result.updated} cập nhật.`);
      });
    });
}
