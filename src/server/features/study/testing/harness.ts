/**
 * Test and benchmark support for check-in at scale: a generated org tree and member roll made
 * with set-based SQL, one session with a point per commune, and a child-process server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../../db/pool';
import { getQrSecret } from '../checkin/qr-secret';
import { signQrToken } from '../../../../domain/study/qr-token';
import { personalCheckinCode } from '../../../../domain/study/personal-code';

const here = dirname(fileURLToPath(import.meta.url));

export type Generated = {
  rootId: number;
  communeIds: number[];
  /** The org id of the cell of member number k (1-based): members are spread round-robin. */
  cellOf: (k: number) => number;
  communeOfCell: (cellId: number) => number;
  memberCode: (k: number) => string;
  members: number;
  orgs: number;
};

/**
 * Generates `orgs` orgs (1 province, 1% districts, 10% communes, the rest cells) and
 * `members` members spread over the cells, in a few set-based statements.
 */
export async function generateTree(db: Db, opts: { orgs: number; members: number; prefix?: string }): Promise<Generated> {
  const prefix = opts.prefix ?? 'G';
  const districts = Math.max(1, Math.round(opts.orgs / 100));
  const communes = Math.max(1, Math.round(opts.orgs / 10));
  const cells = opts.orgs - 1 - districts - communes;
  const { rows } = await db.query<{ base: number }>(`SELECT COALESCE(max(id), 0) + 1 AS base FROM orgs`);
  const base = rows[0]!.base;
  const d0 = base + 1;
  const c0 = d0 + districts;
  const cell0 = c0 + communes;
  await db.query(
    `INSERT INTO orgs (id, path, parent_id, code, name, kind) OVERRIDING SYSTEM VALUE
     VALUES ($1::bigint, $1::bigint::text::ltree, NULL, $2::text || '-ROOT', 'Tỉnh ủy thử tải', 'province_committee')`,
    [base, prefix],
  );
  await db.query(
    `INSERT INTO orgs (id, path, parent_id, code, name, kind) OVERRIDING SYSTEM VALUE
     SELECT g, ($1::bigint::text || '.' || g)::ltree, $1::bigint, $2::text || '-D' || g, 'Huyện ủy ' || g, 'district_committee'
       FROM generate_series($3::bigint, $3::bigint + $4 - 1) g`,
    [base, prefix, d0, districts],
  );
  await db.query(
    `INSERT INTO orgs (id, path, parent_id, code, name, kind) OVERRIDING SYSTEM VALUE
     SELECT g, (p.path::text || '.' || g)::ltree, p.id, $1::text || '-X' || g, 'Đảng ủy xã ' || g, 'commune_committee'
       FROM generate_series($2::bigint, $2::bigint + $3 - 1) g
       JOIN orgs p ON p.id = $4 + (g - $2) % $5`,
    [prefix, c0, communes, d0, districts],
  );
  await db.query(
    `INSERT INTO orgs (id, path, parent_id, code, name, kind) OVERRIDING SYSTEM VALUE
     SELECT g, (p.path::text || '.' || g)::ltree, p.id, $1::text || '-C' || g, 'Chi bộ ' || g, 'cell'
       FROM generate_series($2::bigint, $2::bigint + $3 - 1) g
       JOIN orgs p ON p.id = $4 + (g - $2) % $5`,
    [prefix, cell0, cells, c0, communes],
  );
  await db.query(`SELECT setval(pg_get_serial_sequence('orgs', 'id'), (SELECT max(id) FROM orgs))`);
  // Loading a million rows and then building each index once is many times faster than
  // maintaining them row by row. The name search index plays no part here and is left out.
  // The org foreign key is dropped for the load and put back after it, checked once over the
  // whole table (a join) rather than row by row; the app's own role owns the table and may do
  // this, where disabling the constraint's triggers would need a superuser. The per-org counts
  // are kept by the statement-level trigger, once per statement.
  // Indexes are rebuilt only by a role that may create them (the benchmarks' owner connection;
  // creating an index needs CREATE on the schema, which the app's role does not hold): tests,
  // connected as the app's role, load their few thousand rows into the indexes as they are.
  const { rows: can } = await db.query<{ ok: boolean }>(`SELECT has_schema_privilege('public', 'CREATE') AS ok`);
  const rebuildIndexes = can[0]!.ok;
  if (rebuildIndexes) await db.query(`DROP INDEX IF EXISTS members_code_key, members_org_idx, members_sort_idx, members_name_fold_trgm`);
  await db.query('ALTER TABLE members DROP CONSTRAINT members_org_id_fkey');
  // Two halves on two connections (the machine has two cores), split by cell so that the
  // count trigger of each half updates its own org rows: no lock waits, no deadlock.
  const split = Math.floor(cells / 2);
  await Promise.all(
    [
      [0, split],
      [split, cells],
    ].map(([lo, hi]) =>
      db.query(
        `INSERT INTO members (org_id, code, full_name, given_name, gender, is_sample)
     SELECT $1::bigint + (k - 1) % $2::bigint, $3::text || lpad(k::text, 8, '0'), 'Đảng viên ' || k, k::text,
            CASE WHEN k % 3 = 0 THEN 'female' ELSE 'male' END, true
       FROM generate_series(1::bigint, $4::bigint) k
      WHERE (k - 1) % $2::bigint >= $5 AND (k - 1) % $2::bigint < $6`,
        [cell0, cells, prefix, opts.members, lo, hi],
      ),
    ),
  );
  await db.query('ALTER TABLE members ADD CONSTRAINT members_org_id_fkey FOREIGN KEY (org_id) REFERENCES orgs(id) NOT VALID');
  await db.query('ALTER TABLE members VALIDATE CONSTRAINT members_org_id_fkey');
  if (rebuildIndexes) {
    await db.query(`CREATE UNIQUE INDEX members_code_key ON members (code)`);
    await db.query(`CREATE INDEX members_org_idx ON members (org_id)`);
    await db.query(`CREATE INDEX members_sort_idx ON members (org_id, given_name COLLATE "vi-x-icu", full_name COLLATE "vi-x-icu")`);
  }
  await db.query('ANALYZE orgs; ANALYZE members');
  return {
    rootId: base,
    communeIds: Array.from({ length: communes }, (_, i) => c0 + i),
    cellOf: (k) => cell0 + ((k - 1) % cells),
    communeOfCell: (cellId) => c0 + ((cellId - cell0) % communes),
    memberCode: (k) => `${prefix}${String(k).padStart(8, '0')}`,
    members: opts.members,
    orgs: opts.orgs,
  };
}

/**
 * A session studying `documentId`, open now, with one bridge point per commune expecting that
 * commune's members; returns the session id, a QR token per commune and each member's personal code.
 */
export async function createOpenSession(db: Db, g: Generated) {
  const documentId = await createTestDocument(db, g.rootId);
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO study_sessions (org_id, title, mode, starts_at, ends_at)
     VALUES ($1, 'Hội nghị trực tuyến thử tải', 'online', now() - interval '10 minutes', now() + interval '3 hours') RETURNING id`,
    [g.rootId],
  );
  const sessionId = rows[0]!.id;
  await db.query('INSERT INTO study_session_documents (session_id, document_id) VALUES ($1, $2)', [sessionId, documentId]);
  const { rows: points } = await db.query<{ id: number; org_id: number }>(
    `INSERT INTO bridge_points (session_id, org_id, name, expected_kind, expected_org_id)
     SELECT $1, o, 'Điểm cầu ' || o, 'subtree', o FROM unnest($2::bigint[]) o RETURNING id, org_id`,
    [sessionId, g.communeIds],
  );
  const secret = await getQrSecret(db);
  const expiresAt = Math.floor(Date.now() / 1000) + 4 * 3600;
  const tokenByCommune = new Map(points.map((p) => [p.org_id, signQrToken({ sessionId, pointId: p.id, expiresAt }, secret)]));
  return {
    sessionId,
    documentId,
    tokenByCommune,
    tokenOfMember: (k: number) => tokenByCommune.get(g.communeOfCell(g.cellOf(k)))!,
    /** What member number k types beside their member code (from their invitation). */
    personalCodeOf: (k: number) => personalCheckinCode(secret, g.memberCode(k)),
  };
}

/** A resolution of `orgId` straight in the documents table (the documents feature owns it). */
export async function createTestDocument(db: Db, orgId: number, title = 'Nghị quyết thử tải'): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `WITH n AS (SELECT nextval(pg_get_serial_sequence('documents', 'id')) AS id)
     INSERT INTO documents (id, org_id, kind, term, number, symbol, title, status, series_id) OVERRIDING SYSTEM VALUE
     SELECT n.id, o.id, 'resolution', '2020-2025', n.id, n.id || '-NQ/TU', $2, 'adopted', n.id FROM n, orgs o WHERE o.id = $1
     RETURNING id`,
    [orgId, title],
  );
  return rows[0]!.id;
}

export type ServerChild = { port: number; child: ChildProcess; exited: Promise<number | null> };

/** Starts `serve.ts` against `databaseUrl` in a child process and waits until it listens. */
export async function startServerChild(databaseUrl: string, env: Record<string, string> = {}): Promise<ServerChild> {
  const extra = process.env.SERVE_NODE_ARGS ? process.env.SERVE_NODE_ARGS.split(' ') : [];
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', join(here, 'serve.ts')], {
    env: { ...process.env, ...env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 120_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /LISTENING (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${err}`)));
  });
  return { port, child, exited };
}

/** The pre-session CSRF cookie and token a phone gets before it posts. */
export async function anonymousCsrf(base: string): Promise<{ cookie: string; token: string }> {
  const res = await fetch(`${base}/api/auth/csrf`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, token: csrfToken };
}
