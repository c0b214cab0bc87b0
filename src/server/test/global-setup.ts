/**
 * Integration tests run against a real PostgreSQL: one embedded server for the whole run, a
 * migrated template database, and a fresh copy of the template per test file (about 0.1 s).
 * DATABASE_URL points the suite at another server instead.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { removeEmbeddedData, startEmbeddedDatabase } from '../db/embedded';
import { migrate } from '../db/migrate';
import { ensureAppRole } from '../db/roles';

export const TEMPLATE_DB = 'resolute_template';

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  let stop = async () => undefined as void;
  let url = process.env.DATABASE_URL;
  if (!url) {
    const dir = mkdtempSync(join(tmpdir(), 'resolute-test-'));
    const db = await startEmbeddedDatabase(dir);
    url = db.url;
    stop = async () => {
      await db.stop();
      removeEmbeddedData(dir);
    };
  }
  const admin = new pg.Client(url);
  await admin.connect();
  // A demo template left by an earlier run on the same server holds an older demo (see db.ts).
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}_demo WITH (FORCE)`);
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}_demo_building WITH (FORCE)`);
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  const templateUrl = new URL(url);
  templateUrl.pathname = `/${TEMPLATE_DB}`;
  const client = new pg.Client(templateUrl.toString());
  await client.connect();
  await migrate(client);
  // Owned as in production (the app role owns the tables, the admin the audit log), so every
  // copy is too; tests connect as the admin unless they ask for the app role (db.ts).
  await ensureAppRole(client, templateUrl.toString());
  await client.end();
  project.provide('adminDatabaseUrl', url);
  return stop;
}
