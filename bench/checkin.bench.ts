/**
 * `npm run bench -- checkin [members] [seconds]`: the check-in peak. Starts its own embedded
 * PostgreSQL in a temporary folder, generates 1,000,000 members over 12,000 orgs with
 * set-based SQL, opens one session with a bridge point per commune, starts the real server in
 * a child process, and drives POST /api/study/checkin over loopback, every request a
 * different member, with a lean keep-alive load generator (testing/loadgen.ts: autocannon's
 * per-request cost took half a core away from the server on this two-core machine). Then counts `lost`: check-ins answered 2xx but not stored.
 */
import { benchDatabase } from './support';
import { anonymousCsrf, createOpenSession, generateTree, startServerChild } from '../src/server/features/study/testing/harness';
import { runLoad } from '../src/server/features/study/testing/loadgen';

const log = (line: string) => process.stderr.write(`${line}\n`);

export default async function bench(args: string[]): Promise<Record<string, unknown>> {
  const members = Number(args[0]) > 0 ? Number(args[0]) : 1_000_000;
  const seconds = Number(args[1]) > 0 ? Number(args[1]) : 15;
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 160);
  // A small pool: the server under test runs in a child process with its own connections.
  const { db, url, close } = await benchDatabase(4);
  let server: Awaited<ReturnType<typeof startServerChild>> | null = null;
  try {
    const t0 = performance.now();
    const g = await generateTree(db, { orgs: 12_000, members });
    log(`generated ${members} members over ${g.orgs} orgs in ${Math.round(performance.now() - t0)} ms`);
    const s = await createOpenSession(db, g);
    server = await startServerChild(url);
    const base = `http://127.0.0.1:${server.port}`;
    const csrf = await anonymousCsrf(base);

    // Members in a scattered order, so consecutive check-ins hit different cells and points.
    const stride = 7919;
    let sent = 0;
    const memberAt = (i: number) => ((i * stride) % members) + 1;
    const result = await runLoad({
      port: server.port,
      path: '/api/study/checkin',
      connections,
      durationMs: seconds * 1000,
      next: () => {
        if (sent >= members) return null;
        const k = memberAt(sent++);
        return {
          tag: k,
          headers: { 'content-type': 'application/json', cookie: csrf.cookie, 'x-csrf-token': csrf.token },
          body: JSON.stringify({ token: s.tokenOfMember(k), memberCode: g.memberCode(k), personalCode: s.personalCodeOf(k) }),
        };
      },
    });
    const acked = result.okTags;
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM attendances a JOIN members m ON m.id = a.member_id
        WHERE a.session_id = $1 AND a.status = 'present' AND m.code = ANY($2::text[])`,
      [s.sessionId, acked.map((k) => g.memberCode(k))],
    );
    const lost = new Set(acked).size - rows[0]!.n;
    const { rows: counts } = await db.query<{ studied: number; rows: number }>(
      `SELECT (SELECT COALESCE(sum(studied), 0)::int FROM document_study_counts WHERE document_id = $2) AS studied,
              (SELECT count(*)::int FROM attendances WHERE session_id = $1) AS rows`,
      [s.sessionId, s.documentId],
    );
    log(
      `load: ${result.requests} requests, ${result.non2xx} non-2xx, ${result.errors} errors, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
    );
    return {
      members,
      orgs: g.orgs,
      connections,
      seconds: Math.round(result.seconds * 10) / 10,
      checkins_per_s: Math.round(result.ok / result.seconds),
      p50_ms: result.latency.p50,
      p99_ms: result.latency.p99,
      acked: result.ok,
      non2xx: result.non2xx,
      errors: result.errors,
      unanswered: result.unanswered,
      stored: counts[0]!.rows,
      studied_counted: counts[0]!.studied,
      lost,
    };
  } finally {
    server?.child.kill('SIGTERM');
    await server?.exited;
    await close();
  }
}
