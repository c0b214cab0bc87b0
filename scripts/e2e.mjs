#!/usr/bin/env node
// Runs the browser journeys: makes sure Chromium is there, builds the web app, runs the
// e2e Vitest project against a fresh product server, and ends with "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });

function ensureChromium() {
  if (existsSync(chromium)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(
      `Chromium is not installed at ${chromium}. Install Debian's Chromium with:\n` +
        '  sudo apt-get update && sudo apt-get install -y chromium\n' +
        'or point CHROMIUM_PATH at a Chromium binary.',
    );
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  console.log('Chromium is missing: installing it with apt-get…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (
    run('apt-get', ['update'], { env }).status !== 0 ||
    run('apt-get', ['install', '-y', 'chromium'], { env }).status !== 0 ||
    !existsSync(chromium)
  ) {
    console.error('Could not install Chromium with apt-get.');
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

ensureChromium();

// The app is built into a private folder, so a build running beside us cannot swap files
// under the server in the middle of a journey. RESOLUTE_WEB_DIR tells the test server where.
const outDir = mkdtempSync(join(tmpdir(), 'resolute-e2e-'));
const report = join(outDir, 'report.json');
const webDir = process.env.RESOLUTE_WEB_DIR ?? join(outDir, 'web');
if (!process.env.RESOLUTE_WEB_DIR) {
  const build = run(process.execPath, [
    join(root, 'node_modules/vite/bin/vite.js'),
    'build',
    '--logLevel',
    'warn',
    '--outDir',
    webDir,
    '--emptyOutDir',
  ]);
  if (build.status !== 0) {
    console.error('The web app did not build.');
    console.log('0 passed, 1 failed');
    rmSync(outDir, { recursive: true, force: true });
    process.exit(1);
  }
}
const extra = process.argv.slice(2);
const tests = run(
  process.execPath,
  [
    join(root, 'node_modules/vitest/vitest.mjs'),
    'run',
    '--config',
    'e2e/vitest.config.ts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...extra,
  ],
  { env: { ...process.env, RESOLUTE_WEB_DIR: webDir } },
);

let passed = 0;
let failed;
try {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed = r.numPassedTests ?? 0;
  failed = r.numFailedTests ?? 0;
  // A file that failed before its tests ran (the server did not start) counts as a failure.
  if (failed === 0 && (r.numFailedTestSuites ?? 0) > 0) failed = r.numFailedTestSuites;
} catch {
  failed = tests.status === 0 ? 0 : 1;
}
rmSync(outDir, { recursive: true, force: true });
if (tests.status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
