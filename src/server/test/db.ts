import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createPool, type Db } from '../db/pool';
import { appUrlFor } from '../db/roles';
import { loadDemo, reorganizeOldTreeDemo, type DemoTree } from '../demo/demo-builder';
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

/** The migrated templates with the demo loaded (today's tree, the old tree), built once per run by the first file that asks. */
export const DEMO_TEMPLATE_DBS: Record<DemoTree, string> = { today: `${TEMPLATE_DB}_demo`, 'old-tree': `${TEMPLATE_DB}_demo_old_tree` };
// Any fixed number: the key of the advisory lock under which one worker builds the demo templates.
const DEMO_TEMPLATE_LOCK = 7_310_210;

/**
 * A fresh database holding the demo, cloned from a template that holds it: today's tree, or the
 * old tree (before the 2025 reorganization) for the tests of the 2020–2025 term's data. Loading
 * the demo takes tens of seconds; the first test file that asks loads it once (the old tree,
 * then today's as a copy with the reorganization run on it) into building databases under an
 * advisory lock and renames them into place when complete, so that every other file (in any
 * worker) waits for them and then clones one in a fraction of a second.
 */
export async function createDemoTestDb(
  tree: DemoTree = 'today',
): Promise<{ db: Db; url: string; appUrl: string; drop: () => Promise<void> }> {
  const adminUrl = inject('adminDatabaseUrl');
  const admin = new pg.Client(adminUrl);
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock($1)', [DEMO_TEMPLATE_LOCK]);
    const { rows } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DEMO_TEMPLATE_DBS.today]);
    if (rows.length === 0) await buildDemoTemplates(admin, adminUrl);
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1)', [DEMO_TEMPLATE_LOCK]).catch(() => undefined);
    await admin.end();
  }
  return createTestDb(DEMO_TEMPLATE_DBS[tree]);
}

async function buildDemoTemplates(admin: pg.Client, adminUrl: string) {
  const building = (tree: DemoTree) => `${DEMO_TEMPLATE_DBS[tree]}_building`;
  const pool = (name: string) => createPool(Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString(), 4);
  for (const tree of ['today', 'old-tree'] as const) await admin.query(`DROP DATABASE IF EXISTS ${building(tree)} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${building('old-tree')} TEMPLATE ${TEMPLATE_DB}`);
  const old = pool(building('old-tree'));
  try {
    await loadDemo(old, undefined, 'old-tree');
  } finally {
    await old.end();
  }
  await admin.query(`CREATE DATABASE ${building('today')} TEMPLATE ${building('old-tree')}`);
  const today = pool(building('today'));
  try {
    await reorganizeOldTreeDemo(today);
  } finally {
    await today.end();
  }
  // Renamed only once complete, today's last (the one whose presence says both are built): a
  // demo half loaded by a failed build is never cloned.
  await admin.query(`DROP DATABASE IF EXISTS ${DEMO_TEMPLATE_DBS['old-tree']} WITH (FORCE)`);
  await admin.query(`ALTER DATABASE ${building('old-tree')} RENAME TO ${DEMO_TEMPLATE_DBS['old-tree']}`);
  await admin.query(`ALTER DATABASE ${building('today')} RENAME TO ${DEMO_TEMPLATE_DBS.today}`);
}
