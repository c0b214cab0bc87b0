/**
 * Integration tests run against a real PostgreSQL: one embedded server for the whole run, a
 * migrated template database, and a fresh copy of the template per test file (about 0.1 s).
 * DATABASE_URL points the suite at another server instead.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedDatabase } from '../db/embedded';
import { migrate } from '../db/migrate';

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
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const admin = new pg.Client(url);
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  const templateUrl = new URL(url);
  templateUrl.pathname = `/${TEMPLATE_DB}`;
  const client = new pg.Client(templateUrl.toString());
  await client.connect();
  await migrate(client);
  await client.end();
  project.provide('adminDatabaseUrl', url);
  return stop;
}
