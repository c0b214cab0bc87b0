import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDb } from '../test/db';
import { checksumOf, listMigrations, migrate, migrationProblems, type Migration } from './migrate';

let client: pg.Client;
let drop: () => Promise<void>;
const files = listMigrations();
const last = files.at(-1)!.name;

beforeAll(async () => {
  const t = await createTestDb();
  drop = t.drop;
  client = new pg.Client(t.url);
  await client.connect();
});
afterAll(async () => {
  await client.end();
  await drop();
});

const checksums = async () =>
  new Map(
    (await client.query<{ name: string; checksum: string | null }>('SELECT name, checksum FROM schema_migrations')).rows.map((r) => [
      r.name,
      r.checksum,
    ]),
  );

describe('migration runner', () => {
  it('records the sha256 of every applied file', async () => {
    expect(await migrate(client)).toEqual([]);
    const recorded = await checksums();
    for (const f of files) expect(recorded.get(f.name), f.name).toBe(checksumOf(f.sql));
  });

  it('adds the checksum to a database migrated before checksums, taking the files as they are', async () => {
    await client.query('UPDATE schema_migrations SET checksum = NULL');
    await client.query('ALTER TABLE schema_migrations DROP COLUMN checksum');
    expect(await migrate(client)).toEqual([]);
    expect((await checksums()).get(files[0]!.name)).toBe(checksumOf(files[0]!.sql));
  });

  it('refuses an applied file whose text changed, and applies nothing', async () => {
    const changed = files.map((f) => (f.name === '0001_core.sql' ? { ...f, sql: `${f.sql}\n-- edited` } : f));
    const pending: Migration = { name: '209912312359_after.sql', sql: 'CREATE TABLE test_after (id int)' };
    await expect(migrate(client, [...changed, pending])).rejects.toThrow(/0001_core\.sql was changed after it was applied/);
    expect((await client.query(`SELECT to_regclass('test_after') AS t`)).rows[0].t).toBeNull();
  });

  it('refuses a pending file that sorts before the last applied one', async () => {
    const early: Migration = { name: '000000000001_forgotten.sql', sql: 'SELECT 1' };
    await expect(migrate(client, [...files, early])).rejects.toThrow(
      new RegExp(`000000000001_forgotten\\.sql is pending but sorts before ${last}`),
    );
  });

  it('refuses a new numbered file and a file named neither way', () => {
    const problems = migrationProblems([...files, { name: '0002_late.sql', sql: '' }, { name: 'fix.sql', sql: '' }], new Map());
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).toMatch(/0002_late\.sql: name it YYYYMMDDHHMM_name\.sql/);
  });

  it('applies a pending timestamped file and records its checksum; line endings do not count', async () => {
    const next: Migration = { name: '209912312359_after.sql', sql: 'CREATE TABLE test_after (id int);\r\n' };
    expect(await migrate(client, [...files, next])).toEqual([next.name]);
    expect((await checksums()).get(next.name)).toBe(checksumOf('CREATE TABLE test_after (id int);\n'));
    expect(await migrate(client, [...files, { ...next, sql: 'CREATE TABLE test_after (id int);\n' }])).toEqual([]);
  });
});
