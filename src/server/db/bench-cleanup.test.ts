/**
 * A benchmark's throw-away database leaves nothing behind: not its data folder, and (as root,
 * where PostgreSQL's cluster is relocated under RESOLUTE_PG_HOME) not its cluster either,
 * whether the benchmark ends or is stopped with Ctrl-C.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const work = mkdtempSync(join(tmpdir(), 'resolute-bench-cleanup-'));
// The postgres user (as root) must reach RESOLUTE_PG_HOME inside it; the bench's own temporary
// folder stays private (mode 700), which is what makes the cluster move there.
chmodSync(work, 0o755);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const script = join(work, 'bench-fixture.mts');
writeFileSync(
  script,
  `import { benchDatabase } from ${JSON.stringify(join(root, 'bench/support.ts'))};
const { db, close } = await benchDatabase(2);
await db.query('SELECT 1');
console.log('READY');
if (process.argv[2] === 'close') {
  await close();
  process.exit(0);
}
setInterval(() => undefined, 1000);
`,
);

/** Runs the fixture with its own RESOLUTE_PG_HOME and TMPDIR; with 'sigint' it is interrupted once its database answers. */
function runFixture(mode: 'close' | 'sigint', name: string): Promise<{ code: number | null; pgHome: string; tmp: string }> {
  const pgHome = join(work, `${name}-pg-home`);
  const tmp = join(work, `${name}-tmp`);
  mkdirSync(tmp);
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, mode], {
      cwd: root,
      env: { ...process.env, RESOLUTE_PG_HOME: pgHome, TMPDIR: tmp },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.on('data', (chunk: Buffer) => {
      if (mode === 'sigint' && chunk.toString().includes('READY')) child.kill('SIGINT');
    });
    child.on('error', fail);
    child.on('exit', (code) => done({ code, pgHome, tmp }));
  });
}

const leftovers = (pgHome: string, tmp: string) => [
  ...(existsSync(join(pgHome, 'clusters')) ? readdirSync(join(pgHome, 'clusters')) : []),
  ...readdirSync(tmp).filter((f) => f.startsWith('resolute-bench-')),
];

describe('bench databases', () => {
  it('are removed, cluster and all, when the benchmark closes them', async () => {
    const { code, pgHome, tmp } = await runFixture('close', 'close');
    expect(code).toBe(0);
    expect(leftovers(pgHome, tmp)).toEqual([]);
  }, 120_000);

  it('are stopped and removed on Ctrl-C', async () => {
    const { code, pgHome, tmp } = await runFixture('sigint', 'sigint');
    expect(code).toBe(130);
    expect(leftovers(pgHome, tmp)).toEqual([]);
  }, 120_000);
});
