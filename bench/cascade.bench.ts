/**
 * `npm run bench -- cascade [orgs]`: the cascade views on a province-sized tree. Starts its own
 * embedded PostgreSQL in a temporary folder, generates with set-based SQL about 12,000 orgs
 * (province → 60 districts → 1,200 communes → grassroots), a resolution at the top and a
 * plan at nine in ten of the orgs below, each plan's items linked to its parent org's plan
 * (about 50,000 linked items), then times through the services:
 * - top_down_ms: the first level of the top-down view of a provincial target;
 * - gap_ms: the gap view of the provincial resolution down to every level (all orgs).
 * Medians of several runs after a warm-up; server time, no HTTP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedDatabase } from '../src/server/db/embedded';
import { migrate } from '../src/server/db/migrate';
import { createPool } from '../src/server/db/pool';
import type { Actor } from '../src/server/lib/actor';
import { findConcretizations, findGaps } from '../src/server/features/documents/cascade.service';

const RUNS = 9;
const DISTRICTS = 60;
const COMMUNES = 1200;

async function median(fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(RUNS / 2)]! * 10) / 10;
}

export default async function bench(args: string[]): Promise<Record<string, unknown>> {
  const totalOrgs = Number(args[0]) > 2000 ? Number(args[0]) : 12_000;
  const grassroots = totalOrgs - 1 - DISTRICTS - COMMUNES;
  const dir = mkdtempSync(join(tmpdir(), 'resolute-bench-cascade-'));
  const started = performance.now();
  const embedded = await startEmbeddedDatabase(dir);
  const db = createPool(embedded.url, 4);
  try {
    const client = new pg.Client(embedded.url);
    await client.connect();
    await migrate(client);
    await client.end();

    // Orgs: ids 1 (province), 2..61 districts, then communes, then grassroots, each under a parent
    // of the level above, round robin.
    await db.query(
      `INSERT INTO orgs (id, path, parent_id, code, name, kind) OVERRIDING SYSTEM VALUE VALUES (1, '1', NULL, 'P', 'Tỉnh ủy Mẫu', 'province_committee')`,
    );
    await db.query(
      `INSERT INTO orgs (id, path, parent_id, code, name, kind) OVERRIDING SYSTEM VALUE
       SELECT i, ('1.' || i)::ltree, 1, 'D' || i, 'Huyện ủy ' || i, 'district_committee' FROM generate_series(2, $1::int + 1) i`,
      [DISTRICTS],
    );
    await db.query(
      `INSERT INTO orgs (id, path, parent_id, code, name, kind) OVERRIDING SYSTEM VALUE
       SELECT i, ('1.' || p || '.' || i)::ltree, p, 'C' || i, 'Đảng ủy xã ' || i, 'commune_committee'
         FROM generate_series($1::int + 2, $1::int + $2::int + 1) i, LATERAL (SELECT 2 + (i % $1::int) AS p) x`,
      [DISTRICTS, COMMUNES],
    );
    await db.query(
      `INSERT INTO orgs (id, path, parent_id, code, name, kind) OVERRIDING SYSTEM VALUE
       SELECT i, (c.path::text || '.' || i)::ltree, c.id, 'G' || i, 'Đảng bộ cơ sở ' || i, 'grassroots'
         FROM generate_series($1::int, $1::int + $2::int - 1) i
         JOIN orgs c ON c.id = $3::int + (i % $4::int)`,
      [DISTRICTS + COMMUNES + 2, grassroots, DISTRICTS + 2, COMMUNES],
    );
    await db.query(`SELECT setval(pg_get_serial_sequence('orgs', 'id'), (SELECT max(id) FROM orgs))`);

    // Documents: the resolution (id 1) and a plan for nine orgs in ten below it.
    await db.query(
      `INSERT INTO documents (id, org_id, kind, term, number, symbol, title, status, series_id) OVERRIDING SYSTEM VALUE
       SELECT o.id, o.id, CASE WHEN o.id = 1 THEN 'resolution' ELSE 'plan' END, '2020-2025', 1,
              CASE WHEN o.id = 1 THEN '01-NQ/TU' ELSE '01-KH/ĐU' END, 'Văn bản của ' || o.name, 'adopted', o.id
         FROM orgs o WHERE o.id = 1 OR (o.id * 7919) % 10 <> 3`,
    );
    await db.query(`SELECT setval(pg_get_serial_sequence('documents', 'id'), (SELECT max(id) FROM documents))`);
    await db.query(
      `INSERT INTO document_implements (document_id, implements_series_id)
       SELECT d.id, 1 FROM documents d WHERE d.id <> 1
       UNION SELECT d.id, pd.id FROM documents d JOIN orgs o ON o.id = d.org_id JOIN documents pd ON pd.org_id = o.parent_id WHERE o.parent_id <> 1`,
    );
    const { rows: ind } = await db.query<{ id: number }>(`SELECT id FROM indicators WHERE code = 'NEW_MEMBERS'`);
    // Items per level: 40 in the resolution, 8 per district plan, 7 per commune, 5 per grassroots.
    await db.query(
      `INSERT INTO document_items (document_id, kind, position, text, indicator_id, comparator, value, unit)
       SELECT d.id, CASE WHEN k % 2 = 1 THEN 'target' ELSE 'task' END, k, 'Nội dung ' || k || ' của văn bản ' || d.id,
              CASE WHEN k % 2 = 1 THEN $1::bigint END, CASE WHEN k % 2 = 1 THEN '>=' END, CASE WHEN k % 2 = 1 THEN 100 + k END,
              CASE WHEN k % 2 = 1 THEN 'đảng viên' END
         FROM documents d JOIN LATERAL (SELECT CASE nlevel(path_of(d.org_id)) WHEN 1 THEN 40 WHEN 2 THEN 8 WHEN 3 THEN 7 ELSE 5 END AS n) c ON true
         CROSS JOIN LATERAL generate_series(1, c.n) k`,
      [ind[0]!.id],
    );
    // Each lower item concretizes an item of the plan of its org's parent (the resolution for districts).
    await db.query(
      `INSERT INTO item_links (child_item_id, parent_item_id)
       SELECT ci.id, pi.id
         FROM document_items ci JOIN documents cd ON cd.id = ci.document_id JOIN orgs o ON o.id = cd.org_id
         JOIN documents pd ON pd.org_id = o.parent_id
         JOIN LATERAL (SELECT CASE nlevel(path_of(pd.org_id)) WHEN 1 THEN 40 WHEN 2 THEN 8 ELSE 7 END AS n) c ON true
         JOIN document_items pi ON pi.document_id = pd.id AND pi.position = 1 + ((ci.position - 1 + cd.id) % c.n)
        WHERE cd.id <> 1`,
    );
    await db.query('ANALYZE');
    const [{ rows: counts }] = await Promise.all([
      db.query<{ orgs: number; items: number; links: number; docs: number }>(
        `SELECT (SELECT count(*)::int FROM orgs) AS orgs, (SELECT count(*)::int FROM item_links) AS links,
                (SELECT count(*)::int FROM document_items) AS items, (SELECT count(*)::int FROM documents) AS docs`,
      ),
    ]);
    const { rows: top } = await db.query<{ id: number; n: number }>(
      `SELECT l.parent_item_id AS id, count(*)::int AS n FROM item_links l JOIN document_items i ON i.id = l.parent_item_id
        WHERE i.document_id = 1 AND i.kind = 'target' GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
    );
    const generatedS = Math.round((performance.now() - started) / 100) / 10;

    // An administrator of the province: the scope filters run as they do for a real user.
    const actor: Actor = {
      userId: 1,
      username: 'bench',
      fullName: 'Bench',
      ip: null,
      memberId: null,
      locale: 'vi',
      grants: [{ role: 'admin', orgId: 1, orgPath: '1' }],
    };
    let firstLevel = 0;
    const topDownMs = await median(async () => {
      firstLevel = (await findConcretizations(db, actor, top[0]!.id)).children.length;
    });
    let missing = 0;
    const gapMs = await median(async () => {
      missing = (await findGaps(db, actor, 1, 6)).missingCount;
    });
    const gapDirectMs = await median(() => findGaps(db, actor, 1, 1));
    const c = counts[0]!;
    return {
      orgs: c.orgs,
      documents: c.docs,
      items: c.items,
      linked_items: c.links,
      top_down_first_level: firstLevel,
      top_down_ms: topDownMs,
      gap_orgs_missing: missing,
      gap_ms: gapMs,
      gap_direct_ms: gapDirectMs,
      generate_s: generatedS,
      runs: RUNS,
    };
  } finally {
    await db.end();
    await embedded.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
