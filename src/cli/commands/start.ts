import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../server/config';
import { defaultWebDir, startServer } from '../../server/server';

/** Builds the web app once when it has not been built yet (a fresh clone). */
async function ensureWebBuilt(webDir: string) {
  if (existsSync(join(webDir, 'index.html'))) return;
  console.log('Đang build giao diện web… / Building the web app…');
  const { build } = await import('vite');
  await build({ logLevel: 'warn' });
}

export function registerStart(program: Command) {
  program
    .command('start')
    .description('Chạy máy chủ (cơ sở dữ liệu nhúng, migration, dữ liệu mẫu lần đầu) / Start the server')
    .option('--no-demo', 'không nạp dữ liệu mẫu ở lần chạy đầu / do not load the demo on first start')
    .option('--no-web', 'chỉ phục vụ API, không có giao diện web / serve the API only')
    .action(async (opts: { demo: boolean; web: boolean }) => {
      const config = loadConfig();
      const t0 = Date.now();
      const webDir = opts.web ? defaultWebDir() : null;
      if (webDir) await ensureWebBuilt(webDir);
      const server = await startServer({
        port: config.port,
        host: config.host,
        databaseUrl: config.databaseUrl,
        dataDir: config.dataDir,
        adminPassword: config.adminPassword,
        demo: opts.demo,
        webDir,
        trustProxy: config.trustProxy,
        appDatabaseUrl: config.appDatabaseUrl,
        walArchiveDir: config.walArchiveDir,
        shutdownGraceMs: config.shutdownGraceMs,
        backup: config.backupDir ? { dir: config.backupDir, keep: config.backupKeep } : null,
        logger: { level: config.logLevel },
        log: (line) => console.log(line),
      });
      if (server.admin?.generatedPassword) {
        console.log('');
        console.log('Tài khoản quản trị đầu tiên / First administrator (mật khẩu chỉ hiện một lần / shown once):');
        console.log(`  tên đăng nhập / user: ${server.admin.username}`);
        console.log(`  mật khẩu / password:  ${server.admin.generatedPassword}`);
        console.log('');
      } else if (server.admin) {
        console.log(`Tài khoản quản trị "${server.admin.username}" dùng mật khẩu trong RESOLUTE_ADMIN_PASSWORD.`);
      }
      console.log(
        `Resolute đang chạy tại / is running at ${server.url.replace(/:\/\/[^:]+:/, '://localhost:')} (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
      );
      let signals = 0;
      const shutdown = async (signal: string) => {
        signals += 1;
        if (signals > 1) process.exit(1);
        console.log(`Nhận ${signal}: chờ các yêu cầu đang xử lý rồi dừng… / draining requests in flight, then stopping…`);
        try {
          await server.stop();
          process.exit(0);
        } catch (err) {
          console.error(`Lỗi khi dừng / error while stopping: ${(err as Error).message}`);
          process.exit(1);
        }
      };
      process.on('SIGINT', () => void shutdown('SIGINT'));
      process.on('SIGTERM', () => void shutdown('SIGTERM'));
    });
}
