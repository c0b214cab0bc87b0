import type { Command } from 'commander';
import { withDatabase } from '../context';

export function registerMigrate(program: Command) {
  program
    .command('migrate')
    .description('Áp dụng migration cơ sở dữ liệu / Apply database migrations')
    .action(async () => {
      await withDatabase(async () => undefined);
      console.log('Cơ sở dữ liệu đã cập nhật. / Database is up to date.');
    });
}
