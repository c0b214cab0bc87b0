import type { Db } from './db/pool';
import { inTransaction } from './db/pool';
import { systemActor } from './lib/actor';
import { recordAudit } from './lib/audit';
import { generatePassword, hashPassword, passwordProblem } from './lib/password';

/** Makes sure a root org exists (an empty install gets the Central Committee as its root). */
export async function ensureRootOrg(db: Db): Promise<void> {
  await db.query(
    `INSERT INTO orgs (id, path, code, name, kind) OVERRIDING SYSTEM VALUE
     SELECT n.id, n.id::text::ltree, 'TW', 'Ban Chấp hành Trung ương Đảng', 'central'
       FROM (SELECT nextval(pg_get_serial_sequence('orgs', 'id')) AS id) n
      WHERE NOT EXISTS (SELECT 1 FROM orgs WHERE parent_id IS NULL)`,
  );
}

/**
 * Creates the first administrator when no enabled administrator exists yet, with the given
 * password or a generated one. Returns the password only when it was generated, so it is shown
 * once. Other users do not count: the demo's sample inspectors and the API tokens' own rows are
 * disabled accounts nobody logs in with.
 */
export async function ensureAdmin(db: Db, password: string | null): Promise<{ username: string; generatedPassword: string | null } | null> {
  const { rows } = await db.query(
    `SELECT 1 FROM users u JOIN user_roles r ON r.user_id = u.id WHERE r.role = 'admin' AND NOT u.is_disabled LIMIT 1`,
  );
  if (rows.length > 0) return null;
  if (password) {
    const problem = passwordProblem(password);
    if (problem) throw new Error(`RESOLUTE_ADMIN_PASSWORD: ${problem.vi} (${problem.en})`);
  }
  const chosen = password ?? generatePassword();
  const hash = await hashPassword(chosen);
  await inTransaction(db, async (tx) => {
    const { rows: root } = await tx.query<{ id: number; path: string }>(
      'SELECT id, path::text AS path FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1',
    );
    const { rows: user } = await tx.query<{ id: number }>(
      `INSERT INTO users (username, full_name, password_hash) VALUES ('admin', 'Quản trị hệ thống', $1) RETURNING id`,
      [hash],
    );
    await tx.query(`INSERT INTO user_roles (user_id, org_id, role) VALUES ($1, $2, 'admin')`, [user[0]!.id, root[0]!.id]);
    await recordAudit(tx, systemActor(), {
      action: 'create',
      entity: 'user',
      entityId: user[0]!.id,
      orgId: root[0]!.id,
      orgPath: root[0]!.path,
      summary: 'Tạo tài khoản quản trị đầu tiên',
    });
  });
  return { username: 'admin', generatedPassword: password ? null : chosen };
}
