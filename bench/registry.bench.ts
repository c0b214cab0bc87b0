/**
 * `npm run bench -- registry [members] [events]`: a province's party-building figures for a
 * term. Starts its own embedded PostgreSQL, generates 12,000 orgs and 1,000,000 members, loads
 * 5,000,000 membership events with COPY (admissions 2000–2025, reviews, transfers out and in,
 * exemptions; the kept counts follow by the statement trigger in the same load), then times the
 * figures of the root for the 2021–2025 term and for an odd period (edge days read events):
 * the median of 30 calls each after a warm-up (limit 300 ms).
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

function* eventLines(members: number, events: number, cellOf: (k: number) => number): Generator<string> {
  const day0 = Date.UTC(2000, 0, 1) / 86_400_000;
  for (let k = 0; k < events; k++) {
    const m = (k % members) + 1;
    const round = Math.floor(k / members) % KINDS.length;
    const kind = KINDS[round]!;
    // Admissions spread over 2000–2025; each later event of the member about 13 months on.
    const day = day0 + ((m * 7919) % 9_300) + round * 400;
    const date = new Date(Math.min(day, Date.UTC(2026, 0, 1) / 86_400_000) * 86_400_000).toISOString().slice(0, 10);
    const code = kind === 'transfer_out' ? `T${m}` : '\\N';
    const mode = kind.startsWith('transfer') ? 'official' : '\\N';
    yield `${m}\t${cellOf(m)}\t${kind}\t${date}\tQĐ ${k}\t${mode}\t${code}\t${m % 5 === 0 ? 't' : 'f'}\t${m % 3 === 0 ? 't' : 'f'}\t${m % 2 === 0 ? 't' : 'f'}\n`;
  }
}

async function copyRows(db: Db, sql: string, rows: Iterable<string>) {
  const client = await db.connect();
  try {
    await pipeline(Readable.from(rows), client.query(copyFrom(sql)));
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
    await copyRows(
      db,
      `COPY membership_events (member_id, org_id, kind, event_date, decision, transfer_mode, transfer_code, is_non_state, is_young, is_female) FROM STDIN`,
      (function* () {
        for (const line of eventLines(members, events, g.cellOf)) {
          const tab = line.indexOf('\t');
          yield `${Number(line.slice(0, tab)) + offset}${line.slice(tab)}`;
        }
      })(),
    );
    await db.query('ANALYZE');
    log(`loaded ${events} events (with their kept counts) in ${Math.round(performance.now() - t0)} ms`);

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
    const odd = await time('2023-05-17', '2025-02-10');
    // The kept counts must equal a recount of the events (checked once, outside the timing).
    const { rows: recount } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM membership_events WHERE kind = 'admission' AND event_date BETWEEN '2021-01-01' AND '2025-12-31'`,
    );
    if (recount[0]!.n !== term.figures.admitted) throw new Error(`admitted ${term.figures.admitted} ≠ recount ${recount[0]!.n}`);
    const { rows: count } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM membership_events');
    return {
      members,
      events: count[0]!.n,
      indicator_ms: round(term.ms),
      odd_period_ms: round(odd.ms),
      admitted_term: term.figures.admitted,
      limit_ms: 300,
    };
  } finally {
    await close();
  }
}
