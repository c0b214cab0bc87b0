/**
 * `npm run bench -- reorg [members]`: reorganizing a national-size tree. Starts its own embedded
 * PostgreSQL in a temporary folder and loads with COPY a tree of 34 provinces, 3,321 communes
 * and 12,000 orgs in all, with 1,000,000 members (two provinces of 150,000 each) and each
 * commune's approved values for four quarters. Then it merges the second of those provinces
 * into the first on 01/07/2025, as the 2025 reform did, and times:
 * - merge_preview_s: the preview (everything the merge touches), through the service;
 * - merge_commit_s: the commit (one transaction: children moved, history, rollups, lineage);
 * - tree_as_of_ms: GET /api/reorg/tree of the merged province as of 30/06/2025 with that day's
 *   member counts, over HTTP on loopback as an administrator (median of 15 after a warm-up), the
 *   page's own request;
 * - dashboard_as_of_ms: GET /api/reorg/figures of it as of 30/06/2025 on the tree of that day,
 *   over HTTP likewise (median of 15).
 * `load_avg` is the machine's one-minute load average at the end: the figures are of a shared machine.
 * Limits (issue 11): preview < 5 s, commit < 30 s, tree as of < 200 ms, dashboard as of < 500 ms.
 */
import { loadavg } from 'node:os';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { systemActor } from '../src/server/lib/actor';
import type { Db } from '../src/server/db/pool';
import { createSession } from '../src/server/lib/sessions';
import { startServerChild } from '../src/server/features/study/testing/harness';
import { commitReorg, previewReorg } from '../src/server/features/reorg/reorg.service';
import { reorgRequestSchema } from '../src/contracts/reorg';
import { benchDatabase, median, round } from './support';

const log = (line: string) => process.stderr.write(`${line}\n`);

const PROVINCES = 34;
const COMMUNES = 3_321;
const ORGS = 12_000;

async function copyRows(db: Db, sql: string, rows: Iterable<string>) {
  const client = await db.connect();
  try {
    await pipeline(Readable.from(rows), client.query(copyFrom(sql)));
  } finally {
    client.release();
  }
}

/** The generated tree: ids 1 (centre), 2..35 provinces, then communes, then cells. */
function* orgLines(): Generator<string> {
  const cells = ORGS - 1 - PROVINCES - COMMUNES;
  yield `1\t1\t\\N\tTW\tTrung ương\tcentral\n`;
  for (let p = 0; p < PROVINCES; p++) {
    const id = 2 + p;
    yield `${id}\t1.${id}\t1\tP${id}\tTỉnh ủy ${id}\tprovince_committee\n`;
  }
  const c0 = 2 + PROVINCES;
  for (let c = 0; c < COMMUNES; c++) {
    const id = c0 + c,
      parent = 2 + (c % PROVINCES);
    yield `${id}\t1.${parent}.${id}\t${parent}\tX${id}\tĐảng ủy xã ${id}\tcommune_committee\n`;
  }
  const k0 = c0 + COMMUNES;
  for (let k = 0; k < cells; k++) {
    const id = k0 + k,
      commune = c0 + (k % COMMUNES),
      province = 2 + ((commune - c0) % PROVINCES);
    yield `${id}\t1.${province}.${commune}.${id}\t${commune}\tC${id}\tChi bộ ${id}\tcell\n`;
  }
}

export default async function bench(args: string[]): Promise<Record<string, unknown>> {
  const members = Number(args[0]) > 0 ? Number(args[0]) : 1_000_000;
  const { db, url: dbUrl, close } = await benchDatabase(4);
  let server: Awaited<ReturnType<typeof startServerChild>> | null = null;
  try {
    let t0 = performance.now();
    await copyRows(db, 'COPY orgs (id, path, parent_id, code, name, kind) FROM STDIN', orgLines());
    await db.query(`SELECT setval(pg_get_serial_sequence('orgs', 'id'), (SELECT max(id) FROM orgs))`);
    // The tree has stood since 2020, so that 30/06/2025 is a day of the old tree.
    await db.query(`UPDATE orgs SET valid_from = '2020-01-01'`);
    await db.query(`UPDATE org_versions SET valid_from = '2020-01-01'`);
    const { rows: cellRows } = await db.query<{ id: number; province: number }>(
      `SELECT id::int, subpath(path, 1, 1)::text::int AS province FROM orgs WHERE kind = 'cell' ORDER BY id`,
    );
    // Provinces 2 and 3 hold 150,000 members each, the others share the rest.
    const otherCells = cellRows.filter((c) => c.province !== 2 && c.province !== 3).map((c) => c.id);
    const perBig = Math.min(150_000, Math.floor(members * 0.15));
    // The member triggers (counts, placements) are replaced by two set-based statements below.
    await db.query('ALTER TABLE members DISABLE TRIGGER ALL');
    const province2 = cellRows.filter((c) => c.province === 2).map((c) => c.id);
    const province3 = cellRows.filter((c) => c.province === 3).map((c) => c.id);
    function* memberLines(): Generator<string> {
      for (let k = 1; k <= members; k++) {
        const org =
          k <= perBig
            ? province2[k % province2.length]!
            : k <= 2 * perBig
              ? province3[k % province3.length]!
              : otherCells[k % otherCells.length]!;
        yield `${org}\tM${String(k).padStart(8, '0')}\tĐảng viên ${k}\t${k}\t${k % 3 === 0 ? 'female' : 'male'}\t2010-01-01\n`;
      }
    }
    await copyRows(db, 'COPY members (org_id, code, full_name, given_name, gender, joined_date) FROM STDIN', memberLines());
    await db.query('ALTER TABLE members ENABLE TRIGGER ALL');
    await db.query(
      `UPDATE orgs o SET member_count = c.n FROM (SELECT org_id, count(*)::int AS n FROM members GROUP BY org_id) c WHERE c.org_id = o.id`,
    );
    await db.query(
      `INSERT INTO member_placements (member_id, org_id, valid_from, reason) SELECT id, org_id, joined_date, 'roll' FROM members`,
    );
    // Each commune's approved values for four quarters: new members (a sum) and study (a rate).
    await db.query(
      `INSERT INTO org_indicator_values (indicator_id, org_id, period_key, period_end, value, numerator, denominator)
       SELECT ind.id, o.id, q.k, q.e::date,
              CASE WHEN ind.aggregation = 'rate' THEN round(100.0 * (40 + o.id % 10) / 50, 2) ELSE o.id % 9 END,
              CASE WHEN ind.aggregation = 'rate' THEN 40 + o.id % 10 END, CASE WHEN ind.aggregation = 'rate' THEN 50 END
         FROM orgs o CROSS JOIN indicators ind
         CROSS JOIN (VALUES ('2024-Q3', '2024-09-30'), ('2024-Q4', '2024-12-31'), ('2025-Q1', '2025-03-31'), ('2025-Q2', '2025-06-30')) q(k, e)
        WHERE o.kind = 'commune_committee' AND ind.code IN ('NEW_MEMBERS', 'STUDY_RATE')`,
    );
    await db.query(`SELECT rebuild_rollups(ARRAY(SELECT id FROM orgs WHERE kind IN ('central', 'province_committee')))`);
    await db.query('VACUUM ANALYZE');
    const { rows: counts } = await db.query<{ orgs: number; members: number }>(
      `SELECT (SELECT count(*)::int FROM orgs) AS orgs, (SELECT count(*)::int FROM members) AS members`,
    );
    log(`loaded ${counts[0]!.orgs} orgs and ${counts[0]!.members} members with COPY in ${Math.round(performance.now() - t0)} ms`);

    const actor = systemActor('Phép đo');
    const request = reorgRequestSchema.parse({
      kind: 'merge',
      effectiveDate: '2025-07-01',
      decision: 'Quyết định số 321-QĐ/TW (phép đo)',
      sourceOrgIds: [3],
      targetOrgIds: [2],
    });
    t0 = performance.now();
    const preview = await previewReorg(db, actor, request);
    const previewS = (performance.now() - t0) / 1000;
    if (preview.problems.length > 0) throw new Error(JSON.stringify(preview.problems));
    log(`preview: ${preview.cells.length} communes, ${preview.membersMoving} members moving`);
    t0 = performance.now();
    await commitReorg(db, actor, request);
    const commitS = (performance.now() - t0) / 1000;
    await db.query('ANALYZE');

    const { rows: user } = await db.query<{ id: number }>(
      `INSERT INTO users (username, full_name, password_hash) VALUES ('bench-admin', 'Bench', 'x') RETURNING id`,
    );
    await db.query(`INSERT INTO user_roles (user_id, org_id, role) VALUES ($1, 1, 'admin')`, [user[0]!.id]);
    const { token } = await createSession(db, user[0]!.id, '127.0.0.1', 'bench');
    server = await startServerChild(dbUrl);
    const base = `http://127.0.0.1:${server.port}/api/reorg`;
    const get = async <T>(path: string): Promise<T> => {
      const res = await fetch(`${base}${path}`, { headers: { cookie: `resolute_session=${token}` } });
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as T;
    };
    const timeIt = async (fn: () => Promise<unknown>) => {
      for (let i = 0; i < 3; i++) await fn();
      const times: number[] = [];
      for (let i = 0; i < 15; i++) {
        const t = performance.now();
        await fn();
        times.push(performance.now() - t);
      }
      return median(times);
    };
    const treePath = '/tree?asOf=2025-06-30&rootId=3';
    const tree = await get<{ orgs: { subtreeMembers: number }[] }>(treePath);
    const treeMembers = tree.orgs[0]?.subtreeMembers ?? 0;
    if (treeMembers !== perBig) throw new Error(`tree as of counted ${treeMembers} members, expected ${perBig}`);
    const treeMs = await timeIt(() => get(treePath));
    const figuresPath = '/figures?orgId=3&asOf=2025-06-30&tree=as_of';
    const dashboard = await get<{ members: number }>(figuresPath);
    if (dashboard.members !== perBig) throw new Error(`dashboard as of counted ${dashboard.members} members, expected ${perBig}`);
    const dashboardMs = await timeIt(() => get(figuresPath));
    return {
      orgs: counts[0]!.orgs,
      members: counts[0]!.members,
      merge_preview_s: round(previewS, 2),
      merge_commit_s: round(commitS, 2),
      tree_as_of_ms: round(treeMs),
      dashboard_as_of_ms: round(dashboardMs),
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
