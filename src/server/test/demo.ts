import type { App, RouteEntry } from '../app';
import type { Db } from '../db/pool';
import { createDemoTestDb } from './db';
import type { DemoTree } from '../demo/demo-builder';
import { buildUser } from './factories';
import { buildTestApp, loginAs, type TestClient } from './http';

/**
 * A fresh database holding the demo (cloned from the demo template, see db.ts), the app over it, and a client logged in as an
 * administrator of the root org: what the tests of each demo step start from. The tests of
 * the 2020–2025 term's data ask for the old tree (before the 2025 reorganization).
 */
export async function openDemo(
  tree: DemoTree = 'today',
): Promise<{ db: Db; app: App; routes: RouteEntry[]; admin: TestClient; close: () => Promise<void> }> {
  const { db, drop } = await createDemoTestDb(tree);
  const { app, routes } = await buildTestApp(db);
  const { rows } = await db.query<{ id: number; path: string }>(`SELECT id, path::text AS path FROM orgs WHERE code = 'TW'`);
  const u = await buildUser(db, [{ org: { id: rows[0]!.id, path: rows[0]!.path, code: 'TW', name: '' }, role: 'admin' }]);
  const admin = await loginAs(app, u.username, u.password);
  return {
    db,
    app,
    routes,
    admin,
    close: async () => {
      await app.close();
      await drop();
    },
  };
}
