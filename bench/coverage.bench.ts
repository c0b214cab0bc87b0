/**
 * `npm run bench -- coverage [members]`: coverage of one document over the whole tree.
 * Starts its own embedded PostgreSQL in a temporary folder, generates 1,000,000 members over
 * 12,000 orgs, records about 85% of them as present at a session (the triggers keep the
 * per-cell counts as they would at check-in), then times GET /api/study/coverage for the root
 * over HTTP on loopback: the median of 30 requests after a warm-up, against the time the same
 * figure takes computed from the raw attendance rows.
 */
import { vnToday } from '../src/domain/vn-time';
import { benchDatabase } from './support';
import { createSession } from '../src/server/lib/sessions';
import { createOpenSession, generateTree, startServerChild } from '../src/server/features/study/testing/harness';

const log = (line: string) => process.stderr.write(`${line}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => Math.round(x * 10) / 10;

export default async function bench(args: string[]): Promise<Record<string, unknown>> {
  const members = Number(args[0]) > 0 ? Number(args[0]) : 1_000_000;
  // A small pool: the server under test runs in a child process with its own connections.
  const { db, url: dbUrl, close } = await benchDatabase(4);
  let server: Awaited<ReturnType<typeof startServerChild>> | null = null;
  try {
    let t0 = performance.now();
    const g = await generateTree(db, { orgs: 12_000, members });
    const s = await createOpenSession(db, g);
    log(`generated ${members} members over ${g.orgs} orgs in ${Math.round(performance.now() - t0)} ms`);
    t0 = performance.now();
    // 85% present, spread over two days so the as-of filter has something to cut.
    // Two halves on two connections (two cores); the statement triggers keep the counts.
    const halves = await Promise.all(
      [0, 1].map((h) =>
        db.query(
          `INSERT INTO attendances (session_id, member_id, point_id, org_id, status, method, at)
       SELECT $1, m.id, NULL, m.org_id, 'present', 'qr', now() - CASE WHEN m.id % 2 = 0 THEN interval '1 day' ELSE interval '0' END
         FROM members m WHERE m.id % 20 NOT IN (3, 7, 11) AND m.org_id % 2 = $2`,
          [s.sessionId, h],
        ),
      ),
    );
    const rowCount = halves.reduce((a, r) => a + (r.rowCount ?? 0), 0);
    await db.query('ANALYZE');
    log(`recorded ${rowCount} attendances (with trigger-kept counts) in ${Math.round(performance.now() - t0)} ms`);

    const { rows: admin } = await db.query<{ id: number }>(
      `INSERT INTO users (username, full_name, password_hash) VALUES ('bench-admin', 'Bench', 'x') RETURNING id`,
    );
    await db.query(`INSERT INTO user_roles (user_id, org_id, role) VALUES ($1, $2, 'admin')`, [admin[0]!.id, g.rootId]);
    const { token } = await createSession(db, admin[0]!.id, '127.0.0.1', 'bench');
    server = await startServerChild(dbUrl);
    const url = `http://127.0.0.1:${server.port}/api/study/coverage?documentId=${s.documentId}&orgId=${g.rootId}`;
    const get = async () => {
      const t = performance.now();
      const res = await fetch(url, { headers: { cookie: `resolute_session=${token}` } });
      const body = (await res.json()) as { org: { studied: number; members: number; percent: number }; children: unknown[] };
      if (res.status !== 200) throw new Error(`coverage answered ${res.status}`);
      return { ms: performance.now() - t, body };
    };
    for (let i = 0; i < 5; i++) await get();
    const times: number[] = [];
    let last = await get();
    for (let i = 0; i < 30; i++) {
      last = await get();
      times.push(last.ms);
    }
    // The same figure from raw rows, to show what the kept counts save.
    const raw: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await db.query(
        `SELECT count(*) FROM attendances a JOIN study_session_documents d ON d.session_id = a.session_id
          JOIN members m ON m.id = a.member_id JOIN orgs o ON o.id = m.org_id
         WHERE d.document_id = $1 AND a.status = 'present' AND o.path <@ (SELECT path FROM orgs WHERE id = $2)`,
        [s.documentId, g.rootId],
      );
      raw.push(performance.now() - t);
    }
    const asOfUrl = `${url}&asOf=${vnToday(new Date(Date.now() - 86_400_000))}`;
    const t1 = performance.now();
    await fetch(asOfUrl, { headers: { cookie: `resolute_session=${token}` } });
    const asOfMs = performance.now() - t1;
    return {
      members,
      orgs: g.orgs,
      studied: last.body.org.studied,
      percent: last.body.org.percent,
      children: last.body.children.length,
      coverage_tree_ms: round(median(times)),
      coverage_tree_p95_ms: round([...times].sort((a, b) => a - b)[Math.floor(times.length * 0.95)]!),
      coverage_as_of_ms: round(asOfMs),
      raw_rows_ms: round(median(raw)),
    };
  } finally {
    server?.child.kill('SIGTERM');
    await server?.exited;
    await close();
  }
}
