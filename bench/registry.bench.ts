/**
 * `npm run bench -- registry [members] [events]`: a province's party-building figures for a
 * term. Starts its own embedded PostgreSQL, generates 12,000 orgs and 1,000,000 members, loads
 * 5,000,000 membership events with COPY (admissions 2000–2025, reviews, transfers out and in,
 * exemptions; the kept counts and probations follow by the statement triggers in the same
 * load, the indexes are built after it), then times the
 * figures of the root for the 2021–2025 term and for an odd period (17/03/2023–02/11/2025: edge
 * days read events), the median of 30 calls each after a warm-up (limit 300 ms), then checks
 * every figure against a recount of the events.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { Db } from '../src/server/db/pool';
import { systemActor } from '../src/server/lib/actor';
import { generateTree } from '../src/server/features/study/testing/harness';
import { getIndicators } from '../src/server/features/registry/indicators.service';
import { benchDatabase, median, round } from './support';

const log = (line: string) => process.stderr.write(`${line}\n`);
const KINDS = ['admission', 'official', 'transfer_out', 'transfer_in', 'exemption'] as const;

function* eventLines(members: number, events: number, cellOf: (k: number) => number, isMine: (cell: number) => boolean): Generator<string> {
  const day0 = Date.UTC(2000, 0, 1) / 86_400_000;
  for (let k = 0; k < events; k++) {
    const m = (k % members) + 1;
    const cell = cellOf(m);
    if (!isMine(cell)) continue;
    const round = Math.floor(k / members) % KINDS.length;
    const kind = KINDS[round]!;
    // Admissions spread over 2000–2025; each later event of the member about 13 months on.
    const day = day0 + ((m * 7919) % 9_300) + round * 400;
    const date = new Date(Math.min(day, Date.UTC(2026, 0, 1) / 86_400_000) * 86_400_000).toISOString().slice(0, 10);
    const code = kind === 'transfer_out' ? `T${m}` : '\\N';
    const mode = kind.startsWith('transfer') ? 'official' : '\\N';
    yield `${m}\t${cell}\t${kind}\t${date}\tQĐ ${k}\t${mode}\t${code}\t${m % 5 === 0 ? 't' : 'f'}\t${m % 3 === 0 ? 't' : 'f'}\t${m % 2 === 0 ? 't' : 'f'}\n`;
  }
}

/** Chunks (of a few thousand lines) per COPY statement: 100 chunks of 5,000 lines is 500,000 events. */
const CHUNKS_PER_COPY = 100;

/**
 * Loads the chunks with one COPY statement per CHUNKS_PER_COPY chunks. One COPY of 2.5 million
 * events made each statement trigger hold a transition table of all of them and group it at
 * once (two streams at a time, next to the other load on a shared machine); the full-size load
 * lost its connection during that statement. Bounded statements keep the triggers' memory and
 * temporary files bounded; the kept counts add up the same, statement after statement.
 */
async function copyRows(db: Db, sql: string, chunks: Iterable<string>) {
  const client = await db.connect();
  try {
    // The count trigger groups the transition rows of one statement: in memory, not spilled to disk.
    await client.query(`SET work_mem = '64MB'`);
    // A load statement is never cut by a timeout of the session.
    await client.query(`SET statement_timeout = 0`);
    const it = chunks[Symbol.iterator]();
    let done = false;
    while (!done) {
      const batch = function* () {
        for (let i = 0; i < CHUNKS_PER_COPY; i++) {
          const next = it.next();
          if (next.done) {
            done = true;
            return;
          }
          yield next.value;
        }
      };
      await pipeline(Readable.from(batch()), client.query(copyFrom(sql)));
    }
    await client.query('RESET work_mem');
    await client.query('RESET statement_timeout');
  } finally {
    client.release();
  }
}

export default async function bench(args: string[]): Promise<Record<string, unknown>> {
  const members = Number(args[0]) > 0 ? Number(args[0]) : 1_000_000;
  const events = Number(args[1]) > 0 ? Number(args[1]) : 5_000_000;
  const { db, close } = await benchDatabase(4);
  try {
    let t0 = performance.now();
    const g = await generateTree(db, { orgs: 12_000, members });
    log(`generated ${g.orgs} orgs and ${members} members in ${Math.round(performance.now() - t0)} ms`);
    const { rows: first } = await db.query<{ id: number }>('SELECT min(id)::int AS id FROM members');
    const offset = first[0]!.id - 1;
    t0 = performance.now();
    // As generateTree does for members: the indexes are built once after the load and the
    // foreign keys checked once by a join, instead of row by row for five million rows. The
    // statement triggers stay: the kept counts and the probations follow in the same load.
    // The kept counts keep their primary key (the triggers' upsert needs it) and the
    // probations theirs; everything else is rebuilt.
    const { rows: indexes } = await db.query<{ def: string; name: string }>(
      `SELECT indexdef AS def, indexname AS name FROM pg_indexes
        WHERE tablename IN ('membership_events', 'registry_counts', 'registry_probations') AND indexname NOT LIKE '%_pkey'`,
    );
    const { rows: fks } = await db.query<{ name: string; tab: string; def: string }>(
      `SELECT conname AS name, conrelid::regclass::text AS tab, pg_get_constraintdef(oid) AS def FROM pg_constraint
        WHERE conrelid IN ('membership_events'::regclass, 'registry_counts'::regclass) AND contype = 'f'`,
    );
    for (const i of indexes) await db.query(`DROP INDEX ${i.name}`);
    for (const f of fks) await db.query(`ALTER TABLE ${f.tab} DROP CONSTRAINT ${f.name}`);
    // Two COPY streams on two connections (two cores), split by cell so that the count
    // triggers of each update their own org rows: no lock waits between them.
    const cells = new Set<number>();
    for (let m = 1; m <= Math.min(members, 20_000); m++) cells.add(g.cellOf(m));
    const split = [...cells].sort((a, b) => a - b)[Math.floor(cells.size / 2)]!;
    await Promise.all(
      [(c: number) => c < split, (c: number) => c >= split].map((isMine) =>
        copyRows(
          db,
          `COPY membership_events (member_id, org_id, kind, event_date, decision, transfer_mode, transfer_code, is_non_state, is_young, is_female) FROM STDIN`,
          (function* () {
            // A few thousand lines per chunk: one stream write per line would cost more than the line.
            let chunk = '';
            let lines = 0;
            for (const line of eventLines(members, events, g.cellOf, isMine)) {
              const tab = line.indexOf('\t');
              chunk += `${Number(line.slice(0, tab)) + offset}${line.slice(tab)}`;
              if (++lines % 5_000 === 0) {
                yield chunk;
                chunk = '';
              }
            }
            if (chunk) yield chunk;
          })(),
        ),
      ),
    );
    log(`copied ${events} events (with their kept counts and probations) in ${Math.round(performance.now() - t0)} ms`);
    for (const i of indexes) await db.query(i.def);
    for (const f of fks) {
      await db.query(`ALTER TABLE ${f.tab} ADD CONSTRAINT ${f.name} ${f.def} NOT VALID`);
      await db.query(`ALTER TABLE ${f.tab} VALIDATE CONSTRAINT ${f.name}`);
    }
    // Index-only scans need the visibility map, which a fresh table has not yet.
    await db.query('VACUUM ANALYZE membership_events');
    await db.query('VACUUM ANALYZE registry_counts');
    await db.query('VACUUM ANALYZE registry_probations');
    log(`loaded ${events} events, indexed and checked, in ${Math.round(performance.now() - t0)} ms`);

    const actor = systemActor('bench');
    const time = async (from: string, to: string) => {
      await getIndicators(db, actor, { orgId: g.rootId, from, to });
      const ms: number[] = [];
      let last: Awaited<ReturnType<typeof getIndicators>> | null = null;
      for (let i = 0; i < 30; i++) {
        const t = performance.now();
        last = await getIndicators(db, actor, { orgId: g.rootId, from, to });
        ms.push(performance.now() - t);
      }
      return { ms: median(ms), figures: last!.figures };
    };
    const term = await time('2021-01-01', '2025-12-31');
    const odd = await time('2023-03-17', '2025-11-02');
    // The figures must equal a recount of the events (checked once, outside the timing).
    for (const [from, to, figures] of [
      ['2021-01-01', '2025-12-31', term.figures],
      ['2023-03-17', '2025-11-02', odd.figures],
    ] as const) {
      const { rows } = await db.query<Record<string, number>>(
        `SELECT count(*) FILTER (WHERE kind = 'admission')::int AS admitted,
                count(*) FILTER (WHERE kind = 'admission' AND is_non_state)::int AS admitted_nse,
                count(*) FILTER (WHERE kind = 'official')::int AS made_official,
                count(*) FILTER (WHERE kind = 'transfer_in')::int AS transfers_in,
                count(*) FILTER (WHERE kind = 'transfer_out')::int AS transfers_out,
                (SELECT count(*)::int FROM membership_events a WHERE a.kind = 'admission' AND (a.event_date + interval '1 year')::date < $2::date
                    AND NOT EXISTS (SELECT 1 FROM membership_events x WHERE x.member_id = a.member_id AND x.event_date <= $2::date
                                      AND x.kind IN ('official','removal','expulsion','resignation','death'))) AS overdue
           FROM membership_events WHERE event_date BETWEEN $1 AND $2`,
        [from, to],
      );
      for (const [k, v] of Object.entries(rows[0]!)) {
        const kept = figures[k as keyof typeof figures];
        if (kept !== v) throw new Error(`${k} ${from}..${to}: ${kept} ≠ recount ${v}`);
      }
    }
    const { rows: count } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM membership_events');
    return {
      members,
      events: count[0]!.n,
      indicator_ms: round(term.ms),
      odd_period_ms: round(odd.ms),
      admitted_term: term.figures.admitted,
      overdue_odd_end: odd.figures.overdue,
      limit_ms: 300,
    };
  } finally {
    await close();
  }
}
