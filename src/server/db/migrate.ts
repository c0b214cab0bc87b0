/**
 * Applies the SQL migrations in ./migrations in name order, each in its own transaction,
 * and records them in `schema_migrations` with the sha256 of their text. Migrations are written
 * by hand (reviewable SQL with ltree, triggers and partial indexes). An advisory lock lets
 * several app processes start at once against one database.
 *
 * Names: new files are `YYYYMMDDHHMM_name.sql` (the UTC time they were written), so that work
 * done in parallel sorts in the order it was written. The numbered files of the first months
 * (`0001_core.sql` … `0311_jobs_and_mail.sql`) keep their names and sort first; no new numbered
 * file is accepted.
 *
 * The runner refuses, before applying anything:
 * - an applied file whose text changed (its checksum differs): a change goes in a new file;
 * - a pending file that sorts before the last applied one: on a fresh database it would run
 *   earlier than on this one, and the two would differ;
 * - a file named neither way.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
const LOCK_ID = 7_240_1; // any constant; only our migrator takes it

/** The numbered migrations written before names became timestamps; frozen. */
const NUMBERED = new Set([
  '0001_core.sql',
  '0100_documents.sql',
  '0200_study.sql',
  '0201_study_document_fks.sql',
  '0300_reports.sql',
  '0310_indicator_series.sql',
  '0311_jobs_and_mail.sql',
]);
const TIMESTAMPED = /^\d{12}_[a-z0-9_]+\.sql$/;

export type Migration = { name: string; sql: string };

export function listMigrations(): Migration[] {
  return readdirSync(migrationsDir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(migrationsDir, name), 'utf8') }));
}

/** The sha256 of a migration's text, line endings normalized (a checkout with CRLF is the same file). */
export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

/** Why this set of files may not be applied to a database holding `applied`, or null. */
export function migrationProblems(files: readonly Migration[], applied: ReadonlyMap<string, string | null>): string[] {
  const problems: string[] = [];
  for (const f of files) {
    if (!NUMBERED.has(f.name) && !TIMESTAMPED.test(f.name)) {
      problems.push(`Migration ${f.name}: name it YYYYMMDDHHMM_name.sql with the current UTC time (lower-case letters, digits and _).`);
    }
  }
  for (const f of files) {
    const recorded = applied.get(f.name);
    if (recorded && recorded !== checksumOf(f.sql)) {
      problems.push(
        `Migration ${f.name} was changed after it was applied (sha256 recorded ${recorded.slice(0, 12)}…, file ${checksumOf(f.sql).slice(0, 12)}…). Restore it and put the change in a new migration.`,
      );
    }
  }
  const last = [...applied.keys()].sort().at(-1);
  if (last) {
    for (const f of files) {
      if (!applied.has(f.name) && f.name < last) {
        problems.push(
          `Migration ${f.name} is pending but sorts before ${last}, which is already applied: a fresh database would run it earlier than this one. Rename it with the current UTC time (YYYYMMDDHHMM_name.sql).`,
        );
      }
    }
  }
  return problems;
}

/**
 * Applies pending migrations; returns the names applied. Throws, applying nothing, when the
 * files fail the checks above; throws (and rolls back that file) when one fails to run.
 * `only` limits them to a set of names (a restore first rebuilds the schema its backup was
 * taken with).
 */
export async function migrate(
  client: pg.ClientBase,
  allFiles: readonly Migration[] = listMigrations(),
  opts: { only?: ReadonlySet<string> } = {},
): Promise<string[]> {
  const files = opts.only ? allFiles.filter((f) => opts.only?.has(f.name)) : allFiles;
  await client.query('SELECT pg_advisory_lock($1)', [LOCK_ID]);
  try {
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    // Databases migrated before checksums were recorded get the column here.
    await client.query('ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS checksum text');
    const rows = (await client.query<{ name: string; checksum: string | null }>('SELECT name, checksum FROM schema_migrations')).rows;
    // Rows applied before checksums existed take the file's checksum now (trust on first use).
    for (const r of rows) {
      const file = files.find((f) => f.name === r.name);
      if (r.checksum === null && file) {
        r.checksum = checksumOf(file.sql);
        await client.query('UPDATE schema_migrations SET checksum = $2 WHERE name = $1 AND checksum IS NULL', [r.name, r.checksum]);
      }
    }
    const applied = new Map(rows.map((r) => [r.name, r.checksum]));
    const problems = migrationProblems(files, applied);
    if (problems.length > 0) throw new Error(`Migrations refused:\n- ${problems.join('\n- ')}`);

    const done: string[] = [];
    for (const m of [...files].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (applied.has(m.name)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [m.name, checksumOf(m.sql)]);
        await client.query('COMMIT');
        done.push(m.name);
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${m.name} failed: ${(err as Error).message}`, { cause: err });
      }
    }
    return done;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_ID]);
  }
}
