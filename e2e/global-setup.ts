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
import { E2E_DEMO_DB } from '../src/server/test/app-server';

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
  await admin.query(`DROP DATABASE IF EXISTS ${E2E_DEMO_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${E2E_DEMO_DB}`);
  await admin.end();
  const demoUrl = new URL(url);
  demoUrl.pathname = `/${E2E_DEMO_DB}`;
  const adminPassword = `E2e-${randomBytes(8).toString('hex')}`;
  // The first start of the product: migrations, the demo, the root org and the administrator.
  const first = await startServer({ port: 0, databaseUrl: demoUrl.toString(), dataDir: '', adminPassword, demo: true, webDir: null });
  await first.stop();
  project.provide('e2eAdminUrl', url);
  project.provide('e2eAdminPassword', adminPassword);
  return stopCluster;
}
