/**
 * The `resolute` command. Each command lives in ./commands and registers itself here.
 */
import { Command } from 'commander';
import { registerStart } from './commands/start';
import { registerMigrate } from './commands/migrate';
import { registerSeedDemo } from './commands/seed-demo';
import { registerCreateUser } from './commands/create-user';
import { registerImportMembers } from './commands/import-members';
import { registerExtract } from './commands/extract';
import { registerBackup } from './commands/backup';

const program = new Command()
  .name('resolute')
  .description('Resolute — đưa Nghị quyết vào cuộc sống. Carry a resolution into life.')
  .showHelpAfterError();

registerStart(program);
registerMigrate(program);
registerSeedDemo(program);
registerCreateUser(program);
registerImportMembers(program);
registerExtract(program);
registerBackup(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  console.error(`Lỗi / Error: ${(err as Error).message}`);
  process.exit(1);
}
