/**
 * `npm run bench -- grading [members]`: a grading round for a province of 300,000 members.
 * Starts its own embedded PostgreSQL, generates the tree (6,000 orgs) with evidence to pre-fill
 * (attendance for about half the members, pledges for a fifth, tasks for the communes and
 * cells), then over HTTP on loopback: opens a quarterly round for the whole province (one
 * evaluation per member and per party org, each with its evidence) and times it; decides the
 * ratings in bulk; times the results dashboard of the province (median of 20 after a warm-up).
 */
import { benchDatabase, median, round } from './support';
import { createSession } from '../src/server/lib/sessions';
import { createOpenSession, generateTree, startServerChild } from '../src/server/features/study/testing/harness';

const log = (line: string) => process.stderr.write(`${line}\n`);

export default async function bench(args: string[]): Promise<Record<string, unknown>> {
  const members = Number(args[0]) > 0 ? Number(args[0]) : 300_000;
  const { db, url: dbUrl, close } = await benchDatabase(4);
  let server: Awaited<ReturnType<typeof startServerChild>> | null = null;
  try {
    let t0 = performance.now();
    const g = await generateTree(db, { orgs: 6_000, members });
    const s = await createOpenSession(db, g);
    await db.query(
      `INSERT INTO attendances (session_id, member_id, point_id, org_id, status, method)
       SELECT $1, m.id, NULL, m.org_id, CASE WHEN m.id % 10 = 0 THEN 'absent' ELSE 'present' END, 'qr' FROM members m WHERE m.id % 2 = 0`,
      [s.sessionId],
    );
    await db.query(
      `INSERT INTO pledges (member_id, document_id, year, commitments)
       SELECT m.id, $1, extract(year FROM now())::int, '["Hoàn thành nhiệm vụ chuyên môn", "Tham gia đầy đủ sinh hoạt chi bộ"]' FROM members m WHERE m.id % 5 = 0`,
      [s.documentId],
    );
    await db.query(
      `INSERT INTO tasks (org_id, title, lead_org_id, due_date, status)
       SELECT $1, 'Nhiệm vụ ' || o.id, o.id, date_trunc('quarter', now())::date + 30 + (o.id % 40)::int, CASE WHEN o.id % 3 = 0 THEN 'done' ELSE 'in_progress' END
         FROM orgs o, orgs r WHERE r.id = $1 AND o.path <@ r.path AND o.kind IN ('commune_committee','cell')`,
      [g.rootId],
    );
    await db.query('ANALYZE');
    log(`generated ${members} members over ${g.orgs} orgs with evidence in ${Math.round(performance.now() - t0)} ms`);

    const { rows: admin } = await db.query<{ id: number }>(
      `INSERT INTO users (username, full_name, password_hash) VALUES ('bench-admin', 'Bench', 'x') RETURNING id`,
    );
    await db.query(`INSERT INTO user_roles (user_id, org_id, role) VALUES ($1, $2, 'admin')`, [admin[0]!.id, g.rootId]);
    const { token, csrfToken } = await createSession(db, admin[0]!.id, '127.0.0.1', 'bench');
    server = await startServerChild(dbUrl);
    const base = `http://127.0.0.1:${server.port}/api`;
    const headers = { cookie: `resolute_session=${token}`, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };

    const today = new Date();
    const quarter = `${today.getUTCFullYear()}-Q${Math.floor(today.getUTCMonth() / 3) + 1}`;
    t0 = performance.now();
    const open = await fetch(`${base}/grading/rounds`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        orgId: g.rootId,
        periodKind: 'quarter',
        periodKey: quarter,
        selfAssessDue: '2099-01-10',
        reviewDue: '2099-01-20',
        decideDue: '2099-01-31',
      }),
    });
    const openRoundS = (performance.now() - t0) / 1000;
    const opened = (await open.json()) as { id: number; orgs: number; members: number };
    if (open.status !== 201) throw new Error(`open round answered ${open.status}: ${JSON.stringify(opened)}`);
    log(`opened round ${opened.id}: ${opened.orgs} orgs, ${opened.members} members in ${round(openRoundS, 2)} s`);

    // Decisions in bulk (the workflow is not what is measured): 10% excellent, 75% good, 12% completed, 3% failed.
    await db.query(
      `UPDATE grading_evaluations SET status = 'decided', decided_at = now(),
              decided_level = CASE WHEN id % 100 < 10 THEN 'excellent' WHEN id % 100 < 85 THEN 'good' WHEN id % 100 < 97 THEN 'completed' ELSE 'failed' END
        WHERE round_id = $1`,
      [opened.id],
    );
    await db.query('ANALYZE grading_evaluations');
    const get = async () => {
      const t = performance.now();
      const res = await fetch(`${base}/grading/results?roundId=${opened.id}`, { headers });
      const body = (await res.json()) as {
        members: { goodOrAbove: { numerator: number; denominator: number; percent: number } };
        children: unknown[];
      };
      if (res.status !== 200) throw new Error(`results answered ${res.status}`);
      return { ms: performance.now() - t, body };
    };
    for (let i = 0; i < 3; i++) await get();
    const times: number[] = [];
    let last = await get();
    for (let i = 0; i < 20; i++) {
      last = await get();
      times.push(last.ms);
    }
    return {
      members,
      orgs: g.orgs,
      evaluations: opened.orgs + opened.members,
      open_round_s: round(openRoundS, 2),
      dashboard_ms: round(median(times)),
      members_good_percent: last.body.members.goodOrAbove.percent,
      children: last.body.children.length,
    };
  } finally {
    if (server) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    await close();
  }
}
