/**
 * The embedded database in a private folder (mode 700, as a root user's home is): PostgreSQL
 * runs as the `postgres` OS user, which cannot enter it. The launcher must work without
 * changing the permissions of anyone's folders.
 */
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { clusterDirOf, packagedBinDir, removeEmbeddedData, startEmbeddedDatabase } from './embedded';

const isRoot = process.getuid?.() === 0;
const scratch = mkdtempSync(join(tmpdir(), 'resolute-private-'));
// The test's own scratch folder stands for /var/lib: open to all, while home/ below is private.
chmodSync(scratch, 0o755);
afterAll(() => {
  removeEmbeddedData(join(scratch, 'home', 'app', 'data'));
  rmSync(scratch, { recursive: true, force: true });
});

const modeOf = (p: string) => statSync(p).mode & 0o777;

describe('embedded database in a private folder', () => {
  it('starts, serves and stops without changing any folder permission', async () => {
    const home = join(scratch, 'home');
    const project = join(home, 'app');
    mkdirSync(project, { recursive: true });
    chmodSync(home, 0o700);
    // The binaries inside the private folder too, as `npm install` puts them in node_modules there.
    const binDir = join(project, 'node_modules-native');
    cpSync(packagedBinDir(), binDir, { recursive: true, verbatimSymlinks: true });
    const pgHome = join(scratch, 'pg-home');
    const dataDir = join(project, 'data');
    const before = [home, project].map(modeOf);

    const db = await startEmbeddedDatabase(dataDir, { binDir, pgHome });
    try {
      const client = new pg.Client(db.url);
      await client.connect();
      const { rows } = await client.query<{ n: number }>('SELECT 41 + 1 AS n');
      await client.end();
      expect(rows[0]!.n).toBe(42);
    } finally {
      await db.stop();
    }
    expect([home, project].map(modeOf)).toEqual(before);
    expect(modeOf(home)).toBe(0o700);
    if (isRoot) {
      // What postgres must reach lives in a folder of its own: a copy of the binaries, and the cluster.
      expect(readdirSync(pgHome).some((f) => f.startsWith('postgresql-'))).toBe(true);
      expect(clusterDirOf(dataDir).startsWith(pgHome)).toBe(true);
      expect(existsSync(join(dataDir, 'pg-location'))).toBe(true);
    } else {
      expect(clusterDirOf(dataDir)).toBe(join(dataDir, 'pg'));
    }
    // And it starts again on the same cluster.
    const again = await startEmbeddedDatabase(dataDir, { binDir, pgHome });
    await again.stop();
    expect(existsSync(join(clusterDirOf(dataDir), 'postmaster.pid'))).toBe(false);
  }, 120_000);
});
