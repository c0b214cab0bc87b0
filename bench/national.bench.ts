/**
 * `npm run bench -- national [members] [seconds]`: the country on one primary. Starts its own
 * embedded PostgreSQL in a temporary folder and loads with COPY 34 provinces, 3,321 communes,
 * 52,000 grassroots organizations and 5,600,000 members (the member indexes dropped for the
 * load and built once after it; the per-org counts set in one statement). Then, with the real
 * server in a child process over loopback:
 * - check-ins to a national conference of 31,000 bridge points (one per grassroots org, each
 *   expecting its members), every request a different member, for `seconds` (20):
 *   `checkins_per_s`, `p99_ms`, `lost` (acknowledged but not stored);
 * - `coverage_tree_ms`: coverage of the conference's document for the whole country;
 * - `dashboard_ms`: a province's dashboard of that document;
 * - `search_ms`: member search without diacritics (`dang vien 4242`) across the country;
 * - `tree_ms`: the tree's first two levels (the centre's children, then a province's);
 * - `rss_mb`: the app process's resident memory at the end.
 * Each time is the median of 9 after 2 warm-ups, as an administrator at the centre, fewer when
 * a read is so slow that 9 would not fit in its share of the time left.
 * `load_avg` is the one-minute load average at the end: the machine is shared.
 *
 * Bounded: `npm run bench -- national [members] [seconds] [bound_s]` (bound 1,800 s). Each
 * figure is printed on stderr as a `partial` JSON line as soon as it is known, and a read not
 * reached by the bound is listed in `skipped` of the final line instead of holding it back.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createSession } from '../src/server/lib/sessions';
import { anonymousCsrf, createTestDocument, startServerChild } from '../src/server/features/study/testing/harness';
import { runLoad } from '../src/server/features/study/testing/loadgen';
import { getQrSecret } from '../src/server/features/study/checkin/qr-secret';
import { signQrToken } from '../src/domain/study/qr-token';
import { personalCheckinCode } from '../src/domain/study/personal-code';
import { startCoverageFolder } from '../src/server/features/study';
import { GRASSROOTS, G0, P0, PROVINCES, COMMUNES, loadNation, memberCode, orgOfMember } from './national-data';
import { benchDatabase, median, round } from './support';

const log = (line: string) => process.stderr.write(`${line}\n`);

const BRIDGE_POINTS = 31_000;

export default async function bench(args: string[]): Promise<Record<string, unknown>> {
  const members = Number(args[0]) > 0 ? Number(args[0]) : 5_600_000;
  const seconds = Number(args[1]) > 0 ? Number(args[1]) : 20;
  const boundS = Number(args[2]) > 0 ? Number(args[2]) : 1_800;
  const deadline = performance.now() + boundS * 1000;
  const figures: Record<string, unknown> = {
    provinces: PROVINCES,
    communes: COMMUNES,
    grassroots: GRASSROOTS,
    members,
    bridge_points: BRIDGE_POINTS,
  };
  const skipped: string[] = [];
  /** Records figures and prints them at once: a run cut short still leaves what it measured. */
  const found = (more: Record<string, unknown>) => {
    Object.assign(figures, more);
    log(`partial ${JSON.stringify({ bench: 'national', ...figures, load_avg: round(loadavg()[0]!, 2) })}`);
  };
  const { db, url: dbUrl, close } = await benchDatabase(4);
  let server: Awaited<ReturnType<typeof startServerChild>> | null = null;
  let folder: ReturnType<typeof startCoverageFolder> | null = null;
  try {
    const { copyS, indexS } = await loadNation(db, members, log);
    found({ copy_s: round(copyS, 1), index_s: round(indexS, 1) });
    // The bare server child folds nothing; this process folds coverage changes as every app
    // process of a deployment does (resolute start), into the kept subtree totals.
    folder = startCoverageFolder(db);

    // The national conference: one bridge point per grassroots org, for the first 31,000.
    const documentId = await createTestDocument(db, 1, 'Nghị quyết Đại hội XIV (phép đo)');
    const { rows: sessionRows } = await db.query<{ id: number }>(
      `INSERT INTO study_sessions (org_id, title, mode, starts_at, ends_at)
       VALUES (1, 'Hội nghị toàn quốc (phép đo)', 'online', now() - interval '10 minutes', now() + interval '3 hours') RETURNING id`,
    );
    const sessionId = sessionRows[0]!.id;
    await db.query('INSERT INTO study_session_documents (session_id, document_id) VALUES ($1, $2)', [sessionId, documentId]);
    const { rows: points } = await db.query<{ id: number; org_id: number }>(
      `INSERT INTO bridge_points (session_id, org_id, name, expected_kind, expected_org_id)
       SELECT $1, g, 'Điểm cầu ' || g, 'subtree', g FROM generate_series($2::bigint, $2::bigint + $3 - 1) g RETURNING id, org_id`,
      [sessionId, G0, BRIDGE_POINTS],
    );
    const secret = await getQrSecret(db);
    const expiresAt = Math.floor(Date.now() / 1000) + 4 * 3600;
    const tokenOfOrg = new Map(points.map((p) => [p.org_id, signQrToken({ sessionId, pointId: p.id, expiresAt }, secret)]));

    const { rows: user } = await db.query<{ id: number }>(
      `INSERT INTO users (username, full_name, password_hash) VALUES ('bench-admin', 'Bench', 'x') RETURNING id`,
    );
    await db.query(`INSERT INTO user_roles (user_id, org_id, role) VALUES ($1, 1, 'admin')`, [user[0]!.id]);
    const { token: session } = await createSession(db, user[0]!.id, '127.0.0.1', 'bench');
    server = await startServerChild(dbUrl);
    const base = `http://127.0.0.1:${server.port}`;
    const csrf = await anonymousCsrf(base);

    // Members of the 31,000 points only (the first 31,000 orgs of every 52,000), scattered.
    const expectedMembers = Array.from({ length: Math.ceil(members / GRASSROOTS) }, (_, round) => round)
      .flatMap((r) => Array.from({ length: BRIDGE_POINTS }, (_, i) => r * GRASSROOTS + i + 1))
      .filter((k) => k <= members);
    let sent = 0;
    const stride = 7919;
    const result = await runLoad({
      port: server.port,
      path: '/api/study/checkin',
      connections: Number(process.env.BENCH_CONNECTIONS ?? 160),
      durationMs: seconds * 1000,
      next: () => {
        if (sent >= expectedMembers.length) return null;
        const k = expectedMembers[(sent++ * stride) % expectedMembers.length]!;
        return {
          tag: k,
          headers: { 'content-type': 'application/json', cookie: csrf.cookie, 'x-csrf-token': csrf.token },
          body: JSON.stringify({
            token: tokenOfOrg.get(orgOfMember(k)),
            memberCode: memberCode(k),
            personalCode: personalCheckinCode(secret, memberCode(k)),
          }),
        };
      },
    });
    const acked = [...new Set(result.okTags)];
    const { rows: stored } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM attendances a JOIN members m ON m.id = a.member_id
        WHERE a.session_id = $1 AND a.status = 'present' AND m.code = ANY($2::text[])`,
      [sessionId, acked.map(memberCode)],
    );
    log(`check-ins: ${result.requests} sent, statuses ${JSON.stringify(result.statuses)}, p99 ${result.latency.p99} ms`);
    found({
      seconds: round(result.seconds, 1),
      checkins_per_s: Math.round(result.ok / result.seconds),
      p99_ms: result.latency.p99,
      acked: acked.length,
      lost: acked.length - stored[0]!.n,
    });

    const get = async (path: string) => {
      const res = await fetch(`${base}${path}`, { headers: { cookie: `resolute_session=${session}` } });
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
      return res.json() as Promise<unknown>;
    };
    const reads: [name: string, paths: string[]][] = [
      ['coverage_tree_ms', [`/api/study/coverage?documentId=${documentId}&orgId=1`]],
      ['dashboard_ms', [`/api/documents/${documentId}/dashboard?orgId=${P0}`]],
      ['search_ms', [`/api/members?q=${encodeURIComponent('dang vien 4242')}`]],
      ['tree_ms', ['/api/orgs/tree', `/api/orgs/tree?parentId=1`]],
    ];
    /**
     * Median of up to 9 timed runs after 2 warm-ups, within an equal share of the time left
     * (the reads not yet measured share it): a slow read yields fewer runs, not a missed bound.
     */
    const timeIt = async (paths: string[], budgetMs: number) => {
      const stopAt = performance.now() + budgetMs;
      const once = async () => {
        const t = performance.now();
        for (const p of paths) await get(p);
        return performance.now() - t;
      };
      const first = await once();
      if (performance.now() + first < stopAt) await once();
      const times: number[] = [];
      while (times.length < 9 && (times.length === 0 || performance.now() + median(times) < stopAt)) times.push(await once());
      return { ms: round(median(times.length ? times : [first])), runs: times.length };
    };
    const coverage = (await get(`/api/study/coverage?documentId=${documentId}&orgId=1`)) as Record<string, unknown>;
    log(`coverage of the country: ${JSON.stringify(coverage).slice(0, 200)}`);
    const search = (await get(`/api/members?q=${encodeURIComponent('dang vien 4242')}`)) as { total: number };
    log(`search found ${search.total}`);
    for (const [i, [name, paths]] of reads.entries()) {
      const leftMs = deadline - performance.now() - 30_000;
      if (leftMs <= 0) {
        skipped.push(name);
        continue;
      }
      const { ms, runs } = await timeIt(paths, leftMs / (reads.length - i));
      if (runs < 9) log(`${name}: ${runs} timed runs within the bound`);
      found({ [name]: ms });
    }
    const status = readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    found({ rss_mb: Math.round(rssKb / 1024) });
    return { ...figures, ...(skipped.length ? { skipped } : {}), load_avg: round(loadavg()[0]!, 2) };
  } finally {
    await folder?.stop();
    if (server) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    await close();
  }
}
