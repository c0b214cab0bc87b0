/**
 * A whole running product for browser tests: a fresh database holding the demo, the built web
 * app served on a free loopback port. Under the browser journeys' setup (e2e/global-setup.ts)
 * the database is a copy of the demo loaded once for the run; elsewhere it is a fresh embedded
 * database in a temporary folder that loads the demo itself.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { startServer, defaultWebDir } from '../server';
import { removeEmbeddedData } from '../db/embedded';
import type { DemoTree } from '../demo/demo-builder';

/** The databases the browser journeys' setup loads the demo into once; each server copies one. */
export const E2E_DEMO_DBS: Record<DemoTree, string> = { today: 'resolute_e2e_demo', 'old-tree': 'resolute_e2e_demo_old_tree' };

declare module 'vitest' {
  export interface ProvidedContext {
    e2eAdminUrl: string;
    e2eAdminPassword: string;
  }
}

type TestServer = { url: string; adminPassword: string; stop: () => Promise<void> };

/** A product server on a fresh copy of the demo: today's tree, or the old tree (before 01/07/2025). */
export async function startTestServer(tree: DemoTree = 'today'): Promise<TestServer> {
  const webDir = process.env.RESOLUTE_WEB_DIR ?? defaultWebDir();
  const sharedUrl = inject('e2eAdminUrl');
  if (sharedUrl) return startOnDemoCopy(sharedUrl, inject('e2eAdminPassword'), webDir, E2E_DEMO_DBS[tree]);
  const dataDir = mkdtempSync(join(tmpdir(), 'resolute-e2e-'));
  const adminPassword = `E2e-${randomBytes(8).toString('hex')}`;
  const server = await startServer({ port: 0, dataDir, adminPassword, demo: tree === 'today' ? true : tree, webDir });
  return {
    url: urlOf(server),
    adminPassword,
    stop: async () => {
      await server.stop();
      removeEmbeddedData(dataDir);
    },
  };
}

async function startOnDemoCopy(adminUrl: string, adminPassword: string, webDir: string, template: string): Promise<TestServer> {
  const name = `resolute_e2e_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client(adminUrl);
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const server = await startServer({ port: 0, databaseUrl: url.toString(), dataDir: '', adminPassword, demo: true, webDir });
  return {
    url: urlOf(server),
    adminPassword,
    stop: async () => {
      await server.stop();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

function urlOf(server: Awaited<ReturnType<typeof startServer>>): string {
  const address = server.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return `http://127.0.0.1:${port}`;
}
