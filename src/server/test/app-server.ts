/**
 * A whole running product for browser tests: a fresh embedded database in a temporary folder,
 * the demo loaded, the built web app served on a free loopback port.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startServer, defaultWebDir } from '../server';
import { removeEmbeddedData } from '../db/embedded';

export async function startTestServer(): Promise<{ url: string; adminPassword: string; stop: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'resolute-e2e-'));
  const adminPassword = `E2e-${randomBytes(8).toString('hex')}`;
  const server = await startServer({
    port: 0,
    dataDir,
    adminPassword,
    demo: true,
    webDir: process.env.RESOLUTE_WEB_DIR ?? defaultWebDir(),
  });
  const address = server.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    adminPassword,
    stop: async () => {
      await server.stop();
      removeEmbeddedData(dataDir);
    },
  };
}
