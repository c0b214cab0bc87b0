/**
 * The browser journeys share one embedded PostgreSQL and one demo. The demo is loaded once
 * here, through the product's own first start, into a template database; each file's product
 * server then runs on a fresh copy of it (CREATE DATABASE … TEMPLATE, under a second) instead
 * of initialising a cluster and loading the demo again (tens of seconds a file on 2 cores).
 * DATABASE_URL points the journeys at another server instead.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { removeEmbeddedData, startEmbeddedDatabase } from '../src/server/db/embedded';
import { startServer } from '../src/server/server';
import { E2E_DEMO_DBS } from '../src/server/test/app-server';
import { createPool } from '../src/server/db/pool';
import { reorganizeOldTreeDemo } from '../src/server/demo/demo-builder';

export default async function setup(project: TestProject) {
  let stopCluster = async () => undefined as void;
  let url = process.env.DATABASE_URL;
  if (!url) {
    const dir = mkdtempSync(join(tmpdir(), 'resolute-e2e-db-'));
    const cluster = await startEmbeddedDatabase(dir);
    url = cluster.url;
    stopCluster = async () => {
      await cluster.stop();
      removeEmbeddedData(dir);
    };
  }
  const admin = new pg.Client(url);
  await admin.connect();
  const urlOf = (db: string) => Object.assign(new URL(url), { pathname: `/${db}` }).toString();
  const { today, 'old-tree': oldTree } = E2E_DEMO_DBS;
  for (const db of [today, oldTree]) await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${oldTree}`);
  const adminPassword = `E2e-${randomBytes(8).toString('hex')}`;
  // The first start of the product: migrations, the demo on the old tree, the root org and the
  // administrator; today's demo is a copy with the 2025 reorganization run on it.
  const first = await startServer({ port: 0, databaseUrl: urlOf(oldTree), dataDir: '', adminPassword, demo: 'old-tree', webDir: null });
  await first.stop();
  await admin.query(`CREATE DATABASE ${today} TEMPLATE ${oldTree}`);
  await admin.end();
  const db = createPool(urlOf(today), 2);
  try {
    await reorganizeOldTreeDemo(db);
  } finally {
    await db.end();
  }
  project.provide('e2eAdminUrl', url);
  project.provide('e2eAdminPassword', adminPassword);
  return stopCluster;
}
