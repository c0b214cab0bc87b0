/**
 * Applies the SQL migrations in ./migrations in name order, each in its own transaction,
 * and records them in `schema_migrations`. Migrations are written by hand (reviewable SQL with
 * ltree, triggers and partial indexes); features own number ranges so that files never clash.
 * An advisory lock lets several app processes start at once against one database.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
const LOCK_ID = 7_240_1; // any constant; only our migrator takes it

export function listMigrations(): { name: string; sql: string }[] {
  return readdirSync(migrationsDir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(migrationsDir, name), 'utf8') }));
}

/**
 * Applies pending migrations; returns the names applied. Throws (and rolls back that file) on
 * error. `only` limits them to a set of names (a restore first rebuilds the schema its backup
 * was taken with).
 */
export async function migrate(client: pg.ClientBase, opts: { only?: ReadonlySet<string> } = {}): Promise<string[]> {
  await client.query('SELECT pg_advisory_lock($1)', [LOCK_ID]);
  try {
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set(
      (await client.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name),
    );
    const applied: string[] = [];
    for (const m of listMigrations()) {
      if (done.has(m.name) || (opts.only && !opts.only.has(m.name))) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [m.name]);
        await client.query('COMMIT');
        applied.push(m.name);
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${m.name} failed: ${(err as Error).message}`, { cause: err });
      }
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_ID]);
  }
}
