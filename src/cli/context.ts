import { loadConfig } from '../server/config';
import { openDatabase } from '../server/server';
import type { Db } from '../server/db/pool';

/** Opens the configured database (embedded under RESOLUTE_DATA, or DATABASE_URL), migrated, for one command. */
export async function withDatabase<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log: (l) => console.log(l) });
  try {
    return await fn(database.db);
  } finally {
    await database.close();
  }
}
