/**
 * A streaming replica of an embedded cluster on loopback, built the way an operator builds one
 * (a base backup plus `standby.signal` and `primary_conninfo`), for the read-replica test and
 * the drills. The embedded package ships no `pg_basebackup`, and a client of another major
 * version refuses the server, so the base backup is PostgreSQL's low-level API around a copy
 * of the files (./base-backup.ts). A physical replication slot made before the copy keeps the
 * primary's WAL from the backup's start until the replica has streamed it.
 */
import { chownSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { copyClusterFiles } from './base-backup';
import { removeEmbeddedData, startEmbeddedDatabase, type EmbeddedDatabase } from './embedded';

export type StreamingReplica = EmbeddedDatabase & { name: string; remove: () => Promise<void> };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Builds and starts a hot standby of `primary` named `name` (letters, digits, underscores).
 * Resolves when the primary reports it streaming.
 */
export async function startStreamingReplica(primary: EmbeddedDatabase, name: string): Promise<StreamingReplica> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`replica name "${name}": use a-z, 0-9 and _`);
  const primaryUrl = new URL(primary.url);
  const owner = statSync(primary.pgDir);
  // Beside the primary's cluster, which the `postgres` OS user can reach.
  const home = join(dirname(primary.pgDir), `replica-${name}`);
  rmSync(home, { recursive: true, force: true });
  mkdirSync(home, { mode: 0o700 });
  chownSync(home, owner.uid, owner.gid);
  const clusterDir = join(home, 'pg');

  const client = new pg.Client(primary.url);
  await client.connect();
  try {
    await client.query('SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1 AND NOT active', [name]);
    await client.query('SELECT pg_create_physical_replication_slot($1, true)', [name]);
    await client.query(`SELECT pg_backup_start($1, true)`, [`replica ${name}`]);
    try {
      copyClusterFiles(primary.pgDir, clusterDir);
    } finally {
      const { rows } = await client.query<{ labelfile: string }>('SELECT labelfile FROM pg_backup_stop(false)');
      writeFileSync(join(clusterDir, 'backup_label'), rows[0]!.labelfile);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
  writeFileSync(join(clusterDir, 'standby.signal'), '');
  const conninfo = `host=127.0.0.1 port=${primaryUrl.port} user=${decodeURIComponent(primaryUrl.username)} password=${decodeURIComponent(primaryUrl.password)} application_name=${name}`;
  appendFileSync(
    join(clusterDir, 'postgresql.auto.conf'),
    `primary_conninfo = '${conninfo.replace(/'/g, "''")}'\nprimary_slot_name = '${name}'\n`,
  );
  execFileSync('chown', ['-R', `${owner.uid}:${owner.gid}`, clusterDir]);

  // The replica's own data folder: its lock, its password (the primary's, copied with the
  // roles) and a note of where its cluster lives.
  const dataDir = mkdtempSync(join(tmpdir(), `resolute-replica-${name}-`));
  writeFileSync(join(dataDir, 'pg-location'), `${clusterDir}\n`);
  writeFileSync(join(dataDir, 'pg-password'), decodeURIComponent(primaryUrl.password), { mode: 0o600 });
  const db = await startEmbeddedDatabase(dataDir, { standby: true });
  await waitStreaming(primary.url, name);
  return {
    ...db,
    name,
    remove: async () => {
      await db.stop();
      removeEmbeddedData(dataDir);
      const c = new pg.Client(primary.url);
      await c.connect();
      await c.query('SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1 AND NOT active', [name]);
      await c.end();
    },
  };
}

async function waitStreaming(primaryUrl: string, name: string): Promise<void> {
  const client = new pg.Client(primaryUrl);
  await client.connect();
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { rows } = await client.query(`SELECT 1 FROM pg_stat_replication WHERE application_name = $1 AND state = 'streaming'`, [name]);
      if (rows.length > 0) return;
      if (Date.now() > deadline) throw new Error(`replica ${name} is not streaming after 60 s`);
      await sleep(100);
    }
  } finally {
    await client.end();
  }
}
