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
 * Each time is the median of 9 after 2 warm-ups, as an administrator at the centre.
 * `load_avg` is the one-minute load average at the end: the machine is shared.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { Db } from '../src/server/db/pool';
import { createSession } from '../src/server/lib/sessions';
import { anonymousCsrf, createTestDocument, startServerChild } from '../src/server/features/study/testing/harness';
import { runLoad } from '../src/server/features/study/testing/loadgen';
import { getQrSecret } from '../src/server/features/study/checkin/qr-secret';
import { signQrToken } from '../src/domain/study/qr-token';
import { personalCheckinCode } from '../src/domain/study/personal-code';
import { benchDatabase, median, round } from './support';

const log = (line: string) => process.stderr.write(`${line}\n`);

const PROVINCES = 34;
const COMMUNES = 3_321;
const GRASSROOTS = 52_000;
const BRIDGE_POINTS = 31_000;
const P0 = 2;
const C0 = P0 + PROVINCES;
const G0 = C0 + COMMUNES;

async function copyRows(db: Db, sql: string, rows: Iterable<string>) {
  const client = await db.connect();
  try {
    await pipeline(Readable.from(rows, { objectMode: false }), client.query(copyFrom(sql)));
  } finally {
    client.release();
  }
}

const communeOf = (g: number) => C0 + ((g - G0) % COMMUNES);
const provinceOf = (c: number) => P0 + ((c - C0) % PROVINCES);

/** Ids: 1 the centre, then provinces, communes, grassroots orgs. */
function* orgLines(): Generator<string> {
  yield `1\t1\t\\N\tTW\tTrung ương\tcentral\n`;
  for (let p = P0; p < C0; p++) yield `${p}\t1.${p}\t1\tP${p}\tTỉnh ủy ${p}\tprovince_committee\n`;
  for (let c = C0; c < G0; c++) yield `${c}\t1.${provinceOf(c)}.${c}\t${provinceOf(c)}\tX${c}\tĐảng ủy xã ${c}\tcommune_committee\n`;
  for (let g = G0; g < G0 + GRASSROOTS; g++) {
    const c = communeOf(g);
    yield `${g}\t1.${provinceOf(c)}.${c}.${g}\t${c}\tC${g}\tChi bộ ${g}\tcell\n`;
  }
}

const memberCode = (k: number) => `N${String(k).padStart(8, '0')}`;
/** Member k belongs to grassroots org G0 + (k - 1) % GRASSROOTS. */
const orgOfMember = (k: number) => G0 + ((k - 1) % GRASSROOTS);

function* memberLines(members: number): Generator<string> {
  // Batches of lines: one string per row would cost more in the stream than in PostgreSQL.
  let chunk = '';
  for (let k = 1; k <= members; k++) {
    chunk += `${orgOfMember(k)}\t${memberCode(k)}\tĐảng viên ${k}\t${k}\t${k % 3 === 0 ? 'female' : 'male'}\t2010-01-01\n`;
    if (k % 5000 === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

export default async function bench(args: string[]): Promise<Record<string, unknown>> {
  const members = Number(args[0]) > 0 ? Number(args[0]) : 5_600_000;
  const seconds = Number(args[1]) > 0 ? Number(args[1]) : 20;
  const { db, url: dbUrl, close } = await benchDatabase(4);
  let server: Awaited<ReturnType<typeof startServerChild>> | null = null;
  try {
    let t0 = performance.now();
    await copyRows(db, 'COPY orgs (id, path, parent_id, code, name, kind) FROM STDIN', orgLines());
    await db.query(`SELECT setval(pg_get_serial_sequence('orgs', 'id'), (SELECT max(id) FROM orgs))`);
    log(`orgs in ${Math.round(performance.now() - t0)} ms`);

    // Indexes that back no constraint are built once after the load, not row by row.
    const { rows: indexes } = await db.query<{ name: string; def: string }>(
      `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
        WHERE i.tablename = 'members' AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.indexname))::regclass)`,
    );
    for (const ix of indexes) await db.query(`DROP INDEX ${ix.name}`);
    // The member triggers (counts, placements) are replaced by set-based statements below.
    await db.query('ALTER TABLE members DISABLE TRIGGER ALL');
    t0 = performance.now();
    await copyRows(db, 'COPY members (org_id, code, full_name, given_name, gender, joined_date) FROM STDIN', memberLines(members));
    const copyS = (performance.now() - t0) / 1000;
    log(`${members} members by COPY in ${round(copyS, 1)} s`);
    await db.query('ALTER TABLE members ENABLE TRIGGER ALL');
    t0 = performance.now();
    for (const ix of indexes) await db.query(ix.def);
    await db.query(
      `UPDATE orgs o SET member_count = c.n FROM (SELECT org_id, count(*)::int AS n FROM members GROUP BY org_id) c WHERE c.org_id = o.id`,
    );
    await db.query(
      `INSERT INTO member_placements (member_id, org_id, valid_from, reason) SELECT id, org_id, joined_date, 'roll' FROM members`,
    );
    await db.query('VACUUM ANALYZE');
    const indexS = (performance.now() - t0) / 1000;
    log(`indexes, counts, placements and analyze in ${round(indexS, 1)} s`);

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

    const get = async (path: string) => {
      const res = await fetch(`${base}${path}`, { headers: { cookie: `resolute_session=${session}` } });
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
      return res.json() as Promise<unknown>;
    };
    const timeIt = async (paths: string[]) => {
      const once = async () => {
        for (const p of paths) await get(p);
      };
      for (let i = 0; i < 2; i++) await once();
      const times: number[] = [];
      for (let i = 0; i < 9; i++) {
        const t = performance.now();
        await once();
        times.push(performance.now() - t);
      }
      return round(median(times));
    };
    const coverage = (await get(`/api/study/coverage?documentId=${documentId}&orgId=1`)) as Record<string, unknown>;
    log(`coverage of the country: ${JSON.stringify(coverage).slice(0, 200)}`);
    const coverageMs = await timeIt([`/api/study/coverage?documentId=${documentId}&orgId=1`]);
    const dashboardMs = await timeIt([`/api/documents/${documentId}/dashboard?orgId=${P0}`]);
    const search = (await get(`/api/members?q=${encodeURIComponent('dang vien 4242')}`)) as { total: number };
    log(`search found ${search.total}`);
    const searchMs = await timeIt([`/api/members?q=${encodeURIComponent('dang vien 4242')}`]);
    const treeMs = await timeIt(['/api/orgs/tree', `/api/orgs/tree?parentId=1`]);
    const status = readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return {
      provinces: PROVINCES,
      communes: COMMUNES,
      grassroots: GRASSROOTS,
      members,
      copy_s: round(copyS, 1),
      index_s: round(indexS, 1),
      bridge_points: BRIDGE_POINTS,
      seconds: round(result.seconds, 1),
      checkins_per_s: Math.round(result.ok / result.seconds),
      p99_ms: result.latency.p99,
      acked: acked.length,
      lost: acked.length - stored[0]!.n,
      coverage_tree_ms: coverageMs,
      dashboard_ms: dashboardMs,
      search_ms: searchMs,
      tree_ms: treeMs,
      rss_mb: Math.round(rssKb / 1024),
      load_avg: round(loadavg()[0]!, 2),
    };
  } finally {
    if (server) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    await close();
  }
}
