import type { Command } from 'commander';
import { withDatabase } from '../context';
import { loadDemo } from '../../server/demo/demo-builder';

export function registerSeedDemo(program: Command) {
  program
    .command('seed-demo')
    .description('Nạp dữ liệu mẫu vào cơ sở dữ liệu trống / Load the demo into an empty database')
    .action(async () => {
      await withDatabase((db) => loadDemo(db, (line) => console.log(line)));
      console.log('Đã nạp dữ liệu mẫu. / Demo loaded.');
    });
}
