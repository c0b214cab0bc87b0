/**
 * A bare API server on an existing database, for the check-in benchmark and the kill test:
 * `DATABASE_URL=… node --import tsx serve.ts` prints `LISTENING <port>` once it serves.
 * It runs as its own process so that a load generator does not share its CPU time and so a
 * test can kill it with SIGKILL.
 */
import { buildApp } from '../../../app';
import { createPool } from '../../../db/pool';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is required');
  process.exit(2);
}
const db = createPool(url, Number(process.env.POOL_SIZE ?? 20));
const { app } = await buildApp({ db, webDir: null });
const address = await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
console.log(`LISTENING ${new URL(address).port}`);
const stop = async () => {
  await app.close();
  await db.end();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
