import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createPool, type Db } from '../db/pool';
import { appUrlFor } from '../db/roles';
import { loadDemo } from '../demo/demo-builder';
import { TEMPLATE_DB } from './global-setup';

/**
 * A fresh database cloned from the migrated template (or another `template`, such as the demo's),
 * and a function that drops it. `db` and `appUrl` connect as the app's own role, as production
 * does (so a test cannot pass on a superuser's rights: the audit log stays append-only, no
 * trigger can be turned off); `adminDb()` and `url` connect as the owner, for the few set-ups
 * that need it (a trigger that simulates a failure, the migrator's own tests).
 */
export async function createTestDb(
  template: string = TEMPLATE_DB,
): Promise<{ db: Db; adminDb: () => Db; url: string; appUrl: string; drop: () => Promise<void> }> {
  const adminUrl = inject('adminDatabaseUrl');
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client(adminUrl);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const appUrl = appUrlFor(url.toString());
  const db = createPool(appUrl, 10);
  let adminPool: Db | null = null;
  return {
    db,
    adminDb: () => (adminPool ??= createPool(url.toString(), 2)),
    url: url.toString(),
    appUrl,
    drop: async () => {
      await db.end();
      await adminPool?.end();
      const c = new pg.Client(adminUrl);
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** The migrated template with the demo loaded, built once per run by the first file that asks. */
export const DEMO_TEMPLATE_DB = `${TEMPLATE_DB}_demo`;
// Any fixed number: the key of the advisory lock under which one worker builds the demo template.
const DEMO_TEMPLATE_LOCK = 7_310_210;

/**
 * A fresh database holding the demo, cloned from a template that holds it. Loading the demo takes
 * tens of seconds; the first test file that asks loads it once into a building database under an
 * advisory lock and renames it into place when complete, so that every other file (in any
 * worker) waits for it and then clones it in a fraction of a second.
 */
export async function createDemoTestDb(): Promise<{ db: Db; url: string; appUrl: string; drop: () => Promise<void> }> {
  const adminUrl = inject('adminDatabaseUrl');
  const admin = new pg.Client(adminUrl);
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock($1)', [DEMO_TEMPLATE_LOCK]);
    const { rows } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DEMO_TEMPLATE_DB]);
    if (rows.length === 0) await buildDemoTemplate(admin, adminUrl);
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1)', [DEMO_TEMPLATE_LOCK]).catch(() => undefined);
    await admin.end();
  }
  return createTestDb(DEMO_TEMPLATE_DB);
}

async function buildDemoTemplate(admin: pg.Client, adminUrl: string) {
  const building = `${DEMO_TEMPLATE_DB}_building`;
  await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${building} TEMPLATE ${TEMPLATE_DB}`);
  const url = new URL(adminUrl);
  url.pathname = `/${building}`;
  const db = createPool(url.toString(), 4);
  try {
    await loadDemo(db);
  } finally {
    await db.end();
  }
  // Renamed only once complete: a demo half loaded by a failed build is never cloned.
  await admin.query(`ALTER DATABASE ${building} RENAME TO ${DEMO_TEMPLATE_DB}`);
}
