/**
 * `npm run bench -- oversight [inspections]`: the commission's dashboard of a province.
 * Starts its own embedded PostgreSQL in a temporary folder, generates 12,000 orgs and 50,000
 * inspections and supervisions over the term (two findings and two recommendations each, some
 * overdue), then times GET /api/oversight/dashboard for the root over HTTP on loopback, as an
 * inspector of the province: the median of 30 requests after a warm-up (limit 300 ms).
 */
import { benchDatabase, median, round } from './support';
import { createSession } from '../src/server/lib/sessions';
import { generateTree, startServerChild } from '../src/server/features/study/testing/harness';
import { vnToday } from '../src/domain/vn-time';

const log = (line: string) => process.stderr.write(`${line}\n`);

export default async function bench(args: string[]): Promise<Record<string, unknown>> {
  const inspections = Number(args[0]) > 0 ? Number(args[0]) : 50_000;
  const { db, url: dbUrl, close } = await benchDatabase(4);
  let server: Awaited<ReturnType<typeof startServerChild>> | null = null;
  try {
    let t0 = performance.now();
    const g = await generateTree(db, { orgs: 12_000, members: 12_000 });
    const year = Number(vnToday().slice(0, 4));
    // Subjects spread over every org below the root, years over the term, most concluded.
    await db.query(
      `INSERT INTO inspections (org_id, kind, basis, responsible_body, subject_org_id, content, theme, period_start, period_end, year, status)
       SELECT $1::bigint, CASE WHEN k % 3 = 0 THEN 'inspection' ELSE 'supervision' END, CASE WHEN k % 5 = 0 THEN 'thematic' ELSE 'regular' END, 'inspection_commission',
              $1::bigint + 1 + (k * 7919) % ($3::int - 1), 'Nội dung ' || k, 'Chủ đề ' || (k % 12),
              make_date($4::int - (k % 5), 1, 1), make_date($4::int - (k % 5), 12, 31), $4::int - (k % 5),
              (ARRAY['planned','notified','sessions','findings','follow_up','closed','closed','follow_up'])[1 + k % 8]
         FROM generate_series(1, $2::int) k`,
      [g.rootId, inspections, g.orgs, year],
    );
    await db.query(
      `INSERT INTO inspection_findings (inspection_id, kind, theme, text)
       SELECT x.id, (ARRAY['strength','limitation','shortcoming','violation'])[1 + (x.id + n) % 4], x.theme, 'Nhận xét ' || n
         FROM inspections x, generate_series(1, 2) n`,
    );
    // The per-kind counts the service keeps on each file as it records findings.
    await db.query(
      `UPDATE inspections x SET strengths = c.s, limitations = c.l, shortcomings = c.h, violations = c.v
         FROM (SELECT inspection_id, count(*) FILTER (WHERE kind = 'strength') s, count(*) FILTER (WHERE kind = 'limitation') l,
                      count(*) FILTER (WHERE kind = 'shortcoming') h, count(*) FILTER (WHERE kind = 'violation') v
                 FROM inspection_findings GROUP BY 1) c WHERE c.inspection_id = x.id`,
    );
    // Recommendations of sent conclusions, each with the task it became (ids set here so the
    // two inserts pair up): states open, reported, accepted, reopened in turn.
    await db.query(
      `INSERT INTO tasks (id, org_id, title, lead_org_id, due_date, status, progress) OVERRIDING SYSTEM VALUE
       SELECT 10000000 + x.id * 2 + n, x.org_id, 'Kiến nghị ' || n, x.subject_org_id, make_date(x.year, 12, 31) - (n * 200),
              (ARRAY['not_started','done','done','in_progress'])[1 + (x.id + n) % 4], CASE WHEN (x.id + n) % 4 IN (1, 2) THEN 100 ELSE 0 END
         FROM inspections x, generate_series(1, 2) n
        WHERE x.status IN ('follow_up','closed')`,
    );
    await db.query(
      `INSERT INTO inspection_recommendations (inspection_id, position, text, owner_org_id, deadline, task_id, decision)
       SELECT x.id, n, 'Kiến nghị ' || n, x.subject_org_id, make_date(x.year, 12, 31) - (n * 200), 10000000 + x.id * 2 + n,
              (ARRAY[NULL,NULL,'accepted','reopened'])[1 + (x.id + n) % 4]
         FROM inspections x, generate_series(1, 2) n WHERE x.status IN ('follow_up','closed')`,
    );
    await db.query('ANALYZE');
    log(`generated ${g.orgs} orgs and ${inspections} inspections in ${Math.round(performance.now() - t0)} ms`);

    const { rows: user } = await db.query<{ id: number }>(
      `INSERT INTO users (username, full_name, password_hash) VALUES ('bench-inspector', 'Bench', 'x') RETURNING id`,
    );
    await db.query(`INSERT INTO user_roles (user_id, org_id, role) VALUES ($1, $2, 'inspector')`, [user[0]!.id, g.rootId]);
    const { token } = await createSession(db, user[0]!.id, '127.0.0.1', 'bench');
    server = await startServerChild(dbUrl);
    const url = `http://127.0.0.1:${server.port}/api/oversight/dashboard?orgId=${g.rootId}&year=${year}`;
    type Dash = {
      coverageYear: { covered: number; orgs: number; percent: number };
      coverageTerm: { covered: number; orgs: number };
      overdue: { count: number };
      findingsByKind: Record<string, number>;
    };
    const get = async () => {
      const t = performance.now();
      const res = await fetch(url, { headers: { cookie: `resolute_session=${token}` } });
      if (res.status !== 200) throw new Error(`dashboard answered ${res.status}: ${await res.text()}`);
      const body = (await res.json()) as Dash;
      return { ms: performance.now() - t, body };
    };
    for (let i = 0; i < 5; i++) await get();
    const times: number[] = [];
    let last = await get();
    for (let i = 0; i < 30; i++) {
      last = await get();
      times.push(last.ms);
    }
    t0 = performance.now();
    const drill = await fetch(`http://127.0.0.1:${server.port}/api/oversight/dashboard?orgId=${g.rootId + 1}&year=${year}`, {
      headers: { cookie: `resolute_session=${token}` },
    });
    const drillMs = performance.now() - t0;
    if (drill.status !== 200) throw new Error(`drill-down answered ${drill.status}`);
    return {
      orgs: g.orgs,
      inspections,
      dashboard_ms: round(median(times)),
      p95_ms: round([...times].sort((a, b) => a - b)[Math.floor(times.length * 0.95)]!),
      drilldown_ms: round(drillMs),
      covered_year: last.body.coverageYear.covered,
      party_orgs: last.body.coverageYear.orgs,
      covered_term: last.body.coverageTerm.covered,
      overdue: last.body.overdue.count,
      findings: Object.values(last.body.findingsByKind).reduce((a, b) => a + b, 0),
      limit_ms: 300,
    };
  } finally {
    if (server) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    await close();
  }
}
