import type { Command } from 'commander';
import { roles, type Role } from '../../domain/access/permissions';
import { withDatabase } from '../context';
import { systemActor } from '../../server/lib/actor';
import { createUser } from '../../server/features/users/users.service';

export function registerCreateUser(program: Command) {
  program
    .command('create-user')
    .description('Tạo người dùng với vai trò trên một tổ chức / Create a user with a role on an org')
    .requiredOption('--username <name>', 'tên đăng nhập / user name')
    .requiredOption('--name <full name>', 'họ và tên / full name')
    .requiredOption('--org <code>', 'mã tổ chức / org code')
    .option('--role <role>', `vai trò / role: ${roles.join(', ')}`, 'viewer')
    .option('--password <password>', 'mật khẩu (bỏ trống để sinh tự động) / password (generated when omitted)')
    .action(async (opts: { username: string; name: string; org: string; role: string; password?: string }) => {
      if (!roles.includes(opts.role as Role)) throw new Error(`Vai trò "${opts.role}" không hợp lệ. Roles: ${roles.join(', ')}`);
      await withDatabase(async (db) => {
        const { rows } = await db.query<{ id: number }>('SELECT id FROM orgs WHERE upper(code) = upper($1)', [opts.org]);
        if (!rows[0]) throw new Error(`Không có tổ chức mã "${opts.org}". No org with code ${opts.org}.`);
        const result = await createUser(db, systemActor('Dòng lệnh'), {
          username: opts.username,
          fullName: opts.name,
          password: opts.password,
          roles: [{ orgId: rows[0].id, role: opts.role as Role }],
        });
        console.log(`Đã tạo người dùng ${result.user.username} (${opts.role} @ ${opts.org}).`);
        if (result.generatedPassword) console.log(`Mật khẩu (chỉ hiện một lần) / password (shown once): ${result.generatedPassword}`);
      });
    });
}
