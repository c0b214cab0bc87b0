/**
 * The country's tree and members for `npm run bench -- national`, loaded with COPY: 34
 * provinces, 3,321 communes, 52,000 grassroots organizations and any number of members (the
 * member indexes dropped for the load and built once after it; the per-org counts and the
 * placements set in one statement each).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { Db } from '../src/server/db/pool';
import { round } from './support';

export const PROVINCES = 34;
export const COMMUNES = 3_321;
export const GRASSROOTS = 52_000;
/** Ids: 1 the centre, then provinces, communes, grassroots orgs. */
export const P0 = 2;
const C0 = P0 + PROVINCES;
export const G0 = C0 + COMMUNES;

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

function* orgLines(): Generator<string> {
  yield `1\t1\t\\N\tTW\tTrung ương\tcentral\n`;
  for (let p = P0; p < C0; p++) yield `${p}\t1.${p}\t1\tP${p}\tTỉnh ủy ${p}\tprovince_committee\n`;
  for (let c = C0; c < G0; c++) yield `${c}\t1.${provinceOf(c)}.${c}\t${provinceOf(c)}\tX${c}\tĐảng ủy xã ${c}\tcommune_committee\n`;
  for (let g = G0; g < G0 + GRASSROOTS; g++) {
    const c = communeOf(g);
    yield `${g}\t1.${provinceOf(c)}.${c}.${g}\t${c}\tC${g}\tChi bộ ${g}\tcell\n`;
  }
}

export const memberCode = (k: number) => `N${String(k).padStart(8, '0')}`;
/** Member k belongs to grassroots org G0 + (k - 1) % GRASSROOTS. */
export const orgOfMember = (k: number) => G0 + ((k - 1) % GRASSROOTS);

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

/** Loads the tree and `members` members; returns the seconds the COPY and the rest took. */
export async function loadNation(db: Db, members: number, log: (line: string) => void): Promise<{ copyS: number; indexS: number }> {
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
  // One connection with room to sort: the default 64 MB makes the index builds over 5,600,000
  // members spill to disk in many passes (the trigram index was most of a 25-minute load).
  const client = await db.connect();
  try {
    await client.query(`SET maintenance_work_mem = '1GB'`);
    for (const ix of indexes) await client.query(ix.def);
  } finally {
    client.release();
  }
  await db.query(
    `UPDATE orgs o SET member_count = c.n FROM (SELECT org_id, count(*)::int AS n FROM members GROUP BY org_id) c WHERE c.org_id = o.id`,
  );
  await db.query(
    `INSERT INTO member_placements (member_id, org_id, valid_from, reason) SELECT id, org_id, joined_date, 'roll' FROM members`,
  );
  await db.query('VACUUM ANALYZE');
  const indexS = (performance.now() - t0) / 1000;
  log(`indexes, counts, placements and analyze in ${round(indexS, 1)} s`);
  return { copyS, indexS };
}
