import { randomBytes } from 'node:crypto';
import type { Queryable } from '../../../db/pool';

const KEY = 'study_qr_secret';
const cache = new WeakMap<object, Promise<string>>();

/**
 * The server secret that signs QR tokens, made once per database and kept in app_settings so
 * every app process behind a load balancer signs and checks with the same one.
 */
export function getQrSecret(db: Queryable): Promise<string> {
  let secret = cache.get(db);
  if (!secret) {
    secret = (async () => {
      await db.query(`INSERT INTO app_settings (key, value) VALUES ($1, to_jsonb($2::text)) ON CONFLICT (key) DO NOTHING`, [
        KEY,
        randomBytes(32).toString('base64url'),
      ]);
      const { rows } = await db.query<{ value: string }>('SELECT value FROM app_settings WHERE key = $1', [KEY]);
      return rows[0]!.value;
    })();
    secret.catch(() => cache.delete(db));
    cache.set(db, secret);
  }
  return secret;
}
