#!/usr/bin/env node
// `npm test`: unit and integration tests (Vitest, real embedded PostgreSQL), then the browser
// journeys (scripts/e2e.mjs). Ends with one line "N passed, N failed" over everything.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const outDir = mkdtempSync(join(tmpdir(), 'resolute-test-report-'));
const report = join(outDir, 'vitest.json');

const vitest = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules/vitest/vitest.mjs'),
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit', cwd: root },
);
let passed = 0;
let failed = 0;
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed += json.numPassedTests;
  failed += json.numFailedTests + (json.numRuntimeErrorTestSuites ?? 0) + (json.success ? 0 : json.numFailedTests === 0 ? 1 : 0);
} catch {
  failed += 1;
}
rmSync(outDir, { recursive: true, force: true });

const e2e = spawnSync(process.execPath, [join(root, 'scripts/e2e.mjs')], {
  cwd: root,
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
});
process.stdout.write(e2e.stdout ?? '');
const summary = /(\d+) passed, (\d+) failed/.exec((e2e.stdout ?? '').trim().split('\n').pop() ?? '');
if (summary) {
  passed += Number(summary[1]);
  failed += Number(summary[2]);
} else if (e2e.status !== 0) {
  failed += 1;
}

console.log(`\nAll tests / Toàn bộ kiểm thử:`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(vitest.status === 0 && e2e.status === 0 && failed === 0 ? 0 : 1);
