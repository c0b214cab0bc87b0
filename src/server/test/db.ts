import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createPool, type Db } from '../db/pool';
import { appUrlFor } from '../db/roles';
import { TEMPLATE_DB } from './global-setup';

/**
 * A fresh database cloned from the migrated template, and a function that drops it. `db` and
 * `appUrl` connect as the app's own role, as production does (so a test cannot pass on a
 * superuser's rights: the audit log stays append-only, no trigger can be turned off);
 * `adminDb()` and `url` connect as the owner, for the few set-ups that need it (a trigger that
 * simulates a failure, the migrator's own tests).
 */
export async function createTestDb(): Promise<{ db: Db; adminDb: () => Db; url: string; appUrl: string; drop: () => Promise<void> }> {
  const adminUrl = inject('adminDatabaseUrl');
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client(adminUrl);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
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
