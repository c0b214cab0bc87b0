import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createPool, type Db } from '../db/pool';
import { appUrlFor } from '../db/roles';
import { TEMPLATE_DB } from './global-setup';

/**
 * A fresh database cloned from the migrated template, and a function that drops it. `db` and
 * `url` connect as the admin (test set-up may need it); `appUrl` as the app's own role.
 */
export async function createTestDb(): Promise<{ db: Db; url: string; appUrl: string; drop: () => Promise<void> }> {
  const adminUrl = inject('adminDatabaseUrl');
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client(adminUrl);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = createPool(url.toString(), 10);
  return {
    db,
    url: url.toString(),
    appUrl: appUrlFor(url.toString()),
    drop: async () => {
      await db.end();
      const c = new pg.Client(adminUrl);
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
