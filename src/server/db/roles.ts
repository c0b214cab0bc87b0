/**
 * The app does not connect as the database superuser. Migrations run as the admin (the
 * superuser of the embedded database, or the role of DATABASE_URL); after them the admin
 * makes sure the app's role exists and:
 * - owns every table and sequence of the app (so it reads, writes and truncates its own data),
 * - does NOT own `audit_log` (nor `schema_migrations`, nor any function): it may only SELECT
 *   and INSERT audit rows, so it can neither UPDATE/DELETE them nor disable or replace the
 *   append-only trigger (that needs the table's or the function's owner, or a superuser).
 * The role has no SUPERUSER, CREATEROLE, CREATEDB, REPLICATION or BYPASSRLS.
 *
 * Its password is derived from the admin URL (HMAC), so every app process on the same database
 * computes the same one and none has to be stored; RESOLUTE_APP_DATABASE_URL replaces all of
 * this with a role an operator created.
 */
import { createHmac } from 'node:crypto';
import type pg from 'pg';

export const APP_ROLE = 'resolute_app';
/** Tables the app role must not own: history and the migrator's bookkeeping. */
const ADMIN_OWNED = new Set(['audit_log', 'schema_migrations']);

/** Derived from the admin's name and password only: the host, port and database may differ per process. */
export function appRolePassword(adminUrl: string): string {
  const url = new URL(adminUrl);
  return createHmac('sha256', decodeURIComponent(url.password))
    .update(`resolute-app-role:${decodeURIComponent(url.username)}`)
    .digest('base64url');
}

/** The admin URL with the app role's name and password. */
export function appUrlFor(adminUrl: string, role = APP_ROLE): string {
  const url = new URL(adminUrl);
  url.username = role;
  url.password = appRolePassword(adminUrl);
  return url.toString();
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Creates or updates the app role and hands it the app's tables. Idempotent: runs after every
 * migration run, so tables added by a new migration are handed over too. Needs an admin client
 * (a superuser, or a role with CREATEROLE that owns the tables).
 */
export async function ensureAppRole(admin: pg.ClientBase, adminUrl: string, role = APP_ROLE): Promise<void> {
  const password = appRolePassword(adminUrl);
  const { rows } = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  const verb = rows.length === 0 ? 'CREATE' : 'ALTER';
  // A password is a literal in CREATE/ALTER ROLE (no parameters there); ours is base64url only.
  await admin.query(
    `${verb} ROLE ${ident(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '${password}'`,
  );
  const db = (await admin.query<{ db: string }>('SELECT current_database() AS db')).rows[0]!.db;
  await admin.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${ident(db)} TO ${ident(role)}`);
  await admin.query(`GRANT USAGE ON SCHEMA public TO ${ident(role)}`);
  // Tables and views (sequences owned by a table's column follow the table).
  const { rows: objects } = await admin.query<{ name: string; kind: string; owner: string }>(
    `SELECT c.relname AS name, c.relkind::text AS kind, pg_get_userbyid(c.relowner) AS owner
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                          AND d.deptype IN ('a', 'i') AND c.relkind = 'S')
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')`,
  );
  for (const o of objects) {
    const kindWord = o.kind === 'S' ? 'SEQUENCE' : o.kind === 'v' ? 'VIEW' : o.kind === 'm' ? 'MATERIALIZED VIEW' : 'TABLE';
    if (ADMIN_OWNED.has(o.name)) continue;
    if (o.owner !== role) await admin.query(`ALTER ${kindWord} ${ident(o.name)} OWNER TO ${ident(role)}`);
  }
  await admin.query(`REVOKE ALL ON audit_log, schema_migrations FROM ${ident(role)}`);
  await admin.query(`GRANT SELECT, INSERT ON audit_log TO ${ident(role)}`);
  await admin.query(`GRANT SELECT ON schema_migrations TO ${ident(role)}`);
  // Reading (not advancing) the audit log's id sequence lets the app role take backups.
  await admin.query(
    `DO $$ BEGIN EXECUTE format('GRANT SELECT ON SEQUENCE %s TO ${ident(role)}', pg_get_serial_sequence('audit_log', 'id')); END $$`,
  );
}
