/**
 * Logical backups in our own format, written with COPY (no pg_dump: the embedded package ships
 * none, and Debian's pg_dump 15 refuses a PostgreSQL 17 server).
 *
 * A backup is one gzip file of lines:
 *   RESOLUTE-BACKUP 1
 *   {"createdAt", "migrations": [...], "sequences": [...]}       (JSON)
 *   TABLE {"name", "columns": [...]}                             (JSON)
 *   …the table's rows, COPY text format, one row a line…
 *   \.
 *   …every table…
 *   END {"tables": n, "rows": n}
 * Every table is copied inside one REPEATABLE READ READ ONLY transaction, so the file is one
 * consistent snapshot of a running database, taken without stopping or locking out anyone.
 * The schema is not in the file: it is the migrations named in the header, which a restore
 * applies before loading the rows (then the newer ones this version of the app has).
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { listMigrations, migrate } from './migrate';

const MAGIC = 'RESOLUTE-BACKUP 1';

export type BackupSummary = { file: string; tables: number; rows: number; bytes: number; migrations: number };
type Header = { createdAt: string; migrations: string[]; sequences: { name: string; lastValue: string; isCalled: boolean }[] };
type TableHeader = { name: string; columns: string[] };

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The app's tables (not extensions', not partitions), each with the columns a COPY can load. */
async function appTables(client: pg.ClientBase): Promise<TableHeader[]> {
  const { rows } = await client.query<{ name: string; columns: string[] }>(
    `SELECT c.relname AS name,
            array_agg(a.attname::text ORDER BY a.attnum) AS columns
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND c.relname <> 'schema_migrations'
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
      GROUP BY c.relname ORDER BY c.relname`,
  );
  return rows;
}

async function appSequences(client: pg.ClientBase): Promise<Header['sequences']> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'S'
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
      ORDER BY 1`,
  );
  const out: Header['sequences'] = [];
  for (const { name } of rows) {
    const { rows: v } = await client.query<{ lastValue: string; isCalled: boolean }>(
      `SELECT last_value::text AS "lastValue", is_called AS "isCalled" FROM ${ident(name)}`,
    );
    out.push({ name, ...v[0]! });
  }
  return out;
}

/**
 * Writes a consistent backup of the database behind `pool` to `file` (atomically: a partial
 * file never has the name). `snapshot` (from pg_export_snapshot) reads a given snapshot.
 */
export async function writeBackup(pool: pg.Pool, file: string, opts: { snapshot?: string } = {}): Promise<BackupSummary> {
  const partial = `${file}.partial`;
  const client = await pool.connect();
  let rows = 0;
  let tables = 0;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    if (opts.snapshot) await client.query(`SET TRANSACTION SNAPSHOT '${opts.snapshot.replace(/'/g, "''")}'`);
    const migrations = (await client.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')).rows.map((r) => r.name);
    const header: Header = { createdAt: new Date().toISOString(), migrations, sequences: await appSequences(client) };
    const gzip = createGzip();
    const out = createWriteStream(partial, { mode: 0o600 });
    const done = pipeline(gzip, out);
    const write = async (text: string | Buffer) => {
      if (!gzip.write(text)) await once(gzip, 'drain');
    };
    await write(`${MAGIC}\n${JSON.stringify(header)}\n`);
    for (const t of await appTables(client)) {
      await write(`TABLE ${JSON.stringify(t)}\n`);
      const copy = client.query(copyTo(`COPY (SELECT ${t.columns.map(ident).join(', ')} FROM ${ident(t.name)}) TO STDOUT`));
      for await (const chunk of copy as AsyncIterable<Buffer>) await write(chunk);
      await write('\\.\n');
      rows += copy.rowCount ?? 0;
      tables += 1;
    }
    await write(`END ${JSON.stringify({ tables, rows })}\n`);
    gzip.end();
    await done;
    await client.query('COMMIT');
    renameSync(partial, file);
    return { file, tables, rows, bytes: statSync(file).size, migrations: migrations.length };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    rmSync(partial, { force: true });
    throw err;
  } finally {
    client.release();
  }
}

/** Refuses unless the database holds no table of ours: a restore never overwrites data. */
export async function assertEmptyDatabase(client: pg.ClientBase): Promise<void> {
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`,
  );
  if ((rows[0]?.n ?? 0) > 0) {
    throw new Error(
      'Cơ sở dữ liệu đích đã có dữ liệu; khôi phục chỉ ghi vào một thư mục dữ liệu hoặc cơ sở dữ liệu trống. ' +
        'The target database is not empty: restore only into an empty data folder (RESOLUTE_DATA) or an empty database (DATABASE_URL).',
    );
  }
}

/**
 * Restores `file` into the empty database of `client` (a superuser: loading with triggers off
 * needs one), in one transaction: all of it or nothing. Applies the backup's migrations, loads
 * the rows and sequences, then applies this version's newer migrations.
 */
export async function restoreBackup(
  client: pg.ClientBase,
  file: string,
): Promise<{ tables: number; rows: number; migrationsAfter: string[] }> {
  await assertEmptyDatabase(client);
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity })[Symbol.asyncIterator]();
  const next = async () => {
    const r = await lines.next();
    if (r.done) throw new Error('Tệp sao lưu bị cắt cụt / the backup file is truncated.');
    return r.value;
  };
  if ((await next()) !== MAGIC) throw new Error('Không phải tệp sao lưu Resolute / not a Resolute backup file.');
  const header = JSON.parse(await next()) as Header;
  const known = new Set(listMigrations().map((m) => m.name));
  const unknown = header.migrations.filter((m) => !known.has(m));
  if (unknown.length > 0) {
    throw new Error(
      `Bản sao lưu từ phiên bản mới hơn / the backup comes from a newer version (migrations ${unknown.join(', ')}); update Resolute first.`,
    );
  }
  await migrate(client, listMigrations(), { only: new Set(header.migrations) });
  let rows = 0;
  let tables = 0;
  await client.query('BEGIN');
  try {
    // Rows go in as they were: no triggers (counts are in the backup already, the audit log
    // refuses TRUNCATE) and no foreign-key checks in between tables.
    await client.query(`SET LOCAL session_replication_role = replica`);
    const present = await appTables(client);
    if (present.length > 0) await client.query(`TRUNCATE ${present.map((t) => ident(t.name)).join(', ')}`);
    for (;;) {
      const line = await next();
      if (line.startsWith('END ')) break;
      if (!line.startsWith('TABLE ')) throw new Error(`Tệp sao lưu hỏng / damaged backup near: ${line.slice(0, 80)}`);
      const t = JSON.parse(line.slice(6)) as TableHeader;
      const copy = client.query(copyFrom(`COPY ${ident(t.name)} (${t.columns.map(ident).join(', ')}) FROM STDIN`));
      const finished = new Promise<void>((resolve, reject) => {
        copy.on('finish', resolve);
        copy.on('error', reject);
      });
      for (;;) {
        const row = await next();
        if (row === '\\.') break;
        if (!copy.write(`${row}\n`)) await once(copy, 'drain');
      }
      copy.end();
      await finished;
      rows += copy.rowCount ?? 0;
      tables += 1;
    }
    for (const s of header.sequences) {
      await client.query('SELECT setval($1::regclass, $2::bigint, $3)', [ident(s.name), s.lastValue, s.isCalled]);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  const migrationsAfter = await migrate(client);
  return { tables, rows, migrationsAfter };
}

export type TableChecksum = { rows: number; md5: string };

/** Row count and a checksum of every table's rows (in a stable order), to compare two databases. */
export async function tableChecksums(client: pg.ClientBase | pg.Pool): Promise<Record<string, TableChecksum>> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
      ORDER BY 1`,
  );
  const out: Record<string, TableChecksum> = {};
  for (const { name } of tables) {
    if (name === 'schema_migrations') continue; // applied_at is when, not what
    const { rows } = await client.query<{ rows: number; md5: string }>(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(x, E'\\n' ORDER BY x COLLATE "C"), '')) AS md5
         FROM (SELECT t::text AS x FROM ${ident(name)} t) s`,
    );
    out[name] = rows[0]!;
  }
  return out;
}
