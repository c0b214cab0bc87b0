import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../server/config';
import cluster from 'node:cluster';
import { defaultWebDir, startServer } from '../../server/server';
import { startPrimary, workerCount } from '../../server/start/workers';

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
    .option('--workers <n>', 'số tiến trình ứng dụng dùng chung cổng (RESOLUTE_WORKERS) / app processes sharing the port')
    .action(async (opts: { demo: boolean; web: boolean; workers?: string }) => {
      const config = loadConfig();
      const t0 = Date.now();
      const webDir = opts.web ? defaultWebDir() : null;
      const isWorker = cluster.isWorker;
      if (!isWorker && workerCount(opts.workers) > 1) return startCluster(workerCount(opts.workers), opts, t0);
      if (webDir && !isWorker) await ensureWebBuilt(webDir);
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
        reads: { urls: config.readUrls, maxLagMs: config.readMaxLagMs },
        log: (line) => console.log(line),
      });
      if (isWorker) {
        console.log(`Tiến trình ${process.pid} phục vụ / worker serving ${server.url}`);
      } else if (server.admin?.generatedPassword) {
        console.log('');
        console.log('Tài khoản quản trị đầu tiên / First administrator (mật khẩu chỉ hiện một lần / shown once):');
        console.log(`  tên đăng nhập / user: ${server.admin.username}`);
        console.log(`  mật khẩu / password:  ${server.admin.generatedPassword}`);
        console.log('');
      } else if (server.admin) {
        console.log(`Tài khoản quản trị "${server.admin.username}" dùng mật khẩu trong RESOLUTE_ADMIN_PASSWORD.`);
      }
      if (!isWorker)
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

function printAdmin(admin: { username: string; generatedPassword: string | null } | null) {
  if (admin?.generatedPassword) {
    console.log('');
    console.log('Tài khoản quản trị đầu tiên / First administrator (mật khẩu chỉ hiện một lần / shown once):');
    console.log(`  tên đăng nhập / user: ${admin.username}`);
    console.log(`  mật khẩu / password:  ${admin.generatedPassword}`);
    console.log('');
  }
}

/** The primary of `--workers N`: prepares the database once, forks the workers, stops them on a signal. */
async function startCluster(workers: number, opts: { demo: boolean; web: boolean }, t0: number) {
  const config = loadConfig();
  if (opts.web) await ensureWebBuilt(defaultWebDir());
  const primary = await startPrimary({
    workers,
    databaseUrl: config.databaseUrl,
    appDatabaseUrl: config.appDatabaseUrl,
    dataDir: config.dataDir,
    walArchiveDir: config.walArchiveDir,
    adminPassword: config.adminPassword,
    demo: opts.demo,
    log: (line) => console.log(line),
  });
  let signals = 0;
  const shutdown = async (signal: string) => {
    signals += 1;
    if (signals > 1) process.exit(1);
    console.log(`Nhận ${signal}: dừng ${workers} tiến trình rồi cơ sở dữ liệu… / stopping the workers, then the database…`);
    await primary.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  printAdmin(primary.admin);
  try {
    await primary.ready;
  } catch (err) {
    await primary.stop();
    throw err;
  }
  const host = config.host === '127.0.0.1' || config.host === '0.0.0.0' ? 'localhost' : config.host;
  console.log(
    `Resolute đang chạy tại / is running at http://${host}:${config.port} với ${workers} tiến trình / with ${workers} workers (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
  );
}
